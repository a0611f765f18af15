import { describe, expect, test } from "vitest";
import type { DayMetrics, Metrics, StepMetrics } from "../ipc/bindings";
import { durationSeries, executionSeries, filledDays, formatMs, formatRate, slowestFirst, stepName, tiles } from "./metrics";

const counts = (succeeded: number, failed: number, inProgress = 0) => ({
  total: succeeded + failed + inProgress,
  succeeded,
  failed,
  stopped: 0,
  superseded: 0,
  cancelled: 0,
  inProgress,
});

const day = (date: string, succeeded: number, failed: number, p50?: number): DayMetrics => ({
  date,
  executions: counts(succeeded, failed, 1),
  duration: { count: succeeded + failed, ...(p50 !== undefined ? { p50Ms: p50, p95Ms: p50 * 2 } : {}) },
});

const step = (stageName: string, actionName: string | undefined, p95Ms: number): StepMetrics => ({
  pipelineName: "web",
  stageName,
  ...(actionName !== undefined ? { actionName } : {}),
  runs: 4,
  failures: 1,
  failureRate: 0.25,
  duration: { count: 4, p50Ms: p95Ms / 2, p95Ms },
});

describe("metrics view model", () => {
  test("durations and rates read as text", () => {
    expect(formatMs(undefined)).toBe("–");
    expect(formatMs(850)).toBe("850 ms");
    expect(formatMs(12_340)).toBe("12.3 s");
    expect(formatMs(245_000)).toBe("4m 05s");
    expect(formatMs(7_380_000)).toBe("2h 03m");
    expect(formatMs(3 * 86_400_000 + 7_200_000)).toBe("3d 02h");
    expect(formatRate(0.975)).toBe("97.5%");
    expect(formatRate(1)).toBe("100%");
    expect(formatRate(undefined)).toBe("–");
  });

  test("days without executions are filled in so the charts keep their places", () => {
    const days = [day("2026-11-28", 3, 1, 20_000), day("2026-11-30", 2, 0)];
    // At least the week up to the last day: four empty days before the first.
    const none = [undefined, undefined, undefined, undefined];
    expect(filledDays(days).map((d) => d.day?.date)).toEqual([...none, "2026-11-28", undefined, "2026-11-30"]);
    const [x, ok, failed, other] = executionSeries(days);
    expect(x).toEqual([-4, -3, -2, -1, 0, 1, 2].map((d) => Date.parse("2026-11-28T00:00:00Z") / 1000 + d * 86_400));
    expect(x[4]).toBe(Date.parse("2026-11-28T00:00:00Z") / 1000);
    expect(x[6]).toBe(Date.parse("2026-11-30T00:00:00Z") / 1000);
    expect(ok).toEqual([0, 0, 0, 0, 3, 0, 2]);
    expect(failed).toEqual([0, 0, 0, 0, 1, 0, 0]);
    expect(other).toEqual([0, 0, 0, 0, 1, 0, 1]);
    const [, p50, p95] = durationSeries(days);
    expect(p50).toEqual([null, null, null, null, 20, null, null]);
    expect(p95).toEqual([null, null, null, null, 40, null, null]);
    // Many days: from the first to the last, nothing added.
    const long = [day("2026-11-01", 1, 0), day("2026-11-30", 1, 0)];
    expect(filledDays(long)).toHaveLength(30);
    expect(executionSeries([])).toEqual([[], [], [], []]);
  });

  test("tiles say what the numbers cover", () => {
    const m: Metrics = {
      generatedTime: "2026-12-01T00:00:00.000Z",
      executions: counts(3, 1, 1),
      successRate: 0.75,
      duration: { count: 4, p50Ms: 20_000, p95Ms: 40_000, meanMs: 25_000 },
      perDay: [],
      stages: [],
      actions: [],
      failureHotspots: [],
      recoveries: 1,
      meanTimeToRecoveryMs: 620_000,
      approvalWait: { count: 2, meanMs: 90_000 },
      approvalsPending: 1,
    };
    const t = Object.fromEntries(tiles(m).map((x) => [x.label, x]));
    expect(t["Success rate"]).toEqual({ label: "Success rate", value: "75%", detail: "3 of 4 ended" });
    expect(t["Executions"]?.detail).toBe("3 succeeded, 1 failed, 1 running");
    expect(t["Duration p95"]?.value).toBe("40.0 s");
    expect(t["Mean time to recovery"]?.value).toBe("10m 20s");
    expect(t["Approval wait"]?.detail).toBe("mean of 2 decided, 1 pending");
  });

  test("steps are named with their stage, and sorted slowest first", () => {
    const steps = [step("Build", "Compile", 1000), step("Test", undefined, 5000)];
    const [compile, test] = steps as [StepMetrics, StepMetrics];
    expect(stepName(compile, false)).toBe("Build / Compile");
    expect(stepName(test, true)).toBe("web: Test");
    expect(slowestFirst(steps).map((s) => s.stageName)).toEqual(["Test", "Build"]);
  });
});
