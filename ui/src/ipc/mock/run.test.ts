import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { ExecutionView, IpcError } from "../bindings";
import { MockBackend } from "./backend";

function view(backend: MockBackend, executionId: string): ExecutionView {
  return backend.handle("get_execution", { args: { executionId } }) as ExecutionView;
}

describe("the mock's runs, retries and artifacts", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test("a planted failure fails the run; retrying the stage's failed actions succeeds as attempt 2", () => {
    const backend = new MockBackend();
    backend.plantedFailure = { stageName: "Build", actionName: "Compile" };
    const { executionId } = backend.handle("run_pipeline", { args: { name: "web-app", variables: [] } }) as { executionId: string };
    vi.runAllTimers();
    const failed = view(backend, executionId);
    expect(failed.status).toBe("Failed");
    expect(failed.trigger?.triggerType).toBe("StartPipelineExecution");
    expect(failed.sourceRevisions?.map((r) => r.actionName)).toEqual(["Checkout", "SharedConfig"]);
    const build = failed.stages.find((s) => s.stageName === "Build");
    const compile = build?.actions.find((a) => a.actionName === "Compile");
    expect([build?.status, compile?.status, compile?.exitCode, compile?.attempt]).toEqual(["Failed", "Failed", 2, 1]);
    expect(failed.stages.find((s) => s.stageName === "Test")?.status).toBeUndefined();

    // A stage that did not fail is refused, and so is an unknown one.
    expect(() => backend.handle("retry_stage", { args: { executionId, stageName: "Source", allActions: false } })).toThrow(
      expect.objectContaining({ code: "E_INVALID_TRANSITION" }) as IpcError,
    );
    expect(() => backend.handle("retry_stage", { args: { executionId, stageName: "Nope", allActions: false } })).toThrow(
      expect.objectContaining({ code: "E_STAGE_UNKNOWN" }) as IpcError,
    );

    backend.handle("retry_stage", { args: { executionId, stageName: "Build", allActions: false } });
    expect(view(backend, executionId).status).toBe("InProgress");
    vi.runAllTimers();
    const done = view(backend, executionId);
    expect(done.status).toBe("Succeeded");
    const retried = done.stages.find((s) => s.stageName === "Build");
    expect(retried?.attempt).toBe(2);
    expect(retried?.actions.map((a) => [a.actionName, a.attempt, a.status])).toEqual([
      ["Compile", 2, "Succeeded"],
      ["Lint", 1, "Succeeded"],
      ["Package", 1, "Succeeded"],
    ]);
    expect(done.stages.find((s) => s.stageName === "Source")?.attempt).toBe(1);
  });

  test("artifact_files lists a produced revision's files, and says unavailable once forgotten", () => {
    const backend = new MockBackend();
    const { executionId } = backend.handle("run_pipeline", { args: { name: "web-app", variables: [] } }) as { executionId: string };
    vi.runAllTimers();
    const out = view(backend, executionId).stages[1]?.actions[0]?.outputArtifacts?.[0];
    expect(out?.name).toBe("BuildOutput");
    const files = backend.handle("artifact_files", { args: { digest: out?.digest } }) as { available: boolean; files: { path: string }[] };
    expect(files.available).toBe(true);
    expect(files.files.map((f) => f.path)).toContain("buildoutput/main.js");
    expect(out?.fileCount).toBe(2);
    backend.forgetArtifacts();
    expect(backend.handle("artifact_files", { args: { digest: out?.digest } })).toEqual({ available: false, files: [] });
  });
});
