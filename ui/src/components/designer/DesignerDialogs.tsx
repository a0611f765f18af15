import { useState, type ReactNode } from "react";
import { Dialog } from "../dialogs/Dialog";

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirm: string;
  /** The safe choice (Escape, and the focus when it opens). */
  cancel?: string;
  danger?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

/** A yes/no question (alertdialog): the safe choice has the focus, Enter confirms. */
export function ConfirmDialog({ title, children, confirm, cancel = "Cancel", danger, onConfirm, onClose }: ConfirmDialogProps) {
  return (
    <Dialog title={title} role="alertdialog" onClose={onClose} size="small">
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm();
        }}
      >
        <div className="dialog-body">{children}</div>
        <footer className="dialog-footer">
          <button type="button" className="button" onClick={onClose} data-autofocus>
            {cancel}
          </button>
          <button type="submit" className={`button ${danger ? "button-danger" : "button-primary"}`}>
            {confirm}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}

/** "Discard unsaved changes?": asked before leaving an edit with unsaved changes. */
export function DiscardDialog({ onDiscard, onClose }: { onDiscard: () => void; onClose: () => void }) {
  return (
    <ConfirmDialog title="Discard unsaved changes?" confirm="Discard" cancel="Keep editing" danger onConfirm={onDiscard} onClose={onClose}>
      <p>Your edits to this pipeline have not been saved. They will be lost.</p>
    </ConfirmDialog>
  );
}

interface ConflictDialogProps {
  name: string;
  opened: number;
  message: string;
  onReload: () => void;
  onSaveMine: () => void;
  onClose: () => void;
}

/** A save refused because the pipeline changed elsewhere: reload, or save these edits on top. */
export function ConflictDialog({ name, opened, message, onReload, onSaveMine, onClose }: ConflictDialogProps) {
  return (
    <Dialog title="Pipeline changed elsewhere" role="alertdialog" onClose={onClose} size="small">
      <div className="dialog-body">
        <p>
          <strong>{name}</strong> was saved elsewhere since you opened version {opened}. Nothing was overwritten.
        </p>
        <p className="muted">{message}</p>
        <ul className="choice-notes">
          <li>
            <strong>Reload</strong> drops your edits and opens the latest version.
          </li>
          <li>
            <strong>Save mine as a new version</strong> saves your edits on top of the latest version.
          </li>
        </ul>
      </div>
      <footer className="dialog-footer">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button button-danger-outline" onClick={onReload}>
          Reload
        </button>
        <button type="button" className="button button-primary" onClick={onSaveMine} data-autofocus>
          Save mine as a new version
        </button>
      </footer>
    </Dialog>
  );
}

interface RenameDialogProps {
  title: string;
  label: string;
  initial: string;
  /** Returns an error message, or null when renamed. */
  onRename: (name: string) => string | null;
  onClose: () => void;
}

/** Asks for a new name; the model's refusal (empty, taken) is shown inline. */
export function RenameDialog({ title, label, initial, onRename, onClose }: RenameDialogProps) {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog title={title} onClose={onClose} size="small">
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          const problem = onRename(value);
          if (problem) setError(problem);
        }}
      >
        <div className="dialog-body">
          <div className="field">
            <label htmlFor="rename-input">{label}</label>
            <input
              id="rename-input"
              className="input"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              aria-invalid={error !== null}
              data-autofocus
              autoComplete="off"
              spellCheck={false}
            />
          </div>
          {error && (
            <p className="inline-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <footer className="dialog-footer">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary">
            Rename
          </button>
        </footer>
      </form>
    </Dialog>
  );
}

interface ParallelDialogProps {
  action: string;
  stage: string;
  /** The other actions of the stage, with their step. */
  choices: { name: string; step: number; index: number }[];
  onChoose: (index: number) => void;
  onClose: () => void;
}

/** "Run in parallel with…": one button per other action of the stage. */
export function ParallelDialog({ action, stage, choices, onChoose, onClose }: ParallelDialogProps) {
  return (
    <Dialog title={`Run ${action} in parallel with…`} onClose={onClose} size="small" description={`Choose an action of ${stage}: ${action} joins its step.`}>
      <div className="dialog-body">
        <ul className="parallel-list" aria-label={`Actions of ${stage}`}>
          {choices.map((c, i) => (
            <li key={c.index}>
              <button type="button" className="parallel-choice" aria-label={c.name} onClick={() => onChoose(c.index)} {...(i === 0 ? { "data-autofocus": true } : {})}>
                <span className="parallel-name">{c.name}</span>
                <span className="parallel-step">step {c.step}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      <footer className="dialog-footer">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </footer>
    </Dialog>
  );
}
