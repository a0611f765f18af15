// The timeline (Gantt) of one execution: every stage and action as a row with segments on one
// time axis. Pure layout from an ExecutionView; the component only draws what this returns.
import type { ExecutionView } from "../../ipc/bindings";

/**
 * - `queue`: a stage waiting after the previous stage ended (a stage lock, a disabled
 *   transition, a queued execution) or an action waiting after its stage started (an earlier
 *   run order);
 * - `run`: the action or stage working;
 * - `approval`: a Manual approval waiting for its decision, or an action at a pause: before it
 *   ran (a "pause before" point) or after it failed (its container kept for debugging); kept
 *   apart from run time.
 */
export type SegmentKind = "queue" | "run" | "approval";

export interface TimelineSegment {
  kind: SegmentKind;
  /** Milliseconds from the execution's start. */
  startMs: number;
  endMs: number;
}

export interface TimelineRow {
  kind: "stage" | "action";
  stageName: string;
  actionName?: string;
  status?: string;
  attempt?: number;
  /** Still running: its run segment ends at `now`. */
  open: boolean;
  segments: TimelineSegment[];
  queueMs: number;
  runMs: number;
  approvalMs: number;
}

export interface Timeline {
  /** The whole axis in ms (at least 1). */
  totalMs: number;
  rows: TimelineRow[];
}

function ms(iso: string | undefined | null): number | undefined {
  if (iso === undefined || iso === null) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

function sum(segments: readonly TimelineSegment[], kind: SegmentKind): number {
  return segments.filter((s) => s.kind === kind).reduce((n, s) => n + (s.endMs - s.startMs), 0);
}

function row(base: Omit<TimelineRow, "queueMs" | "runMs" | "approvalMs">): TimelineRow {
  const segments = base.segments.filter((s) => s.endMs > s.startMs);
  return {
    ...base,
    segments,
    queueMs: sum(segments, "queue"),
    runMs: sum(segments, "run"),
    approvalMs: sum(segments, "approval"),
  };
}

/**
 * The segments of an action from `start` to `end` (ms on the axis): all `approval` for a
 * Manual approval; else run time, less the time its pause (if any) waited from `pauseStart`
 * to `pauseEnd`.
 */
function actionSegments(
  start: number,
  end: number,
  manualApproval: boolean,
  pause: { start: number; end: number } | undefined,
): TimelineSegment[] {
  if (manualApproval) return [{ kind: "approval", startMs: start, endMs: end }];
  if (pause === undefined) return [{ kind: "run", startMs: start, endMs: end }];
  const p = { start: Math.max(pause.start, start), end: Math.max(pause.end, pause.start, start) };
  const out: TimelineSegment[] = [];
  if (start < p.start) out.push({ kind: "run", startMs: start, endMs: Math.min(end, p.start) });
  out.push({ kind: "approval", startMs: p.start, endMs: p.end });
  if (p.end < end) out.push({ kind: "run", startMs: p.end, endMs: end });
  return out;
}

/**
 * Lays out `view` on one axis from its start. `approvals` names the actions (`STAGE/ACTION`)
 * that are Manual approvals; `now` ends what still runs. Stages and actions that never ran
 * get a row without segments; times before the start are clamped to it.
 */
export function layoutTimeline(view: ExecutionView, approvals: ReadonlySet<string>, now: Date = new Date()): Timeline {
  const origin = ms(view.startTime) ?? now.getTime();
  const nowMs = now.getTime();
  const at = (t: number) => Math.max(0, t - origin);
  const rows: TimelineRow[] = [];
  let previousEnd: number | undefined = origin;
  let totalMs = 1;
  const grow = (segments: readonly TimelineSegment[]) => {
    for (const s of segments) totalMs = Math.max(totalMs, s.endMs);
  };
  for (const stage of view.stages) {
    const start = ms(stage.startTime);
    const end = ms(stage.endTime) ?? (start !== undefined && stage.status === "InProgress" ? nowMs : undefined);
    const stageSegments: TimelineSegment[] = [];
    if (start !== undefined) {
      if (previousEnd !== undefined && previousEnd < start) stageSegments.push({ kind: "queue", startMs: at(previousEnd), endMs: at(start) });
      stageSegments.push({ kind: "run", startMs: at(start), endMs: at(end ?? ms(stage.actions.map((a) => a.lastStatusChange).sort().at(-1)) ?? start) });
    }
    grow(stageSegments);
    rows.push(
      row({
        kind: "stage",
        stageName: stage.stageName,
        status: stage.status,
        attempt: stage.attempt,
        open: start !== undefined && stage.endTime === undefined && stage.status === "InProgress",
        segments: stageSegments,
      }),
    );
    for (const action of stage.actions) {
      const aStart = ms(action.startTime);
      const running = action.status === "InProgress";
      const aEnd = ms(action.endTime) ?? (running ? nowMs : ms(action.lastStatusChange));
      const segments: TimelineSegment[] = [];
      if (aStart !== undefined) {
        if (start !== undefined && start < aStart) segments.push({ kind: "queue", startMs: at(start), endMs: at(aStart) });
        const decision = action.approval;
        const pauseStart = decision?.kind === "PAUSE" ? ms(decision.requestedTime) : undefined;
        const pause =
          pauseStart === undefined
            ? undefined
            : { start: at(pauseStart), end: at(ms(decision?.decidedTime) ?? (decision?.status === "PENDING" ? nowMs : pauseStart)) };
        segments.push(
          ...actionSegments(
            at(aStart),
            at(Math.max(aStart, aEnd ?? aStart)),
            approvals.has(`${stage.stageName}/${action.actionName}`),
            pause,
          ),
        );
      }
      grow(segments);
      rows.push(
        row({
          kind: "action",
          stageName: stage.stageName,
          actionName: action.actionName,
          status: action.status,
          attempt: action.attempt,
          open: aStart !== undefined && running,
          segments,
        }),
      );
    }
    if (end !== undefined) previousEnd = end;
    else if (start !== undefined) previousEnd = undefined;
  }
  return { totalMs, rows };
}

/** Where a segment sits on a 0–100 % axis (a minimum width keeps short ones visible). */
export function segmentPercent(segment: TimelineSegment, totalMs: number, minPercent = 0.4): { left: number; width: number } {
  const left = (segment.startMs / totalMs) * 100;
  const width = Math.max(minPercent, ((segment.endMs - segment.startMs) / totalMs) * 100);
  return { left: Math.min(left, 100 - minPercent), width: Math.min(width, 100 - Math.min(left, 100 - minPercent)) };
}
