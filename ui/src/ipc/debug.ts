// Local debugging: a pipeline's debug settings ("pause before" points, keeping failed
// containers) and terminal sessions into kept containers.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { DebugSettings, TerminalEvent } from "./bindings";
import { call, watch } from "./client";

export const debugSettingsKey = (name: string) => ["debug-settings", name] as const;

export function useDebugSettings(name: string) {
  return useQuery({ queryKey: debugSettingsKey(name), queryFn: () => call("get_debug_settings", { name }) });
}

/** Marks or unmarks an action "pause before"; the cache takes the settings the call returns. */
export function useSetPauseBefore(pipelineName: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (args: { stageName: string; actionName: string; paused: boolean }) => call("set_pause_before", { pipelineName, ...args }),
    onSuccess: (settings: DebugSettings) => qc.setQueryData(debugSettingsKey(pipelineName), settings),
  });
}

export function useSetKeepFailed(pipelineName: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (keep: boolean) => call("set_keep_failed_containers", { pipelineName, keep }),
    onMutate: (keep) => {
      const old = qc.getQueryData<DebugSettings>(debugSettingsKey(pipelineName));
      if (old) qc.setQueryData(debugSettingsKey(pipelineName), { ...old, keepFailedContainers: keep });
    },
    onSettled: () => qc.invalidateQueries({ queryKey: debugSettingsKey(pipelineName) }),
  });
}

/** An open terminal: send keys and sizes to it, stop listening, or close it (ends debugging). */
export interface TerminalSession {
  readonly sessionId: string;
  input(data: string): Promise<void>;
  resize(cols: number, rows: number): Promise<void>;
  /** Stops delivering events without closing the session. */
  detach(): void;
  /** Closes the session: the kept container is removed and the execution moves on. */
  close(): Promise<void>;
}

export interface TerminalTarget {
  executionId: string;
  stageName: string;
  actionName: string;
}

/** Opens a terminal into the kept container of `target`; `onEvent` gets its output and its exit. */
export async function openTerminal(
  target: TerminalTarget,
  size: { cols: number; rows: number },
  onEvent: (event: TerminalEvent) => void,
): Promise<TerminalSession> {
  const sessionId = crypto.randomUUID();
  const stop = await watch("open_terminal", { sessionId, ...target, ...size }, onEvent);
  return {
    sessionId,
    input: async (data) => {
      await call("terminal_input", { sessionId, data });
    },
    resize: async (cols, rows) => {
      await call("terminal_resize", { sessionId, cols, rows });
    },
    detach: stop,
    close: async () => {
      stop();
      await call("close_terminal", { sessionId });
    },
  };
}
