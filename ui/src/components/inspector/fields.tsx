// The Inspector's building blocks: a labelled field with help and diagnostics, and a text box
// that commits on blur or Enter (one undo step per edit, not per keystroke) and offers
// `#{…}` variables while typing.
import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import type { Diagnostic } from "../../ipc/bindings";
import { sortDiagnostics } from "../../model/diagnostics";
import { insertVariable, suggestionsAt, type VariableQuery, type VariableSuggestion } from "../../model/inspector/variables";
import { SeverityIcon, severityLabel } from "../DiagnosticList";

/** Attributes a field gives its control so the label, help and diagnostics reach it. */
export interface ControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: boolean;
  "aria-required"?: boolean;
}

interface FieldProps {
  label: string;
  required?: boolean;
  /** The schema's description. */
  help?: string;
  /** A hint about the kind of value ("An absolute path on this machine."). */
  hint?: string;
  diagnostics?: readonly Diagnostic[];
  /** An error of the last edit (e.g. a duplicate name), shown like a diagnostic. */
  error?: string;
  /** Checkboxes put their label after the box. */
  inline?: boolean;
  children: (control: ControlProps) => ReactNode;
}

export function Field({ label, required = false, help, hint, diagnostics = [], error, inline = false, children }: FieldProps) {
  const id = useId();
  const helpId = `${id}-help`;
  const diagId = `${id}-diag`;
  const problems = diagnostics.length > 0 || error !== undefined;
  const describedBy = [problems ? diagId : "", help || hint ? helpId : ""].filter(Boolean).join(" ");
  const control: ControlProps = { id };
  if (describedBy) control["aria-describedby"] = describedBy;
  if (diagnostics.some((d) => d.severity === "error") || error !== undefined) control["aria-invalid"] = true;
  if (required) control["aria-required"] = true;
  const labelEl = (
    <label htmlFor={id}>
      {label}
      {required && (
        <span className="insp-required" aria-hidden="true" title="Required">
          {" "}
          *
        </span>
      )}
    </label>
  );
  return (
    <div className={`insp-field${inline ? " insp-field-inline" : ""}`}>
      {inline ? (
        <div className="insp-inline">
          {children(control)}
          {labelEl}
        </div>
      ) : (
        <>
          {labelEl}
          {children(control)}
        </>
      )}
      {(help || hint) && (
        <p id={helpId} className="hint">
          {help}
          {help && hint ? " " : ""}
          {hint && <span className="insp-kind-hint">{hint}</span>}
        </p>
      )}
      {problems && <FieldProblems id={diagId} diagnostics={diagnostics} error={error} />}
    </div>
  );
}

/** Diagnostics under a field: severity, code and message. */
export function FieldProblems({ id, diagnostics, error }: { id?: string; diagnostics: readonly Diagnostic[]; error?: string | undefined }) {
  return (
    <ul id={id} className="insp-problems">
      {error !== undefined && (
        <li className="insp-problem insp-problem-error">
          <SeverityIcon severity="error" size={14} />
          <span className="insp-problem-message">{error}</span>
        </li>
      )}
      {sortDiagnostics(diagnostics).map((d, i) => (
        <li key={`${d.code}-${i}`} className={`insp-problem insp-problem-${d.severity}`}>
          <SeverityIcon severity={d.severity} size={14} />
          <span className="visually-hidden">{severityLabel(d.severity)}</span>
          <span className="insp-problem-message">
            <code>{d.code}</code> {d.message}
          </span>
        </li>
      ))}
    </ul>
  );
}

interface CommitTextProps extends ControlProps {
  value: string;
  /** Commit an edited value; return an error message to keep the edit open. */
  onCommit: (value: string) => string | undefined;
  multiline?: boolean;
  rows?: number;
  placeholder?: string | undefined;
  /** Offer these `#{…}` references when the user types `#{`. */
  variables?: readonly VariableSuggestion[] | undefined;
  mono?: boolean;
  type?: "text" | "number";
  min?: number | undefined;
  max?: number | undefined;
  step?: string;
  /** An accessible name when there is no visible label. */
  "aria-label"?: string;
  /** Errors of the last commit are reported here (for fields without their own `Field`). */
  onError?: (error: string | undefined) => void;
}

interface Menu {
  query: VariableQuery;
  items: VariableSuggestion[];
  active: number;
}

