// The Inspector's form for one stage: name, what happens on failure, and its actions.
import { useState } from "react";
import type { Diagnostic, FailureConditions, PipelineDocument, StageDeclaration } from "../../ipc/bindings";
import { renameStage, updateStage, type EditResult } from "../../model/editing";
import { diagnosticsOnFields } from "../../model/inspector/fieldDiagnostics";
import { runOrderOf } from "../../model/layout";
import { actionTypeLabel } from "../../model/providers";
import { DiagnosticList } from "../DiagnosticList";
import { CategoryIcon } from "../icons";
import { CommitText, Field, FieldProblems } from "./fields";

/** The API's results for a failed stage that the Inspector offers. */
export const FAILURE_RESULTS = ["RETRY", "FAIL", "ROLLBACK"] as const;
export const RETRY_MODES = ["FAILED_ACTIONS", "ALL_ACTIONS"] as const;

interface StageInspectorProps {
  document: PipelineDocument;
  index: number;
  stage: StageDeclaration;
  diagnostics: readonly Diagnostic[];
  apply: (result: EditResult) => string | undefined;
}

export function StageInspector({ document, index, stage, diagnostics, apply }: StageInspectorProps) {
  const [nameError, setNameError] = useState<string | undefined>();
  const placed = diagnosticsOnFields(diagnostics, { stage: index }, ["name", "onFailure", "actions"]);
  const on = (key: string) => placed.byField.get(key) ?? [];
  const result = stage.onFailure?.result ?? "";
  const setFailure = (next: FailureConditions | undefined) => apply(updateStage(document, index, { onFailure: next }));

  return (
    <>
      {placed.rest.length > 0 && (
        <section className="details-section">
          <h3>Problems</h3>
          <DiagnosticList diagnostics={placed.rest} label="Problems of this stage" />
        </section>
      )}
      <section className="details-section insp-section" aria-label="Stage">
        <h3>Stage</h3>
        <Field label="Stage name" required diagnostics={on("name")} error={nameError}>
          {(control) => (
            <CommitText {...control} value={stage.name} onError={setNameError} onCommit={(name) => apply(renameStage(document, index, name))} />
          )}
        </Field>
        <Field label="On failure" help="What the stage does when an action fails." diagnostics={on("onFailure")}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={result}
              onChange={(e) => {
                const value = e.currentTarget.value;
                if (value === "") {
                  // Keep conditions if there are any; drop the object when nothing is left.
                  const rest = Object.fromEntries(
                    Object.entries(stage.onFailure ?? {}).filter(([k]) => k !== "result" && k !== "retryConfiguration"),
                  ) as FailureConditions;
                  setFailure(Object.keys(rest).length > 0 ? rest : undefined);
                  return;
                }
                const next: FailureConditions = { ...stage.onFailure, result: value };
                if (value !== "RETRY") delete next.retryConfiguration;
                setFailure(next);
              }}
            >
              <option value="">Not set (the stage fails)</option>
              {[...FAILURE_RESULTS, ...(result !== "" && !(FAILURE_RESULTS as readonly string[]).includes(result) ? [result] : [])].map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          )}
        </Field>
        {result === "RETRY" && (
          <Field label="Retry mode">
            {(control) => (
              <select
                {...control}
                className="input"
                value={stage.onFailure?.retryConfiguration?.retryMode ?? ""}
                onChange={(e) => {
                  const retryMode = e.currentTarget.value;
                  const next: FailureConditions = { ...stage.onFailure, result };
                  if (retryMode === "") delete next.retryConfiguration;
                  else next.retryConfiguration = { retryMode };
                  setFailure(next);
                }}
              >
                <option value="">Default</option>
                {RETRY_MODES.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </section>
      <section className="details-section insp-section" aria-label="Actions">
        <h3>Actions</h3>
        {stage.actions.length === 0 ? (
          <p className="muted">No actions yet.</p>
        ) : (
          <ul className="insp-action-list" aria-label={`Actions of ${stage.name}`}>
            {stage.actions.map((a, i) => (
              <li key={`${a.name}-${i}`} className="insp-action-item">
                <CategoryIcon type={a.actionTypeId} size={16} />
                <span className="insp-action-name">{a.name}</span>
                <span className="muted insp-action-type">
                  {actionTypeLabel(a.actionTypeId)} · run order {runOrderOf(a)}
                </span>
              </li>
            ))}
          </ul>
        )}
        {on("actions").length > 0 && <FieldProblems diagnostics={on("actions")} />}
      </section>
    </>
  );
}
