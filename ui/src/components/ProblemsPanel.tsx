import { CircleCheck } from "lucide-react";
import type { Diagnostic, PipelineDocument } from "../ipc/bindings";
import { countBySeverity, describeLocation, diagnosticsFor, sortDiagnostics } from "../model/diagnostics";
import type { ActionRef } from "../model/artifacts";
import { SeverityIcon, severityLabel } from "./DiagnosticList";

interface ProblemsPanelProps {
  diagnostics: readonly Diagnostic[];
  document: PipelineDocument;
  /** Reveal the action a problem concerns. */
  onReveal: (ref: ActionRef) => void;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Every diagnostic of the pipeline below the canvas; one on an action reveals that action. */
export function ProblemsPanel({ diagnostics, document, onReveal }: ProblemsPanelProps) {
  const counts = countBySeverity(diagnostics);
  const sorted = sortDiagnostics(diagnostics);
  return (
    <section role="region" aria-label="Problems" className="problems">
      <header className="problems-header">
        <h2 className="panel-title">Problems</h2>
        <span className="problems-counts">
          {diagnostics.length === 0 ? (
            "None"
          ) : (
            <>
              {counts.error > 0 && <span className="count count-error">{plural(counts.error, "error")}</span>}
              {counts.warning > 0 && <span className="count count-warning">{plural(counts.warning, "warning")}</span>}
              {counts.info > 0 && <span className="count count-info">{plural(counts.info, "note")}</span>}
            </>
          )}
        </span>
      </header>
      {sorted.length === 0 ? (
        <p className="problems-empty">
          <CircleCheck size={16} aria-hidden="true" className="ok-icon" /> No problems: this pipeline is valid.
        </p>
      ) : (
        <ul className="problem-list">
          {sorted.map((d, i) => {
            const target = diagnosticsFor(d.path);
            const location = describeLocation(d.path, document);
            const body = (
              <>
                <SeverityIcon severity={d.severity} />
                <span className="visually-hidden">{severityLabel(d.severity)}</span>
                <code className="diagnostic-code">{d.code}</code>
                <span className="diagnostic-message">{d.message}</span>
                <span className="diagnostic-path" title={d.path}>
                  {location}
                </span>
              </>
            );
            return (
              <li key={`${d.code}-${d.path}-${i}`} className={`problem diagnostic-${d.severity}`}>
                {target.kind === "action" ? (
                  <button
                    type="button"
                    className="problem-button"
                    onClick={() => onReveal({ stage: target.stage, action: target.action })}
                  >
                    {body}
                  </button>
                ) : (
                  <div className="problem-row">{body}</div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
