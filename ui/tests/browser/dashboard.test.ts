import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { setupApp } from "./harness";

const app = setupApp();

/** Records `count` ended executions of `name`, one an hour (see the mock's recordedViews). */
async function record(page: Page, name: string, count: number): Promise<void> {
  await page.evaluate(([n, c]) => window.__PIPEWRIGHT_MOCK__?.addHistory(n, c), [name, count] as [string, number]);
}

/** What the mock records for `count` executions: n % 4 == 1 fails, else n % 7 == 3 is stopped. */
function expected(count: number) {
  let failed = 0;
  let stopped = 0;
  for (let n = 0; n < count; n++) {
    if (n % 4 === 1) failed++;
    else if (n % 7 === 3) stopped++;
  }
  return { failed, stopped, succeeded: count - failed - stopped };
}

async function openDashboard(page: Page): Promise<void> {
  await page.getByRole("complementary", { name: "Sidebar" }).getByRole("button", { name: "Dashboard", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
}

const tile = (page: Page, label: string) => page.getByRole("list", { name: "Key figures" }).getByRole("listitem", { name: new RegExp(`^${label}: `) });

async function tileValue(page: Page, label: string): Promise<string> {
  return (await tile(page, label).locator(".dashboard-tile-value").textContent()) ?? "";
}

/** Each body row of a table as its cells' text. */
async function rowsOf(page: Page, table: string): Promise<string[][]> {
  return page
    .getByRole("table", { name: table })
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("th, td")].map((c) => c.textContent.trim())));
}

