// Installs the in-memory backend as Tauri's IPC, for running the UI in a plain browser.
import { mockIPC } from "@tauri-apps/api/mocks";
import type { IpcError, PipelineDocument, PipelineSummary } from "../bindings";
import { MockBackend, type Seed } from "./backend";

/** What tests may reach through `window.__PIPEWRIGHT_MOCK__`. */
export interface MockControl {
  /** Start over with the seeded pipelines ("default") or none ("empty"). */
  reset(seed?: Seed): void;
  /** Make the next call of `cmd` fail with `error`. */
  failNext(cmd: string, error: IpcError): void;
  setExecutionCount(name: string, count: number): void;
  /** Add a file to the fake file system (for `read_import_file`). */
  putFile(path: string, text: string): void;
  /** Text written by `save_export`, by path. */
  file(path: string): string | undefined;
  calls(): string[];
  /** The last run's pipeline and variable overrides. */
  lastRun(): { name: string; variables: { name: string; value: string }[] } | undefined;
  /** How long the next fake runs take, in ms. */
  setRunDuration(ms: number): void;
  /** Save the latest version of `name` again, as another window would (a later save on an older base conflicts). */
  saveElsewhere(name: string): PipelineSummary;
  /** The latest saved version of `name`. */
  latest(name: string): { version: number; valid: boolean; document: PipelineDocument } | undefined;
  /** Make the next run (or retry) fail at this action: it ends Failed with exit code 2, and so do its stage and the run. */
  failNextRun(stageName: string, actionName: string): void;
  /** Forget every artifact's files, as retention would (`artifact_files` then says unavailable). */
  forgetArtifacts(): void;
  /** Make runs wait at Manual approvals until approved or rejected (off: they pass them). */
  holdApprovals(on: boolean): void;
  /** Add a generated valid pipeline: a Directory source stage, then Container actions, 4 in parallel per run order. */
  addGenerated(name: string, stages: number, actionsPerStage: number): PipelineSummary;
  /** Record `count` ended executions of `name` (History view tests). */
  addHistory(name: string, count: number): void;
  /** Make `list_executions` list `count` generated executions too (benchmarks). */
  generateHistory(count: number): void;
}

declare global {
  interface Window {
    __PIPEWRIGHT_MOCK__?: MockControl;
  }
}

/** `?mock=empty` starts with no pipelines; anything else with the seeded ones. */
export function seedFromLocation(search: string): Seed {
  return new URLSearchParams(search).get("mock") === "empty" ? "empty" : "default";
}

/** `?fail=cmd` makes the first call of `cmd` fail (to see error paths without a test). */
export function failureFromLocation(search: string): string | undefined {
  return new URLSearchParams(search).get("fail") ?? undefined;
}

export function installMockBackend(seed: Seed, failFirst?: string): MockBackend {
  const backend = new MockBackend(seed);
  if (failFirst !== undefined) {
    backend.failNext(failFirst, { code: "E_INTERNAL", message: `simulated failure of ${failFirst}` });
  }
  mockIPC((cmd, payload) => backend.handle(cmd, payload));
  window.__PIPEWRIGHT_MOCK__ = {
    reset: (s = "default") => backend.reset(s),
    failNext: (cmd, error) => backend.failNext(cmd, error),
    setExecutionCount: (name, count) => backend.setExecutionCount(name, count),
    putFile: (path, text) => backend.files.set(path, text),
    file: (path) => backend.files.get(path),
    calls: () => [...backend.calls],
    lastRun: () => backend.lastRun,
    setRunDuration: (ms) => {
      backend.runMs = ms;
    },
    saveElsewhere: (name) => backend.saveElsewhere(name),
    latest: (name) => backend.latestDocument(name),
    addGenerated: (name, stages, actionsPerStage) => backend.addGenerated(name, stages, actionsPerStage),
    addHistory: (name, count) => backend.addHistory(name, count),
    generateHistory: (count) => backend.generateHistory(count),
    holdApprovals: (on) => {
      backend.holdApprovals = on;
    },
    failNextRun: (stageName, actionName) => {
      backend.plantedFailure = { stageName, actionName };
    },
    forgetArtifacts: () => backend.forgetArtifacts(),
  };
  return backend;
}
