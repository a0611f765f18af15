import { ExternalLink } from "lucide-react";
import { useState } from "react";
import type { PendingApproval } from "../../ipc/bindings";
import { useDecideApproval } from "../../ipc/approvals";
import { timeLeft } from "../../model/approvals";
import { decisionTexts } from "../../model/debug";
import { showSuccess } from "../../state/toasts";
import { Dialog } from "../dialogs/Dialog";
import { useNow } from "../execution/useNow";

interface ApprovalDialogProps {
  pending: PendingApproval;
  onClose: () => void;
}

/**
 * The console's "Review" of a manual approval: what is asked (CustomData, the link), until
 * when, a comment, and Approve or Reject. The decision is recorded with who and when; the
 * execution goes on (or its stage fails) in a worker.
 */
export function ApprovalDialog({ pending, onClose }: ApprovalDialogProps) {
  const [comment, setComment] = useState("");
  const decide = useDecideApproval();
  const { approval } = pending;
  // A pause point or a kept container asks for Continue rather than Approve.
  const texts = decisionTexts(pending);
  const now = useNow(true, 30_000);
  const submit = (approve: boolean) => {
    if (decide.isPending) return;
    decide.mutate(
      {
        executionId: pending.executionId,
        stageName: pending.stageName,
        actionName: pending.actionName,
        approve,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      },
      {
        onSuccess: () => {
          showSuccess(texts.done(approve));
          onClose();
        },
      },
    );
  };
  return (
    <Dialog
      title={texts.title}
      onClose={onClose}
      size="medium"
      description={
        <>
          {pending.pipelineName} · stage {pending.stageName} · execution <code>{pending.executionId.slice(0, 8)}</code>
        </>
      }
    >
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit(true);
        }}
      >
        <div className="dialog-body approval-body">
          {approval.customData ? (
            <blockquote className="approval-ask" aria-label="What is asked">
              {approval.customData}
            </blockquote>
          ) : (
            <p className="muted">The action asks for approval without a message.</p>
          )}
          {approval.externalLink && (
            <p>
              <a href={approval.externalLink} target="_blank" rel="noreferrer" className="approval-link">
                <ExternalLink size={14} aria-hidden="true" /> {approval.externalLink}
              </a>
            </p>
          )}
          <p className="muted approval-times">
            Waiting since {new Date(approval.requestedTime).toLocaleString()}
            {approval.deadline && (
              <>
                {" "}
                · times out <span title={new Date(approval.deadline).toLocaleString()}>{timeLeft(approval.deadline, now.getTime())}</span>
              </>
            )}
          </p>
          <div className="field">
            <label htmlFor="approval-comment">Comment</label>
            <textarea
              id="approval-comment"
              className="input"
              rows={3}
              value={comment}
              placeholder="Why (recorded with the decision)"
              onChange={(e) => setComment(e.target.value)}
              data-autofocus
            />
          </div>
          {decide.error && (
            <p className="inline-error" role="alert">
              <code>{decide.error.code}</code> {decide.error.message}
            </p>
          )}
        </div>
        <footer className="dialog-footer">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          {texts.reject && (
            <button type="button" className="button button-danger" disabled={decide.isPending} onClick={() => submit(false)}>
              {texts.reject}
            </button>
          )}
          <button type="submit" className="button button-primary" disabled={decide.isPending}>
            {texts.approve}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
