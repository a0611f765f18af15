import { X } from "lucide-react";
import { useEffect, useState } from "react";
import { hasFilters, HISTORY_STATUSES, NO_FILTERS, toggleStatus, TRIGGER_KINDS, type HistoryFilters } from "../../model/history";
import { statusClass, statusLabel } from "../../model/status";

interface Props {
  filters: HistoryFilters;
  onChange: (f: HistoryFilters) => void;
  /** All-pipelines mode: the pipelines to narrow to, and the chosen one ("" for all). */
  pipelines?: { names: string[]; chosen: string; onChoose: (name: string) => void };
}

/** The filter bar: status chips (any of them), trigger, branch (applied as you type, after a pause), date range. */
export function HistoryFilterBar({ filters, onChange, pipelines }: Props) {
  const [branch, setBranch] = useState(filters.branch);
  // Follow outside changes (Clear filters), adjusting state while rendering.
  const [seen, setSeen] = useState(filters.branch);
  if (filters.branch !== seen) {
    setSeen(filters.branch);
    setBranch(filters.branch);
  }
  useEffect(() => {
    if (branch === filters.branch) return;
    const t = setTimeout(() => onChange({ ...filters, branch }), 300);
    return () => clearTimeout(t);
  }, [branch, filters, onChange]);

  return (
    <div className="history-filters" role="search" aria-label="Filter executions">
      {pipelines && (
        <label className="history-field">
          <span>Pipeline</span>
          <select aria-label="Pipeline" value={pipelines.chosen} onChange={(e) => pipelines.onChoose(e.target.value)}>
            <option value="">All pipelines</option>
            {pipelines.names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      )}
      <fieldset className="history-statuses">
        <legend>Status</legend>
        {HISTORY_STATUSES.map((s) => {
          const on = filters.statuses.includes(s);
          return (
            <label key={s} className={`history-chip${on ? " on" : ""}`}>
              <input type="checkbox" checked={on} onChange={() => onChange(toggleStatus(filters, s))} />
              <span className={`history-dot ${statusClass(s)}`} aria-hidden="true" />
              {statusLabel(s)}
            </label>
          );
        })}
      </fieldset>
      <label className="history-field">
        <span>Trigger</span>
        <select aria-label="Trigger" value={filters.trigger} onChange={(e) => onChange({ ...filters, trigger: e.target.value })}>
          <option value="">Any trigger</option>
          {TRIGGER_KINDS.map((t) => (
            <option key={t.kind} value={t.kind}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      <label className="history-field">
        <span>Branch</span>
        <input
          type="text"
          aria-label="Branch"
          value={branch}
          placeholder="any"
          spellCheck={false}
          onChange={(e) => setBranch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") onChange({ ...filters, branch });
          }}
        />
      </label>
      <label className="history-field">
        <span>From</span>
        <input type="date" aria-label="From" value={filters.from} max={filters.to || undefined} onChange={(e) => onChange({ ...filters, from: e.target.value })} />
      </label>
      <label className="history-field">
        <span>To</span>
        <input type="date" aria-label="To" value={filters.to} min={filters.from || undefined} onChange={(e) => onChange({ ...filters, to: e.target.value })} />
      </label>
      <button type="button" className="button button-small" onClick={() => onChange(NO_FILTERS)} disabled={!hasFilters(filters)}>
        <X size={14} aria-hidden="true" />
        Clear filters
      </button>
    </div>
  );
}
