import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// One config for the app (dev server on the port tauri.conf.json's devUrl names, build into
// dist/ for the Tauri shell to embed) and for the unit tests (Vitest, plain Node: the code under
// test in src/model and src/ipc needs no DOM).
export default defineConfig({
  plugins: [react()],
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
