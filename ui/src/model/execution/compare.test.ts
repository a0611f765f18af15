import { describe, expect, test } from "vitest";
import type { ExecutionView } from "../../ipc/bindings";
import { compareExecutions } from "./compare";

const T = (s: number) => new Date(Date.UTC(2026, 0, 1, 10, 0, s)).toISOString();
const art = (name: string, digest: string) => ({ name, digest, size: 10, fileCount: 1, available: true });

function run(id: string, revision: string, digest: string, buildSeconds: number, extra = false): ExecutionView {
  return {
    executionId: id,
    status: "Succeeded",
    startTime: T(0),
    lastUpdateTime: T(2 + buildSeconds),
    sourceRevisions: [{ actionName: "Checkout", revisionId: revision }],
    stages: [
      {
        stageName: "Source",
        status: "Succeeded",
        startTime: T(0),
        endTime: T(2),
        actions: [{ actionName: "Checkout", status: "Succeeded", startTime: T(0), endTime: T(2), outputArtifacts: [art("Src", "aa")] }],
      },
      {
        stageName: "Build",
        status: "Succeeded",
        startTime: T(2),
        endTime: T(2 + buildSeconds),
        actions: [
          { actionName: "Compile", status: "Succeeded", startTime: T(2), endTime: T(2 + buildSeconds), outputArtifacts: [art("Bin", digest)] },
          ...(extra ? [{ actionName: "Lint", status: "Failed", startTime: T(2), endTime: T(3) }] : []),
        ],
      },
    ],
  };
}

describe("compareExecutions", () => {
  test("durations side by side, only changed revisions and artifacts", () => {
    const c = compareExecutions(run("a", "1111111aaaa", "b1", 5), run("b", "2222222bbbb", "b2", 9, true));
    expect(c.total).toEqual({ a: 7000, b: 11000 });
    expect(c.durations.map((d) => [d.kind, d.stageName, d.actionName, d.a, d.b])).toEqual([
      ["stage", "Source", undefined, 2000, 2000],
      ["action", "Source", "Checkout", 2000, 2000],
      ["stage", "Build", undefined, 5000, 9000],
      ["action", "Build", "Compile", 5000, 9000],
      ["action", "Build", "Lint", undefined, 1000],
    ]);
    expect(c.revisions).toEqual([{ actionName: "Checkout", a: "1111111aaaa", b: "2222222bbbb" }]);
    expect(c.artifacts).toEqual([{ producer: "Build › Compile", name: "Bin", a: "b1", b: "b2" }]);
  });

  test("an execution compared with itself has no changes", () => {
    const a = run("a", "r", "d", 3);
    const c = compareExecutions(a, a);
    expect(c.revisions).toEqual([]);
    expect(c.artifacts).toEqual([]);
  });
});
