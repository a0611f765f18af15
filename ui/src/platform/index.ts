// Everything that differs between the Tauri app and a plain browser (the mock transport):
// file dialogs, saving, and files dropped on the window. Components use these functions only.
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { open as openDialog, save as saveDialog } from "@tauri-apps/plugin-dialog";
import { call } from "../ipc/client";

// Decided once, before main.tsx may install the mock transport (which adds its own
// `__TAURI_INTERNALS__`).
const inTauri = typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;

export function isTauri(): boolean {
  return inTauri;
}

/** A file the user picked or dropped, read as text. */
export interface PickedFile {
  name: string;
  text: string;
  /** Absolute path in the app (relative paths inside resolve against its folder); absent in a browser. */
  path?: string;
}

const PIPELINE_FILTERS = [{ name: "Pipeline (YAML or JSON)", extensions: ["yaml", "yml", "json"] }];

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

async function readPath(path: string): Promise<PickedFile> {
  const text = await call("read_import_file", { path });
  return { name: baseName(path), text, path };
}

/** Browser fallback: a hidden file input, resolved with the chosen file or null on cancel. */
function pickWithInput(): Promise<PickedFile | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement("input");
    input.type = "file";
    input.accept = ".yaml,.yml,.json,application/json,application/yaml,text/yaml";
    input.className = "visually-hidden";
    const done = () => input.remove();
    input.addEventListener("change", () => {
      const file = input.files?.[0];
      done();
      if (!file) {
        resolve(null);
        return;
      }
      file.text().then((text) => resolve({ name: file.name, text }), reject);
    });
    input.addEventListener("cancel", () => {
      done();
      resolve(null);
    });
    document.body.append(input);
    input.click();
  });
}

/** Asks for a pipeline file and reads it; null when the user cancels. */
export async function openFileDialog(): Promise<PickedFile | null> {
  if (!inTauri) return pickWithInput();
  const path = await openDialog({ multiple: false, directory: false, filters: PIPELINE_FILTERS, title: "Import pipeline" });
  if (path === null) return null;
  return readPath(path);
}

/**
 * Saves `text`: in the app through the save dialog and `save_export` (returns the path, or
 * null when cancelled); in a browser as a download (returns the file name).
 */
export async function saveFileDialog(fileName: string, text: string): Promise<string | null> {
  if (!inTauri) {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = fileName;
    a.className = "visually-hidden";
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return fileName;
  }
  const path = await saveDialog({ defaultPath: fileName, filters: [{ name: "Pipeline", extensions: [fileName.endsWith(".json") ? "json" : "yaml"] }] });
  if (path === null) return null;
  await call("save_export", { path, text });
  return path;
}

export async function copyText(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
}

export interface FileDropHandlers {
  /** A file is being dragged over the window (true) or left it (false). */
  onHover: (hovering: boolean) => void;
  onDrop: (file: PickedFile) => void;
  onError: (error: unknown) => void;
}

/**
 * Calls `handlers` when a file is dropped on the window. In the app Tauri delivers the drop
 * (with paths; HTML5 drop events do not reach the page); in a browser the page's own drop
 * event does. Returns a function that stops listening.
 */
export function onFileDrop(handlers: FileDropHandlers): () => void {
  if (inTauri) {
    let stopped = false;
    let unlisten: (() => void) | undefined;
    getCurrentWebview()
      .onDragDropEvent((event) => {
        const p = event.payload;
        if (p.type === "enter" || p.type === "over") handlers.onHover(true);
        else if (p.type === "leave") handlers.onHover(false);
        else {
          handlers.onHover(false);
          const path = p.paths[0];
          if (path !== undefined) readPath(path).then(handlers.onDrop, handlers.onError);
        }
      })
      .then(
        (fn) => {
          if (stopped) fn();
          else unlisten = fn;
        },
        handlers.onError,
      );
    return () => {
      stopped = true;
      unlisten?.();
    };
  }

  let depth = 0;
  const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes("Files") ?? false;
  const onEnter = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    depth += 1;
    handlers.onHover(true);
  };
  const onOver = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
  };
  const onLeave = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) handlers.onHover(false);
  };
  const onDrop = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    handlers.onHover(false);
    const file = e.dataTransfer?.files[0];
    if (file) file.text().then((text) => handlers.onDrop({ name: file.name, text }), handlers.onError);
  };
  window.addEventListener("dragenter", onEnter);
  window.addEventListener("dragover", onOver);
  window.addEventListener("dragleave", onLeave);
  window.addEventListener("drop", onDrop);
  return () => {
    window.removeEventListener("dragenter", onEnter);
    window.removeEventListener("dragover", onOver);
    window.removeEventListener("dragleave", onLeave);
    window.removeEventListener("drop", onDrop);
  };
}
