// An action's log streamed through the `watch_action_log` channel into a compact LogStore.
// Pages are appended as they arrive; React hears about them at most once per animation frame
// (a million-line log arrives as ~60 pages of 1 MiB in quick succession).
import { useEffect, useRef, useState } from "react";
import type { LogPage } from "../../ipc/bindings";
import { toIpcError, watch } from "../../ipc/client";
import { LogStore } from "../../model/logs/store";

export interface LogStream {
  store: LogStore;
  /** Changes whenever lines were added (the store's version when React last heard). */
  version: number;
  /** The store's line count when React last heard (render from this, never from the store: React may keep a render's hooks without committing it). */
  lineCount: number;
  complete: boolean;
  error: string | null;
}

export function useLogStream(executionId: string, stageName: string, actionName: string, attempt?: number): LogStream {
  // One store per component instance; callers key the view by execution, stage and action.
  const [store] = useState(() => new LogStore());
  const [seen, setSeen] = useState({ version: 0, lineCount: 0, complete: false });
  const [error, setError] = useState<string | null>(null);
  const frame = useRef<number | null>(null);

  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    let ended = false;
    const publish = () => {
      frame.current = null;
      if (!cancelled) setSeen({ version: store.version, lineCount: store.lineCount, complete: ended });
    };
    watch("watch_action_log", { executionId, stageName, actionName, offset: 0, ...(attempt !== undefined ? { attempt } : {}) }, (page: LogPage) => {
      if (cancelled) return;
      if (page.text !== "") store.append(page.text);
      if (page.complete) {
        store.finish();
        ended = true;
      }
      if (frame.current === null) frame.current = requestAnimationFrame(publish);
    })
      .then((s) => {
        if (cancelled) s();
        else stop = s;
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(toIpcError(e).message);
      });
    return () => {
      cancelled = true;
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      frame.current = null;
      stop?.();
    };
  }, [store, executionId, stageName, actionName, attempt]);

  return { store, version: seen.version, lineCount: seen.lineCount, complete: seen.complete, error };
}
