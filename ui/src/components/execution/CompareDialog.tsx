import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import type { ExecutionView } from "../../ipc/bindings";
import { call } from "../../ipc/client";
import { compareExecutions } from "../../model/execution/compare";
import { formatMs, shortRevision } from "../../model/execution/summary";
import { statusLabel } from "../../model/status";
import { formatAbsolute } from "../../model/time";
import { Dialog } from "../dialogs/Dialog";

/** What a choice needs: an id, a status and a start (a summary from History or a whole view). */
interface Choice {
  executionId: string;
  status: string;
  startTime: string;
}

function label(v: Choice): string {
  return `${v.executionId.slice(0, 8)} · ${statusLabel(v.status)} · ${formatAbsolute(v.startTime)}`;
}

function ms(v: number | undefined): string {
  return v === undefined ? "—" : formatMs(v);
}

function delta(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined) return "";
  const d = b - a;
  if (Math.abs(d) < 1) return "±0";
  return `${d > 0 ? "+" : "−"}${formatMs(Math.abs(d))}`;
}

interface CompareDialogProps {
  pipeline: string;
  /** Executions this view has shown (offered even before the history is read), newest last. */
  seen: readonly ExecutionView[];
  onClose: () => void;
  /** Show an execution on the canvas. */
  onOpen: (executionId: string) => void;
}

/** The whole view of a chosen execution: one already seen, else read from the store. */
function useChosen(id: string, seen: readonly ExecutionView[]): ExecutionView | undefined {
  const known = seen.find((v) => v.executionId === id);
  const read = useQuery({
    queryKey: ["execution", id],
    queryFn: () => call("get_execution", { executionId: id }),
    enabled: id !== "" && known === undefined,
  });
  return known ?? read.data;
}

/** Two executions side by side: durations per stage and action, changed source revisions and artifacts. */
export function CompareDialog({ pipeline, seen, onClose, onOpen }: CompareDialogProps) {
  const history = useQuery({
    queryKey: ["compare-executions", pipeline],
    queryFn: () => call("list_executions", { pipeline, limit: 100 }),
    retry: false,
  });
  const newestFirst = useMemo(() => {
    const all = new Map<string, Choice>();
    for (const v of history.data?.executions ?? []) all.set(v.executionId, v);
    for (const v of seen) all.set(v.executionId, v);
    return [...all.values()].sort((x, y) => Date.parse(y.startTime) - Date.parse(x.startTime));
  }, [history.data, seen]);
  const [picked, setFirst] = useState<string | null>(null);
  const [pickedSecond, setSecond] = useState<string | null>(null);
  const first = picked ?? newestFirst[1]?.executionId ?? newestFirst[0]?.executionId ?? "";
  const second = pickedSecond ?? newestFirst[0]?.executionId ?? "";
  const a = useChosen(first, seen);
  const b = useChosen(second, seen);
  const comparison = useMemo(() => (a && b ? compareExecutions(a, b) : null), [a, b]);
  return (
    <Dialog title="Compare executions" onClose={onClose} size="large" description="Durations side by side, and what changed between the two runs.">
      <div className="dialog-body">
      <div className="compare-pickers">
        <label className="field">
          <span>First execution</span>
          <select className="input" value={first} onChange={(e) => setFirst(e.target.value)} data-autofocus>
            {newestFirst.map((v) => (
              <option key={v.executionId} value={v.executionId}>
                {label(v)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Second execution</span>
          <select className="input" value={second} onChange={(e) => setSecond(e.target.value)}>
            {newestFirst.map((v) => (
              <option key={v.executionId} value={v.executionId}>
                {label(v)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="compare-open">
        <button type="button" className="button button-small" disabled={first === ""} onClick={() => onOpen(first)}>
          Open first on the canvas
        </button>
        <button type="button" className="button button-small" disabled={second === ""} onClick={() => onOpen(second)}>
          Open second on the canvas
        </button>
      </div>
      {newestFirst.length < 2 && <p className="muted">Run the pipeline again (or open a past execution) to have two executions to compare.</p>}
      {comparison && a && b && (
        <>
          <table className="compare-table" aria-label="Durations">
            <thead>
              <tr>
                <th scope="col">Stage / action</th>
                <th scope="col">First</th>
                <th scope="col">Second</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              <tr className="compare-total">
                <th scope="row">Whole execution</th>
                <td>{ms(comparison.total.a)}</td>
                <td>{ms(comparison.total.b)}</td>
                <td>{delta(comparison.total.a, comparison.total.b)}</td>
              </tr>
              {comparison.durations.map((d) => (
                <tr key={`${d.kind}/${d.stageName}/${d.actionName ?? ""}`} className={`compare-${d.kind}`}>
                  <th scope="row">{d.kind === "stage" ? d.stageName : `${d.stageName} › ${d.actionName ?? ""}`}</th>
                  <td title={statusLabel(d.statusA)}>{ms(d.a)}</td>
                  <td title={statusLabel(d.statusB)}>{ms(d.b)}</td>
                  <td>{delta(d.a, d.b)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <section aria-label="Changed source revisions" className="compare-section">
            <h3>Changed source revisions</h3>
            {comparison.revisions.length === 0 ? (
              <p className="muted">Same source revisions.</p>
            ) : (
              <ul>
                {comparison.revisions.map((r) => (
                  <li key={r.actionName}>
                    {r.actionName}: <code>{r.a ? shortRevision(r.a) : "none"}</code> → <code>{r.b ? shortRevision(r.b) : "none"}</code>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-label="Changed artifacts" className="compare-section">
            <h3>Changed artifacts</h3>
            {comparison.artifacts.length === 0 ? (
              <p className="muted">Same artifacts (by digest).</p>
            ) : (
              <ul>
                {comparison.artifacts.map((x) => (
                  <li key={`${x.producer}/${x.name}`}>
                    {x.name} <span className="muted">({x.producer})</span>: <code>{x.a ? shortRevision(x.a) : "none"}</code> → <code>{x.b ? shortRevision(x.b) : "none"}</code>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
      </div>
    </Dialog>
  );
}
