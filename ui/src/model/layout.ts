import type { ActionDeclaration, PipelineDocument } from "../ipc/bindings";

/** An action with its index in its stage (the index its diagnostics' paths use). */
export interface PlacedAction {
  action: ActionDeclaration;
  /** Index in `stage.actions`. */
  index: number;
}

/** The actions of one runOrder: they run in parallel and are drawn side by side. */
export interface RunOrderRow {
  runOrder: number;
  actions: PlacedAction[];
}

export interface StageLayout {
  name: string;
  /** Index in `pipeline.stages`. */
  index: number;
  /** Rows in ascending runOrder; later rows run after earlier ones. */
  rows: RunOrderRow[];
  actionCount: number;
}

/** CodePipeline's default when an action has no runOrder. */
export const DEFAULT_RUN_ORDER = 1;

export function runOrderOf(action: ActionDeclaration): number {
  return action.runOrder ?? DEFAULT_RUN_ORDER;
}

/**
 * Stages left to right, each with its actions grouped by runOrder: actions with the same
 * runOrder share a row (in document order), rows are sorted by runOrder.
 */
export function layoutStages(doc: PipelineDocument): StageLayout[] {
  return doc.pipeline.stages.map((stage, index) => {
    const byOrder = new Map<number, PlacedAction[]>();
    stage.actions.forEach((action, actionIndex) => {
      const order = runOrderOf(action);
      const row = byOrder.get(order);
      const placed = { action, index: actionIndex };
      if (row) row.push(placed);
      else byOrder.set(order, [placed]);
    });
    const rows = [...byOrder.entries()]
      .sort(([a], [b]) => a - b)
      .map(([runOrder, actions]) => ({ runOrder, actions }));
    return { name: stage.name, index, rows, actionCount: stage.actions.length };
  });
}

/** The widest row of a stage: how many actions run side by side at most. */
export function maxParallel(stage: StageLayout): number {
  return stage.rows.reduce((max, row) => Math.max(max, row.actions.length), 0);
}
