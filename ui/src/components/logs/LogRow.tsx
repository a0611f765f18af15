// One shown line of the log view: line number, time (optional), then the message in its ANSI
// colours with search matches marked. Parsed lines are cached per store (a few thousand), so
// scrolling back and forth does not parse them again.
import type { ReactNode } from "react";
import { pieceLook } from "../../model/logs/css";
import { formatLineTime, highlight, messageSegments, parsePrefix, type LinePrefix, type MatchRange } from "../../model/logs/line";
import type { AnsiSegment } from "../../model/logs/ansi";
import type { LogMatches } from "../../model/logs/search";
import type { LogStore } from "../../model/logs/store";

interface ParsedLine {
  prefix: LinePrefix;
  segments: AnsiSegment[];
}

const CACHE_LINES = 4000;
const caches = new WeakMap<LogStore, Map<number, ParsedLine>>();

function parsedLine(store: LogStore, i: number): ParsedLine {
  let cache = caches.get(store);
  if (!cache) {
    cache = new Map();
    caches.set(store, cache);
  }
  const hit = cache.get(i);
  if (hit) return hit;
  const raw = store.line(i);
  const prefix = parsePrefix(raw);
  const parsed = { prefix, segments: messageSegments(raw.slice(prefix.messageStart)) };
  if (cache.size >= CACHE_LINES) cache.clear();
  cache.set(i, parsed);
  return parsed;
}

export interface RowOptions {
  numbers: boolean;
  times: boolean;
  /** Width of the line-number gutter, in characters. */
  gutter: number;
  matches: LogMatches | null;
  current: number;
}

export function LogRow({ store, index, top, options }: { store: LogStore; index: number; top: number; options: RowOptions }) {
  const { prefix, segments } = parsedLine(store, index);
  const ranges: MatchRange[] = [];
  let hasCurrent = false;
  if (options.matches) {
    const [first, end] = options.matches.onLine(index);
    for (let k = first; k < end; k++) {
      const current = k === options.current;
      hasCurrent ||= current;
      ranges.push({ start: options.matches.columnOf(k), length: options.matches.length, current });
    }
  }
  const pieces = highlight(segments, ranges);
  const content: ReactNode[] = pieces.map((p, k) => {
    const look = pieceLook(p.style);
    const style = look.color !== undefined || look.background !== undefined ? { color: look.color, background: look.background } : undefined;
    const span = (
      <span key={k} className={look.className || undefined} style={style}>
        {p.text}
      </span>
    );
    if (p.mark === 0) return look.className === "" && style === undefined ? p.text : span;
    return (
      <mark key={k} className={p.mark === 2 ? "log-match log-match-current" : "log-match"}>
        {look.className === "" && style === undefined ? p.text : span}
      </mark>
    );
  });
  return (
    <span
      className={`log-line log-${prefix.stream}${hasCurrent ? " log-line-current" : ""}`}
      style={{ transform: `translateY(${top}px)` }}
      data-line={index + 1}
    >
      {options.numbers && (
        <span className="log-ln" style={{ width: `${options.gutter + 2}ch` }} aria-hidden="true">
          {index + 1}
        </span>
      )}
      {options.times && <span className="log-time">{formatLineTime(prefix.time, store.arrivedAt(index))}</span>}
      <span className="log-msg">{content.length === 0 ? " " : content}</span>
      {"\n"}
    </span>
  );
}
