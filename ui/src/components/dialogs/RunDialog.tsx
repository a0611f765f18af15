import { useState } from "react";
import type { PipelineVariableDeclaration, RunVariable } from "../../ipc/bindings";
import { toIpcError, type IpcCallError } from "../../ipc/client";
import { Dialog } from "./Dialog";

interface RunDialogProps {
  name: string;
  variables: readonly PipelineVariableDeclaration[];
  onClose: () => void;
  /** Start the run with the values that differ from the defaults. */
  onRun: (overrides: RunVariable[]) => Promise<void>;
}

/** Run a pipeline that declares variables: each pre-filled with its default, editable. */
export function RunDialog({ name, variables, onClose, onRun }: RunDialogProps) {
  const [values, setValues] = useState(() => variables.map((v) => v.defaultValue ?? ""));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<IpcCallError | null>(null);
  return (
    <Dialog title={`Run ${name}`} onClose={onClose} size="small" description="Pipeline variables for this run (their defaults are filled in).">
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (pending) return;
          const overrides = variables
            .map((v, i) => ({ name: v.name, value: values[i] ?? "" }))
            .filter((v, i) => v.value !== (variables[i]?.defaultValue ?? ""));
          setPending(true);
          setError(null);
          onRun(overrides)
            .then(onClose)
            .catch((err: unknown) => setError(toIpcError(err)))
            .finally(() => setPending(false));
        }}
      >
        <div className="dialog-body">
          {variables.map((v, i) => (
            <div key={v.name} className="field">
              <label htmlFor={`run-var-${i}`}>
                <code>{v.name}</code>
              </label>
              <input
                id={`run-var-${i}`}
                className="input"
                value={values[i] ?? ""}
                onChange={(e) => {
                  const value = e.target.value;
                  setValues((all) => all.map((x, j) => (j === i ? value : x)));
                }}
                spellCheck={false}
                autoComplete="off"
                {...(i === 0 ? { "data-autofocus": true } : {})}
              />
              {v.description && <p className="hint">{v.description}</p>}
            </div>
          ))}
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
          <button type="submit" className="button button-primary" disabled={pending}>
            Run
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
