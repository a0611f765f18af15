import { useState } from "react";
import type { ApprovalView } from "../../ipc/bindings";
import { decisionLine, timeLeft } from "../../model/approvals";
import { ApprovalDialog } from "./ApprovalDialog";
import { useNow } from "../execution/useNow";
import "../../styles/approvals.css";

interface ApprovalSectionProps {
  pipelineName: string;
  executionId: string;
  stageName: string;
  actionName: string;
  approval: ApprovalView;
}

/**
 * The approval part of an action's details: what is asked, and either Review (approve or
 * reject with a comment) while it waits, or who decided, when and why.
 */
export function ApprovalSection({ pipelineName, executionId, stageName, actionName, approval }: ApprovalSectionProps) {
  const [reviewing, setReviewing] = useState(false);
  const waiting = approval.status === "PENDING";
  const now = useNow(waiting, 30_000);
  return (
    <section className="approval-section" aria-label="Approval">
      {/* A pause's text is an instruction: shown only while it waits. */}
      {approval.customData && (approval.kind !== "PAUSE" || waiting) && (
        <blockquote className="approval-ask">{approval.customData}</blockquote>
      )}
      <p className="approval-decision" data-status={approval.status}>
        {decisionLine(approval)}
        {waiting && approval.deadline && <> · times out {timeLeft(approval.deadline, now.getTime())}</>}
      </p>
      {waiting && (
        <button type="button" className="button button-primary approval-review" onClick={() => setReviewing(true)}>
          Review…
        </button>
      )}
      {reviewing && (
        <ApprovalDialog
          pending={{ pipelineName, executionId, stageName, actionName, approval }}
          onClose={() => setReviewing(false)}
        />
      )}
    </section>
  );
}
