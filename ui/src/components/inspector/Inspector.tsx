// The designer's Inspector: the form of the selected action or stage. Standalone: it gets the
// document, the selection, the provider schemas and the diagnostics, and hands every edit
// (a new document and an undo label) to `onCommit`.
import { X } from "lucide-react";
import type { Diagnostic, PipelineDocument, ProviderSchema } from "../../ipc/bindings";
import type { EditResult } from "../../model/editing";
import { CategoryIcon } from "../icons";
import { ActionInspector } from "./ActionInspector";
import { StageInspector } from "./StageInspector";

export interface InspectorProps {
  document: PipelineDocument;
  selection: { stage: number; action: number } | { stage: number };
  providers: ProviderSchema[];
  diagnostics: Diagnostic[];
  onCommit: (doc: PipelineDocument, label: string) => void;
  onClose: () => void;
}

export function Inspector({ document, selection, providers, diagnostics, onCommit, onClose }: InspectorProps) {
  const stage = document.pipeline.stages[selection.stage];
  const action = "action" in selection ? stage?.actions[selection.action] : undefined;

  /** Commits a successful edit (unless it changed nothing); returns the message of a refused one. */
  const apply = (result: EditResult): string | undefined => {
    if (!result.ok) return result.error.message;
    if (result.doc !== document) onCommit(result.doc, result.label);
    return undefined;
  };

  const title = action?.name ?? stage?.name ?? "Nothing selected";
  const subtitle = action && stage ? `Action in stage ${stage.name}` : stage ? `Stage ${selection.stage + 1} of ${document.pipeline.stages.length}` : "";
  return (
    <aside
      className="details inspector inspector-form"
      aria-label="Inspector"
      onKeyDown={(e) => {
        // Fields that use Escape (dropping a draft, closing suggestions) stop it first.
        if (e.key === "Escape" && !e.defaultPrevented) onClose();
      }}
    >
      <header className="details-header">
        {action && <CategoryIcon type={action.actionTypeId} size={18} />}
        <div className="details-title">
          <h2 className="panel-title">{title}</h2>
          {subtitle && <p className="details-subtitle">{subtitle}</p>}
        </div>
        <button type="button" className="icon-button" aria-label="Close inspector" title="Close inspector (Esc)" onClick={onClose}>
          <X size={18} aria-hidden="true" />
        </button>
      </header>
      {!stage || ("action" in selection && !action) ? (
        <p className="muted">The selected element is no longer in the pipeline.</p>
      ) : action && "action" in selection ? (
        <ActionInspector
          // A new selection starts with fresh drafts.
          key={`a-${selection.stage}-${selection.action}`}
          document={document}
          at={selection}
          action={action}
          providers={providers}
          diagnostics={diagnostics}
          apply={apply}
        />
      ) : (
        <StageInspector key={`s-${selection.stage}`} document={document} index={selection.stage} stage={stage} diagnostics={diagnostics} apply={apply} />
      )}
    </aside>
  );
}
