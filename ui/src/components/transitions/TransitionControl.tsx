import { ArrowRight, Ban } from "lucide-react";
import { useState } from "react";
import { useSetTransition, useTransitions } from "../../ipc/transitions";
import { showError, showSuccess } from "../../state/toasts";
import { DisableTransitionDialog } from "./DisableTransitionDialog";
import "../../styles/transitions.css";

interface TransitionControlProps {
  pipelineName: string;
  /** The stage the transition leads into. */
  stageName: string;
}

/**
 * The transition between two stage columns, as in the console: an arrow that disables the
 * transition (with a reason) when pressed, or, once disabled, a red stop sign with the reason
 * that enables it again. Executions wait before a disabled transition.
 */
export function TransitionControl({ pipelineName, stageName }: TransitionControlProps) {
  const transitions = useTransitions(pipelineName);
  const set = useSetTransition();
  const [asking, setAsking] = useState(false);
  const disabled = transitions.data?.find((t) => t.stageName === stageName);
  const enable = () =>
    set.mutate(
      { name: pipelineName, stageName, enabled: true },
      {
        onSuccess: () => showSuccess(`Enabled the transition to ${stageName}`),
        onError: showError,
      },
    );
  const title = disabled
    ? `Disabled${disabled.disabledBy ? ` by ${disabled.disabledBy}` : ""} at ${new Date(disabled.disabledTime).toLocaleString()}: ${disabled.reason}. Press to enable.`
    : `Disable the transition to ${stageName}`;
  return (
    <div className={`transition${disabled ? " transition-disabled" : ""}`}>
      <span className="transition-line" aria-hidden="true" />
      <button
        type="button"
        className="transition-toggle"
        aria-label={disabled ? `Enable transition to ${stageName}` : `Disable transition to ${stageName}`}
        title={title}
        disabled={set.isPending}
        onClick={() => (disabled ? enable() : setAsking(true))}
      >
        {disabled ? <Ban size={16} aria-hidden="true" /> : <ArrowRight size={16} aria-hidden="true" />}
      </button>
      {disabled && (
        <span className="transition-reason" title={disabled.reason}>
          {disabled.reason}
        </span>
      )}
      {asking && <DisableTransitionDialog pipelineName={pipelineName} stageName={stageName} onClose={() => setAsking(false)} />}
    </div>
  );
}
