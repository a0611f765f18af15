import { Redo2, Save, Undo2, X } from "lucide-react";
import type { EditSession } from "../../state/editSession";

/** Edit mode's header controls: the dirty indicator, Undo, Redo, Cancel and Save. */
export function EditToolbar({ session, onCancel }: { session: EditSession; onCancel: () => void }) {
  return (
    <>
      {session.dirty && (
        <span className="dirty-indicator" title="These edits are not saved yet">
          <span className="dirty-dot" aria-hidden="true" />
          Unsaved changes
        </span>
      )}
      <div className="button-group">
        <button
          type="button"
          className="button"
          aria-label="Undo"
          title={`${session.undoTitle} (Ctrl+Z)`}
          aria-keyshortcuts="Control+Z"
          disabled={!session.canUndo}
          onClick={session.undo}
        >
          <Undo2 size={16} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="button"
          aria-label="Redo"
          title={`${session.redoTitle} (Ctrl+Shift+Z)`}
          aria-keyshortcuts="Control+Shift+Z Control+Y"
          disabled={!session.canRedo}
          onClick={session.redo}
        >
          <Redo2 size={16} aria-hidden="true" />
        </button>
      </div>
      <button type="button" className="button" onClick={onCancel} title="Leave edit mode without saving">
        <X size={16} aria-hidden="true" />
        Cancel
      </button>
      <button
        type="button"
        className="button button-primary"
        onClick={() => void session.save()}
        disabled={!session.dirty || session.busy}
        title={session.dirty ? "Save as a new version (Ctrl+S)" : "No changes to save"}
        aria-keyshortcuts="Control+S"
      >
        <Save size={16} aria-hidden="true" />
        Save
      </button>
    </>
  );
}
