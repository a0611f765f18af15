// The rich log view (components/logs/LogView.tsx) alone, on the mock transport's log harness
// (`?component=log`): a fixture log in the engine's format streamed through
// `watch_action_log`; and once through the app (Run → Action details → View log).
import type { Page } from "playwright-core";
import { describe, expect, inject, test } from "vitest";
import { setupApp } from "./harness";
// Brings in the type of `window.__PIPEWRIGHT_LOG_FIXTURE__` for page.evaluate callbacks.
export type { LogFixtureControl } from "../../src/ipc/mock/logs";

const app = setupApp();

async function openLog(params: string): Promise<Page> {
  const page = app.page;
  await page.goto(`${inject("baseURL")}/?mock=default&component=log&${params}`);
  await page.getByRole("region", { name: "Log of Compile" }).waitFor();
  return page;
}

const viewport = (page: Page) => page.getByLabel("Log text of Compile");
const state = (page: Page) => page.locator(".log-state");
/** Line numbers of the rows in the DOM (a window around what is visible). */
const drawnLines = (page: Page) => page.locator(".log-line").evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-line"))));

/** Whether row `line` (1-based) lies inside the viewport's visible area. */
async function lineVisible(page: Page, line: number): Promise<boolean> {
  return viewport(page).evaluate((el, n) => {
    const row = el.querySelector(`[data-line="${n}"]`);
    if (!row) return false;
    const r = row.getBoundingClientRect();
    const v = el.getBoundingClientRect();
    return r.top >= v.top - 1 && r.bottom <= v.bottom + 1;
  }, line);
}

