import { describe, expect, test } from "vitest";
import type { ActionDeclaration, PipelineDocument } from "../../ipc/bindings";
import {
  addAction,
  deleteAction,
  duplicateAction,
  moveAction,
  moveActionToStage,
  renameAction,
  runInParallelWith,
  updateAction,
  type ActionPatch,
} from "./operations";
import { unwrap, type EditResult } from "./result";
import {
  actionAt,
  BUILD,
  COMPILE,
  DEPLOY,
  fixture,
  LINT,
  order,
  PACKAGE,
  SHIP,
  SOURCE,
  TEST,
  UNIT_TESTS,
} from "./testFixture";

const doc = fixture();
const pristine = structuredClone(doc);

function selected(result: EditResult): ActionDeclaration {
  if (!result.ok || result.selection?.kind !== "action") throw new Error("no action selected");
  return actionAt(result.doc, result.selection.ref.stage, result.selection.ref.action);
}

function errorCode(result: EditResult): string {
  return result.ok ? "ok" : result.error.code;
}

describe("moveAction within a stage", () => {
  test("joining a row runs the action in parallel; rows are renumbered compactly", () => {
    const out = unwrap(moveAction(doc, PACKAGE, { kind: "row", stage: BUILD, row: 0 }));
    expect(order(out, BUILD)).toEqual(["Compile:1", "Lint:1", "Package:1"]);
  });

  test("a new first step pushes the other rows down", () => {
    const out = unwrap(moveAction(doc, LINT, { kind: "between", stage: BUILD, before: 0 }));
    expect(order(out, BUILD)).toEqual(["Lint:1", "Compile:2", "Package:3"]);
  });

  test("a new last step; actions are listed in run order", () => {
    const out = unwrap(moveAction(doc, COMPILE, { kind: "between", stage: BUILD, before: 2 }));
    expect(order(out, BUILD)).toEqual(["Lint:1", "Package:2", "Compile:3"]);
  });

  test("a new step between rows", () => {
    const out = unwrap(moveAction(doc, COMPILE, { kind: "between", stage: BUILD, before: 1 }));
    expect(order(out, BUILD)).toEqual(["Lint:1", "Compile:2", "Package:3"]);
  });

  test("moving to its own position changes nothing but compaction", () => {
    const out = unwrap(moveAction(doc, PACKAGE, { kind: "between", stage: BUILD, before: 1 }));
    expect(order(out, BUILD)).toEqual(["Compile:1", "Lint:1", "Package:2"]);
    // On its own row it keeps its place in the row; on another row it goes last.
    expect(order(unwrap(moveAction(doc, COMPILE, { kind: "row", stage: BUILD, row: 0 })), BUILD)).toEqual(["Compile:1", "Lint:1", "Package:2"]);
    expect(order(unwrap(moveAction(doc, LINT, { kind: "row", stage: BUILD, row: 0 })), BUILD)).toEqual(["Compile:1", "Lint:1", "Package:2"]);
  });

  test("every other field is kept, unknown ones included; a missing runOrder is written explicitly", () => {
    const out = unwrap(moveAction(doc, PACKAGE, { kind: "between", stage: BUILD, before: 0 }));
    expect(actionAt(out, BUILD, 0)).toEqual({ ...actionAt(doc, BUILD, 2), runOrder: 1 });
    expect(actionAt(out, BUILD, 1)).toEqual({ ...actionAt(doc, BUILD, 0), runOrder: 2 });
    expect(actionAt(out, BUILD, 1)).toHaveProperty("x-team", { owner: "core" });
    const lint = actionAt(out, BUILD, 2);
    expect(lint).toEqual({ ...actionAt(doc, BUILD, 1), runOrder: 2 });
    expect(Object.keys(lint).slice(0, 3)).toEqual(["name", "actionTypeId", "runOrder"]);
  });

  test("the input is never mutated and untouched stages are shared", () => {
    // The fixture is deep-frozen: a mutation would throw.
    const out = unwrap(moveAction(doc, COMPILE, { kind: "row", stage: BUILD, row: 1 }));
    expect(doc).toEqual(pristine);
    expect(out.pipeline.stages[SOURCE]).toBe(doc.pipeline.stages[SOURCE]);
    expect(out.pipeline.stages[TEST]).toBe(doc.pipeline.stages[TEST]);
    expect(out.pipeline.stages[BUILD]?.onFailure).toEqual({ result: "RETRY" });
  });

  test("selects the moved action where it landed", () => {
    const result = moveAction(doc, COMPILE, { kind: "row", stage: BUILD, row: 1 });
    expect(selected(result).name).toBe("Compile");
    expect(result.ok && result.label).toBe("Move Compile");
  });
});

