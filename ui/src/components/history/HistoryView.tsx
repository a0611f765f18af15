import { ArrowLeft, History as HistoryIcon } from "lucide-react";
import { useMemo, useState } from "react";
import { hasFilters, listArgs, NO_FILTERS, rangeProblem, type HistoryFilters } from "../../model/history";
import { HistoryFilterBar } from "./HistoryFilters";
import { HistoryTable } from "./HistoryTable";
import { useHistoryPages } from "./useHistoryPages";
import "../../styles/history.css";

interface HistoryViewProps {
  /** One pipeline's history; every pipeline's when absent. */
  pipeline?: string;
  /** All-pipelines mode: the names the Pipeline filter offers. */
  pipelines?: string[];
  onOpenExecution: (pipeline: string, executionId: string) => void;
  /** One pipeline's history: back to its canvas. */
  onBack?: () => void;
}

/** Executions with status, trigger, revision, branch, start and duration; filters; keyset pages ("Load more"). */
export function HistoryView({ pipeline, pipelines, onOpenExecution, onBack }: HistoryViewProps) {
  const [filters, setFilters] = useState<HistoryFilters>(NO_FILTERS);
  const [narrowed, setNarrowed] = useState("");
  const scope = pipeline ?? (narrowed !== "" ? narrowed : undefined);
  const problem = rangeProblem(filters);
  const args = useMemo(() => listArgs(scope, filters), [scope, filters]);
  const { query, rows } = useHistoryPages(args, problem === undefined);
  const filtered = hasFilters(filters) || narrowed !== "";

  return (
    <section className="history-view" aria-labelledby="history-title">
      <header className="history-header">
        <div>
          <h1 id="history-title" className="pipeline-title">
            <HistoryIcon size={20} aria-hidden="true" className="history-title-icon" />
            {pipeline === undefined ? "History" : `History of ${pipeline}`}
          </h1>
          <p className="muted history-scope">{pipeline === undefined ? "Executions of every pipeline, newest first" : "Executions of this pipeline, newest first"}</p>
        </div>
        {onBack && (
          <button type="button" className="button" onClick={onBack}>
            <ArrowLeft size={16} aria-hidden="true" />
            Back to pipeline
          </button>
        )}
      </header>
      <HistoryFilterBar
        filters={filters}
        onChange={setFilters}
        {...(pipeline === undefined && pipelines ? { pipelines: { names: pipelines, chosen: narrowed, onChoose: setNarrowed } } : {})}
      />
      <div className="history-body">
        {problem !== undefined && (
          <div className="inline-error" role="alert">
            {problem}
          </div>
        )}
        {query.isError && (
          <div className="inline-error" role="alert">
            <code>{query.error.code}</code> {query.error.message}
          </div>
        )}
        {problem === undefined && query.isPending && <p className="muted history-note">Loading executions…</p>}
        {query.isSuccess && rows.length === 0 && (
          <div className="history-empty">
            <p className="history-empty-title">{filtered ? "No executions match these filters" : "No executions yet"}</p>
            <p className="muted">
              {filtered
                ? "Change or clear the filters to see more."
                : "Runs appear here as soon as they start: press Run on a pipeline, or use `pipewright run NAME`."}
            </p>
            {filtered && (
              <button
                type="button"
                className="button"
                onClick={() => {
                  setFilters(NO_FILTERS);
                  setNarrowed("");
                }}
              >
                Show all executions
              </button>
            )}
          </div>
        )}
        {rows.length > 0 && (
          <>
            <HistoryTable rows={rows} showPipeline={scope === undefined} onOpen={(r) => onOpenExecution(r.pipelineName, r.executionId)} />
            <div className="history-more">
              <p className="muted" aria-live="polite">
                {rows.length} execution{rows.length === 1 ? "" : "s"} shown{query.hasNextPage ? "; more are older" : ""}
              </p>
              {query.hasNextPage && (
                <button type="button" className="button" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
                  {query.isFetchingNextPage ? "Loading…" : "Load more"}
                </button>
              )}
            </div>
          </>
        )}
      </div>
    </section>
  );
}
