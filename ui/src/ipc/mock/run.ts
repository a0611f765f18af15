// The browser mock's fake runs: execution views with what the run view and the action detail
// show (times, attempts, trigger, revisions, artifacts with digests, variables, container
// details), a failure that can be planted for the next run, and the retry of a stage.
import type { ActionDeclaration, ActionView, ArtifactFile, ExecutionView, PipelineDocument, RunVariable, StageView } from "../bindings";

/** The files of each fake artifact revision, by digest (read by `artifact_files`). */
export type ArtifactRegistry = Map<string, ArtifactFile[]>;

/** Where the next run fails: an action of a stage. */
export interface PlantedFailure {
  stageName: string;
  actionName: string;
}

/** A stable fake sha256 (64 hex characters) from some text. */
export function fakeDigest(text: string): string {
  let h1 = 0x811c9dc5;
  let out = "";
  for (let round = 0; out.length < 64; round++) {
    for (let i = 0; i < text.length; i++) {
      h1 ^= text.charCodeAt(i) + round;
      h1 = Math.imul(h1, 0x01000193) >>> 0;
    }
    out += h1.toString(16).padStart(8, "0");
  }
  return out.slice(0, 64);
}

export const isContainer = (a: ActionDeclaration) => a.actionTypeId.provider === "Container" || a.actionTypeId.provider === "Commands" || a.actionTypeId.provider === "CodeBuild";

/** A new InProgress view of `document`, started by hand. */
export function newRunView(executionId: string, document: PipelineDocument, version: number, variables: RunVariable[], now: string, runNumber: number): ExecutionView {
  const sources = document.pipeline.stages.flatMap((s) => s.actions.filter((a) => a.actionTypeId.category === "Source"));
  return {
    executionId,
    status: "InProgress",
    startTime: now,
    lastUpdateTime: now,
    pipelineName: document.pipeline.name,
    pipelineVersion: version,
    trigger: { triggerType: "StartPipelineExecution", triggerDetail: "browser mock" },
    sourceRevisions: sources.map((a) => ({
      actionName: a.name,
      revisionId: fakeDigest(`${a.name}#${runNumber}`).slice(0, 40),
      revisionSummary: `Change ${runNumber} of ${a.name}`,
    })),
    variables: (document.pipeline.variables ?? []).map((v) => ({
      name: v.name,
      value: variables.find((x) => x.name === v.name)?.value ?? v.defaultValue ?? "",
    })),
    stages: document.pipeline.stages.map((s) => ({
      stageName: s.name,
      actions: s.actions.map((a) => ({
        actionName: a.name,
        ...(a.pipewright?.cpus !== undefined || a.pipewright?.memory !== undefined ? { limits: { cpus: a.pipewright.cpus, memory: a.pipewright.memory } } : {}),
      })),
    })),
  };
}

/** Starts a stage's next attempt: the stage and `actions` (all of them by default) InProgress. */
export function startStage(view: ExecutionView, stageIndex: number, now: string, logs: Map<string, string>, only?: ReadonlySet<string>): void {
  const stage = view.stages[stageIndex];
  if (!stage) return;
  stage.status = "InProgress";
  stage.attempt = (stage.attempt ?? 0) + 1;
  stage.startTime = now;
  delete stage.endTime;
  for (const a of stage.actions) {
    if (only && !only.has(a.actionName)) continue;
    startAction(stage, a, now, logs);
  }
}

/** Starts one action of a started stage: InProgress in the stage's attempt, its old results gone. */
export function startAction(stage: StageView, a: ActionView, now: string, logs: Map<string, string>): void {
  a.status = "InProgress";
  a.attempt = stage.attempt;
  a.startTime = now;
  a.lastStatusChange = now;
  delete a.endTime;
  delete a.exitCode;
  delete a.errorSummary;
  delete a.summary;
  delete a.outputArtifacts;
  delete a.outputVariables;
  delete a.debugContainerId;
  logs.set(`${stage.stageName}/${a.actionName}`, `[stdout] running ${a.actionName} (attempt ${stage.attempt ?? 1})\n`);
}

/** Ends a stage's running actions (the planted one fails); returns whether the stage succeeded. */
export function finishStage(
  view: ExecutionView,
  document: PipelineDocument,
  stageIndex: number,
  now: string,
  logs: Map<string, string>,
  artifacts: ArtifactRegistry,
  failure: PlantedFailure | undefined,
): boolean {
  const stage = view.stages[stageIndex];
  const declared = document.pipeline.stages[stageIndex];
  if (!stage || !declared) return true;
  let ok = true;
  for (const a of stage.actions) {
    if (a.status !== "InProgress") continue;
    const decl = declared.actions.find((d) => d.name === a.actionName);
    const fails = failure?.stageName === stage.stageName && failure.actionName === a.actionName;
    const key = `${stage.stageName}/${a.actionName}`;
    a.status = fails ? "Failed" : "Succeeded";
    a.endTime = now;
    a.lastStatusChange = now;
    a.summary = fails ? "exit code 2" : "exit code 0";
    if (decl && isContainer(decl)) {
      a.exitCode = fails ? 2 : 0;
      const image = decl.configuration?.Image ?? decl.pipewright?.image ?? "pipewright/busybox:local";
      a.image = `${image}@sha256:${fakeDigest(image)}`;
      a.containerId = fakeDigest(`${view.executionId}/${key}/${a.attempt ?? 1}`);
    }
    if (fails) {
      a.errorSummary = "the command `make test` exited with code 2";
      ok = false;
    }
    a.inputArtifacts = (decl?.inputArtifacts ?? []).map((i) => {
      const produced = view.stages.flatMap((s) => s.actions.flatMap((x) => x.outputArtifacts ?? [])).find((o) => o.name === i.name);
      return produced ?? { name: i.name, digest: fakeDigest(`missing ${i.name}`), size: 0, fileCount: 0, available: false };
    });
    if (!fails) {
      a.outputArtifacts = (decl?.outputArtifacts ?? []).map((o) => {
        const files: ArtifactFile[] = [
          { path: "README.md", kind: "file", size: 120 + o.name.length },
          { path: `${o.name.toLowerCase()}/main.js`, kind: "file", size: 2048 * (a.attempt ?? 1) },
          { path: `${o.name.toLowerCase()}/empty`, kind: "dir", size: 0 },
        ];
        const digest = fakeDigest(`${view.executionId}/${key}/${o.name}/${a.attempt ?? 1}`);
        artifacts.set(digest, files);
        return {
          name: o.name,
          digest,
          size: files.reduce((n, f) => n + f.size, 0),
          fileCount: files.filter((f) => f.kind !== "dir").length,
          available: true,
          path: `/home/dev/.local/share/pipewright/artifacts/manifests/${digest}.json`,
        };
      });
      a.outputVariables = (decl?.outputVariables ?? []).map((name) => ({ name, value: `${name.toLowerCase()}-${view.executionId.slice(-4)}` }));
      if (decl?.actionTypeId.category === "Source") a.outputVariables.push({ name: "CommitId", value: fakeDigest(`${a.actionName}#${view.executionId}`).slice(0, 40) });
    }
    logs.set(key, `${logs.get(key) ?? ""}${fails ? "[stderr] make: *** [test] Error 2\n" : `[stdout] ${a.actionName} done\n`}`);
  }
  stage.status = ok ? "Succeeded" : "Failed";
  stage.endTime = now;
  return ok;
}
