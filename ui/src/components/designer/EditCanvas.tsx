import { useDndContext, useDraggable, useDroppable } from "@dnd-kit/core";
import { ArrowRight, EllipsisVertical, GripVertical, Plus } from "lucide-react";
import { Fragment, memo, useLayoutEffect, useMemo, type KeyboardEvent, type MouseEvent, type PointerEvent, type ReactNode } from "react";
import type { ExecutionView, PipelineDocument } from "../../ipc/bindings";
import { artifactProducers, type ActionRef } from "../../model/artifacts";
import { actionKey, worstSeverity, type DiagnosticIndex } from "../../model/diagnostics";
import type { DropTarget } from "../../model/editing";
import { layoutStages, type StageLayout } from "../../model/layout";
import { actionStatus } from "../../model/status";
import type { DragData, DropData } from "../../state/designerDrop";
import type { EditSession } from "../../state/editSession";
import { ActionCard } from "../ActionCard";
import { StageHeaderInfo } from "../PipelineCanvas";
import { useDebugSettings } from "../../ipc/debug";
import { isPausePoint } from "../../model/debug";
import "../../styles/designer-add.css";

/** Where a context menu opens: at the pointer, or below the focused control. */
export interface MenuAnchor {
  x: number;
  y: number;
  opener: HTMLElement | null;
}

interface EditCanvasProps {
  document: PipelineDocument;
  diagnostics: DiagnosticIndex;
  execution: ExecutionView | null;
  session: EditSession;
  onActionMenu: (ref: ActionRef, anchor: MenuAnchor) => void;
  onStageMenu: (stage: number, anchor: MenuAnchor) => void;
  onAddStage: () => void;
  /** The stage's "Add action" button: open the provider picker below it. */
  onAddAction?: (stage: number, anchor: MenuAnchor) => void;
}

const zoneId = (t: DropTarget) => (t.kind === "row" ? `zone:${t.stage}:row:${t.row}` : `zone:${t.stage}:before:${t.before}`);

type PointerListener = (e: PointerEvent<HTMLElement>) => void;

function activeDrag(data: unknown): DragData | undefined {
  return data as DragData | undefined;
}

function anchorBelow(el: HTMLElement): MenuAnchor {
  const r = el.getBoundingClientRect();
  return { x: r.left + 12, y: r.top + Math.min(r.height, 40), opener: el };
}

function anchorAt(e: MouseEvent<HTMLElement>): MenuAnchor {
  return { x: e.clientX, y: e.clientY, opener: e.currentTarget };
}

const isMenuKey = (e: KeyboardEvent) => e.key === "ContextMenu" || (e.shiftKey && e.key === "F10");

/** Focuses the card or stage handle a keyboard move or an edit asks for, once it is drawn. */
function useFocusRequest(session: EditSession) {
  const request = session.focusRequest;
  useLayoutEffect(() => {
    if (!request) return;
    const t = request.target;
    const selector = t.kind === "action" ? `[data-action-key="${t.ref.stage}/${t.ref.action}"]` : `[data-stage-handle="${t.stage}"]`;
    const el = document.querySelector<HTMLElement>(selector);
    el?.scrollIntoView({ block: "nearest", inline: "nearest" });
    el?.focus();
  }, [request]);
}

/** A gap between two steps of a stage: dropping here makes a new step. */
function BetweenZone({ target, accepting, empty }: { target: DropTarget; accepting: boolean; empty: boolean }) {
  const { setNodeRef, isOver } = useDroppable({ id: zoneId(target), data: { kind: "zone", target } satisfies DropData });
  const classes = ["drop-gap"];
  if (accepting) classes.push("accepting");
  if (isOver) classes.push("over");
  if (empty) classes.push("drop-gap-empty");
  return (
    <div ref={setNodeRef} className={classes.join(" ")} data-drop-zone={zoneId(target)} aria-hidden="true">
      {empty ? <span className="drop-gap-text">{accepting ? "Drop here" : "No actions yet"}</span> : <span className="drop-gap-line" />}
      {isOver && !empty && <span className="drop-gap-label">New step</span>}
    </div>
  );
}

type CardProps = Parameters<typeof ActionCard>[0];

/** For actions without diagnostics: one array, so a card's inputs stay equal between renders. */
const NO_DIAGNOSTICS: CardProps["diagnostics"] = [];

