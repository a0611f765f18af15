// The browser mock's `get_metrics`: the store's numbers (crates/store/src/execution/metrics.rs)
// computed over the mock's executions: nearest-rank percentiles, exact for executions and
// approvals, two-significant-digit buckets for stages and actions; recoveries by end time.
import type { DayMetrics, Durations, ExecutionView, Metrics, MetricsArgs, StatusCounts, StepMetrics } from "../bindings";

const SPAN_DAYS: Record<MetricsArgs["range"], number | undefined> = { "24h": 1, "7d": 7, "30d": 30, "90d": 90, all: undefined };
const HOTSPOTS = 10;

const running = (status: string | undefined) => status === "InProgress" || status === "Stopping";
const msBetween = (start: string, end: string) => Math.max(0, Math.round(Date.parse(end) - Date.parse(start)));

function zero(): StatusCounts {
  return { total: 0, succeeded: 0, failed: 0, stopped: 0, superseded: 0, cancelled: 0, inProgress: 0 };
}

function count(c: StatusCounts, status: string): void {
  c.total += 1;
  if (status === "Succeeded") c.succeeded += 1;
  else if (status === "Failed") c.failed += 1;
  else if (status === "Stopped") c.stopped += 1;
  else if (status === "Superseded") c.superseded += 1;
  else if (status === "Cancelled") c.cancelled += 1;
  else if (running(status)) c.inProgress += 1;
}

/** The store's bucket: whole ms rounded down to two significant digits. */
export function bucket(ms: number): number {
  if (ms < 100) return ms;
  const step = 10 ** (String(ms).length - 2);
  return Math.floor(ms / step) * step;
}

function bucketValue(b: number): number {
  return b < 100 ? b : b + 10 ** (String(b).length - 2) / 2;
}

function durations(values: number[], report: (v: number) => number = (v) => v, exactMean?: number): Durations {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { count: 0 };
  const at = (q: number) => report(sorted[Math.min(n, Math.max(1, Math.ceil(q * n))) - 1] ?? 0);
  return { count: n, p50Ms: at(0.5), p95Ms: at(0.95), meanMs: exactMean ?? sorted.reduce((a, b) => a + b, 0) / n };
}

interface StepAcc {
  pipelineName: string;
  stageName: string;
  actionName?: string;
  buckets: number[];
  failures: number;
  total: number;
}

export function metricsOf(executions: { pipeline: string; view: ExecutionView }[], args: MetricsArgs, now: Date): Metrics {
  const span = SPAN_DAYS[args.range];
  const since = span === undefined ? undefined : new Date(now.getTime() - span * 86_400_000).toISOString();
  const inScope = executions.filter(
    (e) => (args.pipeline === undefined || e.pipeline === args.pipeline) && (since === undefined || e.view.startTime >= since),
  );
  const total = zero();
  const all: number[] = [];
  const days = new Map<string, { counts: StatusCounts; ms: number[] }>();
  const steps = new Map<string, StepAcc>();
  const waits: number[] = [];
  let pending = 0;
  const addStep = (pipelineName: string, stageName: string, actionName: string | undefined, ms: number, failed: boolean) => {
    const key = JSON.stringify([pipelineName, stageName, actionName ?? ""]);
    const acc = steps.get(key) ?? { pipelineName, stageName, ...(actionName !== undefined ? { actionName } : {}), buckets: [], failures: 0, total: 0 };
    acc.buckets.push(bucket(ms));
    acc.failures += failed ? 1 : 0;
    acc.total += ms;
    steps.set(key, acc);
  };
  for (const { pipeline, view } of inScope) {
    const date = view.startTime.slice(0, 10);
    const day = days.get(date) ?? { counts: zero(), ms: [] };
    days.set(date, day);
    count(total, view.status);
    count(day.counts, view.status);
    if (!running(view.status)) {
      const ms = msBetween(view.startTime, view.lastUpdateTime);
      all.push(ms);
      day.ms.push(ms);
    }
    for (const stage of view.stages) {
      if (stage.status && stage.startTime && stage.endTime && !running(stage.status) && stage.status !== "Skipped") {
        addStep(pipeline, stage.stageName, undefined, msBetween(stage.startTime, stage.endTime), stage.status === "Failed");
      }
      for (const action of stage.actions) {
        if (action.status && action.status !== "InProgress" && action.startTime && action.endTime) {
          addStep(pipeline, stage.stageName, action.actionName, msBetween(action.startTime, action.endTime), action.status === "Failed");
        }
        const a = action.approval;
        if (a && a.kind === "APPROVAL" && a.status !== "CANCELLED") {
          if (a.status === "PENDING") pending += 1;
          else if (a.decidedTime) waits.push(Math.max(0, Date.parse(a.decidedTime) - Date.parse(a.requestedTime)));
        }
      }
    }
  }
  // Recoveries: each success that ends a run of failures, by end time, within its pipeline.
  const recoveries: number[] = [];
  const byPipeline = new Map<string, ExecutionView[]>();
  for (const e of executions) {
    if (e.view.status !== "Succeeded" && e.view.status !== "Failed") continue;
    if (args.pipeline !== undefined && e.pipeline !== args.pipeline) continue;
    byPipeline.set(e.pipeline, [...(byPipeline.get(e.pipeline) ?? []), e.view]);
  }
  for (const views of byPipeline.values()) {
    views.sort((a, b) => a.lastUpdateTime.localeCompare(b.lastUpdateTime));
    let firstFailure: string | undefined;
    for (const v of views) {
      if (v.status === "Failed") firstFailure ??= v.lastUpdateTime;
      else {
        if (firstFailure !== undefined && (since === undefined || v.startTime >= since)) recoveries.push(msBetween(firstFailure, v.lastUpdateTime));
        firstFailure = undefined;
      }
    }
  }
  const perDay: DayMetrics[] = [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, d]) => ({ date, executions: d.counts, duration: durations(d.ms) }));
  const stepList: StepMetrics[] = [...steps.values()]
    .sort((a, b) => JSON.stringify([a.pipelineName, a.stageName, a.actionName ?? ""]).localeCompare(JSON.stringify([b.pipelineName, b.stageName, b.actionName ?? ""])))
    .map((s) => ({
      pipelineName: s.pipelineName,
      stageName: s.stageName,
      ...(s.actionName !== undefined ? { actionName: s.actionName } : {}),
      runs: s.buckets.length,
      failures: s.failures,
      failureRate: s.buckets.length === 0 ? 0 : s.failures / s.buckets.length,
      duration: durations(s.buckets, bucketValue, s.total / s.buckets.length),
    }));
  const actions = stepList.filter((s) => s.actionName !== undefined);
  const decided = total.succeeded + total.failed + total.stopped;
  return {
    ...(args.pipeline !== undefined ? { pipelineName: args.pipeline } : {}),
    ...(since !== undefined ? { since } : {}),
    generatedTime: now.toISOString(),
    executions: total,
    ...(decided > 0 ? { successRate: total.succeeded / decided } : {}),
    duration: durations(all),
    perDay,
    stages: stepList.filter((s) => s.actionName === undefined),
    actions,
    failureHotspots: actions
      .filter((a) => a.failures > 0)
      .sort((a, b) => b.failures - a.failures || b.failureRate - a.failureRate)
      .slice(0, HOTSPOTS),
    recoveries: recoveries.length,
    ...(recoveries.length > 0 ? { meanTimeToRecoveryMs: recoveries.reduce((a, b) => a + b, 0) / recoveries.length } : {}),
    approvalWait: durations(waits),
    approvalsPending: pending,
  };
}
