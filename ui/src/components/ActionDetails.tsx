import { ScrollText, X } from "lucide-react";
import { useState } from "react";
import { statusLabel } from "../model/status";
import { LogView } from "./logs/LogView";
import type { ActionDeclaration, ActionView, Diagnostic } from "../ipc/bindings";
import { ActionRunSection } from "./execution/ActionRunSection";
import { ApprovalSection } from "./approvals/ApprovalSection";
import { DebugContainerSection, PauseSection } from "./debug/DebugSection";
import { waitingFor } from "../model/debug";
import type { ArtifactProducer } from "../model/artifacts";
import { providerLabel, runsLocally } from "../model/providers";
import { runOrderOf } from "../model/layout";
import { DiagnosticList } from "./DiagnosticList";
import { CategoryIcon } from "./icons";

interface ActionDetailsProps {
  action: ActionDeclaration;
  stageName: string;
  diagnostics: readonly Diagnostic[];
  producers: ReadonlyMap<string, ArtifactProducer>;
  /** The latest run's id and this action's status in it. */
  executionId?: string;
  status?: string;
  /** This action in the shown run (times, container, artifacts, variables). */
  run?: ActionView;
  /** The pipeline the shown run belongs to (named in the approval's Review dialog). */
  pipelineName?: string;
  onClose: () => void;
}

/** Read-only details of the opened action: type, configuration, commands, artifacts. */
export function ActionDetails({ action, stageName, diagnostics, producers, executionId, status, run, pipelineName, onClose }: ActionDetailsProps) {
  const [showLog, setShowLog] = useState(false);
  const config = Object.entries(action.configuration ?? {});
  const local = Object.entries(action.pipewright ?? {});
  const waiting = waitingFor(run);
  return (
    <aside className="details" aria-label="Action details">
      <header className="details-header">
        <CategoryIcon type={action.actionTypeId} size={18} />
        <div className="details-title">
          <h2 className="panel-title">{action.name}</h2>
          <p className="details-subtitle">in stage {stageName}</p>
        </div>
        <button type="button" className="icon-button" aria-label="Close details" title="Close details (Esc)" onClick={onClose}>
          <X size={18} aria-hidden="true" />
        </button>
      </header>
      <dl className="details-grid">
        <dt>Category</dt>
        <dd>{action.actionTypeId.category}</dd>
        <dt>Provider</dt>
        <dd>
          {providerLabel(action.actionTypeId)} <span className="muted">v{action.actionTypeId.version}</span>
        </dd>
        <dt>Run order</dt>
        <dd>{runOrderOf(action)}</dd>
        <dt>Status</dt>
        <dd>{statusLabel(status)}</dd>
        {action.namespace !== undefined && (
          <>
            <dt>Namespace</dt>
            <dd>{action.namespace}</dd>
          </>
        )}
        {action.timeoutInMinutes !== undefined && (
          <>
            <dt>Timeout</dt>
            <dd>{action.timeoutInMinutes} min</dd>
          </>
        )}
      </dl>
      {executionId !== undefined && run && waiting === "paused" && (
        <PauseSection key={`${executionId}/${stageName}/${action.name}`} executionId={executionId} stageName={stageName} actionName={action.name} run={run} />
      )}
      {executionId !== undefined && run?.debugContainerId !== undefined && (
        // Keyed: another action's details must not take over this one's open terminal.
        <DebugContainerSection
          key={`${executionId}/${stageName}/${action.name}`}
          executionId={executionId}
          stageName={stageName}
          actionName={action.name}
          run={run}
          containerId={run.debugContainerId}
        />
      )}
      {executionId !== undefined && run?.approval && waiting !== "paused" && waiting !== "debugging" && (
        <ApprovalSection
          pipelineName={pipelineName ?? ""}
          executionId={executionId}
          stageName={stageName}
          actionName={action.name}
          approval={run.approval}
        />
      )}
      {executionId !== undefined && status !== undefined && (
        <section className="details-section">
          <button type="button" className="button" aria-expanded={showLog} onClick={() => setShowLog((v) => !v)}>
            <ScrollText size={16} aria-hidden="true" />
            View log
          </button>
          {showLog &&
            (run?.logAvailable === false ? (
              <p className="details-note">Retention removed this log: it is no longer kept.</p>
            ) : (
              <LogView executionId={executionId} stageName={stageName} actionName={action.name} attempt={run?.attempt} />
            ))}
        </section>
      )}
      {run?.status !== undefined && <ActionRunSection run={run} />}
      {!runsLocally(action.actionTypeId) && (
        <p className="details-note">
          {providerLabel(action.actionTypeId)} has no local stand-in: this action cannot run on this machine.
        </p>
      )}
      {diagnostics.length > 0 && (
        <section className="details-section">
          <h3>Problems</h3>
          <DiagnosticList diagnostics={diagnostics} label="Problems of this action" />
        </section>
      )}
      <section className="details-section">
        <h3>Configuration</h3>
        {config.length === 0 ? (
          <p className="muted">None</p>
        ) : (
          <dl className="kv">
            {config.map(([k, v]) => (
              <div key={k} className="kv-row">
                <dt>{k}</dt>
                <dd>
                  <code>{v}</code>
                </dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      {action.commands && action.commands.length > 0 && (
        <section className="details-section">
          <h3>Commands</h3>
          <pre className="commands">{action.commands.join("\n")}</pre>
        </section>
      )}
      <section className="details-section">
        <h3>Artifacts</h3>
        <ul className="details-artifacts">
          {(action.inputArtifacts ?? []).map((a, i) => {
            const from = producers.get(a.name);
            return (
              <li key={`in-${i}`}>
                <span className="artifact-badge artifact-in">in: {a.name}</span>{" "}
                <span className="muted">{from ? `from ${from.stageName} › ${from.actionName}` : "not produced upstream"}</span>
              </li>
            );
          })}
          {(action.outputArtifacts ?? []).map((a, i) => (
            <li key={`out-${i}`}>
              <span className="artifact-badge artifact-out">out: {a.name}</span>{" "}
              {a.files && <span className="muted">{a.files.join(", ")}</span>}
            </li>
          ))}
          {(action.inputArtifacts ?? []).length + (action.outputArtifacts ?? []).length === 0 && <li className="muted">None</li>}
        </ul>
      </section>
      {local.length > 0 && (
        <section className="details-section">
          <h3>Local settings</h3>
          <dl className="kv">
            {local.map(([k, v]) => (
              <div key={k} className="kv-row">
                <dt>{k}</dt>
                <dd>
                  <code>{String(v)}</code>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}
    </aside>
  );
}
