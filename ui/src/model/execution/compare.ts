// Two executions side by side: durations per stage and action, changed source revisions and
// changed artifacts (by digest).
import type { ArtifactView, ExecutionView } from "../../ipc/bindings";
import { elapsedMs } from "./summary";

export interface DurationRow {
  kind: "stage" | "action";
  stageName: string;
  actionName?: string;
  /** Milliseconds in the first and the second execution (undefined: did not run there). */
  a?: number;
  b?: number;
  statusA?: string;
  statusB?: string;
}

export interface RevisionChange {
  actionName: string;
  a?: string;
  b?: string;
}

export interface ArtifactChange {
  /** `STAGE › ACTION` that produced it. */
  producer: string;
  name: string;
  a?: string;
  b?: string;
}

export interface Comparison {
  durations: DurationRow[];
  total: { a?: number; b?: number };
  revisions: RevisionChange[];
  artifacts: ArtifactChange[];
}

function ended(view: ExecutionView): string | undefined {
  return view.status === "InProgress" || view.status === "Stopping" ? undefined : view.lastUpdateTime;
}

function outputs(view: ExecutionView): Map<string, { producer: string; artifact: ArtifactView }> {
  const out = new Map<string, { producer: string; artifact: ArtifactView }>();
  for (const s of view.stages) {
    for (const a of s.actions) {
      for (const artifact of a.outputArtifacts ?? []) {
        out.set(`${s.stageName}/${a.actionName}/${artifact.name}`, { producer: `${s.stageName} › ${a.actionName}`, artifact });
      }
    }
  }
  return out;
}

/**
 * Compares `a` with `b`. Stages and actions are matched by name, in `a`'s order, then those
 * only `b` has. Only revisions and artifacts that differ are listed. `now` measures what runs.
 */
export function compareExecutions(a: ExecutionView, b: ExecutionView, now: Date = new Date()): Comparison {
  const durations: DurationRow[] = [];
  const stageNames = [...a.stages.map((s) => s.stageName), ...b.stages.map((s) => s.stageName).filter((n) => !a.stages.some((s) => s.stageName === n))];
  for (const name of stageNames) {
    const sa = a.stages.find((s) => s.stageName === name);
    const sb = b.stages.find((s) => s.stageName === name);
    durations.push({
      kind: "stage",
      stageName: name,
      a: sa && elapsedMs(sa.startTime, sa.endTime, now),
      b: sb && elapsedMs(sb.startTime, sb.endTime, now),
      statusA: sa?.status,
      statusB: sb?.status,
    });
    const actionNames = [...(sa?.actions ?? []).map((x) => x.actionName)];
    for (const x of sb?.actions ?? []) if (!actionNames.includes(x.actionName)) actionNames.push(x.actionName);
    for (const actionName of actionNames) {
      const xa = sa?.actions.find((x) => x.actionName === actionName);
      const xb = sb?.actions.find((x) => x.actionName === actionName);
      durations.push({
        kind: "action",
        stageName: name,
        actionName,
        a: xa && elapsedMs(xa.startTime, xa.endTime, now),
        b: xb && elapsedMs(xb.startTime, xb.endTime, now),
        statusA: xa?.status,
        statusB: xb?.status,
      });
    }
  }

  const revisions: RevisionChange[] = [];
  const revA = new Map((a.sourceRevisions ?? []).map((r) => [r.actionName, r.revisionId]));
  const revB = new Map((b.sourceRevisions ?? []).map((r) => [r.actionName, r.revisionId]));
  for (const actionName of new Set([...revA.keys(), ...revB.keys()])) {
    const ra = revA.get(actionName);
    const rb = revB.get(actionName);
    if (ra !== rb) revisions.push({ actionName, a: ra, b: rb });
  }

  const artifacts: ArtifactChange[] = [];
  const outA = outputs(a);
  const outB = outputs(b);
  for (const key of new Set([...outA.keys(), ...outB.keys()])) {
    const x = outA.get(key);
    const y = outB.get(key);
    const any = x ?? y;
    if (any && x?.artifact.digest !== y?.artifact.digest) {
      artifacts.push({ producer: any.producer, name: any.artifact.name, a: x?.artifact.digest, b: y?.artifact.digest });
    }
  }

  return {
    durations,
    total: { a: elapsedMs(a.startTime, ended(a), now), b: elapsedMs(b.startTime, ended(b), now) },
    revisions,
    artifacts,
  };
}
