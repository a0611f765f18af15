import type { ActionDeclaration, PipelineDocument, StageDeclaration } from "../../ipc/bindings";
import type { ActionRef } from "../artifacts";
import { freshCopies } from "./copies";
import { uniqueName } from "./names";
import { currentPosition, isValidTarget, samePosition, stageRows, writeRows, type DropTarget } from "./positions";
import { applyPatch } from "./patch";
import { fail, ok, type EditResult } from "./result";

/*
 * Action edits. Every function is pure: it returns a new document (untouched stages and
 * actions shared with the input) or a failure, never throws and never mutates its input.
 * After every edit, each touched stage is renumbered compactly: its rows get runOrder 1..N in
 * their order, written explicitly on every action, and `actions` lists them row by row so the
 * document reads in run order. A stage left empty by a move or delete is kept: the user
 * deletes stages explicitly. Field edits (`renameAction`, `updateAction`) change only that
 * action and leave the stage's runOrders and order as they are.
 */

/**
 * Fields `updateAction` edits (`undefined` removes one); the name and runOrder have their own
 * operations.
 */
export type ActionPatch = {
  [K in Exclude<keyof ActionDeclaration, "name" | "runOrder">]?: ActionDeclaration[K] | undefined;
};

type Rows = ActionDeclaration[][];

type Found = { stage: StageDeclaration; action: ActionDeclaration };

function findAction(doc: PipelineDocument, ref: ActionRef): EditResult | Found {
  const stage = doc.pipeline.stages[ref.stage];
  if (!stage) return fail("no-such-stage", `There is no stage ${ref.stage + 1}.`);
  const action = stage.actions[ref.action];
  if (!action) return fail("no-such-action", `Stage ${stage.name} has no action ${ref.action + 1}.`);
  return { stage, action };
}

const isFailure = (x: EditResult | object): x is EditResult => "ok" in x;

function rowsOf(doc: PipelineDocument, stage: number, moving?: ActionRef): Rows {
  return stageRows(doc, stage, moving).map((row) => row.map((p) => p.action));
}

/**
 * Puts `action` into `rows` at `target` (in place), last in a row unless `slot` says where;
 * returns its index in the written stage.
 */
function place(rows: Rows, action: ActionDeclaration, target: DropTarget, slot?: number): number {
  const before = (n: number) => rows.slice(0, n).reduce((sum, row) => sum + row.length, 0);
  if (target.kind === "row") {
    const row = rows[target.row] ?? [];
    const at = Math.min(slot ?? row.length, row.length);
    row.splice(at, 0, action);
    return before(target.row) + at;
  }
  rows.splice(target.before, 0, [action]);
  return before(target.before);
}

function withStages(doc: PipelineDocument, changes: ReadonlyMap<number, StageDeclaration>): PipelineDocument {
  const stages = doc.pipeline.stages.map((stage, i) => changes.get(i) ?? stage);
  return { ...doc, pipeline: { ...doc.pipeline, stages } };
}

const positionError = (doc: PipelineDocument, target: DropTarget): EditResult =>
  doc.pipeline.stages[target.stage]
    ? fail("bad-target", `Stage ${doc.pipeline.stages[target.stage]?.name ?? ""} has no such position.`)
    : fail("no-such-stage", `There is no stage ${target.stage + 1}.`);

/**
 * Moves an action to `to`, within its stage or into another one (see `DropTarget`). An action
 * joining a row goes last in it, except on its own row, where it keeps its place. Moving into
 * another stage that already has an action of that name renames it ("Build" → "Build2").
 */
export function moveAction(doc: PipelineDocument, from: ActionRef, to: DropTarget): EditResult {
  const found = findAction(doc, from);
  if (isFailure(found)) return found;
  if (!isValidTarget(doc, to, from)) return positionError(doc, to);
  const target = doc.pipeline.stages[to.stage];
  if (!target) return positionError(doc, to);
  let moved = found.action;
  if (to.stage !== from.stage) {
    const name = uniqueName(moved.name, target.actions.map((a) => a.name));
    if (name !== moved.name) moved = { ...moved, name };
  }
  const rows = rowsOf(doc, to.stage, from);
  // Dropped on its own row: it keeps its place in the row rather than going last.
  const home = currentPosition(doc, from);
  const slot = home && samePosition(home, to) ? ownSlot(doc, from) : undefined;
  const index = place(rows, moved, to, slot);
  const changes = new Map<number, StageDeclaration>([[to.stage, { ...target, actions: writeRows(rows) }]]);
  if (to.stage !== from.stage) {
    changes.set(from.stage, { ...found.stage, actions: writeRows(rowsOf(doc, from.stage, from)) });
  }
  return ok(withStages(doc, changes), `Move ${found.action.name}`, {
    kind: "action",
    ref: { stage: to.stage, action: index },
  });
}

/** The action's position within its row (0 = first). */
function ownSlot(doc: PipelineDocument, ref: ActionRef): number {
  const row = stageRows(doc, ref.stage).find((r) => r.some((p) => p.index === ref.action)) ?? [];
  return row.findIndex((p) => p.index === ref.action);
}

/** "Move left" / "Move right": the action becomes the new last step of stage `stage`. */
export function moveActionToStage(doc: PipelineDocument, from: ActionRef, stage: number): EditResult {
  return moveAction(doc, from, { kind: "between", stage, before: stageRows(doc, stage, from).length });
}

