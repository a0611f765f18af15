import { describe, expect, test } from "vitest";
import type { Diagnostic } from "../ipc/bindings";
import { legacyImport } from "../ipc/mock/seed";
import {
  countBySeverity,
  describeLocation,
  diagnosticsFor,
  diagnosticsTooltip,
  indexDiagnostics,
  parsePointer,
  sortDiagnostics,
  worstSeverity,
} from "./diagnostics";

const d = (path: string, severity: Diagnostic["severity"] = "error", code = "E_X"): Diagnostic => ({
  code,
  severity,
  path,
  message: `at ${path}`,
});

describe("diagnosticsFor", () => {
  test("a configuration key concerns the action", () => {
    expect(diagnosticsFor("/stages/1/actions/0/configuration/Path")).toEqual({
      kind: "action",
      stage: 1,
      action: 0,
      field: ["configuration", "Path"],
    });
  });

  test("an input artifact concerns the action", () => {
    expect(diagnosticsFor("/stages/2/actions/3/inputArtifacts/0")).toMatchObject({ kind: "action", stage: 2, action: 3 });
  });

  test("a stage field or the action list concerns the stage", () => {
    expect(diagnosticsFor("/stages/0/name")).toEqual({ kind: "stage", stage: 0, field: ["name"] });
    expect(diagnosticsFor("/stages/0/actions")).toEqual({ kind: "stage", stage: 0, field: ["actions"] });
    expect(diagnosticsFor("/stages/4")).toEqual({ kind: "stage", stage: 4, field: [] });
  });

  test("everything else concerns the pipeline", () => {
    expect(diagnosticsFor("")).toEqual({ kind: "pipeline", field: [] });
    expect(diagnosticsFor("/stages")).toEqual({ kind: "pipeline", field: ["stages"] });
    expect(diagnosticsFor("/executionMode")).toEqual({ kind: "pipeline", field: ["executionMode"] });
    expect(diagnosticsFor("/stages/x/actions/0")).toMatchObject({ kind: "pipeline" });
  });

  test("paths relative to the file (/pipeline/...) work too", () => {
    expect(diagnosticsFor("/pipeline/stages/1/actions/2")).toMatchObject({ kind: "action", stage: 1, action: 2 });
  });

  test("JSON pointer escapes are decoded", () => {
    expect(parsePointer("/stages/0/actions/1/configuration/a~1b~0c")).toEqual(["stages", "0", "actions", "1", "configuration", "a/b~c"]);
    expect(diagnosticsFor("/stages/0/actions/1/configuration/a~1b")).toMatchObject({ field: ["configuration", "a/b"] });
  });
});

describe("indexDiagnostics", () => {
  test("sorts diagnostics onto the pipeline, stages and actions", () => {
    const index = indexDiagnostics([d("/stages"), d("/stages/1/name"), d("/stages/1/actions/0/inputArtifacts/0"), d("/stages/2/actions/0/configuration/TargetPath")], legacyImport());
    expect(index.pipeline.map((x) => x.path)).toEqual(["/stages"]);
    expect(index.stages.get(1)?.map((x) => x.path)).toEqual(["/stages/1/name"]);
    expect(index.actions.get("1/0")?.map((x) => x.path)).toEqual(["/stages/1/actions/0/inputArtifacts/0"]);
    expect(index.actions.get("2/0")).toHaveLength(1);
  });

  test("paths past the document's elements fall back to the nearest one that exists", () => {
    const index = indexDiagnostics([d("/stages/9/actions/0"), d("/stages/1/actions/7/name")], legacyImport());
    expect(index.pipeline).toHaveLength(1);
    expect(index.stages.get(1)).toHaveLength(1);
    expect(index.actions.size).toBe(0);
  });
});

describe("severity helpers", () => {
  const list = [d("/a", "info", "I_1"), d("/b", "warning", "W_1"), d("/c", "error", "E_1"), d("/d", "warning", "W_2")];

  test("worst severity", () => {
    expect(worstSeverity([])).toBeUndefined();
    expect(worstSeverity(list)).toBe("error");
    expect(worstSeverity(list.filter((x) => x.severity !== "error"))).toBe("warning");
  });

  test("sorted errors first, stable within a severity", () => {
    expect(sortDiagnostics(list).map((x) => x.code)).toEqual(["E_1", "W_1", "W_2", "I_1"]);
  });

  test("counts and tooltip", () => {
    expect(countBySeverity(list)).toEqual({ error: 1, warning: 2, info: 1 });
    expect(diagnosticsTooltip(list).split("\n")[0]).toBe("error E_1: at /c");
  });
});

describe("describeLocation", () => {
  test("names stages and actions", () => {
    const doc = legacyImport();
    expect(describeLocation("/stages/2/actions/0/configuration/TargetPath", doc)).toBe("Deploy › CopyToFolder › configuration.TargetPath");
    expect(describeLocation("/stages/1", doc)).toBe("Build");
    expect(describeLocation("", doc)).toBe("Pipeline");
    expect(describeLocation("/roleArn", doc)).toBe("Pipeline › roleArn");
    expect(describeLocation("/stages/1/actions/0")).toBe("Stage 2 › Action 1");
  });
});
