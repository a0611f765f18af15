import type { PipelineDocument } from "../../ipc/bindings";
import type { ActionRef } from "../artifacts";
import { moveAction } from "./actionOperations";
import { deepEqual } from "./equal";
import { currentPosition, describePosition, dropPositions, samePosition, type DropTarget } from "./positions";
import type { EditSelection } from "./result";
import { moveStage } from "./stageOperations";

/*
 * Keyboard "lift and move", the keyboard twin of drag and drop:
 *   Space on a focused card or stage header → `liftAction` / `liftStage`;
 *   then every key goes to `moveKey` until it returns `state: null`:
 *   action: ArrowUp/ArrowDown walk the positions of the current stage (see `dropPositions`),
 *           ArrowLeft/ArrowRight go to the previous/next stage as its new last step;
 *   stage:  ArrowLeft/ArrowRight move the stage;
 *   Space or Enter drops (commit `step.commit` to the history), Escape cancels.
 * Each step gives the document to show (`doc`: the preview while lifted, the original after a
 * cancel), the text for an aria-live region, and where focus belongs. Nothing is mutated.
 */

export interface ActionMoveState {
  kind: "action";
  /** The document when the action was lifted; every preview is computed from it. */
  original: PipelineDocument;
  /** The lifted action in `original`. */
  from: ActionRef;
  /** Where it would go, counted as `DropTarget`s of `original` without the action. */
  target: DropTarget;
  /** `original` with the action moved to `target`. */
  preview: PipelineDocument;
  /** Where the action is in `preview` (keep focus on it). */
  at: ActionRef;
}

export interface StageMoveState {
  kind: "stage";
  original: PipelineDocument;
  from: number;
  /** The index the stage would move to. */
  to: number;
  preview: PipelineDocument;
}

export type KeyboardMoveState = ActionMoveState | StageMoveState;

export interface MoveStep {
  /** The ongoing move, or null once it was dropped or cancelled (or could not start). */
  state: KeyboardMoveState | null;
  /** The document to show now. */
  doc: PipelineDocument;
  /** For an aria-live region; empty when there is nothing new to say. */
  announcement: string;
  /** Whether the key belonged to the move (call preventDefault then). */
  handled: boolean;
  /** Set on a drop that changed the document: commit it to the history. */
  commit?: { doc: PipelineDocument; label: string };
  /** Where focus belongs after this step. */
  focus?: EditSelection;
}

const HELP =
  "Use Up and Down to move within the stage, Left and Right to move to another stage, Space to drop, Escape to cancel.";
const STAGE_HELP = "Use Left and Right to move the stage, Space to drop, Escape to cancel.";

function actionName(doc: PipelineDocument, ref: ActionRef): string {
  return doc.pipeline.stages[ref.stage]?.actions[ref.action]?.name ?? "";
}

/** Starts moving the action `ref`. An unknown ref starts nothing (`state: null`, not handled). */
export function liftAction(doc: PipelineDocument, ref: ActionRef): MoveStep {
  const target = currentPosition(doc, ref);
  if (!target) return { state: null, doc, announcement: "", handled: false };
  const state: ActionMoveState = { kind: "action", original: doc, from: ref, target, preview: doc, at: ref };
  const where = describePosition(doc, target, ref);
  return {
    state,
    doc,
    announcement: `Picked up ${actionName(doc, ref)}. ${where}. ${HELP}`,
    handled: true,
    focus: { kind: "action", ref },
  };
}

/** Starts moving the stage `index`. An unknown index starts nothing. */
export function liftStage(doc: PipelineDocument, index: number): MoveStep {
  const stage = doc.pipeline.stages[index];
  if (!stage) return { state: null, doc, announcement: "", handled: false };
  const state: StageMoveState = { kind: "stage", original: doc, from: index, to: index, preview: doc };
  return {
    state,
    doc,
    announcement: `Picked up stage ${stage.name}. ${describeStagePosition(doc, index)}. ${STAGE_HELP}`,
    handled: true,
    focus: { kind: "stage", stage: index },
  };
}

/** One key while a move is under way; see the module comment for the keys. */
export function moveKey(state: KeyboardMoveState, key: string): MoveStep {
  return state.kind === "action" ? actionKey(state, key) : stageKey(state, key);
}

function actionStep(state: ActionMoveState, announcement: string): MoveStep {
  return { state, doc: state.preview, announcement, handled: true, focus: { kind: "action", ref: state.at } };
}

function retarget(state: ActionMoveState, target: DropTarget): ActionMoveState {
  // Back where it started: show the original document itself (nothing to commit).
  const home = currentPosition(state.original, state.from);
  if (home && samePosition(home, target)) return { ...state, target, preview: state.original, at: state.from };
  const result = moveAction(state.original, state.from, target);
  if (!result.ok) return state;
  const at = result.selection?.kind === "action" ? result.selection.ref : state.at;
  return { ...state, target, preview: result.doc, at };
}

