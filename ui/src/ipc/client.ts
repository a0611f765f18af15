// The one typed client for Rust commands. Components and hooks call `call(...)`; nothing else
// in the UI imports `invoke` (eslint enforces it). Command names, arguments and results come
// from bindings.ts, which is generated from crates/core/src/api.rs.
import { Channel, invoke } from "@tauri-apps/api/core";
import type { ChannelCommands, Commands, IpcError } from "./bindings";

export type CommandName = keyof Commands;
export type ArgsOf<K extends CommandName> = Commands[K]["args"];
export type ResultOf<K extends CommandName> = Commands[K]["result"];
export type WatchName = keyof ChannelCommands;
export type WatchArgsOf<K extends WatchName> = ChannelCommands[K]["args"];
export type EventOf<K extends WatchName> = ChannelCommands[K]["event"];

/** The error every failed call throws: an `Error` that is also an `IpcError {code, message}`. */
export class IpcCallError extends Error implements IpcError {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = "IpcError";
    this.code = code;
  }

  /** The plain `{code, message}` form. */
  toJSON(): IpcError {
    return { code: this.code, message: this.message };
  }
}

/** Code for failures that did not come from a command's own `{code, message}` error. */
export const E_IPC = "E_IPC";

export function isIpcError(value: unknown): value is IpcError {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === "string" && typeof v.message === "string";
}

/**
 * Normalises anything a call can throw: a `{code, message}` keeps its code and message;
 * anything else (a string from the runtime, an Error, …) becomes `E_IPC` with its text.
 */
export function toIpcError(value: unknown): IpcCallError {
  if (value instanceof IpcCallError) return value;
  if (isIpcError(value)) return new IpcCallError(value.code, value.message);
  if (value instanceof Error) return new IpcCallError(E_IPC, value.message);
  if (typeof value === "string") return new IpcCallError(E_IPC, value);
  let json: string | undefined;
  try {
    // undefined for undefined and functions; throws for cycles and BigInt.
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  return new IpcCallError(E_IPC, json ?? String(value));
}

/**
 * Calls a Rust command. Every command takes one parameter named `args`, so non-null arguments
 * travel as `{ args }`; commands without arguments get none.
 */
export async function call<K extends CommandName>(cmd: K, args: ArgsOf<K>): Promise<ResultOf<K>> {
  try {
    return await invoke<ResultOf<K>>(cmd, args === null ? undefined : { args });
  } catch (e) {
    throw toIpcError(e);
  }
}

/**
 * Calls a channel command: Rust streams values through a Tauri `Channel` (passed as
 * `onEvent`) and `onEvent` gets each one. Resolves once the command has started the stream.
 * Returns a function that stops delivering further values.
 */
export async function watch<K extends WatchName>(
  cmd: K,
  args: WatchArgsOf<K>,
  onEvent: (event: EventOf<K>) => void,
): Promise<() => void> {
  let live = true;
  const channel = new Channel<EventOf<K>>((event) => {
    if (live) onEvent(event);
  });
  try {
    await invoke(cmd, { args, onEvent: channel });
  } catch (e) {
    throw toIpcError(e);
  }
  return () => {
    live = false;
  };
}
