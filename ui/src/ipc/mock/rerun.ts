/** Reruns in the mock backend: a new run view whose stages before `from` are the old run's. */
import type { ExecutionView } from "../bindings";

/** The first stage that is not only Source actions (the engine's default), else 0. */
export function defaultRerunStage(view: ExecutionView, sourceOnly: (stageIndex: number) => boolean): number {
  const i = view.stages.findIndex((_, index) => !sourceOnly(index));
  return i < 0 ? 0 : i;
}

/** Returns an error message when `old` cannot be rerun from `from`, else null. */
export function rerunRefusal(old: ExecutionView, from: number): string | null {
  for (const s of old.stages.slice(0, from)) {
    if (s.status !== "Succeeded") {
      return `stage \`${s.stageName}\` ended ${s.status ?? "without running"} in execution ${old.executionId}: rerun from \`${s.stageName}\` or an earlier stage`;
    }
  }
  return null;
}

/** Copies the old run's stages before `from` (and its source revisions) into `fresh`. */
export function seedRerun(fresh: ExecutionView, old: ExecutionView, from: number): void {
  fresh.trigger = { triggerType: "StartPipelineExecution", triggerDetail: `rerun of ${old.executionId} from ${old.stages[from]?.stageName ?? ""}` };
  fresh.variables = structuredClone(old.variables);
  if (from > 0) fresh.sourceRevisions = structuredClone(old.sourceRevisions);
  fresh.stages = fresh.stages.map((s, i) => (i < from ? { ...structuredClone(old.stages[i] ?? s), attempt: 1 } : s));
}
