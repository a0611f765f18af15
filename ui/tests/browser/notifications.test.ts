import { describe, expect, test } from "vitest";
import { setupApp } from "./harness";

const app = setupApp();

describe("desktop notifications toggle", () => {
  test("each pipeline has its own switch: on by default, kept when coming back, toggled by mouse and keyboard", async () => {
    const page = await app.open();
    await page.getByRole("option", { name: "web-app" }).click();
    await page.getByRole("heading", { level: 1, name: "web-app" }).waitFor();
    const toggle = page.getByRole("button", { name: "Desktop notifications" });
    await expect.poll(() => toggle.getAttribute("aria-pressed")).toBe("true");
    expect(await toggle.getAttribute("title")).toContain("are on");

    await toggle.click();
    await expect.poll(() => toggle.getAttribute("aria-pressed")).toBe("false");
    expect(await toggle.getAttribute("title")).toContain("are off for web-app");
    await page.locator(".pipeline-header").screenshot({ path: "/tmp/notifications.png" });

    // Another pipeline keeps its own (default) switch; web-app's stays off.
    await page.getByRole("option", { name: "docs-site" }).click();
    await page.getByRole("heading", { level: 1, name: "docs-site" }).waitFor();
    await expect.poll(() => toggle.getAttribute("aria-pressed")).toBe("true");
    await page.getByRole("option", { name: "web-app" }).click();
    await page.getByRole("heading", { level: 1, name: "web-app" }).waitFor();
    await expect.poll(() => toggle.getAttribute("aria-pressed")).toBe("false");

    // Keyboard: Space turns it back on; focus stays on the button.
    await toggle.focus();
    await page.keyboard.press("Space");
    await expect.poll(() => toggle.getAttribute("aria-pressed")).toBe("true");
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.locator(".pipeline-header").screenshot({ path: "/tmp/notifications-on.png" });
    const calls = await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.calls() ?? []);
    expect(calls.filter((c) => c === "set_notifications")).toHaveLength(2);
  });

  test("a refused change shows the error and the switch goes back", async () => {
    const page = await app.open();
    await page.getByRole("option", { name: "web-app" }).click();
    const toggle = page.getByRole("button", { name: "Desktop notifications" });
    await expect.poll(() => toggle.getAttribute("aria-pressed")).toBe("true");
    await page.evaluate(() =>
      window.__PIPEWRIGHT_MOCK__?.failNext("set_notifications", { code: "E_STORE", message: "the database is locked" }),
    );
    await toggle.click();
    const alert = page.getByRole("alert").filter({ hasText: "E_STORE" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("the database is locked");
    await expect.poll(() => toggle.getAttribute("aria-pressed")).toBe("true");
  });

  test("the toggle is not in edit mode", async () => {
    const page = await app.open();
    await page.getByRole("option", { name: "web-app" }).click();
    await page.getByRole("button", { name: "Desktop notifications" }).waitFor();
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    await page.getByRole("button", { name: "Save", exact: true }).waitFor();
    expect(await page.getByRole("button", { name: "Desktop notifications" }).count()).toBe(0);
  });
});
