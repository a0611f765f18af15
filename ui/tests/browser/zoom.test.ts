// Zoom and pan of the pipeline canvas: the Zoom toolbar, Ctrl+wheel and the shortcuts, Fit on a
// 30-stage × 20-action pipeline, panning by dragging the background, and a designer drag at 75%.
import type { Locator, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { setupApp } from "./harness";

const app = setupApp();

/** Generated pipelines (`addGenerated`) added as the mock is installed, before the list loads. */
async function seedGenerated(page: Page, list: [name: string, stages: number, actions: number][]): Promise<void> {
  await page.addInitScript((pipelines) => {
    let mock: typeof window.__PIPEWRIGHT_MOCK__;
    Object.defineProperty(window, "__PIPEWRIGHT_MOCK__", {
      configurable: true,
      get: () => mock,
      set(value: typeof window.__PIPEWRIGHT_MOCK__) {
        mock = value;
        for (const [name, stages, actions] of pipelines) value?.addGenerated(name, stages, actions);
      },
    });
  }, list);
}

const toolbar = (page: Page) => page.getByRole("toolbar", { name: "Zoom" });
const level = (page: Page) => toolbar(page).locator(".zoom-level").textContent();
const button = (page: Page, name: string) => toolbar(page).getByRole("button", { name, exact: true });

async function openPipeline(name: string, seed: [string, number, number][] = []): Promise<Page> {
  if (seed.length > 0) await seedGenerated(app.page, seed);
  const page = await app.open();
  await page.getByRole("option", { name }).click();
  await page.getByRole("heading", { level: 1, name }).waitFor();
  await toolbar(page).waitFor();
  return page;
}

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error("not laid out");
  return b;
}

