import { describe, expect, test } from "vitest";
import { setupApp } from "./harness";

const app = setupApp();

describe("running a pipeline", () => {
  test("Run moves every card from Not started through In progress to Succeeded", async () => {
    const page = await app.open();
    await page.getByRole("option", { name: "web-app" }).click();
    await page.getByRole("heading", { level: 1, name: "web-app" }).waitFor();
    const compile = page.getByRole("region", { name: "Build", exact: true }).getByRole("button", { name: "Compile", exact: true });
    expect(await compile.textContent()).toContain("Not started");

    const run = page.getByRole("button", { name: "Run", exact: true });
    expect(await run.isEnabled()).toBe(true);
    await run.click();

    const summary = page.getByLabel("Latest run");
    await expect.poll(() => summary.textContent()).toContain("In progress");
    await expect.poll(() => compile.textContent(), { timeout: 3000 }).toContain("In progress");
    const deployStage = page.getByRole("region", { name: "Deploy", exact: true });
    await expect.poll(() => deployStage.locator(".stage-header").textContent(), { timeout: 5000 }).toContain("Succeeded");
    await expect.poll(() => summary.textContent(), { timeout: 5000 }).toContain("Succeeded");
    expect(await summary.textContent()).toContain("Duration");
    const cards = page.locator(".action-card");
    const statuses = await cards.evaluateAll((els) => els.map((e) => e.querySelector(".action-status")?.textContent));
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(["Succeeded"]));
    // It was followed through the channel, not by polling the execution.
    const calls = await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.calls() ?? []);
    expect(calls).toContain("watch_execution");
    expect(calls).not.toContain("get_execution");
    await app.screenshot("run-succeeded");
  });

  test("Stop and abandon ends a running execution as Stopped, its running actions Abandoned", async () => {
    const page = await app.open();
    await page.getByRole("option", { name: "web-app" }).click();
    await page.getByRole("heading", { level: 1, name: "web-app" }).waitFor();
    expect(await page.getByRole("button", { name: "Stop", exact: true }).count()).toBe(0);
    // A slow run (each stage 4 s), so it is still in its first stage when Stop is pressed.
    await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.setRunDuration(24000));
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const source = page.getByRole("region", { name: "Source", exact: true }).getByRole("button", { name: "Checkout", exact: true });
    await expect.poll(() => source.textContent(), { timeout: 6000 }).toContain("In progress");

    await page.getByRole("button", { name: "Stop", exact: true }).click();
    const dialog = page.getByRole("alertdialog", { name: "Stop execution?" });
    await dialog.waitFor();
    expect(await dialog.getByRole("radio", { name: /Stop and wait/ }).isChecked()).toBe(true);
    await dialog.getByRole("radio", { name: /Stop and abandon/ }).check();
    await app.screenshot("stop-dialog");
    await dialog.getByRole("button", { name: "Stop", exact: true }).click();
    await dialog.waitFor({ state: "detached" });

    const summary = page.getByLabel("Latest run");
    await expect.poll(() => summary.textContent(), { timeout: 3000 }).toContain("Stopped");
    expect(await source.textContent()).toContain("Abandoned");
    const compile = page.getByRole("region", { name: "Build", exact: true }).getByRole("button", { name: "Compile", exact: true });
    expect(await compile.textContent()).toContain("Not started");
    // Nothing left to stop.
    expect(await page.getByRole("button", { name: "Stop", exact: true }).count()).toBe(0);
  });

  test("Run is disabled for an invalid version and says why", async () => {
    const page = await app.open();
    await page.getByRole("option", { name: "legacy-import" }).click();
    await page.getByRole("heading", { level: 1, name: "legacy-import" }).waitFor();
    const run = page.getByRole("button", { name: "Run", exact: true });
    expect(await run.isDisabled()).toBe(true);
    expect(await run.getAttribute("title")).toContain("invalid");
  });

  test("View log shows the action's log in a plain panel", async () => {
    const page = await app.open();
    await page.getByRole("option", { name: "web-app" }).click();
    await page.getByRole("heading", { level: 1, name: "web-app" }).waitFor();
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const compile = page.getByRole("region", { name: "Build", exact: true }).getByRole("button", { name: "Compile", exact: true });
    await expect.poll(() => compile.textContent(), { timeout: 5000 }).toContain("Succeeded");
    await compile.focus();
    await page.keyboard.press("Enter");
    const details = page.getByRole("complementary", { name: "Action details" });
    await details.waitFor();
    expect(await details.textContent()).toContain("Succeeded");
    const viewLog = details.getByRole("button", { name: "View log" });
    await viewLog.focus();
    await page.keyboard.press("Enter");
    const log = details.getByRole("region", { name: "Log of Compile" });
    await expect.poll(() => log.locator("pre").textContent()).toContain("Compile done");
    expect(await log.locator("pre").textContent()).toContain("running Compile");
    await expect.poll(() => log.textContent()).toContain("End of log");
    const font = await log.locator("pre").evaluate((el) => getComputedStyle(el).fontFamily);
    expect(font.toLowerCase()).toMatch(/mono/);
    await app.screenshot("run-log");
  });
});
