import { describe, expect, test } from "vitest";
import type { ExecutionView } from "../../ipc/bindings";
import { layoutTimeline, segmentPercent } from "./timeline";

const T = (s: number) => new Date(Date.UTC(2026, 0, 1, 10, 0, s)).toISOString();

function view(): ExecutionView {
  return {
    executionId: "e1",
    status: "Succeeded",
    startTime: T(0),
    lastUpdateTime: T(30),
    stages: [
      {
        stageName: "Source",
        status: "Succeeded",
        startTime: T(1),
        endTime: T(3),
        actions: [{ actionName: "Checkout", status: "Succeeded", startTime: T(1), endTime: T(3) }],
      },
      {
        stageName: "Gate",
        status: "Succeeded",
        startTime: T(5),
        endTime: T(20),
        actions: [{ actionName: "Approve", status: "Succeeded", startTime: T(6), endTime: T(20) }],
      },
      {
        stageName: "Build",
        status: "Succeeded",
        startTime: T(20),
        endTime: T(30),
        attempt: 2,
        actions: [
          { actionName: "First", status: "Succeeded", startTime: T(20), endTime: T(24), attempt: 2 },
          { actionName: "Second", status: "Succeeded", startTime: T(24), endTime: T(30), attempt: 2 },
        ],
      },
      { stageName: "Deploy", actions: [{ actionName: "Ship" }] },
    ],
  };
}

describe("layoutTimeline", () => {
  test("stages queue after the previous stage, actions wait for their stage, approvals are their own kind", () => {
    const t = layoutTimeline(view(), new Set(["Gate/Approve"]), new Date(T(40)));
    expect(t.totalMs).toBe(30_000);
    const byName = new Map(t.rows.map((r) => [`${r.kind}:${r.stageName}/${r.actionName ?? ""}`, r]));
    const source = byName.get("stage:Source/");
    expect(source?.segments).toEqual([
      { kind: "queue", startMs: 0, endMs: 1000 },
      { kind: "run", startMs: 1000, endMs: 3000 },
    ]);
    const gate = byName.get("stage:Gate/");
    expect(gate?.queueMs).toBe(2000);
    const approve = byName.get("action:Gate/Approve");
    expect(approve?.segments).toEqual([
      { kind: "queue", startMs: 5000, endMs: 6000 },
      { kind: "approval", startMs: 6000, endMs: 20000 },
    ]);
    expect(approve?.approvalMs).toBe(14_000);
    expect(approve?.runMs).toBe(0);
    const second = byName.get("action:Build/Second");
    expect(second?.queueMs).toBe(4000);
    expect(second?.runMs).toBe(6000);
    expect(second?.attempt).toBe(2);
    // Never ran: a row without segments.
    expect(byName.get("stage:Deploy/")?.segments).toEqual([]);
    expect(byName.get("action:Deploy/Ship")?.segments).toEqual([]);
    expect(t.rows).toHaveLength(9);
  });

  test("what still runs ends at now and is open", () => {
    const v = view();
    v.status = "InProgress";
    const build = v.stages[2];
    if (!build) throw new Error("no build");
    delete build.endTime;
    build.status = "InProgress";
    const second = build.actions[1];
    if (!second) throw new Error("no action");
    delete second.endTime;
    second.status = "InProgress";
    const t = layoutTimeline(v, new Set(), new Date(T(50)));
    expect(t.totalMs).toBe(50_000);
    const row = t.rows.find((r) => r.actionName === "Second");
    expect(row?.open).toBe(true);
    expect(row?.segments.at(-1)).toEqual({ kind: "run", startMs: 24_000, endMs: 50_000 });
    expect(t.rows.find((r) => r.kind === "stage" && r.stageName === "Build")?.open).toBe(true);
  });

  test("a pause point's wait comes before the action's run, a debug hold's after its failure", () => {
    const v = view();
    v.stages[2] = {
      stageName: "Build",
      status: "InProgress",
      startTime: T(20),
      attempt: 2,
      actions: [
        {
          actionName: "First",
          status: "Succeeded",
          startTime: T(20),
          endTime: T(24),
          approval: { kind: "PAUSE", status: "APPROVED", requestedTime: T(20), decidedTime: T(22) },
        },
        {
          actionName: "Second",
          status: "Failed",
          startTime: T(24),
          endTime: T(26),
          approval: { kind: "PAUSE", status: "PENDING", requestedTime: T(26) },
        },
      ],
    };
    const t = layoutTimeline(v, new Set(), new Date(T(35)));
    const first = t.rows.find((r) => r.actionName === "First");
    expect(first?.segments).toEqual([
      { kind: "approval", startMs: 20000, endMs: 22000 },
      { kind: "run", startMs: 22000, endMs: 24000 },
    ]);
    expect([first?.runMs, first?.approvalMs]).toEqual([2000, 2000]);
    const second = t.rows.find((r) => r.actionName === "Second");
    expect(second?.segments).toEqual([
      { kind: "queue", startMs: 20000, endMs: 24000 },
      { kind: "run", startMs: 24000, endMs: 26000 },
      { kind: "approval", startMs: 26000, endMs: 35000 },
    ]);
    expect(t.totalMs).toBe(35000);
  });

  test("a view without times has rows but no segments, and an axis of at least 1 ms", () => {
    const t = layoutTimeline({ executionId: "x", status: "InProgress", startTime: T(0), lastUpdateTime: T(0), stages: [{ stageName: "A", actions: [] }] }, new Set(), new Date(T(0)));
    expect(t.totalMs).toBe(1);
    expect(t.rows).toEqual([expect.objectContaining({ kind: "stage", segments: [], runMs: 0 })]);
  });
});

describe("segmentPercent", () => {
  test("places a segment on the axis and keeps tiny ones visible", () => {
    expect(segmentPercent({ kind: "run", startMs: 250, endMs: 750 }, 1000)).toEqual({ left: 25, width: 50 });
    const tiny = segmentPercent({ kind: "run", startMs: 999, endMs: 1000 }, 1000);
    expect(tiny.width).toBeGreaterThanOrEqual(0.4);
    expect(tiny.left + tiny.width).toBeLessThanOrEqual(100);
  });
});
