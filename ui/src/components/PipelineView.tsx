import { Download, History, Play, Square, Trash2 } from "lucide-react";
import { useEffect, useMemo, useState } from "react";
import type { ExecutionView, PipelineDetail } from "../ipc/bindings";
import { useLiveExecution } from "../ipc/execution";
import { useAppInfo, usePipeline } from "../ipc/queries";
import { artifactProducers, type ActionRef } from "../model/artifacts";
import { actionKey, countBySeverity, indexDiagnostics } from "../model/diagnostics";
import { actionStatus, formatDuration, isRunning, statusClass, statusLabel } from "../model/status";
import { formatAbsolute, formatRelative } from "../model/time";
import { showError, showSuccess } from "../state/toasts";
import { ActionDetails } from "./ActionDetails";
import { PipelineCanvas } from "./PipelineCanvas";
import { ProblemsPanel } from "./ProblemsPanel";
import { SampleNote } from "./SampleNote";
import { StopDialog } from "./dialogs/StopDialog";
import { VersionsPanel } from "./VersionsPanel";

interface PipelineViewProps {
  name: string;
  onExport: () => void;
  onDelete: () => void;
}

function focusAction(ref: ActionRef): void {
  const el = document.querySelector<HTMLElement>(`[data-action-key="${ref.stage}/${ref.action}"]`);
  el?.scrollIntoView({ block: "nearest", inline: "nearest" });
  el?.focus();
}

function RunSummary({ execution }: { execution: ExecutionView }) {
  const end = isRunning(execution) ? new Date().toISOString() : execution.lastUpdateTime;
  return (
    <p className="run-summary" aria-label="Latest run" data-status={execution.status}>
      <span className={`status-chip ${statusClass(execution.status)}`}>{statusLabel(execution.status)}</span>
      <span>
        Started{" "}
        <time dateTime={execution.startTime} title={formatAbsolute(execution.startTime)}>
          {formatRelative(execution.startTime)}
        </time>
      </span>
      <span>Duration {formatDuration(execution.startTime, end)}</span>
    </p>
  );
}

interface HeaderProps {
  detail: PipelineDetail;
  execution: ExecutionView | null;
  starting: boolean;
  onRun: () => void;
  onStop: () => void;
  versionsOpen: boolean;
  onVersions: () => void;
  onExport: () => void;
  onDelete: () => void;
}

function Header({ detail, execution, starting, onRun, onStop, versionsOpen, onVersions, onExport, onDelete }: HeaderProps) {
  const s = detail.summary;
  const running = execution !== null && isRunning(execution);
  const runBlocked = !s.valid
    ? `Version ${s.version} is invalid: fix its errors before running it`
    : starting
      ? "Starting…"
      : undefined;
  const counts = countBySeverity(detail.diagnostics);
  return (
    <header className="pipeline-header">
      <div className="pipeline-heading">
        <h1 className="pipeline-title">{s.name}</h1>
        <ul className="pipeline-facts" aria-label="Pipeline facts">
          <li className="fact">Version {s.version}</li>
          <li className="fact">{s.pipelineType}</li>
          <li className="fact">{s.executionMode}</li>
          <li className={`fact ${s.valid ? "fact-valid" : "fact-invalid"}`}>
            {s.valid ? "Valid" : `Invalid${counts.error > 0 ? ` · ${counts.error} error${counts.error === 1 ? "" : "s"}` : ""}`}
          </li>
          <li className="fact-plain">
            {s.stageCount} stage{s.stageCount === 1 ? "" : "s"} · {s.actionCount} action{s.actionCount === 1 ? "" : "s"}
          </li>
          <li className="fact-plain">
            Updated <time dateTime={s.updated} title={formatAbsolute(s.updated)}>{formatRelative(s.updated)}</time>
          </li>
        </ul>
        {execution && <RunSummary execution={execution} />}
      </div>
      <div className="toolbar">
        <button
          type="button"
          className="button button-primary"
          onClick={onRun}
          disabled={runBlocked !== undefined}
          title={runBlocked ?? (running ? "Start another run of this pipeline" : "Run this pipeline")}
        >
          <Play size={16} aria-hidden="true" />
          Run
        </button>
        {running && (
          <button
            type="button"
            className="button button-danger-outline"
            onClick={onStop}
            disabled={execution.status === "Stopping"}
            title={execution.status === "Stopping" ? "Stopping…" : "Stop the latest run"}
          >
            <Square size={14} aria-hidden="true" />
            Stop
          </button>
        )}
        <button type="button" className="button" onClick={onVersions} aria-pressed={versionsOpen}>
          <History size={16} aria-hidden="true" />
          Versions
        </button>
        <button type="button" className="button" onClick={onExport} aria-keyshortcuts="Control+E">
          <Download size={16} aria-hidden="true" />
          Export
        </button>
        <button type="button" className="button button-danger-outline" onClick={onDelete}>
          <Trash2 size={16} aria-hidden="true" />
          Delete
        </button>
      </div>
    </header>
  );
}

