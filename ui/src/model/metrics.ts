// The metrics dashboard's view model: figures as text, chart series from the per-day metrics,
// and the range selector's choices. The numbers themselves come from `get_metrics` (the store
// computes them; `pipewright metrics` shows the same).
import type { DayMetrics, Metrics, MetricsRange, StepMetrics } from "../ipc/bindings";

export const RANGES: { value: MetricsRange; label: string }[] = [
  { value: "7d", label: "7 days" },
  { value: "30d", label: "30 days" },
  { value: "90d", label: "90 days" },
  { value: "all", label: "All time" },
];

export const DEFAULT_RANGE: MetricsRange = "30d";

/** A duration in ms as text: `850 ms`, `12.3 s`, `4m 05s`, `2h 03m`; `–` when unknown. */
export function formatMs(ms: number | undefined | null): string {
  if (ms === undefined || ms === null || !Number.isFinite(ms)) return "–";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const total = Math.round(s);
  if (total < 3600) return `${Math.floor(total / 60)}m ${String(total % 60).padStart(2, "0")}s`;
  const minutes = Math.round(total / 60);
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, "0")}m`;
  return `${Math.floor(minutes / 1440)}d ${String(Math.floor((minutes % 1440) / 60)).padStart(2, "0")}h`;
}

/** A rate (0–1) as a percentage: `97.5%`, `100%`; `–` when unknown. */
export function formatRate(rate: number | undefined | null): string {
  if (rate === undefined || rate === null || !Number.isFinite(rate)) return "–";
  const pct = rate * 100;
  return `${Number.isInteger(pct) ? pct.toFixed(0) : pct.toFixed(1)}%`;
}

export interface Tile {
  label: string;
  value: string;
  detail: string;
}

/** The headline figures. */
export function tiles(m: Metrics): Tile[] {
  const e = m.executions;
  const ended = e.succeeded + e.failed + e.stopped;
  const others = [
    e.stopped > 0 ? `${e.stopped} stopped` : "",
    e.superseded > 0 ? `${e.superseded} superseded` : "",
    e.cancelled > 0 ? `${e.cancelled} cancelled` : "",
    e.inProgress > 0 ? `${e.inProgress} running` : "",
  ].filter((s) => s !== "");
  return [
    { label: "Success rate", value: formatRate(m.successRate), detail: ended > 0 ? `${e.succeeded} of ${ended} ended` : "No ended executions" },
    { label: "Executions", value: String(e.total), detail: [`${e.succeeded} succeeded`, `${e.failed} failed`, ...others].join(", ") },
    { label: "Duration p50", value: formatMs(m.duration.p50Ms), detail: `mean ${formatMs(m.duration.meanMs)}` },
    { label: "Duration p95", value: formatMs(m.duration.p95Ms), detail: `of ${m.duration.count} ended` },
    {
      label: "Mean time to recovery",
      value: formatMs(m.meanTimeToRecoveryMs),
      detail: m.recoveries > 0 ? `over ${m.recoveries} recover${m.recoveries === 1 ? "y" : "ies"}` : "No recovery from a failure",
    },
    {
      label: "Approval wait",
      value: formatMs(m.approvalWait.meanMs),
      detail:
        m.approvalWait.count > 0 || m.approvalsPending > 0
          ? `mean of ${m.approvalWait.count} decided${m.approvalsPending > 0 ? `, ${m.approvalsPending} pending` : ""}`
          : "No manual approvals",
    },
  ];
}

/** Start of a UTC day (`YYYY-MM-DD`) in seconds since the epoch, as uPlot's x values. */
export function daySeconds(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 1000;
}

/**
 * Every day from the first to the last with executions, and at least the week up to the last
 * (days without any get zeros, so bars and lines keep their place; a single day would otherwise
 * be widened by uPlot to an axis of years).
 */
export function filledDays(days: DayMetrics[]): { x: number; day: DayMetrics | undefined }[] {
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return [];
  const byDate = new Map(days.map((d) => [d.date, d]));
  const out: { x: number; day: DayMetrics | undefined }[] = [];
  const end = daySeconds(last.date);
  for (let x = Math.min(daySeconds(first.date), end - 6 * 86_400); x <= end; x += 86_400) {
    const date = new Date(x * 1000).toISOString().slice(0, 10);
    out.push({ x, day: byDate.get(date) });
  }
  return out;
}

/** uPlot data: days, succeeded, failed, other ended or running executions per day. */
export function executionSeries(days: DayMetrics[]): [number[], number[], number[], number[]] {
  const filled = filledDays(days);
  return [
    filled.map((f) => f.x),
    filled.map((f) => f.day?.executions.succeeded ?? 0),
    filled.map((f) => f.day?.executions.failed ?? 0),
    filled.map((f) => {
      const e = f.day?.executions;
      return e ? e.total - e.succeeded - e.failed : 0;
    }),
  ];
}

/** uPlot data: days, p50 and p95 duration in seconds (null on days with nothing ended). */
export function durationSeries(days: DayMetrics[]): [number[], (number | null)[], (number | null)[]] {
  const filled = filledDays(days);
  const s = (ms: number | undefined) => (ms === undefined ? null : ms / 1000);
  return [filled.map((f) => f.x), filled.map((f) => s(f.day?.duration.p50Ms)), filled.map((f) => s(f.day?.duration.p95Ms))];
}

/** A stage or action as the tables name it: `Build / Compile`, with the pipeline when there are several. */
export function stepName(step: StepMetrics, withPipeline: boolean): string {
  const own = step.actionName === undefined ? step.stageName : `${step.stageName} / ${step.actionName}`;
  return withPipeline ? `${step.pipelineName}: ${own}` : own;
}

/** Stages or actions, slowest (p95) first. */
export function slowestFirst(steps: StepMetrics[]): StepMetrics[] {
  return [...steps].sort((a, b) => (b.duration.p95Ms ?? -1) - (a.duration.p95Ms ?? -1) || stepName(a, true).localeCompare(stepName(b, true)));
}