/**
 * A text box (or text area) that keeps the user's draft until blur or Enter (Ctrl+Enter in a
 * text area), then commits it once; Escape drops the draft. With `variables`, typing `#{`
 * opens a listbox of references: ↑/↓ choose, Enter or Tab inserts, Escape closes.
 */
export function CommitText(props: CommitTextProps) {
  const { value, onCommit, multiline = false, rows, placeholder, variables, mono = false, type = "text", min, max, step, onError, ...aria } = props;
  const [draft, setDraft] = useState<string | null>(null);
  const [menu, setMenu] = useState<Menu | null>(null);
  // Shown under the box when the owner does not show errors itself (no `onError`).
  const [ownError, setOwnError] = useState<string | undefined>();
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const pendingCursor = useRef<number | null>(null);
  const listId = useId();
  const shown = draft ?? value;

  useLayoutEffect(() => {
    const cursor = pendingCursor.current;
    if (cursor !== null && ref.current) {
      ref.current.setSelectionRange(cursor, cursor);
      pendingCursor.current = null;
    }
  }, [draft]);

  const commit = () => {
    setMenu(null);
    if (draft === null) return;
    if (draft === value) {
      setDraft(null);
      return;
    }
    const error = onCommit(draft);
    report(typeof error === "string" ? error : undefined);
    if (typeof error !== "string") setDraft(null);
  };

  const report = (error: string | undefined) => {
    if (onError) onError(error);
    else setOwnError(error);
  };

  const refreshMenu = (text: string, cursor: number | null) => {
    if (!variables || cursor === null) {
      setMenu(null);
      return;
    }
    const found = suggestionsAt(variables, text, cursor);
    setMenu(found ? { ...found, active: 0 } : null);
  };

  const choose = (item: VariableSuggestion) => {
    if (!menu || !ref.current) return;
    const cursor = ref.current.selectionStart;
    const next = insertVariable(shown, menu.query, cursor, item.text);
    pendingCursor.current = next.cursor;
    setDraft(next.text);
    setMenu(null);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (menu) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        const delta = e.key === "ArrowDown" ? 1 : -1;
        setMenu({ ...menu, active: (menu.active + delta + menu.items.length) % menu.items.length });
        return;
      }
      if (e.key === "Enter" || e.key === "Tab") {
        const item = menu.items[menu.active];
        if (item) {
          e.preventDefault();
          choose(item);
          return;
        }
      }
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        setMenu(null);
        return;
      }
    }
    if (e.key === "Enter" && (!multiline || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      commit();
    } else if (e.key === "Escape" && draft !== null) {
      e.preventDefault();
      e.stopPropagation();
      setDraft(null);
      report(undefined);
    }
  };

  const activeId = menu ? `${listId}-${menu.active}` : undefined;
  const common = {
    ...aria,
    ref,
    value: shown,
    placeholder,
    className: `input${mono || multiline ? " code-input" : ""}`,
    spellCheck: false,
    autoComplete: "off",
    onChange: (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
      setDraft(e.currentTarget.value);
      refreshMenu(e.currentTarget.value, e.currentTarget.selectionStart);
    },
    onKeyDown,
    onClick: (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => refreshMenu(e.currentTarget.value, e.currentTarget.selectionStart),
    onBlur: commit,
    "aria-autocomplete": variables ? ("list" as const) : undefined,
    "aria-controls": menu ? listId : undefined,
    "aria-activedescendant": activeId,
  };
  return (
    <div className="insp-control">
      {multiline ? (
        <textarea {...common} rows={rows ?? 3} />
      ) : (
        <input
          {...common}
          type={type}
          min={min}
          max={max}
          step={step}
          role={variables ? "combobox" : undefined}
          aria-expanded={variables ? menu !== null : undefined}
        />
      )}
      {menu && (
        <ul id={listId} role="listbox" aria-label="Variables" className="insp-suggestions">
          {menu.items.map((item, i) => (
            <li
              key={item.text}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === menu.active}
              className={i === menu.active ? "active" : undefined}
              // Keep the focus (and the draft) in the field while choosing with the mouse.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(item)}
            >
              <code>{item.text}</code>
              <span className="insp-suggestion-detail">{item.detail}</span>
            </li>
          ))}
        </ul>
      )}
      {ownError !== undefined && <FieldProblems diagnostics={[]} error={ownError} />}
    </div>
  );
}
