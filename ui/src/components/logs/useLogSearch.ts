// Search over a streamed log: the query's matches found in time slices (a few ms each, so
// typing and scrolling stay smooth on a million lines), extended as new lines stream in, and
// the current match moved with next/previous.
import { useCallback, useEffect, useRef, useState } from "react";
import { LogMatches, searchMore } from "../../model/logs/search";
import type { LogStore } from "../../model/logs/store";

const SLICE_MS = 8;

interface Found {
  matches: LogMatches;
  count: number;
  done: boolean;
}

export interface LogSearch {
  matches: LogMatches | null;
  count: number;
  /** Index of the current match, -1 when none is chosen yet. */
  current: number;
  /** True while chunks are still being searched. */
  searching: boolean;
  next: () => number;
  previous: () => number;
  /** Chooses the first match at or after `line`; returns it or -1. */
  startAt: (line: number) => number;
}

export function useLogSearch(store: LogStore, version: number, query: string): LogSearch {
  const searched = useRef<LogMatches | null>(null);
  const [found, setFound] = useState<Found | null>(null);
  const [current, setCurrent] = useState(-1);
  const [forQuery, setForQuery] = useState(query);
  if (forQuery !== query) {
    // A new query: no current match until it is found (state adjusted while rendering).
    setForQuery(query);
    setCurrent(-1);
  }

  useEffect(() => {
    if (query === "") return;
    let m = searched.current;
    if (m === null || m.query !== query) {
      m = new LogMatches(query);
      searched.current = m;
    }
    const matches = m;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const step = () => {
      if (cancelled) return;
      const done = searchMore(store, matches, SLICE_MS);
      setFound({ matches, count: matches.count, done });
      if (!done) timer = setTimeout(step, 0);
    };
    timer = setTimeout(step, 0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [store, version, query]);

  const live = query !== "" && found !== null && found.matches.query === query ? found : null;
  const count = live?.count ?? 0;

  const move = useCallback(
    (delta: number) => {
      if (count === 0) return -1;
      const next = current < 0 ? (delta > 0 ? 0 : count - 1) : (current + delta + count) % count;
      setCurrent(next);
      return next;
    },
    [current, count],
  );
  const next = useCallback(() => move(1), [move]);
  const previous = useCallback(() => move(-1), [move]);
  const matches = live?.matches ?? null;
  const startAt = useCallback(
    (line: number) => {
      if (!matches || count === 0) return -1;
      const k = Math.min(matches.firstAtOrAfter(line), count - 1);
      setCurrent(k);
      return k;
    },
    [matches, count],
  );

  return {
    matches,
    count,
    current: live ? current : -1,
    searching: query !== "" && !(live?.done ?? false),
    next,
    previous,
    startAt,
  };
}
