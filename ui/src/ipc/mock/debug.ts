/**
 * Local debugging in the mock backend, as the engine does it: "pause before" points (an action
 * waits InProgress with a PENDING `PAUSE` approval until Continue runs it), and keeping the
 * container of a failed action (the execution holds until Continue, closing the terminal, or
 * Stop removes it; the stage then ends Failed).
 */
import type { ActionView, ApprovalView, DebugSettings, ExecutionView, PipelineDocument } from "../bindings";
import { MOCK_APPROVER } from "./approvals";
import { fakeDigest, isContainer, startAction } from "./run";

const key = (stageName: string, actionName: string) => `${stageName}\u0000${actionName}`;

/** Per-pipeline debug settings: local, not part of the pipeline document. */
export class MockDebugSettings {
  private points = new Map<string, Set<string>>();
  private keep = new Set<string>();

  clear(): void {
    this.points.clear();
    this.keep.clear();
  }

  /** The settings of `pipeline`, its pause points in the order of `latest` (its latest version). */
  settings(pipeline: string, latest: PipelineDocument): DebugSettings {
    const marked = this.points.get(pipeline) ?? new Set<string>();
    const pausePoints = latest.pipeline.stages.flatMap((s) =>
      s.actions.filter((a) => marked.has(key(s.name, a.name))).map((a) => ({ stageName: s.name, actionName: a.name })),
    );
    return { pausePoints, keepFailedContainers: this.keep.has(pipeline) };
  }

  /** Marks or unmarks an action; returns an error message when the latest version has no such action. */
  setPause(pipeline: string, latest: PipelineDocument, stageName: string, actionName: string, paused: boolean): string | null {
    const stage = latest.pipeline.stages.find((s) => s.name === stageName);
    if (!stage?.actions.some((a) => a.name === actionName)) {
      return `the latest version of ${pipeline} has no action \`${stageName}/${actionName}\`; save it first`;
    }
    const marked = this.points.get(pipeline) ?? new Set<string>();
    if (paused) marked.add(key(stageName, actionName));
    else marked.delete(key(stageName, actionName));
    this.points.set(pipeline, marked);
    return null;
  }

  setKeep(pipeline: string, keep: boolean): void {
    if (keep) this.keep.add(pipeline);
    else this.keep.delete(pipeline);
  }

  isPaused(pipeline: string, stageName: string, actionName: string): boolean {
    return this.points.get(pipeline)?.has(key(stageName, actionName)) ?? false;
  }

  keeps(pipeline: string): boolean {
    return this.keep.has(pipeline);
  }
}

/**
 * At the start of a stage: when some of its actions (of `only`, when given) are marked, starts
 * the stage (a new attempt) with those actions waiting at their pause and the others not yet
 * started. Returns whether any waits.
 */
export function pauseBefore(
  view: ExecutionView,
  stageIndex: number,
  paused: (actionName: string) => boolean,
  now: string,
  logs: Map<string, string>,
  only?: ReadonlySet<string>,
): boolean {
  const stage = view.stages[stageIndex];
  if (!stage) return false;
  const marked = stage.actions.filter((a) => (!only || only.has(a.actionName)) && paused(a.actionName));
  if (marked.length === 0) return false;
  stage.status = "InProgress";
  stage.attempt = (stage.attempt ?? 0) + 1;
  stage.startTime = now;
  delete stage.endTime;
  for (const a of marked) {
    startAction(stage, a, now, logs);
    a.approval = {
      kind: "PAUSE",
      status: "PENDING",
      requestedTime: now,
      customData: `Paused before ${stage.stageName}/${a.actionName}: Continue runs it`,
    };
    logs.set(`${stage.stageName}/${a.actionName}`, `[pipewright] paused before ${a.actionName}: Continue runs it\n`);
  }
  return true;
}

/** After Continue at a pause: the stage's other actions (of `only`) start; the continued ones run on. */
export function resumeStage(view: ExecutionView, stageIndex: number, now: string, logs: Map<string, string>, only?: ReadonlySet<string>): void {
  const stage = view.stages[stageIndex];
  if (!stage) return;
  for (const a of stage.actions) {
    if (only && !only.has(a.actionName)) continue;
    const k = `${stage.stageName}/${a.actionName}`;
    if (a.status === "InProgress") logs.set(k, `${logs.get(k) ?? ""}[stdout] running ${a.actionName} (attempt ${stage.attempt ?? 1})\n`);
    else startAction(stage, a, now, logs);
  }
}

/**
 * After a stage failed: keeps the containers of its failed container actions (this attempt's),
 * each with a PENDING `PAUSE` to end debugging. Returns whether any was kept; the stage then
 * stays InProgress.
 */
