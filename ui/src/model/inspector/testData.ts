// Shared fixtures of the Inspector's unit tests: the mock's seeded web-app and provider schemas.
import type { ActionDeclaration, PipelineDocument, ProviderSchema } from "../../ipc/bindings";
import providersJson from "../../ipc/mock/providers.json";
export { webApp } from "../../ipc/mock/seed";

export const PROVIDERS = providersJson as ProviderSchema[];

/** The action at (stage, action); throws when the fixture has none there. */
export function actionAt(doc: PipelineDocument, stage: number, action: number): ActionDeclaration {
  const found = doc.pipeline.stages[stage]?.actions[action];
  if (!found) throw new Error(`no action ${stage}/${action}`);
  return found;
}
