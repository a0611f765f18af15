import type { ActionDeclaration, PipelineDocument } from "../../ipc/bindings";
import type { ActionRef } from "../artifacts";
import { layoutStages, type PlacedAction } from "../layout";
import { listNames } from "./names";

/**
 * Where an action goes inside a stage.
 *
 * - `row`: join row `row` — run in parallel with the actions already there (appended last).
 * - `between`: a new sequential step inserted before row `before`; `before === rows.length`
 *   is a new last step.
 *
 * Row indexes count the rows of the target stage **without the action being moved** (see
 * `stageRows`), so every target is a distinct outcome and the action's current place is one
 * of them. A canvas whose drop zones are drawn from the unmoved layout converts its targets
 * with `targetFromLayout`.
 */
export type DropTarget =
  | { kind: "row"; stage: number; row: number }
  | { kind: "between"; stage: number; before: number };

/**
 * The rows of a stage (actions sharing a runOrder, rows in ascending runOrder, document order
 * within a row), leaving out `moving` when it is in this stage. Empty when the stage does not
 * exist or has no actions.
 */
export function stageRows(doc: PipelineDocument, stage: number, moving?: ActionRef): PlacedAction[][] {
  const layout = layoutStages(doc)[stage];
  if (!layout) return [];
  const skip = moving && moving.stage === stage ? moving.action : -1;
  return layout.rows
    .map((row) => row.actions.filter((placed) => placed.index !== skip))
    .filter((row) => row.length > 0);
}

/**
 * Every position of `stage` for an action being moved into or within it, top to bottom:
 * between 0, row 0, between 1, row 1, …, between N. This is what Up/Down walk in keyboard
 * mode. Pass no `moving` for an action that is not in the document yet (a palette item).
 */
export function dropPositions(doc: PipelineDocument, stage: number, moving?: ActionRef): DropTarget[] {
  const rows = stageRows(doc, stage, moving);
  const positions: DropTarget[] = [];
  rows.forEach((_, row) => {
    positions.push({ kind: "between", stage, before: row }, { kind: "row", stage, row });
  });
  positions.push({ kind: "between", stage, before: rows.length });
  return positions;
}

/** The target that leaves the action `ref` where it is. Undefined for an unknown action. */
export function currentPosition(doc: PipelineDocument, ref: ActionRef): DropTarget | undefined {
  const all = stageRows(doc, ref.stage);
  const rowIndex = all.findIndex((row) => row.some((placed) => placed.index === ref.action));
  const row = all[rowIndex];
  if (!row) return undefined;
  // Alone in its row: removing it leaves a gap at rowIndex, i.e. "between" there.
  if (row.length === 1) return { kind: "between", stage: ref.stage, before: rowIndex };
  return { kind: "row", stage: ref.stage, row: rowIndex };
}

export function samePosition(a: DropTarget, b: DropTarget): boolean {
  if (a.stage !== b.stage) return false;
  if (a.kind === "row" && b.kind === "row") return a.row === b.row;
  if (a.kind === "between" && b.kind === "between") return a.before === b.before;
  return false;
}

/** True when `target` names an existing position of its stage for `moving`. */
export function isValidTarget(doc: PipelineDocument, target: DropTarget, moving?: ActionRef): boolean {
  if (!doc.pipeline.stages[target.stage]) return false;
  return dropPositions(doc, target.stage, moving).some((p) => samePosition(p, target));
}

/**
 * Converts a target counted against the layout as displayed (the moving action still in its
 * row, as a drag-and-drop canvas draws it) into a `DropTarget` counted without the moving
 * action. Targets in other stages are unchanged.
 */
export function targetFromLayout(doc: PipelineDocument, moving: ActionRef, displayed: DropTarget): DropTarget {
  if (displayed.stage !== moving.stage) return displayed;
  const rows = stageRows(doc, moving.stage);
  const m = rows.findIndex((row) => row.some((placed) => placed.index === moving.action));
  const alone = rows[m]?.length === 1;
  if (m < 0 || !alone) return displayed;
  // The moving action's row disappears: rows after it shift up by one, and the zones around
  // and on that row all mean "stay here".
  const stage = displayed.stage;
  if (displayed.kind === "row") {
    if (displayed.row < m) return displayed;
    if (displayed.row === m) return { kind: "between", stage, before: m };
    return { kind: "row", stage, row: displayed.row - 1 };
  }
  if (displayed.before <= m) return displayed;
  return { kind: "between", stage, before: displayed.before - 1 };
}

const namesOf = (row: PlacedAction[] | undefined): string => listNames((row ?? []).map((p) => p.action.name));

/**
 * A position in words, for screen-reader announcements:
 * "Build, in parallel with Compile and Lint (step 1 of 2)", "Build, new step 2 of 3, after
 * Compile", "Build, new step 1 of 3, before Compile and Lint", "Deploy, new step 1 of 1".
 * Step numbers are those the stage has once the action is there.
 */
export function describePosition(doc: PipelineDocument, target: DropTarget, moving?: ActionRef): string {
  const stageName = doc.pipeline.stages[target.stage]?.name ?? `Stage ${target.stage + 1}`;
  const rows = stageRows(doc, target.stage, moving);
  if (target.kind === "row") {
    return `${stageName}, in parallel with ${namesOf(rows[target.row])} (step ${target.row + 1} of ${rows.length})`;
  }
  const where = `${stageName}, new step ${target.before + 1} of ${rows.length + 1}`;
  if (target.before > 0) return `${where}, after ${namesOf(rows[target.before - 1])}`;
  if (rows.length > 0) return `${where}, before ${namesOf(rows[0])}`;
  return where;
}

/**
 * Writes a stage's rows back as actions: in row order, each action's runOrder set explicitly to
 * its row number (1..N). Actions whose runOrder is already right are kept as they are (same
 * object); a runOrder that was absent is added right after `actionTypeId`, where it reads
 * naturally in YAML. Every other field, unknown ones included, is kept.
 */
export function writeRows(rows: readonly (readonly ActionDeclaration[])[]): ActionDeclaration[] {
  return rows.filter((row) => row.length > 0).flatMap((row, i) => row.map((action) => withRunOrder(action, i + 1)));
}

/** Renumbers a stage's actions compactly (see `writeRows`), keeping their run order. */
export function compactActions(actions: readonly ActionDeclaration[]): ActionDeclaration[] {
  const doc: PipelineDocument = { pipeline: { name: "", stages: [{ name: "", actions: [...actions] }] } };
  return writeRows(stageRows(doc, 0).map((row) => row.map((p) => p.action)));
}

function withRunOrder(action: ActionDeclaration, runOrder: number): ActionDeclaration {
  if (action.runOrder === runOrder) return action;
  if ("runOrder" in action) return { ...action, runOrder };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(action)) {
    out[key] = value;
    if (key === "actionTypeId") out.runOrder = runOrder;
  }
  if (!("runOrder" in out)) out.runOrder = runOrder;
  return out as ActionDeclaration;
}
