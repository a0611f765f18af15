import type { ExecutionSummaryView } from "../../ipc/bindings";
import { revisionOf, rowDuration, shortId, triggerLabel, triggerTitle, variablesText } from "../../model/history";
import { formatAbsolute, formatRelative } from "../../model/time";
import { StatusBadge } from "./StatusBadge";

interface Props {
  rows: ExecutionSummaryView[];
  /** Show the pipeline column (all-pipelines mode). */
  showPipeline: boolean;
  onOpen: (row: ExecutionSummaryView) => void;
}

/** The executions, newest first; a row (or its id button) opens that execution on the canvas. */
export function HistoryTable({ rows, showPipeline, onOpen }: Props) {
  const now = new Date();
  return (
    <table className="history-table" aria-label="Executions">
      <thead>
        <tr>
          <th scope="col">Status</th>
          <th scope="col">Execution</th>
          {showPipeline && <th scope="col">Pipeline</th>}
          <th scope="col">Trigger</th>
          <th scope="col">Source revision</th>
          <th scope="col">Branch</th>
          <th scope="col">Started</th>
          <th scope="col">Duration</th>
          <th scope="col">Variables</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const rev = revisionOf(r);
          const vars = variablesText(r);
          return (
            <tr key={r.executionId} data-execution-id={r.executionId} onClick={() => onOpen(r)}>
              <td>
                <StatusBadge status={r.status} />
              </td>
              <td>
                <button
                  type="button"
                  className="history-open"
                  aria-label={`Open execution ${shortId(r.executionId)}`}
                  title={`${r.executionId}${r.statusSummary ? `\n${r.statusSummary}` : ""}`}
                  onClick={(e) => {
                    e.stopPropagation();
                    onOpen(r);
                  }}
                >
                  {shortId(r.executionId)}
                </button>
              </td>
              {showPipeline && <td className="history-pipeline">{r.pipelineName}</td>}
              <td title={triggerTitle(r)}>{triggerLabel(r)}</td>
              <td className="history-revision" title={rev?.full}>
                {rev ? (
                  <>
                    {rev.commit && <code>{rev.commit}</code>} <span>{rev.message}</span>
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>{r.branch ?? <span className="muted">—</span>}</td>
              <td>
                <time dateTime={r.startTime} title={formatAbsolute(r.startTime)}>
                  {formatRelative(r.startTime, now)}
                </time>
              </td>
              <td className="history-duration">{rowDuration(r, now)}</td>
              <td className="history-variables" title={vars}>
                {vars || <span className="muted">—</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
