import { describe, expect, test } from "vitest";
import { setupApp } from "./harness";

const app = setupApp();

describe("environments", () => {
  test("New pipeline can create one pipeline per environment", async () => {
    const page = await app.open();
    await page.getByRole("button", { name: "New pipeline" }).click();
    const dialog = page.getByRole("dialog", { name: "New pipeline" });
    await dialog.getByLabel("Pipeline name").fill("shop");
    await dialog.getByRole("checkbox", { name: "One pipeline per environment" }).check();
    const envs = dialog.getByLabel("Environments");
    expect(await envs.inputValue()).toBe("dev, staging, prod");
    expect(await dialog.textContent()).toContain("shop-dev, shop-staging, shop-prod");
    await app.screenshot("new-environment-set");
    await dialog.getByRole("button", { name: "Create" }).click();
    for (const name of ["shop-dev", "shop-staging", "shop-prod"]) {
      await page.getByRole("option", { name }).waitFor();
    }
    expect(await page.getByRole("status").last().textContent()).toContain("shop-dev, shop-staging, shop-prod");

    // Again with a taken name: nothing is created, the dialog says which.
    await page.getByRole("button", { name: "New pipeline" }).click();
    await dialog.getByLabel("Pipeline name").fill("shop");
    await dialog.getByRole("checkbox", { name: "One pipeline per environment" }).check();
    await dialog.getByLabel("Environments").fill("qa prod");
    await dialog.getByRole("button", { name: "Create" }).click();
    await dialog.getByRole("alert").getByText("shop-prod already exist").waitFor();
    expect(await page.getByRole("option", { name: "shop-qa" }).count()).toBe(0);
  });

  test("Duplicate copies a pipeline for another environment", async () => {
    const page = await app.open();
    await page.getByRole("option", { name: "web-app" }).click();
    await page.getByRole("heading", { level: 1, name: "web-app" }).waitFor();
    await page.getByRole("button", { name: "Duplicate", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Duplicate web-app" });
    await dialog.getByLabel("New pipeline name").fill("web-app-staging");
    await dialog.getByLabel("environment").fill("staging");
    await dialog.getByRole("button", { name: "Duplicate", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "web-app-staging" }).waitFor();
    const doc = await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.latest("web-app-staging"));
    expect(doc?.document.pipeline.variables?.find((v) => v.name === "environment")?.defaultValue).toBe("staging");
  });

  test("Run asks for the pipeline's variables, defaults filled in, and passes what changed", async () => {
    const page = await app.open();
    await page.getByRole("button", { name: "New pipeline" }).click();
    const dialog = page.getByRole("dialog", { name: "New pipeline" });
    await dialog.getByLabel("Pipeline name").fill("api");
    await dialog.getByRole("checkbox", { name: "One pipeline per environment" }).check();
    await dialog.getByLabel("Environments").fill("dev");
    await dialog.getByRole("button", { name: "Create" }).click();
    await page.getByRole("heading", { level: 1, name: "api-dev" }).waitFor();

    await page.getByRole("button", { name: "Run", exact: true }).click();
    const run = page.getByRole("dialog", { name: "Run api-dev" });
    const environment = run.getByLabel("environment");
    expect(await environment.inputValue()).toBe("dev");
    await environment.fill("qa");
    await app.screenshot("run-variables");
    await run.getByRole("button", { name: "Run", exact: true }).click();
    await run.waitFor({ state: "detached" });
    await expect.poll(() => page.getByLabel("Latest run").textContent()).toContain("In progress");
    const last = await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.lastRun());
    expect(last).toEqual({ name: "api-dev", variables: [{ name: "environment", value: "qa" }] });
  });

  test("a pipeline without variables runs at once, without a dialog", async () => {
    const page = await app.open();
    await page.getByRole("option", { name: "web-app" }).click();
    await page.getByRole("heading", { level: 1, name: "web-app" }).waitFor();
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect.poll(() => page.getByLabel("Latest run").textContent()).toContain("In progress");
    expect(await page.getByRole("dialog").count()).toBe(0);
  });
});
