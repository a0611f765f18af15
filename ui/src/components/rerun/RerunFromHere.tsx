import { Repeat } from "lucide-react";
import { useState } from "react";
import { showError, showSuccess } from "../../state/toasts";

interface RerunFromHereProps {
  stageName: string;
  /** The version the shown execution ran (the rerun runs it again). */
  version?: number;
  onRerun: (stageName: string) => Promise<void>;
}

/**
 * In the header of a stage of an ended execution whose earlier stages all succeeded: a new
 * execution of the same version and variables that starts here and reuses what the earlier
 * stages produced.
 */
export function RerunFromHere({ stageName, version, onRerun }: RerunFromHereProps) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="icon-button stage-rerun"
      aria-label="Rerun from here"
      title={`Rerun from ${stageName}: a new execution${version !== undefined ? ` of version ${version}` : ""} with the same variables that reuses the results of the stages before it`}
      disabled={busy}
      onClick={() => {
        setBusy(true);
        onRerun(stageName)
          .then(() => showSuccess(`Rerunning from ${stageName}`))
          .catch(showError)
          .finally(() => setBusy(false));
      }}
    >
      <Repeat size={14} aria-hidden="true" />
    </button>
  );
}
