import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { GET_PIPELINE_OUTPUT, INVALID_YAML, SMALL_YAML } from "./fixtures";
import { setupApp } from "./harness";

const app = setupApp();

async function optionNames(page: Page): Promise<(string | null)[]> {
  return page
    .getByRole("listbox", { name: "Pipelines" })
    .getByRole("option")
    .evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
}

async function selectedOption(page: Page): Promise<string | null> {
  return page.getByRole("option", { selected: true }).getAttribute("aria-label");
}

async function stageNames(page: Page): Promise<(string | null)[]> {
  return page.locator("main [role=region].stage").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
}

describe("New pipeline", () => {
  test("creates a pipeline from the template and selects it", async () => {
    const page = await app.open();
    await page.getByRole("button", { name: "New pipeline" }).click();
    const dialog = page.getByRole("dialog", { name: "New pipeline" });
    await dialog.waitFor();
    await dialog.getByRole("combobox", { name: "Template" }).locator("option").first().waitFor({ state: "attached" });
    await app.screenshot("new-pipeline-dialog");
    await dialog.getByLabel("Pipeline name").fill("hello-world");
    await dialog.getByRole("button", { name: "Create" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => selectedOption(page)).toBe("hello-world");
    await expect.poll(() => stageNames(page)).toEqual(["Source", "Build", "Test", "Deploy"]);
    const card = page.getByRole("region", { name: "Deploy", exact: true }).getByRole("button", { name: "ToFolder" });
    expect(await card.textContent()).toContain("Not started");
  });

  test("an existing name is refused inline with its code", async () => {
    const page = await app.open();
    await page.getByRole("button", { name: "New pipeline" }).click();
    const dialog = page.getByRole("dialog", { name: "New pipeline" });
    await dialog.getByLabel("Pipeline name").fill("web-app");
    await dialog.getByRole("button", { name: "Create" }).click();
    const alert = dialog.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("E_EXISTS");
    expect(await dialog.isVisible()).toBe(true);
    await app.screenshot("new-pipeline-exists");
  });
});

describe("Import", () => {
  test("pasted CodePipeline JSON (get-pipeline output) is imported and drawn", async () => {
    const page = await app.open();
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Import pipeline" });
    await dialog.getByLabel("Pipeline text").fill(GET_PIPELINE_OUTPUT);
    await dialog.getByText("Looks valid").waitFor();
    await app.screenshot("import-dialog");
    await dialog.getByRole("button", { name: "Import pipeline" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => selectedOption(page)).toBe("shop-backend");
    await expect.poll(() => stageNames(page)).toEqual(["Source", "Build", "Release"]);
    const build = page.getByRole("region", { name: "Build", exact: true });
    for (const name of ["UnitTest", "BuildImage"]) {
      await build.getByRole("button", { name, exact: true }).waitFor();
    }
    const release = page.getByRole("region", { name: "Release", exact: true });
    const approve = await release.getByRole("button", { name: "Approve", exact: true }).boundingBox();
    const deploy = await release.getByRole("button", { name: "DeployService", exact: true }).boundingBox();
    if (!approve || !deploy) throw new Error("cards not laid out");
    expect(deploy.y).toBeGreaterThan(approve.y + approve.height - 1);
    await page.getByRole("status").filter({ hasText: "Imported shop-backend" }).waitFor();
    await app.screenshot("imported");
  });

  test("invalid text shows its diagnostics and saves nothing", async () => {
    const page = await app.open();
    const before = await optionNames(page);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Import pipeline" });
    await dialog.getByLabel("Pipeline text").fill(INVALID_YAML);
    await dialog.getByRole("button", { name: "Import pipeline" }).click();
    await dialog.getByRole("alert").filter({ hasText: "Not imported" }).waitFor();
    const diagnostics = dialog.getByRole("list", { name: "Diagnostics" });
    const text = await diagnostics.textContent();
    expect(text).toContain("E_TOO_FEW_STAGES");
    expect(text).toContain("E_ARTIFACT_UNDEFINED");
    expect(text).toContain("/stages/0/actions/0/inputArtifacts/0");
    await app.screenshot("import-invalid");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await optionNames(page)).toEqual(before);
  });

  test("an invalid draft is saved and marked invalid", async () => {
    const page = await app.open();
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Import pipeline" });
    await dialog.getByLabel("Pipeline text").fill(INVALID_YAML);
    await dialog.getByLabel("Save as draft even if invalid").check();
    await dialog.getByRole("button", { name: "Import pipeline" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => selectedOption(page)).toBe("half-done");
    const option = page.getByRole("option", { name: "half-done" });
    expect(await option.textContent()).toContain("invalid");
    const card = page.getByRole("region", { name: "Build", exact: true }).getByRole("button", { name: "Compile" });
    expect(await card.locator(".marker-error").count()).toBe(1);
    expect(await page.getByRole("region", { name: "Problems" }).textContent()).toContain("E_TOO_FEW_STAGES");
  });

  test("the Name field saves under another name", async () => {
    const page = await app.open();
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Import pipeline" });
    await dialog.getByLabel("Pipeline text").fill(SMALL_YAML);
    await dialog.getByLabel("Name", { exact: true }).fill("renamed-copy");
    await dialog.getByRole("button", { name: "Import pipeline" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => selectedOption(page)).toBe("renamed-copy");
  });

  test("Choose file… reads the chosen file into the text", async () => {
    const page = await app.open();
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Import pipeline" });
    const chooser = page.waitForEvent("filechooser");
    await dialog.getByRole("button", { name: "Choose file…" }).click();
    await (await chooser).setFiles({ name: "dropped-in.yaml", mimeType: "text/yaml", buffer: Buffer.from(SMALL_YAML) });
    await expect.poll(() => dialog.getByLabel("Pipeline text").inputValue()).toBe(SMALL_YAML);
    expect(await dialog.textContent()).toContain("dropped-in.yaml");
  });

  test("a file dropped on the window opens Import with its text", async () => {
    const page = await app.open();
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], "dropped-in.yaml", { type: "text/yaml" }));
      for (const type of ["dragenter", "dragover", "drop"]) {
        window.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
      }
    }, SMALL_YAML);
    const dialog = page.getByRole("dialog", { name: "Import pipeline" });
    await dialog.waitFor();
    await expect.poll(() => dialog.getByLabel("Pipeline text").inputValue()).toBe(SMALL_YAML);
    await dialog.getByRole("button", { name: "Import pipeline" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => selectedOption(page)).toBe("dropped-in");
  });
});

