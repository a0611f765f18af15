import type { ApprovalView } from "../ipc/bindings";

/** "in 6 days", "in 3 h", "in 12 min", "now": how long until a deadline, for people. */
export function timeLeft(deadline: string, now: number): string {
  const ms = Date.parse(deadline) - now;
  if (!Number.isFinite(ms)) return "";
  if (ms <= 0) return "now";
  const min = Math.ceil(ms / 60_000);
  if (min < 60) return `in ${min} min`;
  const h = Math.round(min / 60);
  if (h < 48) return `in ${h} h`;
  return `in ${Math.round(h / 24)} days`;
}

/** One line on what happened to an approval: "Approved by ana at 12:03: ship it". */
export function decisionLine(a: ApprovalView): string {
  const verb: Record<string, string> = {
    APPROVED: "Approved",
    REJECTED: "Rejected",
    TIMED_OUT: "Timed out",
    CANCELLED: "Cancelled",
    PENDING: "Waiting for a decision",
  };
  // A pause point is continued or failed, not approved or rejected; a kept container's
  // debugging ends (the text of its CustomData says which it is).
  const pause: Record<string, string> = { APPROVED: "Continued", REJECTED: "Failed", PENDING: "Waiting to continue" };
  const debugging: Record<string, string> = {
    APPROVED: "Debugging ended",
    REJECTED: "Debugging ended",
    TIMED_OUT: "Debugging timed out",
    CANCELLED: "Debugging ended with the run",
    PENDING: "Waiting while the container is debugged",
  };
  const held = /\bcontainer was kept\b/.test(a.customData ?? "");
  const words = a.kind === "PAUSE" ? (held ? debugging : pause) : undefined;
  let line = words?.[a.status] ?? verb[a.status] ?? a.status;
  if (a.decidedBy) line += ` by ${a.decidedBy}`;
  if (a.decidedTime) line += ` at ${new Date(a.decidedTime).toLocaleString()}`;
  if (a.comment) line += `: ${a.comment}`;
  return line;
}
