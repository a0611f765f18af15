// The live execution of a pipeline: its latest run (from the store), followed through the
// `watch_execution` channel while it runs, and the Run action that starts a new one.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ExecutionView, LogPage, RunVariable } from "./bindings";
import { call, watch } from "./client";
import { keys } from "./queries";
import { isRunning } from "../model/status";

export function useLiveExecution(name: string) {
  const queryClient = useQueryClient();
  const latest = useQuery({
    queryKey: ["latest-execution", name],
    queryFn: () => call("latest_execution", { name }),
  });
  const [live, setLive] = useState<ExecutionView | null>(null);
  const [starting, setStarting] = useState(false);
  /** An execution opened on purpose (a past one), shown instead of the latest until the next Run. */
  const [pinned, setPinned] = useState<string | null>(null);
  /** Every execution this view has shown, newest last (what Compare offers). */
  const [seen, setSeen] = useState<ExecutionView[]>([]);
  const stopRef = useRef<(() => void) | null>(null);
  const followed = useRef<string | null>(null);

  const follow = useCallback(
    async (executionId: string, force = false) => {
      if (followed.current === executionId && !force) return;
      stopRef.current?.();
      followed.current = executionId;
      const stop = await watch("watch_execution", { executionId }, (view) => {
        if (followed.current !== executionId) return;
        setLive(view);
        setSeen((all) => [...all.filter((v) => v.executionId !== view.executionId), view]);
        if (!isRunning(view)) {
          void queryClient.invalidateQueries({ queryKey: keys.pipelines });
        }
      });
      if (followed.current === executionId) stopRef.current = stop;
      else stop();
    },
    [queryClient],
  );

  useEffect(() => {
    const view = latest.data;
    if (view && isRunning(view) && followed.current === null) {
      follow(view.executionId).catch(() => undefined);
    }
  }, [latest.data, follow]);

  useEffect(
    () => () => {
      followed.current = null;
      stopRef.current?.();
    },
    [],
  );

  const run = useCallback(async (variables: RunVariable[] = []) => {
    setStarting(true);
    try {
      const { executionId } = await call("run_pipeline", { name, variables });
      setPinned(null);
      await follow(executionId);
    } finally {
      setStarting(false);
    }
  }, [name, follow]);

  const execution = live ?? latest.data ?? null;
  const latestView = latest.data;
  const seenAll = useMemo(
    () => (latestView && !seen.some((v) => v.executionId === latestView.executionId) ? [latestView, ...seen] : seen),
    [latestView, seen],
  );
  /** Show a given (past or running) execution; it is followed while it runs. */
  const show = useCallback(
    async (executionId: string) => {
      setPinned(executionId);
      await follow(executionId, true);
    },
    [follow],
  );
  /** Back from an opened execution to the latest run. */
  const refetchLatest = latest.refetch;
  const showLatest = useCallback(async () => {
    setPinned(null);
    const { data } = await refetchLatest();
    if (data) {
      await follow(data.executionId, true);
    } else {
      followed.current = null;
      stopRef.current?.();
      setLive(null);
    }
  }, [refetchLatest, follow]);
  /** Retry a Failed or Stopped stage of the shown execution, then follow it again. */
  const retry = useCallback(
    async (stageName: string, allActions: boolean) => {
      if (!execution) return;
      await call("retry_stage", { executionId: execution.executionId, stageName, allActions });
      await follow(execution.executionId, true);
    },
    [execution, follow],
  );
  const stop = useCallback(
    async (abandon: boolean) => {
      if (!execution) return;
      await call("stop_execution", { executionId: execution.executionId, abandon });
      // Follow it to its end even when the run was not started from this view.
      await follow(execution.executionId);
    },
    [execution, follow],
  );

  /** Rerun the shown execution from a stage on (default: after its sources), then follow the new one. */
  const rerun = useCallback(
    async (fromStage?: string) => {
      if (!execution) return;
      const { executionId } = await call("rerun_execution", { executionId: execution.executionId, ...(fromStage ? { fromStage } : {}) });
      setPinned(null);
      await follow(executionId);
    },
    [execution, follow],
  );

  return { execution, run, stop, starting, retry, rerun, show, showLatest, pinned, seen: seenAll };
}

/**
 * An action's log, streamed from offset 0 through the `watch_action_log` channel until it is
 * complete. Callers key the component by execution, stage and action, so the state starts empty.
 */
export function useActionLog(executionId: string | undefined, stageName: string, actionName: string) {
  const [text, setText] = useState("");
  const [complete, setComplete] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (executionId === undefined) return;
    let stop: (() => void) | undefined;
    let cancelled = false;
    watch("watch_action_log", { executionId, stageName, actionName, offset: 0 }, (page: LogPage) => {
      if (page.text !== "") setText((t) => t + page.text);
      if (page.complete) setComplete(true);
    })
      .then((s) => {
        if (cancelled) s();
        else stop = s;
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [executionId, stageName, actionName]);
  return { text, complete, error };
}