function DraggableCard({
  stage,
  index,
  document,
  action,
  diagnostics,
  producers,
  status,
  session,
  onMenu,
  pauseBefore,
}: {
  stage: StageLayout;
  index: number;
  document: PipelineDocument;
  action: CardProps["action"];
  diagnostics: CardProps["diagnostics"];
  producers: CardProps["producers"];
  status: CardProps["status"];
  session: EditSession;
  onMenu: (ref: ActionRef, anchor: MenuAnchor) => void;
  /** Marked "pause before" (a local debug setting). */
  pauseBefore: boolean;
}) {
  const ref = useMemo(() => ({ stage: stage.index, action: index }), [stage.index, index]);
  const name = document.pipeline.stages[stage.index]?.actions[index]?.name ?? "";
  const drag = useDraggable({ id: `action:${stage.index}/${index}:${name}`, data: { kind: "action", ref } satisfies DragData });
  const move = session.move;
  const lifted = move?.kind === "action" && move.at.stage === stage.index && move.at.action === index;
  const sel = session.selection;
  const selected = sel?.kind === "action" && sel.ref.stage === stage.index && sel.ref.action === index;
  const { setNodeRef, isDragging } = drag;
  const onPointerDown = drag.listeners?.onPointerDown as PointerListener | undefined;
  // useDraggable (and the stage's own hooks) re-render this whenever dnd-kit's `over` changes
  // during a drag: every card, each time the pointer enters another zone. The card itself only
  // changes with these inputs, so it is not rendered again for that.
  return useMemo(
    () => (
    <ActionCard
      action={action}
      stageIndex={stage.index}
      actionIndex={index}
      diagnostics={diagnostics}
      producers={producers}
      status={status}
      selected={selected}
      onOpen={() => session.select({ kind: "action", ref })}
      pauseBefore={pauseBefore}
      edit={{
        nodeRef: setNodeRef,
        onPointerDown,
        lifted,
        dragging: isDragging,
        onFocus: () => {
          // Focus moved to another card (a click, a problem revealed): the lifted one goes back.
          if (session.move && !lifted) session.cancelMove();
          session.noteStage(stage.index);
        },
        onContextMenu: (e) => {
          e.preventDefault();
          onMenu(ref, anchorAt(e));
        },
        onKeyDown: (e) => {
          if (session.move?.kind === "action") {
            if (e.key === "Tab") session.cancelMove();
            else if (session.moveWithKey(e.key)) e.preventDefault();
            return;
          }
          if (e.key === " ") {
            e.preventDefault();
            session.liftAction(ref);
          } else if (e.key === "Enter") {
            e.preventDefault();
            session.select({ kind: "action", ref });
          } else if (isMenuKey(e)) {
            e.preventDefault();
            onMenu(ref, anchorBelow(e.currentTarget));
          }
        },
      }}
    />
    ),
    [action, index, diagnostics, producers, status, selected, session, ref, setNodeRef, onPointerDown, lifted, isDragging, stage.index, onMenu, pauseBefore],
  );
}

/** One run-order row: dropping on it runs the action in parallel with the row's actions. */
function RowZone({ target, accepting, children }: { target: DropTarget; accepting: boolean; children: ReactNode }) {
  const { setNodeRef, isOver } = useDroppable({ id: zoneId(target), data: { kind: "zone", target } satisfies DropData });
  return (
    <div ref={setNodeRef} className={`run-row drop-row${accepting ? " accepting" : ""}${isOver ? " over" : ""}`} data-drop-zone={zoneId(target)}>
      {children}
      {isOver && <span className="drop-row-label">Run in parallel</span>}
    </div>
  );
}

/**
 * One stage in edit mode. Memoized: dnd-kit's context changes on every pointer move of a drag,
 * so only EditCanvas reads it and hands each stage what it needs (a 30×20 pipeline re-rendering
 * its 600 cards per move dropped frames).
 */
