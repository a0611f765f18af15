import { ChartColumn, Copy, ListOrdered, Download, History, PenLine, Play, Square, Trash2 } from "lucide-react";
import { useEffect, useMemo, useState } from "react";
import type { Diagnostic, ExecutionView, PipelineDetail, PipelineDocument } from "../ipc/bindings";
import { useLiveExecution } from "../ipc/execution";
import { useAppInfo, usePipeline, useProviders } from "../ipc/queries";
import { artifactProducers, type ActionRef } from "../model/artifacts";
import { actionKey, countBySeverity, indexDiagnostics } from "../model/diagnostics";
import { actionStatus, isRunning } from "../model/status";
import { formatAbsolute, formatRelative } from "../model/time";
import { addAction, addStage } from "../model/editing";
import { dropEdit } from "../state/designerDrop";
import { useEditSession, type EditSession } from "../state/editSession";
import { showError, showSuccess } from "../state/toasts";
import { ActionDetails } from "./ActionDetails";
import { NotificationsToggle } from "./notifications/NotificationsToggle";
import { KeepFailedToggle } from "./debug/KeepFailedToggle";
import { CanvasMenus, type OpenMenu } from "./designer/CanvasMenus";
import { ConfirmDialog, ConflictDialog, DiscardDialog } from "./designer/DesignerDialogs";
import { DesignerDnd } from "./designer/DesignerDnd";
import { EditCanvas } from "./designer/EditCanvas";
import { EditToolbar } from "./designer/EditToolbar";
import { Inspector } from "./inspector/Inspector";
import { CodeView } from "./code/CodeView";
import { Palette } from "./designer/Palette";
import { PipelineCanvas } from "./PipelineCanvas";
import { ProblemsPanel } from "./ProblemsPanel";
import { SampleNote } from "./SampleNote";
import { DuplicateDialog } from "./dialogs/DuplicateDialog";
import { RunDialog } from "./dialogs/RunDialog";
import { StopDialog } from "./dialogs/StopDialog";
import { VersionsPanel } from "./VersionsPanel";
import { ZoomArea } from "./ZoomControls";
import { CompareDialog } from "./execution/CompareDialog";
import { RunBar } from "./execution/RunBar";
import { TimelinePanel } from "./execution/TimelinePanel";

interface PipelineViewProps {
  name: string;
  onExport: () => void;
  onDelete: () => void;
  /** Open another pipeline (e.g. a duplicate just made). */
  onOpen?: (name: string) => void;
  /** Whether there are unsaved edits (the app asks before leaving them). */
  onDirtyChange?: (dirty: boolean) => void;
  /** Show this execution (e.g. a past one opened from History) instead of the latest run; a new serial shows it again. */
  openExecution?: { executionId: string; serial: number };
  /** Open an execution of a pipeline on its canvas (App's; Compare uses it). */
  onOpenExecution?: (pipeline: string, executionId: string) => void;
  /** Open this pipeline's History (its executions). */
  onShowHistory?: () => void;
  /** Open this pipeline's metrics Dashboard. */
  onShowDashboard?: () => void;
}

function focusAction(ref: ActionRef): void {
  const el = document.querySelector<HTMLElement>(`[data-action-key="${ref.stage}/${ref.action}"]`);
  el?.scrollIntoView({ block: "nearest", inline: "nearest" });
  el?.focus();
}

interface HeaderProps {
  detail: PipelineDetail;
  /** In edit mode: the session, and the edited document and its live diagnostics for the facts. */
  edit: { session: EditSession; document: PipelineDocument; diagnostics: readonly Diagnostic[]; onCancel: () => void } | null;
  onEdit: () => void;
  execution: ExecutionView | null;
  starting: boolean;
  onRun: () => void;
  onStop: () => void;
  versionsOpen: boolean;
  onVersions: () => void;
  onExport: () => void;
  onDuplicate: () => void;
  onDelete: () => void;
  onHistory?: () => void;
  onDashboard?: () => void;
}

