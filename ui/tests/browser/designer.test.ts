// The designer's edit mode: mouse drags (dnd-kit), the keyboard lift-and-move, context menus,
// the palette, undo/redo, save (drafts and conflicts) and the leave guard, on the mock backend.
import type { Locator, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { setupApp } from "./harness";

const app = setupApp();

async function openEditor(name = "web-app", wide = false): Promise<Page> {
  const page = await app.open();
  // Wide enough for several stages side by side (narrower windows scroll while dragging).
  if (wide) await page.setViewportSize({ width: 2000, height: 900 });
  await page.getByRole("option", { name }).click();
  await page.getByRole("heading", { level: 1, name }).waitFor();
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await page.getByRole("complementary", { name: "Palette" }).waitFor();
  return page;
}

const stage = (page: Page, name: string) => page.getByRole("region", { name, exact: true });
const card = (page: Page, stageName: string, action: string) => stage(page, stageName).getByRole("button", { name: action, exact: true });
const zone = (page: Page, id: string) => page.locator(`[data-drop-zone="${id}"]`);
const announcer = (page: Page) => page.locator(".designer-announcer");
const dirty = (page: Page) => page.getByText("Unsaved changes");

/** The stage's rows (run orders) as lists of action names, as drawn. */
async function rows(page: Page, stageName: string): Promise<string[][]> {
  return stage(page, stageName)
    .locator(".run-row")
    .evaluateAll((els) => els.map((row) => [...row.querySelectorAll(".action-card")].map((c) => c.getAttribute("aria-label") ?? "")));
}

async function stageNames(page: Page): Promise<string[]> {
  return page.locator(".canvas .stage").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""));
}

async function center(locator: Locator): Promise<{ x: number; y: number }> {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  if (!box) throw new Error("not laid out");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * Drags `source` with the mouse onto `target` (its center, or `offset` from its top-left).
 * `during` runs while the pointer is over the target, before the drop.
 */
async function drag(page: Page, source: Locator, target: Locator, during?: () => Promise<void>, offset?: { x: number; y: number }) {
  await target.scrollIntoViewIfNeeded();
  const from = await center(source);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 12, from.y + 8, { steps: 4 });
  await target.waitFor();
  const box = await target.boundingBox();
  if (!box) throw new Error("target not laid out");
  const to = offset ? { x: box.x + offset.x, y: box.y + offset.y } : { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.move(to.x + 1, to.y, { steps: 2 });
  if (during) await during();
  await page.mouse.up();
  // dnd-kit swallows clicks for 50 ms after a drag (so the drop does not click what is under it).
  await page.waitForTimeout(80);
}

describe("edit mode", () => {
  test("Edit shows Save, Cancel, Undo, Redo and the palette; read-only Space still opens details", async () => {
    const page = await app.open();
    await page.getByRole("option", { name: "web-app" }).click();
    // Read-only: Space opens the details, as before.
    await card(page, "Build", "Package").focus();
    await page.keyboard.press("Space");
    await page.getByRole("complementary", { name: "Action details" }).waitFor();
    expect(await card(page, "Build", "Package").getAttribute("aria-pressed")).toBeNull();
    await page.getByRole("button", { name: "Close details" }).click();

    await page.getByRole("button", { name: "Edit", exact: true }).click();
    await page.getByRole("complementary", { name: "Palette" }).waitFor();
    const save = page.getByRole("button", { name: "Save", exact: true });
    expect(await save.isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Undo", exact: true }).isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Redo", exact: true }).isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Run", exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole("list", { name: "Pipeline facts" }).textContent()).toContain("Editing version 3");
    expect(await dirty(page).count()).toBe(0);
    // Providers by category, local ones first.
    const palette = page.getByRole("complementary", { name: "Palette" });
    const groups = await palette.getByRole("group").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
    expect(groups.slice(0, 4)).toEqual(["Source", "Build", "Test", "Deploy"]);
    const build = await palette.getByRole("group", { name: "Build" }).getByRole("button").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
    expect(build[0]).toBe("Container");
    expect(build).toContain("CodeBuild");
    await app.screenshot("designer-palette");

    // Cancel without edits leaves at once.
    await page.getByRole("button", { name: "Cancel", exact: true }).click();
    await page.getByRole("button", { name: "Edit", exact: true }).waitFor();
    expect(await page.getByRole("complementary", { name: "Palette" }).count()).toBe(0);
  });
});

