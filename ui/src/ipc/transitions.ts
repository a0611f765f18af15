// Disabled stage transitions of a pipeline, and enabling/disabling one.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SetTransitionArgs } from "./bindings";
import { call } from "./client";

const transitionsKey = (name: string) => ["transitions", name] as const;

export function useTransitions(name: string) {
  return useQuery({ queryKey: transitionsKey(name), queryFn: () => call("list_transitions", { name }) });
}

export function useSetTransition() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (args: SetTransitionArgs) => call("set_transition", args),
    onSettled: (_data, _error, args) => client.invalidateQueries({ queryKey: transitionsKey(args.name) }),
  });
}
