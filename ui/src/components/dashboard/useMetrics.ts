import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { MetricsRange } from "../../ipc/bindings";
import { call } from "../../ipc/client";

/**
 * `get_metrics` of one pipeline (or every pipeline) over a range, read afresh whenever the
 * view opens; the previous range's numbers stay while the next load.
 */
export function useMetrics(pipeline: string | undefined, range: MetricsRange) {
  return useQuery({
    queryKey: ["metrics", pipeline ?? "", range],
    queryFn: () => call("get_metrics", { ...(pipeline !== undefined ? { pipeline } : {}), range }),
    placeholderData: keepPreviousData,
    refetchOnMount: "always",
  });
}
