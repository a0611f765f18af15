import { describe, expect, test } from "vitest";
import type { ActionDeclaration, PipelineDocument } from "../ipc/bindings";
import { layoutStages, maxParallel } from "./layout";

const action = (name: string, runOrder?: number): ActionDeclaration => ({
  name,
  actionTypeId: { category: "Build", owner: "Custom", provider: "Container", version: "1" },
  ...(runOrder === undefined ? {} : { runOrder }),
});

const doc = (actions: ActionDeclaration[][]): PipelineDocument => ({
  pipeline: { name: "p", stages: actions.map((a, i) => ({ name: `S${i}`, actions: a })) },
});

describe("layoutStages", () => {
  test("groups actions by runOrder, rows in ascending order, document order within a row", () => {
    const [stage] = layoutStages(doc([[action("c", 2), action("a", 1), action("d", 3), action("b", 1), action("e", 2)]]));
    expect(stage?.rows.map((r) => [r.runOrder, r.actions.map((a) => a.action.name)])).toEqual([
      [1, ["a", "b"]],
      [2, ["c", "e"]],
      [3, ["d"]],
    ]);
  });

  test("keeps each action's index in the stage, for diagnostics' paths", () => {
    const [stage] = layoutStages(doc([[action("late", 2), action("early", 1)]]));
    expect(stage?.rows[0]?.actions[0]).toMatchObject({ index: 1 });
    expect(stage?.rows[1]?.actions[0]).toMatchObject({ index: 0 });
  });

  test("a missing runOrder is 1, as in CodePipeline", () => {
    const [stage] = layoutStages(doc([[action("x"), action("y", 1)]]));
    expect(stage?.rows).toHaveLength(1);
    expect(stage?.rows[0]?.actions.map((a) => a.action.name)).toEqual(["x", "y"]);
  });

  test("stages keep their order, names and indexes; an empty stage has no rows", () => {
    const stages = layoutStages(doc([[action("a")], [], [action("b"), action("c")]]));
    expect(stages.map((s) => [s.name, s.index, s.actionCount, s.rows.length])).toEqual([
      ["S0", 0, 1, 1],
      ["S1", 1, 0, 0],
      ["S2", 2, 2, 1],
    ]);
    expect(stages.map(maxParallel)).toEqual([1, 0, 2]);
  });
});
