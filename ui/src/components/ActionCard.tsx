import { CloudOff, Pause } from "lucide-react";
import type { KeyboardEvent, MouseEvent, PointerEvent } from "react";
import type { ActionDeclaration, ActionView, Diagnostic } from "../ipc/bindings";
import type { ArtifactProducer } from "../model/artifacts";
import { diagnosticsTooltip, worstSeverity } from "../model/diagnostics";
import { actionTypeLabel, runsLocally } from "../model/providers";
import { statusClass, statusLabel } from "../model/status";
import { attemptLabel, elapsedLabel } from "../model/execution/summary";
import { waitingFor, waitingLabel } from "../model/debug";
import { SeverityIcon } from "./DiagnosticList";
import { CategoryIcon } from "./icons";

interface ActionCardProps {
  action: ActionDeclaration;
  stageIndex: number;
  actionIndex: number;
  diagnostics: readonly Diagnostic[];
  producers: ReadonlyMap<string, ArtifactProducer>;
  selected: boolean;
  /** The latest run's status of this action; absent when it never ran. */
  status?: string;
  /** The shown run's state of this action (elapsed time, attempt), and the time that measures what runs. */
  run?: ActionView;
  now?: Date;
  onOpen: () => void;
  /** Edit mode: the card is a drag source (see designer/DraggableActionCard). */
  edit?: CardEditProps;
  /** Marked "pause before": runs wait before it until Continue. */
  pauseBefore?: boolean;
  /** View mode: opens the card's menu (right click, Shift+F10 or the ContextMenu key) at a point, from the card. */
  onMenu?: (anchor: { x: number; y: number; opener: HTMLElement }) => void;
}

/** What edit mode adds to a card: dnd-kit's node ref and pointer listener, the lifted state and keys. */
export interface CardEditProps {
  nodeRef: (el: HTMLElement | null) => void;
  onPointerDown?: (e: PointerEvent<HTMLDivElement>) => void;
  /** Lifted for a keyboard move (`aria-pressed`). */
  lifted: boolean;
  /** Being dragged with the mouse (drawn faded; the overlay follows the pointer). */
  dragging: boolean;
  onKeyDown: (e: KeyboardEvent<HTMLDivElement>) => void;
  onContextMenu: (e: MouseEvent<HTMLDivElement>) => void;
  onFocus: () => void;
}

function countLabel(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const others = diagnostics.length - errors;
  const parts = [];
  if (errors > 0) parts.push(`${errors} error${errors === 1 ? "" : "s"}`);
  if (others > 0) parts.push(`${others} warning${others === 1 ? "" : "s"}`);
  return parts.join(", ");
}

/**
 * One action in the visual view. The card itself is the drag source (in edit mode, through
 * `edit`), so it carries the attributes dnd-kit's useDraggable gives (role button,
 * roledescription "draggable", tabIndex 0) and has no controls inside it: its name is the
 * action name, and it shows its type, status and artifacts as text. Read-only, Enter or a
 * click opens its details; in edit mode a click selects it and the keys go to `edit.onKeyDown`.
 */
