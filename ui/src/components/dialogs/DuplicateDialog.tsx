import { useState } from "react";
import type { PipelineDocument, PipelineSummary } from "../../ipc/bindings";
import { useDuplicatePipeline } from "../../ipc/queries";
import { Dialog } from "./Dialog";

interface DuplicateDialogProps {
  pipeline: PipelineSummary;
  document: PipelineDocument;
  onClose: () => void;
  onDuplicated: (summary: PipelineSummary) => void;
}

/** Its pipeline variables with their defaults; `environment` offered even when undeclared. */
function initialVariables(doc: PipelineDocument): { name: string; value: string }[] {
  const declared = (doc.pipeline.variables ?? []).map((v) => ({ name: v.name, value: v.defaultValue ?? "" }));
  return declared.some((v) => v.name === "environment") ? declared : [{ name: "environment", value: "" }, ...declared];
}

/** Duplicate a pipeline, e.g. for another environment: a new name and new variable defaults. */
export function DuplicateDialog({ pipeline, document, onClose, onDuplicated }: DuplicateDialogProps) {
  const duplicate = useDuplicatePipeline();
  const [name, setName] = useState(`${pipeline.name}-copy`);
  const [variables, setVariables] = useState(() => initialVariables(document));
  const before = new Map(initialVariables(document).map((v) => [v.name, v.value]));
  const error = duplicate.error;
  return (
    <Dialog
      title={`Duplicate ${pipeline.name}`}
      onClose={onClose}
      size="small"
      description="A copy of the latest version under a new name, with the variable defaults below."
    >
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (duplicate.isPending) return;
          // Only what changed (or was newly given) is set on the copy.
          const changed = variables.filter((v) => v.value !== (before.get(v.name) ?? "") && v.value !== "");
          duplicate.mutate({ name: pipeline.name, newName: name.trim(), variables: changed }, { onSuccess: onDuplicated });
        }}
      >
        <div className="dialog-body">
          <div className="field">
            <label htmlFor="duplicate-name">New pipeline name</label>
            <input
              id="duplicate-name"
              className="input"
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                if (duplicate.isError) duplicate.reset();
              }}
              required
              maxLength={100}
              spellCheck={false}
              autoComplete="off"
              data-autofocus
            />
          </div>
          <fieldset className="field duplicate-variables">
            <legend>Variable defaults</legend>
            {variables.map((v, i) => (
              <div key={v.name} className="duplicate-variable">
                <label htmlFor={`duplicate-var-${i}`}>
                  <code>{v.name}</code>
                </label>
                <input
                  id={`duplicate-var-${i}`}
                  className="input"
                  value={v.value}
                  placeholder={v.name === "environment" ? "e.g. staging" : ""}
                  onChange={(e) => {
                    const value = e.target.value;
                    setVariables((all) => all.map((x, j) => (j === i ? { ...x, value } : x)));
                  }}
                  spellCheck={false}
                  autoComplete="off"
                />
              </div>
            ))}
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
          <button type="submit" className="button button-primary" disabled={duplicate.isPending}>
            Duplicate
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
