import { X } from "lucide-react";
import { useMemo } from "react";
import type { ExecutionView, PipelineDocument } from "../../ipc/bindings";
import { formatMs } from "../../model/execution/summary";
import { layoutTimeline, segmentPercent, type SegmentKind, type TimelineRow } from "../../model/execution/timeline";
import { isRunning, statusClass, statusLabel } from "../../model/status";
import { useNow } from "./useNow";

const KIND_LABEL: Record<SegmentKind, string> = { queue: "waiting", run: "running", approval: "waiting for a decision (approval or pause)" };

/** `STAGE/ACTION` of every Manual approval of the version. */
function approvalsOf(document: PipelineDocument): Set<string> {
  const out = new Set<string>();
  for (const s of document.pipeline.stages) {
    for (const a of s.actions) if (a.actionTypeId.category === "Approval") out.add(`${s.name}/${a.name}`);
  }
  return out;
}

function rowSummary(row: TimelineRow): string {
  const parts = [statusLabel(row.status)];
  if (row.runMs > 0) parts.push(`ran ${formatMs(row.runMs)}`);
  if (row.queueMs > 0) parts.push(`waited ${formatMs(row.queueMs)}`);
  if (row.approvalMs > 0) parts.push(`approval wait ${formatMs(row.approvalMs)}`);
  if (row.attempt !== undefined && row.attempt > 1) parts.push(`attempt ${row.attempt}`);
  return parts.join(", ");
}

/** The timeline (Gantt) of the shown run: a row per stage and action, with queue, run and approval-wait segments. */
export function TimelinePanel({ execution, document, onClose }: { execution: ExecutionView; document: PipelineDocument; onClose: () => void }) {
  const running = isRunning(execution);
  const now = useNow(running);
  const approvals = useMemo(() => approvalsOf(document), [document]);
  const timeline = useMemo(() => layoutTimeline(execution, approvals, now), [execution, approvals, now]);
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <section className="timeline-panel" aria-label="Timeline">
      <header className="timeline-header">
        <h2 className="panel-title">Timeline</h2>
        <ul className="timeline-legend" aria-label="Legend">
          <li>
            <span className="timeline-swatch segment-run" aria-hidden="true" /> ran
          </li>
          <li>
            <span className="timeline-swatch segment-queue" aria-hidden="true" /> waiting (queue, earlier run order)
          </li>
          <li>
            <span className="timeline-swatch segment-approval" aria-hidden="true" /> waiting for a decision (approval or pause)
          </li>
        </ul>
        <button type="button" className="icon-button" aria-label="Close timeline" onClick={onClose}>
          <X size={16} aria-hidden="true" />
        </button>
      </header>
      <div className="timeline-axis" aria-hidden="true">
        <span className="timeline-label" />
        <div className="timeline-track">
          {ticks.map((t) => (
            <span key={t} className="timeline-tick" style={{ left: `${t * 100}%` }}>
              {formatMs(timeline.totalMs * t)}
            </span>
          ))}
        </div>
      </div>
      <ol className="timeline-rows">
        {timeline.rows.map((row) => {
          const name = row.kind === "stage" ? row.stageName : `${row.stageName} › ${row.actionName ?? ""}`;
          return (
            <li key={`${row.kind}/${row.stageName}/${row.actionName ?? ""}`} className={`timeline-row timeline-${row.kind}`} aria-label={`${name}: ${rowSummary(row)}`}>
              <span className="timeline-label" title={name}>
                <span className={`status-dot ${statusClass(row.status)}`} aria-hidden="true" />
                {row.kind === "stage" ? row.stageName : row.actionName}
              </span>
              <div className="timeline-track">
                {row.segments.map((seg, i) => {
                  const { left, width } = segmentPercent(seg, timeline.totalMs);
                  return (
                    <span
                      key={i}
                      className={`timeline-segment segment-${seg.kind}${row.open && i === row.segments.length - 1 ? " segment-open" : ""}${seg.kind === "run" ? ` ${statusClass(row.status)}` : ""}`}
                      style={{ left: `${left}%`, width: `${width}%` }}
                      title={`${name}: ${KIND_LABEL[seg.kind]} ${formatMs(seg.endMs - seg.startMs)} (from ${formatMs(seg.startMs)})`}
                      data-kind={seg.kind}
                    />
                  );
                })}
                {row.segments.length === 0 && <span className="timeline-none">Not started</span>}
              </div>
              <span className="timeline-duration">{row.runMs + row.approvalMs > 0 ? formatMs(row.runMs + row.approvalMs) : ""}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
