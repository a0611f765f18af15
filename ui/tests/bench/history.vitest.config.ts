import { resolve } from "node:path";
import { defineConfig } from "vitest/config";

// Benchmark 12 (scripts/bench.sh): the History view's first render over 100,000 executions, in
// the browser tests' Chromium and static server (serves dist/: build first). Kept apart from
// `bench:render` (section 11) so each section runs only its own figures.
export default defineConfig({
  root: resolve(import.meta.dirname, "..", ".."),
  test: {
    include: ["tests/bench/history.render.bench.ts"],
    environment: "node",
    globalSetup: ["./tests/browser/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});
