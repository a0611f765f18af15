import { useDraggable } from "@dnd-kit/core";
import { ChevronLeft, ChevronRight, CloudOff } from "lucide-react";
import { useMemo, useState, type PointerEvent } from "react";
import type { ProviderSchema } from "../../ipc/bindings";
import type { DragData } from "../../state/designerDrop";
import { paletteGroups, type PaletteItem } from "../../state/palette";
import { CategoryIcon } from "../icons";

interface PaletteProps {
  providers: readonly ProviderSchema[] | undefined;
  loading: boolean;
  /** Enter on an item: add it to the focused (or last focused) stage. */
  onAdd: (item: PaletteItem) => void;
  /** Where Enter adds, for the hint: the stage's name. */
  targetStage: string | undefined;
}

function Item({ item, onAdd }: { item: PaletteItem; onAdd: (item: PaletteItem) => void }) {
  const { setNodeRef, listeners, isDragging } = useDraggable({ id: `palette:${item.id}`, data: { kind: "palette", item } satisfies DragData });
  const onPointerDown = listeners?.onPointerDown as ((e: PointerEvent<HTMLDivElement>) => void) | undefined;
  const descId = `palette-${item.id.replace(/\W/g, "-")}-desc`;
  return (
    <li>
      <div
        ref={setNodeRef}
        role="button"
        tabIndex={0}
        aria-roledescription="draggable"
        aria-label={item.provider}
        aria-describedby={descId}
        className={`palette-item${isDragging ? " dragging" : ""}`}
        data-palette-item={item.id}
        onPointerDown={onPointerDown}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            onAdd(item);
          }
        }}
      >
        <CategoryIcon type={item.template.actionTypeId} size={14} />
        <span className="palette-item-text">
          <span className="palette-item-name">
            {item.provider}
            <span className="palette-owner">{item.owner}</span>
          </span>
          <span id={descId} className="palette-item-desc">
            {item.description}
            {!item.runsLocally && (
              <span className="palette-remote">
                <CloudOff size={11} aria-hidden="true" /> Cannot run locally
              </span>
            )}
          </span>
        </span>
      </div>
    </li>
  );
}

/**
 * The providers to add, by category (local providers first): drag one onto a stage position,
 * or press Enter on it to add it to the focused stage as a new last step.
 */
export function Palette({ providers, loading, onAdd, targetStage }: PaletteProps) {
  const [open, setOpen] = useState(true);
  const groups = useMemo(() => paletteGroups(providers ?? []), [providers]);
  if (!open) {
    return (
      <aside className="palette collapsed" aria-label="Palette">
        <button type="button" className="icon-button" aria-label="Show palette" aria-expanded={false} title="Show palette" onClick={() => setOpen(true)}>
          <ChevronRight size={16} aria-hidden="true" />
        </button>
      </aside>
    );
  }
  return (
    <aside className="palette" aria-label="Palette">
      <header className="palette-header">
        <h2 className="panel-title">Add actions</h2>
        <button type="button" className="icon-button" aria-label="Hide palette" aria-expanded={true} title="Hide palette" onClick={() => setOpen(false)}>
          <ChevronLeft size={16} aria-hidden="true" />
        </button>
      </header>
      <p className="palette-hint">
        Drag onto a stage, or press Enter to add to {targetStage ? <strong>{targetStage}</strong> : "the focused stage"}.
      </p>
      {loading && <p className="muted palette-hint">Loading providers…</p>}
      <div className="palette-groups">
        {groups.map((group) => (
          <section key={group.category} role="group" aria-label={group.category} className="palette-group">
            <h3 className="palette-group-title">{group.category}</h3>
            <ul className="palette-list">
              {group.items.map((item) => (
                <Item key={item.id} item={item} onAdd={onAdd} />
              ))}
            </ul>
          </section>
        ))}
      </div>
    </aside>
  );
}
