// One log line as the engine writes it (crates/engine/src/logs.rs):
// `<RFC 3339 UTC, ms> <stream> <bytes>`, e.g. `2026-11-25T14:22:47.123Z stderr oops`, the
// stream being stdout, stderr or pipewright (the engine's own lines). Lines in another shape
// are shown whole, as stdout.
import { needsParsing, parseAnsi, type AnsiSegment, type AnsiStyle } from "./ansi";

export type LogStream = "stdout" | "stderr" | "pipewright";

export interface LinePrefix {
  /** The line's RFC 3339 timestamp, or null when it has none. */
  time: string | null;
  stream: LogStream;
  /** Where the message starts in the raw line. */
  messageStart: number;
}

const TIMESTAMP_LENGTH = 24;
const STREAMS: readonly LogStream[] = ["stdout", "stderr", "pipewright"];

/** Reads the engine's prefix without building strings for lines that lack it. */
export function parsePrefix(raw: string): LinePrefix {
  if (
    raw.length > TIMESTAMP_LENGTH &&
    raw.charCodeAt(4) === 45 /* - */ &&
    raw.charCodeAt(10) === 84 /* T */ &&
    raw.charCodeAt(23) === 90 /* Z */ &&
    raw.charCodeAt(24) === 32 /* space */
  ) {
    for (const stream of STREAMS) {
      if (raw.startsWith(stream, 25)) {
        const after = 25 + stream.length;
        if (raw.length === after) return { time: raw.slice(0, TIMESTAMP_LENGTH), stream, messageStart: after };
        if (raw.charCodeAt(after) === 32) return { time: raw.slice(0, TIMESTAMP_LENGTH), stream, messageStart: after + 1 };
      }
    }
  }
  return { time: null, stream: "stdout", messageStart: 0 };
}

/**
 * Where the message of the line at `from` starts, relative to `from` (a cheaper [`parsePrefix`]
 * for the search loop, which reads whole chunks); `end` is where that line ends.
 */
export function messageStart(raw: string, from = 0, end = raw.length): number {
  if (
    end > from + TIMESTAMP_LENGTH + 6 &&
    raw.charCodeAt(from + 10) === 84 &&
    raw.charCodeAt(from + 23) === 90 &&
    raw.charCodeAt(from + 24) === 32 &&
    raw.charCodeAt(from + 4) === 45
  ) {
    const c = raw.charCodeAt(from + 25);
    const len = c === 112 /* p */ ? 10 : c === 115 /* s */ ? 6 : 0;
    if (len > 0) {
      const after = from + 25 + len;
      if (after > end) return 0;
      const stream = raw.slice(from + 25, after);
      if (STREAMS.includes(stream as LogStream)) {
        return after < end && raw.charCodeAt(after) === 32 ? after + 1 - from : after - from;
      }
    }
  }
  return 0;
}

/** The segments of a message: parsed when it holds escapes, else one plain segment. */
export function messageSegments(message: string): AnsiSegment[] {
  if (!needsParsing(message)) return message === "" ? [] : [{ text: message, start: 0, style: PLAIN }];
  return parseAnsi(message);
}

const PLAIN: AnsiStyle = {};

/** A search match inside a line's shown text. */
export interface MatchRange {
  start: number;
  length: number;
  current: boolean;
}

/** A piece of a shown line: a segment's text, cut where matches begin and end. */
export interface LinePiece {
  text: string;
  style: AnsiStyle;
  /** 0 outside any match, 1 in a match, 2 in the current match. */
  mark: 0 | 1 | 2;
}

/** Cuts `segments` at the edges of `ranges` (sorted, not overlapping) so matches can be marked. */
export function highlight(segments: readonly AnsiSegment[], ranges: readonly MatchRange[]): LinePiece[] {
  if (ranges.length === 0) return segments.map((s) => ({ text: s.text, style: s.style, mark: 0 }));
  const pieces: LinePiece[] = [];
  let r = 0;
  for (const seg of segments) {
    let pos = seg.start;
    const end = seg.start + seg.text.length;
    while (pos < end) {
      while (r < ranges.length && (ranges[r]?.start ?? 0) + (ranges[r]?.length ?? 0) <= pos) r++;
      const range = ranges[r];
      let next: number;
      let mark: 0 | 1 | 2 = 0;
      if (!range || range.start >= end) next = end;
      else if (range.start > pos) next = range.start;
      else {
        next = Math.min(end, range.start + range.length);
        mark = range.current ? 2 : 1;
      }
      pieces.push({ text: seg.text.slice(pos - seg.start, next - seg.start), style: seg.style, mark });
      pos = next;
    }
  }
  return pieces;
}

const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  fractionalSecondDigits: 3,
  hour12: false,
});

/** A line's time as shown (local time, ms): from its prefix, else `fallback` (when its page arrived). */
export function formatLineTime(time: string | null, fallback: number): string {
  const ms = time !== null ? Date.parse(time) : fallback;
  return Number.isNaN(ms) ? "" : timeFormat.format(ms);
}
