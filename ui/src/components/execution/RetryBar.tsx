import { RotateCcw } from "lucide-react";
import { useState } from "react";
import { showError } from "../../state/toasts";

interface RetryBarProps {
  stageName: string;
  status?: string;
  onRetry: (stageName: string, allActions: boolean) => Promise<void>;
}

/**
 * Under the header of a Failed or Stopped stage (of a run that has ended): a new attempt of
 * the stage with only its failed actions, or with all of them. Both are buttons (the names the
 * design brief fixes); they are disabled while the request is on its way.
 */
export function RetryBar({ stageName, status, onRetry }: RetryBarProps) {
  const [busy, setBusy] = useState(false);
  const retry = (all: boolean) => {
    setBusy(true);
    onRetry(stageName, all)
      .catch(showError)
      .finally(() => setBusy(false));
  };
  return (
    <div className="stage-retry" role="group" aria-label={`Retry ${stageName}`}>
      <span className="stage-retry-note">{status === "Stopped" ? "Stopped" : "Failed"}: retry this stage</span>
      <button type="button" className="button button-small" disabled={busy} onClick={() => retry(false)} title="A new attempt of the stage that reruns only its failed (or abandoned) actions">
        <RotateCcw size={13} aria-hidden="true" />
        Retry failed actions
      </button>
      <button type="button" className="button button-small" disabled={busy} onClick={() => retry(true)} title="A new attempt of the stage that reruns every action">
        Retry all actions
      </button>
    </div>
  );
}
