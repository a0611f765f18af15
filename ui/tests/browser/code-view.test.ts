// The code view alone, on the mock transport's component harness (`?component=code`): YAML and
// JSON text of the document, edits committed after a pause, parse errors marked inline, and
// the text following changes made elsewhere.
import { readFile } from "node:fs/promises";
import { describe, expect, inject, test } from "vitest";
import type { Locator, Page } from "playwright-core";
import { setupApp } from "./harness";

const app = setupApp();

async function openCodeView() {
  const page = app.page;
  await page.goto(`${inject("baseURL")}/?mock=default&component=code`);
  const view = page.getByRole("region", { name: "Code view" });
  const editor = view.getByRole("textbox", { name: "Pipeline YAML" });
  await editor.waitFor();
  await expect.poll(() => editor.textContent()).toContain("name: web-app");
  return { page, view, editor, commits: page.getByRole("list", { name: "Commits" }) };
}

const labels = (commits: Locator) => commits.getByRole("listitem").allTextContents();

/** Puts the cursor at the end of the first line containing `text` (CodeMirror's own keys). */
async function cursorAfter(page: Page, editor: Locator, text: string) {
  const line = editor.locator(".cm-line", { hasText: text }).first();
  await line.click();
  await page.keyboard.press("End");
}

describe("Code view", () => {
  test("shows YAML and JSON tabs; a YAML edit commits once after a pause", async () => {
    const { page, view, editor, commits } = await openCodeView();
    const tabs = view.getByRole("tablist", { name: "Code format" });
    expect(await tabs.getByRole("tab", { name: "YAML" }).getAttribute("aria-selected")).toBe("true");
    // The validator's diagnostics would be marked here; web-app is valid.
    await cursorAfter(page, editor, "Image: node:20-bookworm");
    await page.keyboard.type("-slim");
    await expect.poll(() => labels(commits)).toEqual(["Edit YAML"]);
    expect(await view.getByRole("status").textContent()).toBe("In sync with the canvas");
    await app.screenshot("code-view-yaml");

    await tabs.getByRole("tab", { name: "YAML" }).focus();
    await page.keyboard.press("ArrowRight");
    const json = view.getByRole("textbox", { name: "Pipeline JSON" });
    await json.waitFor();
    expect(await tabs.getByRole("tab", { name: "JSON", exact: true }).getAttribute("aria-selected")).toBe("true");
    await expect.poll(() => json.textContent()).toContain('"Image": "node:20-bookworm-slim"');
    // Line 5 is `    "executionMode": "QUEUED",`.
    await json.focus();
    await page.keyboard.press("Control+Home");
    for (let i = 0; i < 4; i += 1) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("End");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    for (let i = 0; i < 6; i += 1) await page.keyboard.press("Backspace");
    await page.keyboard.type("PARALLEL");
    await app.screenshot("code-view-json");
    await expect.poll(() => labels(commits)).toEqual(["Edit YAML", "Edit JSON"]);
  });

  test("invalid YAML is marked at its line and not committed", async () => {
    const { page, view, editor, commits } = await openCodeView();
    await cursorAfter(page, editor, "name: web-app");
    await page.keyboard.type("\n  stages: [oops");
    const problem = view.getByRole("alert").filter({ hasText: "Line" });
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/Line \d+/);
    await view.locator(".cm-lintRange-error").first().waitFor();
    await view.locator(".cm-lint-marker-error").first().waitFor();
    expect(await view.getByRole("status").textContent()).toBe("Not applied: the text has an error");
    await app.screenshot("code-view-error");
    expect(await labels(commits)).toEqual([]);
    // Undo brings the valid text back; nothing was committed.
    await page.keyboard.press("Control+z");
    await expect.poll(() => problem.count()).toBe(0);
    expect(await labels(commits)).toEqual([]);
  });

  test("text without the {pipeline: …} shape is refused", async () => {
    const { page, editor, view, commits } = await openCodeView();
    await editor.click();
    await page.keyboard.press("Control+a");
    await page.keyboard.press("Backspace");
    await page.keyboard.type("name: bare\n");
    await view.getByText("must be an object with a `pipeline` object").waitFor();
    expect(await labels(commits)).toEqual([]);
  });

  test("a change from outside updates the text, unless the user is mid-edit", async () => {
    const { page, view, editor, commits } = await openCodeView();
    await page.getByRole("button", { name: "Canvas: rename Compile" }).click();
    await expect.poll(() => editor.textContent()).toContain("name: CompileApp");
    expect(await labels(commits)).toEqual(["Rename Compile to CompileApp (canvas)"]);

    // Mid-edit with text that does not parse: the canvas change waits for the user.
    await cursorAfter(page, editor, "name: web-app");
    await page.keyboard.type("\n  stages: [oops");
    await view.getByRole("alert").filter({ hasText: "Line" }).waitFor();
    await page.getByRole("button", { name: "Canvas: set Compile image" }).click();
    const stale = view.getByRole("alert").filter({ hasText: "The canvas changed" });
    await stale.waitFor();
    expect(await editor.textContent()).not.toContain("node:22-bookworm");
    await app.screenshot("code-view-stale");
    await stale.getByRole("button", { name: "Reload text" }).click();
    await expect.poll(() => editor.textContent()).toContain("Image: node:22-bookworm");
    expect(await editor.textContent()).not.toContain("web-app [");
    expect(await stale.count()).toBe(0);
  });

  test("validator diagnostics are marked at their line", async () => {
    const { page, view, editor } = await openCodeView();
    await cursorAfter(page, editor, "Image: node:20-bookworm");
    // Remove the value: E_CONFIG_REQUIRED on configuration/Image once committed.
    for (let i = 0; i < "node:20-bookworm".length; i += 1) await page.keyboard.press("Backspace");
    await page.keyboard.type('""');
    const mark = view.locator(".cm-lintRange-error");
    await mark.first().waitFor();
    expect(await mark.first().textContent()).toContain("Image");
    await app.screenshot("code-view-diagnostic");
  });

  test("Copy copies the text of the tab shown", async () => {
    const { page, view, editor } = await openCodeView();
    await app.context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await view.getByRole("button", { name: "Copy", exact: true }).click();
    await expect.poll(() => clipboard(page)).toMatch(/^pipeline:\n {2}name: web-app\n/);
    // The whole text, also the lines CodeMirror has not drawn.
    expect(await clipboard(page)).toContain("Image: node:20-bookworm");
    expect(await clipboard(page)).toContain("image: pipewright/busybox:local");
    expect(await editor.textContent()).toContain("name: web-app");

    await view.getByRole("tab", { name: "JSON", exact: true }).click();
    const json = view.getByRole("textbox", { name: "Pipeline JSON" });
    await expect.poll(() => json.textContent()).toContain('"name": "web-app"');
    await view.getByRole("button", { name: "Copy", exact: true }).click();
    await expect.poll(() => clipboard(page)).toContain('"name": "web-app"');
    expect(JSON.parse(await clipboard(page))).toHaveProperty("pipeline.name", "web-app");
  });

  test("the CodePipeline JSON tab shows the export of the edited document, read-only, with its warnings", async () => {
    const { page, view, editor, commits } = await openCodeView();
    // An edit not saved anywhere: the export follows it.
    await cursorAfter(page, editor, "Image: node:20-bookworm");
    await page.keyboard.type("-slim");
    await expect.poll(() => labels(commits)).toEqual(["Edit YAML"]);

    await view.getByRole("tab", { name: "YAML", exact: true }).focus();
    await page.keyboard.press("End");
    const tab = view.getByRole("tab", { name: "CodePipeline JSON" });
    expect(await tab.getAttribute("aria-selected")).toBe("true");
    expect(await editor.isVisible()).toBe(false);
    const exported = view.getByRole("textbox", { name: "Pipeline CodePipeline JSON" });
    await expect.poll(() => exported.textContent()).toContain('"name": "web-app"');
    expect(await exported.getAttribute("aria-readonly")).toBe("true");
    const warnings = view.getByRole("list", { name: "Export warnings" });
    expect(await warnings.textContent()).toContain("W_EXPORT_LOCAL_PROVIDER");
    await app.screenshot("code-view-codepipeline");

    // Copy copies the whole export (CodeMirror draws only the lines in view).
    await app.context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await view.getByRole("button", { name: "Copy", exact: true }).click();
    await expect.poll(() => clipboard(page)).toContain('"name": "web-app"');
    const text = await clipboard(page);
    const doc = JSON.parse(text) as { pipeline: { roleArn: string; stages: { actions: { name: string; configuration?: Record<string, string> }[] }[] } };
    const compile = doc.pipeline.stages[1]?.actions[0];
    expect(compile?.name).toBe("Compile");
    expect(compile?.configuration?.Image).toBe("node:20-bookworm-slim");
    // Local settings (Package's and SmokeTests' `pipewright.image`) stripped; the YAML has them.
    expect(text).not.toContain('"pipewright"');
    expect(text).not.toContain("pipewright/busybox:local");
    expect(doc.pipeline.roleArn).toMatch(/^arn:aws:iam::/);

    // Read-only: typing changes nothing, commits nothing.
    await exported.click();
    await page.keyboard.type("oops");
    await page.keyboard.press("Enter");
    expect(await exported.textContent()).not.toContain("oops");
    expect(await labels(commits)).toEqual(["Edit YAML"]);

    // Back to YAML: the editor and its text are as they were.
    await view.getByRole("tab", { name: "YAML", exact: true }).click();
    expect(await editor.isVisible()).toBe(true);
    expect(await editor.textContent()).toContain("Image: node:20-bookworm-slim");
  });

  test("a document with errors is not exported as CodePipeline JSON; the tab says why", async () => {
    const { page, view, editor, commits } = await openCodeView();
    await cursorAfter(page, editor, "Image: node:20-bookworm");
    for (let i = 0; i < "node:20-bookworm".length; i += 1) await page.keyboard.press("Backspace");
    await page.keyboard.type('""');
    await expect.poll(() => labels(commits)).toEqual(["Edit YAML"]);
    await view.getByRole("tab", { name: "CodePipeline JSON" }).click();
    const refusal = view.getByRole("alert").filter({ hasText: "E_INVALID_PIPELINE" });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain("E_CONFIG_REQUIRED");
    expect(await view.getByRole("textbox", { name: "Pipeline CodePipeline JSON" }).count()).toBe(0);
    expect(await view.getByRole("button", { name: "Copy", exact: true }).isDisabled()).toBe(true);
  });
});