describe("log view", () => {
  test("ANSI colours: palette classes, 256-colour and truecolor inline, bold/underline; stderr and engine lines marked", async () => {
    const page = await openLog("lines=60");
    await expect.poll(() => state(page).textContent()).toContain("End of log · 60 lines");
    // Following keeps the end in view; Home in the focused viewport goes to the start.
    await expect.poll(() => lineVisible(page, 60)).toBe(true);
    expect(await page.locator('.log-line[data-line="50"]').getAttribute("class")).toContain("log-pipewright");
    await viewport(page).press("Home");
    await expect.poll(() => lineVisible(page, 1)).toBe(true);
    // Line 1 (i = 0) is coloured: green word, 256-colour "line 1", truecolor "ok", bold underlined "important".
    const first = page.locator('.log-line[data-line="1"] .log-msg');
    expect(await first.textContent()).toBe("compiling line 1 ok important");
    const green = first.locator(".ansi-fg-2");
    expect(await green.textContent()).toBe("compiling");
    expect(await green.evaluate((el) => getComputedStyle(el).color)).toBe("rgb(17, 99, 41)");
    const spans = await first.locator("span").evaluateAll((els) => els.map((e): string[] => [e.textContent, (e as HTMLElement).style.color, e.getAttribute("class") ?? ""]));
    expect(spans).toContainEqual(["line 1", "rgb(255, 135, 0)", ""]);
    expect(spans).toContainEqual(["ok", "rgb(90, 60, 200)", ""]);
    expect(spans).toContainEqual(["important", "", "ansi-bold ansi-underline"]);
    // No escape characters reach the page.
    expect(await viewport(page).evaluate((el) => el.textContent.includes("\x1b"))).toBe(false);
    expect(await page.locator('.log-line[data-line="7"]').getAttribute("class")).toContain("log-stderr");
    // The engine's prefix is not part of the message.
    expect(await page.locator('.log-line[data-line="2"] .log-msg').textContent()).toMatch(/^line 2 module \d+$/);
    await page.screenshot({ path: "/tmp/logs-helper.png" });
    await app.screenshot("log-view");
  });

  test("line numbers show by default and toggle off", async () => {
    const page = await openLog("lines=30");
    await expect.poll(() => state(page).textContent()).toContain("End of log");
    const numbers = page.getByRole("button", { name: "Line numbers" });
    expect(await numbers.getAttribute("aria-pressed")).toBe("true");
    expect(await page.locator('.log-line[data-line="12"] .log-ln').textContent()).toBe("12");
    await numbers.click();
    expect(await numbers.getAttribute("aria-pressed")).toBe("false");
    expect(await page.locator(".log-ln").count()).toBe(0);
    await numbers.press("Enter");
    expect(await page.locator(".log-ln").count()).toBeGreaterThan(0);
  });

  test("the timestamps toggle shows each line's own time (local, ms)", async () => {
    const page = await openLog("lines=30&ansi=0");
    await expect.poll(() => state(page).textContent()).toContain("End of log");
    const times = page.getByRole("button", { name: "Timestamps" });
    expect(await times.getAttribute("aria-pressed")).toBe("false");
    expect(await page.locator(".log-time").count()).toBe(0);
    await times.click();
    expect(await times.getAttribute("aria-pressed")).toBe("true");
    // Generated lines are one ms apart from 14:00:00.000 UTC: line 4 is at .003.
    const expected = await page.evaluate(() =>
      new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit", fractionalSecondDigits: 3, hour12: false }).format(Date.UTC(2026, 10, 25, 14, 0, 0, 3)),
    );
    expect(await page.locator('.log-line[data-line="4"] .log-time').textContent()).toBe(expected);
    expect(expected).toMatch(/:00:00\.003$/);
    await times.click();
    expect(await page.locator(".log-time").count()).toBe(0);
  });

  test("search highlights every match, counts them, and next/previous move and scroll to the current one", async () => {
    const page = await openLog("lines=3000&ansi=0");
    await expect.poll(() => state(page).textContent()).toContain("End of log · 3,000 lines");
    // The current match starts at the first match from the top of the view: start at the top.
    await viewport(page).press("Home");
    await expect.poll(() => lineVisible(page, 1)).toBe(true);
    const box = page.getByRole("searchbox", { name: "Search log" });
    // "line 2999 " occurs once (line 2999); "line 29" in lines 29, 290–299, 2900–2999: 111 matches.
    await box.fill("LINE 29");
    const count = page.getByRole("status", { name: "Matches" });
    await expect.poll(() => count.textContent()).toBe("1 of 111");
    expect(await page.locator(".log-match-current").textContent()).toBe("line 29");
    expect(await lineVisible(page, 29)).toBe(true);
    expect(await page.locator('.log-line[data-line="29"]').getAttribute("class")).toContain("log-line-current");
    await page.getByRole("button", { name: "Next match" }).click();
    await expect.poll(() => count.textContent()).toBe("2 of 111");
    expect(await lineVisible(page, 290)).toBe(true);
    // Enter moves on in the box; Shift+Enter goes back; previous from the first wraps to the last.
    await box.press("Enter");
    await expect.poll(() => count.textContent()).toBe("3 of 111");
    await box.press("Shift+Enter");
    await box.press("Shift+Enter");
    await expect.poll(() => count.textContent()).toBe("1 of 111");
    await page.getByRole("button", { name: "Previous match" }).click();
    await expect.poll(() => count.textContent()).toBe("111 of 111");
    await expect.poll(() => lineVisible(page, 2999)).toBe(true);
    expect(await page.locator(".log-match-current").count()).toBe(1);
    expect(await page.locator(".log-match").count()).toBeGreaterThan(1);
    await page.getByRole("button", { name: "Timestamps" }).click();
    await page.screenshot({ path: "/tmp/logs-helper-search.png" });
    // Following paused when the search moved the view.
    expect(await page.getByRole("button", { name: "Follow" }).getAttribute("aria-pressed")).toBe("false");
    // A query with no match; Escape clears the box.
    await box.fill("no such text");
    await expect.poll(() => count.textContent()).toBe("No matches");
    expect(await page.locator(".log-match").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Next match" }).isDisabled()).toBe(true);
    await box.press("Escape");
    expect(await box.inputValue()).toBe("");
  });

  test("search finds text inside coloured lines and marks it over the colours; Ctrl+F focuses the box", async () => {
    const page = await openLog("lines=40");
    await expect.poll(() => state(page).textContent()).toContain("End of log");
    await viewport(page).focus();
    // The current match starts at the first match from the top of the view.
    await page.keyboard.press("Home");
    await expect.poll(() => viewport(page).evaluate((el) => el.scrollTop)).toBe(0);
    await page.keyboard.press("Control+f");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Search log");
    await page.keyboard.type("important");
    // Lines 1, 12, 23, 34 (every 11th from the first).
    await expect.poll(() => page.getByRole("status", { name: "Matches" }).textContent()).toBe("1 of 4");
    const mark = page.locator('.log-line[data-line="12"] mark.log-match');
    expect(await mark.textContent()).toBe("important");
    expect(await mark.locator(".ansi-bold").count()).toBe(1);
  });

  test("follow keeps the end in view as lines stream in; scrolling up pauses it; the button resumes it", async () => {
    const page = await openLog("lines=200&ansi=0&live=1");
    await expect.poll(() => state(page).textContent()).toContain("Following… · 200 lines");
    const follow = page.getByRole("button", { name: "Follow" });
    expect(await follow.getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => lineVisible(page, 200)).toBe(true);
    await page.evaluate(() => window.__PIPEWRIGHT_LOG_FIXTURE__?.appendLines(100));
    await expect.poll(() => state(page).textContent()).toContain("300 lines");
    await expect.poll(() => lineVisible(page, 300)).toBe(true);
    // The user scrolls up: paused, and new lines no longer move the view.
    await viewport(page).hover();
    await page.mouse.wheel(0, -2000);
    await expect.poll(() => follow.getAttribute("aria-pressed")).toBe("false");
    expect(await state(page).textContent()).toContain("Paused");
    const top = await viewport(page).evaluate((el) => el.scrollTop);
    await page.evaluate(() => window.__PIPEWRIGHT_LOG_FIXTURE__?.appendLines(100));
    await expect.poll(() => state(page).textContent()).toContain("400 lines");
    expect(await viewport(page).evaluate((el) => el.scrollTop)).toBe(top);
    expect(await lineVisible(page, 400)).toBe(false);
    // Follow again: jumps to the end and stays there.
    await follow.click();
    expect(await follow.getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => lineVisible(page, 400)).toBe(true);
    await page.evaluate(() => {
      window.__PIPEWRIGHT_LOG_FIXTURE__?.appendLines(50);
      window.__PIPEWRIGHT_LOG_FIXTURE__?.finish();
    });
    await expect.poll(() => state(page).textContent()).toContain("End of log · 450 lines");
    await expect.poll(() => lineVisible(page, 450)).toBe(true);
  });

  test("a line split across pages is joined; a partial line waits for its newline", async () => {
    const page = await openLog("lines=0&live=1");
    await expect.poll(() => viewport(page).textContent()).toContain("Waiting for output…");
    await page.evaluate(() => window.__PIPEWRIGHT_LOG_FIXTURE__?.append("2026-11-25T14:00:00.000Z stdout hel"));
    await page.waitForTimeout(200);
    expect(await page.locator(".log-line").count()).toBe(0);
    await page.evaluate(() => window.__PIPEWRIGHT_LOG_FIXTURE__?.append("lo \x1b[31mworld\x1b[0m\n"));
    await expect.poll(() => page.locator('.log-line[data-line="1"] .log-msg').textContent()).toBe("hello world");
    expect(await page.locator('.log-line[data-line="1"] .ansi-fg-1').textContent()).toBe("world");
  });

  test("only a window of rows is in the DOM, even for 200,000 lines; the end scrolls into view", async () => {
    const page = await openLog("lines=200000&ansi=1");
    await expect.poll(() => state(page).textContent(), { timeout: 20_000 }).toContain("End of log · 200,000 lines");
    const drawn = await drawnLines(page);
    expect(drawn.length).toBeLessThan(100);
    expect(drawn).toContain(200000);
    expect(await lineVisible(page, 200000)).toBe(true);
    // Jump to the middle: the rows there are drawn, the end's are gone.
    await viewport(page).evaluate((el) => {
      el.scrollTop = 100000 * 18;
    });
    await expect.poll(async () => (await drawnLines(page)).includes(100001)).toBe(true);
    expect((await drawnLines(page)).includes(200000)).toBe(false);
    expect(await page.locator('.log-line[data-line="100001"] .log-ln').textContent()).toBe("100001");
  });

  test("Download log saves the whole log as received", async () => {
    const page = await openLog("lines=500");
    await expect.poll(() => state(page).textContent()).toContain("End of log · 500 lines");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download log" }).click()]);
    expect(download.suggestedFilename()).toBe("Build-Compile.log");
    const path = await download.path();
    const { readFileSync } = await import("node:fs");
    const saved = readFileSync(path, "utf8");
    const expected = await page.evaluate(() => window.__PIPEWRIGHT_LOG_FIXTURE__?.text() ?? "");
    expect(saved).toBe(expected);
    expect(saved.split("\n").length).toBe(501);
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Saved the log of Compile" }).count()).toBe(1);
  });
});

describe("log view in the app", () => {
  test("View log in Action details shows the rich log view", async () => {
    const page = await app.open();
    await page.getByRole("option", { name: "web-app" }).click();
    await page.getByRole("heading", { level: 1, name: "web-app" }).waitFor();
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const compile = page.getByRole("region", { name: "Build", exact: true }).getByRole("button", { name: "Compile", exact: true });
    await expect.poll(() => compile.textContent(), { timeout: 5000 }).toContain("Succeeded");
    await compile.click();
    const details = page.getByRole("complementary", { name: "Action details" });
    await details.getByRole("button", { name: "View log" }).click();
    const log = details.getByRole("region", { name: "Log of Compile" });
    await expect.poll(() => log.getByLabel("Log text of Compile").textContent()).toContain("Compile done");
    await expect.poll(() => log.textContent()).toContain("End of log");
    expect(await log.getByRole("searchbox", { name: "Search log" }).count()).toBe(1);
    expect(await log.getByRole("button", { name: "Download log" }).count()).toBe(1);
  });
});
