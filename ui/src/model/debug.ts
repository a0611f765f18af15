// Local debugging of runs: "pause before" points, kept containers of failed actions, and how
// the UI names the decisions they ask for (Continue rather than Approve).
import type { ActionView, ApprovalView, DebugSettings, PendingApproval } from "../ipc/bindings";

/** The approval kind of a "pause before" point and of a kept container. */
export const PAUSE_KIND = "PAUSE";

/** Whether an action is marked "pause before" in a pipeline's debug settings. */
export function isPausePoint(settings: DebugSettings | undefined, stageName: string, actionName: string): boolean {
  return settings?.pausePoints.some((p) => p.stageName === stageName && p.actionName === actionName) ?? false;
}

/**
 * What an action waits for, if anything: a Manual approval, a "pause before" point, or the end
 * of debugging its kept container.
 */
export type Waiting = "approval" | "paused" | "debugging";

/** Whether a decision is about a kept container (rather than a "pause before" point). */
function keptContainer(approval: ApprovalView, run?: ActionView): boolean {
  if (run) return run.debugContainerId !== undefined || run.status === "Failed";
  return /\bcontainer was kept\b/.test(approval.customData ?? "");
}

/** What kind of decision an approval is: Manual approval, pause point, or kept container. */
export function decisionKind(approval: ApprovalView, run?: ActionView): Waiting {
  if (approval.kind !== PAUSE_KIND) return "approval";
  return keptContainer(approval, run) ? "debugging" : "paused";
}

/** What the action waits for now, from its run state (undefined: nothing). */
export function waitingFor(run: ActionView | undefined): Waiting | undefined {
  if (run?.approval?.status !== "PENDING") return undefined;
  return decisionKind(run.approval, run);
}

/** The card's status text while it waits ("Waiting for approval", "Paused"); undefined otherwise. */
export function waitingLabel(run: ActionView | undefined): string | undefined {
  const w = waitingFor(run);
  if (w === "approval") return "Waiting for approval";
  if (w === "paused") return "Paused";
  return undefined;
}

/** How the Review dialog and the pending list name a decision and its buttons. */
export interface DecisionTexts {
  /** The dialog's title and the item's line, e.g. "Paused before Build/Compile". */
  title: string;
  /** The approving button: Approve or Continue. */
  approve: string;
  /** The rejecting button (absent: the decision cannot be rejected). */
  reject?: string;
  /** The confirmation after a decision. */
  done: (approve: boolean) => string;
}

export function decisionTexts(p: PendingApproval): DecisionTexts {
  const at = `${p.stageName}/${p.actionName}`;
  const kind = decisionKind(p.approval);
  if (kind === "paused") {
    return {
      title: `Paused before ${at}`,
      approve: "Continue",
      reject: "Fail action",
      done: (ok) => (ok ? `Continued ${at} of ${p.pipelineName}` : `Failed ${at} of ${p.pipelineName}`),
    };
  }
  if (kind === "debugging") {
    return {
      title: `Debugging ${at}`,
      approve: "Continue",
      done: () => `Ended debugging of ${at} of ${p.pipelineName}: its container is removed`,
    };
  }
  return {
    title: `Review ${p.actionName}`,
    approve: "Approve",
    reject: "Reject",
    done: (ok) => `${ok ? "Approved" : "Rejected"} ${at} of ${p.pipelineName}`,
  };
}

/** The first 12 characters of a container id, as `docker ps` shows it. */
export function shortContainerId(id: string): string {
  return id.slice(0, 12);
}
