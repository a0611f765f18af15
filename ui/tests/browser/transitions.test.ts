import { describe, expect, test } from "vitest";
import { setupApp } from "./harness";

const app = setupApp();

describe("disabled stage transitions", () => {
  test("runs wait before a disabled transition and go on when it is enabled", async () => {
    const page = await app.open();
    await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.setRunDuration(1000));
    await page.getByRole("option", { name: "web-app" }).click();
    await page.getByRole("heading", { level: 1, name: "web-app" }).waitFor();

    await page.getByRole("button", { name: "Disable transition to Deploy" }).click();
    const dialog = page.getByRole("dialog", { name: "Disable transition to Deploy?" });
    await dialog.waitFor();
    const disable = dialog.getByRole("button", { name: "Disable", exact: true });
    expect(await disable.isDisabled()).toBe(true);
    await dialog.getByRole("textbox", { name: "Reason" }).fill("change freeze");
    await disable.click();
    await dialog.waitFor({ state: "detached" });
    const enable = page.getByRole("button", { name: "Enable transition to Deploy" });
    await enable.waitFor();
    expect(await enable.getAttribute("title")).toContain("change freeze");
    expect(await page.locator(".transition-disabled .transition-reason").textContent()).toBe("change freeze");

    await page.getByRole("button", { name: "Run", exact: true }).click();
    const test = page.getByRole("region", { name: "Test", exact: true });
    await expect.poll(() => test.locator(".stage-header").textContent(), { timeout: 5000 }).toContain("Succeeded");
    // Held before Deploy: still running, Deploy never started.
    await new Promise((r) => setTimeout(r, 600));
    const publish = page.getByRole("region", { name: "Deploy", exact: true }).getByRole("button", { name: "Publish", exact: true });
    expect(await publish.textContent()).toContain("Not started");
    const summary = page.getByLabel("Latest run");
    expect(await summary.textContent()).toContain("In progress");
    await app.screenshot("transition-disabled");

    await enable.click();
    await page.getByRole("button", { name: "Disable transition to Deploy" }).waitFor();
    await expect.poll(() => summary.textContent(), { timeout: 5000 }).toContain("Succeeded");
    expect(await publish.textContent()).toContain("Succeeded");
  });

  test("the first stage has no transition to disable", async () => {
    const page = await app.open();
    await page.getByRole("option", { name: "web-app" }).click();
    await page.getByRole("heading", { level: 1, name: "web-app" }).waitFor();
    expect(await page.getByRole("button", { name: "Disable transition to Source" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Disable transition to Build" }).count()).toBe(1);
  });
});
