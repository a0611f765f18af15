// The stage footer's "Add action" button: a provider picker (the palette's items by category)
// that adds the chosen provider as the stage's new last step, focuses and selects it; undoable.
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { setupApp } from "./harness";

const app = setupApp();

async function openEditor(): Promise<Page> {
  const page = await app.open();
  await page.getByRole("option", { name: "web-app" }).click();
  await page.getByRole("heading", { level: 1, name: "web-app" }).waitFor();
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await page.getByRole("complementary", { name: "Palette" }).waitFor();
  return page;
}

const stage = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

/** The stage's rows (run orders) as lists of action names, as drawn. */
async function rows(page: Page, stageName: string): Promise<string[][]> {
  return stage(page, stageName)
    .locator(".run-row")
    .evaluateAll((els) => els.map((row) => [...row.querySelectorAll(".action-card")].map((c) => c.getAttribute("aria-label") ?? "")));
}

const focusedLabel = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent ?? "");

describe("Add action", () => {
  test("with the mouse: the picker lists the palette's providers by category; the choice is the stage's last step, selected", async () => {
    const page = await openEditor();
    const add = stage(page, "Test").getByRole("button", { name: "Add action", exact: true });
    expect(await page.getByRole("button", { name: "Add action", exact: true }).count()).toBe(5);
    await add.click();
    const picker = page.getByRole("menu", { name: "Add action to Test" });
    await picker.waitFor();
    const groups = await picker.getByRole("group").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
    expect(groups).toEqual(["Source", "Build", "Test", "Deploy", "Approval", "Invoke", "Compute"]);
    const tests = await picker.getByRole("group", { name: "Test" }).getByRole("menuitem").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
    expect(tests).toEqual(["Container", "CodeBuild"]);
    await app.screenshot("designer-add-action-picker");

    await picker.getByRole("group", { name: "Test" }).getByRole("menuitem", { name: "Container", exact: true }).click();
    await expect.poll(() => rows(page, "Test")).toEqual([["UnitTests", "SmokeTests"], ["Container"]]);
    expect(await picker.count()).toBe(0);
    // Focused and open in the Inspector.
    await expect.poll(() => focusedLabel(page)).toBe("Container");
    const inspector = page.getByRole("complementary", { name: "Inspector" });
    await expect.poll(() => inspector.getByRole("textbox", { name: "Action name" }).inputValue()).toBe("Container");
    expect(await stage(page, "Test").getByRole("button", { name: "Container", exact: true }).getAttribute("class")).toContain("selected");
    await app.screenshot("designer-add-action-added");

    // One edit: Undo takes it away, Redo brings it back.
    await page.getByRole("button", { name: "Undo", exact: true }).click();
    await expect.poll(() => rows(page, "Test")).toEqual([["UnitTests", "SmokeTests"]]);
    await page.getByRole("button", { name: "Redo", exact: true }).click();
    await expect.poll(() => rows(page, "Test")).toEqual([["UnitTests", "SmokeTests"], ["Container"]]);
  });

  test("with the keyboard: Tab to the button, Enter opens, arrows and a letter move, Enter adds; Escape gives the focus back", async () => {
    const page = await openEditor();
    const add = stage(page, "Deploy").getByRole("button", { name: "Add action", exact: true });
    // Reached with Tab from the stage's last card.
    await stage(page, "Deploy").getByRole("button", { name: "Publish", exact: true }).focus();
    await page.keyboard.press("Tab");
    expect(await add.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.keyboard.press("Enter");
    const picker = page.getByRole("menu", { name: "Add action to Deploy" });
    await picker.waitFor();
    // The first item has the focus; Escape closes and returns it to the button.
    await expect.poll(() => focusedLabel(page)).toBe("Directory");
    await page.keyboard.press("Escape");
    expect(await picker.count()).toBe(0);
    expect(await add.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await stage(page, "Deploy").locator(".action-card").count()).toBe(1);

    await page.keyboard.press("Space");
    await picker.waitFor();
    // Letters jump: "m" → Manual (Approval); ArrowDown → the next item (Pipeline, Invoke).
    await page.keyboard.press("m");
    await expect.poll(() => focusedLabel(page)).toBe("Manual");
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => focusedLabel(page)).toBe("Pipeline");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Enter");
    await expect.poll(() => rows(page, "Deploy")).toEqual([["Publish"], ["Manual"]]);
    await expect.poll(() => focusedLabel(page)).toBe("Manual");
    await expect.poll(() => page.getByRole("complementary", { name: "Inspector" }).getByRole("textbox", { name: "Action name" }).inputValue()).toBe("Manual");
    await expect.poll(() => page.locator(".designer-announcer").textContent()).toContain("Add Manual.");

    // Ctrl+Z (focus on the card) undoes the add.
    await page.keyboard.press("Control+z");
    await expect.poll(() => rows(page, "Deploy")).toEqual([["Publish"]]);
  });

  test("an empty stage gets its first action; names stay unique", async () => {
    const page = await openEditor();
    await page.getByRole("button", { name: "Add stage", exact: true }).click();
    const added = page.locator(".canvas .stage").last();
    const name = await added.getAttribute("aria-label");
    const add = added.getByRole("button", { name: "Add action", exact: true });
    for (let i = 0; i < 2; i++) {
      await add.click();
      await page.getByRole("menu", { name: `Add action to ${name}` }).getByRole("group", { name: "Build" }).getByRole("menuitem", { name: "Container", exact: true }).click();
    }
    await expect.poll(() => rows(page, name ?? "")).toEqual([["Container"], ["Container2"]]);
  });
});
