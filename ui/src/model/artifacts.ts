import type { PipelineDocument } from "../ipc/bindings";
import { runOrderOf } from "./layout";

/** Where an action sits: stage and action indexes as in diagnostics' paths. */
export interface ActionRef {
  stage: number;
  action: number;
}

export interface ArtifactProducer extends ActionRef {
  stageName: string;
  actionName: string;
  runOrder: number;
}

/**
 * Which action produces each output artifact. When a name is produced twice (an error the
 * validator reports), the first producer in document order wins.
 */
export function artifactProducers(doc: PipelineDocument): Map<string, ArtifactProducer> {
  const producers = new Map<string, ArtifactProducer>();
  doc.pipeline.stages.forEach((stage, s) => {
    stage.actions.forEach((action, a) => {
      for (const out of action.outputArtifacts ?? []) {
        if (!producers.has(out.name)) {
          producers.set(out.name, {
            stage: s,
            action: a,
            stageName: stage.name,
            actionName: action.name,
            runOrder: runOrderOf(action),
          });
        }
      }
    });
  });
  return producers;
}

export interface ArtifactConsumer extends ActionRef {
  actionName: string;
}

/** Which actions consume each artifact, in document order. */
export function artifactConsumers(doc: PipelineDocument): Map<string, ArtifactConsumer[]> {
  const consumers = new Map<string, ArtifactConsumer[]>();
  doc.pipeline.stages.forEach((stage, s) => {
    stage.actions.forEach((action, a) => {
      for (const input of action.inputArtifacts ?? []) {
        const list = consumers.get(input.name) ?? [];
        list.push({ stage: s, action: a, actionName: action.name });
        consumers.set(input.name, list);
      }
    });
  });
  return consumers;
}

/**
 * True when `producer` runs before the action at (`stage`, `runOrder`): in an earlier stage, or
 * earlier in the same stage.
 */
export function producedBefore(producer: ArtifactProducer, stage: number, runOrder: number): boolean {
  return producer.stage < stage || (producer.stage === stage && producer.runOrder < runOrder);
}
