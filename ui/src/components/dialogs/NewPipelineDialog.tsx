import { useState } from "react";
import type { PipelineSummary } from "../../ipc/bindings";
import { useCreateEnvironmentSet, useCreatePipeline, useTemplates } from "../../ipc/queries";
import { Dialog } from "./Dialog";

interface NewPipelineDialogProps {
  existingNames: readonly string[];
  onClose: () => void;
  /** The pipeline to open, and every pipeline created (one per environment for a set). */
  onCreated: (summary: PipelineSummary, all: PipelineSummary[]) => void;
}

/** "dev, staging prod" → ["dev", "staging", "prod"] */
function environmentNames(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((e) => e.trim())
    .filter((e) => e !== "");
}

function suggestName(existing: readonly string[]): string {
  for (let i = 1; ; i++) {
    const name = i === 1 ? "my-pipeline" : `my-pipeline-${i}`;
    if (!existing.includes(name)) return name;
  }
}

export function NewPipelineDialog({ existingNames, onClose, onCreated }: NewPipelineDialogProps) {
  const templates = useTemplates();
  const createOne = useCreatePipeline();
  const createSet = useCreateEnvironmentSet();
  const [perEnvironment, setPerEnvironment] = useState(false);
  const [environments, setEnvironments] = useState("dev, staging, prod");
  const create = perEnvironment ? createSet : createOne;
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
          if (perEnvironment) {
            createSet.mutate(
              { name: name.trim(), template: chosen, environments: environmentNames(environments) },
              {
                onSuccess: (all) => {
                  const first = all[0];
                  if (first) onCreated(first, all);
                },
              },
            );
          } else {
            createOne.mutate({ name: name.trim(), template: chosen }, { onSuccess: (summary) => onCreated(summary, [summary]) });
          }
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
          <div className="field">
            <label className="checkbox-label">
              <input
                type="checkbox"
                checked={perEnvironment}
                onChange={(e) => {
                  setPerEnvironment(e.target.checked);
                  createOne.reset();
                  createSet.reset();
                }}
              />
              One pipeline per environment
            </label>
            {perEnvironment && (
              <>
                <label htmlFor="new-pipeline-environments">Environments</label>
                <input
                  id="new-pipeline-environments"
                  className="input"
                  value={environments}
                  onChange={(e) => {
                    setEnvironments(e.target.value);
                    if (createSet.isError) createSet.reset();
                  }}
                  spellCheck={false}
                  autoComplete="off"
                />
                <p className="hint">
                  Creates {environmentNames(environments).map((env) => `${name.trim() || "…"}-${env}`).join(", ") || "nothing yet"}: the same
                  definition, each with its own default for the <code>environment</code> variable (deploy folders end in it).
                </p>
              </>
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
