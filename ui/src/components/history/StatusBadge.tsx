import { Ban, CircleCheck, CircleStop, CircleX, LoaderCircle, SkipForward, type LucideIcon } from "lucide-react";
import { statusClass, statusLabel } from "../../model/status";

const ICONS: Record<string, LucideIcon> = {
  Succeeded: CircleCheck,
  Failed: CircleX,
  InProgress: LoaderCircle,
  Stopping: LoaderCircle,
  Stopped: CircleStop,
  Superseded: SkipForward,
  Cancelled: Ban,
};

/** An execution's status as an icon, a colour and its word (never colour alone). */
export function StatusBadge({ status }: { status: string }) {
  const Icon = ICONS[status] ?? CircleStop;
  return (
    <span className={`history-status ${statusClass(status)}-text`} data-status={status}>
      <Icon size={15} aria-hidden="true" className={status === "InProgress" || status === "Stopping" ? "history-spin" : undefined} />
      {statusLabel(status)}
    </span>
  );
}
