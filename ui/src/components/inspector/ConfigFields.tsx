// The configuration part of an action's form: one control per key of the provider's schema,
// then the keys the schema does not know ("Other configuration").
import { Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import type { Diagnostic } from "../../ipc/bindings";
import { boolChecked, integerProblem, type ConfigField, type ConfigForm } from "../../model/inspector/form";
import type { VariableSuggestion } from "../../model/inspector/variables";
import { CommitText, Field, FieldProblems } from "./fields";

interface ConfigFieldsProps {
  form: ConfigForm;
  fieldDiagnostics: (key: string) => Diagnostic[];
  variables: readonly VariableSuggestion[];
  /** Set a key ("" removes it); returns an error message when the edit was refused. */
  onSet: (key: string, value: string) => string | undefined;
}

export function ConfigFields({ form, fieldDiagnostics, variables, onSet }: ConfigFieldsProps) {
  return (
    <>
      {form.fields.length === 0 && <p className="muted">This provider has no configuration keys.</p>}
      {form.fields.map((field) => (
        <ConfigControl key={field.key} field={field} diagnostics={fieldDiagnostics(`configuration/${field.key}`)} variables={variables} onSet={onSet} />
      ))}
    </>
  );
}

function ConfigControl({
  field,
  diagnostics,
  variables,
  onSet,
}: {
  field: ConfigField;
  diagnostics: Diagnostic[];
  variables: readonly VariableSuggestion[];
  onSet: (key: string, value: string) => string | undefined;
}) {
  const [error, setError] = useState<string | undefined>();
  const common = { label: field.key, required: field.required, help: field.description, hint: field.hint, diagnostics, error };
  switch (field.input) {
    case "checkbox":
      return (
        <Field {...common} hint={field.placeholder !== undefined ? `Default: ${field.placeholder}.` : undefined} inline>
          {(control) => (
            <input
              {...control}
              type="checkbox"
              className="insp-checkbox"
              checked={boolChecked(field)}
              onChange={(e) => onSet(field.key, e.currentTarget.checked ? "true" : "false")}
            />
          )}
        </Field>
      );
    case "select":
      return (
        <Field {...common}>
          {(control) => (
            <select {...control} className="input" value={field.value} onChange={(e) => onSet(field.key, e.currentTarget.value)}>
              <option value="">{field.placeholder !== undefined ? `Default (${field.placeholder})` : "Not set"}</option>
              {(field.options ?? []).map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          )}
        </Field>
      );
    case "number": {
      const range = [field.min !== undefined ? `at least ${field.min}` : "", field.max !== undefined ? `at most ${field.max}` : ""].filter(Boolean).join(", ");
      return (
        <Field {...common} hint={range ? `A whole number, ${range}.` : "A whole number."}>
          {(control) => (
            <CommitText
              {...control}
              type="number"
              step="1"
              min={field.min}
              max={field.max}
              value={field.value}
              placeholder={field.placeholder}
              onError={setError}
              onCommit={(v) => integerProblem(field, v) ?? onSet(field.key, v.trim())}
            />
          )}
        </Field>
      );
    }
    default:
      return (
        <Field {...common}>
          {(control) => (
            <CommitText
              {...control}
              multiline={field.input === "textarea"}
              mono={field.input === "textarea"}
              value={field.value}
              placeholder={field.placeholder}
              variables={field.variables ? variables : undefined}
              onError={setError}
              onCommit={(v) => onSet(field.key, v)}
            />
          )}
        </Field>
      );
  }
}

interface OtherConfigurationProps {
  entries: [string, string][];
  fieldDiagnostics: (key: string) => Diagnostic[];
  variables: readonly VariableSuggestion[];
  knownKeys: ReadonlySet<string>;
  onSet: (key: string, value: string) => string | undefined;
  onRemove: (key: string) => void;
}

/** Keys the schema does not know: kept, editable and removable; new ones can be added. */
export function OtherConfiguration({ entries, fieldDiagnostics, variables, knownKeys, onSet, onRemove }: OtherConfigurationProps) {
  const [key, setKey] = useState("");
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | undefined>();
  const add = () => {
    const k = key.trim();
    if (k === "" || value === "") {
      setError("Enter a key and a value.");
      return;
    }
    if (knownKeys.has(k) || entries.some(([e]) => e === k)) {
      setError(`${k} is already set; edit it above.`);
      return;
    }
    const failed = onSet(k, value);
    setError(failed);
    if (failed === undefined) {
      setKey("");
      setValue("");
    }
  };
  return (
    <div className="insp-subsection" role="group" aria-label="Other configuration">
      <h4 className="insp-subheading">Other configuration</h4>
      <p className="hint">Keys this provider's schema does not list. They are kept as they are.</p>
      {entries.length > 0 && (
        <ul className="insp-rows">
          {entries.map(([k, v]) => (
            <li key={k} className="insp-kv">
              <span className="insp-kv-key" title={k}>
                {k}
              </span>
              <CommitText aria-label={k} id={`other-${k}`} value={v} variables={variables} onCommit={(next) => onSet(k, next)} />
              <button type="button" className="icon-button" aria-label={`Remove ${k}`} title={`Remove ${k}`} onClick={() => onRemove(k)}>
                <Trash2 size={15} aria-hidden="true" />
              </button>
              {fieldDiagnostics(`configuration/${k}`).length > 0 && <FieldProblems diagnostics={fieldDiagnostics(`configuration/${k}`)} />}
            </li>
          ))}
        </ul>
      )}
      <div className="insp-add-row">
        <input className="input" aria-label="New key" placeholder="Key" value={key} onChange={(e) => setKey(e.currentTarget.value)} />
        <input
          className="input"
          aria-label="New value"
          placeholder="Value"
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") add();
          }}
        />
        <button type="button" className="button button-small" onClick={add}>
          <Plus size={14} aria-hidden="true" />
          Add key
        </button>
      </div>
      {error !== undefined && <FieldProblems diagnostics={[]} error={error} />}
    </div>
  );
}
