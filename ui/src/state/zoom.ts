// Zoom of the pipeline canvas: pure helpers (clamping, steps, fit, zooming around a point)
// and a small hook that keeps one zoom level per pipeline while the app runs.
import { useCallback, useSyncExternalStore } from "react";

/** The zoom range of the buttons, Ctrl+wheel and the shortcuts: 25–200%. */
export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 2;
/**
 * Fit may go below MIN_ZOOM: a 30-stage pipeline with four parallel actions a step is ~30,000 px
 * wide and only fits a window at a few percent. Below this it would be dots.
 */
export const MIN_FIT_ZOOM = 0.02;
/** The levels Zoom in / Zoom out step through. */
export const ZOOM_STEPS: readonly number[] = [0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2];

export interface Size {
  width: number;
  height: number;
}

const round = (z: number) => Math.round(z * 10000) / 10000;

export function clampZoom(z: number, min = MIN_ZOOM): number {
  if (!Number.isFinite(z)) return 1;
  return round(Math.min(MAX_ZOOM, Math.max(min, z)));
}

/** The next step above `z` (from a level between steps, the nearest one above). */
export function zoomInStep(z: number): number {
  return ZOOM_STEPS.find((s) => s > z + 1e-6) ?? MAX_ZOOM;
}

/** The next step below `z`; from below the range (after Fit) it stays put. */
export function zoomOutStep(z: number): number {
  const below = ZOOM_STEPS.filter((s) => s < z - 1e-6);
  return below[below.length - 1] ?? Math.min(z, MIN_ZOOM);
}

/** Ctrl+wheel: a smooth factor per wheel delta (one notch of 100 px ≈ 10%). */
export function wheelZoom(z: number, deltaY: number): number {
  const factor = Math.exp(-deltaY / 1000);
  return clampZoom(z * factor, Math.min(MIN_ZOOM, z));
}

/**
 * The zoom at which content of `content` size (at 100%) fits `viewport` with `margin` px to
 * spare on each side; never above 100% (Fit shrinks big pipelines, it does not blow up small ones).
 */
export function fitZoom(content: Size, viewport: Size, margin = 8): number {
  if (content.width <= 0 || content.height <= 0) return 1;
  const w = Math.max(1, viewport.width - 2 * margin);
  const h = Math.max(1, viewport.height - 2 * margin);
  const z = Math.min(w / content.width, h / content.height, 1);
  // Round down so the scaled content never exceeds the viewport by a rounding pixel.
  return Math.max(MIN_FIT_ZOOM, Math.floor(z * 10000) / 10000);
}

/**
 * The scroll position that keeps the content point under `pointer` (px from the scroll area's
 * top-left corner) in place when the zoom goes from `from` to `to`.
 */
export function scrollForZoom(scroll: { left: number; top: number }, pointer: { x: number; y: number }, from: number, to: number) {
  const k = to / from;
  return {
    left: Math.max(0, (scroll.left + pointer.x) * k - pointer.x),
    top: Math.max(0, (scroll.top + pointer.y) * k - pointer.y),
  };
}

export const formatZoom = (z: number) => `${Math.round(z * 100)}%`;

// One zoom level per pipeline name, shared by the read-only view and the designer.
const levels = new Map<string, number>();
const listeners = new Set<() => void>();
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export function setZoomOf(key: string, z: number): void {
  if (levels.get(key) === z) return;
  levels.set(key, z);
  for (const l of listeners) l();
}

/** The zoom of one pipeline view: 100% until changed, kept while the app runs. */
export function useZoom(key: string): [number, (z: number) => void] {
  const zoom = useSyncExternalStore(subscribe, () => levels.get(key) ?? 1);
  const set = useCallback((z: number) => setZoomOf(key, z), [key]);
  return [zoom, set];
}
