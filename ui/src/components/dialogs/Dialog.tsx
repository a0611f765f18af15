import { X } from "lucide-react";
import { useEffect, useId, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from "react";

const FOCUSABLE =
  'a[href], button:not(:disabled), input:not(:disabled):not([type="hidden"]), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

/**
 * Keeps Tab and Shift+Tab inside the dialog: a modal <dialog> makes the page inert, but
 * browsers may still move focus past its last control to their own UI.
 */
function trapTab(e: KeyboardEvent<HTMLDialogElement>): void {
  if (e.key !== "Tab") return;
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  if (e.shiftKey && (document.activeElement === first || !e.currentTarget.contains(document.activeElement))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}

interface DialogProps {
  title: string;
  /** Called when the user dismisses the dialog (Escape, Close, Cancel). */
  onClose: () => void;
  children: ReactNode;
  /** `alertdialog` for confirmations. */
  role?: "dialog" | "alertdialog";
  /** Wider layout for dialogs with text areas. */
  size?: "small" | "medium" | "large";
  /** Optional line under the title. */
  description?: ReactNode;
}

/**
 * A modal dialog on the native <dialog> element: showModal() makes the rest of the page inert
 * (focus stays inside), Escape closes it, and the browser returns focus to where it was.
 * The first element marked `data-autofocus` gets the focus when it opens.
 */
export function Dialog({ title, onClose, children, role = "dialog", size = "medium", description }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();
  const onCloseRef = useRef(onClose);
  const closedByUs = useRef(false);

  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  // A layout effect, so the cleanup runs while the dialog is still in the document.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closedByUs.current = false;
    if (!dialog.open) dialog.showModal();
    const first = dialog.querySelector<HTMLElement>("[data-autofocus]");
    first?.focus();
    return () => {
      closedByUs.current = true;
      if (dialog.open) dialog.close();
      // Back to where the user was (the button that opened the dialog), when it still exists.
      if (previous?.isConnected && previous !== document.body) previous.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      // Explicit even for "dialog": outside tests (WebDriver XPath) look for the attribute.
      role={role}
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={description === undefined ? undefined : descId}
      className={`dialog dialog-${size}`}
      onKeyDown={trapTab}
      onCancel={(e) => {
        // Escape: let React decide (it unmounts the dialog).
        e.preventDefault();
        onCloseRef.current();
      }}
      onClose={() => {
        // The browser may close a modal dialog by itself (a close request without user
        // activation skips `cancel`); keep React's state in step. The event arrives a task
        // later, so ignore it when the dialog has been shown again since (StrictMode remount).
        if (!closedByUs.current && ref.current?.open !== true) onCloseRef.current();
      }}
    >
      <header className="dialog-header">
        <div>
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          {description !== undefined && (
            <p id={descId} className="dialog-description">
              {description}
            </p>
          )}
        </div>
        <button type="button" className="icon-button" aria-label="Close" title="Close (Esc)" onClick={() => onCloseRef.current()}>
          <X size={18} aria-hidden="true" />
        </button>
      </header>
      {children}
    </dialog>
  );
}
