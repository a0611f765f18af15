// Saving a whole action log. In the app: the save dialog, then `save_action_log`, which copies
// the log file on the host (a 50 MiB log never crosses IPC, and WebKitGTK's webview does not
// save `<a download>` Blob links anyway). In a browser (the mock transport): a Blob download
// built from the streamed chunks, without joining them into one string.
import { save as saveDialog } from "@tauri-apps/plugin-dialog";
import { call } from "../../ipc/client";
import type { LogStore } from "../../model/logs/store";
import { isTauri } from "../../platform";

export interface LogTarget {
  executionId: string;
  stageName: string;
  actionName: string;
  attempt?: number;
}

/** `Build-Compile.log`, `Build-Compile.2.log`: file-name-safe, like the engine's own names. */
export function logFileName({ stageName, actionName, attempt }: LogTarget): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._@-]/g, "_");
  return `${safe(stageName)}-${safe(actionName)}${attempt !== undefined ? `.${attempt}` : ""}.log`;
}

/** Saves the log; returns where (a path in the app, the file name in a browser) or null when cancelled. */
export async function downloadLog(store: LogStore, target: LogTarget): Promise<string | null> {
  const fileName = logFileName(target);
  if (isTauri()) {
    const path = await saveDialog({ defaultPath: fileName, filters: [{ name: "Log", extensions: ["log", "txt"] }], title: `Save the log of ${target.actionName}` });
    if (path === null) return null;
    const saved = await call("save_action_log", { ...target, path });
    return saved.path;
  }
  const url = URL.createObjectURL(new Blob(store.parts(), { type: "text/plain;charset=utf-8" }));
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