describe("zoom", () => {
  test("the toolbar's buttons and the shortcuts change the level; the cards scale with it", async () => {
    const page = await openPipeline("web-app");
    const card = page.getByRole("region", { name: "Build", exact: true }).getByRole("button", { name: "Package", exact: true });
    expect(await level(page)).toBe("100%");
    const full = (await box(card)).width;

    await button(page, "Zoom out").click();
    expect(await level(page)).toBe("90%");
    await button(page, "Zoom out").click();
    await button(page, "Zoom out").click();
    expect(await level(page)).toBe("75%");
    expect((await box(card)).width).toBeCloseTo(full * 0.75, 0);
    await button(page, "Zoom in").click();
    expect(await level(page)).toBe("80%");
    await button(page, "100%").click();
    expect(await level(page)).toBe("100%");
    expect((await box(card)).width).toBeCloseTo(full, 0);

    // Shortcuts, with the focus on a card (not in a text field).
    await card.focus();
    await page.keyboard.press("Control+-");
    expect(await level(page)).toBe("90%");
    await page.keyboard.press("Control+=");
    await page.keyboard.press("Control+=");
    expect(await level(page)).toBe("110%");
    await page.keyboard.press("Control+0");
    expect(await level(page)).toBe("100%");

    // The range ends at 25% and 200%: the buttons turn off there.
    for (let i = 0; i < 12; i++) await page.keyboard.press("Control+-");
    expect(await level(page)).toBe("25%");
    expect(await button(page, "Zoom out").isDisabled()).toBe(true);
    for (let i = 0; i < 14; i++) await page.keyboard.press("Control+=");
    expect(await level(page)).toBe("200%");
    expect(await button(page, "Zoom in").isDisabled()).toBe(true);

    // The level belongs to the pipeline: kept in edit mode, another pipeline starts at 100%.
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    await page.getByRole("complementary", { name: "Palette" }).waitFor();
    expect(await level(page)).toBe("200%");
    await page.getByRole("button", { name: "Cancel", exact: true }).click();
    await page.getByRole("option", { name: "docs-site" }).click();
    await page.getByRole("heading", { level: 1, name: "docs-site" }).waitFor();
    expect(await level(page)).toBe("100%");
  });

  test("Ctrl+wheel zooms around the pointer", async () => {
    // A big pipeline, so that there is room to scroll in both directions.
    const page = await openPipeline("big", [["big", 30, 20]]);
    const card = page.getByRole("region", { name: "Stage1", exact: true }).getByRole("button", { name: "S1A5", exact: true });
    await card.scrollIntoViewIfNeeded();
    const before = await box(card);
    const at = { x: before.x + 10, y: before.y + 10 };
    await page.mouse.move(at.x, at.y);
    await page.keyboard.down("Control");
    await page.mouse.wheel(0, -300);
    await page.keyboard.up("Control");
    await expect.poll(() => level(page)).not.toBe("100%");
    const zoomed = Number((await level(page))?.replace("%", ""));
    expect(zoomed).toBeGreaterThan(100);
    // The point under the pointer stays put (within a pixel or two of rounding).
    await expect
      .poll(async () => {
        const after = await box(card);
        return Math.abs(after.x + 10 * (zoomed / 100) - at.x) + Math.abs(after.y + 10 * (zoomed / 100) - at.y);
      })
      .toBeLessThan(4);

    await page.keyboard.down("Control");
    await page.mouse.wheel(0, 600);
    await page.keyboard.up("Control");
    await expect.poll(async () => Number((await level(page))?.replace("%", ""))).toBeLessThan(100);
    // A plain wheel scrolls, it does not zoom.
    const current = await level(page);
    await page.mouse.wheel(0, 200);
    expect(await level(page)).toBe(current);
  });

  test("Fit shows the whole 30×20 pipeline; dragging the background pans", async () => {
    const page = await openPipeline("big", [["big", 30, 20]]);
    const cards = page.locator(".action-card");
    await expect.poll(() => cards.count()).toBe(600);
    const scroll = page.locator(".canvas-scroll");
    const canvas = page.locator(".canvas");

    // Panning at 100%: a drag on the background between stages scrolls the canvas.
    const transition = await box(page.locator(".transition").first());
    const start = await scroll.evaluate((el) => ({ left: el.scrollLeft, top: el.scrollTop }));
    // (Its left end: the arrow on its right is the Disable transition button.)
    await page.mouse.move(transition.x + 4, transition.y + transition.height / 2);
    await page.mouse.down();
    await page.mouse.move(transition.x + 4 - 150, transition.y + transition.height / 2 - 40, { steps: 6 });
    await page.mouse.up();
    const panned = await scroll.evaluate((el) => ({ left: el.scrollLeft, top: el.scrollTop }));
    expect(panned.left - start.left).toBe(150);
    expect(panned.top - start.top).toBe(Math.min(40, await scroll.evaluate((el) => el.scrollHeight - el.clientHeight)));

    // A drag that starts on a card does not pan (and opens nothing in the read-only view).
    const first = await box(cards.first());
    await page.mouse.move(first.x + 20, first.y + 20);
    await page.mouse.down();
    await page.mouse.move(first.x - 80, first.y + 20, { steps: 4 });
    await page.mouse.up();
    expect((await scroll.evaluate((el) => el.scrollLeft)) - panned.left).toBe(0);

    await button(page, "Fit").click();
    await expect.poll(() => level(page)).not.toBe("100%");
    const zoom = Number((await level(page))?.replace("%", ""));
    expect(zoom).toBeLessThan(25);
    const view = await box(scroll);
    const all = await box(canvas);
    expect(all.x).toBeGreaterThanOrEqual(view.x);
    expect(all.y).toBeGreaterThanOrEqual(view.y);
    expect(all.x + all.width).toBeLessThanOrEqual(view.x + view.width);
    expect(all.y + all.height).toBeLessThanOrEqual(view.y + view.height);
    // Nothing left to scroll.
    expect(await scroll.evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight)).toBe(true);
    await app.screenshot("zoom-fit-30x20");

    await button(page, "Zoom in").click();
    expect(await level(page)).toBe("25%");
    await app.screenshot("zoom-25-30x20");
  });
});

const zone = (page: Page, id: string) => page.locator(`[data-drop-zone="${id}"]`);

async function rows(page: Page, stageName: string): Promise<string[][]> {
  return page
    .getByRole("region", { name: stageName, exact: true })
    .locator(".run-row")
    .evaluateAll((els) => els.map((row) => [...row.querySelectorAll(".action-card")].map((c) => c.getAttribute("aria-label") ?? "")));
}

describe("zoomed designer", () => {
  test("a card drag lands at 75%", async () => {
    const page = await app.open();
    await page.setViewportSize({ width: 2000, height: 900 });
    await page.getByRole("option", { name: "web-app" }).click();
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    await page.getByRole("complementary", { name: "Palette" }).waitFor();
    for (let i = 0; i < 3; i++) await button(page, "Zoom out").click();
    expect(await level(page)).toBe("75%");
    expect(await rows(page, "Build")).toEqual([["Compile", "Lint"], ["Package"]]);

    const source = page.getByRole("region", { name: "Build", exact: true }).getByRole("button", { name: "Package", exact: true });
    const target = zone(page, "zone:1:row:0");
    const from = await box(source);
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2 + 8, { steps: 4 });
    const to = await box(target);
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    await page.mouse.move(to.x + to.width / 2 + 1, to.y + to.height / 2, { steps: 2 });
    await target.and(page.locator(".over")).waitFor();
    await app.screenshot("zoom-designer-drag-75");
    await page.mouse.up();
    await expect.poll(() => rows(page, "Build")).toEqual([["Compile", "Lint", "Package"]]);
    await page.getByText("Unsaved changes").waitFor();
  });
});