export function ActionCard({ action, stageIndex, actionIndex, diagnostics, producers, selected, status, run, now, onOpen, edit, pauseBefore, onMenu }: ActionCardProps) {
  const severity = worstSeverity(diagnostics);
  const descId = `action-${stageIndex}-${actionIndex}-desc`;
  const local = runsLocally(action.actionTypeId);
  const inputs = action.inputArtifacts ?? [];
  const outputs = action.outputArtifacts ?? [];
  const classes = ["action-card"];
  if (severity) classes.push(`has-${severity}`);
  if (selected) classes.push("selected");
  if (edit?.lifted) classes.push("lifted");
  if (edit?.dragging) classes.push("dragging");
  if (status === "InProgress") classes.push("running");
  // A manual approval waiting for a decision stands out (Review is in its details); so do a
  // pause before it and a failed container kept for debugging (Continue is in its details).
  const waiting = waitingFor(run);
  if (waiting === "approval") classes.push("awaiting-approval");
  if (waiting === "paused") classes.push("paused");
  if (waiting === "debugging") classes.push("debugging");
  const elapsed = run ? elapsedLabel(run, now) : "";
  const attempt = attemptLabel(run?.attempt);

  return (
    <div
      role="button"
      tabIndex={0}
      aria-roledescription="draggable"
      aria-label={action.name}
      aria-describedby={descId}
      className={classes.join(" ")}
      data-action-key={`${stageIndex}/${actionIndex}`}
      onClick={onOpen}
      onKeyDown={(e) => {
        if (edit) {
          edit.onKeyDown(e);
        } else if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          onOpen();
        } else if (onMenu && (e.key === "ContextMenu" || (e.shiftKey && e.key === "F10"))) {
          e.preventDefault();
          const r = e.currentTarget.getBoundingClientRect();
          onMenu({ x: r.left + 12, y: r.top + Math.min(r.height, 40), opener: e.currentTarget });
        }
      }}
      {...(!edit && onMenu
        ? {
            onContextMenu: (e: MouseEvent<HTMLDivElement>) => {
              e.preventDefault();
              onMenu({ x: e.clientX, y: e.clientY, opener: e.currentTarget });
            },
          }
        : {})}
      {...(edit
        ? {
            ref: edit.nodeRef,
            "aria-pressed": edit.lifted,
            onPointerDown: edit.onPointerDown,
            onContextMenu: edit.onContextMenu,
            onFocus: edit.onFocus,
          }
        : {})}
    >
      <div className="action-card-top">
        <CategoryIcon type={action.actionTypeId} />
        <span className="action-name" title={action.name}>
          {action.name}
        </span>
        {pauseBefore && (
          <span className="marker pause-marker" title="Pauses before running">
            <Pause size={14} aria-hidden="true" />
          </span>
        )}
        {severity && (
          <span className={`marker marker-${severity}`} title={diagnosticsTooltip(diagnostics)}>
            <SeverityIcon severity={severity} size={16} />
          </span>
        )}
      </div>
      <div id={descId} className="action-card-body">
        <div className="action-type" title={actionTypeLabel(action.actionTypeId)}>
          {actionTypeLabel(action.actionTypeId)}
        </div>
        <div className="action-status" data-status={status ?? "NotStarted"}>
          <span className={`status-dot ${statusClass(status)}`} aria-hidden="true" />
          <span>{waitingLabel(run) ?? statusLabel(status)}</span>
        </div>
        {waiting === "debugging" && <div className="action-debugging">Container kept for debugging</div>}
        {pauseBefore && <span className="visually-hidden">Pauses before running</span>}
        {(elapsed !== "" || attempt !== "") && (
          <div className="action-run-meta" title={run?.errorSummary}>
            {elapsed !== "" && <span className="action-elapsed">{elapsed}</span>}
            {attempt !== "" && <span className="action-attempt">{attempt}</span>}
          </div>
        )}
        {!local && (
          <div className="action-remote">
            <CloudOff size={13} aria-hidden="true" />
            Cannot run locally
          </div>
        )}
        {(inputs.length > 0 || outputs.length > 0) && (
          <ul className="artifact-badges" aria-label="Artifacts">
            {inputs.map((a, i) => {
              const from = producers.get(a.name);
              return (
                <li
                  key={`in-${a.name}-${i}`}
                  className={`artifact-badge artifact-in${from ? "" : " artifact-missing"}`}
                  title={from ? `Input ${a.name}, from ${from.stageName} › ${from.actionName}` : `Input ${a.name} is not produced upstream`}
                >
                  in: {a.name}
                </li>
              );
            })}
            {outputs.map((a, i) => (
              <li key={`out-${a.name}-${i}`} className="artifact-badge artifact-out" title={`Output ${a.name}`}>
                out: {a.name}
              </li>
            ))}
          </ul>
        )}
        {severity && <span className="visually-hidden">{countLabel(diagnostics)}</span>}
      </div>
    </div>
  );
}
