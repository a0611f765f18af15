// The Inspector's form for one action, generated from its provider's schema.
import { useState } from "react";
import type { ActionDeclaration, Diagnostic, PipelineDocument, ProviderSchema } from "../../ipc/bindings";
import type { ActionRef } from "../../model/artifacts";
import { renameAction, updateAction, type ActionPatch, type EditResult } from "../../model/editing";
import { diagnosticsOnFields } from "../../model/inspector/fieldDiagnostics";
import { actionSections, configForm, linesToList, listToLines, removeConfigKey, schemaFor, setConfigValue } from "../../model/inspector/form";
import { availableVariables } from "../../model/inspector/variables";
import { runOrderOf } from "../../model/layout";
import { actionTypeLabel, providerLabel } from "../../model/providers";
import { DiagnosticList } from "../DiagnosticList";
import { ArtifactFields } from "./ArtifactFields";
import { ConfigFields, OtherConfiguration } from "./ConfigFields";
import { EnvironmentFields } from "./EnvironmentFields";
import { CommitText, Field, FieldProblems } from "./fields";

interface ActionInspectorProps {
  document: PipelineDocument;
  at: ActionRef;
  action: ActionDeclaration;
  providers: readonly ProviderSchema[];
  diagnostics: readonly Diagnostic[];
  /** Commits a successful edit; returns the error message of a refused one. */
  apply: (result: EditResult) => string | undefined;
}

const LOCAL_KEYS = ["image", "timeoutMinutes", "cpus", "memory"] as const;

