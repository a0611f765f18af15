// Fixture logs for the mock transport: logs in the engine's format (`<time> <stream> <text>`)
// that the log view's browser tests and benchmark stream through `watch_action_log`, under
// execution ids starting with `fixture-log-` (no mock execution behind them). A fixture can
// grow while it is watched (`append`) and ends with `finish`. Pages are cut at line ends at
// most 1 MiB long, as the engine's `read_log` does.
import type { LogPage, ReadLogArgs } from "../bindings";

export interface LogFixtureControl {
  /** Appends raw text (lines in any shape). */
  append(text: string): void;
  /** Appends `count` generated lines after those already there. */
  appendLines(count: number): void;
  finish(): void;
  /** The whole fixture text (what a download must save). */
  text(): string;
  /** Forgets the fixture's text (the benchmark's memory figure then counts only the view). */
  drop(): void;
  /** How long generating the first lines took, in ms (the benchmark leaves it out of the load time). */
  readonly generationMs: number;
}

declare global {
  interface Window {
    __PIPEWRIGHT_LOG_FIXTURE__?: LogFixtureControl;
  }
}

export const FIXTURE_LOG_PREFIX = "fixture-log-";
const PAGE_CHARS = 1 << 20;
const POLL_MS = 50;

interface FixtureLog {
  text: string;
  complete: boolean;
  /** Forget the text once it was all sent (memory figures then count only the view). */
  dropWhenSent?: boolean;
}

const fixtures = new Map<string, FixtureLog>();

export function isFixtureLog(executionId: string): boolean {
  return executionId.startsWith(FIXTURE_LOG_PREFIX);
}

/** Sets (or replaces) the fixture log of `executionId`. */
export function putFixtureLog(executionId: string, text: string, complete = true, dropWhenSent = false): void {
  fixtures.set(executionId, { text, complete, dropWhenSent });
}

export function appendFixtureLog(executionId: string, text: string): void {
  const f = fixtures.get(executionId) ?? { text: "", complete: false };
  f.text += text;
  fixtures.set(executionId, f);
}

export function finishFixtureLog(executionId: string): void {
  const f = fixtures.get(executionId) ?? { text: "", complete: true };
  f.complete = true;
  fixtures.set(executionId, f);
}

export function dropFixtureLog(executionId: string): void {
  fixtures.set(executionId, { text: "", complete: true });
}

export function fixtureLogText(executionId: string): string | undefined {
  return fixtures.get(executionId)?.text;
}

/** Complete lines from `offset`, at most one page. */
export function fixtureLogPage({ executionId, offset }: ReadLogArgs): LogPage {
  const f = fixtures.get(executionId) ?? { text: "", complete: true };
  let end = Math.min(f.text.length, offset + PAGE_CHARS);
  end = f.text.lastIndexOf("\n", end - 1) + 1;
  if (end <= offset) end = offset;
  const text = f.text.slice(offset, end);
  return { text, nextOffset: end, complete: f.complete && text === "" && end >= f.text.length };
}

/** Streams a fixture log as the app's `watch_action_log` does: full pages at once, then polls. */
export function watchFixtureLog(args: ReadLogArgs, send: (page: LogPage) => void): void {
  let offset = args.offset;
  const tick = () => {
    const page = fixtureLogPage({ ...args, offset });
    offset = page.nextOffset;
    // A fresh copy, as IPC delivers it (a slice would keep the whole fixture text alive).
    if (page.text !== "" || page.complete) send(JSON.parse(JSON.stringify(page)) as LogPage);
    if (!page.complete) setTimeout(tick, page.text.length >= PAGE_CHARS / 2 ? 0 : POLL_MS);
    else if (fixtures.get(args.executionId)?.dropWhenSent) dropFixtureLog(args.executionId);
  };
  tick();
}

const WORDS = ["compiling", "module", "linking", "test", "passed", "cache", "layer", "fetch", "resolve", "build", "warning", "step"];

/**
 * `count` lines in the engine's format from `startLine` on, one per millisecond from `t0`:
 * mostly stdout, every 7th stderr, every 50th an engine line; with `ansi`, every 5th line
 * carries colours (16, 256 and truecolor) and every 11th a bold, underlined word.
 */
export function generateLog(count: number, { ansi = true, startLine = 0, t0 = Date.UTC(2026, 10, 25, 14, 0, 0) } = {}): string {
  const parts: string[] = [];
  for (let k = 0; k < count; k++) {
    const i = startLine + k;
    const time = new Date(t0 + i).toISOString();
    const stream = i % 50 === 49 ? "pipewright" : i % 7 === 6 ? "stderr" : "stdout";
    const w = WORDS[i % WORDS.length] ?? "step";
    let text = `line ${i + 1} ${w} ${(i * 2654435761) % 1000003}`;
    if (ansi && i % 5 === 0) text = `\x1b[32m${w}\x1b[0m \x1b[38;5;208mline ${i + 1}\x1b[0m \x1b[38;2;90;60;200mok\x1b[0m`;
    if (ansi && i % 11 === 0) text += ` \x1b[1;4mimportant\x1b[0m`;
    parts.push(`${time} ${stream} ${text}\n`);
  }
  return parts.join("");
}
