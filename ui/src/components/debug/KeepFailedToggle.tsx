// The per-pipeline "Keep failed containers" switch: when on, a failed container action's
// container is kept (and its execution holds) so a terminal can be opened into it.
import { Container } from "lucide-react";
import { useDebugSettings, useSetKeepFailed } from "../../ipc/debug";
import { showError } from "../../state/toasts";
import "../../styles/debug.css";

export function KeepFailedToggle({ name }: { name: string }) {
  const settings = useDebugSettings(name).data;
  const set = useSetKeepFailed(name);
  if (settings === undefined) return null;
  const on = settings.keepFailedContainers;
  return (
    <button
      type="button"
      className={`button keep-failed-toggle${on ? " on" : ""}`}
      aria-label="Keep failed containers"
      aria-pressed={on}
      title={
        on
          ? `Failed containers of ${name} are kept for debugging: the run holds until you Continue or close the terminal. Click to turn it off.`
          : `Keep the container of a failed action of ${name}, to open a terminal in it. Click to turn it on.`
      }
      onClick={() => set.mutate(!on, { onError: showError })}
    >
      <Container size={16} aria-hidden="true" />
    </button>
  );
}
