/**
 * Manual approvals in the mock backend: a fake run reaching a stage with an AWS/Manual action
 * leaves that action InProgress with a PENDING approval and pauses; a decision ends it (the run
 * goes on, or the stage and run fail), as the engine does.
 */
import type { ActionDeclaration, ExecutionView, PendingApproval, PipelineDocument } from "../bindings";

export const MOCK_APPROVER = "mock-user";

export function isManualApproval(decl: ActionDeclaration): boolean {
  return decl.actionTypeId.owner === "AWS" && decl.actionTypeId.provider === "Manual";
}

/**
 * Asks for the approvals of a stage's Manual actions (its other running actions finish as
 * usual); returns whether any is now pending.
 */
export function askApprovals(view: ExecutionView, document: PipelineDocument, stageIndex: number, now: string): boolean {
  const stage = view.stages[stageIndex];
  const declared = document.pipeline.stages[stageIndex];
  if (!stage || !declared) return false;
  let asked = false;
  for (const decl of declared.actions) {
    if (!isManualApproval(decl)) continue;
    const a = stage.actions.find((x) => x.actionName === decl.name);
    if (!a || a.approval?.status === "APPROVED") continue;
    if (a.approval?.status === "PENDING") {
      asked = true;
      continue;
    }
    const minutes = decl.pipewright?.timeoutMinutes ?? decl.timeoutInMinutes ?? 7 * 24 * 60;
    a.status = "InProgress";
    a.approval = {
      kind: "APPROVAL",
      status: "PENDING",
      requestedTime: now,
      deadline: new Date(Date.parse(now) + minutes * 60_000).toISOString(),
      ...(decl.configuration?.CustomData !== undefined ? { customData: decl.configuration.CustomData } : {}),
      ...(decl.configuration?.ExternalEntityLink !== undefined ? { externalLink: decl.configuration.ExternalEntityLink } : {}),
    };
    asked = true;
  }
  return asked;
}

/** Every pending approval of the given runs, oldest first. */
export function pendingOf(runs: Iterable<{ pipeline: string; view: ExecutionView }>): PendingApproval[] {
  const out: PendingApproval[] = [];
  for (const { pipeline, view } of runs) {
    if (view.status !== "InProgress") continue;
    for (const s of view.stages) {
      for (const a of s.actions) {
        if (a.approval?.status !== "PENDING") continue;
        out.push({ pipelineName: pipeline, executionId: view.executionId, stageName: s.stageName, actionName: a.actionName, approval: structuredClone(a.approval) });
      }
    }
  }
  return out.sort((x, y) => x.approval.requestedTime.localeCompare(y.approval.requestedTime));
}

/**
 * Records a decision on a pending approval. Returns the stage index when the run may go on
 * (approved and nothing else pending there), "failed" when it failed the run, or null.
 */
export function decide(
  view: ExecutionView,
  stageName: string,
  actionName: string,
  approve: boolean,
  comment: string | undefined,
  now: string,
): { error: string } | { next: number } | "failed" | null {
  const index = view.stages.findIndex((s) => s.stageName === stageName);
  const stage = view.stages[index];
  const a = stage?.actions.find((x) => x.actionName === actionName);
  if (!stage || !a?.approval) {
    return { error: `\`${stageName}/${actionName}\` of execution ${view.executionId} has never waited for a decision` };
  }
  if (a.approval.status !== "PENDING") {
    const by = a.approval.decidedBy ? ` by ${a.approval.decidedBy}` : "";
    return {
      error: `\`${stageName}/${actionName}\` of execution ${view.executionId} is no longer waiting: it was ${a.approval.status.toLowerCase().replace("_", " ")}${by} at ${a.approval.decidedTime ?? "earlier"}`,
    };
  }
  const text = comment?.trim() ? comment.trim() : undefined;
  a.approval = { ...a.approval, status: approve ? "APPROVED" : "REJECTED", decidedTime: now, decidedBy: MOCK_APPROVER, ...(text ? { comment: text } : {}) };
  a.lastStatusChange = now;
  a.endTime = now;
  if (approve) {
    a.status = "Succeeded";
    if (stage.actions.some((x) => x.approval?.status === "PENDING")) return null;
    stage.status = "Succeeded";
    stage.endTime = now;
    return { next: index + 1 };
  }
  a.status = "Failed";
  a.errorSummary = `approval rejected by ${MOCK_APPROVER}${text ? `: ${text}` : ""}`;
  stage.status = "Failed";
  stage.endTime = now;
  view.status = "Failed";
  view.statusSummary = a.errorSummary;
  return "failed";
}