/** The designer's code view in the app: Export CodePipeline JSON and Copy, with toasts. */
describe("Code view in the designer", () => {
  async function openCode() {
    const page = await app.open();
    await page.getByRole("option", { name: "web-app" }).click();
    await page.getByRole("heading", { level: 1, name: "web-app" }).waitFor();
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    await page.getByRole("group", { name: "Editor view" }).getByText("Code", { exact: true }).click();
    const view = page.getByRole("region", { name: "Code view" });
    const editor = view.getByRole("textbox", { name: "Pipeline YAML" });
    await expect.poll(() => editor.textContent()).toContain("name: web-app");
    return { page, view, editor };
  }

  test("Export CodePipeline JSON saves the unsaved edit's export; Copy confirms with a toast", async () => {
    const { page, view, editor } = await openCode();
    await cursorAfter(page, editor, "Image: node:20-bookworm");
    await page.keyboard.type("-slim");
    await page.getByText("Unsaved changes").waitFor();

    const download = page.waitForEvent("download");
    await view.getByRole("button", { name: "Export CodePipeline JSON" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("web-app.codepipeline.json");
    const saved = await readFile(await file.path(), "utf8");
    const toasts = page.getByRole("region", { name: "Notifications" });
    await toasts.getByRole("status").filter({ hasText: "Downloaded web-app.codepipeline.json" }).waitFor();
    // The export of the edited document, the same text the CodePipeline JSON tab shows.
    expect(saved).toContain("node:20-bookworm-slim");
    expect(saved).not.toContain('"pipewright"');
    await view.getByRole("tab", { name: "CodePipeline JSON" }).click();
    const exported = view.getByRole("textbox", { name: "Pipeline CodePipeline JSON" });
    await expect.poll(() => exported.textContent()).toContain('"name": "web-app"');

    await app.context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await view.getByRole("button", { name: "Copy", exact: true }).click();
    await toasts.getByRole("status").filter({ hasText: "Copied to the clipboard" }).waitFor();
    expect(await clipboard(page)).toBe(saved);
    await app.screenshot("code-view-designer-export");
    // Nothing was saved as a version.
    expect(await page.getByText("Unsaved changes").count()).toBe(1);
  });

  test("Export CodePipeline JSON of a document with errors shows the refusal as an error toast", async () => {
    const { page, view, editor } = await openCode();
    await cursorAfter(page, editor, "Image: node:20-bookworm");
    for (let i = 0; i < "node:20-bookworm".length; i += 1) await page.keyboard.press("Backspace");
    await page.keyboard.type('""');
    await page.getByText("Unsaved changes").waitFor();
    await view.getByRole("button", { name: "Export CodePipeline JSON" }).click();
    const alert = page.getByRole("region", { name: "Notifications" }).getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("E_INVALID_PIPELINE");
  });
});

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

describe("Split view in the designer", () => {
  test("shows the canvas and the code side by side, each following the other's edits", async () => {
    const page = await app.open();
    await page.getByRole("option", { name: "web-app" }).click();
    await page.getByRole("heading", { level: 1, name: "web-app" }).waitFor();
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    await page.getByRole("group", { name: "Editor view" }).getByText("Split", { exact: true }).click();
    const view = page.getByRole("region", { name: "Code view" });
    const editor = view.getByRole("textbox", { name: "Pipeline YAML" });
    await expect.poll(() => editor.textContent()).toContain("name: web-app");
    const stages = page.getByRole("group", { name: "Stages" });
    expect(await stages.isVisible()).toBe(true);
    await app.screenshot("designer-split");
    const canvasBox = await page.locator(".editor-panes > .zoom-area").boundingBox();
    const codeBox = await view.boundingBox();
    expect(canvasBox !== null && codeBox !== null && canvasBox.x + canvasBox.width <= codeBox.x + 1, JSON.stringify([canvasBox, codeBox])).toBe(true);

    // A canvas edit shows in the text.
    await page.getByRole("button", { name: "Add stage", exact: true }).click();
    await expect.poll(() => page.getByRole("region", { name: /^Stage/ }).count(), { timeout: 3000 }).toBeGreaterThan(0);
    // The editor draws only the lines in view: go to the end, where the new stage is.
    await editor.focus();
    await page.keyboard.press("Control+End");
    await expect.poll(() => editor.textContent(), { timeout: 3000 }).toMatch(/name: Stage/);
    // A text edit shows on the canvas.
    await page.keyboard.press("Control+Home");
    await cursorAfter(page, editor, "name: Checkout");
    await page.keyboard.type("All");
    await expect
      .poll(() => stages.getByRole("button", { name: "CheckoutAll", exact: true }).count(), { timeout: 4000 })
      .toBe(1);
    await app.screenshot("designer-split");
  });
});