describe("moveAction between stages", () => {
  test("into another stage's row; both stages renumbered", () => {
    const out = unwrap(moveAction(doc, COMPILE, { kind: "row", stage: TEST, row: 0 }));
    expect(order(out, TEST)).toEqual(["UnitTests:1", "Compile:1"]);
    expect(order(out, BUILD)).toEqual(["Lint:1", "Package:2"]);
    expect(actionAt(out, TEST, 1)).toEqual(actionAt(doc, BUILD, 0));
  });

  test("a stage left empty is kept", () => {
    const out = unwrap(moveAction(doc, SHIP, { kind: "between", stage: TEST, before: 1 }));
    expect(out.pipeline.stages).toHaveLength(4);
    expect(out.pipeline.stages[DEPLOY]).toEqual({ name: "Deploy", actions: [] });
    expect(order(out, TEST)).toEqual(["UnitTests:1", "Ship:2"]);
  });

  test("a name already used in the target stage gets a number", () => {
    const clash = unwrap(renameAction(doc, UNIT_TESTS, "Compile"));
    const result = moveAction(clash, COMPILE, { kind: "between", stage: TEST, before: 0 });
    expect(order(unwrap(result), TEST)).toEqual(["Compile2:1", "Compile:2"]);
    expect(selected(result).name).toBe("Compile2");
  });

  test("compacts runOrder gaps in touched stages only", () => {
    const gappy: PipelineDocument = structuredClone(doc);
    const build = gappy.pipeline.stages[BUILD];
    const test_ = gappy.pipeline.stages[TEST];
    if (!build || !test_) throw new Error("fixture");
    build.actions = build.actions.map((a, i) => ({ ...a, runOrder: [10, 10, 30][i] ?? 1 }));
    test_.actions = test_.actions.map((a) => ({ ...a, runOrder: 5 }));
    const out = unwrap(moveAction(gappy, SHIP, { kind: "row", stage: BUILD, row: 1 }));
    expect(order(out, BUILD)).toEqual(["Compile:1", "Lint:1", "Package:2", "Ship:2"]);
    expect(order(out, TEST)).toEqual(["UnitTests:5"]);
  });

  test("impossible requests fail with a code, never throw", () => {
    expect(errorCode(moveAction(doc, { stage: BUILD, action: 9 }, { kind: "row", stage: BUILD, row: 0 }))).toBe("no-such-action");
    expect(errorCode(moveAction(doc, { stage: 9, action: 0 }, { kind: "row", stage: BUILD, row: 0 }))).toBe("no-such-stage");
    expect(errorCode(moveAction(doc, COMPILE, { kind: "row", stage: 9, row: 0 }))).toBe("no-such-stage");
    expect(errorCode(moveAction(doc, PACKAGE, { kind: "row", stage: BUILD, row: 1 }))).toBe("bad-target");
    expect(errorCode(moveAction(doc, COMPILE, { kind: "between", stage: TEST, before: 2 }))).toBe("bad-target");
    expect(() => unwrap(moveAction(doc, COMPILE, { kind: "between", stage: TEST, before: -1 }))).toThrow(/no such position/);
  });
});

