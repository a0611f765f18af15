import { FileUp } from "lucide-react";
import { useCallback, useEffect, useRef, useState } from "react";
import type { PipelineSummary } from "../ipc/bindings";
import { call } from "../ipc/client";
import { usePipelines } from "../ipc/queries";
import { onFileDrop, type PickedFile } from "../platform";
import { showError, showSuccess } from "../state/toasts";
import { DiscardDialog } from "./designer/DesignerDialogs";
import { DeleteDialog } from "./dialogs/DeleteDialog";
import { ExportDialog } from "./dialogs/ExportDialog";
import { ImportDialog } from "./dialogs/ImportDialog";
import { NewPipelineDialog } from "./dialogs/NewPipelineDialog";
import { PipelineView } from "./PipelineView";
import { HistoryView } from "./history/HistoryView";
import { DashboardView } from "./dashboard/DashboardView";
import { Sidebar } from "./Sidebar";
import { Toasts } from "./Toasts";

type DialogState =
  | { kind: "new" }
  | { kind: "import"; file?: PickedFile; key: number }
  | { kind: "export"; name: string }
  | { kind: "delete"; name: string };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function App() {
  const list = usePipelines();
  const pipelines = list.data;
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [dialog, setDialog] = useState<DialogState | null>(null);
  const [dropping, setDropping] = useState(false);
  const readySent = useRef(false);
  // Unsaved edits in the pipeline view: leaving them (another pipeline, New, Import, closing
  // the window) asks first.
  const [dirty, setDirty] = useState(false);
  const dirtyRef = useRef(false);
  const [leaving, setLeaving] = useState<(() => void) | null>(null);
  // An execution to show on its pipeline's canvas (History's "open"), with a serial so that
  // opening the same one again shows it again.
  const [openedExecution, setOpenedExecution] = useState<{ pipeline: string; executionId: string; serial: number } | null>(null);
  // The History view in the main area: every pipeline's (from the sidebar) or one pipeline's.
  const [history, setHistory] = useState<{ pipeline?: string } | null>(null);
  // The metrics Dashboard in the main area: every pipeline's (from the sidebar) or one pipeline's.
  const [dashboard, setDashboard] = useState<{ pipeline?: string } | null>(null);
  // Opening History closes the Dashboard (state adjusted while rendering, as React advises).
  const [historyShown, setHistoryShown] = useState(history);
  if (historyShown !== history) {
    setHistoryShown(history);
    if (history !== null) setDashboard(null);
  }
  const openDashboard = (pipeline?: string) => {
    setHistory(null);
    setDashboard(pipeline === undefined ? {} : { pipeline });
  };
  const onDirtyChange = useCallback((d: boolean) => {
    dirtyRef.current = d;
    setDirty(d);
  }, []);
  /** Runs `go` now, or after "Discard unsaved changes?" when there are unsaved edits. */
  const guard = useCallback((go: () => void) => {
    if (dirtyRef.current) setLeaving(() => go);
    else go();
  }, []);

  /** Opens `executionId` of `pipeline` on that pipeline's canvas (for History and Compare). */
  const openExecution = useCallback(
    (pipeline: string, executionId: string) =>
      guard(() => {
        setChosen(pipeline);
        setOpenedExecution((o) => ({ pipeline, executionId, serial: (o?.serial ?? 0) + 1 }));
      }),
    [guard],
  );

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      // Asks the browser (or webview) to confirm leaving the page.
      e.preventDefault();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [dirty]);

  // The selection falls back to the first pipeline when nothing (or a deleted one) is chosen.
  const selected =
    chosen !== undefined && pipelines?.some((p) => p.name === chosen) ? chosen : pipelines?.[0]?.name;
  const find = (name: string): PipelineSummary | undefined => pipelines?.find((p) => p.name === name);

  // Tell the shell the list has painted once (start-up timing and the smoke mode use it).
  useEffect(() => {
    if (readySent.current || !pipelines) return;
    const frame = requestAnimationFrame(() => {
      readySent.current = true;
      call("app_ready", { listedPipelines: pipelines.length }).catch(() => {
        // Not fatal: only the shell's start-up measurement waits for it.
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [pipelines]);

  useEffect(() => {
    if (list.isError) showError(list.error);
  }, [list.isError, list.error]);

  // Files dropped anywhere on the window open the Import dialog with their text.
  useEffect(
    () =>
      onFileDrop({
        onHover: setDropping,
        onDrop: (file) => guard(() => setDialog({ kind: "import", file, key: Date.now() })),
        onError: showError,
      }),
    [guard],
  );

  // Shortcuts while no dialog is open.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (dialog !== null || leaving !== null || !(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      if (document.querySelector("dialog[open]")) return;
      const key = e.key.toLowerCase();
      if (key === "n") guard(() => setDialog({ kind: "new" }));
      else if (key === "o") guard(() => setDialog({ kind: "import", key: Date.now() }));
      else if (key === "e" && selected !== undefined) setDialog({ kind: "export", name: selected });
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [dialog, selected, guard, leaving]);

  const closeDialog = () => setDialog(null);
  const dialogPipeline = dialog && (dialog.kind === "export" || dialog.kind === "delete") ? find(dialog.name) : undefined;

  return (
    <div className="app">
      <Sidebar
        pipelines={pipelines}
        loading={list.isPending}
        failed={list.isError}
        onRetry={() => void list.refetch()}
        selected={selected}
        onHistory={() => guard(() => setHistory({}))}
        historyOpen={history !== null && history.pipeline === undefined}
        onDashboard={() => guard(() => openDashboard())}
        dashboardOpen={dashboard !== null && dashboard.pipeline === undefined}
        onSelect={(name) => {
          if (history !== null) setHistory(null);
          if (dashboard !== null) setDashboard(null);
          if (name !== selected) guard(() => setChosen(name));
        }}
        onNew={() => guard(() => setDialog({ kind: "new" }))}
        onImport={() => guard(() => setDialog({ kind: "import", key: Date.now() }))}
        onRequestDelete={(name) => setDialog({ kind: "delete", name })}
      />
      <main className="main">
        {dashboard !== null ? (
          <DashboardView
            key={dashboard.pipeline ?? ""}
            {...(dashboard.pipeline !== undefined ? { pipeline: dashboard.pipeline, onBack: () => setDashboard(null) } : {})}
          />
        ) : history !== null ? (
          <HistoryView
            key={history.pipeline ?? ""}
            {...(history.pipeline !== undefined ? { pipeline: history.pipeline, onBack: () => setHistory(null) } : { pipelines: pipelines?.map((p) => p.name) ?? [] })}
            onOpenExecution={(pipeline, executionId) => {
              setHistory(null);
              openExecution(pipeline, executionId);
            }}
          />
        ) : selected !== undefined ? (
          <PipelineView
            key={selected}
            name={selected}
            onExport={() => setDialog({ kind: "export", name: selected })}
            onDelete={() => setDialog({ kind: "delete", name: selected })}
            onOpen={setChosen}
            onDirtyChange={onDirtyChange}
            openExecution={openedExecution?.pipeline === selected ? openedExecution : undefined}
            onOpenExecution={openExecution}
            onShowHistory={() => setHistory({ pipeline: selected })}
            onShowDashboard={() => openDashboard(selected)}
          />
        ) : (
          <div className="empty-main">
            {pipelines && (
              <div className="empty-card">
                <FileUp size={32} aria-hidden="true" className="empty-icon" />
                <h1 className="empty-title">Design your first pipeline</h1>
                <p>
                  Use <strong>New pipeline</strong> to start from Source → Build → Test → Deploy, or <strong>Import</strong> a
                  CodePipeline definition (<code>aws codepipeline get-pipeline</code> output works as is).
                </p>
                <p className="muted">Tip: drop a .yaml or .json file anywhere on this window to import it.</p>
              </div>
            )}
          </div>
        )}
      </main>

      {dialog?.kind === "new" && (
        <NewPipelineDialog
          existingNames={pipelines?.map((p) => p.name) ?? []}
          onClose={closeDialog}
          onCreated={(summary, all) => {
            closeDialog();
            setChosen(summary.name);
            showSuccess(`Created ${all.map((p) => p.name).join(", ")}`);
          }}
        />
      )}
      {dialog?.kind === "import" && (
        <ImportDialog
          key={dialog.key}
          {...(dialog.file ? { initialFile: dialog.file } : {})}
          onClose={closeDialog}
          onImported={(saved, result) => {
            closeDialog();
            setChosen(saved.name);
            const warnings = result.diagnostics.filter((d) => d.severity === "warning").length;
            const note = !saved.valid ? " as an invalid draft" : warnings > 0 ? ` with ${plural(warnings, "warning")}` : "";
            showSuccess(`Imported ${saved.name} (version ${saved.version})${note}`);
          }}
        />
      )}
      {dialog?.kind === "export" && dialogPipeline && <ExportDialog pipeline={dialogPipeline} onClose={closeDialog} />}
      {dialog?.kind === "delete" && dialogPipeline && (
        <DeleteDialog
          pipeline={dialogPipeline}
          onClose={closeDialog}
          onDeleted={(name) => {
            closeDialog();
            setChosen(undefined);
            showSuccess(`Deleted ${name}`);
          }}
        />
      )}

      {leaving && (
        <DiscardDialog
          onClose={() => setLeaving(null)}
          onDiscard={() => {
            const go = leaving;
            setLeaving(null);
            dirtyRef.current = false;
            go();
          }}
        />
      )}
      {dropping && (
        <div className="drop-overlay" aria-hidden="true">
          <div className="drop-card">
            <FileUp size={36} />
            <p>Drop to import the pipeline</p>
          </div>
        </div>
      )}
      <Toasts />
    </div>
  );
}
