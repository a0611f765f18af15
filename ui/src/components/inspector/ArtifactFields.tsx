// Input artifacts (picked from what upstream actions produce) and output artifacts.
import { Plus, Trash2 } from "lucide-react";
import type { ActionDeclaration, Diagnostic, OutputArtifact, PipelineDocument, ProviderSchema } from "../../ipc/bindings";
import type { ActionRef } from "../../model/artifacts";
import { countLabel, linesToList, listToLines } from "../../model/inspector/form";
import { artifactChoices, freshArtifactName, upstreamArtifacts } from "../../model/inspector/upstream";
import { CommitText, FieldProblems } from "./fields";

interface ArtifactFieldsProps {
  document: PipelineDocument;
  at: ActionRef;
  action: ActionDeclaration;
  schema: ProviderSchema | undefined;
  showFiles: boolean;
  fieldDiagnostics: (key: string) => Diagnostic[];
  onInputs: (names: string[]) => void;
  onOutputs: (outputs: OutputArtifact[]) => string | undefined;
}

export function ArtifactFields({ document, at, action, schema, showFiles, fieldDiagnostics, onInputs, onOutputs }: ArtifactFieldsProps) {
  const inputs = (action.inputArtifacts ?? []).map((a) => a.name);
  const outputs = action.outputArtifacts ?? [];
  const inMax = schema?.inputArtifacts.max ?? 5;
  const outMax = schema?.outputArtifacts.max ?? 5;
  const upstream = new Map(upstreamArtifacts(document, at).map((a) => [a.name, a]));
  const { available, canAdd } = artifactChoices(document, at, inMax);
  const inputDiagnostics = fieldDiagnostics("inputArtifacts");
  const outputDiagnostics = fieldDiagnostics("outputArtifacts");
  const setOutput = (i: number, next: OutputArtifact) => onOutputs(outputs.map((o, j) => (j === i ? next : o)));

  return (
    <>
      <div className="insp-subsection" role="group" aria-label="Input artifacts">
        <h4 className="insp-subheading">
          Input artifacts {schema && <span className="insp-count">{countLabel(schema.inputArtifacts.min, inMax)}</span>}
        </h4>
        {inputs.length === 0 ? (
          <p className="muted">None</p>
        ) : (
          <ul className="insp-rows" aria-label="Chosen input artifacts">
            {inputs.map((name, i) => {
              const from = upstream.get(name);
              return (
                <li key={`${name}-${i}`} className="insp-artifact">
                  <span className={`artifact-badge ${from ? "artifact-in" : "artifact-missing"}`}>in: {name}</span>
                  <span className="muted insp-artifact-from">{from ? `from ${from.stageName} › ${from.actionName}` : "not produced upstream"}</span>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove input ${name}`}
                    title={`Remove input ${name}`}
                    onClick={() => onInputs(inputs.filter((_, j) => j !== i))}
                  >
                    <Trash2 size={15} aria-hidden="true" />
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {inMax > 0 && (
          <select
            className="input"
            aria-label="Add input artifact"
            value=""
            disabled={!canAdd}
            onChange={(e) => {
              const name = e.currentTarget.value;
              if (name !== "") onInputs([...inputs, name]);
            }}
          >
            <option value="">
              {inputs.length >= inMax ? `At most ${inMax} (remove one first)` : available.length === 0 ? "No other upstream artifacts" : "Add an upstream artifact…"}
            </option>
            {available.map((a) => (
              <option key={a.name} value={a.name}>
                {a.name} — {a.stageName} › {a.actionName}
              </option>
            ))}
          </select>
        )}
        {inputDiagnostics.length > 0 && <FieldProblems diagnostics={inputDiagnostics} />}
      </div>

      <div className="insp-subsection" role="group" aria-label="Output artifacts">
        <h4 className="insp-subheading">
          Output artifacts {schema && <span className="insp-count">{countLabel(schema.outputArtifacts.min, outMax)}</span>}
        </h4>
        {outputs.length === 0 && <p className="muted">None</p>}
        {outputs.map((out, i) => (
          <div key={i} className="insp-output">
            <div className="insp-output-row">
              <CommitText
                id={`out-name-${i}`}
                aria-label={`Output artifact ${i + 1} name`}
                value={out.name}
                onCommit={(name) => (name.trim() === "" ? "An artifact needs a name." : setOutput(i, { ...out, name: name.trim() }))}
              />
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove output ${out.name}`}
                title={`Remove output ${out.name}`}
                onClick={() => onOutputs(outputs.filter((_, j) => j !== i))}
              >
                <Trash2 size={15} aria-hidden="true" />
              </button>
            </div>
            {showFiles && (
              <CommitText
                id={`out-files-${i}`}
                aria-label={`Files of ${out.name}`}
                multiline
                rows={2}
                placeholder="Globs, one per line (e.g. dist/**)"
                value={listToLines(out.files)}
                onCommit={(text) => {
                  const files = linesToList(text);
                  const next: OutputArtifact = { name: out.name };
                  if (files.length > 0) next.files = files;
                  return setOutput(i, next);
                }}
              />
            )}
          </div>
        ))}
        {outMax > 0 && (
          <button
            type="button"
            className="button button-small"
            disabled={outputs.length >= outMax}
            onClick={() => onOutputs([...outputs, { name: freshArtifactName(document, `${action.name}Output`) }])}
          >
            <Plus size={14} aria-hidden="true" />
            Add output artifact
          </button>
        )}
        {outputDiagnostics.length > 0 && <FieldProblems diagnostics={outputDiagnostics} />}
      </div>
    </>
  );
}
