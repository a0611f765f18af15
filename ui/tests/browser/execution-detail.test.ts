import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { setupApp } from "./harness";

const app = setupApp();

async function openWebApp(): Promise<Page> {
  const page = await app.open();
  await page.getByRole("option", { name: "web-app" }).click();
  await page.getByRole("heading", { level: 1, name: "web-app" }).waitFor();
  return page;
}

async function runToEnd(page: Page, status = "Succeeded"): Promise<void> {
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const summary = page.getByLabel("Latest run");
  await expect.poll(() => summary.getAttribute("data-status"), { timeout: 6000 }).toBe(status);
}

function card(page: Page, stage: string, action: string) {
  return page.getByRole("region", { name: stage, exact: true }).getByRole("button", { name: action, exact: true });
}

describe("the live run view", () => {
  test("the summary bar tells status, trigger, source revisions, start and duration; cards and stages their elapsed time", async () => {
    const page = await openWebApp();
    await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.setRunDuration(4000));
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const summary = page.getByLabel("Latest run");
    await expect.poll(() => summary.textContent()).toContain("In progress");
    const checkout = card(page, "Source", "Checkout");
    await expect.poll(() => checkout.getAttribute("class"), { timeout: 3000 }).toContain("running");
    await app.screenshot("execution-running");
    await expect.poll(() => summary.getAttribute("data-status"), { timeout: 8000 }).toBe("Succeeded");
    const text = (await summary.textContent()) ?? "";
    expect(text).toContain("Started by hand");
    // One short revision per source action, named after it.
    expect(text).toMatch(/[0-9a-f]{7} \(Checkout\)/);
    expect(text).toMatch(/Duration \d/);
    // Cards show their elapsed time, stages theirs, once run.
    expect(await checkout.locator(".action-elapsed").textContent()).toMatch(/^\d+ (ms|s)$/);
    expect(await page.getByRole("region", { name: "Build", exact: true }).locator(".stage-run-meta").textContent()).toMatch(/\d+ (ms|s)/);
    expect(await checkout.getAttribute("class")).not.toContain("running");
  });

  test("action details show the run: container, exit code, artifacts with their files, output variables, and the log", async () => {
    const page = await openWebApp();
    await runToEnd(page);
    await card(page, "Build", "Compile").click();
    const details = page.getByRole("complementary", { name: "Action details" });
    const run = details.getByRole("region", { name: "Run", exact: true });
    expect(await run.textContent()).toContain("Succeeded");
    expect(await run.textContent()).toContain("Attempt1");
    const container = details.getByRole("region", { name: "Container" });
    expect(await container.textContent()).toContain("node:20-bookworm@sha256:");
    expect(await container.textContent()).toContain("Exit code0");
    const artifacts = details.getByRole("region", { name: "Artifacts of this run" });
    expect(await artifacts.textContent()).toContain("in: SourceOutput");
    expect(await artifacts.textContent()).toContain("out: BuildOutput");
    expect(await artifacts.textContent()).toMatch(/sha256:[0-9a-f]{12}/);
    const browse = artifacts.getByRole("button", { name: "Browse files of BuildOutput" });
    expect(await browse.getAttribute("aria-expanded")).toBe("false");
    await browse.click();
    const files = artifacts.getByRole("list", { name: "Files of BuildOutput" });
    await files.waitFor();
    expect(await files.textContent()).toContain("buildoutput/main.js");
    expect(await browse.getAttribute("aria-expanded")).toBe("true");
    await artifacts.getByRole("button", { name: "Open files of BuildOutput" }).click();
    const status = page.getByRole("region", { name: "Notifications" }).getByRole("status");
    await expect.poll(() => status.textContent()).toMatch(/Opened \/tmp\/pipewright-artifacts\/[0-9a-f]{64}/);
    await details.getByRole("button", { name: "View log" }).click();
    const log = details.getByRole("region", { name: "Log of Compile" });
    await expect.poll(() => log.textContent()).toContain("Compile done");
    await app.screenshot("execution-action-details");

    // A source's output variables.
    await card(page, "Source", "Checkout").click();
    const variables = details.getByRole("region", { name: "Output variables" });
    expect(await variables.textContent()).toMatch(/CommitId[0-9a-f]{40}/);
  });

  test("an artifact retention removed is a clear note, not an error", async () => {
    const page = await openWebApp();
    await runToEnd(page);
    await card(page, "Build", "Compile").click();
    const details = page.getByRole("complementary", { name: "Action details" });
    await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.forgetArtifacts());
    await details.getByRole("button", { name: "Browse files of SourceOutput" }).click();
    await expect.poll(() => details.textContent()).toContain("Retention removed this artifact");
    expect(await details.getByRole("alert").count()).toBe(0);
  });
});

