import { describe, expect, test } from "vitest";
import { BUILD, DEPLOY, fixture, order, TEST } from "../model/editing/testFixture";
import { accepts, dropEdit, type DragData } from "./designerDrop";
import type { PaletteItem } from "./palette";

const doc = fixture();
const action = (stage: number, index: number): DragData => ({ kind: "action", ref: { stage, action: index } });
const item: PaletteItem = {
  id: "Build/Custom/Container",
  category: "Build",
  owner: "Custom",
  provider: "Container",
  description: "",
  local: true,
  runsLocally: true,
  template: { name: "Container", actionTypeId: { category: "Build", owner: "Custom", provider: "Container", version: "1" } },
};

function ok(result: ReturnType<typeof dropEdit>) {
  if (!result?.ok) throw new Error("expected an edit");
  return result;
}

describe("dropEdit", () => {
  test("zones are counted on the layout as drawn (the dragged action still there)", () => {
    // Package is alone in Build's second row: dropping it on the gap after that row keeps it there.
    const stay = ok(dropEdit(doc, action(BUILD, 2), { kind: "zone", target: { kind: "between", stage: BUILD, before: 2 } }));
    expect(order(stay.doc, BUILD)).toEqual(["Compile:1", "Lint:1", "Package:2"]);
    const parallel = ok(dropEdit(doc, action(BUILD, 2), { kind: "zone", target: { kind: "row", stage: BUILD, row: 0 } }));
    expect(order(parallel.doc, BUILD)).toEqual(["Compile:1", "Lint:1", "Package:1"]);
    expect(parallel.label).toBe("Move Package");
  });

  test("on a stage outside its zones: a new last step; on its own stage nothing", () => {
    expect(order(ok(dropEdit(doc, action(BUILD, 0), { kind: "stage", index: TEST })).doc, TEST)).toEqual(["UnitTests:1", "Compile:2"]);
    expect(dropEdit(doc, action(BUILD, 0), { kind: "stage", index: BUILD })).toBeNull();
  });

  test("palette items are added at the zone or as the stage's last step", () => {
    const added = ok(dropEdit(doc, { kind: "palette", item }, { kind: "zone", target: { kind: "row", stage: DEPLOY, row: 0 } }));
    expect(order(added.doc, DEPLOY)).toEqual(["Ship:1", "Container:1"]);
    expect(order(ok(dropEdit(doc, { kind: "palette", item }, { kind: "stage", index: TEST })).doc, TEST)).toEqual(["UnitTests:1", "Container:2"]);
  });

  test("stages land only on stages", () => {
    const drag: DragData = { kind: "stage", index: TEST };
    expect(accepts(drag, { kind: "zone", target: { kind: "between", stage: BUILD, before: 0 } })).toBe(false);
    expect(dropEdit(doc, drag, { kind: "stage", index: TEST })).toBeNull();
    const moved = ok(dropEdit(doc, drag, { kind: "stage", index: BUILD }));
    expect(moved.doc.pipeline.stages.map((s) => s.name)).toEqual(["Source", "Test", "Build", "Deploy"]);
  });
});
