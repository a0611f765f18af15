import { useState } from "react";
import type { PipelineDocument, ProviderSchema } from "../../ipc/bindings";
import type { ActionRef } from "../../model/artifacts";
import {
  addAction,
  addStage,
  deleteAction,
  deleteStage,
  duplicateAction,
  duplicateStage,
  moveActionToStage,
  renameStage,
  runInParallelWith,
  stageRows,
  type EditResult,
} from "../../model/editing";
import { paletteGroups } from "../../state/palette";
import { ContextMenu, type MenuGroup, type MenuItem } from "./ContextMenu";
import { ConfirmDialog, ParallelDialog, RenameDialog } from "./DesignerDialogs";
import { usePauseItem } from "../debug/PauseMenu";
import type { MenuAnchor } from "./EditCanvas";

/** The menu that is open: on an action card or a stage, or a stage's "Add action" provider picker. */
export type OpenMenu = ({ kind: "action"; ref: ActionRef } | { kind: "stage"; stage: number } | { kind: "add"; stage: number }) & {
  anchor: MenuAnchor;
};

type Pending =
  | { kind: "parallel"; ref: ActionRef }
  | { kind: "delete-action"; ref: ActionRef }
  | { kind: "delete-stage"; stage: number }
  | { kind: "rename-stage"; stage: number };

interface CanvasMenusProps {
  document: PipelineDocument;
  menu: OpenMenu | null;
  onCloseMenu: () => void;
  /** Records an edit (see useEditSession.apply). */
  apply: (result: EditResult) => boolean;
  /** The providers the "Add action" picker offers (the palette's items, by category). */
  providers?: readonly ProviderSchema[];
}

/**
 * The context menus of the canvas and the dialogs their items open (Run in parallel with…,
 * Rename…, Delete… confirmations). Every item is an edit of the pure model.
 */
