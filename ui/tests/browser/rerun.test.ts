import { describe, expect, test } from "vitest";
import { setupApp } from "./harness";

const app = setupApp();

describe("rerun from a stage", () => {
  test("Rerun from here starts a new run that reuses the earlier stages and runs the rest", async () => {
    const page = await app.open();
    await page.evaluate(() => {
      window.__PIPEWRIGHT_MOCK__?.setRunDuration(600);
      window.__PIPEWRIGHT_MOCK__?.failNextRun("Deploy", "Publish");
    });
    await page.getByRole("option", { name: "web-app" }).click();
    await page.getByRole("heading", { level: 1, name: "web-app" }).waitFor();
    // Nothing to rerun before a run.
    expect(await page.getByRole("button", { name: "Rerun from here" }).count()).toBe(0);
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const summary = page.getByLabel("Latest run");
    await expect.poll(() => summary.textContent(), { timeout: 6000 }).toContain("Failed");
    const first = await summary.textContent();

    const deploy = page.getByRole("region", { name: "Deploy", exact: true });
    // Every stage up to the failed one offers it; none after.
    expect(await page.getByRole("region", { name: "Build", exact: true }).getByRole("button", { name: "Rerun from here" }).count()).toBe(1);
    await deploy.getByRole("button", { name: "Rerun from here" }).click();
    await expect.poll(() => summary.textContent(), { timeout: 6000 }).toContain("Succeeded");
    expect(await summary.textContent()).not.toBe(first);
    expect(await summary.textContent()).toContain("rerun of");
    const publish = deploy.getByRole("button", { name: "Publish", exact: true });
    expect(await publish.textContent()).toContain("Succeeded");
    const calls = await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.calls() ?? []);
    expect(calls).toContain("rerun_execution");
  });

  test("a refused rerun shows why", async () => {
    const page = await app.open();
    await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.setRunDuration(400));
    await page.getByRole("option", { name: "web-app" }).click();
    await page.getByRole("heading", { level: 1, name: "web-app" }).waitFor();
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect.poll(() => page.getByLabel("Latest run").textContent(), { timeout: 6000 }).toContain("Succeeded");
    await page.evaluate(() =>
      window.__PIPEWRIGHT_MOCK__?.failNext("rerun_execution", { code: "E_ARTIFACTS_REMOVED", message: "retention has removed artifacts the rerun needs" }),
    );
    await page.getByRole("region", { name: "Deploy", exact: true }).getByRole("button", { name: "Rerun from here" }).click();
    const alert = page.getByRole("region", { name: "Notifications" }).getByRole("alert");
    await expect.poll(() => alert.textContent(), { timeout: 3000 }).toContain("retention has removed artifacts");
    expect(await alert.textContent()).toContain("E_ARTIFACTS_REMOVED");
  });
});
