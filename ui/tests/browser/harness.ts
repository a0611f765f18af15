// Shared setup for the browser tests: Debian's Chromium through playwright-core (no browser
// download), a fresh context per test, the app on its mock transport, and checks that the page
// logged no errors (CSP violations included).
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from "vitest";
// Brings in the type of `window.__PIPEWRIGHT_MOCK__` for page.evaluate callbacks.
export type { MockControl } from "../../src/ipc/mock";

export const CHROMIUM = process.env.PIPEWRIGHT_CHROMIUM ?? "/usr/bin/chromium";
export const RESULTS_DIR = resolve(import.meta.dirname, "..", "..", "test-results");

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Harness {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Console errors and page errors the test expects (removed from the check). */
  expectErrors(pattern: RegExp): void;
  open(query?: string): Promise<Page>;
  screenshot(name: string): Promise<void>;
}

/**
 * Registers the hooks for one test file and returns accessors for the current page.
 * Playwright gives Chromium a fresh temporary --user-data-dir for every launch.
 */
export function setupApp(): Harness {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let errors: string[] = [];
  let expected: RegExp[] = [];

  beforeAll(async () => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, chromiumSandbox: false, args: ARGS });
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    if (!browser) throw new Error("browser not started");
    errors = [];
    expected = [];
    context = await browser.newContext({ viewport: { width: 1400, height: 860 }, deviceScaleFactor: 1 });
    // Fail a step in seconds rather than at the test's timeout.
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    // Tauri's `freezePrototype`: the app must work with a frozen Object.prototype.
    await page.addInitScript(() => Object.freeze(Object.prototype));
    page.on("console", (msg) => {
      if (msg.type() === "error") errors.push(`console: ${msg.text()}`);
    });
    page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  });

  afterEach(async () => {
    const unexpected = errors.filter((e) => !expected.some((re) => re.test(e)));
    await context?.close();
    expect(unexpected, "the page logged errors").toEqual([]);
  });

  const current = () => {
    if (!page || !context) throw new Error("no page: use the harness inside a test");
    return { page, context };
  };

  return {
    get page() {
      return current().page;
    },
    get context() {
      return current().context;
    },
    expectErrors(pattern) {
      expected.push(pattern);
    },
    async open(query = "") {
      const p = current().page;
      await p.goto(`${inject("baseURL")}/${query}`);
      await p.getByRole("button", { name: "New pipeline" }).waitFor();
      return p;
    },
    async screenshot(name) {
      await current().page.screenshot({ path: join(RESULTS_DIR, `${name}.png`) });
    },
  };
}
