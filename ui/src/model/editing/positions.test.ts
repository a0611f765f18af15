import { describe, expect, test } from "vitest";
import type { PipelineDocument } from "../../ipc/bindings";
import {
  compactActions,
  currentPosition,
  describePosition,
  dropPositions,
  isValidTarget,
  stageRows,
  targetFromLayout,
  type DropTarget,
} from "./positions";
import { actionAt, BUILD, COMPILE, DEPLOY, fixture, LINT, PACKAGE, SHIP, SOURCE, TEST } from "./testFixture";

const doc = fixture();
const rowNames = (d: PipelineDocument, stage: number, moving?: { stage: number; action: number }) =>
  stageRows(d, stage, moving).map((row) => row.map((p) => p.action.name));
const between = (stage: number, before: number): DropTarget => ({ kind: "between", stage, before });
const row = (stage: number, r: number): DropTarget => ({ kind: "row", stage, row: r });

describe("stageRows", () => {
  test("groups by runOrder (absent = 1), rows ascending, with indexes in the stage", () => {
    expect(rowNames(doc, BUILD)).toEqual([["Compile", "Lint"], ["Package"]]);
    expect(stageRows(doc, BUILD)[1]?.[0]?.index).toBe(2);
  });

  test("leaves out the moving action, dropping a row it leaves empty", () => {
    expect(rowNames(doc, BUILD, COMPILE)).toEqual([["Lint"], ["Package"]]);
    expect(rowNames(doc, BUILD, PACKAGE)).toEqual([["Compile", "Lint"]]);
    expect(rowNames(doc, BUILD, SHIP)).toEqual([["Compile", "Lint"], ["Package"]]);
  });

  test("an unknown stage has no rows", () => {
    expect(stageRows(doc, 9)).toEqual([]);
  });
});

describe("dropPositions", () => {
  test("lists between 0, row 0, between 1, …, between N from top to bottom", () => {
    expect(dropPositions(doc, BUILD)).toEqual([between(1, 0), row(1, 0), between(1, 1), row(1, 1), between(1, 2)]);
  });

  test("counts rows without the moving action", () => {
    expect(dropPositions(doc, BUILD, PACKAGE)).toEqual([between(1, 0), row(1, 0), between(1, 1)]);
    expect(dropPositions(doc, DEPLOY, SHIP)).toEqual([between(3, 0)]);
  });

  test("the current position is always among them", () => {
    for (const ref of [COMPILE, LINT, PACKAGE, SHIP]) {
      const here = currentPosition(doc, ref);
      expect(here && isValidTarget(doc, here, ref)).toBe(true);
    }
  });
});

test("currentPosition: a row when shared, a gap when alone", () => {
  expect(currentPosition(doc, COMPILE)).toEqual(row(BUILD, 0));
  expect(currentPosition(doc, LINT)).toEqual(row(BUILD, 0));
  expect(currentPosition(doc, PACKAGE)).toEqual(between(BUILD, 1));
  expect(currentPosition(doc, { stage: SOURCE, action: 0 })).toEqual(between(SOURCE, 0));
  expect(currentPosition(doc, { stage: BUILD, action: 7 })).toBeUndefined();
});

test("isValidTarget rejects rows and gaps that do not exist", () => {
  expect(isValidTarget(doc, row(BUILD, 1), PACKAGE)).toBe(false);
  expect(isValidTarget(doc, between(BUILD, 2), PACKAGE)).toBe(false);
  expect(isValidTarget(doc, between(BUILD, 2))).toBe(true);
  expect(isValidTarget(doc, between(9, 0))).toBe(false);
});

describe("targetFromLayout", () => {
  test("maps zones around an action alone in its row to the rows without it", () => {
    // Package is alone in row 1 of the displayed layout.
    expect(targetFromLayout(doc, PACKAGE, row(BUILD, 0))).toEqual(row(BUILD, 0));
    expect(targetFromLayout(doc, PACKAGE, row(BUILD, 1))).toEqual(between(BUILD, 1));
    expect(targetFromLayout(doc, PACKAGE, between(BUILD, 1))).toEqual(between(BUILD, 1));
    expect(targetFromLayout(doc, PACKAGE, between(BUILD, 2))).toEqual(between(BUILD, 1));
    expect(targetFromLayout(doc, PACKAGE, between(BUILD, 0))).toEqual(between(BUILD, 0));
  });

  test("shifts rows after a vanishing row", () => {
    const d = fixture();
    // Moving A1 out of a three-row stage where it is alone in row 0.
    const three: PipelineDocument = {
      pipeline: {
        ...d.pipeline,
        stages: [
          {
            name: "S",
            actions: [1, 2, 3].map((runOrder) => ({ ...actionAt(d, BUILD, 1), name: `A${runOrder}`, runOrder })),
          },
        ],
      },
    };
    const a = { stage: 0, action: 0 };
    expect(targetFromLayout(three, a, row(0, 2))).toEqual(row(0, 1));
    expect(targetFromLayout(three, a, between(0, 3))).toEqual(between(0, 2));
  });

  test("leaves targets unchanged when the row stays or the stage differs", () => {
    expect(targetFromLayout(doc, COMPILE, row(BUILD, 1))).toEqual(row(BUILD, 1));
    expect(targetFromLayout(doc, PACKAGE, row(TEST, 0))).toEqual(row(TEST, 0));
  });
});

describe("describePosition", () => {
  test("joining a row", () => {
    expect(describePosition(doc, row(BUILD, 0))).toBe("Build, in parallel with Compile and Lint (step 1 of 2)");
    expect(describePosition(doc, row(BUILD, 1), COMPILE)).toBe("Build, in parallel with Package (step 2 of 2)");
  });

  test("a new step: after the previous row, or before the first", () => {
    expect(describePosition(doc, between(BUILD, 1))).toBe("Build, new step 2 of 3, after Compile and Lint");
    expect(describePosition(doc, between(BUILD, 1), LINT)).toBe("Build, new step 2 of 3, after Compile");
    expect(describePosition(doc, between(BUILD, 0), PACKAGE)).toBe("Build, new step 1 of 2, before Compile and Lint");
    expect(describePosition(doc, between(DEPLOY, 0), SHIP)).toBe("Deploy, new step 1 of 1");
  });
});

test("compactActions renumbers rows 1..N in run order and writes runOrder explicitly", () => {
  const lint = actionAt(doc, BUILD, 1);
  const out = compactActions([
    { ...lint, name: "c", runOrder: 7 },
    { ...lint, name: "a" },
    { ...lint, name: "b", runOrder: 4 },
  ]);
  expect(out.map((a) => [a.name, a.runOrder])).toEqual([
    ["a", 1],
    ["b", 2],
    ["c", 3],
  ]);
  // An added runOrder sits right after actionTypeId.
  expect(Object.keys(out[0] ?? {}).slice(0, 3)).toEqual(["name", "actionTypeId", "runOrder"]);
});
