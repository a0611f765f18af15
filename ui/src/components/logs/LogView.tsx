// The live log of one action: ANSI colours, search with highlighted matches, follow/pause,
// line numbers, a timestamps toggle and download. Only the rows in sight (plus a few) are in
// the DOM: rows have one fixed height, so the window is plain arithmetic on scrollTop and a
// million lines cost two typed arrays (model/logs/store.ts), not a million elements or objects.
//
// Times come from the engine's line prefix (`<RFC 3339 UTC ms> <stream> …`, shown in local
// time); a line without one shows when its page arrived.
import { ArrowDown, ChevronDown, ChevronUp, Clock, Download, ListOrdered, Search } from "lucide-react";
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import { flushSync } from "react-dom";
import { showError, showSuccess } from "../../state/toasts";
import { downloadLog } from "./download";
import { LogRow, type RowOptions } from "./LogRow";
import { useLogSearch } from "./useLogSearch";
import { useLogStream } from "./useLogStream";
import "./logs.css";

/** Height of one row in px (the CSS's `--log-row`). */
export const LOG_ROW_PX = 18;
/** Rows drawn above and below the visible ones. */
const OVERSCAN = 10;
const SEARCH_DEBOUNCE_MS = 120;

export interface LogViewProps {
  executionId: string;
  stageName: string;
  actionName: string;
  /** Which attempt's log to show and save; the latest when absent. */
  attempt?: number;
}

export function LogView(props: LogViewProps) {
  // A fresh store and state for every action: keyed here, so embedders need not.
  return <LogViewInner key={`${props.executionId}\u0000${props.stageName}\u0000${props.actionName}\u0000${props.attempt ?? ""}`} {...props} />;
}

