import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { DebugSettings, ExecutionView, IpcError, PendingApproval, TerminalEvent } from "../bindings";
import { MockBackend } from "./backend";
import { MOCK_PROMPT, shellAnswer } from "./terminal";

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the result type each call site expects
const call = <T,>(b: MockBackend, cmd: string, args: unknown): T => b.handle(cmd, { args }) as T;
const view = (b: MockBackend, executionId: string) => call<ExecutionView>(b, "get_execution", { executionId });
const action = (v: ExecutionView, stage: string, name: string) => v.stages.find((s) => s.stageName === stage)?.actions.find((a) => a.actionName === name);
const stage = (v: ExecutionView, name: string) => v.stages.find((s) => s.stageName === name);
const run = (b: MockBackend) => call<{ executionId: string }>(b, "run_pipeline", { name: "web-app", variables: [] }).executionId;

describe("the mock's debug settings", () => {
  test("pause points are per pipeline, in the latest version's order, and need an existing action", () => {
    const b = new MockBackend();
    expect(call<DebugSettings>(b, "get_debug_settings", { name: "web-app" })).toEqual({ pausePoints: [], keepFailedContainers: false });
    call(b, "set_pause_before", { pipelineName: "web-app", stageName: "Test", actionName: "UnitTests", paused: true });
    const s = call<DebugSettings>(b, "set_pause_before", { pipelineName: "web-app", stageName: "Build", actionName: "Compile", paused: true });
    expect(s.pausePoints).toEqual([
      { stageName: "Build", actionName: "Compile" },
      { stageName: "Test", actionName: "UnitTests" },
    ]);
    expect(call<DebugSettings>(b, "get_debug_settings", { name: "docs-site" }).pausePoints).toEqual([]);
    expect(call<DebugSettings>(b, "set_pause_before", { pipelineName: "web-app", stageName: "Test", actionName: "UnitTests", paused: false }).pausePoints).toHaveLength(1);
    expect(() => call(b, "set_pause_before", { pipelineName: "web-app", stageName: "Build", actionName: "Nope", paused: true })).toThrow(
      expect.objectContaining({ code: "E_NOT_FOUND" }) as IpcError,
    );
    expect(call<DebugSettings>(b, "set_keep_failed_containers", { pipelineName: "web-app", keep: true }).keepFailedContainers).toBe(true);
    // Local settings: no new version.
    expect(b.latestDocument("web-app")?.version).toBe(3);
  });
});

