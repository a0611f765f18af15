import type { ActionDeclaration, PipelineDocument } from "../../ipc/bindings";
import { uniqueName } from "./names";

/** Every output artifact name produced anywhere in the pipeline. */
export function outputArtifactNames(doc: PipelineDocument): Set<string> {
  return new Set(
    doc.pipeline.stages.flatMap((s) => s.actions.flatMap((a) => (a.outputArtifacts ?? []).map((o) => o.name))),
  );
}

/** Every action namespace used anywhere in the pipeline. */
export function namespaces(doc: PipelineDocument): Set<string> {
  return new Set(doc.pipeline.stages.flatMap((s) => s.actions.flatMap((a) => (a.namespace ? [a.namespace] : []))));
}

/**
 * Deep copies of `actions` that can live in `doc` beside their originals: output artifact
 * names and namespaces, which must be unique in the whole pipeline, get a number
 * ("BuildOutput" → "BuildOutput2", "BuildVariables" → "BuildVariables2"). References between
 * the copies follow: an input naming a renamed output, and `#{Namespace.` in configuration
 * values, commands and environment variable values. Action names and runOrders are left as
 * they are (the caller places the copies).
 */
export function freshCopies(doc: PipelineDocument, actions: readonly ActionDeclaration[]): ActionDeclaration[] {
  const takenArtifacts = outputArtifactNames(doc);
  const takenNamespaces = namespaces(doc);
  const artifactMap = new Map<string, string>();
  const namespaceMap = new Map<string, string>();
  const copies = actions.map((action) => {
    const copy = structuredClone(action);
    for (const out of copy.outputArtifacts ?? []) {
      const name = uniqueName(out.name, takenArtifacts);
      takenArtifacts.add(name);
      artifactMap.set(out.name, name);
      out.name = name;
    }
    if (copy.namespace) {
      const name = uniqueName(copy.namespace, takenNamespaces);
      takenNamespaces.add(name);
      namespaceMap.set(copy.namespace, name);
      copy.namespace = name;
    }
    return copy;
  });
  const rewrite = (text: string): string => {
    let out = text;
    for (const [from, to] of namespaceMap) {
      if (from !== to) out = out.split(`#{${from}.`).join(`#{${to}.`);
    }
    return out;
  };
  for (const copy of copies) {
    for (const input of copy.inputArtifacts ?? []) input.name = artifactMap.get(input.name) ?? input.name;
    if (copy.configuration) {
      for (const key of Object.keys(copy.configuration)) {
        copy.configuration[key] = rewrite(copy.configuration[key] ?? "");
      }
    }
    if (copy.commands) copy.commands = copy.commands.map(rewrite);
    for (const env of copy.environmentVariables ?? []) env.value = rewrite(env.value);
  }
  return copies;
}