/** "Run in parallel with…": the action joins the row of `target` (in any stage). */
export function runInParallelWith(doc: PipelineDocument, from: ActionRef, target: ActionRef): EditResult {
  const found = findAction(doc, target);
  if (isFailure(found)) return found;
  if (from.stage === target.stage && from.action === target.action) {
    return fail("bad-target", `${found.action.name} cannot run in parallel with itself.`);
  }
  const row = stageRows(doc, target.stage, from).findIndex((r) => r.some((p) => p.index === target.action));
  return moveAction(doc, from, { kind: "row", stage: target.stage, row });
}

/**
 * Adds a copy of `template` (a palette item) to stage `stage` at `target` (default: a new last
 * step). Its name is made unique in the stage ("Build", "Build2"…), its output artifacts and
 * namespace unique in the pipeline; its runOrder comes from the target.
 */
export function addAction(
  doc: PipelineDocument,
  stage: number,
  template: ActionDeclaration,
  target?: DropTarget,
): EditResult {
  const current = doc.pipeline.stages[stage];
  if (!current) return fail("no-such-stage", `There is no stage ${stage + 1}.`);
  const to = target ?? { kind: "between", stage, before: stageRows(doc, stage).length };
  if (to.stage !== stage || !isValidTarget(doc, to)) return positionError(doc, to);
  const [copy] = freshCopies(doc, [template]);
  if (!copy) return fail("bad-target", "Nothing to add.");
  copy.name = uniqueName(copy.name, current.actions.map((a) => a.name));
  delete copy.runOrder;
  const rows = rowsOf(doc, stage);
  const index = place(rows, copy, to);
  const changes = new Map([[stage, { ...current, actions: writeRows(rows) }]]);
  return ok(withStages(doc, changes), `Add ${copy.name}`, { kind: "action", ref: { stage, action: index } });
}

/**
 * Duplicates an action as a new step right after the original's row (CodePipeline's console has
 * no such command; a copy running after its original is the least surprising). The copy's name
 * is unique in the stage, its output artifacts and namespace unique in the pipeline.
 */
export function duplicateAction(doc: PipelineDocument, ref: ActionRef): EditResult {
  const found = findAction(doc, ref);
  if (isFailure(found)) return found;
  const rows = rowsOf(doc, ref.stage);
  const row = rows.findIndex((r) => r.includes(found.action));
  const [copy] = freshCopies(doc, [found.action]);
  if (!copy) return fail("no-such-action", "Nothing to duplicate.");
  copy.name = uniqueName(copy.name, found.stage.actions.map((a) => a.name));
  const index = place(rows, copy, { kind: "between", stage: ref.stage, before: row + 1 });
  const changes = new Map([[ref.stage, { ...found.stage, actions: writeRows(rows) }]]);
  return ok(withStages(doc, changes), `Duplicate ${found.action.name}`, {
    kind: "action",
    ref: { stage: ref.stage, action: index },
  });
}

/** Deletes an action; its stage is renumbered and kept even when it becomes empty. */
export function deleteAction(doc: PipelineDocument, ref: ActionRef): EditResult {
  const found = findAction(doc, ref);
  if (isFailure(found)) return found;
  const changes = new Map([[ref.stage, { ...found.stage, actions: writeRows(rowsOf(doc, ref.stage, ref)) }]]);
  return ok(withStages(doc, changes), `Delete ${found.action.name}`, { kind: "stage", stage: ref.stage });
}

/**
 * Renames an action. The name is trimmed; an empty name or one another action of the stage has
 * is refused. Nothing else refers to action names, so nothing else changes.
 */
export function renameAction(doc: PipelineDocument, ref: ActionRef, name: string): EditResult {
  const found = findAction(doc, ref);
  if (isFailure(found)) return found;
  const wanted = name.trim();
  if (!wanted) return fail("bad-name", "An action needs a name.");
  if (found.stage.actions.some((a, i) => i !== ref.action && a.name === wanted)) {
    return fail("duplicate-name", `Stage ${found.stage.name} already has an action named ${wanted}.`);
  }
  const selection = { kind: "action" as const, ref };
  if (wanted === found.action.name) return ok(doc, `Rename ${wanted}`, selection);
  const actions = found.stage.actions.map((a, i) => (i === ref.action ? { ...a, name: wanted } : a));
  const changes = new Map([[ref.stage, { ...found.stage, actions }]]);
  return ok(withStages(doc, changes), `Rename ${found.action.name} to ${wanted}`, selection);
}

/**
 * Inspector edits: sets each field of `patch` on the action (configuration, artifacts,
 * commands, namespace, environment variables, …); a field set to `undefined` is removed.
 * Fields are replaced whole (send the full new `configuration` map). Unknown fields of the
 * action are kept. Name and runOrder are refused: use `renameAction` and the moves.
 */
export function updateAction(doc: PipelineDocument, ref: ActionRef, patch: ActionPatch): EditResult {
  const found = findAction(doc, ref);
  if (isFailure(found)) return found;
  if ("name" in patch || "runOrder" in patch) {
    return fail("unsupported-field", "Use renameAction for the name and the moves for runOrder.");
  }
  const updated = applyPatch(found.action, patch);
  const actions = found.stage.actions.map((a, i) => (i === ref.action ? updated : a));
  const changes = new Map([[ref.stage, { ...found.stage, actions }]]);
  return ok(withStages(doc, changes), `Edit ${found.action.name}`, { kind: "action", ref });
}