describe("context-menu moves", () => {
  test("Move right / Move left: a new last step of that stage", () => {
    const right = unwrap(moveActionToStage(doc, COMPILE, TEST));
    expect(order(right, TEST)).toEqual(["UnitTests:1", "Compile:2"]);
    const left = unwrap(moveActionToStage(doc, COMPILE, SOURCE));
    expect(order(left, SOURCE)).toEqual(["Checkout:1", "Compile:2"]);
    expect(order(left, BUILD)).toEqual(["Lint:1", "Package:2"]);
  });

  test("to its own stage: its last step", () => {
    expect(order(unwrap(moveActionToStage(doc, LINT, BUILD)), BUILD)).toEqual(["Compile:1", "Package:2", "Lint:3"]);
    expect(errorCode(moveActionToStage(doc, LINT, 7))).toBe("no-such-stage");
  });

  test("Run in parallel with… joins the target's row, in the same or another stage", () => {
    expect(order(unwrap(runInParallelWith(doc, PACKAGE, LINT)), BUILD)).toEqual(["Compile:1", "Lint:1", "Package:1"]);
    const across = unwrap(runInParallelWith(doc, UNIT_TESTS, PACKAGE));
    expect(order(across, BUILD)).toEqual(["Compile:1", "Lint:1", "Package:2", "UnitTests:2"]);
    expect(order(across, TEST)).toEqual([]);
  });

  test("Run in parallel with… leaving a row behind", () => {
    const out = unwrap(runInParallelWith(doc, COMPILE, PACKAGE));
    expect(order(out, BUILD)).toEqual(["Lint:1", "Package:2", "Compile:2"]);
  });

  test("Run in parallel with itself or a missing action fails", () => {
    expect(errorCode(runInParallelWith(doc, COMPILE, COMPILE))).toBe("bad-target");
    expect(errorCode(runInParallelWith(doc, COMPILE, { stage: TEST, action: 3 }))).toBe("no-such-action");
  });
});

describe("addAction", () => {
  const template: ActionDeclaration = {
    name: "Compile",
    actionTypeId: { category: "Build", owner: "Custom", provider: "Container", version: "1" },
    runOrder: 7,
    configuration: { Image: "alpine:3" },
    outputArtifacts: [{ name: "BuildOutput" }],
    namespace: "SourceVariables",
  };

  test("as a new last step by default, with unique names and artifacts; the template is untouched", () => {
    const frozen = structuredClone(template);
    const result = addAction(doc, BUILD, template);
    const out = unwrap(result);
    expect(order(out, BUILD)).toEqual(["Compile:1", "Lint:1", "Package:2", "Compile2:3"]);
    expect(selected(result)).toMatchObject({
      name: "Compile2",
      outputArtifacts: [{ name: "BuildOutput2" }],
      namespace: "SourceVariables2",
    });
    expect(result.ok && result.label).toBe("Add Compile2");
    expect(template).toEqual(frozen);
  });

  test("at a given position", () => {
    const out = unwrap(addAction(doc, DEPLOY, { ...template, name: "Smoke" }, { kind: "row", stage: DEPLOY, row: 0 }));
    expect(order(out, DEPLOY)).toEqual(["Ship:1", "Smoke:1"]);
    const first = unwrap(addAction(doc, BUILD, { ...template, name: "Fetch" }, { kind: "between", stage: BUILD, before: 0 }));
    expect(order(first, BUILD)).toEqual(["Fetch:1", "Compile:2", "Lint:2", "Package:3"]);
  });

  test("into an empty stage", () => {
    const empty = unwrap(moveAction(doc, SHIP, { kind: "between", stage: TEST, before: 1 }));
    expect(order(unwrap(addAction(empty, DEPLOY, template)), DEPLOY)).toEqual(["Compile:1"]);
  });

  test("a target in another stage or out of range fails", () => {
    expect(errorCode(addAction(doc, BUILD, template, { kind: "row", stage: TEST, row: 0 }))).toBe("bad-target");
    expect(errorCode(addAction(doc, BUILD, template, { kind: "row", stage: BUILD, row: 2 }))).toBe("bad-target");
    expect(errorCode(addAction(doc, 8, template))).toBe("no-such-stage");
  });
});