function LogViewInner({ executionId, stageName, actionName, attempt }: LogViewProps) {
  const { store, version, lineCount, complete, error } = useLogStream(executionId, stageName, actionName, attempt);
  const viewport = useRef<HTMLPreElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(360);
  const [follow, setFollow] = useState(true);
  const [times, setTimes] = useState(false);
  const [numbers, setNumbers] = useState(true);
  const [typed, setTyped] = useState("");
  const [query, setQuery] = useState("");
  const [saving, setSaving] = useState(false);
  const lastTop = useRef(0);
  const search = useLogSearch(store, version, query);

  useEffect(() => {
    const t = setTimeout(() => setQuery(typed), typed === "" ? 0 : SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [typed]);

  // The viewport's height decides how many rows are drawn.
  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Following: stay at the end as lines arrive.
  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el || !follow) return;
    const bottom = el.scrollHeight - el.clientHeight;
    if (el.scrollTop < bottom) el.scrollTop = bottom;
  }, [follow, lineCount, height]);

  const onScroll = () => {
    const el = viewport.current;
    if (!el) return;
    const top = el.scrollTop;
    const atBottom = el.scrollHeight - el.clientHeight - top < LOG_ROW_PX;
    // Scrolling up pauses following; scrolling down to the end resumes it.
    if (top < lastTop.current - 1 && !atBottom) setFollow(false);
    else if (top > lastTop.current && atBottom) setFollow(true);
    lastTop.current = top;
    // Drawn before this frame is painted (a scroll's update would otherwise wait for a later
    // task, and a fast scroll would show empty space for a frame).
    flushSync(() => setScrollTop(top));
  };

  const scrollToLine = useCallback((line: number) => {
    const el = viewport.current;
    if (!el) return;
    setFollow(false);
    el.scrollTop = Math.max(0, line * LOG_ROW_PX - (el.clientHeight - LOG_ROW_PX) / 2);
    lastTop.current = el.scrollTop;
    setScrollTop(el.scrollTop);
  }, []);

  // A new current match: bring it into view, also sideways once its row is drawn.
  const { count, current, startAt } = search;
  const currentLine = search.matches && current >= 0 ? search.matches.lineOf(current) : -1;
  useEffect(() => {
    if (currentLine < 0) return;
    const el = viewport.current;
    if (!el) return;
    const top = currentLine * LOG_ROW_PX;
    if (top < el.scrollTop || top + LOG_ROW_PX > el.scrollTop + el.clientHeight) scrollToLine(currentLine);
    const frame = requestAnimationFrame(() => {
      const mark = el.querySelector(".log-match-current");
      if (mark) {
        const m = mark.getBoundingClientRect();
        const v = el.getBoundingClientRect();
        const gutter = el.querySelector(".log-ln")?.getBoundingClientRect().width ?? 0;
        if (m.right > v.right - 16) el.scrollLeft += m.right - v.right + 48;
        else if (m.left < v.left + gutter) el.scrollLeft = Math.max(0, el.scrollLeft - (v.left + gutter - m.left) - 48);
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [currentLine, current, scrollToLine]);

  // The first match at or after the top of the view becomes current as soon as one is found.
  const firstVisible = Math.floor(scrollTop / LOG_ROW_PX);
  useEffect(() => {
    if (query !== "" && count > 0 && current < 0) startAt(firstVisible);
  }, [query, count, current, startAt, firstVisible]);

  const toggleFollow = () => {
    const next = !follow;
    setFollow(next);
    const el = viewport.current;
    if (next && el) {
      el.scrollTop = el.scrollHeight;
      lastTop.current = el.scrollTop;
    }
  };

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      if (query !== typed) setQuery(typed);
      else if (e.shiftKey) search.previous();
      else search.next();
    } else if (e.key === "Escape" && typed !== "") {
      e.preventDefault();
      e.stopPropagation();
      setTyped("");
    }
  };

  const onSectionKey = (e: KeyboardEvent<HTMLElement>) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "f") {
      e.preventDefault();
      searchBox.current?.focus();
      searchBox.current?.select();
    }
  };

  const download = () => {
    setSaving(true);
    downloadLog(store, { executionId, stageName, actionName, attempt })
      .then((saved) => {
        if (saved !== null) showSuccess(`Saved the log of ${actionName} to ${saved}`);
      })
      .catch(showError)
      .finally(() => setSaving(false));
  };

  const first = Math.max(0, firstVisible - OVERSCAN);
  const last = Math.min(lineCount, Math.ceil((scrollTop + height) / LOG_ROW_PX) + OVERSCAN);
  const options: RowOptions = { numbers, times, gutter: String(Math.max(lineCount, 1)).length, matches: search.matches, current: search.current };
  const rows = [];
  for (let i = first; i < last; i++) rows.push(<LogRow key={i} store={store} index={i} top={i * LOG_ROW_PX} options={options} />);

  const matchText =
    query === "" ? "" : search.count === 0 ? (search.searching ? "Searching…" : "No matches") : `${search.current + 1 > 0 ? search.current + 1 : "–"} of ${search.count}${search.searching ? "+" : ""}`;
  const lines = `${lineCount.toLocaleString("en-US")} line${lineCount === 1 ? "" : "s"}`;

  return (
    <section className="log-panel log-view" aria-label={`Log of ${actionName}`} onKeyDown={onSectionKey}>
      <div className="log-toolbar" role="group" aria-label="Log tools">
        <span className="log-search">
          <Search size={14} aria-hidden="true" className="log-search-icon" />
          <input
            ref={searchBox}
            type="search"
            className="input log-search-input"
            aria-label="Search log"
            placeholder="Search log"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onKeyDown={onSearchKey}
          />
        </span>
        <span className="log-match-count" role="status" aria-label="Matches">
          {matchText}
        </span>
        <button type="button" className="icon-button" aria-label="Previous match" title="Previous match (Shift+Enter)" disabled={search.count === 0} onClick={() => search.previous()}>
          <ChevronUp size={16} aria-hidden="true" />
        </button>
        <button type="button" className="icon-button" aria-label="Next match" title="Next match (Enter)" disabled={search.count === 0} onClick={() => search.next()}>
          <ChevronDown size={16} aria-hidden="true" />
        </button>
        <span className="log-toolbar-gap" />
        <button type="button" className="button button-small log-toggle" aria-pressed={follow} title="Keep the end of the log in view" onClick={toggleFollow}>
          <ArrowDown size={14} aria-hidden="true" />
          Follow
        </button>
        <button type="button" className="button button-small log-toggle" aria-pressed={times} onClick={() => setTimes((v) => !v)}>
          <Clock size={14} aria-hidden="true" />
          Timestamps
        </button>
        <button type="button" className="button button-small log-toggle" aria-pressed={numbers} onClick={() => setNumbers((v) => !v)}>
          <ListOrdered size={14} aria-hidden="true" />
          Line numbers
        </button>
        <button type="button" className="button button-small" disabled={saving || (lineCount === 0 && complete)} onClick={download}>
          <Download size={14} aria-hidden="true" />
          Download log
        </button>
      </div>
      {error !== null && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      <pre ref={viewport} className={numbers ? "log-viewport" : "log-viewport log-no-numbers"} tabIndex={0} aria-label={`Log text of ${actionName}`} onScroll={onScroll}>
        {lineCount === 0 ? (
          <span className="log-empty">{complete ? "(empty log)" : "Waiting for output…"}</span>
        ) : (
          <span className="log-spacer" style={{ height: lineCount * LOG_ROW_PX }}>
            {rows}
          </span>
        )}
      </pre>
      <p className="muted log-state" aria-live="polite">
        {complete ? `End of log · ${lines}` : follow ? `Following… · ${lines}` : `Paused · ${lines}`}
      </p>
    </section>
  );
}
