import { CircleAlert, Info, TriangleAlert } from "lucide-react";
import type { Diagnostic, PipelineDocument, Severity } from "../ipc/bindings";
import { describeLocation, sortDiagnostics } from "../model/diagnostics";

export function SeverityIcon({ severity, size = 16 }: { severity: Severity; size?: number }) {
  const Icon = severity === "error" ? CircleAlert : severity === "warning" ? TriangleAlert : Info;
  return <Icon size={size} className={`severity-icon severity-${severity}`} aria-hidden="true" />;
}

const SEVERITY_LABEL: Record<Severity, string> = { error: "Error", warning: "Warning", info: "Note" };

export function severityLabel(severity: Severity): string {
  return SEVERITY_LABEL[severity];
}

interface DiagnosticListProps {
  diagnostics: readonly Diagnostic[];
  /** For locations by name ("Build › Compile"); paths are shown as they are without it. */
  document?: PipelineDocument;
  label: string;
}

/** Diagnostics as a plain list: severity, code, path or location, and message. */
export function DiagnosticList({ diagnostics, document, label }: DiagnosticListProps) {
  return (
    <ul className="diagnostic-list" aria-label={label}>
      {sortDiagnostics(diagnostics).map((d, i) => (
        <li key={`${d.code}-${d.path}-${i}`} className={`diagnostic diagnostic-${d.severity}`}>
          <SeverityIcon severity={d.severity} />
          <span className="visually-hidden">{severityLabel(d.severity)}</span>
          <code className="diagnostic-code">{d.code}</code>
          <span className="diagnostic-message">{d.message}</span>
          {d.path !== "" && (
            <span className="diagnostic-path" title={d.path}>
              {document ? describeLocation(d.path, document) : d.path}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
