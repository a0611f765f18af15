import { describe, expect, test } from "vitest";
import type { Diagnostic } from "../../ipc/bindings";
import { diagnosticsOnFields } from "./fieldDiagnostics";

const d = (path: string, code = "E_X"): Diagnostic => ({ code, severity: "error", path, message: path });

describe("diagnosticsOnFields", () => {
  test("the longest shown field that contains the path takes the diagnostic; the rest go to the top", () => {
    const diagnostics = [
      d("/stages/1/actions/0/configuration/Image"),
      d("/stages/1/actions/0/inputArtifacts/1"),
      d("/stages/1/actions/0/configuration/Unknown"),
      d("/stages/1/actions/0"),
      d("/stages/1/actions/1/configuration/Image"),
      d("/stages/1"),
      d("/pipeline/stages/1/actions/0/name"),
    ];
    const out = diagnosticsOnFields(diagnostics, { stage: 1, action: 0 }, ["name", "configuration/Image", "inputArtifacts", "configuration"]);
    expect(out.byField.get("configuration/Image")?.map((x) => x.path)).toEqual(["/stages/1/actions/0/configuration/Image"]);
    expect(out.byField.get("inputArtifacts")?.length).toBe(1);
    expect(out.byField.get("configuration")?.map((x) => x.path)).toEqual(["/stages/1/actions/0/configuration/Unknown"]);
    expect(out.byField.get("name")?.length).toBe(1);
    expect(out.rest.map((x) => x.path)).toEqual(["/stages/1/actions/0"]);
  });
  test("a stage takes its own paths, not its actions'", () => {
    const out = diagnosticsOnFields([d("/stages/0/name"), d("/stages/0/actions"), d("/stages/0/actions/0/name")], { stage: 0 }, ["name"]);
    expect(out.byField.get("name")?.length).toBe(1);
    expect(out.rest.map((x) => x.path)).toEqual(["/stages/0/actions"]);
  });
});
