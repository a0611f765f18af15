// The lines of one action's log, kept compactly for a million lines and more: the streamed text
// in chunks (JavaScript strings of at most ~1 MiB, cut at line ends) and, per line, two numbers
// in typed arrays: its chunk and its offset there. A line becomes a string only when it is
// shown, searched line by line, or copied; nothing holds an object per line.

/** Pages longer than this are stored as several chunks (cut at line ends), so a search step stays short. */
export const MAX_CHUNK_CHARS = 1 << 20;

function grow(a: Uint32Array<ArrayBuffer>, need: number): Uint32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  let size = a.length;
  while (size < need) size *= 2;
  const next = new Uint32Array(size);
  next.set(a);
  return next;
}

export class LogStore {
  private chunks: string[] = [];
  /** When each chunk arrived (ms since the epoch): the time of lines that carry none. */
  private chunkArrived: number[] = [];
  /** Index of each chunk's first line; one more entry than chunks (the line count). */
  private chunkFirst: number[] = [0];
  private lineChunk = new Uint32Array(4096);
  private lineStart = new Uint32Array(4096);
  private count = 0;
  /** A line still without its newline (held until the next page or the end). */
  private pending = "";
  private chars = 0;
  /** Changes whenever lines are added (for memoised views). */
  version = 0;

  get lineCount(): number {
    return this.count;
  }

  get chunkCount(): number {
    return this.chunks.length;
  }

  /** Characters held in complete lines, newlines included. */
  get size(): number {
    return this.chars;
  }

  /** Adds streamed text; complete lines are stored, a trailing partial line waits. Returns the lines added. */
  append(text: string, arrivedAt: number = Date.now()): number {
    if (text === "") return 0;
    const all = this.pending === "" ? text : this.pending + text;
    const lastNewline = all.lastIndexOf("\n");
    if (lastNewline < 0) {
      this.pending = all;
      return 0;
    }
    this.pending = all.slice(lastNewline + 1);
    return this.addComplete(all, lastNewline + 1, arrivedAt);
  }

  /** The log ended: a last line without a newline is kept as a line. */
  finish(arrivedAt: number = Date.now()): number {
    if (this.pending === "") return 0;
    const last = `${this.pending}\n`;
    this.pending = "";
    return this.addComplete(last, last.length, arrivedAt);
  }

  /** Stores `text.slice(0, end)` (whole lines) as one or more chunks. */
  private addComplete(text: string, end: number, arrivedAt: number): number {
    const before = this.count;
    let from = 0;
    while (from < end) {
      let to = end;
      if (to - from > MAX_CHUNK_CHARS) {
        const cut = text.lastIndexOf("\n", from + MAX_CHUNK_CHARS - 1);
        to = cut >= from ? cut + 1 : text.indexOf("\n", from + MAX_CHUNK_CHARS) + 1;
      }
      this.addChunk(from === 0 && to === text.length ? text : text.slice(from, to), arrivedAt);
      from = to;
    }
    this.version += 1;
    return this.count - before;
  }

  private addChunk(chunk: string, arrivedAt: number): void {
    const c = this.chunks.length;
    this.chunks.push(chunk);
    this.chunkArrived.push(arrivedAt);
    this.chars += chunk.length;
    // Count first, then fill the typed arrays in one pass.
    let lines = 0;
    for (let i = chunk.indexOf("\n"); i >= 0; i = chunk.indexOf("\n", i + 1)) lines++;
    const total = this.count + lines;
    this.lineChunk = grow(this.lineChunk, total);
    this.lineStart = grow(this.lineStart, total);
    this.lineChunk.fill(c, this.count, total);
    let n = this.count;
    let start = 0;
    for (let i = chunk.indexOf("\n"); i >= 0; i = chunk.indexOf("\n", i + 1)) {
      this.lineStart[n++] = start;
      start = i + 1;
    }
    this.count = total;
    this.chunkFirst.push(total);
  }

  /** Line `i` (0-based) without its line end. */
  line(i: number): string {
    if (i < 0 || i >= this.count) return "";
    const c = this.lineChunk[i] ?? 0;
    const chunk = this.chunks[c] ?? "";
    const start = this.lineStart[i] ?? 0;
    let end = i + 1 < this.count && this.lineChunk[i + 1] === c ? (this.lineStart[i + 1] ?? 0) - 1 : chunk.length - 1;
    if (end > start && chunk.charCodeAt(end - 1) === 13) end -= 1;
    return chunk.slice(start, end);
  }

  /** When the chunk holding line `i` arrived. */
  arrivedAt(i: number): number {
    return this.chunkArrived[this.lineChunk[i] ?? 0] ?? 0;
  }

  /** The text of chunk `c` (whole lines, newline-terminated). */
  chunk(c: number): string {
    return this.chunks[c] ?? "";
  }

  /** The first line of chunk `c` and the first line after it. */
  chunkLines(c: number): [first: number, end: number] {
    return [this.chunkFirst[c] ?? this.count, this.chunkFirst[c + 1] ?? this.count];
  }

  /** Offset of line `i` inside its chunk. */
  lineOffset(i: number): number {
    return this.lineStart[i] ?? 0;
  }

  /** Everything received, as pieces to hand to a Blob (no 50 MB string is built). */
  parts(): string[] {
    return this.pending === "" ? [...this.chunks] : [...this.chunks, this.pending];
  }
}
