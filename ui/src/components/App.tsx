import { FileUp } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import type { PipelineSummary } from "../ipc/bindings";
import { call } from "../ipc/client";
import { usePipelines } from "../ipc/queries";
import { onFileDrop, type PickedFile } from "../platform";
import { showError, showSuccess } from "../state/toasts";
import { DeleteDialog } from "./dialogs/DeleteDialog";
import { ExportDialog } from "./dialogs/ExportDialog";
import { ImportDialog } from "./dialogs/ImportDialog";
import { NewPipelineDialog } from "./dialogs/NewPipelineDialog";
import { PipelineView } from "./PipelineView";
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
        onDrop: (file) => setDialog({ kind: "import", file, key: Date.now() }),
        onError: showError,
      }),
    [],
  );

  // Shortcuts while no dialog is open.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (dialog !== null || !(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const key = e.key.toLowerCase();
      if (key === "n") setDialog({ kind: "new" });
      else if (key === "o") setDialog({ kind: "import", key: Date.now() });
      else if (key === "e" && selected !== undefined) setDialog({ kind: "export", name: selected });
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [dialog, selected]);

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
        onSelect={setChosen}
        onNew={() => setDialog({ kind: "new" })}
        onImport={() => setDialog({ kind: "import", key: Date.now() })}
        onRequestDelete={(name) => setDialog({ kind: "delete", name })}
      />
      <main className="main">
        {selected !== undefined ? (
          <PipelineView
            key={selected}
            name={selected}
            onExport={() => setDialog({ kind: "export", name: selected })}
            onDelete={() => setDialog({ kind: "delete", name: selected })}
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
          onCreated={(summary) => {
            closeDialog();
            setChosen(summary.name);
            showSuccess(`Created ${summary.name}`);
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
