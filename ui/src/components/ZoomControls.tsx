import { Maximize, ZoomIn, ZoomOut } from "lucide-react";
import { useEffect, useLayoutEffect, useRef, useState, type PointerEvent, type ReactNode } from "react";
import { fitZoom, formatZoom, MAX_ZOOM, MIN_ZOOM, scrollForZoom, useZoom, wheelZoom, zoomInStep, zoomOutStep, type Size } from "../state/zoom";

interface ZoomToolbarProps {
  zoom: number;
  onZoomOut: () => void;
  onZoomIn: () => void;
  onFit: () => void;
  onReset: () => void;
}

/** The small toolbar over the canvas: Zoom out, the level, Zoom in, Fit, 100%. */
export function ZoomToolbar({ zoom, onZoomOut, onZoomIn, onFit, onReset }: ZoomToolbarProps) {
  return (
    <div role="toolbar" aria-label="Zoom" className="zoom-toolbar">
      <button type="button" className="icon-button" aria-label="Zoom out" title="Zoom out (Ctrl+-)" disabled={zoom <= MIN_ZOOM} onClick={onZoomOut}>
        <ZoomOut size={16} aria-hidden="true" />
      </button>
      <span className="zoom-level" title="Zoom level (Ctrl+wheel zooms around the pointer)" data-zoom={zoom}>
        {formatZoom(zoom)}
      </span>
      <button type="button" className="icon-button" aria-label="Zoom in" title="Zoom in (Ctrl+=)" disabled={zoom >= MAX_ZOOM} onClick={onZoomIn}>
        <ZoomIn size={16} aria-hidden="true" />
      </button>
      <button type="button" className="icon-button" aria-label="Fit" title="Fit the whole pipeline into view" onClick={onFit}>
        <Maximize size={16} aria-hidden="true" />
      </button>
      <button type="button" className="zoom-reset" aria-label="100%" title="Actual size (Ctrl+0)" onClick={onReset}>
        100%
      </button>
    </div>
  );
}

/** Drags that start here pan the canvas; cards, stages (dnd-kit's handles) and controls keep theirs. */
const NOT_BACKGROUND = ".stage, .zoom-toolbar, button, a, input, textarea, select, [role='button']";

interface Pan {
  pointer: number;
  x: number;
  y: number;
  left: number;
  top: number;
}

/**
 * The canvas's scroll area with zoom and pan: the canvas is scaled with `transform: scale()`
 * inside a sizer as big as the scaled canvas, so the scroll range covers it. Ctrl+wheel zooms
 * around the pointer, Ctrl+= / Ctrl+- / Ctrl+0 zoom and reset, dragging the background pans.
 * One zoom level per pipeline (`zoomKey`), shared by the read-only view and the designer.
 */
export function ZoomArea({ zoomKey, children }: { zoomKey: string; children: ReactNode }) {
  const [zoom, setZoom] = useZoom(zoomKey);
  const scrollRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<Size | null>(null);
  // The scroll position to restore once the new zoom is laid out.
  const pendingScroll = useRef<{ left: number; top: number } | null>(null);
  const pan = useRef<Pan | null>(null);
  const zoomRef = useRef(zoom);
  useLayoutEffect(() => {
    zoomRef.current = zoom;
  }, [zoom]);

  useLayoutEffect(() => {
    const el = contentRef.current;
    if (!el) return;
    // offsetWidth/Height ignore the transform: the canvas's size at 100%.
    const observer = new ResizeObserver(() =>
      setSize((s) => (s && s.width === el.offsetWidth && s.height === el.offsetHeight ? s : { width: el.offsetWidth, height: el.offsetHeight })),
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    const s = pendingScroll.current;
    if (!el || !s) return;
    pendingScroll.current = null;
    el.scrollLeft = s.left;
    el.scrollTop = s.top;
  }, [zoom, size]);

  // Handlers for the native listeners below, always seeing the latest zoom and size.
  const actions = useRef<{ zoomTo: (next: number, pointer?: { x: number; y: number }) => void; fit: () => void }>({
    zoomTo: () => undefined,
    fit: () => undefined,
  });
  useLayoutEffect(() => {
    actions.current.zoomTo = (next, pointer) => {
      const el = scrollRef.current;
      if (!el || next === zoom) return;
      const at = pointer ?? { x: el.clientWidth / 2, y: el.clientHeight / 2 };
      pendingScroll.current = scrollForZoom({ left: el.scrollLeft, top: el.scrollTop }, at, zoom, next);
      setZoom(next);
    };
    actions.current.fit = () => {
      const el = scrollRef.current;
      const content = contentRef.current;
      if (!el || !content) return;
      const natural = { width: content.offsetWidth, height: content.offsetHeight };
      pendingScroll.current = { left: 0, top: 0 };
      setZoom(fitZoom(natural, { width: el.clientWidth, height: el.clientHeight }));
      // Same zoom: nothing re-renders, so scroll now.
      el.scrollLeft = 0;
      el.scrollTop = 0;
    };
  });

  // Ctrl+wheel zooms around the pointer (a non-passive listener, to keep the page from zooming).
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.deltaY === 0) return;
      e.preventDefault();
      const r = el.getBoundingClientRect();
      actions.current.zoomTo(wheelZoom(zoomRef.current, e.deltaY), { x: e.clientX - r.left, y: e.clientY - r.top });
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, []);

  // Ctrl+= / Ctrl+- / Ctrl+0 while no dialog is open and the focus is not in a text field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.defaultPrevented || document.querySelector("dialog[open]")) return;
      const target = e.target as HTMLElement | null;
      if (target !== null && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
      const z = zoomRef.current;
      if (e.key === "=" || e.key === "+") actions.current.zoomTo(zoomInStep(z));
      else if (e.key === "-" || e.key === "_") actions.current.zoomTo(zoomOutStep(z));
      else if (e.key === "0") actions.current.zoomTo(1);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || e.pointerType === "touch" || (e.target as Element).closest(NOT_BACKGROUND)) return;
    const el = e.currentTarget;
    e.preventDefault();
    pan.current = { pointer: e.pointerId, x: e.clientX, y: e.clientY, left: el.scrollLeft, top: el.scrollTop };
    el.setPointerCapture(e.pointerId);
    el.classList.add("panning");
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const p = pan.current;
    if (!p || p.pointer !== e.pointerId) return;
    e.currentTarget.scrollLeft = p.left - (e.clientX - p.x);
    e.currentTarget.scrollTop = p.top - (e.clientY - p.y);
  };
  const endPan = (e: PointerEvent<HTMLDivElement>) => {
    if (pan.current?.pointer !== e.pointerId) return;
    pan.current = null;
    e.currentTarget.classList.remove("panning");
  };

  return (
    <div className="zoom-area">
      <div
        ref={scrollRef}
        className="canvas-scroll"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endPan}
        onPointerCancel={endPan}
      >
        <div className="zoom-sizer" style={size ? { width: size.width * zoom, height: size.height * zoom } : undefined}>
          <div ref={contentRef} className="zoom-content" style={zoom === 1 ? undefined : { transform: `scale(${zoom})` }}>
            {children}
          </div>
        </div>
      </div>
      <ZoomToolbar
        zoom={zoom}
        onZoomOut={() => actions.current.zoomTo(zoomOutStep(zoom))}
        onZoomIn={() => actions.current.zoomTo(zoomInStep(zoom))}
        onFit={() => actions.current.fit()}
        onReset={() => actions.current.zoomTo(1)}
      />
    </div>
  );
}
