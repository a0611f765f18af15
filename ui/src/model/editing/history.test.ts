import { describe, expect, test } from "vitest";
import type { PipelineDocument } from "../../ipc/bindings";
import {
  canRedo,
  canUndo,
  commit,
  createHistory,
  isDirty,
  redo,
  redoLabel,
  undo,
  undoLabel,
  type History,
} from "./history";
import { moveAction, renameStage } from "./operations";
import type { EditResult } from "./result";
import { BUILD, COMPILE, fixture, order, PACKAGE, TEST } from "./testFixture";

const doc = fixture();

function apply(h: History, result: EditResult): History {
  if (!result.ok) throw new Error(result.error.message);
  return commit(h, result.doc, result.label);
}

describe("history", () => {
  test("undo and redo walk across moves, with labels for the buttons", () => {
    let h = createHistory(doc);
    expect([canUndo(h), canRedo(h), undoLabel(h), redoLabel(h)]).toEqual([false, false, "Undo", "Redo"]);
    h = apply(h, moveAction(h.present, COMPILE, { kind: "between", stage: BUILD, before: 2 }));
    const afterFirst = h.present;
    h = apply(h, moveAction(h.present, { stage: BUILD, action: 1 }, { kind: "row", stage: TEST, row: 0 }));
    expect(order(h.present, BUILD)).toEqual(["Lint:1", "Compile:2"]);
    expect(undoLabel(h)).toBe("Undo Move Package");

    h = undo(h);
    expect(h.present).toBe(afterFirst);
    expect([undoLabel(h), redoLabel(h)]).toEqual(["Undo Move Compile", "Redo Move Package"]);
    h = undo(h);
    expect(h.present).toBe(doc);
    expect([canUndo(h), canRedo(h), redoLabel(h)]).toEqual([false, true, "Redo Move Compile"]);
    expect(undo(h)).toBe(h);

    h = redo(redo(h));
    expect(order(h.present, TEST)).toEqual(["UnitTests:1", "Package:1"]);
    expect([canRedo(h), redoLabel(h), undoLabel(h)]).toEqual([false, "Redo", "Undo Move Package"]);
    expect(redo(h)).toBe(h);
  });

  test("a new change after an undo drops the redo branch", () => {
    let h = apply(createHistory(doc), moveAction(doc, PACKAGE, { kind: "row", stage: BUILD, row: 0 }));
    h = undo(h);
    h = apply(h, renameStage(h.present, TEST, "Verify"));
    expect([canRedo(h), undoLabel(h), h.past.length]).toEqual([false, "Undo Rename stage Test to Verify", 1]);
  });

  test("no entry when the next document deep-equals the present", () => {
    const h = createHistory(doc);
    expect(commit(h, structuredClone(doc), "Nothing")).toBe(h);
    const withUndefined = { ...doc.pipeline, version: undefined } as unknown as PipelineDocument["pipeline"];
    expect(commit(h, { pipeline: withUndefined }, "Nothing")).toBe(h);
  });

  test("keeps at most `limit` undo steps (200 by default)", () => {
    let h = createHistory(doc);
    for (let i = 0; i < 205; i++) h = commit(h, { pipeline: { ...doc.pipeline, name: `p${i}` } }, `Step ${i}`);
    expect(h.past).toHaveLength(200);
    expect(h.past[0]?.label).toBe("Step 5");
    let small = createHistory(doc);
    for (let i = 0; i < 5; i++) small = commit(small, { pipeline: { ...doc.pipeline, name: `p${i}` } }, `Step ${i}`, 3);
    expect(small.past.map((e) => e.label)).toEqual(["Step 2", "Step 3", "Step 4"]);
  });

  test("isDirty compares the present with the saved version structurally", () => {
    let h = createHistory(doc);
    expect(isDirty(h, doc)).toBe(false);
    h = apply(h, renameStage(doc, TEST, "Verify"));
    expect(isDirty(h, doc)).toBe(true);
    expect(isDirty(h, structuredClone(h.present))).toBe(false);
    // Undoing back to the saved version is clean again.
    expect(isDirty(undo(h), structuredClone(doc))).toBe(false);
  });
});
