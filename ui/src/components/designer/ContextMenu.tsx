import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from "react";

export interface MenuItem {
  label: string;
  onSelect: () => void;
  disabled?: boolean;
  /** Why it is disabled (its title). */
  hint?: string;
  danger?: boolean;
  /** A second line under the label (also its accessible description). */
  description?: string;
  /** A short tag beside the label, e.g. the provider's owner. */
  badge?: string;
  /** A checkable item (role menuitemcheckbox): whether it is checked. */
  checked?: boolean;
}

const ITEMS = '[role="menuitem"]:not(:disabled), [role="menuitemcheckbox"]:not(:disabled)';

/** Items under a heading: rendered as a `group` named `label`. */
export interface MenuGroup {
  label: string;
  items: MenuItem[];
}

interface ContextMenuProps {
  /** The menu's accessible name, e.g. "Compile actions". */
  label: string;
  /** Viewport coordinates of its top-left corner. */
  x: number;
  y: number;
  items: MenuItem[];
  /** Instead of (or after) `items`: items under headings, e.g. providers by category. */
  groups?: MenuGroup[];
  /** Dismissed (Escape, Tab, a click outside): focus goes back to `opener`. */
  onClose: () => void;
  opener: HTMLElement | null;
}

/**
 * A context menu (role menu, items role menuitem): the first enabled item has the focus;
 * Up/Down/Home/End move, Enter or Space chooses, Escape or Tab closes and gives the focus back
 * to the control it was opened from; typing a letter goes to the next item starting with it. A
 * click outside closes it. A menu taller than the window scrolls.
 */
export function ContextMenu({ label, x, y, items, groups, onClose, opener }: ContextMenuProps) {
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
    menu.querySelector<HTMLElement>(ITEMS)?.focus();
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
    const enabled = [...(ref.current?.querySelectorAll<HTMLElement>(ITEMS) ?? [])];
    const i = enabled.indexOf(document.activeElement as HTMLElement);
    const go = (n: number) => enabled[(n + enabled.length) % enabled.length]?.focus();
    if (e.key === "ArrowDown") go(i + 1);
    else if (e.key === "ArrowUp") go(i - 1);
    else if (e.key === "Home") go(0);
    else if (e.key === "End") go(enabled.length - 1);
    else if (e.key === "Escape" || e.key === "Tab") close();
    else if (e.key.length === 1 && /\S/.test(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const letter = e.key.toLowerCase();
      const starts = (el: HTMLElement | undefined) => el?.dataset.label?.toLowerCase().startsWith(letter) ?? false;
      const next = enabled.findIndex((el, n) => n > i && starts(el));
      const from = next >= 0 ? next : enabled.findIndex((el) => starts(el));
      if (from < 0) return;
      go(from);
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const item = (it: MenuItem, key: string) => (
    <button
      key={key}
      type="button"
      role={it.checked === undefined ? "menuitem" : "menuitemcheckbox"}
      aria-checked={it.checked}
      tabIndex={-1}
      className={`context-menu-item${it.danger ? " danger" : ""}${it.description ? " with-description" : ""}`}
      disabled={it.disabled}
      title={it.hint}
      data-label={it.label}
      aria-label={it.description ? it.label : undefined}
      aria-description={it.description}
      onClick={() => {
        onClose();
        it.onSelect();
      }}
    >
      <span className="context-menu-label">
        {it.checked !== undefined && <span className={`context-menu-check${it.checked ? " checked" : ""}`} aria-hidden="true" />}
        {it.label}
        {it.badge && <span className="context-menu-badge">{it.badge}</span>}
      </span>
      {it.description && <span className="context-menu-description">{it.description}</span>}
    </button>
  );

  return (
    <div
      ref={ref}
      role="menu"
      aria-label={label}
      className={`context-menu${groups ? " context-menu-grouped" : ""}`}
      style={{ left: x, top: y }}
      onKeyDown={onKeyDown}
    >
      {items.map((it) => item(it, it.label))}
      {groups?.map((group) => (
        <div key={group.label} role="group" aria-label={group.label} className="context-menu-group">
          <div className="context-menu-group-title" aria-hidden="true">
            {group.label}
          </div>
          {group.items.map((it) => item(it, `${group.label}/${it.label}`))}
        </div>
      ))}
    </div>
  );
}