describe("Export", () => {
  test("CodePipeline JSON has no pipewright objects and lists its warnings", async () => {
    const page = await app.open();
    await page.getByRole("option", { name: "web-app" }).click();
    await page.getByRole("button", { name: "Export" }).click();
    const dialog = page.getByRole("dialog", { name: "Export web-app" });
    const preview = dialog.getByRole("textbox", { name: "Export preview" });
    await expect.poll(() => preview.inputValue()).toContain("pipewright:");
    await dialog.getByRole("radio", { name: "CodePipeline JSON" }).check();
    await expect.poll(() => preview.inputValue()).toMatch(/^\{/);
    const text = await preview.inputValue();
    const doc = JSON.parse(text) as { pipeline: { name: string } };
    expect(doc.pipeline.name).toBe("web-app");
    expect(text).not.toMatch(/"pipewright"\s*:/);
    const warnings = dialog.getByRole("list", { name: "Export warnings" });
    expect(await warnings.textContent()).toContain("W_EXPORT_LOCAL_PROVIDER");
    await app.screenshot("export-codepipeline");

    const download = page.waitForEvent("download");
    await dialog.getByRole("button", { name: "Save…" }).click();
    expect((await download).suggestedFilename()).toBe("web-app.codepipeline.json");
  });

  test("Copy puts the text on the clipboard", async () => {
    const page = await app.open();
    await app.context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.getByRole("option", { name: "docs-site" }).click();
    await page.getByRole("button", { name: "Export" }).click();
    const dialog = page.getByRole("dialog", { name: "Export docs-site" });
    await dialog.getByRole("radio", { name: "JSON", exact: true }).check();
    const preview = dialog.getByRole("textbox", { name: "Export preview" });
    await expect.poll(() => preview.inputValue()).toMatch(/^\{/);
    await dialog.getByRole("button", { name: "Copy" }).click();
    await page.getByRole("status").filter({ hasText: "Copied" }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await preview.inputValue());
  });

  test("an invalid pipeline cannot be exported for CodePipeline: the error says why", async () => {
    const page = await app.open();
    await page.getByRole("option", { name: "legacy-import" }).click();
    await page.getByRole("button", { name: "Export" }).click();
    const dialog = page.getByRole("dialog", { name: "Export legacy-import" });
    await dialog.getByRole("radio", { name: "CodePipeline JSON" }).check();
    const alert = dialog.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("E_INVALID_PIPELINE");
  });
});

describe("Delete", () => {
  test("asks first, says what happens to the history, and deletes on confirmation", async () => {
    const page = await app.open();
    await page.getByRole("option", { name: "web-app" }).click();
    await page.getByRole("button", { name: "Delete" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Delete pipeline web-app?" });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain("Its 3 executions and their logs and artifacts will be deleted too.");
    await app.screenshot("delete-confirm");
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await confirm.waitFor({ state: "detached" });
    expect(await optionNames(page)).toContain("web-app");

    await page.getByRole("button", { name: "Delete" }).click();
    await confirm.getByRole("button", { name: "Delete" }).click();
    await confirm.waitFor({ state: "detached" });
    await expect.poll(() => optionNames(page)).toEqual(["docs-site", "legacy-import"]);
    await page.getByRole("status").filter({ hasText: "Deleted web-app" }).waitFor();
    expect(await selectedOption(page)).toBe("docs-site");
  });

  test("a pipeline without executions does not mention history", async () => {
    const page = await app.open();
    await page.getByRole("option", { name: "legacy-import" }).click();
    await page.getByRole("button", { name: "Delete" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Delete pipeline legacy-import?" });
    await confirm.waitFor();
    expect(await confirm.textContent()).not.toContain("executions");
  });
});

describe("errors", () => {
  test("a failed call shows its code and message in an alert", async () => {
    const page = await app.open("?fail=list_pipelines");
    const alert = page.getByRole("alert").filter({ hasText: "E_INTERNAL" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("simulated failure of list_pipelines");
    await app.screenshot("error-toast");
    await page.getByRole("button", { name: "Retry" }).click();
    await expect.poll(() => optionNames(page)).toEqual(["docs-site", "legacy-import", "web-app"]);
    await alert.getByRole("button", { name: "Dismiss" }).click();
    await alert.waitFor({ state: "detached" });
  });

  test("a failed delete is shown in the dialog and nothing is deleted", async () => {
    const page = await app.open();
    await page.evaluate(() => window.__PIPEWRIGHT_MOCK__?.failNext("delete_pipeline", { code: "E_LOCKED", message: "an execution is running" }));
    await page.getByRole("option", { name: "docs-site" }).click();
    await page.getByRole("button", { name: "Delete" }).click();
    const confirm = page.getByRole("alertdialog");
    await confirm.getByRole("button", { name: "Delete" }).click();
    const alert = confirm.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("E_LOCKED");
    expect(await optionNames(page)).toContain("docs-site");
  });
});