/** The selected pipeline: header, the read-only visual view, problems and action details. */
export function PipelineView({ name, onExport, onDelete }: PipelineViewProps) {
  const query = usePipeline(name);
  const live = useLiveExecution(name);
  const sample = useAppInfo().data?.sample;
  const [opened, setOpened] = useState<{ pipeline: string; ref: ActionRef } | null>(null);
  const [stopping, setStopping] = useState(false);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const detail = query.data;
  const index = useMemo(() => (detail ? indexDiagnostics(detail.diagnostics, detail.document) : undefined), [detail]);
  const producers = useMemo(() => (detail ? artifactProducers(detail.document) : new Map()), [detail]);

  // The details panel narrows the canvas: keep the opened card in view.
  useEffect(() => {
    if (!opened) return;
    document
      .querySelector(`[data-action-key="${opened.ref.stage}/${opened.ref.action}"]`)
      ?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [opened]);

  if (query.isPending) {
    return (
      <div className="pipeline-view loading" aria-busy="true">
        <p className="muted">Loading {name}…</p>
      </div>
    );
  }
  if (query.isError) {
    return (
      <div className="pipeline-view">
        <div className="inline-error" role="alert">
          <code>{query.error.code}</code> {query.error.message}
        </div>
      </div>
    );
  }

  const doc = query.data.document;
  const openRef = opened?.pipeline === name ? opened.ref : null;
  const openAction = openRef ? doc.pipeline.stages[openRef.stage]?.actions[openRef.action] : undefined;
  const openStage = openRef ? doc.pipeline.stages[openRef.stage] : undefined;
  const diagnostics = index ?? indexDiagnostics([]);

  const open = (ref: ActionRef) => {
    setVersionsOpen(false);
    setOpened({ pipeline: name, ref });
  };
  const close = () => {
    const ref = openRef;
    setOpened(null);
    if (ref) focusAction(ref);
  };

  return (
    <div
      className="pipeline-view"
      onKeyDown={(e) => {
        if (e.key === "Escape" && openRef) {
          e.preventDefault();
          close();
        } else if (e.key === "Escape" && versionsOpen) {
          e.preventDefault();
          setVersionsOpen(false);
        }
      }}
    >
      <Header
        detail={query.data}
        execution={live.execution}
        starting={live.starting}
        onRun={() => void live.run().catch(showError)}
        onStop={() => setStopping(true)}
        versionsOpen={versionsOpen}
        onVersions={() => {
          setOpened(null);
          setVersionsOpen((v) => !v);
        }}
        onExport={onExport}
        onDelete={onDelete}
      />
      {sample?.pipeline === name && <SampleNote sample={sample} hasRun={live.execution !== null} />}
      <div className="pipeline-body">
        <div className="pipeline-main">
          <div className="canvas-scroll">
            <PipelineCanvas
              document={doc}
              diagnostics={diagnostics}
              selectedAction={openRef}
              execution={live.execution}
              onOpenAction={open}
            />
          </div>
          <ProblemsPanel
            diagnostics={query.data.diagnostics}
            document={doc}
            onReveal={(ref) => {
              open(ref);
              focusAction(ref);
            }}
          />
        </div>
        {openRef && openAction && openStage && (
          <ActionDetails
            action={openAction}
            stageName={openStage.name}
            diagnostics={diagnostics.actions.get(actionKey(openRef.stage, openRef.action)) ?? []}
            producers={producers}
            executionId={live.execution?.executionId}
            status={actionStatus(live.execution, openStage.name, openAction.name)}
            onClose={close}
          />
        )}
        {versionsOpen && (
          <VersionsPanel
            name={name}
            onClose={() => setVersionsOpen(false)}
            onRestored={(version) => showSuccess(`Restored as version ${version}`)}
          />
        )}
      </div>
      {stopping && live.execution && (
        <StopDialog executionId={live.execution.executionId} onClose={() => setStopping(false)} onStop={live.stop} />
      )}
    </div>
  );
}
