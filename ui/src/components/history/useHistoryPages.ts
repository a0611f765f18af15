// The History view's server state: keyset pages of `list_executions` (TanStack Query's
// infinite query: the first page, then one more per "Load more"), refreshed every few seconds
// while a listed execution is still running.
import { useInfiniteQuery } from "@tanstack/react-query";
import type { ExecutionPage, ListExecutionsArgs } from "../../ipc/bindings";
import { call } from "../../ipc/client";

export const historyKey = (args: ListExecutionsArgs) => ["executions", args] as const;

export function useHistoryPages(args: ListExecutionsArgs, enabled = true) {
  const query = useInfiniteQuery({
    queryKey: historyKey(args),
    queryFn: ({ pageParam }) => call("list_executions", pageParam === undefined ? args : { ...args, nextToken: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: ExecutionPage) => last.nextToken,
    enabled,
    // New runs appear whenever the view opens again.
    staleTime: 0,
    refetchInterval: (q) =>
      q.state.data?.pages.some((p) => p.executions.some((e) => e.status === "InProgress" || e.status === "Stopping")) ? 3000 : false,
  });
  const rows = query.data?.pages.flatMap((p) => p.executions) ?? [];
  return { query, rows };
}
