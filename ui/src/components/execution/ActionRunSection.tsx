import type { ReactNode } from "react";
import type { ActionView } from "../../ipc/bindings";
import { attemptLabel, elapsedLabel } from "../../model/execution/summary";
import { statusLabel } from "../../model/status";
import { formatAbsolute } from "../../model/time";
import { ArtifactList } from "./ArtifactList";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="kv-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** What the shown run did with an action: times and attempt, why it failed, its container, artifacts and output variables. */
export function ActionRunSection({ run, now }: { run: ActionView; now?: Date }) {
  const container = run.image !== undefined || run.exitCode !== undefined || run.containerId !== undefined || run.limits !== undefined;
  const variables = run.outputVariables ?? [];
  return (
    <>
      <section className="details-section" aria-label="Run">
        <h3>Run</h3>
        <dl className="kv">
          <Row label="Status">{statusLabel(run.status)}</Row>
          {run.attempt !== undefined && <Row label="Attempt">{run.attempt}</Row>}
          {run.startTime !== undefined && (
            <Row label="Started">
              <time dateTime={run.startTime}>{formatAbsolute(run.startTime)}</time>
            </Row>
          )}
          {run.startTime !== undefined && <Row label="Duration">{elapsedLabel(run, now)}{run.endTime === undefined ? " (running)" : ""}</Row>}
          {run.summary !== undefined && <Row label="Summary">{run.summary}</Row>}
        </dl>
        {run.errorSummary !== undefined && (
          <p className="details-note run-error" role="note">
            {run.errorSummary}
          </p>
        )}
        {attemptLabel(run.attempt) !== "" && <p className="muted">This is the latest of {run.attempt} attempts.</p>}
      </section>
      {container && (
        <section className="details-section" aria-label="Container">
          <h3>Container</h3>
          <dl className="kv">
            {run.image !== undefined && (
              <Row label="Image">
                <code className="run-image">{run.image}</code>
              </Row>
            )}
            {run.exitCode !== undefined && <Row label="Exit code">{run.exitCode}</Row>}
            {run.containerId !== undefined && (
              <Row label="Container">
                <code title={run.containerId}>{run.containerId.slice(0, 12)}</code>
              </Row>
            )}
            {run.limits?.cpus !== undefined && <Row label="CPUs">{run.limits.cpus}</Row>}
            {run.limits?.memory !== undefined && <Row label="Memory">{run.limits.memory}</Row>}
          </dl>
        </section>
      )}
      {(run.inputArtifacts !== undefined || run.outputArtifacts !== undefined) && (
        <section className="details-section" aria-label="Artifacts of this run">
          <h3>Artifacts of this run</h3>
          <ArtifactList inputs={run.inputArtifacts ?? []} outputs={run.outputArtifacts ?? []} />
        </section>
      )}
      {variables.length > 0 && (
        <section className="details-section" aria-label="Output variables">
          <h3>Output variables</h3>
          <dl className="kv">
            {variables.map((v) => (
              <Row key={v.name} label={v.name}>
                <code>{v.value}</code>
              </Row>
            ))}
          </dl>
        </section>
      )}
    </>
  );
}
