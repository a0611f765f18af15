// The Inspector alone, on the mock transport's component harness (`?component=inspector`):
// forms generated from the provider schema, commits with undo labels, the artifact picker,
// variable autocomplete and diagnostics on their field.
import { describe, expect, inject, test } from "vitest";
import { setupApp } from "./harness";

const app = setupApp();

async function openInspector(select: string) {
  const page = app.page;
  await page.goto(`${inject("baseURL")}/?mock=default&component=inspector&select=${select}`);
  const inspector = page.getByRole("complementary", { name: "Inspector" });
  await inspector.getByRole("textbox", { name: "Action name" }).or(inspector.getByRole("textbox", { name: "Stage name" })).waitFor();
  return { page, inspector, commits: page.getByRole("list", { name: "Commits" }) };
}

const commitLabels = (commits: import("playwright-core").Locator) => commits.getByRole("listitem").allTextContents();

describe("Inspector", () => {
  test("a Container action gets a typed form from its schema; editing Image commits once with a label", async () => {
    const { inspector, commits } = await openInspector("1.0");
    await inspector.getByRole("heading", { name: "Compile" }).waitFor();
    const image = inspector.getByRole("combobox", { name: "Image", exact: true });
    expect(await image.inputValue()).toBe("node:20-bookworm");
    expect(await image.getAttribute("aria-required")).toBe("true");
    // Enum → select with the schema's values and the default.
    const network = inspector.getByRole("combobox", { name: "Network" });
    expect(await network.locator("option").allTextContents()).toEqual(["Default (none)", "none", "bridge", "host"]);
    expect(await inspector.getByRole("textbox", { name: "Commands" }).inputValue()).toBe("npm ci\nnpm run build");
    await inspector.getByRole("group", { name: "Environment variables" }).waitFor();
    await inspector.getByRole("textbox", { name: "Output variables" }).waitFor();
    await inspector.getByRole("textbox", { name: "Files of BuildOutput" }).waitFor();
    await inspector.getByRole("textbox", { name: "Local image" }).waitFor();
    expect(await inspector.textContent()).toContain("Build · Custom / Container");

    // Typing does not commit per keystroke; blur commits once.
    await image.fill("node:22-bookworm");
    expect(await commitLabels(commits)).toEqual([]);
    await image.press("Tab");
    await expect.poll(() => commitLabels(commits)).toEqual(["Edit Compile"]);
    await inspector.getByRole("button", { name: "Close inspector" }).waitFor();
    expect(await image.inputValue()).toBe("node:22-bookworm");

    // A select commits on change.
    await network.selectOption("bridge");
    await expect.poll(() => commitLabels(commits)).toEqual(["Edit Compile", "Edit Compile"]);

    // Rename on Enter.
    const name = inspector.getByRole("textbox", { name: "Action name" });
    await name.fill("CompileApp");
    await name.press("Enter");
    await expect.poll(() => commitLabels(commits)).toEqual(["Edit Compile", "Edit Compile", "Rename Compile to CompileApp"]);
    await inspector.getByRole("heading", { name: "CompileApp" }).waitFor();
    // A refused rename keeps the draft and says why.
    await name.fill("Lint");
    await name.press("Enter");
    await inspector.getByText("already has an action named Lint").waitFor();
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    await name.press("Escape");
    expect(await name.inputValue()).toBe("CompileApp");
    await app.screenshot("inspector-container");
    await inspector.getByRole("group", { name: "Environment variables" }).getByRole("button", { name: "Add environment variable" }).click();
    await inspector.getByRole("combobox", { name: "Environment variable 1 value" }).waitFor();
    expect(await commitLabels(commits)).toHaveLength(4);
    await inspector.getByRole("region", { name: "Artifacts" }).scrollIntoViewIfNeeded();
    await app.screenshot("inspector-container-artifacts");
    await inspector.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await app.screenshot("inspector-container-lower");
  });

  test("a Directory source shows Path and a switch; an AWS provider shows its keys and the local settings", async () => {
    const { page, inspector, commits } = await openInspector("0.1");
    await inspector.getByRole("heading", { name: "SharedConfig" }).waitFor();
    const path = inspector.getByRole("combobox", { name: "Path" });
    expect(await path.inputValue()).toBe("/home/dev/config/web-app");
    expect(await inspector.textContent()).toContain("An absolute path on this machine.");
    const respect = inspector.getByRole("checkbox", { name: "RespectGitignore" });
    expect(await respect.isChecked()).toBe(true);
    await respect.uncheck();
    await expect.poll(() => commitLabels(commits)).toEqual(["Edit SharedConfig"]);
    // No commands, no environment variables for a Directory source.
    expect(await inspector.getByRole("textbox", { name: "Commands" }).count()).toBe(0);

    await page.getByRole("combobox", { name: "Selection" }).selectOption("1.2");
    await inspector.getByRole("heading", { name: "Package" }).waitFor();
    await inspector.getByRole("combobox", { name: "ProjectName" }).waitFor();
    expect(await inspector.getByRole("checkbox", { name: "BatchEnabled" }).isChecked()).toBe(false);
    await inspector.getByRole("textbox", { name: "EnvironmentVariables" }).waitFor();
    expect(await inspector.getByRole("textbox", { name: "Local image" }).inputValue()).toBe("pipewright/busybox:local");
    await app.screenshot("inspector-codebuild");

    // Unknown keys are kept in "Other configuration", editable and removable.
    const other = inspector.getByRole("group", { name: "Other configuration" });
    await other.getByRole("textbox", { name: "New key" }).fill("Custom1");
    await other.getByRole("textbox", { name: "New value" }).fill("abc");
    await other.getByRole("button", { name: "Add key" }).click();
    await other.getByRole("combobox", { name: "Custom1" }).waitFor();
    await other.getByRole("button", { name: "Remove Custom1" }).click();
    await expect.poll(() => other.getByRole("combobox", { name: "Custom1" }).count()).toBe(0);
    expect((await commitLabels(commits)).slice(-2)).toEqual(["Edit Package", "Edit Package"]);
  });

  test("the artifact picker offers only artifacts produced upstream", async () => {
    const { inspector, commits } = await openInspector("1.0");
    const picker = inspector.getByRole("combobox", { name: "Add input artifact" });
    // Compile (Build, runOrder 1) sees Source's outputs; it has SourceOutput already; not BuildOutput (its own) or PackageOutput (later).
    const offered = await picker.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ""));
    expect(offered).toEqual(["ConfigOutput"]);
    await picker.selectOption("ConfigOutput");
    await expect.poll(() => commitLabels(commits)).toEqual(["Edit Compile"]);
    const chosen = inspector.getByRole("list", { name: "Chosen input artifacts" });
    expect(await chosen.getByRole("listitem").allTextContents()).toEqual([
      expect.stringContaining("in: SourceOutput"),
      expect.stringContaining("in: ConfigOutput"),
    ]);
    await inspector.getByRole("button", { name: "Remove input SourceOutput" }).click();
    await expect.poll(() => chosen.getByRole("listitem").count()).toBe(1);

    // A later action in the same stage sees the earlier runOrder's outputs.
    await app.page.getByRole("combobox", { name: "Selection" }).selectOption("2.1");
    const smoke = inspector.getByRole("combobox", { name: "Add input artifact" });
    await inspector.getByRole("heading", { name: "SmokeTests" }).waitFor();
    const later = await smoke.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ""));
    // SmokeTests (Test stage) consumes PackageOutput; the Source and Build outputs are offered.
    expect(later).toEqual(["SourceOutput", "ConfigOutput", "BuildOutput"]);
  });

  test("typing #{ offers upstream variables; the keyboard inserts one", async () => {
    const { page, inspector, commits } = await openInspector("1.0");
    const image = inspector.getByRole("combobox", { name: "Image", exact: true });
    await image.fill("");
    await image.pressSequentially("node:#{Sou");
    const list = inspector.getByRole("listbox", { name: "Variables" });
    await list.waitFor();
    expect(await image.getAttribute("aria-expanded")).toBe("true");
    const options = await list.getByRole("option").allTextContents();
    expect(options[0]).toContain("#{SourceVariables.CommitId}");
    await app.screenshot("inspector-autocomplete");
    await page.keyboard.press("ArrowDown");
    expect(await list.getByRole("option", { selected: true }).textContent()).toContain("#{SourceVariables.BranchName}");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Enter");
    await expect.poll(() => list.count()).toBe(0);
    expect(await image.inputValue()).toBe("node:#{SourceVariables.CommitId}");
    // The Enter that chose did not commit; the next one does.
    expect(await commitLabels(commits)).toEqual([]);
    await image.press("Enter");
    await expect.poll(() => commitLabels(commits)).toEqual(["Edit Compile"]);

    // Commands (a text area) offer them too, and the pipeline's execution id.
    const commands = inspector.getByRole("textbox", { name: "Commands" });
    await commands.focus();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("\necho #{codep");
    await list.waitFor();
    await page.keyboard.press("Enter");
    expect(await commands.inputValue()).toBe("npm ci\nnpm run build\necho #{codepipeline.PipelineExecutionId}");
  });

  test("a diagnostic shows under its field; clearing a required key shows one", async () => {
    const { page, inspector } = await openInspector("1.0");
    const image = inspector.getByRole("combobox", { name: "Image", exact: true });
    await image.fill("");
    await image.press("Enter");
    // `has` is relative to each field: a locator from the page root.
    const field = inspector.locator(".insp-field").filter({ has: page.getByRole("combobox", { name: "Image", exact: true }) });
    await field.getByText("E_CONFIG_REQUIRED").waitFor();
    expect(await field.textContent()).toContain("Container needs configuration `Image`");
    expect(await image.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await image.getAttribute("aria-describedby")) ?? "";
    expect(describedBy).not.toBe("");
    // Not repeated at the top.
    expect(await inspector.getByRole("list", { name: "Problems of this action" }).count()).toBe(0);
    await app.screenshot("inspector-diagnostic");
  });

  test("an artifact diagnostic shows on the picker, a stage has its own form", async () => {
    const { page, inspector, commits } = await openInspector("1.0");
    // Rename the Source output consumed by Compile: its input is no longer produced upstream.
    await page.getByRole("combobox", { name: "Selection" }).selectOption("0.0");
    const out = inspector.getByRole("textbox", { name: "Output artifact 1 name" });
    await out.fill("SourceOut");
    await out.press("Enter");
    await page.getByRole("combobox", { name: "Selection" }).selectOption("1.0");
    const inputs = inspector.getByRole("group", { name: "Input artifacts" });
    await inputs.getByText("E_ARTIFACT_UNDEFINED").waitFor();
    expect(await inputs.textContent()).toContain("not produced upstream");

    await page.getByRole("combobox", { name: "Selection" }).selectOption("1");
    await inspector.getByRole("textbox", { name: "Stage name" }).waitFor();
    const onFailure = inspector.getByRole("combobox", { name: "On failure" });
    expect(await onFailure.locator("option").allTextContents()).toEqual(["Not set (the stage fails)", "RETRY", "FAIL", "ROLLBACK"]);
    await onFailure.selectOption("RETRY");
    await inspector.getByRole("combobox", { name: "Retry mode" }).selectOption("FAILED_ACTIONS");
    const actions = inspector.getByRole("list", { name: "Actions of Build" });
    expect(await actions.getByRole("listitem").count()).toBe(3);
    expect((await commitLabels(commits)).slice(-2)).toEqual(["Edit stage Build", "Edit stage Build"]);
    const name = inspector.getByRole("textbox", { name: "Stage name" });
    await name.fill("Compile");
    await name.press("Enter");
    await expect.poll(async () => (await commitLabels(commits)).at(-1)).toContain("Rename");
    await app.screenshot("inspector-stage");
    // Escape anywhere in the Inspector closes it (a field with a draft takes the first Escape).
    await onFailure.focus();
    await page.keyboard.press("Escape");
    await page.getByText("Inspector closed").waitFor();
  });
});
