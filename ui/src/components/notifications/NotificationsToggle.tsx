// The per-pipeline switch for desktop notifications (an execution ended or waits for
// approval): a toggle button in the pipeline's toolbar, backed by the
// `notifications.enabled.NAME` setting through `get_notifications` / `set_notifications`.
import { Bell, BellOff } from "lucide-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { call } from "../../ipc/client";
import { showError } from "../../state/toasts";
import "../../styles/notifications.css";

const notificationsKey = (name: string) => ["notifications", name] as const;

function useNotificationsSwitch(name: string) {
  const qc = useQueryClient();
  const query = useQuery({ queryKey: notificationsKey(name), queryFn: () => call("get_notifications", { name }) });
  const mutation = useMutation({
    mutationFn: (enabled: boolean) => call("set_notifications", { name, enabled }),
    onMutate: (enabled) => qc.setQueryData(notificationsKey(name), enabled),
    onError: (error) => {
      showError(error);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: notificationsKey(name) }),
  });
  return { enabled: query.data, set: (enabled: boolean) => mutation.mutate(enabled) };
}

export function NotificationsToggle({ name }: { name: string }) {
  const { enabled, set } = useNotificationsSwitch(name);
  if (enabled === undefined) return null;
  const Icon = enabled ? Bell : BellOff;
  return (
    <button
      type="button"
      className={`button notifications-toggle${enabled ? " on" : ""}`}
      aria-label="Desktop notifications"
      aria-pressed={enabled}
      title={
        enabled
          ? `Desktop notifications are on: you are told when a run of ${name} ends or waits for approval. Click to turn them off.`
          : `Desktop notifications are off for ${name}. Click to turn them on.`
      }
      onClick={() => set(!enabled)}
    >
      <Icon size={16} aria-hidden="true" />
    </button>
  );
}
