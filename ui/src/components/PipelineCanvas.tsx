import { Fragment, useMemo, useState } from "react";
import { useDebugSettings } from "../ipc/debug";
import { isPausePoint } from "../model/debug";
import { ActionMenu, type MenuAnchor } from "./debug/PauseMenu";
import type { Diagnostic, ExecutionView, PipelineDocument } from "../ipc/bindings";
import { actionStatus, isRunning, stageStatus, statusClass, statusLabel } from "../model/status";
import { attemptLabel, canRetry, elapsedLabel } from "../model/execution/summary";
import { RetryBar } from "./execution/RetryBar";
import { TransitionControl } from "./transitions/TransitionControl";
import { RerunFromHere } from "./rerun/RerunFromHere";
import { useNow } from "./execution/useNow";
import "../styles/execution.css";
import { artifactProducers } from "../model/artifacts";
import { actionKey, diagnosticsTooltip, worstSeverity, type DiagnosticIndex } from "../model/diagnostics";
import { layoutStages, type StageLayout } from "../model/layout";
import type { ActionRef } from "../model/artifacts";
import { ActionCard } from "./ActionCard";
import { SeverityIcon } from "./DiagnosticList";

interface PipelineCanvasProps {
  document: PipelineDocument;
  diagnostics: DiagnosticIndex;
  selectedAction: ActionRef | null;
  /** The latest run, whose statuses the cards show. */
  execution: ExecutionView | null;
  onOpenAction: (ref: ActionRef) => void;
  /** Retry a Failed or Stopped stage of the shown run (absent: no retry controls). */
  onRetry?: (stageName: string, allActions: boolean) => Promise<void>;
  /** Rerun the shown (ended) run from a stage on (absent: no rerun controls). */
  onRerun?: (stageName: string) => Promise<void>;
}

/** Whether the shown run can be rerun from `stageIndex`: it ended and every earlier stage succeeded. */
function canRerunFrom(execution: ExecutionView | null, stageIndex: number): boolean {
  if (!execution || isRunning(execution)) return false;
  return execution.stages.slice(0, stageIndex).every((s) => s.status === "Succeeded");
}

function StageColumn({
  stage,
  diagnostics,
  producers,
  selectedAction,
  execution,
  onOpenAction,
  onRetry,
  onRerun,
  now,
  isPaused,
  onMenu,
}: {
  stage: StageLayout;
  execution: ExecutionView | null;
  diagnostics: DiagnosticIndex;
  producers: ReturnType<typeof artifactProducers>;
  selectedAction: ActionRef | null;
  onOpenAction: (ref: ActionRef) => void;
  onRetry?: (stageName: string, allActions: boolean) => Promise<void>;
  onRerun?: (stageName: string) => Promise<void>;
  now: Date;
  /** Whether an action of this stage is marked "pause before". */
  isPaused: (actionName: string) => boolean;
  onMenu: (actionName: string, anchor: MenuAnchor) => void;
}) {
  const stageDiagnostics = diagnostics.stages.get(stage.index) ?? [];
  const severity = worstSeverity(stageDiagnostics);
  const manyRows = stage.rows.length > 1;
  const run = execution?.stages.find((s) => s.stageName === stage.name);
  return (
    <section role="region" aria-label={stage.name} className={`stage${severity ? ` has-${severity}` : ""}${run?.status === "InProgress" ? " stage-running" : ""}`} data-stage={stage.index}>
      <header className="stage-header">
        <StageHeaderInfo stage={stage} diagnostics={stageDiagnostics} execution={execution} now={now} />
        {onRerun && canRerunFrom(execution, stage.index) && (
          <RerunFromHere stageName={stage.name} {...(execution?.pipelineVersion !== undefined ? { version: execution.pipelineVersion } : {})} onRerun={onRerun} />
        )}
      </header>
      {onRetry && execution && run && canRetry(execution, run) && <RetryBar stageName={stage.name} status={run.status} onRetry={onRetry} />}
      <div className="stage-body">
        {stage.rows.length === 0 && <p className="stage-empty">No actions</p>}
        {stage.rows.map((row) => (
          <div key={row.runOrder} className="run-row" data-run-order={row.runOrder}>
            {manyRows && <div className="run-row-label">Run order {row.runOrder}</div>}
            <div className="run-row-actions">
              {row.actions.map(({ action, index }) => (
                <ActionCard
                  key={index}
                  action={action}
                  stageIndex={stage.index}
                  actionIndex={index}
                  diagnostics={diagnostics.actions.get(actionKey(stage.index, index)) ?? []}
                  producers={producers}
                  selected={selectedAction?.stage === stage.index && selectedAction.action === index}
                  status={actionStatus(execution, stage.name, action.name)}
                  run={run?.actions.find((a) => a.actionName === action.name)}
                  now={now}
                  onOpen={() => onOpenAction({ stage: stage.index, action: index })}
                  pauseBefore={isPaused(action.name)}
                  onMenu={(anchor) => onMenu(action.name, anchor)}
                />
              ))}
            </div>
          </div>
        ))}
      </div>
    </section>
  );
}

