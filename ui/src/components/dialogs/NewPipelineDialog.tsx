import { useState } from "react";
import type { PipelineSummary } from "../../ipc/bindings";
import { useCreatePipeline, useTemplates } from "../../ipc/queries";
import { Dialog } from "./Dialog";

interface NewPipelineDialogProps {
  existingNames: readonly string[];
  onClose: () => void;
  onCreated: (summary: PipelineSummary) => void;
}

function suggestName(existing: readonly string[]): string {
  for (let i = 1; ; i++) {
    const name = i === 1 ? "my-pipeline" : `my-pipeline-${i}`;
    if (!existing.includes(name)) return name;
  }
}

export function NewPipelineDialog({ existingNames, onClose, onCreated }: NewPipelineDialogProps) {
  const templates = useTemplates();
  const create = useCreatePipeline();
  const [name, setName] = useState(() => suggestName(existingNames));
  const [template, setTemplate] = useState<string | undefined>(undefined);
  const list = templates.data ?? [];
  const chosen = template ?? list[0]?.id;
  const chosenInfo = list.find((t) => t.id === chosen);
  const error = create.error;

  return (
    <Dialog title="New pipeline" onClose={onClose} size="small" description="Start from a template; you can change everything later.">
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (chosen === undefined || create.isPending) return;
          create.mutate({ name: name.trim(), template: chosen }, { onSuccess: onCreated });
        }}
      >
        <div className="dialog-body">
          <div className="field">
            <label htmlFor="new-pipeline-name">Pipeline name</label>
            <input
              id="new-pipeline-name"
              className="input"
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                if (create.isError) create.reset();
              }}
              required
              maxLength={100}
              spellCheck={false}
              autoComplete="off"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "new-pipeline-error" : "new-pipeline-hint"}
              data-autofocus
            />
            <p id="new-pipeline-hint" className="hint">
              Letters, digits and . @ - _ (up to 100).
            </p>
          </div>
          <div className="field">
            <label htmlFor="new-pipeline-template">Template</label>
            <select
              id="new-pipeline-template"
              className="input"
              value={chosen ?? ""}
              onChange={(e) => setTemplate(e.target.value)}
              disabled={list.length === 0}
            >
              {list.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.title}
                </option>
              ))}
            </select>
            {chosenInfo && <p className="hint">{chosenInfo.description}</p>}
            {templates.isError && (
              <p className="inline-error" role="alert">
                <code>{templates.error.code}</code> {templates.error.message}
              </p>
            )}
          </div>
          {error && (
            <p id="new-pipeline-error" className="inline-error" role="alert">
              <code>{error.code}</code> {error.message}
            </p>
          )}
        </div>
        <footer className="dialog-footer">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={chosen === undefined || create.isPending}>
            Create
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