function actionKey(state: ActionMoveState, key: string): MoveStep {
  const { original, from } = state;
  const name = () => actionName(state.preview, state.at);
  const where = (s: ActionMoveState) => describePosition(original, s.target, from);
  switch (key) {
    case "ArrowUp":
    case "ArrowDown": {
      const positions = dropPositions(original, state.target.stage, from);
      const i = positions.findIndex((p) => samePosition(p, state.target));
      const next = positions[key === "ArrowUp" ? i - 1 : i + 1];
      if (!next) {
        const edge = key === "ArrowUp" ? "top" : "bottom";
        return actionStep(state, `${name()} is at the ${edge} of the stage. ${where(state)}`);
      }
      const moved = retarget(state, next);
      return actionStep(moved, `${actionName(moved.preview, moved.at)}: ${where(moved)}`);
    }
    case "ArrowLeft":
    case "ArrowRight": {
      const stage = state.target.stage + (key === "ArrowLeft" ? -1 : 1);
      if (!original.pipeline.stages[stage]) {
        const edge = key === "ArrowLeft" ? "first" : "last";
        return actionStep(state, `${name()} is in the ${edge} stage. ${where(state)}`);
      }
      const positions = dropPositions(original, stage, from);
      const last = positions[positions.length - 1];
      if (!last) return actionStep(state, "");
      const moved = retarget(state, last);
      return actionStep(moved, `${actionName(moved.preview, moved.at)}: ${where(moved)}`);
    }
    case " ":
    case "Enter": {
      const changed = !deepEqual(state.preview, original);
      return {
        state: null,
        doc: state.preview,
        announcement: `Dropped ${name()}. ${where(state)}`,
        handled: true,
        ...(changed ? { commit: { doc: state.preview, label: `Move ${actionName(original, from)}` } } : {}),
        focus: { kind: "action", ref: state.at },
      };
    }
    case "Escape": {
      const home = currentPosition(original, from);
      const back = home ? describePosition(original, home, from) : "";
      return {
        state: null,
        doc: original,
        announcement: `Move cancelled. ${actionName(original, from)} is back in ${back}`,
        handled: true,
        focus: { kind: "action", ref: from },
      };
    }
    default:
      return { state, doc: state.preview, announcement: "", handled: false };
  }
}

/** "Build, stage 2 of 4, after Source" / "Source, stage 1 of 4, before Build". */
export function describeStagePosition(doc: PipelineDocument, index: number): string {
  const stages = doc.pipeline.stages;
  const name = stages[index]?.name ?? "";
  const where = `${name}, stage ${index + 1} of ${stages.length}`;
  const before = stages[index - 1];
  const after = stages[index + 1];
  if (before) return `${where}, after ${before.name}`;
  if (after) return `${where}, before ${after.name}`;
  return where;
}

function stageStep(state: StageMoveState, announcement: string): MoveStep {
  return { state, doc: state.preview, announcement, handled: true, focus: { kind: "stage", stage: state.to } };
}

function stageKey(state: StageMoveState, key: string): MoveStep {
  const { original, from } = state;
  const name = original.pipeline.stages[from]?.name ?? "";
  switch (key) {
    case "ArrowLeft":
    case "ArrowRight": {
      const to = state.to + (key === "ArrowLeft" ? -1 : 1);
      const result = moveStage(original, from, to);
      if (!result.ok) {
        const edge = key === "ArrowLeft" ? "first" : "last";
        return stageStep(state, `Stage ${name} is the ${edge} stage. ${describeStagePosition(state.preview, state.to)}`);
      }
      const moved = { ...state, to, preview: result.doc };
      return stageStep(moved, describeStagePosition(moved.preview, to));
    }
    case "ArrowUp":
    case "ArrowDown":
      return stageStep(state, describeStagePosition(state.preview, state.to));
    case " ":
    case "Enter": {
      const changed = state.to !== from;
      return {
        state: null,
        doc: state.preview,
        announcement: `Dropped stage ${name}. ${describeStagePosition(state.preview, state.to)}`,
        handled: true,
        ...(changed ? { commit: { doc: state.preview, label: `Move stage ${name}` } } : {}),
        focus: { kind: "stage", stage: state.to },
      };
    }
    case "Escape":
      return {
        state: null,
        doc: original,
        announcement: `Move cancelled. ${describeStagePosition(original, from)}`,
        handled: true,
        focus: { kind: "stage", stage: from },
      };
    default:
      return { state, doc: state.preview, announcement: "", handled: false };
  }
}
