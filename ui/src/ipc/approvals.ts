// Manual approvals: what waits for a decision anywhere (polled: decisions and timeouts come
// from other processes too) and deciding one.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { DecideApprovalArgs } from "./bindings";
import { call } from "./client";

export const PENDING_APPROVALS_KEY = ["pending-approvals"] as const;

/** How often the pending list is read again (the host also times out due approvals then). */
export const PENDING_POLL_MS = 3000;

export function usePendingApprovals() {
  return useQuery({
    queryKey: PENDING_APPROVALS_KEY,
    queryFn: () => call("pending_approvals", null),
    refetchInterval: PENDING_POLL_MS,
  });
}

export function useDecideApproval() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (args: DecideApprovalArgs) => call("decide_approval", args),
    onSettled: () => client.invalidateQueries({ queryKey: PENDING_APPROVALS_KEY }),
  });
}
