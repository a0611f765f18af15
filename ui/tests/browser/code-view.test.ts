// The code view alone, on the mock transport's component harness (`?component=code`): YAML and
// JSON text of the document, edits committed after a pause, parse errors marked inline, and
// the text following changes made elsewhere.
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
    expect(await tabs.getByRole("tab", { name: "JSON" }).getAttribute("aria-selected")).toBe("true");
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

  test("Copy copies the current text", async () => {
    const { view } = await openCodeView();
    await app.context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await view.getByRole("button", { name: "Copy" }).click();
    await view.getByText("Copied to the clipboard").waitFor();
  });
});
