import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { call, E_IPC, IpcCallError, isIpcError, toIpcError } from "./client";

beforeAll(() => {
  // @tauri-apps/api talks to `window.__TAURI_INTERNALS__`; Node has no window.
  vi.stubGlobal("window", globalThis);
});

afterEach(() => clearMocks());

describe("call", () => {
  test("passes non-null arguments as { args } and returns the result", async () => {
    const seen: unknown[] = [];
    mockIPC((cmd, payload) => {
      seen.push([cmd, payload]);
      return { text: "t", fileName: "f", diagnostics: [] };
    });
    const result = await call("export_pipeline", { name: "p", format: "yaml" });
    expect(result.fileName).toBe("f");
    expect(seen).toEqual([["export_pipeline", { args: { name: "p", format: "yaml" } }]]);
  });

  test("sends no arguments for commands without any", async () => {
    const seen: unknown[] = [];
    mockIPC((cmd, payload) => {
      seen.push([cmd, payload]);
      return [];
    });
    await call("list_pipelines", null);
    expect(seen).toHaveLength(1);
    const [, payload] = seen[0] as [string, unknown];
    expect(payload === undefined || (typeof payload === "object" && payload !== null && !("args" in payload))).toBe(true);
  });

  test("a {code, message} error keeps its code and message", async () => {
    mockIPC(() => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw { code: "E_NOT_FOUND", message: "there is no pipeline named x" };
    });
    const error: unknown = await call("get_pipeline", { name: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcCallError);
    expect(error).toMatchObject({ code: "E_NOT_FOUND", message: "there is no pipeline named x" });
  });

  test("anything else becomes E_IPC with its text", async () => {
    mockIPC(() => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw "command list_pipelines not allowed by ACL";
    });
    await expect(call("list_pipelines", null)).rejects.toMatchObject({ code: E_IPC, message: "command list_pipelines not allowed by ACL" });
  });
});

describe("toIpcError", () => {
  test("normalises every kind of thrown value", () => {
    expect(toIpcError(new Error("boom")).toJSON()).toEqual({ code: E_IPC, message: "boom" });
    expect(toIpcError({ code: "E_X", message: "m", extra: 1 }).toJSON()).toEqual({ code: "E_X", message: "m" });
    expect(toIpcError({ unexpected: true }).message).toBe('{"unexpected":true}');
    expect(toIpcError(undefined).message).toBe("undefined");
    const same = new IpcCallError("E_Y", "y");
    expect(toIpcError(same)).toBe(same);
  });

  test("isIpcError checks the shape", () => {
    expect(isIpcError({ code: "E", message: "m" })).toBe(true);
    expect(isIpcError({ code: 1, message: "m" })).toBe(false);
    expect(isIpcError(null)).toBe(false);
  });
});
