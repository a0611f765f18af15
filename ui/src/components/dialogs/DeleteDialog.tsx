import type { PipelineSummary } from "../../ipc/bindings";
import { useDeletePipeline } from "../../ipc/queries";
import { Dialog } from "./Dialog";

interface DeleteDialogProps {
  pipeline: PipelineSummary;
  onClose: () => void;
  onDeleted: (name: string) => void;
}

/** Asks before deleting; says what happens to the execution history when there is one. */
export function DeleteDialog({ pipeline, onClose, onDeleted }: DeleteDialogProps) {
  const del = useDeletePipeline();
  const n = pipeline.executionCount;
  return (
    <Dialog title={`Delete pipeline ${pipeline.name}?`} role="alertdialog" onClose={onClose} size="small">
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (del.isPending) return;
          del.mutate(pipeline.name, { onSuccess: () => onDeleted(pipeline.name) });
        }}
      >
        <div className="dialog-body">
          <p>
            Every version of <strong>{pipeline.name}</strong> will be deleted. This cannot be undone.
          </p>
          {n > 0 && (
            <p className="warning-text">
              Its {n} execution{n === 1 ? "" : "s"} and their logs and artifacts will be deleted too.
            </p>
          )}
          {del.error && (
            <p className="inline-error" role="alert">
              <code>{del.error.code}</code> {del.error.message}
            </p>
          )}
        </div>
        <footer className="dialog-footer">
          <button type="button" className="button" onClick={onClose} data-autofocus>
            Cancel
          </button>
          <button type="submit" className="button button-danger" disabled={del.isPending}>
            Delete
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
