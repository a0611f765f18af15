// "Pause before" in an action card's menu: a checkable item that marks or unmarks the action
// (a local debug setting of the pipeline, not an edit of its definition).
import { createPortal } from "react-dom";
import { useDebugSettings, useSetPauseBefore } from "../../ipc/debug";
import { isPausePoint } from "../../model/debug";
import { showError } from "../../state/toasts";
import { ContextMenu, type MenuItem } from "../designer/ContextMenu";
import "../../styles/debug.css";

export interface MenuAnchor {
  x: number;
  y: number;
  opener: HTMLElement | null;
}

/** Builds the "Pause before" item of an action's menu in `pipelineName`. */
export function usePauseItem(pipelineName: string): (stageName: string, actionName: string, opener: HTMLElement | null) => MenuItem {
  const settings = useDebugSettings(pipelineName).data;
  const set = useSetPauseBefore(pipelineName);
  return (stageName, actionName, opener) => {
    const paused = isPausePoint(settings, stageName, actionName);
    return {
      label: "Pause before",
      checked: paused,
      disabled: settings === undefined,
      hint: paused ? "Runs wait before this action until Continue" : "Make runs wait before this action until Continue (a local debug setting)",
      onSelect: () => {
        opener?.focus();
        set.mutate({ stageName, actionName, paused: !paused }, { onError: showError });
      },
    };
  };
}

interface ActionMenuProps {
  pipelineName: string;
  stageName: string;
  actionName: string;
  anchor: MenuAnchor;
  onClose: () => void;
}

/** The menu of an action card in view mode (right click, Shift+F10 or the ContextMenu key). */
export function ActionMenu({ pipelineName, stageName, actionName, anchor, onClose }: ActionMenuProps) {
  const pauseItem = usePauseItem(pipelineName);
  // In the body: the zoomed canvas (a transform) would move a fixed menu.
  return createPortal(
    <ContextMenu
      label={`${actionName} actions`}
      x={anchor.x}
      y={anchor.y}
      items={[pauseItem(stageName, actionName, anchor.opener)]}
      opener={anchor.opener}
      onClose={onClose}
    />,
    document.body,
  );
}
