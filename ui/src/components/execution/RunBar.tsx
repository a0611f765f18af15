import { ChartGantt, GitCompareArrows } from "lucide-react";
import type { ExecutionView } from "../../ipc/bindings";
import { RunSummaryBar } from "./RunSummaryBar";

interface RunBarProps {
  execution: ExecutionView;
  /** A past execution opened on purpose (not the latest run). */
  opened: boolean;
  timelineOpen: boolean;
  onTimeline: () => void;
  onCompare: () => void;
  onShowLatest: () => void;
}

/** The bar under the pipeline's header: the shown run's summary, the timeline toggle, Compare, and back to the latest run. */
export function RunBar({ execution, opened, timelineOpen, onTimeline, onCompare, onShowLatest }: RunBarProps) {
  return (
    <div className={`run-bar${opened ? " run-bar-opened" : ""}`}>
      <RunSummaryBar execution={execution} opened={opened} />
      <div className="run-bar-tools">
        <button type="button" className="button button-small" aria-pressed={timelineOpen} onClick={onTimeline} title="Stages and actions on a time line, with their waits">
          <ChartGantt size={14} aria-hidden="true" />
          Timeline
        </button>
        <button type="button" className="button button-small" onClick={onCompare} title="Compare two executions: durations, source revisions, artifacts">
          <GitCompareArrows size={14} aria-hidden="true" />
          Compare
        </button>
        {opened && (
          <button type="button" className="button button-small" onClick={onShowLatest}>
            Show latest run
          </button>
        )}
      </div>
    </div>
  );
}