describe("metrics dashboard", () => {
  test("every pipeline's tiles: success rate, executions, p50/p95, recovery and approval wait", async () => {
    const page = await app.open();
    await openDashboard(page);
    await page.getByText("No executions in the last 30 days").waitFor();

    await record(page, "web-app", 40);
    await record(page, "docs-site", 12);
    // Reopen: the numbers are read when the view opens.
    await page.getByRole("listbox", { name: "Pipelines" }).getByRole("option", { name: "web-app" }).click();
    await openDashboard(page);
    const web = expected(40);
    const docs = expected(12);
    const ok = web.succeeded + docs.succeeded;
    const ended = ok + web.failed + docs.failed + web.stopped + docs.stopped;
    await expect.poll(() => tileValue(page, "Executions")).toBe("52");
    const rate = ((ok / ended) * 100).toFixed(1).replace(/\.0$/, "");
    expect(await tileValue(page, "Success rate")).toBe(`${rate}%`);
    expect(await tile(page, "Success rate").textContent()).toContain(`${ok} of ${ended} ended`);
    expect(await tile(page, "Executions").textContent()).toContain(`${web.failed + docs.failed} failed`);
    // Durations are 40 s + (n × 17 mod 200) s: p50 and p95 are whole seconds (or minutes).
    expect(await tileValue(page, "Duration p50")).toMatch(/^(\d+\.\d s|\d+m \d\ds)$/);
    expect(await tileValue(page, "Duration p95")).toMatch(/^(\d+\.\d s|\d+m \d\ds)$/);
    // Every failure is followed by a success an hour or so later.
    expect(await tileValue(page, "Mean time to recovery")).toMatch(/^\d+m \d\ds|\dh \d\dm$/);
    expect(await tile(page, "Mean time to recovery").textContent()).toMatch(/over \d+ recoveries/);
    expect(await tileValue(page, "Approval wait")).toBe("–");
    expect(await tile(page, "Approval wait").textContent()).toContain("No manual approvals");
    const calls = await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.calls() ?? []);
    expect(calls).toContain("get_metrics");
  });

  test("the time range selector narrows the numbers", async () => {
    const page = await app.open();
    // 300 hourly executions: twelve and a half days.
    await record(page, "web-app", 300);
    await openDashboard(page);
    const range = page.getByRole("group", { name: "Time range" });
    expect(await range.getByRole("radio", { name: "30 days" }).isChecked()).toBe(true);
    await expect.poll(() => tileValue(page, "Executions")).toBe("300");
    await range.getByRole("radio", { name: "7 days" }).check();
    await expect.poll(async () => Number(await tileValue(page, "Executions"))).toBeLessThanOrEqual(168);
    expect(Number(await tileValue(page, "Executions"))).toBeGreaterThanOrEqual(166);
    // Arrow keys move between the ranges.
    await range.getByRole("radio", { name: "7 days" }).press("ArrowRight");
    expect(await range.getByRole("radio", { name: "30 days" }).isChecked()).toBe(true);
    await expect.poll(() => tileValue(page, "Executions")).toBe("300");
    await range.getByRole("radio", { name: "All time" }).check();
    await expect.poll(() => tileValue(page, "Executions")).toBe("300");
  });

  test("charts of executions per day and duration p50/p95 show the values under the cursor", async () => {
    const page = await app.open();
    await record(page, "web-app", 72);
    await openDashboard(page);
    const executions = page.getByRole("figure", { name: "Executions per day" });
    const durations = page.getByRole("figure", { name: "Duration p50 and p95 per day" });
    await executions.locator("canvas").waitFor();
    await durations.locator("canvas").waitFor();
    const legend = executions.locator(".u-legend");
    expect(await legend.textContent()).toContain("Succeeded");
    expect(await legend.textContent()).toContain("Failed");

    // Hover the middle of the plot: the legend shows that day's date and counts.
    const over = executions.locator(".u-over");
    const box = await over.boundingBox();
    if (!box) throw new Error("the chart has no plot area");
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const values = legend.locator(".u-value");
    await expect.poll(() => values.first().textContent()).toMatch(/^\d{4}-\d\d-\d\d$/);
    const counts = (await values.allTextContents()).slice(1).map(Number);
    expect(counts.every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);

    const dbox = await durations.locator(".u-over").boundingBox();
    if (!dbox) throw new Error("the chart has no plot area");
    await page.mouse.move(dbox.x + dbox.width / 2, dbox.y + dbox.height / 2);
    const dvalues = durations.locator(".u-legend .u-value");
    await expect.poll(() => dvalues.nth(1).textContent()).toMatch(/^(\d+\.\d s|\d+m \d\ds)$/);
    await app.screenshot("dashboard");
    await page.screenshot({ path: "/tmp/dashboard.png", fullPage: true });
  });

  test("failure hotspots and stage and action durations, one pipeline's from its header", async () => {
    const page = await app.open();
    await record(page, "web-app", 40);
    await page.getByRole("listbox", { name: "Pipelines" }).getByRole("option", { name: "web-app" }).click();
    await page.getByRole("heading", { level: 1, name: "web-app" }).waitFor();
    await page.screenshot({ path: "/tmp/dashboard-header.png" });
    await page.getByRole("main").getByRole("button", { name: "Dashboard", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Dashboard of web-app" }).waitFor();
    await page.getByRole("table", { name: "Action durations" }).waitFor();
    await page.screenshot({ path: "/tmp/dashboard-pipeline.png", fullPage: true });

    const failed = expected(40).failed;
    const hotspots = await rowsOf(page, "Failure hotspots");
    expect(hotspots.length).toBeGreaterThan(0);
    // The mock fails the second stage's actions: each failed in every failed execution.
    for (const row of hotspots) {
      expect(row[0]).toMatch(/ \/ /);
      expect(row[2]).toBe(String(failed));
    }
    const stages = await rowsOf(page, "Stage durations");
    expect(stages.length).toBeGreaterThan(1);
    expect(stages.every((r) => !r[0]?.includes(" / "))).toBe(true);
    const actions = await rowsOf(page, "Action durations");
    expect(actions.length).toBeGreaterThanOrEqual(stages.length);
    expect(actions[0]?.slice(4).every((c) => /^(\d+\.\d s|\d+m \d\ds)$/.test(c))).toBe(true);
    expect(await page.getByRole("table", { name: "Stage durations" }).locator("thead th").allTextContents()).toEqual([
      "Stage / action",
      "Runs",
      "Failed",
      "Failure rate",
      "p50",
      "p95",
      "Mean",
    ]);

    await page.getByRole("button", { name: "Back to pipeline" }).click();
    await page.getByRole("heading", { level: 1, name: "web-app" }).waitFor();
  });

  test("History replaces the Dashboard, and an unknown pipeline's error is shown", async () => {
    const page = await app.open();
    await openDashboard(page);
    await page.getByRole("complementary", { name: "Sidebar" }).getByRole("button", { name: "History", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "History" }).waitFor();
    expect(await page.getByRole("heading", { level: 1, name: "Dashboard" }).count()).toBe(0);

    await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.failNext("get_metrics", { code: "E_DB", message: "the database is busy" }));
    await openDashboard(page);
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("E_DB");
    app.expectErrors(/E_DB|the database is busy/);
  });
});
