// The action's environment variables: name, value (with variable autocomplete) and type.
import { Plus, Trash2 } from "lucide-react";
import type { EnvironmentVariable } from "../../ipc/bindings";
import type { VariableSuggestion } from "../../model/inspector/variables";
import { CommitText } from "./fields";

export const ENV_TYPES = ["PLAINTEXT", "SECRETS_MANAGER"] as const;

interface EnvironmentFieldsProps {
  rows: EnvironmentVariable[];
  variables: readonly VariableSuggestion[];
  onChange: (rows: EnvironmentVariable[]) => string | undefined;
}

export function EnvironmentFields({ rows, variables, onChange }: EnvironmentFieldsProps) {
  const set = (i: number, next: EnvironmentVariable) => onChange(rows.map((r, j) => (j === i ? next : r)));
  const freshName = () => {
    const names = new Set(rows.map((r) => r.name));
    for (let i = 1; ; i += 1) if (!names.has(`VAR_${i}`)) return `VAR_${i}`;
  };
  return (
    <div className="insp-subsection" role="group" aria-label="Environment variables">
      <h4 className="insp-subheading">Environment variables</h4>
      {rows.length === 0 && <p className="muted">None</p>}
      {rows.length > 0 && (
        <ul className="insp-rows">
          {rows.map((row, i) => (
            <li key={i} className="insp-env">
              <CommitText
                id={`env-name-${i}`}
                aria-label={`Environment variable ${i + 1} name`}
                mono
                value={row.name}
                onCommit={(name) => (name.trim() === "" ? "A variable needs a name." : set(i, { ...row, name: name.trim() }))}
              />
              <CommitText
                id={`env-value-${i}`}
                aria-label={`Environment variable ${i + 1} value`}
                value={row.value}
                placeholder={row.type === "SECRETS_MANAGER" ? "Secret name or ARN" : "Value; type #{ for variables"}
                variables={variables}
                onCommit={(value) => set(i, { ...row, value })}
              />
              <select
                className="input"
                aria-label={`Environment variable ${i + 1} type`}
                value={row.type ?? "PLAINTEXT"}
                onChange={(e) => set(i, { ...row, type: e.currentTarget.value })}
              >
                {ENV_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove environment variable ${i + 1}`}
                title={`Remove ${row.name}`}
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
              >
                <Trash2 size={15} aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button button-small" onClick={() => onChange([...rows, { name: freshName(), value: "", type: "PLAINTEXT" }])}>
        <Plus size={14} aria-hidden="true" />
        Add environment variable
      </button>
    </div>
  );
}
