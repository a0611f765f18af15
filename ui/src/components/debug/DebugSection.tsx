// The debugging parts of an action's details: a pause before it (Continue runs it, Fail action
// fails it), and the kept container of a failed action (a terminal into it; Continue removes it).
import { Pause, Play, SquareTerminal, XCircle } from "lucide-react";
import { lazy, Suspense, useState } from "react";
import type { ActionView } from "../../ipc/bindings";
import { useDecideApproval } from "../../ipc/approvals";
import { shortContainerId } from "../../model/debug";
import { showSuccess } from "../../state/toasts";

// xterm.js loads with the first terminal, not with the app.
const TerminalView = lazy(() => import("./TerminalView").then((m) => ({ default: m.TerminalView })));
import "../../styles/debug.css";

interface DebugSectionProps {
  executionId: string;
  stageName: string;
  actionName: string;
  run: ActionView;
}

function useDecide({ executionId, stageName, actionName }: Omit<DebugSectionProps, "run">) {
  const decide = useDecideApproval();
  const submit = (approve: boolean, done: string) => {
    if (decide.isPending) return;
    decide.mutate({ executionId, stageName, actionName, approve }, { onSuccess: () => showSuccess(done) });
  };
  return { submit, pending: decide.isPending, error: decide.error };
}

/** An action waiting at its "pause before" point. */
export function PauseSection(props: DebugSectionProps) {
  const { stageName, actionName, run } = props;
  const { submit, pending, error } = useDecide(props);
  return (
    <section className="debug-section" aria-label="Paused">
      <p className="debug-heading">
        <Pause size={16} aria-hidden="true" /> Paused before {stageName}/{actionName}
      </p>
      <p className="muted">{run.approval?.customData ?? "Continue runs it."}</p>
      <div className="debug-actions">
        <button type="button" className="button button-primary" disabled={pending} onClick={() => submit(true, `Continued ${stageName}/${actionName}`)}>
          <Play size={16} aria-hidden="true" />
          Continue
        </button>
        <button
          type="button"
          className="button button-danger-outline"
          disabled={pending}
          title="Fail this action without running it: its stage fails"
          onClick={() => submit(false, `Failed ${stageName}/${actionName} at its pause`)}
        >
          <XCircle size={16} aria-hidden="true" />
          Fail action
        </button>
      </div>
      {error && (
        <p className="inline-error" role="alert">
          <code>{error.code}</code> {error.message}
        </p>
      )}
    </section>
  );
}

/** A failed action whose container was kept: its id, a terminal into it, and Continue. */
export function DebugContainerSection(props: DebugSectionProps & { containerId: string }) {
  const { executionId, stageName, actionName, containerId } = props;
  const { submit, pending, error } = useDecide(props);
  const [terminal, setTerminal] = useState(false);
  return (
    <section className="debug-section debug-container" aria-label="Debug container">
      <p className="debug-heading">
        <SquareTerminal size={16} aria-hidden="true" /> Debug container
      </p>
      <dl className="kv">
        <div className="kv-row">
          <dt>Container</dt>
          <dd>
            <code title={containerId}>{shortContainerId(containerId)}</code>
          </dd>
        </div>
      </dl>
      <p className="muted">
        {actionName} failed; its container is kept so you can look inside. Continue (or closing the terminal) removes it, and the stage ends Failed.
      </p>
      {terminal ? (
        <Suspense fallback={<p className="muted">Opening a shell…</p>}>
          <TerminalView target={{ executionId, stageName, actionName }} onClosed={() => setTerminal(false)} />
        </Suspense>
      ) : (
        <div className="debug-actions">
          <button type="button" className="button" onClick={() => setTerminal(true)}>
            <SquareTerminal size={16} aria-hidden="true" />
            Open terminal
          </button>
        </div>
      )}
      <div className="debug-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={pending}
          title="End debugging: remove the container; the stage ends Failed"
          onClick={() => submit(true, `Ended debugging of ${stageName}/${actionName}: its container is removed`)}
        >
          <Play size={16} aria-hidden="true" />
          Continue
        </button>
      </div>
      {error && (
        <p className="inline-error" role="alert">
          <code>{error.code}</code> {error.message}
        </p>
      )}
    </section>
  );
}