function Header({ detail, edit, onEdit, execution, starting, onRun, onStop, versionsOpen, onVersions, onExport, onDuplicate, onDelete, onHistory, onDashboard }: HeaderProps) {
  const s = detail.summary;
  const running = execution !== null && isRunning(execution);
  const dirty = edit?.session.dirty ?? false;
  const runBlocked =
    !s.valid && !dirty
      ? `Version ${s.version} is invalid: fix its errors before running it`
      : starting
        ? "Starting…"
        : undefined;
  const diagnostics = edit ? edit.diagnostics : detail.diagnostics;
  const counts = countBySeverity(diagnostics);
  const valid = edit ? counts.error === 0 : s.valid;
  const stageCount = edit ? edit.document.pipeline.stages.length : s.stageCount;
  const actionCount = edit ? edit.document.pipeline.stages.reduce((n, st) => n + st.actions.length, 0) : s.actionCount;
  return (
    <header className="pipeline-header">
      <div className="pipeline-heading">
        <h1 className="pipeline-title">{s.name}</h1>
        <ul className="pipeline-facts" aria-label="Pipeline facts">
          {edit && <li className="fact fact-editing">Editing version {edit.session.version}</li>}
          {!edit && <li className="fact">Version {s.version}</li>}
          <li className="fact">{s.pipelineType}</li>
          <li className="fact">{s.executionMode}</li>
          <li className={`fact ${valid ? "fact-valid" : "fact-invalid"}`}>
            {valid ? "Valid" : `Invalid${counts.error > 0 ? ` · ${counts.error} error${counts.error === 1 ? "" : "s"}` : ""}`}
          </li>
          <li className="fact-plain">
            {stageCount} stage{stageCount === 1 ? "" : "s"} · {actionCount} action{actionCount === 1 ? "" : "s"}
          </li>
          <li className="fact-plain">
            Updated <time dateTime={s.updated} title={formatAbsolute(s.updated)}>{formatRelative(s.updated)}</time>
          </li>
        </ul>
      </div>
      <div className="toolbar">
        {edit && <EditToolbar session={edit.session} onCancel={edit.onCancel} />}
        <button
          type="button"
          className={`button ${edit ? "" : "button-primary"}`}
          onClick={onRun}
          disabled={runBlocked !== undefined}
          title={runBlocked ?? (dirty ? "Save your changes, then run" : running ? "Start another run of this pipeline" : "Run this pipeline")}
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
        {!edit && (
          <>
            <button type="button" className="button" onClick={onEdit} title="Edit the latest version">
              <PenLine size={16} aria-hidden="true" />
              Edit
            </button>
            <button type="button" className="button" onClick={onVersions} aria-pressed={versionsOpen}>
              <History size={16} aria-hidden="true" />
              Versions
            </button>
            {onHistory && (
              <button type="button" className="button" onClick={onHistory} title="Every execution of this pipeline, with filters">
                <ListOrdered size={16} aria-hidden="true" />
                Executions
              </button>
            )}
            {onDashboard && (
              <button type="button" className="button" onClick={onDashboard} title="Success rate, durations and failure hotspots of this pipeline">
                <ChartColumn size={16} aria-hidden="true" />
                Dashboard
              </button>
            )}
            <button type="button" className="button" onClick={onExport} aria-keyshortcuts="Control+E">
              <Download size={16} aria-hidden="true" />
              Export
            </button>
            <button type="button" className="button" onClick={onDuplicate} title="Copy this pipeline, e.g. for another environment">
              <Copy size={16} aria-hidden="true" />
              Duplicate
            </button>
            <NotificationsToggle name={s.name} />
            <KeepFailedToggle name={s.name} />
            <button type="button" className="button button-danger-outline" onClick={onDelete}>
              <Trash2 size={16} aria-hidden="true" />
              Delete
            </button>
          </>
        )}
      </div>
    </header>
  );
}