const EditStage = memo(function EditStage({
  stage,
  props,
  acceptsActions,
  draggingStage,
}: {
  stage: StageLayout;
  props: EditCanvasProps;
  /** An action or palette item is being dragged. */
  acceptsActions: boolean;
  /** The index of the stage being dragged, if one is. */
  draggingStage: number | null;
}) {
  const { document, diagnostics, execution, session } = props;
  const producers = useMemo(() => artifactProducers(document), [document]);
  const debug = useDebugSettings(document.pipeline.name).data;
  const drag = useDraggable({ id: `stage:${stage.index}:${stage.name}`, data: { kind: "stage", index: stage.index } satisfies DragData });
  const drop = useDroppable({ id: `stage-drop:${stage.index}`, data: { kind: "stage", index: stage.index } satisfies DropData });
  const stageDiagnostics = diagnostics.stages.get(stage.index) ?? [];
  const severity = worstSeverity(stageDiagnostics);
  const move = session.move;
  const lifted = move?.kind === "stage" && move.to === stage.index;
  const sel = session.selection;
  const selected = sel?.kind === "stage" && sel.stage === stage.index;

  const classes = ["stage", "editing"];
  if (severity) classes.push(`has-${severity}`);
  if (lifted) classes.push("lifted");
  if (selected) classes.push("selected");
  if (drag.isDragging) classes.push("dragging");
  if (drop.isOver && acceptsActions) classes.push("drop-target");
  if (drop.isOver && draggingStage !== null && draggingStage !== stage.index) {
    classes.push(draggingStage > stage.index ? "drop-before" : "drop-after");
  }

  const onHandleKey = (e: KeyboardEvent<HTMLElement>) => {
    if (session.move?.kind === "stage") {
      if (e.key === "Tab") session.cancelMove();
      else if (session.moveWithKey(e.key)) e.preventDefault();
      return;
    }
    if (e.key === " ") {
      e.preventDefault();
      session.liftStage(stage.index);
    } else if (e.key === "Enter") {
      e.preventDefault();
      session.select({ kind: "stage", stage: stage.index });
    } else if (isMenuKey(e)) {
      e.preventDefault();
      props.onStageMenu(stage.index, anchorBelow(e.currentTarget));
    }
  };

  const manyRows = stage.rows.length > 1;
  return (
    <section
      ref={(el) => {
        drag.setNodeRef(el);
        drop.setNodeRef(el);
      }}
      role="region"
      aria-label={stage.name}
      className={classes.join(" ")}
      data-stage={stage.index}
      onFocus={() => session.noteStage(stage.index)}
    >
      <header
        className="stage-header"
        onPointerDown={drag.listeners?.onPointerDown as PointerListener | undefined}
        onContextMenu={(e) => {
          e.preventDefault();
          props.onStageMenu(stage.index, anchorAt(e));
        }}
        onClick={(e) => {
          if (e.target === e.currentTarget) session.select({ kind: "stage", stage: stage.index });
        }}
      >
        <span
          role="button"
          tabIndex={0}
          aria-roledescription="draggable"
          aria-label={`Stage ${stage.name}`}
          aria-pressed={lifted}
          className="stage-handle"
          data-stage-handle={stage.index}
          title="Drag to reorder; Space to lift, Left/Right to move"
          onKeyDown={onHandleKey}
          onFocus={() => {
            if (session.move && !lifted) session.cancelMove();
          }}
          onClick={() => session.select({ kind: "stage", stage: stage.index })}
        >
          <GripVertical size={16} aria-hidden="true" />
        </span>
        <StageHeaderInfo stage={stage} diagnostics={stageDiagnostics} execution={execution} />
        <button
          type="button"
          className="icon-button stage-menu-button"
          aria-label={`${stage.name} stage options`}
          aria-haspopup="menu"
          title="Stage options (Shift+F10 on the stage)"
          onPointerDown={(e) => e.stopPropagation()}
          onClick={(e) => props.onStageMenu(stage.index, anchorBelow(e.currentTarget))}
        >
          <EllipsisVertical size={16} aria-hidden="true" />
        </button>
      </header>
      <div className="stage-body">
        <BetweenZone target={{ kind: "between", stage: stage.index, before: 0 }} accepting={acceptsActions} empty={stage.rows.length === 0} />
        {stage.rows.map((row, r) => (
          <Fragment key={row.runOrder}>
            <RowZone target={{ kind: "row", stage: stage.index, row: r }} accepting={acceptsActions}>
              {manyRows && <div className="run-row-label">Run order {row.runOrder}</div>}
              <div className="run-row-actions">
                {row.actions.map(({ action, index }) => (
                  <DraggableCard
                    key={index}
                    stage={stage}
                    index={index}
                    document={document}
                    session={session}
                    onMenu={props.onActionMenu}
                    action={action}
                    diagnostics={diagnostics.actions.get(actionKey(stage.index, index)) ?? NO_DIAGNOSTICS}
                    producers={producers}
                    status={actionStatus(execution, stage.name, action.name)}
                    pauseBefore={isPausePoint(debug, stage.name, action.name)}
                  />
                ))}
              </div>
            </RowZone>
            <BetweenZone target={{ kind: "between", stage: stage.index, before: r + 1 }} accepting={acceptsActions} empty={false} />
          </Fragment>
        ))}
      </div>
      {props.onAddAction && (
        <footer className="stage-footer">
          <button
            type="button"
            className="add-action"
            aria-haspopup="menu"
            data-add-action={stage.index}
            title={`Add an action to ${stage.name} as its last step`}
            onPointerDown={(e) => e.stopPropagation()}
            onClick={(e) => props.onAddAction?.(stage.index, anchorBelow(e.currentTarget))}
          >
            <Plus size={14} aria-hidden="true" />
            Add action
          </button>
        </footer>
      )}
    </section>
  );
});

/**
 * The canvas in edit mode: the same stages and cards as the read-only view, with drop zones
 * between and on the steps of each stage (from the model's positions), draggable stage
 * headers, keyboard lift-and-move and context menus. Lives inside DesignerDnd's DndContext.
 */
export function EditCanvas(props: EditCanvasProps) {
  const stages = useMemo(() => layoutStages(props.document), [props.document]);
  useFocusRequest(props.session);
  const { active } = useDndContext();
  const dragging = activeDrag(active?.data.current);
  const acceptsActions = dragging !== undefined && dragging.kind !== "stage";
  const draggingStage = dragging?.kind === "stage" ? dragging.index : null;
  return (
    <div className="canvas editing" role="group" aria-label="Stages">
      {stages.map((stage, i) => (
        <Fragment key={`${i}-${stage.name}`}>
          {i > 0 && (
            <div className="transition" aria-hidden="true">
              <span className="transition-line" />
              <ArrowRight size={16} className="transition-arrow" />
            </div>
          )}
          <EditStage stage={stage} props={props} acceptsActions={acceptsActions} draggingStage={draggingStage} />
        </Fragment>
      ))}
      <button type="button" className="add-stage" onClick={props.onAddStage}>
        <Plus size={16} aria-hidden="true" />
        Add stage
      </button>
    </div>
  );
}
