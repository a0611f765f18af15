// A tiny store for notifications, usable outside React (e.g. from the query cache's onError).
import { useSyncExternalStore } from "react";
import { toIpcError } from "../ipc/client";

export interface Toast {
  id: number;
  kind: "error" | "success";
  /** For errors: the IPC error code, e.g. E_NOT_FOUND. */
  code?: string;
  message: string;
}

type Listener = () => void;

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<Listener>();
const MAX_TOASTS = 4;
const SUCCESS_MS = 5000;

function emit(): void {
  for (const l of listeners) l();
}

export function dismissToast(id: number): void {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

function push(toast: Omit<Toast, "id">): number {
  const id = nextId++;
  toasts = [...toasts, { ...toast, id }].slice(-MAX_TOASTS);
  emit();
  return id;
}

/** Shows an error (anything thrown by a call) until dismissed. */
export function showError(error: unknown): void {
  const e = toIpcError(error);
  push({ kind: "error", code: e.code, message: e.message });
}

/** Shows a short confirmation that goes away by itself. */
export function showSuccess(message: string): void {
  const id = push({ kind: "success", message });
  setTimeout(() => dismissToast(id), SUCCESS_MS);
}

function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useToasts(): Toast[] {
  return useSyncExternalStore(subscribe, () => toasts);
}
