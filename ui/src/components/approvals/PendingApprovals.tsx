import { BellRing } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import type { PendingApproval } from "../../ipc/bindings";
import { usePendingApprovals } from "../../ipc/approvals";
import { ApprovalDialog } from "./ApprovalDialog";
import { decisionKind, decisionTexts } from "../../model/debug";
import "../../styles/approvals.css";

interface PendingApprovalsProps {
  /** Show that pipeline (its latest execution is the one waiting). */
  onOpenPipeline: (name: string) => void;
}

/**
 * The pending-approvals badge: a button with the count of approvals waiting anywhere; it opens
 * a list with Review (the approve/reject dialog) and Show (the pipeline) for each.
 */
export function PendingApprovals({ onOpenPipeline }: PendingApprovalsProps) {
  const pending = usePendingApprovals();
  const [open, setOpen] = useState(false);
  const [reviewing, setReviewing] = useState<PendingApproval | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const items = pending.data ?? [];
  const count = items.length;

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener("mousedown", onDown);
    return () => window.removeEventListener("mousedown", onDown);
  }, [open]);

  if (count === 0 && !reviewing) return null;
  const label = `${count} pending approval${count === 1 ? "" : "s"}`;
  return (
    <div className="pending-approvals" ref={ref}>
      <button
        type="button"
        className="button pending-approvals-button"
        aria-expanded={open}
        aria-haspopup="true"
        aria-label={label}
        title={label}
        onClick={() => setOpen((o) => !o)}
      >
        <BellRing size={16} aria-hidden="true" />
        <span>Approvals</span>
        <span className="pending-count" aria-hidden="true">
          {count}
        </span>
      </button>
      {open && (
        <div
          className="pending-approvals-popover"
          role="region"
          aria-label="Pending approvals"
          onKeyDown={(e) => {
            if (e.key === "Escape") setOpen(false);
          }}
        >
          <ul>
            {items.map((p) => (
              <li key={`${p.executionId}/${p.stageName}/${p.actionName}`} className="pending-approval">
                <div className="pending-approval-text">
                  <strong>{p.pipelineName}</strong>
                  <span>
                    {decisionKind(p.approval) === "approval" ? `${p.stageName} › ${p.actionName}` : decisionTexts(p).title}
                  </span>
                  {p.approval.customData && decisionKind(p.approval) !== "paused" && <span className="muted">{p.approval.customData}</span>}
                </div>
                <div className="pending-approval-actions">
                  <button
                    type="button"
                    className="button"
                    onClick={() => {
                      setOpen(false);
                      onOpenPipeline(p.pipelineName);
                    }}
                  >
                    Show
                  </button>
                  <button
                    type="button"
                    className="button button-primary"
                    aria-label={`Review ${p.stageName}/${p.actionName} of ${p.pipelineName}`}
                    onClick={() => {
                      setOpen(false);
                      setReviewing(p);
                    }}
                  >
                    Review
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
      {reviewing && <ApprovalDialog pending={reviewing} onClose={() => setReviewing(null)} />}
    </div>
  );
}
