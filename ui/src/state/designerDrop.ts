// What a drag and drop on the designer's canvas means, as an edit of the pure model. Pure: the
// canvas only says what was dragged where (dnd-kit's `data`), this turns it into an EditResult.
import type { PipelineDocument } from "../ipc/bindings";
import type { ActionRef } from "../model/artifacts";
import {
  addAction,
  moveAction,
  moveActionToStage,
  moveStage,
  targetFromLayout,
  type DropTarget,
  type EditResult,
} from "../model/editing";
import type { PaletteItem } from "./palette";

/** What is being dragged. */
export type DragData = { kind: "action"; ref: ActionRef } | { kind: "stage"; index: number } | { kind: "palette"; item: PaletteItem };

/**
 * Where it can land. `zone`: a position of a stage counted on the layout as displayed (the
 * dragged action still in its row), see `targetFromLayout`. `stage`: a stage as a whole: an
 * action or palette item becomes its new last step; a dragged stage takes its place.
 */
export type DropData = { kind: "zone"; target: DropTarget } | { kind: "stage"; index: number };

/** Whether `drop` is a landing place for `drag` (stages land only on stages). */
export function accepts(drag: DragData | undefined, drop: DropData | undefined): boolean {
  if (!drag || !drop) return false;
  if (drag.kind === "stage") return drop.kind === "stage";
  return true;
}

/** The edit a drop makes; null when it changes nothing (dropped where it was). */
export function dropEdit(doc: PipelineDocument, drag: DragData, drop: DropData): EditResult | null {
  if (!accepts(drag, drop)) return null;
  if (drag.kind === "stage") {
    if (drop.kind !== "stage" || drop.index === drag.index) return null;
    return moveStage(doc, drag.index, drop.index);
  }
  if (drag.kind === "palette") {
    if (drop.kind === "stage") return addAction(doc, drop.index, drag.item.template);
    return addAction(doc, drop.target.stage, drag.item.template, drop.target);
  }
  if (drop.kind === "stage") {
    if (drop.index === drag.ref.stage) return null;
    return moveActionToStage(doc, drag.ref, drop.index);
  }
  return moveAction(doc, drag.ref, targetFromLayout(doc, drag.ref, drop.target));
}