export function keepFailedContainers(view: ExecutionView, document: PipelineDocument, stageIndex: number, now: string): boolean {
  const stage = view.stages[stageIndex];
  const declared = document.pipeline.stages[stageIndex];
  if (!stage || !declared) return false;
  let kept = false;
  for (const a of stage.actions) {
    const decl = declared.actions.find((d) => d.name === a.actionName);
    if (a.status !== "Failed" || a.attempt !== stage.attempt || !decl || !isContainer(decl)) continue;
    a.debugContainerId = a.containerId ?? fakeDigest(`kept/${view.executionId}/${stage.stageName}/${a.actionName}`);
    a.approval = {
      kind: "PAUSE",
      status: "PENDING",
      requestedTime: now,
      customData: `${stage.stageName}/${a.actionName} failed; its container was kept for debugging: open a terminal, then Continue to end the stage`,
    };
    kept = true;
  }
  if (kept) {
    stage.status = "InProgress";
    delete stage.endTime;
  }
  return kept;
}

function find(view: ExecutionView, stageName: string, actionName: string): { index: number; a: ActionView; approval: ApprovalView } | { error: string } {
  const index = view.stages.findIndex((s) => s.stageName === stageName);
  const a = view.stages[index]?.actions.find((x) => x.actionName === actionName);
  if (!a?.approval) return { error: `\`${stageName}/${actionName}\` of execution ${view.executionId} has never waited for a decision` };
  if (a.approval.status !== "PENDING") {
    return { error: `\`${stageName}/${actionName}\` of execution ${view.executionId} is no longer waiting: it was ${a.approval.status.toLowerCase()}` };
  }
  return { index, a, approval: a.approval };
}

/** Whether the action waits at a pause (a "pause before" point or a kept container). */
export function isPauseDecision(view: ExecutionView, stageName: string, actionName: string): boolean {
  const a = view.stages.find((s) => s.stageName === stageName)?.actions.find((x) => x.actionName === actionName);
  return a?.approval?.kind === "PAUSE";
}

/** The stage (and the run) ends Failed once nothing of it waits any more. */
function failStageWhenDone(view: ExecutionView, index: number, now: string, summary: string): "failed" | null {
  const stage = view.stages[index];
  if (!stage || stage.actions.some((x) => x.approval?.status === "PENDING")) return null;
  stage.status = "Failed";
  stage.endTime = now;
  view.status = "Failed";
  view.statusSummary = summary;
  return "failed";
}

/**
 * Ends debugging of a kept container (Continue, or its terminal closed): the container is
 * removed and, once nothing else of the stage waits, the stage and the run end Failed.
 */
export function endDebugging(view: ExecutionView, stageName: string, actionName: string, now: string, comment?: string): { error: string } | "failed" | null {
  const found = find(view, stageName, actionName);
  if ("error" in found) return found;
  const { index, a, approval } = found;
  if (a.debugContainerId === undefined) return { error: `\`${stageName}/${actionName}\` of execution ${view.executionId} has no kept container` };
  delete a.debugContainerId;
  a.approval = { ...approval, status: "APPROVED", decidedTime: now, decidedBy: MOCK_APPROVER, ...(comment ? { comment } : {}) };
  return failStageWhenDone(view, index, now, a.errorSummary ?? `${actionName} failed`);
}

/**
 * A decision at a pause. Continue at a "pause before" point runs the action (`resume` once
 * nothing else of the stage waits); rejecting fails it and its stage. At a kept container both
 * end debugging.
 */
export function decidePause(
  view: ExecutionView,
  stageName: string,
  actionName: string,
  approve: boolean,
  comment: string | undefined,
  now: string,
): { error: string } | { resume: number } | "failed" | null {
  const found = find(view, stageName, actionName);
  if ("error" in found) return found;
  const { index, a, approval } = found;
  const text = comment?.trim() ? comment.trim() : undefined;
  if (a.debugContainerId !== undefined) return endDebugging(view, stageName, actionName, now, text);
  a.approval = { ...approval, status: approve ? "APPROVED" : "REJECTED", decidedTime: now, decidedBy: MOCK_APPROVER, ...(text ? { comment: text } : {}) };
  a.lastStatusChange = now;
  if (approve) {
    return view.stages[index]?.actions.some((x) => x.approval?.status === "PENDING") ? null : { resume: index };
  }
  a.status = "Failed";
  a.endTime = now;
  a.errorSummary = `pause rejected by ${MOCK_APPROVER}${text ? `: ${text}` : ""}`;
  const stage = view.stages[index];
  if (stage) {
    stage.status = "Failed";
    stage.endTime = now;
  }
  view.status = "Failed";
  view.statusSummary = a.errorSummary;
  return "failed";
}

/** Stop: kept containers are removed and pending pauses cancelled. */
export function releaseOnStop(view: ExecutionView, now: string): void {
  for (const s of view.stages) {
    for (const a of s.actions) {
      if (a.approval?.kind === "PAUSE" && a.approval.status === "PENDING") a.approval = { ...a.approval, status: "CANCELLED", decidedTime: now };
      delete a.debugContainerId;
    }
  }
}
