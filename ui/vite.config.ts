import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";
import type { Plugin } from "vite";

/**
 * xterm.js assigns `toString` to a plain namespace object at load (`o.toString = s`), which
 * throws under Tauri's `freezePrototype` (Object.prototype's `toString` is read-only, so the
 * assignment cannot shadow it). Defining the property instead works with a frozen prototype.
 */
function xtermOnFrozenPrototype(): Plugin {
  return {
    name: "xterm-on-frozen-prototype",
    transform(code, id) {
      if (!/[\\/]@xterm[\\/]xterm[\\/]lib[\\/]/.test(id)) return null;
      const out = code.replace(
        /([A-Za-z_$][\w$]*)\.toString=([A-Za-z_$][\w$]*);/g,
        (_m, target: string, value: string) => `Object.defineProperty(${target},"toString",{writable:true,configurable:true,enumerable:true,value:${value}});`,
      );
      return out === code ? null : { code: out, map: null };
    },
  };
}

// One config for the app (dev server on the port tauri.conf.json's devUrl names, build into
// dist/ for the Tauri shell to embed) and for the unit tests (Vitest, plain Node: the code under
// test in src/model and src/ipc needs no DOM).
export default defineConfig({
  plugins: [react(), xtermOnFrozenPrototype()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK on Debian 12 (the Tauri webview) and current Chromium.
    target: ["es2022", "safari16"],
    sourcemap: false,
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
    reporters: ["default", ["./tests/summary-reporter.ts", { label: "unit" }]],
  },
});
