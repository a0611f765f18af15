// The app (Tauri) side of the platform layer, on Tauri's own IPC mocks: the open and save
// dialogs go through the dialog plugin and our commands, drops come from the webview's events.
import { emit } from "@tauri-apps/api/event";
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { beforeAll, beforeEach, describe, expect, test, vi } from "vitest";

type Platform = typeof import("./index");
let platform: Platform;
let calls: [string, unknown][] = [];
let dialogAnswer: string | null = null;

beforeAll(async () => {
  vi.stubGlobal("window", globalThis);
  // What Tauri injects before the page's scripts run: the platform layer decides on it at load.
  mockWindows("main");
  mockIPC(
    (cmd, payload) => {
      calls.push([cmd, payload]);
      switch (cmd) {
        case "plugin:dialog|open":
        case "plugin:dialog|save":
          return dialogAnswer;
        case "read_import_file":
          return `text of ${(payload as { args: { path: string } }).args.path}`;
        case "save_export":
          return null;
        default:
          return undefined;
      }
    },
    { shouldMockEvents: true },
  );
  platform = await import("./index");
});

beforeEach(() => {
  calls = [];
  dialogAnswer = null;
});

describe("platform in the app", () => {
  test("is detected from Tauri's internals", () => {
    expect(platform.isTauri()).toBe(true);
  });

  test("openFileDialog: the dialog plugin, then read_import_file with the chosen path", async () => {
    dialogAnswer = "/home/dev/pipelines/shop.json";
    const picked = await platform.openFileDialog();
    expect(picked).toEqual({ name: "shop.json", path: "/home/dev/pipelines/shop.json", text: "text of /home/dev/pipelines/shop.json" });
    expect(calls.map(([cmd]) => cmd)).toEqual(["plugin:dialog|open", "read_import_file"]);
    expect(calls[1]?.[1]).toEqual({ args: { path: "/home/dev/pipelines/shop.json" } });
  });

  test("openFileDialog: cancelling reads nothing", async () => {
    expect(await platform.openFileDialog()).toBeNull();
    expect(calls.map(([cmd]) => cmd)).toEqual(["plugin:dialog|open"]);
  });

  test("saveFileDialog: the dialog plugin, then save_export", async () => {
    dialogAnswer = "/tmp/shop.codepipeline.json";
    expect(await platform.saveFileDialog("shop.codepipeline.json", "{}")).toBe("/tmp/shop.codepipeline.json");
    expect(calls[1]).toEqual(["save_export", { args: { path: "/tmp/shop.codepipeline.json", text: "{}" } }]);
    calls = [];
    dialogAnswer = null;
    expect(await platform.saveFileDialog("x.yaml", "a: 1")).toBeNull();
    expect(calls.map(([cmd]) => cmd)).toEqual(["plugin:dialog|save"]);
  });

  test("onFileDrop: hover, then the dropped file is read through read_import_file", async () => {
    const hover: boolean[] = [];
    const dropped = new Promise<unknown>((resolve, reject) => {
      const stop = platform.onFileDrop({
        onHover: (h) => hover.push(h),
        onDrop: (file) => {
          stop();
          resolve(file);
        },
        onError: reject,
      });
    });
    // The four listeners register one after the other, asynchronously (microtasks): a
    // macrotask later they all are.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await emit("tauri://drag-enter", { paths: ["/data/p.yaml"], position: { x: 5, y: 5 } });
    expect(hover).toEqual([true]);
    await emit("tauri://drag-drop", { paths: ["/data/p.yaml"], position: { x: 5, y: 5 } });
    expect(await dropped).toEqual({ name: "p.yaml", path: "/data/p.yaml", text: "text of /data/p.yaml" });
    expect(hover.at(-1)).toBe(false);
  });
});
