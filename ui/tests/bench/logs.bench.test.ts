// Benchmark 13 (scripts/bench.sh, `npm run bench:render`): the log view (components/logs) with
// 1,000,000 lines in headless Chromium on the mock transport's log harness (`?component=log`),
// each figure beside the same measurement of a 1,000-line log in the same run.
//
// 13a. Load: from navigation until the view says "End of log · N lines", less the time the
//      mock took to generate the lines in the page (it then streams them in 1 MiB pages, each
//      through a JSON round trip, as the app's host does).
// 13b. Scroll frames: in the page, a requestAnimationFrame loop scrolls the viewport FRAMES
//      times — first smoothly (STEP px a frame, turning at the ends, as a wheel or trackpad
//      does), then in jumps to random lines (a scrollbar drag: every row is new each frame) —
//      recording the deltas between consecutive requestAnimationFrame callbacks, and per
//      frame the time from the scroll to the end of the frame that shows it (a
//      requestAnimationFrame, then a task queued from it). Headless Chromium draws at 60 Hz:
//      16.7 ms is the floor of a delta, and a median at the floor means no dropped frames.
// 13c. Memory: Chromium's JS heap after a forced GC (CDP HeapProfiler.collectGarbage, then
//      Runtime.getHeapUsage) with the log loaded, minus the same for an empty log, after the
//      mock has dropped its own copy of the text (in the app the text lives in a file on the
//      host). DOM nodes are counted too. This is Chromium's heap, not WebKit's process RSS.
import type { Page } from "playwright-core";
import { expect, inject, test } from "vitest";
import { setupApp } from "../browser/harness";
export type { LogFixtureControl } from "../../src/ipc/mock/logs";

const app = setupApp();
const BIG = Number(process.env.BENCH_LOG_LINES ?? 1_000_000);
const SMALL = 1_000;
const FRAMES = 180;
const STEP = 120;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? NaN;
};
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
const ms = (x: number) => x.toFixed(1);
const line = (xs: number[]) => `p50 ${ms(median(xs))} ms, p95 ${ms(percentile(xs, 95))} ms, max ${ms(Math.max(...xs))} ms`;

/** Opens the harness on a generated log of `lines` lines; returns the ms until it is all shown, without the in-page generation. */
async function load(page: Page, lines: number): Promise<number> {
  const t0 = Date.now();
  await page.goto(`${inject("baseURL")}/?mock=default&component=log&lines=${lines}`);
  await page
    .locator(".log-state")
    .filter({ hasText: `End of log · ${lines.toLocaleString("en-US")} line` })
    .waitFor({ timeout: 120_000 });
  const total = Date.now() - t0;
  const generation = await page.evaluate(() => window.__PIPEWRIGHT_LOG_FIXTURE__?.generationMs ?? 0);
  return Math.round(total - generation);
}

interface Frames {
  deltas: number[];
  latencies: number[];
}

/** FRAMES frames of scrolling, `mode` "smooth" or "jump"; see 13b. */
async function scrollFrames(page: Page, mode: "smooth" | "jump"): Promise<Frames> {
  return page.evaluate(
    ({ mode, frames, step }) =>
      new Promise<Frames>((resolve) => {
        const el = document.querySelector<HTMLElement>(".log-viewport");
        if (!el) throw new Error("no log viewport");
        const max = el.scrollHeight - el.clientHeight;
        // Start in the middle, going down; a fixed seed so both logs see the same jumps.
        el.scrollTop = Math.floor(max / 2);
        let dir = 1;
        let seed = 12345;
        const random = () => {
          seed = (seed * 1103515245 + 12345) % 2147483648;
          return seed / 2147483648;
        };
        const deltas: number[] = [];
        const latencies: number[] = [];
        let last = -1;
        let n = 0;
        const tick = (t: number) => {
          if (last >= 0) deltas.push(t - last);
          last = t;
          if (n++ >= frames) {
            setTimeout(() => resolve({ deltas, latencies }), 50);
            return;
          }
          const at = performance.now();
          if (mode === "smooth") {
            let next = el.scrollTop + dir * step;
            if (next >= max || next <= 0) {
              dir = -dir;
              next = Math.max(0, Math.min(max, next));
            }
            el.scrollTop = next;
          } else {
            el.scrollTop = Math.floor(random() * max);
          }
          requestAnimationFrame(() => setTimeout(() => latencies.push(performance.now() - at), 0));
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    { mode, frames: FRAMES, step: STEP },
  );
}

/** JS heap in MB after a forced GC, and the page's element count. */
async function heap(page: Page): Promise<{ mb: number; nodes: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  await cdp.detach();
  const nodes = await page.evaluate(() => document.getElementsByTagName("*").length);
  return { mb: usedSize / (1024 * 1024), nodes };
}

test("13. a 1,000,000-line log: load, scroll frames and memory vs a 1,000-line log", async () => {
  const page = app.page;
  // Empty log: the memory baseline.
  await load(page, 0);
  await page.evaluate(() => window.__PIPEWRIGHT_LOG_FIXTURE__?.drop());
  const empty = await heap(page);

  const smallLoad = await load(page, SMALL);
  const small = { smooth: await scrollFrames(page, "smooth"), jump: await scrollFrames(page, "jump") };
  const bigLoad = await load(page, BIG);
  const big = { smooth: await scrollFrames(page, "smooth"), jump: await scrollFrames(page, "jump") };
  // Only a window of rows is in the DOM.
  expect(await page.locator(".log-line").count()).toBeLessThan(120);
  await page.evaluate(() => window.__PIPEWRIGHT_LOG_FIXTURE__?.drop());
  const loaded = await heap(page);
  expect(big.smooth.deltas.length).toBeGreaterThan(FRAMES / 2);

  const n = BIG.toLocaleString("en-US");
  console.log(`13a. load ${n} lines: ${bigLoad} ms; ${SMALL.toLocaleString("en-US")} lines: ${smallLoad} ms (page load and streaming in 1 MiB pages; the mock's generation of the lines left out)`);
  for (const mode of ["smooth", "jump"] as const) {
    const b = big[mode];
    const s = small[mode];
    console.log(`13b. ${mode} scroll frame deltas ${n}: ${line(b.deltas)}; 1,000: ${line(s.deltas)}; p95 ratio ${(percentile(b.deltas, 95) / percentile(s.deltas, 95)).toFixed(2)}x (goal < 16 ms; 16.7 ms is one 60 Hz frame)`);
    console.log(`13b. ${mode} scroll to painted frame ${n}: ${line(b.latencies)}; 1,000: ${line(s.latencies)}; p50 ratio ${(median(b.latencies) / median(s.latencies)).toFixed(2)}x`);
  }
  console.log(
    `13c. Chromium JS heap after GC: ${n} lines ${loaded.mb.toFixed(1)} MB, empty log ${empty.mb.toFixed(1)} MB, difference ${(loaded.mb - empty.mb).toFixed(1)} MB (goal <= 150 MB; not WebKit RSS); DOM elements ${loaded.nodes} vs ${empty.nodes}`,
  );
});
