import { ArrowLeft, ChartColumn } from "lucide-react";
import { useMemo, useState } from "react";
import type { MetricsRange } from "../../ipc/bindings";
import { DEFAULT_RANGE, durationSeries, executionSeries, RANGES, slowestFirst } from "../../model/metrics";
import { durationChart, executionChart } from "./chartOptions";
import { MetricTiles } from "./MetricTiles";
import { RangeSelector } from "./RangeSelector";
import { StepTable } from "./StepTable";
import { UPlotChart } from "./UPlotChart";
import { useMetrics } from "./useMetrics";
import "../../styles/history.css";
import "../../styles/dashboard.css";

interface DashboardViewProps {
  /** One pipeline's metrics; every pipeline's when absent. */
  pipeline?: string;
  /** One pipeline's dashboard: back to its canvas. */
  onBack?: () => void;
}

/** Success rate, executions per day, duration p50/p95 over time, stage and action durations, failure hotspots, recovery and approval wait. */
export function DashboardView({ pipeline, onBack }: DashboardViewProps) {
  const [range, setRange] = useState<MetricsRange>(DEFAULT_RANGE);
  const query = useMetrics(pipeline, range);
  const m = query.data;
  const executions = useMemo(() => (m ? executionChart(executionSeries(m.perDay)) : undefined), [m]);
  const durations = useMemo(() => (m ? durationChart(durationSeries(m.perDay)) : undefined), [m]);
  const several = pipeline === undefined;
  const rangeLabel = RANGES.find((r) => r.value === range)?.label.toLowerCase() ?? range;

  return (
    <section className="history-view dashboard-view" aria-labelledby="dashboard-title">
      <header className="history-header">
        <div>
          <h1 id="dashboard-title" className="pipeline-title">
            <ChartColumn size={20} aria-hidden="true" className="history-title-icon" />
            {pipeline === undefined ? "Dashboard" : `Dashboard of ${pipeline}`}
          </h1>
          <p className="muted history-scope">{pipeline === undefined ? "Metrics of every pipeline" : "Metrics of this pipeline"}</p>
        </div>
        <div className="dashboard-header-controls">
          <RangeSelector value={range} onChange={setRange} />
          {onBack && (
            <button type="button" className="button" onClick={onBack}>
              <ArrowLeft size={16} aria-hidden="true" />
              Back to pipeline
            </button>
          )}
        </div>
      </header>
      <div className="history-body dashboard-body" aria-busy={query.isFetching}>
        {query.isError && (
          <div className="inline-error" role="alert">
            <code>{query.error.code}</code> {query.error.message}
          </div>
        )}
        {query.isPending && <p className="muted history-note">Loading metrics…</p>}
        {m && m.executions.total === 0 && (
          <div className="history-empty">
            <p className="history-empty-title">No executions in the last {rangeLabel === "all time" ? "while" : rangeLabel}</p>
            <p className="muted">Metrics appear once pipelines have run: press Run on a pipeline, or use `pipewright run NAME`.</p>
          </div>
        )}
        {m && m.executions.total > 0 && executions && durations && (
          <>
            <MetricTiles metrics={m} />
            <div className="dashboard-charts">
              <UPlotChart title="Executions per day" options={executions.options} data={executions.data} />
              <UPlotChart title="Duration p50 and p95 per day" options={durations.options} data={durations.data} />
            </div>
            <div className="dashboard-tables">
              <StepTable label="Failure hotspots" steps={m.failureHotspots} withPipeline={several} empty="No action failed in this range." />
              <StepTable label="Stage durations" steps={slowestFirst(m.stages)} withPipeline={several} empty="No stage ended in this range." />
              <StepTable label="Action durations" steps={slowestFirst(m.actions)} withPipeline={several} empty="No action ended in this range." />
            </div>
            <p className="muted dashboard-note">
              Stage and action percentiles are within 5% (durations are grouped to two significant digits); everything else is exact. The same numbers:{" "}
              <code>pipewright metrics{pipeline !== undefined ? ` ${pipeline}` : ""}{m.since !== undefined ? ` --since ${range}` : ""} --json</code>
            </p>
          </>
        )}
      </div>
    </section>
  );
}
