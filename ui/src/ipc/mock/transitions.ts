/** Disabled stage transitions in the mock backend, by pipeline and stage. */
import type { DisabledTransitionView } from "../bindings";

export class MockTransitions {
  private disabled = new Map<string, Map<string, DisabledTransitionView>>();

  list(pipeline: string): DisabledTransitionView[] {
    return [...(this.disabled.get(pipeline)?.values() ?? [])].sort((a, b) => a.stageName.localeCompare(b.stageName));
  }

  isDisabled(pipeline: string, stage: string): boolean {
    return this.disabled.get(pipeline)?.has(stage) ?? false;
  }

  /** Returns an error message, or null when done. */
  disable(pipeline: string, stages: string[], stage: string, reason: string | undefined, now: string): string | null {
    const index = stages.indexOf(stage);
    if (index < 0) return `\`${pipeline}\` has no stage \`${stage}\`; its stages are ${stages.join(", ")}`;
    if (index === 0) return `\`${stage}\` is the first stage of \`${pipeline}\`: nothing transitions into it`;
    if (!reason?.trim()) return "say why the transition is disabled (a reason is required)";
    const map = this.disabled.get(pipeline) ?? new Map<string, DisabledTransitionView>();
    map.set(stage, { stageName: stage, reason: reason.trim(), disabledBy: "mock-user", disabledTime: now });
    this.disabled.set(pipeline, map);
    return null;
  }

  enable(pipeline: string, stage: string): void {
    this.disabled.get(pipeline)?.delete(stage);
  }
}