describe("duplicateAction", () => {
  test("the copy is a new step right after the original's row, every field copied", () => {
    const result = duplicateAction(doc, COMPILE);
    const out = unwrap(result);
    expect(order(out, BUILD)).toEqual(["Compile:1", "Lint:1", "Compile2:2", "Package:3"]);
    expect(selected(result)).toEqual({
      ...actionAt(doc, BUILD, 0),
      name: "Compile2",
      runOrder: 2,
      outputArtifacts: [{ name: "BuildOutput2", files: ["target/**"] }],
    });
    expect(result.ok && result.label).toBe("Duplicate Compile");
  });

  test("output artifacts and namespace stay unique in the pipeline; inputs keep pointing upstream", () => {
    const twice = unwrap(duplicateAction(unwrap(duplicateAction(doc, PACKAGE)), PACKAGE));
    expect(order(twice, BUILD)).toEqual(["Compile:1", "Lint:1", "Package:2", "Package3:3", "Package2:4"]);
    const outs = twice.pipeline.stages[BUILD]?.actions.map((a) => [a.outputArtifacts?.[0]?.name, a.namespace, a.inputArtifacts?.[0]?.name]);
    expect(outs?.slice(2)).toEqual([
      ["PackageOutput", "BuildVariables", "BuildOutput"],
      ["PackageOutput3", "BuildVariables3", "BuildOutput"],
      ["PackageOutput2", "BuildVariables2", "BuildOutput"],
    ]);
  });

  test("a missing action fails", () => {
    expect(errorCode(duplicateAction(doc, { stage: TEST, action: 4 }))).toBe("no-such-action");
  });
});

describe("deleteAction", () => {
  test("removes and renumbers", () => {
    expect(order(unwrap(deleteAction(doc, COMPILE)), BUILD)).toEqual(["Lint:1", "Package:2"]);
    expect(order(unwrap(deleteAction(doc, PACKAGE)), BUILD)).toEqual(["Compile:1", "Lint:1"]);
  });

  test("keeps a stage that becomes empty, and selects it", () => {
    const result = deleteAction(doc, SHIP);
    expect(unwrap(result).pipeline.stages[DEPLOY]?.actions).toEqual([]);
    expect(result.ok && result.selection).toEqual({ kind: "stage", stage: DEPLOY });
  });
});

describe("renameAction", () => {
  test("renames, trimming blanks", () => {
    const result = renameAction(doc, LINT, "  Clippy ");
    expect(actionAt(unwrap(result), BUILD, 1).name).toBe("Clippy");
    expect(result.ok && result.label).toBe("Rename Lint to Clippy");
  });

  test("refuses an empty name or one used in the stage; the same name in another stage is fine", () => {
    expect(errorCode(renameAction(doc, LINT, " "))).toBe("bad-name");
    expect(errorCode(renameAction(doc, LINT, "Compile"))).toBe("duplicate-name");
    expect(errorCode(renameAction(doc, UNIT_TESTS, "Compile"))).toBe("ok");
  });

  test("the same name returns the same document", () => {
    expect(unwrap(renameAction(doc, LINT, "Lint"))).toBe(doc);
  });
});

describe("updateAction", () => {
  test("sets and removes fields, keeping unknown ones and the layout", () => {
    const patch: ActionPatch = {
      configuration: { Image: "rust:2", Network: "host" },
      commands: ["cargo build --release"],
      environmentVariables: [{ name: "RUST_LOG", value: "debug" }],
      namespace: "CompileVariables",
      outputArtifacts: undefined,
    };
    const result = updateAction(doc, COMPILE, patch);
    const out = unwrap(result);
    const compile = actionAt(out, BUILD, 0);
    const before: Partial<ActionDeclaration> = { ...actionAt(doc, BUILD, 0) };
    delete before.outputArtifacts;
    expect(compile).toEqual({
      ...before,
      configuration: { Image: "rust:2", Network: "host" },
      commands: ["cargo build --release"],
      environmentVariables: [{ name: "RUST_LOG", value: "debug" }],
      namespace: "CompileVariables",
    });
    expect(compile).not.toHaveProperty("outputArtifacts");
    expect(order(out, BUILD)).toEqual(["Compile:1", "Lint:-", "Package:2"]);
    expect(result.ok && result.label).toBe("Edit Compile");
  });

  test("refuses name and runOrder, which have their own operations", () => {
    expect(errorCode(updateAction(doc, COMPILE, { name: "X" } as ActionPatch))).toBe("unsupported-field");
    expect(errorCode(updateAction(doc, COMPILE, { runOrder: 3 } as ActionPatch))).toBe("unsupported-field");
    expect(errorCode(updateAction(doc, { stage: 0, action: 5 }, {}))).toBe("no-such-action");
  });
});
