import { GitCommitHorizontal, Zap } from "lucide-react";
import type { ExecutionView } from "../../ipc/bindings";
import { elapsedMs, formatMs, revisionsLabel, triggerLabel } from "../../model/execution/summary";
import { isRunning, statusClass, statusLabel } from "../../model/status";
import { formatAbsolute, formatRelative } from "../../model/time";
import { useNow } from "./useNow";

interface RunSummaryBarProps {
  execution: ExecutionView;
  /** A past execution opened on purpose rather than the latest run. */
  opened: boolean;
}

/** The shown run in one line: status, trigger, source revisions, start and duration (live while it runs). */
export function RunSummaryBar({ execution, opened }: RunSummaryBarProps) {
  const running = isRunning(execution);
  const now = useNow(running);
  const duration = elapsedMs(execution.startTime, running ? undefined : execution.lastUpdateTime, now);
  const revisions = revisionsLabel(execution);
  return (
    <p className="run-summary" aria-label={opened ? "Opened run" : "Latest run"} data-status={execution.status} data-execution-id={execution.executionId}>
      <span className={`status-chip ${statusClass(execution.status)}`}>{statusLabel(execution.status)}</span>
      {opened && <span className="run-summary-id" title={execution.executionId}>Execution {execution.executionId.slice(0, 8)}</span>}
      <span className="run-summary-item" title="Trigger">
        <Zap size={13} aria-hidden="true" />
        {triggerLabel(execution.trigger)}
      </span>
      {revisions !== "" && (
        <span className="run-summary-item run-summary-revision" title={(execution.sourceRevisions ?? []).map((r) => `${r.actionName}: ${r.revisionId ?? "?"}${r.revisionSummary ? ` — ${r.revisionSummary}` : ""}`).join("\n")}>
          <GitCommitHorizontal size={13} aria-hidden="true" />
          {revisions}
        </span>
      )}
      <span>
        Started{" "}
        <time dateTime={execution.startTime} title={formatAbsolute(execution.startTime)}>
          {formatRelative(execution.startTime, now)}
        </time>
      </span>
      <span>Duration {duration === undefined ? "—" : formatMs(duration)}</span>
      {execution.statusSummary && <span className="run-summary-why">{execution.statusSummary}</span>}
    </p>
  );
}