describe("retrying a failed stage", () => {
  test("only a Failed stage offers Retry; retrying its failed actions makes a second attempt that succeeds", async () => {
    const page = await openWebApp();
    expect(await page.getByRole("button", { name: "Retry failed actions" }).count()).toBe(0);
    await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.failNextRun("Build", "Compile"));
    await runToEnd(page, "Failed");
    const build = page.getByRole("region", { name: "Build", exact: true });
    expect(await build.locator(".stage-header").textContent()).toContain("Failed");
    const compile = card(page, "Build", "Compile");
    expect(await compile.textContent()).toContain("Failed");
    // Only the failed stage has the controls.
    expect(await page.getByRole("button", { name: "Retry failed actions" }).count()).toBe(1);
    expect(await page.getByRole("group", { name: "Retry Build" }).count()).toBe(1);
    await compile.click();
    const details = page.getByRole("complementary", { name: "Action details" });
    expect(await details.getByRole("region", { name: "Container" }).textContent()).toContain("Exit code2");
    expect(await details.getByRole("note").textContent()).toContain("exited with code 2");
    await app.screenshot("execution-failed");

    await build.getByRole("button", { name: "Retry failed actions" }).click();
    const summary = page.getByLabel("Latest run");
    await expect.poll(() => summary.getAttribute("data-status"), { timeout: 6000 }).toBe("Succeeded");
    expect(await compile.textContent()).toContain("attempt 2");
    // Lint had succeeded: only the failed action ran again.
    expect(await card(page, "Build", "Lint").textContent()).not.toContain("attempt");
    expect(await build.locator(".stage-header").textContent()).toContain("attempt 2");
    expect(await page.getByRole("button", { name: "Retry failed actions" }).count()).toBe(0);
    const calls = await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.calls() ?? []);
    expect(calls).toContain("retry_stage");
  });

  test("Retry all actions reruns every action of the stage", async () => {
    const page = await openWebApp();
    await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.failNextRun("Build", "Compile"));
    await runToEnd(page, "Failed");
    await page.getByRole("region", { name: "Build", exact: true }).getByRole("button", { name: "Retry all actions" }).click();
    await expect.poll(() => page.getByLabel("Latest run").getAttribute("data-status"), { timeout: 6000 }).toBe("Succeeded");
    expect(await card(page, "Build", "Lint").textContent()).toContain("attempt 2");
    expect(await card(page, "Build", "Compile").textContent()).toContain("attempt 2");
  });

  test("a refused retry shows the error code and message", async () => {
    const page = await openWebApp();
    await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.failNextRun("Build", "Compile"));
    await runToEnd(page, "Failed");
    await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.failNext("retry_stage", { code: "E_INVALID_TRANSITION", message: "stage Build is not Failed" }));
    await page.getByRole("button", { name: "Retry failed actions" }).click();
    const alert = page.getByRole("region", { name: "Notifications" }).getByRole("alert");
    await expect.poll(() => alert.textContent()).toContain("E_INVALID_TRANSITION");
    expect(await page.getByLabel("Latest run").getAttribute("data-status")).toBe("Failed");
  });
});

describe("execution detail", () => {
  test("the timeline shows a row per stage and action with run, queue and approval-wait segments", async () => {
    const page = await openWebApp();
    await runToEnd(page);
    const toggle = page.getByRole("button", { name: "Timeline" });
    expect(await toggle.getAttribute("aria-pressed")).toBe("false");
    await toggle.click();
    const timeline = page.getByRole("region", { name: "Timeline" });
    await timeline.waitFor();
    const rows = timeline.getByRole("listitem").filter({ has: page.locator(".timeline-track") });
    // 5 stages and 9 actions.
    expect(await rows.count()).toBe(14);
    expect(await timeline.getByRole("listitem", { name: /^Build › Compile: Succeeded, ran \d/ }).count()).toBe(1);
    expect(await timeline.locator('[data-kind="approval"]').count()).toBe(1);
    expect(await timeline.locator('[data-kind="run"]').count()).toBeGreaterThanOrEqual(13);
    await app.screenshot("execution-timeline");
    await timeline.getByRole("button", { name: "Close timeline" }).click();
    await timeline.waitFor({ state: "detached" });
    expect(await toggle.getAttribute("aria-pressed")).toBe("false");
  });

  test("Compare puts two executions side by side and names changed revisions and artifacts; either opens on the canvas", async () => {
    const page = await openWebApp();
    await runToEnd(page);
    const firstId = await page.getByLabel("Latest run").getAttribute("data-execution-id");
    await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.failNextRun("Deploy", "Publish"));
    await runToEnd(page, "Failed");
    await page.getByRole("button", { name: "Compare" }).click();
    const dialog = page.getByRole("dialog", { name: "Compare executions" });
    await dialog.waitFor();
    expect(await dialog.getByRole("combobox", { name: "First execution" }).inputValue()).toBe(firstId);
    const durations = dialog.getByRole("table", { name: "Durations" });
    expect(await durations.getByRole("row").count()).toBe(1 + 1 + 5 + 9);
    expect(await durations.getByRole("row", { name: /Build › Compile/ }).textContent()).toMatch(/\d+ (ms|s).*\d+ (ms|s)/);
    const revisions = dialog.getByRole("region", { name: "Changed source revisions" });
    expect(await revisions.textContent()).toContain("Checkout:");
    const artifacts = dialog.getByRole("region", { name: "Changed artifacts" });
    expect(await artifacts.textContent()).toContain("BuildOutput (Build › Compile)");
    await app.screenshot("execution-compare");

    // The same execution on both sides: nothing changed.
    await dialog.getByRole("combobox", { name: "Second execution" }).selectOption(firstId ?? "");
    expect(await revisions.textContent()).toContain("Same source revisions.");
    expect(await artifacts.textContent()).toContain("Same artifacts");

    // Open the first run on the canvas, then go back to the latest.
    await dialog.getByRole("button", { name: "Open first on the canvas" }).click();
    await dialog.waitFor({ state: "detached" });
    const opened = page.getByLabel("Opened run");
    await expect.poll(() => opened.getAttribute("data-execution-id")).toBe(firstId);
    expect(await opened.getAttribute("data-status")).toBe("Succeeded");
    expect(await card(page, "Deploy", "Publish").textContent()).toContain("Succeeded");
    await page.getByRole("button", { name: "Show latest run" }).click();
    await expect.poll(() => page.getByLabel("Latest run").getAttribute("data-status")).toBe("Failed");
    expect(await card(page, "Deploy", "Publish").textContent()).toContain("Failed");
  });
});