describe("the mock's runs with debugging", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test("a run waits before a marked action until Continue, which runs it", () => {
    const b = new MockBackend();
    call(b, "set_pause_before", { pipelineName: "web-app", stageName: "Build", actionName: "Compile", paused: true });
    const id = run(b);
    vi.runAllTimers();
    let v = view(b, id);
    expect(v.status).toBe("InProgress");
    expect(action(v, "Build", "Compile")?.status).toBe("InProgress");
    expect(action(v, "Build", "Compile")?.approval).toMatchObject({ kind: "PAUSE", status: "PENDING", customData: "Paused before Build/Compile: Continue runs it" });
    expect(action(v, "Build", "Lint")?.status).toBeUndefined();
    const pending = call<PendingApproval[]>(b, "pending_approvals", null);
    expect(pending.map((p) => `${p.stageName}/${p.actionName}`)).toEqual(["Build/Compile"]);

    call(b, "decide_approval", { executionId: id, stageName: "Build", actionName: "Compile", approve: true });
    v = view(b, id);
    expect(action(v, "Build", "Compile")?.approval?.status).toBe("APPROVED");
    expect(action(v, "Build", "Compile")?.status).toBe("InProgress");
    vi.runAllTimers();
    v = view(b, id);
    expect(v.status).toBe("Succeeded");
    expect(action(v, "Build", "Compile")?.status).toBe("Succeeded");
    expect(action(v, "Build", "Lint")?.status).toBe("Succeeded");
    expect(action(v, "Build", "Compile")?.attempt).toBe(1);
  });

  test("rejecting a pause fails the action and its stage", () => {
    const b = new MockBackend();
    call(b, "set_pause_before", { pipelineName: "web-app", stageName: "Build", actionName: "Compile", paused: true });
    const id = run(b);
    vi.runAllTimers();
    call(b, "decide_approval", { executionId: id, stageName: "Build", actionName: "Compile", approve: false });
    vi.runAllTimers();
    const v = view(b, id);
    expect([v.status, stage(v, "Build")?.status, action(v, "Build", "Compile")?.status]).toEqual(["Failed", "Failed", "Failed"]);
    expect(action(v, "Build", "Compile")?.errorSummary).toBe("pause rejected by mock-user");
    expect(stage(v, "Test")?.status).toBeUndefined();
  });

  test("a kept container holds the run; a terminal answers; closing it removes the container and the stage fails", () => {
    const b = new MockBackend();
    call(b, "set_keep_failed_containers", { pipelineName: "web-app", keep: true });
    b.plantedFailure = { stageName: "Build", actionName: "Compile" };
    const id = run(b);
    vi.runAllTimers();
    let v = view(b, id);
    const compile = action(v, "Build", "Compile");
    expect([v.status, stage(v, "Build")?.status, compile?.status, compile?.exitCode]).toEqual(["InProgress", "InProgress", "Failed", 2]);
    expect(compile?.debugContainerId).toMatch(/^[0-9a-f]{64}$/);
    expect(compile?.approval?.customData).toBe(
      "Build/Compile failed; its container was kept for debugging: open a terminal, then Continue to end the stage",
    );
    // No terminal into an action without a kept container.
    expect(() => b.handle("open_terminal", { args: { sessionId: "s0", executionId: id, stageName: "Build", actionName: "Lint", cols: 80, rows: 24 } })).toThrow();

    const events: TerminalEvent[] = [];
    b.handle("open_terminal", { args: { sessionId: "s1", executionId: id, stageName: "Build", actionName: "Compile", cols: 80, rows: 24 }, onEvent: { onmessage: (e: TerminalEvent) => events.push(e) } });
    call(b, "terminal_input", { sessionId: "s1", data: "pwx\u007fd\r" });
    call(b, "terminal_resize", { sessionId: "s1", cols: 100, rows: 30 });
    expect(b.terminals.size("s1")).toEqual({ cols: 100, rows: 30 });
    vi.runAllTimers();
    const text = events.map((e) => e.data).join("");
    expect(text).toBe(`${MOCK_PROMPT}pwx\b \bd\r\n/pipewright/src\r\n${MOCK_PROMPT}`);

    call(b, "close_terminal", { sessionId: "s1" });
    vi.runAllTimers();
    v = view(b, id);
    expect(action(v, "Build", "Compile")?.debugContainerId).toBeUndefined();
    expect([v.status, stage(v, "Build")?.status]).toEqual(["Failed", "Failed"]);
    expect(stage(v, "Test")?.status).toBeUndefined();
    expect(() => call(b, "close_terminal", { sessionId: "s1" })).toThrow(expect.objectContaining({ code: "E_NOT_FOUND" }) as IpcError);
  });

  test("Continue at a kept container ends the stage Failed; Stop removes a kept container", () => {
    const b = new MockBackend();
    call(b, "set_keep_failed_containers", { pipelineName: "web-app", keep: true });
    b.plantedFailure = { stageName: "Build", actionName: "Lint" };
    let id = run(b);
    vi.runAllTimers();
    call(b, "decide_approval", { executionId: id, stageName: "Build", actionName: "Lint", approve: true });
    let v = view(b, id);
    expect([v.status, action(v, "Build", "Lint")?.debugContainerId]).toEqual(["Failed", undefined]);

    b.plantedFailure = { stageName: "Build", actionName: "Lint" };
    id = run(b);
    vi.runAllTimers();
    expect(action(view(b, id), "Build", "Lint")?.debugContainerId).toBeDefined();
    call(b, "stop_execution", { executionId: id, abandon: true });
    vi.runAllTimers();
    v = view(b, id);
    expect([v.status, action(v, "Build", "Lint")?.debugContainerId]).toEqual(["Stopped", undefined]);
    expect(call<PendingApproval[]>(b, "pending_approvals", null)).toEqual([]);
  });

  test("without keeping, a failure ends the run as before", () => {
    const b = new MockBackend();
    b.plantedFailure = { stageName: "Build", actionName: "Compile" };
    const id = run(b);
    vi.runAllTimers();
    const v = view(b, id);
    expect([v.status, action(v, "Build", "Compile")?.debugContainerId]).toEqual(["Failed", undefined]);
  });
});

test("the fake shell answers pwd, ls, echo, exit and unknown commands", () => {
  expect(shellAnswer("pwd")).toEqual({ output: "/pipewright/src\r\n" });
  expect(shellAnswer("echo a  b")).toEqual({ output: "a b\r\n" });
  expect(shellAnswer("exit 3")).toEqual({ exit: 3 });
  expect(shellAnswer("exit")).toEqual({ exit: 0 });
  expect(shellAnswer("nope")).toEqual({ output: "sh: nope: not found\r\n" });
  expect(shellAnswer("   ")).toEqual({ output: "" });
});
