import { describe, expect, test } from "vitest";
import { setupApp } from "./harness";

const app = setupApp();

describe("pipeline list and visual view", () => {
  test("the list shows the seeded pipelines, the invalid one marked", async () => {
    const page = await app.open();
    const list = page.getByRole("listbox", { name: "Pipelines" });
    await list.getByRole("option").first().waitFor();
    const names = await list.getByRole("option").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
    expect(names).toEqual(["docs-site", "legacy-import", "web-app"]);
    const legacy = list.getByRole("option", { name: "legacy-import" });
    expect(await legacy.textContent()).toContain("invalid");
    expect(await list.getByRole("option", { name: "web-app" }).textContent()).not.toContain("invalid");
    // The shell is told once that the list has painted (start-up timing, smoke mode).
    await expect.poll(() => page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.calls().filter((c) => c === "app_ready").length)).toBe(1);
    await app.screenshot("list");
  });

  test("selecting a pipeline shows its stages as regions and its actions as cards", async () => {
    const page = await app.open();
    await page.getByRole("option", { name: "web-app" }).click();
    await page.getByRole("heading", { level: 1, name: "web-app" }).waitFor();
    const stages = page.getByRole("region").filter({ has: page.locator(".stage-header") });
    await expect.poll(() => stages.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")))).toEqual([
      "Source",
      "Build",
      "Test",
      "Approve",
      "Deploy",
    ]);
    const build = page.getByRole("region", { name: "Build", exact: true });
    const compile = build.getByRole("button", { name: "Compile", exact: true });
    expect(await compile.getAttribute("aria-roledescription")).toBe("draggable");
    expect(await compile.textContent()).toContain("Not started");
    expect(await compile.textContent()).toContain("in: SourceOutput");
    expect(await compile.textContent()).toContain("out: BuildOutput");

    // Compile and Lint share runOrder 1: side by side. Package (runOrder 2) is below them.
    const lint = build.getByRole("button", { name: "Lint", exact: true });
    const pkg = build.getByRole("button", { name: "Package", exact: true });
    const [c, l, p] = await Promise.all([compile.boundingBox(), lint.boundingBox(), pkg.boundingBox()]);
    if (!c || !l || !p) throw new Error("cards not laid out");
    expect(Math.abs(c.y - l.y)).toBeLessThan(2);
    expect(l.x).toBeGreaterThanOrEqual(c.x + c.width);
    expect(p.y).toBeGreaterThanOrEqual(c.y + c.height);

    // Stages are columns left to right.
    const [src, bld] = await Promise.all([
      page.getByRole("region", { name: "Source", exact: true }).boundingBox(),
      build.boundingBox(),
    ]);
    if (!src || !bld) throw new Error("stages not laid out");
    expect(bld.x).toBeGreaterThan(src.x + src.width);
    await app.screenshot("web-app");
  });

  test("diagnostics show on the action they concern and in the Problems panel", async () => {
    const page = await app.open();
    await page.getByRole("option", { name: "legacy-import" }).click();
    const build = page.getByRole("region", { name: "Build", exact: true });
    const card = build.getByRole("button", { name: "BuildApp", exact: true });
    await card.waitFor();
    const marker = card.locator(".marker-error");
    expect(await marker.getAttribute("title")).toContain("E_ARTIFACT_UNDEFINED");
    const problems = page.getByRole("region", { name: "Problems" });
    expect(await problems.textContent()).toContain("E_CONFIG_REQUIRED");
    expect(await problems.textContent()).toContain("Deploy › CopyToFolder › configuration.TargetPath");
    await problems.getByRole("button").filter({ hasText: "E_ARTIFACT_UNDEFINED" }).click();
    const details = page.getByRole("complementary", { name: "Action details" });
    await details.getByRole("heading", { name: "BuildApp" }).waitFor();
    await app.screenshot("legacy-import");
  });

  test("an empty store shows a friendly hint", async () => {
    const page = await app.open("?mock=empty");
    await page.getByText("No pipelines yet").waitFor();
    await page.getByRole("heading", { name: "Design your first pipeline" }).waitFor();
    await app.screenshot("empty");
  });
});
