import type { PipelineDocument, StageDeclaration } from "../../ipc/bindings";
import { freshCopies } from "./copies";
import { uniqueName } from "./names";
import { compactActions } from "./positions";
import { applyPatch } from "./patch";
import { fail, ok, type EditResult } from "./result";

/*
 * Stage edits: pure, like the action edits (a new document or a failure, input untouched).
 * Stage names are unique in the pipeline.
 */

/** Fields `updateStage` edits (`undefined` removes one); the name and actions have their own operations. */
export type StagePatch = {
  [K in Exclude<keyof StageDeclaration, "name" | "actions">]?: StageDeclaration[K] | undefined;
};

/** The default name of a new stage: "Stage", then "Stage2", "Stage3"… */
export const DEFAULT_STAGE_NAME = "Stage";

const noStage = (index: number): EditResult => fail("no-such-stage", `There is no stage ${index + 1}.`);

function withStageList(doc: PipelineDocument, stages: StageDeclaration[]): PipelineDocument {
  return { ...doc, pipeline: { ...doc.pipeline, stages } };
}

const stageNames = (doc: PipelineDocument): string[] => doc.pipeline.stages.map((s) => s.name);

/** Reorders stages: the stage at `from` ends up at index `to`. */
export function moveStage(doc: PipelineDocument, from: number, to: number): EditResult {
  const stages = [...doc.pipeline.stages];
  const stage = stages[from];
  if (!stage) return noStage(from);
  if (to < 0 || to >= stages.length) return fail("bad-index", `A stage cannot move to position ${to + 1}.`);
  if (from === to) return ok(doc, `Move stage ${stage.name}`, { kind: "stage", stage: to });
  stages.splice(from, 1);
  stages.splice(to, 0, stage);
  return ok(withStageList(doc, stages), `Move stage ${stage.name}`, { kind: "stage", stage: to });
}

/**
 * Inserts an empty stage at `index` (0..stages.length). Its name is `name` (trimmed) or
 * "Stage", made unique with a number ("Stage2"). An empty stage is not valid in CodePipeline;
 * validation says so until an action is added.
 */
export function addStage(doc: PipelineDocument, index: number, name?: string): EditResult {
  const stages = [...doc.pipeline.stages];
  if (index < 0 || index > stages.length) return fail("bad-index", `A stage cannot be added at position ${index + 1}.`);
  const unique = uniqueName(name?.trim() || DEFAULT_STAGE_NAME, stageNames(doc));
  stages.splice(index, 0, { name: unique, actions: [] });
  return ok(withStageList(doc, stages), `Add stage ${unique}`, { kind: "stage", stage: index });
}

/** Renames a stage; an empty name or another stage's name is refused. */
export function renameStage(doc: PipelineDocument, index: number, name: string): EditResult {
  const stage = doc.pipeline.stages[index];
  if (!stage) return noStage(index);
  const wanted = name.trim();
  if (!wanted) return fail("bad-name", "A stage needs a name.");
  if (doc.pipeline.stages.some((s, i) => i !== index && s.name === wanted)) {
    return fail("duplicate-name", `There is already a stage named ${wanted}.`);
  }
  if (wanted === stage.name) return ok(doc, `Rename stage ${wanted}`, { kind: "stage", stage: index });
  const stages = doc.pipeline.stages.map((s, i) => (i === index ? { ...s, name: wanted } : s));
  return ok(withStageList(doc, stages), `Rename stage ${stage.name} to ${wanted}`, { kind: "stage", stage: index });
}

/** Deletes a stage and its actions. */
export function deleteStage(doc: PipelineDocument, index: number): EditResult {
  const stage = doc.pipeline.stages[index];
  if (!stage) return noStage(index);
  const stages = doc.pipeline.stages.filter((_, i) => i !== index);
  const next = Math.min(index, stages.length - 1);
  const selection = next >= 0 ? { kind: "stage" as const, stage: next } : undefined;
  return ok(withStageList(doc, stages), `Delete stage ${stage.name}`, selection);
}

/**
 * Inserts a copy of a stage right after it: unique stage name ("Build" → "Build2"), output
 * artifacts and namespaces unique in the pipeline, with the copy's own references following
 * them (see `freshCopies`); the copy's runOrders are compact.
 */
export function duplicateStage(doc: PipelineDocument, index: number): EditResult {
  const stage = doc.pipeline.stages[index];
  if (!stage) return noStage(index);
  const copy: StageDeclaration = {
    ...structuredClone(stage),
    name: uniqueName(stage.name, stageNames(doc)),
    actions: compactActions(freshCopies(doc, stage.actions)),
  };
  const stages = [...doc.pipeline.stages];
  stages.splice(index + 1, 0, copy);
  return ok(withStageList(doc, stages), `Duplicate stage ${stage.name}`, { kind: "stage", stage: index + 1 });
}

/**
 * Inspector edits of a stage (blockers, onFailure, onSuccess, beforeEntry, unknown fields are
 * kept); a field set to `undefined` is removed. Name and actions are refused: use
 * `renameStage` and the action edits.
 */
export function updateStage(doc: PipelineDocument, index: number, patch: StagePatch): EditResult {
  const stage = doc.pipeline.stages[index];
  if (!stage) return noStage(index);
  if ("name" in patch || "actions" in patch) {
    return fail("unsupported-field", "Use renameStage for the name and the action edits for actions.");
  }
  const updated = applyPatch(stage, patch);
  const stages = doc.pipeline.stages.map((s, i) => (i === index ? updated : s));
  return ok(withStageList(doc, stages), `Edit stage ${stage.name}`, { kind: "stage", stage: index });
}
