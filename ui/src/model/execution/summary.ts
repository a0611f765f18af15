// Words and numbers the run view shows about an execution, its stages and its actions.
import type { ActionView, ExecutionView, StageView, TriggerView } from "../../ipc/bindings";

/** "850 ms", "12 s", "3 min 4 s", "2 h 5 min" for a number of milliseconds. */
export function formatMs(ms: number): string {
  const v = Math.max(0, Math.round(ms));
  if (v < 1000) return `${v} ms`;
  const s = Math.round(v / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** Milliseconds from `start` to `end` (or `now` while it runs); undefined when it never started. */
export function elapsedMs(start: string | undefined, end: string | undefined, now: Date = new Date()): number | undefined {
  if (start === undefined) return undefined;
  const s = Date.parse(start);
  const e = end === undefined ? now.getTime() : Date.parse(end);
  if (Number.isNaN(s) || Number.isNaN(e)) return undefined;
  return Math.max(0, e - s);
}

/** An action's or stage's elapsed time as text, "" when it never started. */
export function elapsedLabel(part: Pick<ActionView, "startTime" | "endTime"> | Pick<StageView, "startTime" | "endTime">, now?: Date): string {
  const ms = elapsedMs(part.startTime, part.endTime, now);
  return ms === undefined ? "" : formatMs(ms);
}

/** "attempt 2" from the second attempt on (the first is not worth a word). */
export function attemptLabel(attempt: number | undefined): string {
  return attempt !== undefined && attempt > 1 ? `attempt ${attempt}` : "";
}

const TRIGGERS: Record<string, string> = {
  StartPipelineExecution: "Started by hand",
  PollForSourceChanges: "Source change",
  WebhookV2: "Webhook",
  CloudWatchEvent: "Schedule",
  CreatePipeline: "Pipeline created",
};

/** What started it, in words (the detail after a dash when there is one). */
export function triggerLabel(trigger: TriggerView | undefined): string {
  if (!trigger) return "Unknown trigger";
  const base = TRIGGERS[trigger.triggerType] ?? trigger.triggerType;
  return trigger.triggerDetail ? `${base} — ${trigger.triggerDetail}` : base;
}

/** The first 7 characters of a commit or the first 12 of a digest. */
export function shortRevision(id: string): string {
  const hex = /^[0-9a-f]+$/i.test(id);
  if (hex && id.length === 40) return id.slice(0, 7);
  if (hex && id.length > 12) return id.slice(0, 12);
  return id;
}

/** "a1b2c3d (Checkout)", several joined by commas; "" when no source recorded a revision. */
export function revisionsLabel(view: ExecutionView): string {
  return (view.sourceRevisions ?? [])
    .filter((r) => r.revisionId)
    .map((r) => `${shortRevision(r.revisionId ?? "")} (${r.actionName})`)
    .join(", ");
}

/** "1.2 kB", "3.4 MB" (decimal units, as file managers show them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ["kB", "MB", "GB", "TB"];
  let v = bytes / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i += 1;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** The stages that may be retried: their latest attempt Failed or was Stopped, and the execution is not running. */
export function canRetry(view: ExecutionView, stage: StageView): boolean {
  const running = view.status === "InProgress" || view.status === "Stopping";
  return !running && (stage.status === "Failed" || stage.status === "Stopped");
}
