import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { setupApp } from "./harness";

const app = setupApp();

async function record(page: Page, name: string, count: number): Promise<void> {
  await page.evaluate(([n, c]) => window.__PIPEWRIGHT_MOCK__?.addHistory(n, c), [name, count] as [string, number]);
}

/** Opens every pipeline's History from the sidebar. */
async function openHistory(page: Page): Promise<void> {
  await page.getByRole("complementary", { name: "Sidebar" }).getByRole("button", { name: "History", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "History" }).waitFor();
}

const table = (page: Page) => page.getByRole("table", { name: "Executions" });
const rows = (page: Page) => table(page).locator("tbody tr");
const filters = (page: Page) => page.getByRole("search", { name: "Filter executions" });

/** Each row's cells as text. */
async function cells(page: Page): Promise<string[][]> {
  return rows(page).evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent.trim())));
}

async function columns(page: Page): Promise<string[]> {
  return table(page).locator("thead th").allTextContents();
}

describe("execution history", () => {
  test("lists every pipeline's executions newest first with status, trigger, revision, branch, start and duration", async () => {
    const page = await app.open();
    await openHistory(page);
    await page.getByText("No executions yet").waitFor();

    await record(page, "web-app", 3);
    await record(page, "docs-site", 2);
    // Reopen: the list is read when the view opens.
    await page.getByRole("listbox", { name: "Pipelines" }).getByRole("option", { name: "web-app" }).click();
    await openHistory(page);
    await expect.poll(() => rows(page).count()).toBe(5);
    expect(await columns(page)).toEqual(["Status", "Execution", "Pipeline", "Trigger", "Source revision", "Branch", "Started", "Duration", "Variables"]);
    const all = await cells(page);
    // Newest first: the last one recorded for each pipeline started an hour ago (docs-site's id is higher).
    expect(all.map((r) => r[2])).toEqual(["docs-site", "web-app", "docs-site", "web-app", "web-app"]);
    const [first] = all;
    expect(first?.[0]).toBe("Failed");
    expect(first?.[1]).toMatch(/^[0-9a-f]{8}$/);
    expect(first?.[3]).toBe("Source change");
    expect(first?.[4]).toMatch(/^[0-9a-f]{7} Commit \d+: Bump dependencies$/);
    expect(first?.[5]).toBe("main");
    expect(first?.[6]).toBe("1 hour ago");
    expect(first?.[7]).toMatch(/^\d+ min \d+ s$|^\d+ s$/);
    // The absolute time is in the title; the status has an icon beside its word.
    const started = rows(page).first().locator("time");
    expect(await started.getAttribute("title")).toMatch(/\d{2}:\d{2}:\d{2}/);
    expect(await rows(page).first().locator(".history-status svg").count()).toBe(1);
    expect(await page.getByText("5 executions shown").count()).toBe(1);
    expect(await page.getByRole("button", { name: "Load more" }).count()).toBe(0);
    await app.screenshot("history-all");
  });

  test("filters by status, trigger, branch, date range and pipeline, and says when nothing matches", async () => {
    const page = await app.open();
    await record(page, "web-app", 12);
    await record(page, "docs-site", 3);
    await openHistory(page);
    await expect.poll(() => rows(page).count()).toBe(15);

    const statusOf = async () => (await cells(page)).map((r) => r[0]);
    await filters(page).getByRole("checkbox", { name: "Failed" }).check();
    await expect.poll(statusOf).toEqual(["Failed", "Failed", "Failed", "Failed"]);
    await filters(page).getByRole("checkbox", { name: "Stopped" }).check();
    await expect.poll(async () => new Set(await statusOf())).toEqual(new Set(["Failed", "Stopped"]));
    expect((await statusOf()).length).toBe(6);
    await filters(page).getByRole("checkbox", { name: "Failed" }).uncheck();
    await filters(page).getByRole("checkbox", { name: "Stopped" }).uncheck();
    await expect.poll(() => rows(page).count()).toBe(15);

    const trigger = filters(page).getByRole("combobox", { name: "Trigger" });
    await trigger.selectOption({ label: "Webhook" });
    await expect.poll(async () => (await cells(page)).map((r) => r[3])).toEqual(["Webhook", "Webhook", "Webhook"]);
    await trigger.selectOption({ label: "Another pipeline" });
    await expect.poll(async () => (await cells(page)).map((r) => r[3])).toEqual(["Another pipeline", "Another pipeline"]);
    await trigger.selectOption({ label: "Any trigger" });
    await expect.poll(() => rows(page).count()).toBe(15);

    await filters(page).getByRole("textbox", { name: "Branch" }).fill("feature/login");
    await expect.poll(async () => (await cells(page)).map((r) => r[5])).toEqual(Array(5).fill("feature/login"));
    await filters(page).getByRole("textbox", { name: "Branch" }).fill("feature/log");
    await page.getByText("No executions match these filters").waitFor();
    await page.getByRole("button", { name: "Show all executions" }).click();
    await expect.poll(() => rows(page).count()).toBe(15);
    expect(await filters(page).getByRole("textbox", { name: "Branch" }).inputValue()).toBe("");

    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await filters(page).getByLabel("From", { exact: true }).fill(day(1));
    await page.getByText("No executions match these filters").waitFor();
    await filters(page).getByLabel("From", { exact: true }).fill(day(-2));
    await filters(page).getByLabel("To", { exact: true }).fill(day(1));
    await expect.poll(() => rows(page).count()).toBe(15);
    await filters(page).getByLabel("To", { exact: true }).fill(day(-3));
    await page.getByRole("alert").filter({ hasText: "the range is empty" }).waitFor();
    await filters(page).getByRole("button", { name: "Clear filters" }).click();
    await expect.poll(() => rows(page).count()).toBe(15);
    expect(await filters(page).getByRole("button", { name: "Clear filters" }).isDisabled()).toBe(true);

    await filters(page).getByRole("combobox", { name: "Pipeline" }).selectOption("docs-site");
    await expect.poll(() => rows(page).count()).toBe(3);
    expect(await columns(page)).not.toContain("Pipeline");
    await app.screenshot("history-filtered");
  });

  test("pages of 50 load more until the last, each execution once", async () => {
    const page = await app.open();
    await record(page, "web-app", 120);
    await openHistory(page);
    await expect.poll(() => rows(page).count()).toBe(50);
    await page.getByText("50 executions shown; more are older").waitFor();
    const more = page.getByRole("button", { name: "Load more" });
    await more.click();
    await expect.poll(() => rows(page).count()).toBe(100);
    await more.click();
    await expect.poll(() => rows(page).count()).toBe(120);
    expect(await more.count()).toBe(0);
    const ids = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-execution-id")));
    expect(new Set(ids).size).toBe(120);
    const starts = await rows(page).locator("time").evaluateAll((ts) => ts.map((t) => t.getAttribute("datetime") ?? ""));
    expect([...starts].sort().reverse()).toEqual(starts);
    // Pages were asked for with the previous page's token.
    const calls = await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.calls() ?? []);
    expect(calls.filter((c) => c === "list_executions").length).toBeGreaterThanOrEqual(3);
  });

  test("opening a row shows that execution on its pipeline's canvas", async () => {
    const page = await app.open();
    await record(page, "web-app", 6);
    await openHistory(page);
    await expect.poll(() => rows(page).count()).toBe(6);
    // The second newest of web-app failed (recorded executions 1, 5, … fail at their second stage).
    const failed = rows(page).filter({ hasText: "Failed" }).first();
    const id = await failed.getAttribute("data-execution-id");
    expect(id).toBeTruthy();
    await failed.getByRole("button", { name: `Open execution ${id?.slice(0, 8)}` }).click();
    await page.getByRole("heading", { level: 1, name: "web-app" }).waitFor();
    const opened = page.getByLabel("Opened run");
    await expect.poll(() => opened.getAttribute("data-execution-id")).toBe(id);
    expect(await opened.textContent()).toContain("Failed");
    const stageStatuses = await page.locator(".stage-header").allTextContents();
    expect(stageStatuses.some((t) => t.includes("Failed"))).toBe(true);

    // Clicking anywhere on a row opens it too.
    await openHistory(page);
    const succeeded = rows(page).filter({ hasText: "Succeeded" }).first();
    const other = await succeeded.getAttribute("data-execution-id");
    await succeeded.locator("td").nth(4).click();
    await expect.poll(() => page.getByLabel("Opened run").getAttribute("data-execution-id")).toBe(other);
  });

  test("a pipeline's Executions button opens its own history, and Back returns to its canvas", async () => {
    const page = await app.open();
    await record(page, "web-app", 4);
    await record(page, "docs-site", 2);
    await page.getByRole("option", { name: "web-app" }).click();
    await page.getByRole("heading", { level: 1, name: "web-app" }).waitFor();
    await app.screenshot("history-pipeline-header");
    await page.getByRole("button", { name: "Executions", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "History of web-app" }).waitFor();
    await expect.poll(() => rows(page).count()).toBe(4);
    expect(await columns(page)).not.toContain("Pipeline");
    expect(await filters(page).getByRole("combobox", { name: "Pipeline" }).count()).toBe(0);
    await page.getByRole("button", { name: "Back to pipeline" }).click();
    await page.getByRole("heading", { level: 1, name: "web-app" }).waitFor();
  });

  test("a failed listing shows its code", async () => {
    const page = await app.open();
    await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.failNext("list_executions", { code: "E_DATABASE", message: "the database is locked" }));
    await openHistory(page);
    const alert = page.getByRole("alert").filter({ hasText: "E_DATABASE" });
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).toContain("the database is locked");
  });
});
