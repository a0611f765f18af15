import { describe, expect, test } from "vitest";
import type { ExecutionView } from "../bindings";
import { bucket, metricsOf } from "./metrics";

const T0 = Date.parse("2026-11-20T10:00:00.000Z");
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

/** An execution with one stage Build and one action Compile of the same times (as the store's test). */
function run(id: string, status: string, start: number, secs: number, action: string): ExecutionView {
  const ended = status !== "InProgress";
  const times = { startTime: at(start), ...(ended ? { endTime: at(start + secs) } : {}) };
  return {
    executionId: id,
    status,
    startTime: at(start),
    lastUpdateTime: at(start + secs),
    stages: [{ stageName: "Build", status: action, ...times, actions: [{ actionName: "Compile", status: action, ...times }] }],
  };
}

describe("the mock's get_metrics", () => {
  test("gives the store's numbers for the store's known executions", () => {
    const runs = [
      { pipeline: "p", view: run("e0", "Succeeded", 0, 10, "Succeeded") },
      { pipeline: "p", view: run("e1", "Failed", 300, 20, "Failed") },
      { pipeline: "p", view: run("e2", "Failed", 600, 30, "Failed") },
      { pipeline: "p", view: run("e3", "Succeeded", 900, 40, "Succeeded") },
      { pipeline: "p", view: run("e4", "InProgress", 86_460, 5, "InProgress") },
      { pipeline: "q", view: run("e5", "Stopped", 180, 50, "Failed") },
    ];
    const now = new Date(T0 + 2 * 86_400_000);
    const m = metricsOf(runs, { pipeline: "p", range: "all" }, now);
    expect(m.executions).toMatchObject({ total: 5, succeeded: 2, failed: 2, inProgress: 1 });
    expect(m.successRate).toBe(0.5);
    expect(m.duration).toEqual({ count: 4, p50Ms: 20_000, p95Ms: 40_000, meanMs: 25_000 });
    expect(m.perDay.map((d) => d.date)).toEqual(["2026-11-20", "2026-11-21"]);
    expect(m.recoveries).toBe(1);
    expect(m.meanTimeToRecoveryMs).toBe(620_000);
    const compile = m.actions[0];
    expect(compile).toMatchObject({ stageName: "Build", actionName: "Compile", runs: 4, failures: 2, failureRate: 0.5 });
    expect(compile?.duration).toEqual({ count: 4, p50Ms: 20_500, p95Ms: 40_500, meanMs: 25_000 });
    expect(m.failureHotspots).toHaveLength(1);
    const all = metricsOf(runs, { range: "all" }, now);
    expect(all.executions.total).toBe(6);
    expect(all.actions.map((a) => a.pipelineName)).toEqual(["p", "q"]);
    // The last day only: the running one.
    expect(metricsOf(runs, { pipeline: "p", range: "24h" }, now).executions.total).toBe(1);
  });

  test("buckets keep two significant digits, as the store's", () => {
    expect([87, 100, 1234, 20_999, 123_456].map(bucket)).toEqual([87, 100, 1200, 20_000, 120_000]);
  });
});
