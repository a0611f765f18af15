// Benchmark driver (scripts/bench.sh section 14, through scripts/bench-log-memory.sh): opens a
// long action log in the real app and holds it open while the caller measures memory.
//
// Through tauri-driver (the app gets the data folder from the driver's environment): select the
// pipeline, click the action's card on the canvas (the latest execution is shown), View log,
// wait for "End of log · N lines" (N: the lines printed plus the engine's few), scroll it (the
// top, some pages down, the middle, the end) so the virtualized view has done real work, let it
// settle, then print `pipewright-log-open pid=PID` (the app's process: its WebKit processes are
// its descendants) and wait until the file BENCH_LOG_DONE exists before ending the session.
// Not a *.test.mjs: tests/e2e/run.sh does not run it.
//
// Env: PIPEWRIGHT_E2E_WEBDRIVER, PIPEWRIGHT_E2E_APP, BENCH_LOG_PIPELINE, BENCH_LOG_STAGE,
// BENCH_LOG_ACTION, BENCH_LOG_LINES (the expected count), BENCH_LOG_DRIVER_PID (tauri-driver's
// pid, to find the app among its descendants), BENCH_LOG_DONE.
import { existsSync, readdirSync, readFileSync, readlinkSync, realpathSync } from "node:fs";
import { Session, lit, sleep } from "./webdriver.mjs";

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};
const app = env("PIPEWRIGHT_E2E_APP");
const pipeline = env("BENCH_LOG_PIPELINE");
const stage = env("BENCH_LOG_STAGE");
const action = env("BENCH_LOG_ACTION");
const lines = Number(env("BENCH_LOG_LINES"));
const driverPid = Number(env("BENCH_LOG_DRIVER_PID"));
const done = env("BENCH_LOG_DONE");

/** The pid of the app process started under tauri-driver (its exe is the app binary). */
function appPid() {
  const exe = realpathSync(app);
  const parent = new Map();
  const found = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
      if (readlinkSync(`/proc/${name}/exe`) === exe) found.push(Number(name));
    } catch {
      // gone, or not ours to read
    }
  }
  const under = (pid) => {
    for (let p = pid; p > 1; p = parent.get(p) ?? 0) if (p === driverPid) return true;
    return false;
  };
  const mine = found.filter(under);
  if (mine.length !== 1) throw new Error(`expected one ${exe} under tauri-driver (pid ${driverPid}), found ${JSON.stringify(mine)}`);
  return mine[0];
}

const s = await Session.create(env("PIPEWRIGHT_E2E_WEBDRIVER"), app);
try {
  await (await s.find(`//*[@role='option' and @aria-label=${lit(pipeline)}]`, 30000)).click();
  await s.find(`//h1[normalize-space(.)=${lit(pipeline)}]`);
  const card = `//*[@role='region' and @aria-label=${lit(stage)}]//*[@role='button' and @aria-label=${lit(action)}]`;
  await (await s.find(`${card}[contains(., 'Succeeded')]`, 30000)).click();
  await (await s.find(`//*[@aria-label='Action details']//button[normalize-space(.)='View log']`)).click();
  const log = `//section[@aria-label=${lit(`Log of ${action}`)}]`;
  const started = Date.now();
  const state = `${log}//p[contains(@class, 'log-state')]`;
  const ended = await s.find(`${state}[starts-with(normalize-space(.), 'End of log')]`, 120000).catch(async (e) => {
    const now = await (await s.find(state)).text().catch(() => "(no log view)");
    throw new Error(`the log did not end within 120 s; it says "${now}" (${e.message.slice(0, 200)})`);
  });
  const loadMs = Date.now() - started;
  // The action's lines plus the few the engine adds (its exit line).
  const endText = await ended.text();
  const shownLines = Number(/([\d,]+) lines?$/.exec(endText.trim())?.[1]?.replaceAll(",", "") ?? "NaN");
  if (!(shownLines >= lines && shownLines < lines + 20)) throw new Error(`expected about ${lines} lines, the log view says "${endText}"`);

  // Scroll: the top, 20 pages down, the middle, the end; each step waits for the rows to draw.
  const scrollTo = (where) =>
    s.executeScript(
      `const el = document.querySelector(${JSON.stringify(`section[aria-label="Log of ${action}"] pre.log-viewport`)});
       const where = arguments[0];
       el.scrollTop = where === "top" ? 0 : where === "page" ? el.scrollTop + el.clientHeight : where === "middle" ? el.scrollHeight / 2 : el.scrollHeight;
       return el.scrollTop;`,
      [where],
    );
  const firstShown = async () => Number(await s.executeScript(`return document.querySelector(${JSON.stringify(`section[aria-label="Log of ${action}"] .log-line`)})?.dataset.line ?? "-1"`));
  for (const where of ["top", ...Array(20).fill("page"), "middle", "end"]) {
    await scrollTo(where);
    await sleep(60);
  }
  await sleep(500);
  // The view drew rows near the end (it follows the scroll, not the first page).
  const shown = await firstShown();
  if (!(shown > lines - 200)) throw new Error(`after scrolling to the end, the first drawn line is ${shown}`);
  await sleep(2000);
  console.log(`pipewright-log-open pid=${appPid()} load_ms=${loadMs}`);
  const deadline = Date.now() + 60000;
  while (!existsSync(done) && Date.now() < deadline) await sleep(100);
} finally {
  await s.delete();
}
