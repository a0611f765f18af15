import { describe, expect, test } from "vitest";
import type { ExecutionView } from "../../ipc/bindings";
import { attemptLabel, canRetry, elapsedLabel, elapsedMs, formatBytes, formatMs, revisionsLabel, shortRevision, triggerLabel } from "./summary";

describe("run summary words", () => {
  test("durations and sizes", () => {
    expect(formatMs(850)).toBe("850 ms");
    expect(formatMs(12_400)).toBe("12 s");
    expect(formatMs(184_000)).toBe("3 min 4 s");
    expect(formatMs(7_500_000)).toBe("2 h 5 min");
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(1_234)).toBe("1.2 kB");
    expect(formatBytes(45_600_000)).toBe("46 MB");
  });

  test("elapsed time runs to now while a part runs, and is empty when it never started", () => {
    const now = new Date("2026-01-01T10:00:10Z");
    expect(elapsedMs("2026-01-01T10:00:00Z", undefined, now)).toBe(10_000);
    expect(elapsedMs("2026-01-01T10:00:00Z", "2026-01-01T10:00:02.5Z", now)).toBe(2_500);
    expect(elapsedMs(undefined, undefined, now)).toBeUndefined();
    expect(elapsedMs("garbage", undefined, now)).toBeUndefined();
    expect(elapsedLabel({}, now)).toBe("");
  });

  test("attempts are named from the second on", () => {
    expect(attemptLabel(undefined)).toBe("");
    expect(attemptLabel(1)).toBe("");
    expect(attemptLabel(3)).toBe("attempt 3");
  });

  test("triggers and revisions", () => {
    expect(triggerLabel({ triggerType: "StartPipelineExecution", triggerDetail: "pipewright run" })).toBe("Started by hand — pipewright run");
    expect(triggerLabel({ triggerType: "CloudWatchEvent" })).toBe("Schedule");
    expect(triggerLabel({ triggerType: "SomethingNew" })).toBe("SomethingNew");
    expect(triggerLabel(undefined)).toBe("Unknown trigger");
    const sha = "0123456789abcdef0123456789abcdef01234567";
    expect(shortRevision(sha)).toBe("0123456");
    expect(shortRevision("f".repeat(64))).toBe("f".repeat(12));
    expect(shortRevision("v1.2")).toBe("v1.2");
    const view: ExecutionView = {
      executionId: "e",
      status: "Succeeded",
      startTime: "2026-01-01T10:00:00Z",
      lastUpdateTime: "2026-01-01T10:00:00Z",
      stages: [],
      sourceRevisions: [{ actionName: "Checkout", revisionId: sha }, { actionName: "Files" }],
    };
    expect(revisionsLabel(view)).toBe("0123456 (Checkout)");
  });

  test("only a Failed or Stopped stage of an ended run can be retried", () => {
    const view = (status: string): ExecutionView => ({ executionId: "e", status, startTime: "", lastUpdateTime: "", stages: [] });
    expect(canRetry(view("Failed"), { stageName: "B", status: "Failed", actions: [] })).toBe(true);
    expect(canRetry(view("Stopped"), { stageName: "B", status: "Stopped", actions: [] })).toBe(true);
    expect(canRetry(view("Failed"), { stageName: "A", status: "Succeeded", actions: [] })).toBe(false);
    expect(canRetry(view("InProgress"), { stageName: "B", status: "Failed", actions: [] })).toBe(false);
    expect(canRetry(view("Failed"), { stageName: "C", actions: [] })).toBe(false);
  });
});
