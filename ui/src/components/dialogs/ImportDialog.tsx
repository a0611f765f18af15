import { FileUp } from "lucide-react";
import { useEffect, useState } from "react";
import type { ImportResult, PipelineSummary } from "../../ipc/bindings";
import { useImportPipeline, useValidateText } from "../../ipc/queries";
import { countBySeverity } from "../../model/diagnostics";
import { openFileDialog, type PickedFile } from "../../platform";
import { showError } from "../../state/toasts";
import { DiagnosticList } from "../DiagnosticList";
import { Dialog } from "./Dialog";

interface ImportDialogProps {
  /** A file already chosen (dropped on the window). */
  initialFile?: PickedFile;
  onClose: () => void;
  onImported: (saved: PipelineSummary, result: ImportResult) => void;
}

/** `text` once it has stopped changing for `ms`. */
function useDebounced(text: string, ms: number): string {
  const [value, setValue] = useState(text);
  useEffect(() => {
    const t = setTimeout(() => setValue(text), ms);
    return () => clearTimeout(t);
  }, [text, ms]);
  return value;
}

function summary(result: { diagnostics: ImportResult["diagnostics"] }): string {
  const c = countBySeverity(result.diagnostics);
  const parts: string[] = [];
  if (c.error > 0) parts.push(`${c.error} error${c.error === 1 ? "" : "s"}`);
  if (c.warning > 0) parts.push(`${c.warning} warning${c.warning === 1 ? "" : "s"}`);
  if (c.info > 0) parts.push(`${c.info} note${c.info === 1 ? "" : "s"}`);
  return parts.join(", ");
}

const PLACEHOLDER = `pipeline:
  name: my-pipeline
  stages:
    - name: Source
      actions: [...]
    - name: Build
      actions: [...]`;

/**
 * Import from a file (open dialog or drop) or pasted text, in the app's YAML/JSON format or as
 * CodePipeline JSON (`get-pipeline` output too). Shows the diagnostics the import returns.
 */
export function ImportDialog({ initialFile, onClose, onImported }: ImportDialogProps) {
  const [text, setText] = useState(initialFile?.text ?? "");
  const [file, setFile] = useState<PickedFile | undefined>(initialFile);
  const [name, setName] = useState("");
  const [draft, setDraft] = useState(false);
  const [attempt, setAttempt] = useState<{ text: string; result: ImportResult } | null>(null);
  const importer = useImportPipeline();
  const settled = useDebounced(text, 300);
  const attemptCurrent = attempt?.text === text ? attempt : null;
  const check = useValidateText(settled, attemptCurrent === null);

  const submit = () => {
    if (importer.isPending || text.trim() === "") return;
    const args = { text, draft, ...(name.trim() !== "" ? { name: name.trim() } : {}), ...(file?.path ? { sourcePath: file.path } : {}) };
    importer.mutate(args, {
      onSuccess: (result) => {
        if (result.saved) onImported(result.saved, result);
        else setAttempt({ text, result });
      },
    });
  };

  const choose = async () => {
    try {
      const picked = await openFileDialog();
      if (picked) {
        setFile(picked);
        setText(picked.text);
      }
    } catch (e) {
      showError(e);
    }
  };

  const shown = attemptCurrent?.result.diagnostics ?? (settled === text ? check.data?.diagnostics : undefined);
  const liveValid = check.data?.valid;

  return (
    <Dialog
      title="Import pipeline"
      onClose={onClose}
      size="large"
      description="Pipewright YAML or JSON, a CodePipeline definition, or get-pipeline output. An existing name gets a new version."
    >
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="dialog-body">
          <div className="file-row">
            <button type="button" className="button" onClick={() => void choose()}>
              <FileUp size={16} aria-hidden="true" />
              Choose file…
            </button>
            <span className="file-name" aria-live="polite">
              {file ? (
                <>
                  <strong>{file.name}</strong>
                  {file.path !== undefined && <span className="muted"> · {file.path}</span>}
                </>
              ) : (
                <span className="muted">or paste the text below, or drop a file on the window</span>
              )}
            </span>
          </div>
          <div className="field">
            <label htmlFor="import-text">Pipeline text</label>
            <textarea
              id="import-text"
              className="input code-input"
              value={text}
              placeholder={PLACEHOLDER}
              onChange={(e) => {
                setText(e.target.value);
                if (file && e.target.value !== file.text) setFile(undefined);
              }}
              onKeyDown={(e) => {
                if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  submit();
                }
              }}
              spellCheck={false}
              rows={14}
              aria-keyshortcuts="Control+Enter"
              data-autofocus
            />
          </div>
          <div className="field-row">
            <div className="field field-grow">
              <label htmlFor="import-name">Name</label>
              <input
                id="import-name"
                className="input"
                value={name}
                onChange={(e) => setName(e.target.value)}
                placeholder="(the document's name)"
                spellCheck={false}
                autoComplete="off"
                aria-describedby="import-name-hint"
              />
              <p id="import-name-hint" className="hint">
                Optional: save under this name instead of the one in the text.
              </p>
            </div>
            <label className="checkbox">
              <input type="checkbox" checked={draft} onChange={(e) => setDraft(e.target.checked)} />
              Save as draft even if invalid
            </label>
          </div>
          <div className="import-result" aria-live="polite">
            {attemptCurrent && (
              <div className="inline-error" role="alert">
                Not imported: {summary(attemptCurrent.result)}. Fix the text, or save it as a draft.
              </div>
            )}
            {!attemptCurrent && text.trim() !== "" && shown && (
              <p className={liveValid ? "check-ok" : "check-bad"}>
                {liveValid ? "Looks valid" : "Problems found"}
                {shown.length > 0 && `: ${summary({ diagnostics: shown })}`}
              </p>
            )}
            {shown && shown.length > 0 && <DiagnosticList diagnostics={shown} label="Diagnostics" />}
          </div>
          {importer.error && (
            <p className="inline-error" role="alert">
              <code>{importer.error.code}</code> {importer.error.message}
            </p>
          )}
        </div>
        <footer className="dialog-footer">
          <span className="hint footer-hint">Ctrl+Enter imports</span>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={importer.isPending || text.trim() === ""}>
            Import pipeline
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
