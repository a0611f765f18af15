import { resolve } from "node:path";
import { defineConfig } from "vitest/config";

// The render benchmark (scripts/bench.sh section 11, `npm run bench:render`): the browser tests'
// Chromium and static server, but only tests/bench, which `npm run test:browser` leaves out.
export default defineConfig({
  root: resolve(import.meta.dirname, "..", ".."),
  test: {
    include: ["tests/bench/**/*.bench.test.ts"],
    environment: "node",
    globalSetup: ["./tests/browser/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
