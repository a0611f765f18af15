import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { setupApp } from "./harness";

const app = setupApp();

/** Role and accessible name (aria-label or text) of the focused element. */
async function focused(page: Page): Promise<{ role: string | null; name: string | null; inDialog: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return { role: null, name: null, inDialog: false };
    const role = el.getAttribute("role") ?? el.tagName.toLowerCase();
    const name = el.getAttribute("aria-label") ?? el.textContent.trim();
    return { role, name, inDialog: el.closest("dialog[open]") !== null };
  });
}

describe("keyboard", () => {
  test("Tab reaches New pipeline; Enter opens it, Enter in the form creates, Escape closes", async () => {
    const page = await app.open();
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ role: "button", name: "New pipeline" });
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "New pipeline" });
    await dialog.waitFor();
    // Focus starts in the name field, inside the dialog.
    expect(await focused(page)).toMatchObject({ role: "input", inDialog: true });
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    // Focus returns to the button that opened it.
    expect(await focused(page)).toMatchObject({ name: "New pipeline" });

    await page.keyboard.press("Enter");
    await dialog.waitFor();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("typed-by-keyboard");
    await page.keyboard.press("Enter");
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("option", { name: "typed-by-keyboard", selected: true }).waitFor();
  });

  test("Tab stays inside an open dialog", async () => {
    const page = await app.open();
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByRole("dialog", { name: "Import pipeline" }).waitFor();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press("Tab");
      expect((await focused(page)).inDialog).toBe(true);
    }
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press("Shift+Tab");
      expect((await focused(page)).inDialog).toBe(true);
    }
  });

  test("Ctrl+O opens Import, Escape closes it; Ctrl+E opens Export", async () => {
    const page = await app.open();
    await page.getByRole("option", { name: "web-app" }).waitFor();
    await page.keyboard.press("Control+o");
    const dialog = page.getByRole("dialog", { name: "Import pipeline" });
    await dialog.waitFor();
    expect(await focused(page)).toMatchObject({ role: "textarea", inDialog: true });
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });

    await page.keyboard.press("Control+e");
    const exportDialog = page.getByRole("dialog", { name: /^Export / });
    await exportDialog.waitFor();
    await page.keyboard.press("Escape");
    await exportDialog.waitFor({ state: "detached" });
  });

  test("Ctrl+Enter in the pipeline text imports", async () => {
    const page = await app.open();
    await page.keyboard.press("Control+o");
    const dialog = page.getByRole("dialog", { name: "Import pipeline" });
    await dialog.getByLabel("Pipeline text").fill("pipeline: [unclosed");
    await page.keyboard.press("Control+Enter");
    await dialog.getByRole("alert").filter({ hasText: "Not imported" }).waitFor();
    expect(await dialog.getByRole("list", { name: "Diagnostics" }).textContent()).toContain("E_SYNTAX");
  });

  test("the list moves with the arrow keys, Home and End; Delete asks to delete", async () => {
    const page = await app.open();
    const first = page.getByRole("option", { name: "docs-site" });
    await first.focus();
    await page.keyboard.press("ArrowDown");
    expect(await focused(page)).toMatchObject({ role: "option", name: "legacy-import" });
    await page.getByRole("option", { name: "legacy-import", selected: true }).waitFor();
    await page.getByRole("heading", { level: 1, name: "legacy-import" }).waitFor();
    await page.keyboard.press("End");
    expect(await focused(page)).toMatchObject({ name: "web-app" });
    await page.keyboard.press("Home");
    expect(await focused(page)).toMatchObject({ name: "docs-site" });
    await page.keyboard.press("ArrowUp");
    expect(await focused(page)).toMatchObject({ name: "docs-site" });

    // One tab stop for the whole list.
    await page.keyboard.press("Tab");
    expect((await focused(page)).role).not.toBe("option");

    await first.focus();
    await page.keyboard.press("Delete");
    const confirm = page.getByRole("alertdialog", { name: "Delete pipeline docs-site?" });
    await confirm.waitFor();
    // The safe choice has the focus.
    expect(await focused(page)).toMatchObject({ name: "Cancel" });
    await page.keyboard.press("Escape");
    await confirm.waitFor({ state: "detached" });
    expect(await page.getByRole("option").count()).toBe(3);
  });

  test("an action card opens its details with Enter; Escape closes them and returns focus", async () => {
    const page = await app.open();
    await page.getByRole("option", { name: "web-app" }).click();
    const card = page.getByRole("region", { name: "Build", exact: true }).getByRole("button", { name: "Package", exact: true });
    await card.focus();
    await page.keyboard.press("Enter");
    const details = page.getByRole("complementary", { name: "Action details" });
    await details.getByRole("heading", { name: "Package" }).waitFor();
    expect(await details.textContent()).toContain("from Build › Compile");
    await app.screenshot("action-details");
    await page.keyboard.press("Escape");
    await details.waitFor({ state: "detached" });
    expect(await focused(page)).toMatchObject({ role: "button", name: "Package" });
  });
});