export function ActionInspector({ document, at, action, providers, diagnostics, apply }: ActionInspectorProps) {
  const [nameError, setNameError] = useState<string | undefined>();
  const schema = schemaFor(providers, action.actionTypeId);
  const form = configForm(schema, action.configuration);
  const sections = actionSections(schema, action);
  const variables = availableVariables(document, at, providers);

  const fieldKeys = [
    "name",
    "actionTypeId",
    "runOrder",
    "timeoutInMinutes",
    ...form.fields.map((f) => `configuration/${f.key}`),
    ...form.other.map(([k]) => `configuration/${k}`),
    "commands",
    "inputArtifacts",
    "outputArtifacts",
    "namespace",
    "outputVariables",
    "environmentVariables",
    ...(sections.local ? LOCAL_KEYS.map((k) => `pipewright/${k}`) : []),
  ];
  const placed = diagnosticsOnFields(diagnostics, at, fieldKeys);
  const on = (key: string) => placed.byField.get(key) ?? [];

  const patch = (p: ActionPatch) => apply(updateAction(document, at, p));
  const setConfig = (key: string, value: string) => patch({ configuration: setConfigValue(action.configuration, key, value) });
  const setLocal = (key: (typeof LOCAL_KEYS)[number], value: string | number | undefined) => {
    const next: Record<string, unknown> = Object.fromEntries(Object.entries(action.pipewright ?? {}).filter(([k]) => k !== key));
    if (value !== undefined && value !== "") next[key] = value;
    return patch({ pipewright: Object.keys(next).length === 0 ? undefined : next });
  };
  const numberOrError = (text: string, min: number, what: string): number | string | undefined => {
    if (text.trim() === "") return undefined;
    const n = Number(text);
    if (!Number.isFinite(n) || n < min) return `${what} must be a number of at least ${min}.`;
    return n;
  };

  return (
    <>
      {placed.rest.length > 0 && (
        <section className="details-section">
          <h3>Problems</h3>
          <DiagnosticList diagnostics={placed.rest} label="Problems of this action" />
        </section>
      )}

      <section className="details-section insp-section" aria-label="Action">
        <h3>Action</h3>
        <Field label="Action name" required diagnostics={on("name")} error={nameError}>
          {(control) => (
            <CommitText
              {...control}
              value={action.name}
              onError={setNameError}
              onCommit={(name) => apply(renameAction(document, at, name))}
            />
          )}
        </Field>
        <div className="insp-readonly">
          <span className="insp-readonly-label">Type</span>
          <span>
            {actionTypeLabel(action.actionTypeId)} <span className="muted">v{action.actionTypeId.version}</span>
          </span>
        </div>
        {schema && <p className="hint">{schema.description}</p>}
        {on("actionTypeId").length > 0 && <FieldProblems diagnostics={on("actionTypeId")} />}
        {!schema && (
          <p className="details-note">
            Pipewright does not know {providerLabel(action.actionTypeId)}: its configuration is listed as it is.
          </p>
        )}
        {schema && !schema.runsLocally && (
          <p className="details-note">{providerLabel(action.actionTypeId)} has no local stand-in: this action cannot run on this machine.</p>
        )}
        <div className="insp-readonly">
          <span className="insp-readonly-label">Run order</span>
          <span>
            {runOrderOf(action)} <span className="muted">· move the card on the canvas to change it</span>
          </span>
        </div>
        {on("runOrder").length > 0 && <FieldProblems diagnostics={on("runOrder")} />}
        {sections.approvalTimeout && (
          <Field label="Timeout (minutes)" hint="How long the approval waits, 5 to 86400." diagnostics={on("timeoutInMinutes")}>
            {(control) => (
              <CommitText
                {...control}
                type="number"
                min={5}
                max={86400}
                step="1"
                value={action.timeoutInMinutes === undefined ? "" : String(action.timeoutInMinutes)}
                onCommit={(text) => {
                  const n = numberOrError(text, 5, "The timeout");
                  return typeof n === "string" ? n : patch({ timeoutInMinutes: n });
                }}
              />
            )}
          </Field>
        )}
      </section>

      <section className="details-section insp-section" aria-label="Configuration">
        <h3>Configuration</h3>
        <ConfigFields form={form} fieldDiagnostics={on} variables={variables} onSet={setConfig} />
        {(form.other.length > 0 || schema) && (
          <OtherConfiguration
            entries={form.other}
            fieldDiagnostics={on}
            variables={variables}
            knownKeys={new Set(form.fields.map((f) => f.key))}
            onSet={setConfig}
            onRemove={(key) => patch({ configuration: removeConfigKey(action.configuration, key) })}
          />
        )}
      </section>

      {sections.commands && (
        <section className="details-section insp-section" aria-label="Commands">
          <h3>Commands</h3>
          <Field label="Commands" required={sections.commandsRequired} hint="One per line, run in order by one sh -e. Ctrl+Enter or leaving the box saves." diagnostics={on("commands")}>
            {(control) => (
              <CommitText
                {...control}
                multiline
                rows={Math.min(10, Math.max(3, (action.commands?.length ?? 0) + 1))}
                value={listToLines(action.commands)}
                variables={variables}
                onCommit={(text) => {
                  const list = linesToList(text);
                  return patch({ commands: list.length > 0 ? list : undefined });
                }}
              />
            )}
          </Field>
        </section>
      )}

      <section className="details-section insp-section" aria-label="Artifacts">
        <h3>Artifacts</h3>
        <ArtifactFields
          document={document}
          at={at}
          action={action}
          schema={schema}
          showFiles={sections.outputFiles}
          fieldDiagnostics={on}
          onInputs={(names) => patch({ inputArtifacts: names.length > 0 ? names.map((name) => ({ name })) : undefined })}
          onOutputs={(outputs) => patch({ outputArtifacts: outputs.length > 0 ? outputs : undefined })}
        />
      </section>

      <section className="details-section insp-section" aria-label="Variables">
        <h3>Variables</h3>
        <Field label="Namespace" hint="Downstream actions read this action's variables as #{Namespace.Name}." diagnostics={on("namespace")}>
          {(control) => (
            <CommitText {...control} value={action.namespace ?? ""} onCommit={(ns) => patch({ namespace: ns.trim() === "" ? undefined : ns.trim() })} />
          )}
        </Field>
        {sections.outputVariables && (
          <Field label="Output variables" hint="Environment variables exported at the end, one per line." diagnostics={on("outputVariables")}>
            {(control) => (
              <CommitText
                {...control}
                multiline
                rows={2}
                value={listToLines(action.outputVariables)}
                onCommit={(text) => {
                  const list = linesToList(text).map((l) => l.trim());
                  return patch({ outputVariables: list.length > 0 ? list : undefined });
                }}
              />
            )}
          </Field>
        )}
        {sections.environmentVariables && (
          <>
            <EnvironmentFields
              rows={action.environmentVariables ?? []}
              variables={variables}
              onChange={(rows) => patch({ environmentVariables: rows.length > 0 ? rows : undefined })}
            />
            {on("environmentVariables").length > 0 && <FieldProblems diagnostics={on("environmentVariables")} />}
          </>
        )}
      </section>

      {sections.local && (
        <section className="details-section insp-section" aria-label="Local settings">
          <h3>Local settings</h3>
          <p className="hint">Used when Pipewright runs this action here; removed by Export as CodePipeline JSON.</p>
          <Field label="Image" hint="The container image; the settings' default when empty." diagnostics={on("pipewright/image")}>
            {(control) => (
              <CommitText {...control} aria-label="Local image" value={action.pipewright?.image ?? ""} onCommit={(v) => setLocal("image", v.trim())} />
            )}
          </Field>
          <div className="insp-grid">
            <Field label="Local timeout (minutes)" diagnostics={on("pipewright/timeoutMinutes")}>
              {(control) => (
                <CommitText
                  {...control}
                  type="number"
                  step="any"
                  min={0}
                  value={action.pipewright?.timeoutMinutes === undefined ? "" : String(action.pipewright.timeoutMinutes)}
                  onCommit={(text) => {
                    const n = numberOrError(text, 0, "The timeout");
                    return typeof n === "string" ? n : setLocal("timeoutMinutes", n);
                  }}
                />
              )}
            </Field>
            <Field label="CPUs" diagnostics={on("pipewright/cpus")}>
              {(control) => (
                <CommitText
                  {...control}
                  type="number"
                  step="0.5"
                  min={0}
                  placeholder="no limit"
                  value={action.pipewright?.cpus === undefined ? "" : String(action.pipewright.cpus)}
                  onCommit={(text) => {
                    const n = numberOrError(text, 0, "CPUs");
                    return typeof n === "string" ? n : setLocal("cpus", n);
                  }}
                />
              )}
            </Field>
            <Field label="Memory" diagnostics={on("pipewright/memory")}>
              {(control) => (
                <CommitText {...control} placeholder="e.g. 512m, 2g" value={action.pipewright?.memory ?? ""} onCommit={(v) => setLocal("memory", v.trim())} />
              )}
            </Field>
          </div>
        </section>
      )}
    </>
  );
}
