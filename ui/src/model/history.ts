// The History view's logic: the filter bar's state → `list_executions` arguments, and how a
// row reads (trigger words, short ids and commits, durations).
import type { ExecutionSummaryView, ListExecutionsArgs } from "../ipc/bindings";

/** Rows per page. */
export const HISTORY_PAGE = 50;

/** The statuses the filter offers, in the order a person looks for them. */
export const HISTORY_STATUSES = ["Succeeded", "Failed", "InProgress", "Stopped", "Superseded", "Cancelled"] as const;

/** Trigger kinds (`triggerKind` values and the `triggers` filter) and their words. */
export const TRIGGER_KINDS: readonly { kind: string; label: string }[] = [
  { kind: "manual", label: "Manual" },
  { kind: "source", label: "Source change" },
  { kind: "webhook", label: "Webhook" },
  { kind: "schedule", label: "Schedule" },
  { kind: "pipeline", label: "Another pipeline" },
  { kind: "rollback", label: "Rollback" },
];

export interface HistoryFilters {
  statuses: string[];
  /** A trigger kind, or "" for any. */
  trigger: string;
  branch: string;
  /** `YYYY-MM-DD` (a date input's value), or "". */
  from: string;
  to: string;
}

export const NO_FILTERS: HistoryFilters = { statuses: [], trigger: "", branch: "", from: "", to: "" };

export function hasFilters(f: HistoryFilters): boolean {
  return f.statuses.length > 0 || f.trigger !== "" || f.branch.trim() !== "" || f.from !== "" || f.to !== "";
}

/** The filter bar's state as `list_executions` arguments (without the page token). */
export function listArgs(pipeline: string | undefined, f: HistoryFilters, limit = HISTORY_PAGE): ListExecutionsArgs {
  const args: ListExecutionsArgs = { limit };
  if (pipeline !== undefined) args.pipeline = pipeline;
  if (f.statuses.length > 0) args.statuses = [...f.statuses];
  if (f.trigger !== "") args.triggers = [f.trigger];
  const branch = f.branch.trim();
  if (branch !== "") args.branch = branch;
  if (f.from !== "") args.since = f.from;
  if (f.to !== "") args.until = f.to;
  return args;
}

/** A problem with the date range the user can fix before asking the backend. */
export function rangeProblem(f: HistoryFilters): string | undefined {
  if (f.from !== "" && f.to !== "" && f.from > f.to) return "“From” is after “To”: the range is empty.";
  return undefined;
}

/** Adds or removes a status from the filter, keeping the offered order. */
export function toggleStatus(f: HistoryFilters, status: string): HistoryFilters {
  const on = f.statuses.includes(status);
  const next = on ? f.statuses.filter((s) => s !== status) : [...f.statuses, status];
  const order = (s: string) => {
    const i = (HISTORY_STATUSES as readonly string[]).indexOf(s);
    return i < 0 ? HISTORY_STATUSES.length : i;
  };
  return { ...f, statuses: next.sort((a, b) => order(a) - order(b)) };
}

/** "Manual", "Source change", … for a row's trigger kind; the API's TriggerType otherwise. */
export function triggerLabel(row: Pick<ExecutionSummaryView, "triggerKind" | "trigger">): string {
  return TRIGGER_KINDS.find((t) => t.kind === row.triggerKind)?.label ?? row.trigger.triggerType;
}

/** More about the trigger for a tooltip: its type and detail ("WebhookV2 · push to main"). */
export function triggerTitle(row: Pick<ExecutionSummaryView, "trigger">): string {
  const { triggerType, triggerDetail } = row.trigger;
  return triggerDetail ? `${triggerType} · ${triggerDetail}` : triggerType;
}

/** The first 8 characters of an execution id (uuids are unique enough there to tell apart). */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** The first source revision: its short commit id and the first line of its message. */
export function revisionOf(row: Pick<ExecutionSummaryView, "sourceRevisions">): { commit: string; message: string; full: string } | undefined {
  const r = row.sourceRevisions.find((s) => s.revisionId !== undefined || s.revisionSummary !== undefined);
  if (!r) return undefined;
  const id = r.revisionId ?? "";
  const message = (r.revisionSummary ?? "").split("\n")[0] ?? "";
  return { commit: id.slice(0, 7), message, full: [r.actionName, id, r.revisionSummary].filter(Boolean).join("\n") };
}

/** "850 ms", "12 s", "3 min 4 s", "1 h 2 min"; "" when unknown. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return "";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** A row's duration: from its times while it runs ("so far"), else the recorded one. */
export function rowDuration(row: Pick<ExecutionSummaryView, "status" | "startTime" | "durationMs">, now: Date = new Date()): string {
  if (row.status === "InProgress" || row.status === "Stopping") {
    const ms = now.getTime() - Date.parse(row.startTime);
    return Number.isNaN(ms) ? "" : `${formatMs(Math.max(0, ms))} so far`;
  }
  return formatMs(row.durationMs);
}

/** Variables as one line for a tooltip: `env=prod, region=eu`. */
export function variablesText(row: Pick<ExecutionSummaryView, "variables">): string {
  return row.variables.map((v) => `${v.name}=${v.value}`).join(", ");
}
