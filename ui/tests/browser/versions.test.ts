import { describe, expect, test } from "vitest";
import { setupApp } from "./harness";

const app = setupApp();

describe("versions", () => {
  test("the Versions panel lists every version, compares one with the latest and restores it", async () => {
    const page = await app.open();
    await page.getByRole("option", { name: "web-app" }).click();
    await page.getByRole("heading", { level: 1, name: "web-app" }).waitFor();
    await page.getByRole("button", { name: "Versions", exact: true }).click();
    const panel = page.getByRole("complementary", { name: "Versions" });
    await panel.waitFor();
    const rows = panel.getByRole("listitem", { name: /^Version \d+$/ });
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.first().textContent()).toContain("Latest");
    expect(await rows.last().textContent()).toContain("Created");

    const v1 = panel.getByRole("listitem", { name: "Version 1" });
    await v1.getByRole("button", { name: "Compare with latest" }).click();
    await panel.getByRole("region", { name: "Changes from version 1 to version 3" }).waitFor();
    // Any two versions: version 1 against version 2.
    await panel.getByRole("combobox", { name: "Compare with version" }).selectOption("2");
    await panel.getByRole("region", { name: "Changes from version 1 to version 2" }).waitFor();
    await app.screenshot("versions-panel");

    await v1.getByRole("button", { name: "Restore…" }).click();
    const confirm = panel.getByRole("alertdialog", { name: "Restore version 1?" });
    expect(await confirm.textContent()).toContain("version 4");
    await confirm.getByRole("button", { name: "Restore", exact: true }).click();
    await expect.poll(() => rows.count()).toBe(4);
    expect(await page.getByRole("status").last().textContent()).toContain("Restored as version 4");
    expect(await page.locator(".pipeline-facts").textContent()).toContain("Version 4");

    // Escape closes the panel.
    await page.keyboard.press("Escape");
    await panel.waitFor({ state: "detached" });
  });
});
