import { useId } from "react";
import type { StepMetrics } from "../../ipc/bindings";
import { formatMs, formatRate, stepName } from "../../model/metrics";

interface StepTableProps {
  label: string;
  steps: StepMetrics[];
  /** Several pipelines: name each step's pipeline. */
  withPipeline: boolean;
  empty: string;
}

/** Stages, actions or failure hotspots: runs, failures, failure rate, p50, p95, mean. */
export function StepTable({ label, steps, withPipeline, empty }: StepTableProps) {
  const id = useId();
  return (
    <section className="dashboard-table-box">
      <h2 id={id} className="dashboard-section-title">
        {label}
      </h2>
      {steps.length === 0 ? (
        <p className="muted dashboard-note">{empty}</p>
      ) : (
        <table className="dashboard-table" aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col">{withPipeline ? "Pipeline: stage / action" : "Stage / action"}</th>
              <th scope="col">Runs</th>
              <th scope="col">Failed</th>
              <th scope="col">Failure rate</th>
              <th scope="col">p50</th>
              <th scope="col">p95</th>
              <th scope="col">Mean</th>
            </tr>
          </thead>
          <tbody>
            {steps.map((s) => (
              <tr key={`${s.pipelineName}\u0000${s.stageName}\u0000${s.actionName ?? ""}`}>
                <th scope="row">{stepName(s, withPipeline)}</th>
                <td>{s.runs}</td>
                <td className={s.failures > 0 ? "dashboard-failed" : undefined}>{s.failures}</td>
                <td>{formatRate(s.failureRate)}</td>
                <td>{formatMs(s.duration.p50Ms)}</td>
                <td>{formatMs(s.duration.p95Ms)}</td>
                <td>{formatMs(s.duration.meanMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
