import { defineConfig } from "vitest/config";

// Browser tests: Playwright (playwright-core) drives Debian's /usr/bin/chromium against the
// built app (dist/) served by a tiny static server (tests/browser/global-setup.ts) with the
// app's CSP. The app runs on its mock transport because there is no Tauri runtime.
export default defineConfig({
  test: {
    include: ["tests/browser/**/*.test.ts"],
    environment: "node",
    globalSetup: ["./tests/browser/global-setup.ts"],
    // One Chromium at a time: these machines have two cores.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ["default", ["./tests/summary-reporter.ts", { label: "browser" }]],
  },
});
