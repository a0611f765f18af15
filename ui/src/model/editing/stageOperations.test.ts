import { describe, expect, test } from "vitest";
import type { PipelineDocument } from "../../ipc/bindings";
import {
  addStage,
  deleteStage,
  duplicateStage,
  moveStage,
  renameStage,
  updateStage,
  type StagePatch,
} from "./operations";
import { unwrap, type EditResult } from "./result";
import { BUILD, DEPLOY, deepFreeze, fixture, order, SOURCE, TEST } from "./testFixture";

const doc = fixture();
const pristine = structuredClone(doc);
const stageNames = (d: PipelineDocument) => d.pipeline.stages.map((s) => s.name);
const errorCode = (r: EditResult) => (r.ok ? "ok" : r.error.code);

test("the fixture is deep-frozen, so a mutating operation would throw", () => {
  expect(() => {
    (doc.pipeline.stages as unknown[]).push({});
  }).toThrow();
});

describe("moveStage", () => {
  test("the stage at `from` ends up at `to`", () => {
    expect(stageNames(unwrap(moveStage(doc, DEPLOY, SOURCE)))).toEqual(["Deploy", "Source", "Build", "Test"]);
    expect(stageNames(unwrap(moveStage(doc, SOURCE, TEST)))).toEqual(["Build", "Test", "Source", "Deploy"]);
    const result = moveStage(doc, TEST, BUILD);
    expect(result.ok && [result.label, result.selection]).toEqual(["Move stage Test", { kind: "stage", stage: BUILD }]);
    expect(doc).toEqual(pristine);
  });

  test("stages keep their actions and fields", () => {
    const out = unwrap(moveStage(doc, BUILD, DEPLOY));
    expect(out.pipeline.stages[DEPLOY]).toBe(doc.pipeline.stages[BUILD]);
  });

  test("out of range fails; in place returns the same document", () => {
    expect(errorCode(moveStage(doc, 4, 0))).toBe("no-such-stage");
    expect(errorCode(moveStage(doc, 0, 4))).toBe("bad-index");
    expect(errorCode(moveStage(doc, 0, -1))).toBe("bad-index");
    expect(unwrap(moveStage(doc, 2, 2))).toBe(doc);
  });
});

describe("addStage", () => {
  test("an empty stage with a unique default name", () => {
    const once = unwrap(addStage(doc, 4));
    const twice = unwrap(addStage(once, 0));
    expect(stageNames(twice)).toEqual(["Stage2", "Source", "Build", "Test", "Deploy", "Stage"]);
    expect(twice.pipeline.stages[0]).toEqual({ name: "Stage2", actions: [] });
  });

  test("a given name is trimmed and made unique", () => {
    const result = addStage(doc, 2, " Build ");
    expect(stageNames(unwrap(result))).toEqual(["Source", "Build", "Build2", "Test", "Deploy"]);
    expect(result.ok && [result.label, result.selection]).toEqual(["Add stage Build2", { kind: "stage", stage: 2 }]);
    expect(stageNames(unwrap(addStage(doc, 1, "Approve")))[1]).toBe("Approve");
  });

  test("out of range fails", () => {
    expect(errorCode(addStage(doc, 5))).toBe("bad-index");
    expect(errorCode(addStage(doc, -1))).toBe("bad-index");
  });
});

describe("renameStage", () => {
  test("renames", () => {
    const result = renameStage(doc, TEST, "Verify");
    expect(stageNames(unwrap(result))).toEqual(["Source", "Build", "Verify", "Deploy"]);
    expect(result.ok && result.label).toBe("Rename stage Test to Verify");
  });

  test("refuses empty and taken names", () => {
    expect(errorCode(renameStage(doc, TEST, "  "))).toBe("bad-name");
    expect(errorCode(renameStage(doc, TEST, "Build"))).toBe("duplicate-name");
    expect(errorCode(renameStage(doc, 9, "X"))).toBe("no-such-stage");
    expect(unwrap(renameStage(doc, TEST, "Test"))).toBe(doc);
  });
});