describe("mouse drag and drop", () => {
  test("an action joins a row (parallel), becomes a new step, moves to another stage; undo/redo cover drags", async () => {
    const page = await openEditor("web-app", true);
    expect(await rows(page, "Build")).toEqual([["Compile", "Lint"], ["Package"]]);

    await drag(page, card(page, "Build", "Package"), zone(page, "zone:1:row:0"), async () => {
      await zone(page, "zone:1:row:0").and(page.locator(".over")).waitFor();
      await app.screenshot("designer-drag");
    });
    await expect.poll(() => rows(page, "Build")).toEqual([["Compile", "Lint", "Package"]]);
    await dirty(page).waitFor();
    expect(await page.getByRole("button", { name: "Undo", exact: true }).getAttribute("title")).toContain("Undo Move Package");

    await drag(page, card(page, "Build", "Lint"), zone(page, "zone:1:before:0"), async () => {
      await zone(page, "zone:1:before:0").and(page.locator(".over")).waitFor();
    });
    await expect.poll(() => rows(page, "Build")).toEqual([["Lint"], ["Compile", "Package"]]);

    await drag(page, card(page, "Build", "Lint"), zone(page, "zone:2:row:0"));
    await expect.poll(() => rows(page, "Test")).toEqual([["UnitTests", "SmokeTests", "Lint"]]);
    expect(await rows(page, "Build")).toEqual([["Compile", "Package"]]);

    // Undo with the button and the shortcut, redo with both shortcuts and the button.
    await page.getByRole("button", { name: "Undo", exact: true }).click();
    await expect.poll(() => rows(page, "Build")).toEqual([["Lint"], ["Compile", "Package"]]);
    await page.keyboard.press("Control+z");
    await expect.poll(() => rows(page, "Build")).toEqual([["Compile", "Lint", "Package"]]);
    await page.keyboard.press("Control+z");
    await expect.poll(() => rows(page, "Build")).toEqual([["Compile", "Lint"], ["Package"]]);
    await expect.poll(() => dirty(page).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Undo", exact: true }).isDisabled()).toBe(true);
    await page.keyboard.press("Control+Shift+z");
    await expect.poll(() => rows(page, "Build")).toEqual([["Compile", "Lint", "Package"]]);
    await page.keyboard.press("Control+y");
    await expect.poll(() => rows(page, "Build")).toEqual([["Lint"], ["Compile", "Package"]]);
    expect(await page.getByRole("button", { name: "Redo", exact: true }).getAttribute("title")).toContain("Redo Move Lint");
    await page.getByRole("button", { name: "Redo", exact: true }).click();
    await expect.poll(() => rows(page, "Test")).toEqual([["UnitTests", "SmokeTests", "Lint"]]);
    await dirty(page).waitFor();
  });

  test("a stage header drags to another place", async () => {
    const page = await openEditor("web-app", true);
    await drag(page, stage(page, "Test").locator(".stage-header h3"), stage(page, "Build").locator(".stage-header"));
    await expect.poll(() => stageNames(page)).toEqual(["Source", "Test", "Build", "Approve", "Deploy"]);
    await page.keyboard.press("Control+z");
    await expect.poll(() => stageNames(page)).toEqual(["Source", "Build", "Test", "Approve", "Deploy"]);
  });

  test("a palette item drags into a stage position; live diagnostics say what to fill in", async () => {
    const page = await openEditor();
    const palette = page.getByRole("complementary", { name: "Palette" });
    const item = palette.getByRole("group", { name: "Build" }).getByRole("button", { name: "Container", exact: true });
    await drag(page, item, zone(page, "zone:4:before:1"), async () => {
      await zone(page, "zone:4:before:1").and(page.locator(".over")).waitFor();
      await app.screenshot("designer-palette-drag");
    });
    await expect.poll(() => rows(page, "Deploy")).toEqual([["Publish"], ["Container"]]);
    const added = card(page, "Deploy", "Container");
    // Validation runs after the edit: the missing Image is an error on the new card.
    await expect.poll(() => added.getAttribute("class")).toContain("has-error");
    await page.getByRole("region", { name: "Problems" }).getByText("Container needs configuration `Image`").waitFor();
    expect(await page.getByRole("list", { name: "Pipeline facts" }).textContent()).toContain("Invalid");
    // The inspector shows the new action.
    await page.getByRole("complementary", { name: "Inspector" }).getByRole("heading", { name: "Container" }).waitFor();
  });
});

describe("keyboard", () => {
  test("Space lifts, Up/Down walk the positions with announcements, Space drops", async () => {
    const page = await openEditor();
    const pkg = card(page, "Build", "Package");
    await pkg.focus();
    await page.keyboard.press("Space");
    expect(await pkg.getAttribute("aria-pressed")).toBe("true");
    expect(await announcer(page).textContent()).toContain("Picked up Package. Build, new step 2 of 2, after Compile and Lint.");
    expect(await announcer(page).getAttribute("aria-live")).toBe("assertive");

    await page.keyboard.press("ArrowUp");
    await expect.poll(() => announcer(page).textContent()).toContain("Package: Build, in parallel with Compile and Lint (step 1 of 1)");
    await expect.poll(() => rows(page, "Build")).toEqual([["Compile", "Lint", "Package"]]);
    await page.keyboard.press("ArrowUp");
    await expect.poll(() => announcer(page).textContent()).toContain("Package: Build, new step 1 of 2, before Compile and Lint");
    await page.keyboard.press("ArrowUp");
    await expect.poll(() => announcer(page).textContent()).toContain("Package is at the top of the stage.");
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => announcer(page).textContent()).toContain("Package: Build, in parallel with Compile and Lint (step 1 of 1)");
    await app.screenshot("designer-lifted");
    await page.keyboard.press("ArrowUp");
    // Still lifted, and focus follows the card.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Package");
    expect(await card(page, "Build", "Package").getAttribute("aria-pressed")).toBe("true");
    await page.keyboard.press("Space");
    await expect.poll(() => announcer(page).textContent()).toContain("Dropped Package. Build, new step 1 of 2, before Compile and Lint");
    expect(await rows(page, "Build")).toEqual([["Package"], ["Compile", "Lint"]]);
    expect(await card(page, "Build", "Package").getAttribute("aria-pressed")).toBe("false");
    await dirty(page).waitFor();
    expect(await page.getByRole("button", { name: "Undo", exact: true }).getAttribute("title")).toContain("Undo Move Package");
  });

  test("Left/Right move to another stage as its last step; Escape cancels and restores", async () => {
    const page = await openEditor();
    await card(page, "Build", "Compile").focus();
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => announcer(page).textContent()).toContain("Compile: Test, new step 2 of 2, after UnitTests and SmokeTests");
    await expect.poll(() => rows(page, "Test")).toEqual([["UnitTests", "SmokeTests"], ["Compile"]]);
    expect(await page.evaluate(() => document.activeElement?.closest("section")?.getAttribute("aria-label"))).toBe("Test");
    await page.keyboard.press("Escape");
    await expect.poll(() => announcer(page).textContent()).toContain("Move cancelled. Compile is back in Build, in parallel with Lint (step 1 of 2)");
    expect(await rows(page, "Build")).toEqual([["Compile", "Lint"], ["Package"]]);
    expect(await rows(page, "Test")).toEqual([["UnitTests", "SmokeTests"]]);
    expect(await dirty(page).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Compile");

    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => announcer(page).textContent()).toContain("Compile: Source, new step 2 of 2, after Checkout and SharedConfig");
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => announcer(page).textContent()).toContain("Compile is in the first stage.");
    await page.keyboard.press("Enter");
    await expect.poll(() => rows(page, "Source")).toEqual([["Checkout", "SharedConfig"], ["Compile"]]);
    await dirty(page).waitFor();
  });

  test("focusing another card puts a lifted card back", async () => {
    const page = await openEditor();
    await card(page, "Build", "Compile").focus();
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => rows(page, "Test")).toEqual([["UnitTests", "SmokeTests"], ["Compile"]]);
    await card(page, "Source", "Checkout").click();
    await expect.poll(() => rows(page, "Build")).toEqual([["Compile", "Lint"], ["Package"]]);
    await expect.poll(() => announcer(page).textContent()).toContain("Move cancelled.");
    expect(await dirty(page).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Checkout");
  });

  test("a stage handle lifts with Space and moves with Left/Right", async () => {
    const page = await openEditor();
    const handle = page.getByRole("button", { name: "Stage Test", exact: true });
    await handle.focus();
    await page.keyboard.press("Space");
    expect(await handle.getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => announcer(page).textContent()).toContain("Picked up stage Test. Test, stage 3 of 5, after Build.");
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => stageNames(page)).toEqual(["Source", "Test", "Build", "Approve", "Deploy"]);
    await expect.poll(() => announcer(page).textContent()).toContain("Test, stage 2 of 5, after Source");
    await page.keyboard.press("Space");
    await expect.poll(() => announcer(page).textContent()).toContain("Dropped stage Test.");
    expect(await stageNames(page)).toEqual(["Source", "Test", "Build", "Approve", "Deploy"]);
    await page.keyboard.press("Control+z");
    await expect.poll(() => stageNames(page)).toEqual(["Source", "Build", "Test", "Approve", "Deploy"]);

    // Escape puts it back.
    await page.getByRole("button", { name: "Stage Test", exact: true }).focus();
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => stageNames(page)).toEqual(["Source", "Build", "Approve", "Test", "Deploy"]);
    await page.keyboard.press("Escape");
    await expect.poll(() => stageNames(page)).toEqual(["Source", "Build", "Test", "Approve", "Deploy"]);
  });

  test("Enter on a palette item adds it to the last focused stage as a new last step", async () => {
    const page = await openEditor();
    await card(page, "Test", "UnitTests").focus();
    const item = page.getByRole("complementary", { name: "Palette" }).getByRole("group", { name: "Test" }).getByRole("button", { name: "Container", exact: true });
    await item.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => rows(page, "Test")).toEqual([["UnitTests", "SmokeTests"], ["Container"]]);
    await expect.poll(() => announcer(page).textContent()).toContain("Added Container to Test as its last step.");
    await page.keyboard.press("Enter");
    await expect.poll(() => rows(page, "Test")).toEqual([["UnitTests", "SmokeTests"], ["Container"], ["Container2"]]);
  });
});

