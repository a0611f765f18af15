import { Copy, Save } from "lucide-react";
import { useState } from "react";
import type { ExportFormatArg, PipelineSummary } from "../../ipc/bindings";
import { useExportText } from "../../ipc/queries";
import { copyText, isTauri, saveFileDialog } from "../../platform";
import { showError, showSuccess } from "../../state/toasts";
import { DiagnosticList } from "../DiagnosticList";
import { Dialog } from "./Dialog";

const FORMATS: { id: ExportFormatArg; label: string; hint: string }[] = [
  { id: "yaml", label: "YAML", hint: "Pipewright's file format, with local settings." },
  { id: "json", label: "JSON", hint: "The same document as JSON." },
  { id: "codepipeline", label: "CodePipeline JSON", hint: "For aws codepipeline create-pipeline: local settings removed." },
];

interface ExportDialogProps {
  pipeline: PipelineSummary;
  onClose: () => void;
}

export function ExportDialog({ pipeline, onClose }: ExportDialogProps) {
  const [format, setFormat] = useState<ExportFormatArg>("yaml");
  const exported = useExportText(pipeline.name, pipeline.version, format);
  const result = exported.data;

  const copy = async () => {
    if (!result) return;
    try {
      await copyText(result.text);
      showSuccess("Copied to the clipboard");
    } catch (e) {
      showError(e);
    }
  };

  const save = async () => {
    if (!result) return;
    try {
      const where = await saveFileDialog(result.fileName, result.text);
      if (where !== null) showSuccess(isTauri() ? `Saved to ${where}` : `Downloaded ${where}`);
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Dialog title={`Export ${pipeline.name}`} onClose={onClose} size="large" description={`Version ${pipeline.version}`}>
      <div className="dialog-form">
        <div className="dialog-body">
          <fieldset className="segmented">
            <legend className="visually-hidden">Format</legend>
            {FORMATS.map((f) => (
              <label key={f.id} className={`segment${format === f.id ? " active" : ""}`} title={f.hint}>
                <input type="radio" name="export-format" value={f.id} checked={format === f.id} onChange={() => setFormat(f.id)} />
                {f.label}
              </label>
            ))}
          </fieldset>
          <p className="hint">{FORMATS.find((f) => f.id === format)?.hint}</p>
          {exported.isError ? (
            <p className="inline-error" role="alert">
              <code>{exported.error.code}</code> {exported.error.message}
            </p>
          ) : (
            <textarea
              className="input code-input preview"
              aria-label="Export preview"
              readOnly
              value={result?.text ?? ""}
              placeholder={exported.isPending ? "Exporting…" : ""}
              rows={16}
              spellCheck={false}
              data-autofocus
            />
          )}
          {result && result.diagnostics.length > 0 && (
            <div className="export-warnings">
              <h3 className="subheading">Warnings</h3>
              <DiagnosticList diagnostics={result.diagnostics} label="Export warnings" />
            </div>
          )}
        </div>
        <footer className="dialog-footer">
          {result && <span className="hint footer-hint">{result.fileName}</span>}
          <button type="button" className="button" onClick={() => void copy()} disabled={!result}>
            <Copy size={16} aria-hidden="true" />
            Copy
          </button>
          <button type="button" className="button button-primary" onClick={() => void save()} disabled={!result}>
            <Save size={16} aria-hidden="true" />
            Save…
          </button>
        </footer>
      </div>
    </Dialog>
  );
}
