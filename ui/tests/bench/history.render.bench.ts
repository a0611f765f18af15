// Benchmark 12 (scripts/bench.sh; after `vite build`, `npx vitest run --config
// tests/bench/history.vitest.config.ts`): the first render of the History view (every pipeline,
// first page of 50) when the mock lists 100,000 executions, beside the same measurement when it
// lists 60, in the same run.
//
// In the page: `performance.now()` just before clicking the sidebar's History button, then a
// MutationObserver waits until the table holds its 50 rows; the time is taken in a task queued
// from the next requestAnimationFrame callback, i.e. once the frame with the rows has been
// rendered. Each run is a fresh page load (nothing cached by the query layer) whose code paths
// were warmed by opening one pipeline's History first; runs alternate small/big, median of RUNS.
// The mock pages like the store (keyset, rows built only when they match); the store's own
// query time over 100,000 rows is benchmark 10a.
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { setupApp } from "../browser/harness";

const app = setupApp();
const RUNS = Number(process.env.BENCH_RENDER_RUNS ?? 5);
const BIG = 100_000;
const SMALL = 60;
const PAGE = 50;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? NaN;
};
const ms = (x: number) => x.toFixed(1);

/** A fresh page listing `count` executions; returns ms from the click on History to the frame with the first page. */
async function firstRender(count: number): Promise<number> {
  const page: Page = await app.open();
  await page.evaluate((n) => window.__PIPEWRIGHT_MOCK__?.generateHistory(n), count);
  // Warm-up: one pipeline's History (another query key), then back to its canvas.
  await page.getByRole("listbox", { name: "Pipelines" }).getByRole("option", { name: "web-app" }).click();
  await page.getByRole("button", { name: "Executions", exact: true }).click();
  await page.getByRole("table", { name: "Executions" }).waitFor();
  await page.getByRole("button", { name: "Back to pipeline" }).click();
  await page.getByRole("heading", { level: 1, name: "web-app" }).waitFor();
  const took = await page.evaluate(
    (rows) =>
      new Promise<number>((resolve, reject) => {
        const button = [...document.querySelectorAll<HTMLButtonElement>(".sidebar-nav-item")].find((b) => b.textContent.trim() === "History");
        if (!button) return reject(new Error("no History button"));
        const ready = () => document.querySelector("h1")?.textContent === "History" && document.querySelectorAll(".history-table tbody tr").length === rows;
        let done = false;
        const observer = new MutationObserver(() => {
          if (done || !ready()) return;
          done = true;
          observer.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        const t0 = performance.now();
        button.click();
      }),
    PAGE,
  );
  expect(await page.locator(".history-table tbody tr").count()).toBe(PAGE);
  expect(await page.getByRole("button", { name: "Load more" }).count()).toBe(1);
  return took;
}

test("12. first render of History with 100,000 executions vs 60", async () => {
  const big: number[] = [];
  const small: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    small.push(await firstRender(SMALL));
    big.push(await firstRender(BIG));
  }
  const b = median(big);
  const s = median(small);
  console.log(`12. runs: 100,000 ${big.map(ms).join(", ")} ms; 60 ${small.map(ms).join(", ")} ms`);
  console.log(`12. History first render (page of ${PAGE}) with 100,000 executions: ${ms(b)} ms; with 60: ${ms(s)} ms; ratio ${(b / s).toFixed(2)}x (goal < 200 ms)`);
});
