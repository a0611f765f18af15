import type { PipelineDocument } from "../../ipc/bindings";
import { deepEqual } from "./equal";

/** A document kept for undo or redo, with the label of the change between it and `present`. */
export interface HistoryEntry {
  doc: PipelineDocument;
  /** The change's label, e.g. "Move Compile" (what `EditResult.label` gives). */
  label: string;
}

/**
 * Immutable undo/redo history. `past` runs oldest → newest (its last entry is what Undo
 * restores); `future` runs nearest → farthest (its first entry is what Redo restores).
 */
export interface History {
  past: readonly HistoryEntry[];
  present: PipelineDocument;
  future: readonly HistoryEntry[];
}

/** How many undo steps are kept by default; older ones are dropped. */
export const HISTORY_LIMIT = 200;

/** A history with nothing to undo or redo (after opening or loading a document). */
export function createHistory(doc: PipelineDocument): History {
  return { past: [], present: doc, future: [] };
}

/**
 * Records a change: `next` becomes present, the old present can be undone, redo is cleared.
 * Returns `h` itself when `next` deep-equals the present (no empty undo steps).
 */
export function commit(h: History, next: PipelineDocument, label: string, limit = HISTORY_LIMIT): History {
  if (deepEqual(next, h.present)) return h;
  const past = [...h.past, { doc: h.present, label }];
  return { past: past.length > limit ? past.slice(past.length - limit) : past, present: next, future: [] };
}

export const canUndo = (h: History): boolean => h.past.length > 0;
export const canRedo = (h: History): boolean => h.future.length > 0;

/** Steps back one change; `h` itself when there is nothing to undo. */
export function undo(h: History): History {
  const entry = h.past[h.past.length - 1];
  if (!entry) return h;
  return {
    past: h.past.slice(0, -1),
    present: entry.doc,
    future: [{ doc: h.present, label: entry.label }, ...h.future],
  };
}

/** Steps forward one undone change; `h` itself when there is nothing to redo. */
export function redo(h: History): History {
  const [entry, ...future] = h.future;
  if (!entry) return h;
  return { past: [...h.past, { doc: h.present, label: entry.label }], present: entry.doc, future };
}

/**
 * Tooltip/description for the Undo button: "Undo Move Compile", or "Undo" when there is nothing
 * to undo. The button's accessible name stays "Undo" (docs/ui-names.md); use this as its title.
 */
export function undoLabel(h: History): string {
  const entry = h.past[h.past.length - 1];
  return entry ? `Undo ${entry.label}` : "Undo";
}

/** "Redo Move Compile", or "Redo"; see `undoLabel`. */
export function redoLabel(h: History): string {
  const entry = h.future[0];
  return entry ? `Redo ${entry.label}` : "Redo";
}

/** True when the present document differs (structurally) from the last saved version. */
export function isDirty(h: History, saved: PipelineDocument): boolean {
  return !deepEqual(h.present, saved);
}
