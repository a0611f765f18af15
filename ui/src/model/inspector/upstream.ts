// What an action may use from the actions that run before it: their artifacts and variables.
import type { ActionDeclaration, PipelineDocument } from "../../ipc/bindings";
import type { ActionRef } from "../artifacts";
import { runOrderOf } from "../layout";

export interface UpstreamAction extends ActionRef {
  stageName: string;
  action: number;
  declaration: ActionDeclaration;
}

/**
 * The actions that finish before the action at `ref` starts: every action of an earlier stage,
 * and the actions of its own stage with a lower runOrder. Document order.
 */
export function upstreamActions(doc: PipelineDocument, ref: ActionRef): UpstreamAction[] {
  const stages = doc.pipeline.stages;
  const self = stages[ref.stage]?.actions[ref.action];
  if (!self) return [];
  const order = runOrderOf(self);
  const out: UpstreamAction[] = [];
  stages.forEach((stage, s) => {
    if (s > ref.stage) return;
    stage.actions.forEach((action, a) => {
      if (s === ref.stage && runOrderOf(action) >= order) return;
      out.push({ stage: s, action: a, stageName: stage.name, declaration: action });
    });
  });
  return out;
}

export interface UpstreamArtifact {
  name: string;
  stageName: string;
  actionName: string;
}

/**
 * The artifacts the action at `ref` may consume: output artifacts of upstream actions, each
 * name once (the first producer), in document order.
 */
export function upstreamArtifacts(doc: PipelineDocument, ref: ActionRef): UpstreamArtifact[] {
  const seen = new Set<string>();
  const out: UpstreamArtifact[] = [];
  for (const up of upstreamActions(doc, ref)) {
    for (const artifact of up.declaration.outputArtifacts ?? []) {
      if (artifact.name === "" || seen.has(artifact.name)) continue;
      seen.add(artifact.name);
      out.push({ name: artifact.name, stageName: up.stageName, actionName: up.declaration.name });
    }
  }
  return out;
}

/** What the artifact picker offers: upstream artifacts not already chosen, and whether one more fits. */
export function artifactChoices(
  doc: PipelineDocument,
  ref: ActionRef,
  max: number,
): { available: UpstreamArtifact[]; canAdd: boolean } {
  const action = doc.pipeline.stages[ref.stage]?.actions[ref.action];
  const chosen = new Set((action?.inputArtifacts ?? []).map((a) => a.name));
  const available = upstreamArtifacts(doc, ref).filter((a) => !chosen.has(a.name));
  return { available, canAdd: chosen.size < max && available.length > 0 };
}

/** A name like `Output`, `Output2`, … no action of the pipeline produces yet. */
export function freshArtifactName(doc: PipelineDocument, base: string): string {
  const taken = new Set(doc.pipeline.stages.flatMap((s) => s.actions.flatMap((a) => (a.outputArtifacts ?? []).map((o) => o.name))));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i += 1) {
    if (!taken.has(`${base}${i}`)) return `${base}${i}`;
  }
}
