import {
  DndContext,
  DragOverlay,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type ClientRect,
  type CollisionDetection,
  type DroppableContainer,
  type UniqueIdentifier,
  type DragEndEvent,
  type DragStartEvent,
  type Modifier,
} from "@dnd-kit/core";
import { getEventCoordinates } from "@dnd-kit/utilities";
import { Columns3 } from "lucide-react";
import { useState, type ReactNode } from "react";
import type { PipelineDocument } from "../../ipc/bindings";
import { accepts, type DragData, type DropData } from "../../state/designerDrop";
import { CategoryIcon } from "../icons";

interface DesignerDndProps {
  document: PipelineDocument;
  /** A drop: the session turns it into an edit (see designerDrop.dropEdit). */
  onDrop: (drag: DragData, drop: DropData) => void;
  children: ReactNode;
}

// The designer announces moves itself (one aria-live region, the keyboard model's words):
// dnd-kit's own live region stays silent.
const SILENT: Announcements = {
  onDragStart: () => undefined,
  onDragOver: () => undefined,
  onDragEnd: () => undefined,
  onDragCancel: () => undefined,
};

const dataOf = (x: { data: { current?: unknown } } | null | undefined) => x?.data.current as DragData | DropData | undefined;

/**
 * dnd-kit's measured rects read the scroll offsets of every scroll container on each property
 * access; with hundreds of landing places that was most of a drag step's work. Each measured
 * rect (a new object whenever dnd-kit measures again) is read once into plain numbers, with the
 * canvas's scroll position at that time, and shifted by how far the canvas scrolled since.
 */
interface Snapshot {
  top: number;
  left: number;
  bottom: number;
  right: number;
  scrollX: number;
  scrollY: number;
}
const snapshots = new WeakMap<object, Snapshot>();
let scroller: HTMLElement | null = null;

function canvasScroll(): { x: number; y: number } {
  if (!scroller?.isConnected) scroller = document.querySelector<HTMLElement>(".canvas-scroll");
  return scroller ? { x: scroller.scrollLeft, y: scroller.scrollTop } : { x: 0, y: 0 };
}

function plainRect(rect: ClientRect, scroll: { x: number; y: number }) {
  let s = snapshots.get(rect);
  if (!s) {
    s = { top: rect.top, left: rect.left, bottom: rect.bottom, right: rect.right, scrollX: scroll.x, scrollY: scroll.y };
    snapshots.set(rect, s);
  }
  const dx = s.scrollX - scroll.x;
  const dy = s.scrollY - scroll.y;
  return { top: s.top + dy, left: s.left + dx, bottom: s.bottom + dy, right: s.right + dx };
}

/** dnd-kit's pointerWithin over the snapshots: containers under the pointer, nearest corners first. */
const pointerWithinFast: CollisionDetection = ({ droppableContainers, droppableRects, pointerCoordinates }) => {
  if (!pointerCoordinates) return [];
  const { x, y } = pointerCoordinates;
  const scroll = canvasScroll();
  const hits: { id: UniqueIdentifier; data: { droppableContainer: DroppableContainer; value: number } }[] = [];
  for (const container of droppableContainers) {
    const measured = droppableRects.get(container.id);
    if (!measured) continue;
    const r = plainRect(measured, scroll);
    if (r.top <= y && y <= r.bottom && r.left <= x && x <= r.right) {
      const corners = [
        [r.left, r.top],
        [r.right, r.top],
        [r.left, r.bottom],
        [r.right, r.bottom],
      ] as const;
      const value = corners.reduce((sum, [cx, cy]) => sum + Math.hypot(cx - x, cy - y), 0) / 4;
      hits.push({ id: container.id, data: { droppableContainer: container, value: Number(value.toFixed(4)) } });
    }
  }
  return hits.sort((a, b) => a.data.value - b.data.value);
};

/**
 * Only landing places the dragged thing accepts. Actions and palette items land in the zone
 * under the pointer (a step or a gap), else on the stage under it (its new last step); stages
 * land on the stage nearest the pointer.
 */
const collision: CollisionDetection = (args) => {
  const drag = dataOf(args.active) as DragData | undefined;
  const droppableContainers = args.droppableContainers.filter((c) => accepts(drag, dataOf(c) as DropData | undefined));
  const hits = pointerWithinFast({ ...args, droppableContainers });
  if (drag?.kind === "stage") return hits;
  const rank = (id: string | number) => ((dataOf(droppableContainers.find((c) => c.id === id)) as DropData | undefined)?.kind === "zone" ? 0 : 1);
  return [...hits].sort((a, b) => rank(a.id) - rank(b.id));
};

/** The ghost follows the pointer from just below and right of it, so it never hides the insertion line. */
const besidePointer: Modifier = ({ activatorEvent, draggingNodeRect, transform }) => {
  const at = activatorEvent ? getEventCoordinates(activatorEvent) : null;
  if (!at || !draggingNodeRect) return transform;
  return { ...transform, x: transform.x + at.x - draggingNodeRect.left + 14, y: transform.y + at.y - draggingNodeRect.top + 12 };
};

function Ghost({ drag, document }: { drag: DragData; document: PipelineDocument }) {
  if (drag.kind === "stage") {
    const stage = document.pipeline.stages[drag.index];
    return (
      <div className="drag-ghost drag-ghost-stage">
        <Columns3 size={16} aria-hidden="true" />
        <span>{stage?.name}</span>
        <span className="drag-ghost-meta">{stage?.actions.length ?? 0} actions</span>
      </div>
    );
  }
  const action = drag.kind === "palette" ? drag.item.template : document.pipeline.stages[drag.ref.stage]?.actions[drag.ref.action];
  if (!action) return null;
  return (
    <div className="drag-ghost">
      <CategoryIcon type={action.actionTypeId} />
      <span>{action.name}</span>
      <span className="drag-ghost-meta">
        {action.actionTypeId.owner} / {action.actionTypeId.provider}
      </span>
    </div>
  );
}

/** The designer's drag and drop (dnd-kit): pointer sensor, landing rules and the drag ghost. */
export function DesignerDnd({ document, onDrop, children }: DesignerDndProps) {
  const [dragging, setDragging] = useState<DragData | null>(null);
  // A press becomes a drag after 6 px, so a click still selects.
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collision}
      accessibility={{ announcements: SILENT, screenReaderInstructions: { draggable: "" } }}
      onDragStart={(e: DragStartEvent) => setDragging((dataOf(e.active) as DragData | undefined) ?? null)}
      onDragCancel={() => setDragging(null)}
      onDragEnd={(e: DragEndEvent) => {
        setDragging(null);
        const drag = dataOf(e.active) as DragData | undefined;
        const drop = dataOf(e.over) as DropData | undefined;
        if (drag && drop) onDrop(drag, drop);
      }}
    >
      {children}
      <DragOverlay dropAnimation={null} modifiers={[besidePointer]}>{dragging && <Ghost drag={dragging} document={document} />}</DragOverlay>
    </DndContext>
  );
}
