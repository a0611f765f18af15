import { describe, expect, test } from "vitest";
import { setupApp } from "./harness";

const app = setupApp();

async function runToApproval() {
  const page = await app.open();
  await page.evaluate(() => {
    window.__PIPEWRIGHT_MOCK__?.holdApprovals(true);
    window.__PIPEWRIGHT_MOCK__?.setRunDuration(1200);
  });
  await page.getByRole("option", { name: "web-app" }).click();
  await page.getByRole("heading", { level: 1, name: "web-app" }).waitFor();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const card = page.getByRole("region", { name: "Approve", exact: true }).getByRole("button", { name: "ReleaseApproval", exact: true });
  await expect.poll(() => card.textContent(), { timeout: 6000 }).toContain("Waiting for approval");
  return { page, card };
}

describe("manual approvals", () => {
  test("a waiting approval stands out, and Approve with a comment lets the run finish", async () => {
    const { page, card } = await runToApproval();
    expect(await card.getAttribute("class")).toContain("awaiting-approval");
    // Deploy has not started.
    const publish = page.getByRole("region", { name: "Deploy", exact: true }).getByRole("button", { name: "Publish", exact: true });
    expect(await publish.textContent()).toContain("Not started");

    const badge = page.getByRole("button", { name: "1 pending approval" });
    await badge.waitFor({ timeout: 5000 });
    await badge.click();
    const list = page.getByRole("region", { name: "Pending approvals" });
    expect(await list.textContent()).toContain("Check the staging build before release");
    await app.screenshot("approvals-badge");
    await list.getByRole("button", { name: "Review Approve/ReleaseApproval of web-app" }).click();

    const dialog = page.getByRole("dialog", { name: "Review ReleaseApproval" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("Check the staging build before release");
    expect(await dialog.textContent()).toContain("times out in 1 h");
    await dialog.getByRole("textbox", { name: "Comment" }).fill("staging looks fine");
    await app.screenshot("approval-dialog");
    await dialog.getByRole("button", { name: "Approve", exact: true }).click();
    await dialog.waitFor({ state: "detached" });

    const summary = page.getByLabel("Latest run");
    await expect.poll(() => summary.textContent(), { timeout: 6000 }).toContain("Succeeded");
    expect(await publish.textContent()).toContain("Succeeded");
    expect(await card.textContent()).toContain("Succeeded");
    await expect.poll(() => page.getByRole("button", { name: /pending approval/ }).count(), { timeout: 5000 }).toBe(0);
    const calls = await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.calls() ?? []);
    expect(calls).toContain("decide_approval");
    // The action's details say who decided and why.
    await card.click();
    const approval = page.getByRole("complementary", { name: "Action details" }).getByRole("region", { name: "Approval" });
    await approval.waitFor();
    expect(await approval.textContent()).toMatch(/Approved by mock-user at .+: staging looks fine/);
    expect(await approval.getByRole("button", { name: "Review…" }).count()).toBe(0);
  });

  test("Review… in the waiting action's details decides it too", async () => {
    const { page, card } = await runToApproval();
    await card.click();
    const approval = page.getByRole("complementary", { name: "Action details" }).getByRole("region", { name: "Approval" });
    expect(await approval.textContent()).toContain("Waiting for a decision");
    expect(await approval.textContent()).toContain("Check the staging build before release");
    await approval.getByRole("button", { name: "Review…" }).click();
    const dialog = page.getByRole("dialog", { name: "Review ReleaseApproval" });
    await dialog.getByRole("button", { name: "Approve", exact: true }).click();
    await expect.poll(() => page.getByLabel("Latest run").textContent(), { timeout: 6000 }).toContain("Succeeded");
  });

  test("Reject fails the stage and the run, and the decision says who and why", async () => {
    const { page, card } = await runToApproval();
    await page.getByRole("button", { name: "1 pending approval" }).click();
    await page.getByRole("button", { name: "Review Approve/ReleaseApproval of web-app" }).click();
    const dialog = page.getByRole("dialog", { name: "Review ReleaseApproval" });
    await dialog.getByRole("textbox", { name: "Comment" }).fill("broken on staging");
    await dialog.getByRole("button", { name: "Reject", exact: true }).click();
    await dialog.waitFor({ state: "detached" });
    const summary = page.getByLabel("Latest run");
    await expect.poll(() => summary.textContent(), { timeout: 6000 }).toContain("Failed");
    expect(await card.textContent()).toContain("Failed");
    const publish = page.getByRole("region", { name: "Deploy", exact: true }).getByRole("button", { name: "Publish", exact: true });
    expect(await publish.textContent()).toContain("Not started");
  });

  test("a refused decision is shown in the dialog, which stays open", async () => {
    const { page } = await runToApproval();
    await page.evaluate(() =>
      window.__PIPEWRIGHT_MOCK__?.failNext("decide_approval", { code: "E_INVALID_TRANSITION", message: "it was approved by ana at 12:00" }),
    );
    await page.getByRole("button", { name: "1 pending approval" }).click();
    await page.getByRole("button", { name: "Review Approve/ReleaseApproval of web-app" }).click();
    const dialog = page.getByRole("dialog", { name: "Review ReleaseApproval" });
    await dialog.getByRole("button", { name: "Approve", exact: true }).click();
    const alert = dialog.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("approved by ana");
    expect(await dialog.isVisible()).toBe(true);
  });
});