describe("context menus", () => {
  test("Move right, Move left (Shift+F10) and Run in parallel with… (ContextMenu key)", async () => {
    const page = await openEditor();
    await card(page, "Build", "Compile").click({ button: "right" });
    const menu = page.getByRole("menu", { name: "Compile actions" });
    await menu.waitFor();
    await app.screenshot("designer-menu");
    expect(await menu.getByRole("menuitem").evaluateAll((els) => els.map((e) => e.textContent))).toEqual([
      "Move left",
      "Move right",
      "Run in parallel with…",
      "Duplicate",
      "Delete…",
    ]);
    await menu.getByRole("menuitem", { name: "Move right" }).click();
    await expect.poll(() => rows(page, "Test")).toEqual([["UnitTests", "SmokeTests"], ["Compile"]]);

    await card(page, "Build", "Lint").focus();
    await page.keyboard.press("Shift+F10");
    const lintMenu = page.getByRole("menu", { name: "Lint actions" });
    await lintMenu.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Move left");
    await page.keyboard.press("Enter");
    await expect.poll(() => rows(page, "Source")).toEqual([["Checkout", "SharedConfig"], ["Lint"]]);

    await card(page, "Source", "Lint").focus();
    await page.keyboard.press("ContextMenu");
    await page.getByRole("menu", { name: "Lint actions" }).waitFor();
    // Move left is disabled in the first stage: Move right has the focus.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Move right");
    await page.keyboard.press("ArrowDown");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Run in parallel with…");
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Run Lint in parallel with…" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Checkout", exact: true }).click();
    await expect.poll(() => rows(page, "Source")).toEqual([["Checkout", "SharedConfig", "Lint"]]);

    // Escape closes a menu and gives the focus back to the card.
    await card(page, "Source", "Lint").focus();
    await page.keyboard.press("Shift+F10");
    await page.getByRole("menu", { name: "Lint actions" }).waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("menu").waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Lint");
  });

  test("Delete… asks first; stage menu renames, adds and deletes stages", async () => {
    const page = await openEditor();
    await card(page, "Build", "Package").click({ button: "right" });
    await page.getByRole("menuitem", { name: "Delete…" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Delete action Package?" });
    await confirm.getByRole("button", { name: "Delete" }).click();
    await expect.poll(() => rows(page, "Build")).toEqual([["Compile", "Lint"]]);

    await page.getByRole("button", { name: "Approve stage options" }).click();
    await page.getByRole("menuitem", { name: "Rename…" }).click();
    const rename = page.getByRole("dialog", { name: "Rename stage Approve" });
    await rename.getByLabel("Stage name").fill("Build");
    await rename.getByRole("button", { name: "Rename" }).click();
    await rename.getByRole("alert").filter({ hasText: "already a stage named Build" }).waitFor();
    await rename.getByLabel("Stage name").fill("Gate");
    await page.keyboard.press("Enter");
    await expect.poll(() => stageNames(page)).toEqual(["Source", "Build", "Test", "Gate", "Deploy"]);

    await page.getByRole("button", { name: "Stage Gate", exact: true }).focus();
    await page.keyboard.press("Shift+F10");
    await page.getByRole("menuitem", { name: "Add stage after" }).click();
    await expect.poll(() => stageNames(page)).toEqual(["Source", "Build", "Test", "Gate", "Stage", "Deploy"]);
    await page.getByRole("button", { name: "Add stage", exact: true }).click();
    await expect.poll(() => stageNames(page)).toEqual(["Source", "Build", "Test", "Gate", "Stage", "Deploy", "Stage2"]);
    await stage(page, "Stage2").scrollIntoViewIfNeeded();
    await app.screenshot("designer-empty-stage");

    await page.getByRole("button", { name: "Stage2 stage options" }).click();
    await page.getByRole("menuitem", { name: "Delete…" }).click();
    await page.getByRole("alertdialog", { name: "Delete stage Stage2?" }).getByRole("button", { name: "Delete" }).click();
    await expect.poll(() => stageNames(page)).toEqual(["Source", "Build", "Test", "Gate", "Stage", "Deploy"]);
  });
});

