import { useState } from "react";
import { useSetTransition } from "../../ipc/transitions";
import { showSuccess } from "../../state/toasts";
import { Dialog } from "../dialogs/Dialog";

interface DisableTransitionDialogProps {
  pipelineName: string;
  stageName: string;
  onClose: () => void;
}

/** The console's "Disable transition": a reason is required; executions then wait before the stage. */
export function DisableTransitionDialog({ pipelineName, stageName, onClose }: DisableTransitionDialogProps) {
  const [reason, setReason] = useState("");
  const set = useSetTransition();
  return (
    <Dialog title={`Disable transition to ${stageName}?`} onClose={onClose} size="small">
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (set.isPending || !reason.trim()) return;
          set.mutate(
            { name: pipelineName, stageName, enabled: false, reason: reason.trim() },
            {
              onSuccess: () => {
                showSuccess(`Disabled the transition to ${stageName}`);
                onClose();
              },
            },
          );
        }}
      >
        <div className="dialog-body">
          <p className="muted">Executions wait before {stageName} until the transition is enabled again.</p>
          <div className="field">
            <label htmlFor="transition-reason">Reason</label>
            <input
              id="transition-reason"
              className="input"
              value={reason}
              required
              placeholder="e.g. change freeze until Monday"
              onChange={(e) => setReason(e.target.value)}
              data-autofocus
            />
          </div>
          {set.error && (
            <p className="inline-error" role="alert">
              <code>{set.error.code}</code> {set.error.message}
            </p>
          )}
        </div>
        <footer className="dialog-footer">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-danger" disabled={set.isPending || !reason.trim()}>
            Disable
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
