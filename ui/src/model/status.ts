// Execution statuses as the canvas shows them (CodePipeline's enum values → words).
import type { ExecutionView } from "../ipc/bindings";

const LABELS: Record<string, string> = {
  InProgress: "In progress",
  Succeeded: "Succeeded",
  Failed: "Failed",
  Abandoned: "Abandoned",
  Stopped: "Stopped",
  Stopping: "Stopping",
  Cancelled: "Cancelled",
  Skipped: "Skipped",
  Superseded: "Superseded",
};

/** The words for a status; an action or stage that never ran is "Not started". */
export function statusLabel(status: string | undefined | null): string {
  if (status === undefined || status === null) return "Not started";
  return LABELS[status] ?? status;
}

/** CSS modifier for a status dot or chip. */
export function statusClass(status: string | undefined | null): string {
  if (status === undefined || status === null) return "status-not-started";
  if (status === "InProgress" || status === "Stopping") return "status-in-progress";
  if (status === "Succeeded") return "status-succeeded";
  if (status === "Failed") return "status-failed";
  return "status-other";
}

export function isRunning(view: ExecutionView): boolean {
  return view.status === "InProgress" || view.status === "Stopping";
}

/** "850 ms", "12 s", "3 min 4 s" between two RFC 3339 times. */
export function formatDuration(start: string, end: string): string {
  const ms = Math.max(0, Date.parse(end) - Date.parse(start));
  if (Number.isNaN(ms)) return "";
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${s % 60} s`;
}

/** The status of one action of a view, by names. */
export function actionStatus(view: ExecutionView | null, stageName: string, actionName: string): string | undefined {
  return view?.stages.find((s) => s.stageName === stageName)?.actions.find((a) => a.actionName === actionName)?.status;
}

export function stageStatus(view: ExecutionView | null, stageName: string): string | undefined {
  return view?.stages.find((s) => s.stageName === stageName)?.status;
}