describe("save", () => {
  test("Save (Ctrl+S) creates a new version and leaves edit mode", async () => {
    const page = await openEditor();
    await card(page, "Build", "Lint").focus();
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Space");
    await dirty(page).waitFor();
    await page.keyboard.press("Control+s");
    await page.getByRole("status").filter({ hasText: "Saved version 4" }).waitFor();
    expect(await page.getByRole("status").filter({ hasText: "Saved version 4" }).textContent()).not.toContain("draft");
    await page.getByRole("button", { name: "Edit", exact: true }).waitFor();
    await expect.poll(() => page.getByRole("list", { name: "Pipeline facts" }).textContent()).toContain("Version 4");
    expect(await rows(page, "Build")).toEqual([["Compile"], ["Lint"], ["Package"]]);
    const latest = await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.latest("web-app"));
    expect(latest?.version).toBe(4);
    expect(latest?.valid).toBe(true);
    expect(latest?.document.pipeline.stages[1]?.actions.map((a) => [a.name, a.runOrder])).toEqual([
      ["Compile", 1],
      ["Lint", 2],
      ["Package", 3],
    ]);
    await page.getByRole("button", { name: "Versions" }).click();
    await page.getByRole("complementary", { name: "Versions" }).getByRole("listitem", { name: /^Version 4/ }).waitFor();
  });

  test("an invalid document saves as a draft", async () => {
    const page = await openEditor();
    await card(page, "Deploy", "Publish").focus();
    await page.getByRole("complementary", { name: "Palette" }).getByRole("group", { name: "Source" }).getByRole("button", { name: "Git" }).press("Enter");
    await expect.poll(() => rows(page, "Deploy")).toEqual([["Publish"], ["Git"]]);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Saved version 4 as an invalid draft" }).waitFor();
    const latest = await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.latest("web-app"));
    expect(latest?.valid).toBe(false);
    await page.getByRole("button", { name: "Edit", exact: true }).waitFor();
    await expect.poll(() => page.getByRole("list", { name: "Pipeline facts" }).textContent()).toContain("Invalid");
  });

  test("a conflict asks: Save mine as a new version, or Reload", async () => {
    const page = await openEditor();
    await page.getByRole("button", { name: "Add stage", exact: true }).click();
    await dirty(page).waitFor();
    await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.saveElsewhere("web-app"));
    await page.keyboard.press("Control+s");
    const conflict = page.getByRole("alertdialog", { name: "Pipeline changed elsewhere" });
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain("since you opened version 3");
    // Nothing was overwritten.
    expect((await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.latest("web-app")))?.document.pipeline.stages).toHaveLength(5);
    await conflict.getByRole("button", { name: "Save mine as a new version" }).click();
    await page.getByRole("status").filter({ hasText: "Saved version 5" }).waitFor();
    const saved = await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.latest("web-app"));
    expect(saved?.version).toBe(5);
    expect(saved?.document.pipeline.stages.map((s) => s.name)).toEqual(["Source", "Build", "Test", "Approve", "Deploy", "Stage"]);

    // Reload drops the edits and edits the latest version.
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    await page.getByRole("button", { name: "Stage Stage", exact: true }).focus();
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Space");
    await dirty(page).waitFor();
    await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.saveElsewhere("web-app"));
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain("since you opened version 5");
    await conflict.getByRole("button", { name: "Reload" }).click();
    await conflict.waitFor({ state: "detached" });
    await expect.poll(() => page.getByRole("list", { name: "Pipeline facts" }).textContent()).toContain("Editing version 6");
    expect(await dirty(page).count()).toBe(0);
    expect(await stageNames(page)).toEqual(["Source", "Build", "Test", "Approve", "Deploy", "Stage"]);
  });

  test("Run with unsaved edits asks to save first", async () => {
    const page = await openEditor();
    await page.getByRole("button", { name: "Add stage", exact: true }).click();
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const ask = page.getByRole("alertdialog", { name: "Save before running?" });
    await ask.waitFor();
    await ask.getByRole("button", { name: "Cancel" }).click();
    await ask.waitFor({ state: "detached" });
    await dirty(page).waitFor();
  });
});

