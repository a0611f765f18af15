// Search in a log's shown text (the message after the engine's prefix, escapes removed),
// case-insensitive. Matches are kept as two numbers each in typed arrays (line, column), in
// line order, and found chunk by chunk so a million-line log can be searched in slices and
// new chunks searched as they stream in.
import { stripAnsi } from "./ansi";
import { messageStart } from "./line";
import type { LogStore } from "./store";

function grow(a: Uint32Array<ArrayBuffer>, need: number): Uint32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  let size = Math.max(16, a.length);
  while (size < need) size *= 2;
  const next = new Uint32Array(size);
  next.set(a);
  return next;
}

/** The matches of one query, line-ordered; grows as more chunks are searched. */
export class LogMatches {
  readonly query: string;
  /** The query as compared (lower case). */
  readonly needle: string;
  private lines = new Uint32Array(64);
  private columns = new Uint32Array(64);
  private n = 0;
  /** Chunks of the store searched so far. */
  searchedChunks = 0;

  constructor(query: string) {
    this.query = query;
    this.needle = query.toLowerCase();
  }

  get count(): number {
    return this.n;
  }

  /** Length of every match in the shown text. */
  get length(): number {
    return this.needle.length;
  }

  push(line: number, column: number): void {
    this.lines = grow(this.lines, this.n + 1);
    this.columns = grow(this.columns, this.n + 1);
    this.lines[this.n] = line;
    this.columns[this.n] = column;
    this.n += 1;
  }

  lineOf(k: number): number {
    return this.lines[k] ?? 0;
  }

  columnOf(k: number): number {
    return this.columns[k] ?? 0;
  }

  /** Index of the first match on a line ≥ `line` (binary search); `count` when none. */
  firstAtOrAfter(line: number): number {
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.lines[mid] ?? 0) < line) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The matches on `line`, as `[first, end)` match indexes. */
  onLine(line: number): [first: number, end: number] {
    const first = this.firstAtOrAfter(line);
    let end = first;
    while (end < this.n && this.lines[end] === line) end++;
    return [first, end];
  }
}

/** All occurrences of `needle` (lower case) in `hay` (lower case), not overlapping, appended as columns. */
function findAll(hay: string, needle: string, out: (column: number) => void): void {
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) out(i);
}

/** The matches of line `line` found in its shown text (escapes removed): the slow path. */
function searchShown(store: LogStore, line: number, needle: string, matches: LogMatches): void {
  const raw = store.line(line);
  const shown = stripAnsi(raw.slice(messageStart(raw)));
  const hay = shown.toLowerCase();
  if (hay.length !== shown.length) return;
  findAll(hay, needle, (column) => matches.push(line, column));
}

/**
 * Searches chunk `c` of `store` and appends its matches (chunks must be searched in order).
 * The chunk is searched once as a whole; only lines holding an escape or a carriage return
 * (whose shown text differs from their bytes) are searched one by one.
 */
export function searchChunk(store: LogStore, c: number, matches: LogMatches): void {
  const needle = matches.needle;
  if (needle === "") return;
  const chunk = store.chunk(c);
  const [first, end] = store.chunkLines(c);
  const lower = chunk.toLowerCase();
  if (lower.length !== chunk.length) {
    // Case folding changed lengths (rare scripts): line by line.
    for (let line = first; line < end; line++) searchShown(store, line, needle, matches);
    return;
  }
  const next = (what: string, from: number) => {
    const i = chunk.indexOf(what, from);
    return i < 0 ? Infinity : i;
  };
  let esc = next("\x1b", 0);
  let cr = next("\r", 0);
  let hit = lower.indexOf(needle);
  for (let line = first; line < end; line++) {
    const lineStart = store.lineOffset(line);
    const lineEnd = line + 1 < end ? store.lineOffset(line + 1) - 1 : chunk.length - 1;
    if (esc < lineStart) esc = next("\x1b", lineStart);
    if (cr < lineStart) cr = next("\r", lineStart);
    if (esc < lineEnd || cr < lineEnd) {
      searchShown(store, line, needle, matches);
    } else if (hit >= 0 && hit < lineEnd) {
      const msg = lineStart + messageStart(chunk, lineStart, lineEnd);
      while (hit >= 0 && hit < lineEnd) {
        if (hit < msg) hit = lower.indexOf(needle, msg);
        else if (hit + needle.length <= lineEnd) {
          matches.push(line, hit - msg);
          hit = lower.indexOf(needle, hit + needle.length);
        } else break;
      }
    }
    if (hit >= 0 && hit <= lineEnd) hit = lower.indexOf(needle, lineEnd + 1);
    if (hit < 0 && esc === Infinity && cr === Infinity) return;
  }
}

/** Searches every chunk not searched yet, stopping after `budgetMs` (returns true when done). */
export function searchMore(store: LogStore, matches: LogMatches, budgetMs = Infinity, now: () => number = () => performance.now()): boolean {
  const start = now();
  while (matches.searchedChunks < store.chunkCount) {
    searchChunk(store, matches.searchedChunks, matches);
    matches.searchedChunks += 1;
    if (now() - start >= budgetMs) break;
  }
  return matches.searchedChunks >= store.chunkCount;
}
