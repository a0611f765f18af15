import { copyFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { RESULTS_DIR, setupApp } from "./harness";

const app = setupApp();

async function openWebApp(): Promise<Page> {
  const page = await app.open();
  await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.setRunDuration(900));
  await page.getByRole("option", { name: "web-app" }).click();
  await page.getByRole("heading", { level: 1, name: "web-app" }).waitFor();
  return page;
}

const card = (page: Page, stage: string, action: string) =>
  page.getByRole("region", { name: stage, exact: true }).getByRole("button", { name: action, exact: true });

/** Marks Build/Compile "Pause before" from its menu (Shift+F10 in view mode). */
async function markCompile(page: Page) {
  const compile = card(page, "Build", "Compile");
  await compile.focus();
  await page.keyboard.press("Shift+F10");
  const menu = page.getByRole("menu", { name: "Compile actions" });
  const item = menu.getByRole("menuitemcheckbox", { name: "Pause before" });
  expect(await item.getAttribute("aria-checked")).toBe("false");
  await item.click();
  await menu.waitFor({ state: "detached" });
  await compile.locator('[title="Pauses before running"]').waitFor();
  return compile;
}

describe("local debugging", () => {
  test("Pause before from the card's menu: the run waits Paused, the badge lists it, Continue runs it to Succeeded", async () => {
    const page = await openWebApp();
    const compile = await markCompile(page);
    expect(await compile.textContent()).toContain("Pauses before running");
    // The marker is a local setting: no new version was saved.
    expect(await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.latest("web-app")?.version)).toBe(3);
    // The menu shows it checked now (right click opens it too).
    await compile.click({ button: "right" });
    const item = page.getByRole("menu", { name: "Compile actions" }).getByRole("menuitemcheckbox", { name: "Pause before" });
    expect(await item.getAttribute("aria-checked")).toBe("true");
    await app.screenshot("debug-menu");
    await page.keyboard.press("Escape");

    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect.poll(() => compile.textContent(), { timeout: 6000 }).toContain("Paused");
    expect(await compile.getAttribute("class")).toContain("paused");
    await app.screenshot("debug-paused");
    // Lint (same stage) waits too; the next stage has not started.
    expect(await card(page, "Test", "UnitTests").textContent()).toContain("Not started");
    // It stays paused.
    await page.waitForTimeout(600);
    expect(await compile.textContent()).toContain("Paused");
    expect(await page.getByLabel("Latest run").textContent()).toContain("In progress");

    const badge = page.getByRole("button", { name: "1 pending approval" });
    await badge.waitFor({ timeout: 5000 });
    await badge.click();
    const list = page.getByRole("region", { name: "Pending approvals" });
    expect(await list.textContent()).toContain("Paused before Build/Compile");
    await list.getByRole("button", { name: "Review Build/Compile of web-app" }).click();
    const dialog = page.getByRole("dialog", { name: "Paused before Build/Compile" });
    await dialog.waitFor();
    expect(await dialog.getByRole("button", { name: "Approve" }).count()).toBe(0);
    await dialog.getByRole("button", { name: "Continue", exact: true }).click();
    await dialog.waitFor({ state: "detached" });

    await expect.poll(() => page.getByLabel("Latest run").textContent(), { timeout: 6000 }).toContain("Succeeded");
    expect(await compile.textContent()).toContain("Succeeded");
    expect(await card(page, "Build", "Lint").textContent()).toContain("Succeeded");
    await compile.click();
    const details = page.getByRole("complementary", { name: "Action details" });
    expect(await details.getByRole("region", { name: "Approval" }).textContent()).toMatch(/Continued by mock-user/);
  });

  test("Continue in the paused action's details runs it; Fail action fails it and its stage", async () => {
    const page = await openWebApp();
    const compile = await markCompile(page);
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect.poll(() => compile.textContent(), { timeout: 6000 }).toContain("Paused");
    await compile.click();
    const paused = page.getByRole("complementary", { name: "Action details" }).getByRole("region", { name: "Paused" });
    expect(await paused.textContent()).toContain("Paused before Build/Compile");
    await paused.getByRole("button", { name: "Fail action" }).click();
    await expect.poll(() => page.getByLabel("Latest run").textContent(), { timeout: 6000 }).toContain("Failed");
    expect(await compile.textContent()).toContain("Failed");
    expect(await page.getByRole("region", { name: "Build", exact: true }).locator(".stage-header").textContent()).toContain("Failed");
    expect(await card(page, "Test", "UnitTests").textContent()).toContain("Not started");

    // Still marked, the next run pauses there again; Continue in the details runs it.
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect.poll(() => compile.textContent(), { timeout: 6000 }).toContain("Paused");
    await paused.getByRole("button", { name: "Continue", exact: true }).click();
    await expect.poll(() => page.getByLabel("Latest run").textContent(), { timeout: 6000 }).toContain("Succeeded");
  });

  test("Keep failed containers: a terminal into the failed action's container, and closing it ends the stage Failed", async () => {
    const page = await openWebApp();
    const toggle = page.getByRole("button", { name: "Keep failed containers" });
    expect(await toggle.getAttribute("aria-pressed")).toBe("false");
    await toggle.click();
    await expect.poll(() => toggle.getAttribute("aria-pressed")).toBe("true");
    await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.failNextRun("Build", "Compile"));
    await page.getByRole("button", { name: "Run", exact: true }).click();

    const compile = card(page, "Build", "Compile");
    await expect.poll(() => compile.textContent(), { timeout: 6000 }).toContain("Container kept for debugging");
    expect(await compile.textContent()).toContain("Failed");
    // The execution holds while the container is kept.
    await page.waitForTimeout(500);
    expect(await page.getByLabel("Latest run").textContent()).toContain("In progress");
    expect(await card(page, "Test", "UnitTests").textContent()).toContain("Not started");

    await compile.click();
    const region = page.getByRole("complementary", { name: "Action details" }).getByRole("region", { name: "Debug container" });
    await region.waitFor();
    expect(await region.locator("code").textContent()).toMatch(/^[0-9a-f]{12}$/);
    await region.getByRole("button", { name: "Open terminal" }).click();
    const screen = region.getByRole("group", { name: "Terminal" });
    await expect.poll(() => screen.textContent(), { timeout: 5000 }).toContain("/pipewright/src #");
    // Keyboard focus is in the terminal: typing goes to the shell.
    await page.keyboard.type("pwd");
    await page.keyboard.press("Enter");
    await expect.poll(() => screen.textContent(), { timeout: 5000 }).toMatch(/pwd\s*\/pipewright\/src\s*\/pipewright\/src #/);
    await page.keyboard.type("echo hello-debug");
    await page.keyboard.press("Enter");
    await expect.poll(() => screen.textContent(), { timeout: 5000 }).toContain("hello-debug");
    expect(await region.textContent()).toContain("Closing removes the container");
    await page.screenshot({ path: "/tmp/debug-terminal.png" });
    copyFileSync("/tmp/debug-terminal.png", join(RESULTS_DIR, "debug-terminal.png"));

    // Shift+Tab leaves the terminal for Close terminal; Enter closes it.
    await page.keyboard.press("Shift+Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain("Close terminal");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByLabel("Latest run").textContent(), { timeout: 6000 }).toContain("Failed");
    await region.waitFor({ state: "detached" });
    expect(await compile.textContent()).not.toContain("Container kept");
    expect(await page.getByRole("region", { name: "Build", exact: true }).locator(".stage-header").textContent()).toContain("Failed");
    // The details say how debugging ended, without the (now stale) instruction.
    const approval = page.getByRole("region", { name: "Approval" });
    await expect.poll(() => approval.textContent(), { timeout: 6000 }).toMatch(/Debugging ended by mock-user/);
    expect(await approval.textContent()).not.toContain("open a terminal");
    const calls = await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.calls() ?? []);
    expect(calls).toEqual(expect.arrayContaining(["open_terminal", "terminal_input", "close_terminal"]));
  });

  test("Continue at a kept container removes it; Stop removes it too", async () => {
    const page = await openWebApp();
    await page.getByRole("button", { name: "Keep failed containers" }).click();
    await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.failNextRun("Build", "Lint"));
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const lint = card(page, "Build", "Lint");
    await expect.poll(() => lint.textContent(), { timeout: 6000 }).toContain("Container kept for debugging");
    await lint.click();
    const region = page.getByRole("complementary", { name: "Action details" }).getByRole("region", { name: "Debug container" });
    await region.getByRole("button", { name: "Continue", exact: true }).click();
    await expect.poll(() => page.getByLabel("Latest run").textContent(), { timeout: 6000 }).toContain("Failed");
    await region.waitFor({ state: "detached" });

    await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.failNextRun("Build", "Lint"));
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect.poll(() => lint.textContent(), { timeout: 6000 }).toContain("Container kept for debugging");
    await region.waitFor();
    await page.getByRole("button", { name: "Stop", exact: true }).click();
    const stop = page.getByRole("alertdialog", { name: "Stop execution?" });
    await stop.locator("footer").getByRole("button").last().click();
    await expect.poll(() => page.getByLabel("Latest run").textContent(), { timeout: 6000 }).toContain("Stopped");
    await region.waitFor({ state: "detached" });
  });

  test("in edit mode the card's menu has Pause before too; it edits nothing", async () => {
    const page = await openWebApp();
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    await page.getByRole("button", { name: "Save" }).waitFor();
    const compile = card(page, "Build", "Compile");
    await compile.click({ button: "right" });
    const menu = page.getByRole("menu", { name: "Compile actions" });
    expect(await menu.getByRole("menuitem", { name: "Move left" }).count()).toBe(1);
    await menu.getByRole("menuitemcheckbox", { name: "Pause before" }).click();
    await compile.locator('[title="Pauses before running"]').waitFor();
    // Not an edit: Undo has nothing to undo.
    expect(await page.getByRole("button", { name: "Undo" }).isDisabled()).toBe(true);
    await page.getByRole("button", { name: "Cancel" }).click();
    await card(page, "Build", "Compile").locator('[title="Pauses before running"]').waitFor();
  });
});