describe("leave guard", () => {
  test("another pipeline, New pipeline, Cancel and closing the window ask before dropping edits", async () => {
    const page = await openEditor();
    await page.getByRole("button", { name: "Add stage", exact: true }).click();
    await dirty(page).waitFor();

    await page.getByRole("option", { name: "docs-site" }).click();
    const ask = page.getByRole("alertdialog", { name: "Discard unsaved changes?" });
    await ask.waitFor();
    await ask.getByRole("button", { name: "Keep editing" }).click();
    await ask.waitFor({ state: "detached" });
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("web-app");
    await dirty(page).waitFor();

    await page.getByRole("button", { name: "New pipeline" }).click();
    await ask.waitFor();
    await page.keyboard.press("Escape");
    await ask.waitFor({ state: "detached" });
    expect(await page.getByRole("dialog", { name: "New pipeline" }).count()).toBe(0);

    await page.getByRole("button", { name: "Cancel", exact: true }).click();
    await ask.waitFor();
    await ask.getByRole("button", { name: "Keep editing" }).click();

    // Closing the window asks too (beforeunload).
    const kinds: string[] = [];
    page.on("dialog", (d) => {
      kinds.push(d.type());
      void d.dismiss();
    });
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => kinds).toEqual(["beforeunload"]);
  });

  test("Discard leaves for the other pipeline", async () => {
    const page = await openEditor();
    await page.getByRole("button", { name: "Add stage", exact: true }).click();
    await page.getByRole("option", { name: "docs-site" }).click();
    await page.getByRole("alertdialog", { name: "Discard unsaved changes?" }).getByRole("button", { name: "Discard" }).click();
    await page.getByRole("heading", { level: 1, name: "docs-site" }).waitFor();
    expect(await page.getByRole("complementary", { name: "Palette" }).count()).toBe(0);
  });
});