describe("deleteStage", () => {
  test("removes the stage and selects its neighbour", () => {
    const result = deleteStage(doc, DEPLOY);
    expect(stageNames(unwrap(result))).toEqual(["Source", "Build", "Test"]);
    expect(result.ok && result.selection).toEqual({ kind: "stage", stage: TEST });
    expect(errorCode(deleteStage(doc, 4))).toBe("no-such-stage");
  });

  test("the last stage too, selecting nothing", () => {
    const single = deepFreeze({ pipeline: { name: "p", stages: [{ name: "Only", actions: [] }] } });
    const result = deleteStage(single, 0);
    expect(result.ok && [result.doc.pipeline.stages, result.selection]).toEqual([[], undefined]);
  });
});

describe("duplicateStage", () => {
  test("a copy right after, with a unique name and unique artifacts and namespaces, wired to itself", () => {
    const result = duplicateStage(doc, BUILD);
    const out = unwrap(result);
    expect(stageNames(out)).toEqual(["Source", "Build", "Build2", "Test", "Deploy"]);
    expect(order(out, 2)).toEqual(["Compile:1", "Lint:1", "Package:2"]);
    const copy = out.pipeline.stages[2];
    expect(copy?.onFailure).toEqual({ result: "RETRY" });
    expect(copy?.actions.map((a) => [a.inputArtifacts?.[0]?.name, a.outputArtifacts?.[0]?.name, a.namespace])).toEqual([
      ["SourceOutput", "BuildOutput2", undefined],
      ["SourceOutput", undefined, undefined],
      ["BuildOutput2", "PackageOutput2", "BuildVariables2"],
    ]);
    expect(copy?.actions[0]).toHaveProperty("x-team", { owner: "core" });
    // Downstream stages still consume the originals.
    expect(out.pipeline.stages[3]).toBe(doc.pipeline.stages[TEST]);
    expect(result.ok && [result.label, result.selection]).toEqual(["Duplicate stage Build", { kind: "stage", stage: 2 }]);
  });

  test("variable references between the copied actions follow the renamed namespace", () => {
    const d = deepFreeze<PipelineDocument>({
      pipeline: {
        name: "p",
        stages: [
          {
            name: "Release",
            actions: [
              {
                name: "Tag",
                actionTypeId: { category: "Build", owner: "Custom", provider: "Container", version: "1" },
                runOrder: 1,
                outputArtifacts: [{ name: "Out" }],
                namespace: "NS",
              },
              {
                name: "Push",
                actionTypeId: { category: "Build", owner: "Custom", provider: "Container", version: "1" },
                runOrder: 2,
                configuration: { Image: "img:#{NS.Version}", Other: "#{SourceVariables.CommitId}" },
                commands: ["echo #{NS.Version}"],
                environmentVariables: [{ name: "V", value: "#{NS.Version}" }],
                inputArtifacts: [{ name: "Out" }],
              },
            ],
          },
        ],
      },
    });
    const push = unwrap(duplicateStage(d, 0)).pipeline.stages[1]?.actions[1];
    expect(push).toMatchObject({
      configuration: { Image: "img:#{NS2.Version}", Other: "#{SourceVariables.CommitId}" },
      commands: ["echo #{NS2.Version}"],
      environmentVariables: [{ name: "V", value: "#{NS2.Version}" }],
      inputArtifacts: [{ name: "Out2" }],
    });
  });

  test("a missing stage fails", () => {
    expect(errorCode(duplicateStage(doc, 7))).toBe("no-such-stage");
  });
});

describe("updateStage", () => {
  test("sets and removes fields, leaving actions alone", () => {
    const patch: StagePatch = { onFailure: undefined, blockers: [{ name: "Freeze", type: "Schedule" }] };
    const out = unwrap(updateStage(doc, BUILD, patch));
    expect(out.pipeline.stages[BUILD]).toEqual({
      name: "Build",
      blockers: [{ name: "Freeze", type: "Schedule" }],
      actions: doc.pipeline.stages[BUILD]?.actions,
    });
  });

  test("refuses name and actions", () => {
    expect(errorCode(updateStage(doc, BUILD, { name: "X" } as StagePatch))).toBe("unsupported-field");
    expect(errorCode(updateStage(doc, BUILD, { actions: [] } as StagePatch))).toBe("unsupported-field");
    expect(errorCode(updateStage(doc, 9, {}))).toBe("no-such-stage");
  });
});