/** Ctrl+S, Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y while editing (not while a dialog is open; undo stays native in text fields). */
function useEditShortcuts(session: EditSession) {
  const { editing, save, undo, redo } = session;
  useEffect(() => {
    if (!editing) return;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || document.querySelector("dialog[open]")) return;
      const key = e.key.toLowerCase();
      const target = e.target as HTMLElement | null;
      const typing = target !== null && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
      if (key === "s" && !e.shiftKey) {
        e.preventDefault();
        void save();
      } else if (typing) {
        return;
      } else if (key === "z" && !e.shiftKey) {
        e.preventDefault();
        undo();
      } else if ((key === "z" && e.shiftKey) || (key === "y" && !e.shiftKey)) {
        e.preventDefault();
        redo();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [editing, save, undo, redo]);
}

/** The selected pipeline: header, the visual view (read-only, or the designer in edit mode), problems and details. */
export function PipelineView({ name, onExport, onDelete, onOpen, onDirtyChange, openExecution, onOpenExecution, onShowHistory, onShowDashboard }: PipelineViewProps) {
  const query = usePipeline(name);
  const live = useLiveExecution(name);
  const sample = useAppInfo().data?.sample;
  const session = useEditSession(name);
  const providers = useProviders(session.editing);
  const [opened, setOpened] = useState<{ pipeline: string; ref: ActionRef } | null>(null);
  const [stopping, setStopping] = useState(false);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [menu, setMenu] = useState<OpenMenu | null>(null);
  const [asking, setAsking] = useState<"discard" | "save-first" | null>(null);
  const [editorView, setEditorView] = useState<"canvas" | "split" | "code">("canvas");
  const [duplicating, setDuplicating] = useState(false);
  const [running, setRunning] = useState(false);
  const [timelineOpen, setTimelineOpen] = useState(false);
  const [comparing, setComparing] = useState(false);
  const detail = query.data;
  const editDoc = session.doc;
  const shownDiagnostics = session.editing ? session.diagnostics : detail?.diagnostics;
  const shownDoc = editDoc ?? detail?.document;
  const index = useMemo(() => (shownDoc && shownDiagnostics ? indexDiagnostics(shownDiagnostics, shownDoc) : undefined), [shownDoc, shownDiagnostics]);
  const producers = useMemo(() => (detail ? artifactProducers(detail.document) : new Map()), [detail]);
  const dirty = session.dirty;

  useEditShortcuts(session);

  // A past execution opened from elsewhere (History): show it on the canvas.
  const { show } = live;
  const openId = openExecution?.executionId;
  const openSerial = openExecution?.serial;
  useEffect(() => {
    if (openId !== undefined) show(openId).catch(showError);
  }, [openId, openSerial, show]);

  useEffect(() => {
    onDirtyChange?.(dirty);
  }, [dirty, onDirtyChange]);
  useEffect(() => () => onDirtyChange?.(false), [onDirtyChange]);

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
  const startEditing = () => {
    setOpened(null);
    setVersionsOpen(false);
    void session.start();
  };
  const cancelEditing = () => {
    if (session.dirty) setAsking("discard");
    else session.stop();
  };
  const run = () => {
    if (session.editing && session.dirty) {
      setAsking("save-first");
      return;
    }
    if ((doc.pipeline.variables ?? []).length > 0) setRunning(true);
    else void live.run().catch(showError);
  };

  const present = session.present;
  const selection = session.selection;
  const stageCount = present?.pipeline.stages.length ?? 0;
  const lastStage = Math.min(session.lastStage ?? stageCount - 1, stageCount - 1);

  const designer =
    session.editing && editDoc && present ? (
      <DesignerDnd document={present} onDrop={(drag, drop) => session.apply(dropEdit(present, drag, drop))}>
        <div className="pipeline-body">
          <Palette
            providers={providers.data}
            loading={providers.isPending}
            targetStage={present.pipeline.stages[lastStage]?.name}
            onAdd={(item) => {
              const stage = present.pipeline.stages[lastStage];
              if (!stage) {
                showError({ code: "E_EDIT", message: "Add a stage first: actions live in stages." });
                return;
              }
              const result = addAction(present, lastStage, item.template);
              if (session.apply(result, { focus: false, announce: false }) && result.ok) {
                session.announce(`Added ${result.label.replace(/^Add /, "")} to ${stage.name} as its last step.`);
              }
            }}
          />
          <div className="pipeline-main">
            <fieldset className="segmented editor-view" aria-label="Editor view">
              {(["canvas", "split", "code"] as const).map((v) => (
                <label key={v} className={`segment${editorView === v ? " active" : ""}`}>
                  <input type="radio" name="editor-view" checked={editorView === v} onChange={() => setEditorView(v)} />
                  {v === "canvas" ? "Canvas" : v === "split" ? "Split" : "Code"}
                </label>
              ))}
            </fieldset>
            <div className={`editor-panes editor-${editorView}`}>
            {editorView !== "code" && (
            <ZoomArea zoomKey={name}>
              <EditCanvas
                document={editDoc}
                diagnostics={diagnostics}
                execution={live.execution}
                session={session}
                onActionMenu={(ref, anchor) => setMenu({ kind: "action", ref, anchor })}
                onStageMenu={(stage, anchor) => setMenu({ kind: "stage", stage, anchor })}
                onAddStage={() => session.apply(addStage(present, present.pipeline.stages.length))}
                onAddAction={(stage, anchor) => setMenu({ kind: "add", stage, anchor })}
              />
            </ZoomArea>
            )}
            {editorView !== "canvas" && <CodeView document={present} diagnostics={[...session.diagnostics]} onCommit={session.commitDoc} />}
            </div>
            <ProblemsPanel
              diagnostics={session.diagnostics}
              document={editDoc}
              onReveal={(ref) => {
                session.select({ kind: "action", ref });
                focusAction(ref);
              }}
            />
          </div>
          {selection && present.pipeline.stages[selection.kind === "stage" ? selection.stage : selection.ref.stage] && (
            <Inspector
              document={present}
              selection={selection.kind === "stage" ? { stage: selection.stage } : { stage: selection.ref.stage, action: selection.ref.action }}
              providers={providers.data ?? []}
              diagnostics={[...session.diagnostics]}
              onCommit={session.commitDoc}
              onClose={() => session.select(null)}
            />
          )}
        </div>
        <CanvasMenus
          document={present}
          menu={menu}
          onCloseMenu={() => setMenu(null)}
          apply={(result) => session.apply(result)}
          providers={providers.data}
        />
      </DesignerDnd>
    ) : null;

  return (
    <div
      className={`pipeline-view${session.editing ? " edit-mode" : ""}`}
      onKeyDown={(e) => {
        if (e.defaultPrevented) return;
        if (e.key === "Escape" && session.editing && session.selection && !session.move) {
          e.preventDefault();
          session.select(null);
        } else if (e.key === "Escape" && openRef) {
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
        edit={session.editing && editDoc ? { session, document: editDoc, diagnostics: session.diagnostics, onCancel: cancelEditing } : null}
        onEdit={startEditing}
        execution={live.execution}
        starting={live.starting}
        onRun={run}
        onStop={() => setStopping(true)}
        versionsOpen={versionsOpen}
        onVersions={() => {
          setOpened(null);
          setVersionsOpen((v) => !v);
        }}
        onExport={onExport}
        onDuplicate={() => setDuplicating(true)}
        onDelete={onDelete}
        {...(onShowHistory ? { onHistory: onShowHistory } : {})}
        {...(onShowDashboard ? { onDashboard: onShowDashboard } : {})}
      />
      {live.execution && (
        <RunBar
          execution={live.execution}
          opened={live.pinned !== null}
          timelineOpen={timelineOpen}
          onTimeline={() => setTimelineOpen((v) => !v)}
          onCompare={() => setComparing(true)}
          onShowLatest={() => void live.showLatest().catch(showError)}
        />
      )}
      {sample?.pipeline === name && !session.editing && <SampleNote sample={sample} hasRun={live.execution !== null} />}
      {designer ?? (
        <div className="pipeline-body">
          <div className="pipeline-main">
            <ZoomArea zoomKey={name}>
              <PipelineCanvas
                document={doc}
                diagnostics={diagnostics}
                selectedAction={openRef}
                execution={live.execution}
                onOpenAction={open}
                onRetry={live.retry}
                onRerun={live.rerun}
              />
            </ZoomArea>
            {timelineOpen && live.execution && <TimelinePanel execution={live.execution} document={doc} onClose={() => setTimelineOpen(false)} />}
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
              run={live.execution?.stages.find((st) => st.stageName === openStage.name)?.actions.find((a) => a.actionName === openAction.name)}
              pipelineName={name}
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
      )}
      <div className="visually-hidden designer-announcer" aria-live="assertive" aria-atomic="true" data-serial={session.announcement.serial}>
        {session.editing ? session.announcement.text : ""}
      </div>
      {running && (
        <RunDialog name={name} variables={doc.pipeline.variables ?? []} onClose={() => setRunning(false)} onRun={(vars) => live.run(vars)} />
      )}
      {duplicating && (
        <DuplicateDialog
          pipeline={query.data.summary}
          document={doc}
          onClose={() => setDuplicating(false)}
          onDuplicated={(copy) => {
            setDuplicating(false);
            showSuccess(`Created ${copy.name}`);
            onOpen?.(copy.name);
          }}
        />
      )}
      {comparing && <CompareDialog
          pipeline={name}
          seen={live.seen}
          onClose={() => setComparing(false)}
          onOpen={(id) => {
            setComparing(false);
            if (onOpenExecution) onOpenExecution(name, id);
            else live.show(id).catch(showError);
          }}
        />}
      {stopping && live.execution && (
        <StopDialog executionId={live.execution.executionId} onClose={() => setStopping(false)} onStop={live.stop} />
      )}
      {asking === "discard" && (
        <DiscardDialog
          onClose={() => setAsking(null)}
          onDiscard={() => {
            setAsking(null);
            session.stop();
          }}
        />
      )}
      {asking === "save-first" && (
        <ConfirmDialog
          title="Save before running?"
          confirm="Save and run"
          onClose={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null);
            void session.save().then((saved) => {
              if (saved) return live.run();
            }).catch(showError);
          }}
        >
          <p>A run uses the saved version. Save your changes as a new version and run it?</p>
        </ConfirmDialog>
      )}
      {session.conflict && (
        <ConflictDialog
          name={name}
          opened={session.conflict.opened}
          message={session.conflict.message}
          onClose={session.dismissConflict}
          onReload={() => void session.reload()}
          onSaveMine={() => void session.saveOnLatest()}
        />
      )}
    </div>
  );
}
