import { describe, expect, test } from "vitest";
import type { ExecutionSummaryView, ListExecutionsArgs } from "../bindings";
import { GeneratedHistory, HistoryError, listPage, triggerKindOf } from "./history";

const NOW = new Date("2026-11-10T12:00:00.000Z");

function row(id: string, start: string, over: Partial<ExecutionSummaryView> = {}): ExecutionSummaryView {
  return {
    executionId: id,
    pipelineName: "a",
    pipelineVersion: 1,
    status: "Succeeded",
    trigger: { triggerType: "StartPipelineExecution" },
    triggerKind: "manual",
    sourceRevisions: [],
    variables: [],
    startTime: start,
    lastUpdateTime: start,
    ...over,
  };
}

const ROWS = [
  row("e0", "2026-11-01T09:00:00.000Z", { branch: "main" }),
  row("e1", "2026-11-01T10:00:00.000Z", { pipelineName: "b", status: "Failed", triggerKind: "source" }),
  row("e2", "2026-11-02T08:00:00.000Z", { status: "Failed", triggerKind: "webhook", branch: "dev" }),
  row("e3", "2026-11-03T00:00:00.000Z", { triggerKind: "pipeline" }),
  row("e4", "2026-11-03T00:00:00.000Z", { status: "InProgress" }),
];

const ids = (args: ListExecutionsArgs) => listPage(ROWS, undefined, args, NOW).executions.map((e) => e.executionId);

describe("the mock's list_executions", () => {
  test("filters as the store does", () => {
    expect(ids({})).toEqual(["e4", "e3", "e2", "e1", "e0"]);
    expect(ids({ pipeline: "b" })).toEqual(["e1"]);
    expect(ids({ statuses: ["failed"] })).toEqual(["e2", "e1"]);
    expect(ids({ triggers: ["webhook", "pipeline"] })).toEqual(["e3", "e2"]);
    expect(ids({ triggers: ["WebhookV2"] })).toEqual(["e2"]);
    expect(ids({ branch: "main" })).toEqual(["e0"]);
    expect(ids({ since: "2026-11-02", until: "2026-11-02" })).toEqual(["e2"]);
    expect(ids({ since: "30d" })).toHaveLength(5);
  });

  test("pages by token, ties broken by id", () => {
    const first = listPage(ROWS, undefined, { limit: 2 }, NOW);
    expect(first.executions.map((e) => e.executionId)).toEqual(["e4", "e3"]);
    const second = listPage(ROWS, undefined, { limit: 2, nextToken: first.nextToken ?? "" }, NOW);
    expect(second.executions.map((e) => e.executionId)).toEqual(["e2", "e1"]);
    const third = listPage(ROWS, undefined, { limit: 2, nextToken: second.nextToken ?? "" }, NOW);
    expect(third.executions.map((e) => e.executionId)).toEqual(["e0"]);
    expect(third.nextToken).toBeUndefined();
  });

  test("refuses what the store refuses, with its codes", () => {
    const code = (args: ListExecutionsArgs) => {
      try {
        listPage(ROWS, undefined, args, NOW);
        return "ok";
      } catch (e) {
        return e instanceof HistoryError ? e.code : String(e);
      }
    };
    expect(code({ nextToken: "zz" })).toBe("E_INVALID_TOKEN");
    expect(code({ statuses: ["Done"] })).toBe("E_INVALID_FILTER");
    expect(code({ triggers: ["cron"] })).toBe("E_INVALID_FILTER");
    expect(code({ since: "last week" })).toBe("E_INVALID_FILTER");
    expect(code({ since: "2026-11-03", until: "2026-11-02" })).toBe("E_INVALID_FILTER");
    expect(code({ limit: 0 })).toBe("E_INVALID_FILTER");
  });

  test("a generated source of 100,000 pages without building every row", () => {
    const gen = new GeneratedHistory(100_000, ["a", "b"], NOW.getTime());
    const page = listPage([], gen, { limit: 50, statuses: ["Failed"], pipeline: "a" }, NOW);
    expect(page.executions).toHaveLength(50);
    expect(page.executions.every((e) => e.status === "Failed" && e.pipelineName === "a")).toBe(true);
    const next = listPage([], gen, { limit: 50, statuses: ["Failed"], pipeline: "a", nextToken: page.nextToken ?? "" }, NOW);
    const seen = new Set([...page.executions, ...next.executions].map((e) => e.executionId));
    expect(seen.size).toBe(100);
  });

  test("trigger kinds group the API's values", () => {
    expect(triggerKindOf("StartPipelineExecution", "pipeline/up/1")).toBe("pipeline");
    expect(triggerKindOf("StartPipelineExecution", "alice")).toBe("manual");
    expect(triggerKindOf("CloudWatchEvent", undefined)).toBe("schedule");
    expect(triggerKindOf("Nope", undefined)).toBe("other");
  });
});
