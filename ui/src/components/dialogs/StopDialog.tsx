import { useState } from "react";
import { toIpcError, type IpcCallError } from "../../ipc/client";
import { Dialog } from "./Dialog";

interface StopDialogProps {
  executionId: string;
  onClose: () => void;
  onStop: (abandon: boolean) => Promise<void>;
}

/** The console's "Stop execution": stop and wait for running actions, or abandon them. */
export function StopDialog({ executionId, onClose, onStop }: StopDialogProps) {
  const [abandon, setAbandon] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<IpcCallError | null>(null);
  return (
    <Dialog title="Stop execution?" role="alertdialog" onClose={onClose} size="small">
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (pending) return;
          setPending(true);
          setError(null);
          onStop(abandon)
            .then(onClose)
            .catch((err: unknown) => setError(toIpcError(err)))
            .finally(() => setPending(false));
        }}
      >
        <div className="dialog-body">
          <p className="muted">
            Execution <code>{executionId.slice(0, 8)}</code>: later stages and runOrder groups will not start.
          </p>
          <fieldset className="choice-list">
            <legend className="visually-hidden">How to stop</legend>
            <label className="choice">
              <input type="radio" name="stop-mode" checked={!abandon} onChange={() => setAbandon(false)} data-autofocus />
              <span>
                <strong>Stop and wait</strong>
                <span className="muted">Actions already running finish, then the execution stops.</span>
              </span>
            </label>
            <label className="choice">
              <input type="radio" name="stop-mode" checked={abandon} onChange={() => setAbandon(true)} />
              <span>
                <strong>Stop and abandon</strong>
                <span className="muted">Running actions are abandoned now and their containers killed.</span>
              </span>
            </label>
          </fieldset>
          {error && (
            <p className="inline-error" role="alert">
              <code>{error.code}</code> {error.message}
            </p>
          )}
        </div>
        <footer className="dialog-footer">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-danger" disabled={pending}>
            Stop
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
