import { CircleAlert, CircleCheck, X } from "lucide-react";
import { dismissToast, useToasts } from "../state/toasts";

/** Notifications, bottom right: errors (role alert, with their code) stay until dismissed. */
export function Toasts() {
  const toasts = useToasts();
  return (
    <section className="toasts" aria-label="Notifications">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`} role={t.kind === "error" ? "alert" : "status"}>
          {t.kind === "error" ? (
            <CircleAlert size={18} className="toast-icon" aria-hidden="true" />
          ) : (
            <CircleCheck size={18} className="toast-icon" aria-hidden="true" />
          )}
          <div className="toast-text">
            {t.code !== undefined && <code className="toast-code">{t.code}</code>}
            <span>{t.message}</span>
          </div>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismissToast(t.id)}>
            <X size={16} aria-hidden="true" />
          </button>
        </div>
      ))}
    </section>
  );
}