export function CanvasMenus({ document, menu, onCloseMenu, apply, providers }: CanvasMenusProps) {
  const [pending, setPending] = useState<Pending | null>(null);
  const stages = document.pipeline.stages;
  const pauseItem = usePauseItem(document.pipeline.name);
  const closeDialog = () => setPending(null);
  // Items that open a dialog: focus goes back to the card first, so the dialog returns it there.
  const ask = (p: Pending) => () => {
    menu?.anchor.opener?.focus();
    setPending(p);
  };

  let items: MenuItem[] = [];
  let groups: MenuGroup[] | undefined;
  let label = "";
  if (menu?.kind === "action") {
    const { ref } = menu;
    const action = stages[ref.stage]?.actions[ref.action];
    const others = (stages[ref.stage]?.actions.length ?? 0) - 1;
    label = `${action?.name ?? ""} actions`;
    items = [
      {
        label: "Move left",
        disabled: ref.stage === 0,
        hint: ref.stage === 0 ? "Already in the first stage" : `A new last step of ${stages[ref.stage - 1]?.name ?? ""}`,
        onSelect: () => apply(moveActionToStage(document, ref, ref.stage - 1)),
      },
      {
        label: "Move right",
        disabled: ref.stage >= stages.length - 1,
        hint: ref.stage >= stages.length - 1 ? "Already in the last stage" : `A new last step of ${stages[ref.stage + 1]?.name ?? ""}`,
        onSelect: () => apply(moveActionToStage(document, ref, ref.stage + 1)),
      },
      {
        label: "Run in parallel with…",
        disabled: others < 1,
        hint: others < 1 ? "No other action in this stage" : undefined,
        onSelect: ask({ kind: "parallel", ref }),
      },
      { label: "Duplicate", onSelect: () => apply(duplicateAction(document, ref)) },
      { label: "Delete…", danger: true, onSelect: ask({ kind: "delete-action", ref }) },
      // A local debug setting of the saved pipeline (no new version).
      pauseItem(stages[ref.stage]?.name ?? "", action?.name ?? "", menu.anchor.opener),
    ];
  } else if (menu?.kind === "stage") {
    const { stage } = menu;
    label = `${stages[stage]?.name ?? ""} stage actions`;
    items = [
      { label: "Add stage before", onSelect: () => apply(addStage(document, stage)) },
      { label: "Add stage after", onSelect: () => apply(addStage(document, stage + 1)) },
      { label: "Rename…", onSelect: ask({ kind: "rename-stage", stage }) },
      { label: "Duplicate", onSelect: () => apply(duplicateStage(document, stage)) },
      { label: "Delete…", danger: true, onSelect: ask({ kind: "delete-stage", stage }) },
    ];
  }

  if (menu?.kind === "add") {
    const { stage } = menu;
    label = `Add action to ${stages[stage]?.name ?? ""}`;
    // The palette's items: the chosen one becomes the stage's new last step, focused and
    // selected (the Inspector opens on it).
    groups = paletteGroups(providers ?? []).map((group) => ({
      label: group.category,
      items: group.items.map((item) => ({
        label: item.provider,
        badge: item.runsLocally ? item.owner : `${item.owner} · cannot run locally`,
        description: item.description,
        onSelect: () => apply(addAction(document, stage, item.template)),
      })),
    }));
    if (!providers) items = [{ label: "Loading providers…", disabled: true, onSelect: () => undefined }];
  }

  const dialog = () => {
    if (!pending) return null;
    if (pending.kind === "parallel") {
      const { ref } = pending;
      const stage = stages[ref.stage];
      const action = stage?.actions[ref.action];
      if (!stage || !action) return null;
      const rows = stageRows(document, ref.stage);
      const choices = rows.flatMap((row, r) => row.filter((p) => p.index !== ref.action).map((p) => ({ name: p.action.name, step: r + 1, index: p.index })));
      return (
        <ParallelDialog
          action={action.name}
          stage={stage.name}
          choices={choices}
          onClose={closeDialog}
          onChoose={(index) => {
            closeDialog();
            apply(runInParallelWith(document, ref, { stage: ref.stage, action: index }));
          }}
        />
      );
    }
    if (pending.kind === "delete-action") {
      const { ref } = pending;
      const name = stages[ref.stage]?.actions[ref.action]?.name ?? "";
      return (
        <ConfirmDialog
          title={`Delete action ${name}?`}
          confirm="Delete"
          danger
          onClose={closeDialog}
          onConfirm={() => {
            closeDialog();
            apply(deleteAction(document, ref));
          }}
        >
          <p>
            <strong>{name}</strong> will be removed from {stages[ref.stage]?.name}. Undo brings it back.
          </p>
        </ConfirmDialog>
      );
    }
    if (pending.kind === "delete-stage") {
      const stage = stages[pending.stage];
      const n = stage?.actions.length ?? 0;
      return (
        <ConfirmDialog
          title={`Delete stage ${stage?.name ?? ""}?`}
          confirm="Delete"
          danger
          onClose={closeDialog}
          onConfirm={() => {
            closeDialog();
            apply(deleteStage(document, pending.stage));
          }}
        >
          <p>
            <strong>{stage?.name}</strong> and its {n} action{n === 1 ? "" : "s"} will be removed. Undo brings them back.
          </p>
        </ConfirmDialog>
      );
    }
    const stage = stages[pending.stage];
    return (
      <RenameDialog
        title={`Rename stage ${stage?.name ?? ""}`}
        label="Stage name"
        initial={stage?.name ?? ""}
        onClose={closeDialog}
        onRename={(name) => {
          const result = renameStage(document, pending.stage, name);
          if (!result.ok) return result.error.message;
          closeDialog();
          apply(result);
          return null;
        }}
      />
    );
  };

  return (
    <>
      {menu && (
        <ContextMenu label={label} x={menu.anchor.x} y={menu.anchor.y} items={items} groups={groups} opener={menu.anchor.opener} onClose={onCloseMenu} />
      )}
      {dialog()}
    </>
  );
}
