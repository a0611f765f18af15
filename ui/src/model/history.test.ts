import { describe, expect, test } from "vitest";
import type { ExecutionSummaryView } from "../ipc/bindings";
import { formatMs, hasFilters, listArgs, NO_FILTERS, rangeProblem, revisionOf, rowDuration, shortId, toggleStatus, triggerLabel, triggerTitle, variablesText } from "./history";

const row: ExecutionSummaryView = {
  executionId: "3f2a9c1b-0000-4000-8000-000000000001",
  pipelineName: "web-app",
  pipelineVersion: 2,
  status: "Succeeded",
  trigger: { triggerType: "WebhookV2", triggerDetail: "push to main" },
  triggerKind: "webhook",
  sourceRevisions: [{ actionName: "Checkout", revisionId: "0123456789abcdef", revisionSummary: "Fix the build\n\nLonger text" }],
  variables: [
    { name: "env", value: "prod" },
    { name: "region", value: "eu" },
  ],
  startTime: "2026-11-01T10:00:00.000Z",
  lastUpdateTime: "2026-11-01T10:03:04.000Z",
  durationMs: 184_000,
};

describe("history filters", () => {
  test("no filters ask for the first page of everything", () => {
    expect(listArgs(undefined, NO_FILTERS)).toEqual({ limit: 50 });
    expect(hasFilters(NO_FILTERS)).toBe(false);
  });

  test("every filter becomes its argument; a blank branch is none", () => {
    const f = { statuses: ["Failed", "Stopped"], trigger: "schedule", branch: " main ", from: "2026-11-01", to: "2026-11-30" };
    expect(listArgs("web-app", f, 20)).toEqual({
      pipeline: "web-app",
      limit: 20,
      statuses: ["Failed", "Stopped"],
      triggers: ["schedule"],
      branch: "main",
      since: "2026-11-01",
      until: "2026-11-30",
    });
    expect(hasFilters(f)).toBe(true);
    expect(listArgs(undefined, { ...NO_FILTERS, branch: "   " })).toEqual({ limit: 50 });
  });

  test("status toggles keep the offered order", () => {
    let f = toggleStatus(NO_FILTERS, "Stopped");
    f = toggleStatus(f, "Succeeded");
    expect(f.statuses).toEqual(["Succeeded", "Stopped"]);
    expect(toggleStatus(f, "Stopped").statuses).toEqual(["Succeeded"]);
  });

  test("a reversed date range is a problem before asking", () => {
    expect(rangeProblem({ ...NO_FILTERS, from: "2026-11-02", to: "2026-11-01" })).toMatch(/empty/);
    expect(rangeProblem({ ...NO_FILTERS, from: "2026-11-01", to: "2026-11-01" })).toBeUndefined();
  });
});

describe("history rows", () => {
  test("read as words, short ids and commits", () => {
    expect(triggerLabel(row)).toBe("Webhook");
    expect(triggerLabel({ ...row, triggerKind: "other", trigger: { triggerType: "Mystery" } })).toBe("Mystery");
    expect(triggerTitle(row)).toBe("WebhookV2 · push to main");
    expect(shortId(row.executionId)).toBe("3f2a9c1b");
    expect(revisionOf(row)).toEqual({ commit: "0123456", message: "Fix the build", full: "Checkout\n0123456789abcdef\nFix the build\n\nLonger text" });
    expect(revisionOf({ sourceRevisions: [] })).toBeUndefined();
    expect(variablesText(row)).toBe("env=prod, region=eu");
  });

  test("durations: recorded when ended, so far while running", () => {
    expect(rowDuration(row)).toBe("3 min 4 s");
    const running = { status: "InProgress", startTime: "2026-11-01T10:00:00.000Z" };
    expect(rowDuration(running, new Date("2026-11-01T10:00:12.000Z"))).toBe("12 s so far");
    expect(formatMs(850)).toBe("850 ms");
    expect(formatMs(3_720_000)).toBe("1 h 2 min");
    expect(formatMs(undefined)).toBe("");
  });
});
