import { useEffect, useRef } from "react";
import { useActionLog } from "../ipc/execution";

interface LogPanelProps {
  executionId: string;
  stageName: string;
  actionName: string;
}

/** The plain text of an action's log, following it while the action runs. */
export function LogPanel({ executionId, stageName, actionName }: LogPanelProps) {
  const { text, complete, error } = useActionLog(executionId, stageName, actionName);
  const pre = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const el = pre.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [text]);
  return (
    <section className="log-panel" aria-label={`Log of ${actionName}`}>
      {error !== null && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      <pre ref={pre} className="log-text" tabIndex={0} aria-label={`Log text of ${actionName}`}>
        {text === "" ? (complete ? "(empty log)" : "Waiting for output…") : text}
      </pre>
      <p className="muted log-state" aria-live="polite">
        {complete ? "End of log" : "Following…"}
      </p>
    </section>
  );
}