describe("inspector and code view in edit mode", () => {
  test("an inspector edit is one undo step, and the code view edits the same document", async () => {
    const page = await openEditor();
    await card(page, "Build", "Compile").click();
    const inspector = page.getByRole("complementary", { name: "Inspector" });
    await inspector.getByRole("heading", { name: "Compile" }).waitFor();
    const image = inspector.getByRole("combobox", { name: "Image", exact: true });
    await image.fill("node:22-bookworm");
    await image.press("Tab");
    await dirty(page).waitFor();
    const undo = page.getByRole("button", { name: "Undo", exact: true });
    await expect.poll(() => undo.getAttribute("title")).toContain("Compile");
    await app.screenshot("designer-inspector");

    // The code view shows the edit; a YAML edit comes back to the canvas.
    await page.getByRole("radio", { name: "Code" }).check();
    const editor = page.getByRole("textbox", { name: "Pipeline YAML" });
    await editor.waitFor();
    await expect.poll(() => editor.textContent()).toContain("node:22-bookworm");
    await app.screenshot("designer-code");
    await page.getByRole("radio", { name: "Canvas" }).check();
    await card(page, "Build", "Compile").waitFor();

    await undo.click();
    await card(page, "Build", "Compile").click();
    await expect.poll(() => inspector.getByRole("combobox", { name: "Image", exact: true }).inputValue()).not.toBe("node:22-bookworm");
  });
});
