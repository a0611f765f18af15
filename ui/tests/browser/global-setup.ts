// Serves the built app (dist/) on a loopback port for the browser tests, with the
// Content-Security-Policy of the Tauri app, so a CSP violation shows up here as a console error.
import { createServer, type Server } from "node:http";
import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
  }
}

const UI_DIR = resolve(import.meta.dirname, "..", "..");
// PIPEWRIGHT_UI_DIST: a build of its own, so parallel builds into dist/ cannot change it mid-run.
const DIST = process.env.PIPEWRIGHT_UI_DIST ?? join(UI_DIR, "dist");
const TAURI_CONF = resolve(UI_DIR, "..", "src-tauri", "tauri.conf.json");

/** The app's CSP from tauri.conf.json (the same directives a browser can enforce). */
export function appCsp(): string {
  const fallback: Record<string, string> = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'none'",
  };
  let directives = fallback;
  if (existsSync(TAURI_CONF)) {
    const conf = JSON.parse(readFileSync(TAURI_CONF, "utf8")) as { app?: { security?: { csp?: unknown } } };
    const csp = conf.app?.security?.csp;
    if (typeof csp === "object" && csp !== null) directives = { ...(csp as Record<string, string>) };
    else if (typeof csp === "string") return csp;
  }
  // IPC goes through the mock here, not to Tauri's ipc: scheme.
  directives["connect-src"] = "'self'";
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v}`)
    .join("; ");
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".ico": "image/x-icon",
};

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(DIST, "index.html"))) {
    throw new Error("ui/dist is missing: run `npm run build` first (npm run test:browser does)");
  }
  const chromium = process.env.PIPEWRIGHT_CHROMIUM ?? "/usr/bin/chromium";
  if (!existsSync(chromium)) {
    throw new Error(`${chromium} is missing: install Debian's chromium (apt-get install chromium) or set PIPEWRIGHT_CHROMIUM`);
  }
  const csp = appCsp();
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      let path = normalize(join(DIST, decodeURIComponent(url.pathname)));
      if (!path.startsWith(DIST + sep) && path !== DIST) {
        res.writeHead(403).end();
        return;
      }
      if (!existsSync(path) || path === DIST || path.endsWith(sep)) path = join(DIST, "index.html");
      try {
        const body = await readFile(path);
        res.writeHead(200, {
          "Content-Type": TYPES[extname(path)] ?? "application/octet-stream",
          "Content-Security-Policy": csp,
          "Cache-Control": "no-store",
        });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no server address");
  project.provide("baseURL", `http://127.0.0.1:${address.port}`);
  return () => new Promise<void>((ok) => server.close(() => ok()));
}
