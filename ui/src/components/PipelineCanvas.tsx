import { ArrowRight } from "lucide-react";
import { Fragment, useMemo } from "react";
import type { Diagnostic, ExecutionView, PipelineDocument } from "../ipc/bindings";
import { actionStatus, stageStatus, statusClass, statusLabel } from "../model/status";
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
}

function StageColumn({
  stage,
  diagnostics,
  producers,
  selectedAction,
  execution,
  onOpenAction,
}: {
  stage: StageLayout;
  execution: ExecutionView | null;
  diagnostics: DiagnosticIndex;
  producers: ReturnType<typeof artifactProducers>;
  selectedAction: ActionRef | null;
  onOpenAction: (ref: ActionRef) => void;
}) {
  const stageDiagnostics = diagnostics.stages.get(stage.index) ?? [];
  const severity = worstSeverity(stageDiagnostics);
  const manyRows = stage.rows.length > 1;
  return (
    <section role="region" aria-label={stage.name} className={`stage${severity ? ` has-${severity}` : ""}`} data-stage={stage.index}>
      <header className="stage-header">
        <StageHeaderInfo stage={stage} diagnostics={stageDiagnostics} execution={execution} />
      </header>
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
                  onOpen={() => onOpenAction({ stage: stage.index, action: index })}
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
}: {
  stage: StageLayout;
  diagnostics: readonly Diagnostic[];
  execution: ExecutionView | null;
}) {
  const severity = worstSeverity(diagnostics);
  const status = stageStatus(execution, stage.name);
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
      <span className="stage-count">
        {stage.actionCount} action{stage.actionCount === 1 ? "" : "s"}
      </span>
    </>
  );
}

/** Stages as columns left to right with transitions between them, in the console's style. */
export function PipelineCanvas({ document, diagnostics, selectedAction, execution, onOpenAction }: PipelineCanvasProps) {
  const stages = useMemo(() => layoutStages(document), [document]);
  const producers = useMemo(() => artifactProducers(document), [document]);
  return (
    <div className="canvas" role="group" aria-label="Stages">
      {stages.map((stage, i) => (
        <Fragment key={`${i}-${stage.name}`}>
          {i > 0 && (
            <div className="transition" aria-hidden="true">
              <span className="transition-line" />
              <ArrowRight size={16} className="transition-arrow" />
            </div>
          )}
          <StageColumn
            stage={stage}
            diagnostics={diagnostics}
            producers={producers}
            selectedAction={selectedAction}
            execution={execution}
            onOpenAction={onOpenAction}
          />
        </Fragment>
      ))}
      {stages.length === 0 && <p className="canvas-empty">This pipeline has no stages yet.</p>}
    </div>
  );
}