/** A stage header's text: name (heading), problems marker, status of the latest run, action count. */
export function StageHeaderInfo({
  stage,
  diagnostics,
  execution,
  now,
}: {
  stage: StageLayout;
  diagnostics: readonly Diagnostic[];
  execution: ExecutionView | null;
  /** Measures the elapsed time of a running stage (absent: the time of rendering). */
  now?: Date;
}) {
  const severity = worstSeverity(diagnostics);
  const status = stageStatus(execution, stage.name);
  const run = execution?.stages.find((s) => s.stageName === stage.name);
  const elapsed = run ? elapsedLabel(run, now) : "";
  const attempt = attemptLabel(run?.attempt);
  return (
    <>
      <h3 className="stage-name" title={stage.name}>
        {stage.name}
      </h3>
      {severity && (
        <span className={`marker marker-${severity}`} title={diagnosticsTooltip(diagnostics)}>
          <SeverityIcon severity={severity} />
          <span className="visually-hidden">
            {diagnostics.length} problem{diagnostics.length === 1 ? "" : "s"}
          </span>
        </span>
      )}
      {status !== undefined && (
        <span className={`status-chip ${statusClass(status)}`} data-stage-status={status}>
          {statusLabel(status)}
        </span>
      )}
      {(elapsed !== "" || attempt !== "") && (
        <span className="stage-run-meta">
          {elapsed}
          {elapsed !== "" && attempt !== "" ? " · " : ""}
          {attempt}
        </span>
      )}
      <span className="stage-count">
        {stage.actionCount} action{stage.actionCount === 1 ? "" : "s"}
      </span>
    </>
  );
}

/** Stages as columns left to right with transitions between them, in the console's style. */
export function PipelineCanvas({ document, diagnostics, selectedAction, execution, onOpenAction, onRetry, onRerun }: PipelineCanvasProps) {
  const stages = useMemo(() => layoutStages(document), [document]);
  const now = useNow(execution !== null && isRunning(execution));
  const producers = useMemo(() => artifactProducers(document), [document]);
  const pipelineName = document.pipeline.name;
  const debug = useDebugSettings(pipelineName).data;
  const [menu, setMenu] = useState<{ stageName: string; actionName: string; anchor: MenuAnchor } | null>(null);
  return (
    <div className="canvas" role="group" aria-label="Stages">
      {stages.map((stage, i) => (
        <Fragment key={`${i}-${stage.name}`}>
          {i > 0 && <TransitionControl pipelineName={document.pipeline.name} stageName={stage.name} />}
          <StageColumn
            stage={stage}
            diagnostics={diagnostics}
            producers={producers}
            selectedAction={selectedAction}
            execution={execution}
            onOpenAction={onOpenAction}
            onRetry={onRetry}
            {...(onRerun ? { onRerun } : {})}
            now={now}
            isPaused={(actionName) => isPausePoint(debug, stage.name, actionName)}
            onMenu={(actionName, anchor) => setMenu({ stageName: stage.name, actionName, anchor })}
          />
        </Fragment>
      ))}
      {stages.length === 0 && <p className="canvas-empty">This pipeline has no stages yet.</p>}
      {menu && <ActionMenu pipelineName={pipelineName} {...menu} onClose={() => setMenu(null)} />}
    </div>
  );
}
