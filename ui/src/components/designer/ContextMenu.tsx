import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from "react";

export interface MenuItem {
  label: string;
  onSelect: () => void;
  disabled?: boolean;
  /** Why it is disabled (its title). */
  hint?: string;
  danger?: boolean;
}

interface ContextMenuProps {
  /** The menu's accessible name, e.g. "Compile actions". */
  label: string;
  /** Viewport coordinates of its top-left corner. */
  x: number;
  y: number;
  items: MenuItem[];
  /** Dismissed (Escape, Tab, a click outside): focus goes back to `opener`. */
  onClose: () => void;
  opener: HTMLElement | null;
}

/**
 * A context menu (role menu, items role menuitem): the first enabled item has the focus;
 * Up/Down/Home/End move, Enter or Space chooses, Escape or Tab closes and gives the focus back
 * to the control it was opened from. A click outside closes it.
 */
export function ContextMenu({ label, x, y, items, onClose, opener }: ContextMenuProps) {
  const ref = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const menu = ref.current;
    if (!menu) return;
    // Keep it inside the window.
    const rect = menu.getBoundingClientRect();
    const left = Math.max(8, Math.min(x, window.innerWidth - rect.width - 8));
    const top = Math.max(8, Math.min(y, window.innerHeight - rect.height - 8));
    menu.style.left = `${left}px`;
    menu.style.top = `${top}px`;
    menu.querySelector<HTMLElement>('[role="menuitem"]:not(:disabled)')?.focus();
  }, [x, y]);

  useEffect(() => {
    const onPointer = (e: PointerEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    document.addEventListener("pointerdown", onPointer, true);
    return () => document.removeEventListener("pointerdown", onPointer, true);
  }, [onClose]);

  const close = () => {
    onClose();
    opener?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const enabled = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not(:disabled)') ?? [])];
    const i = enabled.indexOf(document.activeElement as HTMLElement);
    const go = (n: number) => enabled[(n + enabled.length) % enabled.length]?.focus();
    if (e.key === "ArrowDown") go(i + 1);
    else if (e.key === "ArrowUp") go(i - 1);
    else if (e.key === "Home") go(0);
    else if (e.key === "End") go(enabled.length - 1);
    else if (e.key === "Escape" || e.key === "Tab") close();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div ref={ref} role="menu" aria-label={label} className="context-menu" style={{ left: x, top: y }} onKeyDown={onKeyDown}>
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className={`context-menu-item${item.danger ? " danger" : ""}`}
          disabled={item.disabled}
          title={item.hint}
          onClick={() => {
            onClose();
            item.onSelect();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
