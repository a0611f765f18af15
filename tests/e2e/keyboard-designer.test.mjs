// End-to-end, the designer in the real app: from a pipeline with two empty stages, add actions
// from the palette with Enter, place them with keyboard moves (lift with Space, arrows, drop
// with Space), fill them in the Inspector, save, reopen, and export CodePipeline JSON through
// the app's Export dialog and the CLI on the same data folder: both must equal the document we
// meant to build.
// Runs after first-run.test.mjs (file names sort), which needs a fresh data folder.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { Element, Session, elementRef, lit, sleep } from "./webdriver.mjs";

const ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf";

const shots = process.env.PIPEWRIGHT_E2E_SHOTS;
const cli = (args) => execFileSync(process.env.PIPEWRIGHT_E2E_CLI, args, { env: process.env, encoding: "utf8" });
const KEY = { enter: "\uE007", space: " ", left: "\uE012", up: "\uE013", tab: "\uE004" };
let s;
let work;

before(async () => {
  work = mkdtempSync(join(tmpdir(), "pipewright-e2e-designer-"));
  const file = join(work, "designed.yaml");
  writeFileSync(
    file,
    `pipeline:
  name: designed
  pipelineType: V2
  executionMode: QUEUED
  stages:
    - name: Source
      actions: []
    - name: Build
      actions: []
`,
  );
  cli(["import", file, "--draft"]);
  s = await Session.create(process.env.PIPEWRIGHT_E2E_WEBDRIVER, process.env.PIPEWRIGHT_E2E_APP);
});

after(async () => {
  if (s) await s.delete();
  if (work) rmSync(work, { recursive: true, force: true });
});

const card = (stage, action) => `//*[@role='region' and @aria-label=${lit(stage)}]//*[@role='button' and @aria-label=${lit(action)}]`;
const inspector = `//aside[@aria-label='Inspector']`;

async function paletteEnter(group, provider) {
  const item = await s.find(`//aside[@aria-label='Palette']//*[@role='group' and @aria-label=${lit(group)}]//*[@aria-label=${lit(provider)}]`);
  await item.type(KEY.enter);
}

/** The element that has the keyboard focus. */
async function focused() {
  const ref = await s.executeScript("return document.activeElement");
  return new Element(s, ref[ELEMENT_KEY] ?? ref.ELEMENT);
}

/** What the designer last said to screen readers (visually hidden, so read its text content). */
function announcement() {
  return s.executeScript("return document.querySelector('.designer-announcer')?.textContent ?? ''");
}

/** Focus a card, lift it with Space, press `keys` (stop early once `until` is announced), drop
 * it with Space; returns the last announcement before the drop. */
async function move(stage, action, keys, until) {
  const el = await s.find(card(stage, action));
  await s.executeScript("arguments[0].focus()", [elementRef(el)]);
  await el.type(KEY.space);
  let said = "";
  for (const k of keys) {
    await (await focused()).type(k);
    await sleep(100);
    said = await announcement();
    if (until && until.test(said)) break;
  }
  await (await focused()).type(KEY.space);
  await sleep(150);
  return said;
}

/** Select a card (scrolled into view first: the Inspector narrows the canvas). */
async function select(stage, action) {
  const el = await s.find(card(stage, action));
  await s.executeScript("arguments[0].scrollIntoView({ block: 'nearest', inline: 'nearest' }); arguments[0].click();", [
    elementRef(el),
  ]);
  await s.find(`${inspector}//h2[normalize-space(.)=${lit(action)}]`);
}

/** Commit a text field of the Inspector: replace its text, then leave it. */
async function fill(label, value) {
  const field = await s.find(`${inspector}//*[(self::input or self::textarea) and @aria-label=${lit(label)}] | ${inspector}//label[normalize-space(.)=${lit(label)} or starts-with(normalize-space(.), ${lit(label + " ")})]/following::*[self::input or self::textarea][1]`);
  await field.clear();
  await field.type(value + KEY.tab);
  await sleep(150);
}

async function addInput(name) {
  const select = await s.find(`${inspector}//select[@aria-label='Add input artifact']`);
  await s.executeScript(
    `const el = arguments[0];
     const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set;
     setter.call(el, arguments[1]);
     el.dispatchEvent(new Event('change', { bubbles: true }));`,
    [elementRef(select), name],
  );
  await sleep(150);
}

test("build a pipeline with the palette and keyboard moves, save, reopen, export", async () => {
  await (await s.find(`//*[@role='option' and @aria-label='designed']`)).click();
  await s.find(`//h1[normalize-space(.)='designed']`);
  await (await s.find(`//button[normalize-space(.)='Edit']`)).click();
  await s.find(`//aside[@aria-label='Palette']`);

  // Enter on palette items adds to the last stage (Build), each as its new last step.
  await paletteEnter("Build", "Container");
  await s.find(card("Build", "Container"));
  await paletteEnter("Build", "Container");
  await s.find(card("Build", "Container2"));
  await paletteEnter("Source", "Directory");
  await s.find(card("Build", "Directory"));

  // Keyboard: Directory to the stage on the left; Container2 up into Container's row.
  const left = await move("Build", "Directory", [KEY.left]);
  assert.match(left, /Source/);
  await s.find(card("Source", "Directory"));
  const parallel = await move("Build", "Container2", [KEY.up, KEY.up, KEY.up], /in parallel with Container/);
  assert.match(parallel, /in parallel with Container/);
  const [a, b] = [await (await s.find(card("Build", "Container"))).rect(), await (await s.find(card("Build", "Container2"))).rect()];
  assert.ok(Math.abs(a.y - b.y) < 2 && b.x > a.x, "Container2 runs beside Container");

  // The Inspector fills in what validation asks for.
  await select("Source", "Directory");
  await fill("Path", join(work, "src"));
  for (const name of ["Container", "Container2"]) {
    await select("Build", name);
    await fill("Image", "pipewright/busybox:local");
    await fill("Commands", `echo ${name}`);
    await addInput("DirectoryOutput");
  }
  await s.find(`//*[@aria-label='Pipeline facts']//*[normalize-space(.)='Valid']`, 10000);
  if (shots) await s.screenshot(join(shots, "designer-built.png"));

  // Before saving: the Code view's CodePipeline JSON tab exports the unsaved document (the real
  // `export_document`); compared below with the saved version's export.
  await (await s.find(`//fieldset[@aria-label='Editor view']//label[normalize-space(.)='Code']`)).click();
  await (await s.find(`//*[@role='tab' and normalize-space(.)='CodePipeline JSON']`)).click();
  let unsaved = "";
  for (let i = 0; i < 100 && !unsaved.includes('"roleArn"'); i++) {
    await sleep(100);
    // The read-only editor lives in a shadow root; a document this short has all its lines drawn
    // (CodeMirror draws the visible lines and a margin of 1000 px around them).
    unsaved = await s.executeScript(
      "const root = document.querySelector('.code-export .code-host')?.shadowRoot; return [...(root?.querySelectorAll('.cm-line') ?? [])].map((l) => l.textContent).join('\\n')",
    );
  }
  if (shots) await s.screenshot(join(shots, "designer-code-codepipeline.png"));

  await (await s.find(`//button[normalize-space(.)='Save']`)).click();
  await s.find(`//*[@role='status' and contains(., 'Saved version 2')]`);

  // Reopen: another pipeline, then back; the saved layout is there.
  await (await s.find(`//*[@role='option' and @aria-label='sample-pipeline']`)).click();
  await s.find(`//h1[normalize-space(.)='sample-pipeline']`);
  await (await s.find(`//*[@role='option' and @aria-label='designed']`)).click();
  await s.find(`//*[@aria-label='Pipeline facts']//*[normalize-space(.)='Version 2']`);
  await s.find(card("Source", "Directory"));
  await s.find(card("Build", "Container2"));

  const exported = JSON.parse(cli(["export", "designed", "--format", "codepipeline"]));

  // The app's own export of the reopened pipeline (Export → CodePipeline JSON) is the same document.
  await (await s.find(`//button[normalize-space(.)='Export']`)).click();
  await s.find(`//*[@role='dialog' or self::dialog][.//*[normalize-space(.)='Export designed']]`);
  await (await s.find(`//label[normalize-space(.)='CodePipeline JSON']`)).click();
  const preview = await s.find(`//textarea[@aria-label='Export preview']`);
  let shown = "";
  for (let i = 0; i < 50; i++) {
    shown = await s.executeScript("return arguments[0].value", [elementRef(preview)]);
    if (shown.includes('"roleArn"')) break;
    await sleep(100);
  }
  if (shots) await s.screenshot(join(shots, "designer-export.png"));
  assert.deepEqual(JSON.parse(shown), exported, "the app's CodePipeline JSON equals the CLI's");
  // The unsaved document's export is the same pipeline (only the saved version number differs).
  const { version: _saved, ...savedRest } = exported.pipeline;
  const { version: _unsaved, ...unsavedRest } = JSON.parse(unsaved).pipeline;
  assert.deepEqual(unsavedRest, savedRest, "the Code view's CodePipeline JSON of the unsaved edit equals the saved export");
  await (await focused()).type("\uE00C"); // Escape closes the dialog
  const container = (name) => ({
    name,
    actionTypeId: { category: "Build", owner: "Custom", provider: "Container", version: "1" },
    runOrder: 1,
    configuration: { Image: "pipewright/busybox:local" },
    inputArtifacts: [{ name: "DirectoryOutput" }],
    commands: [`echo ${name}`],
  });
  const { roleArn, artifactStore, ...rest } = exported.pipeline;
  assert.ok(roleArn && artifactStore, "placeholders filled for AWS");
  assert.deepEqual(rest, {
    name: "designed",
    pipelineType: "V2",
    executionMode: "QUEUED",
    version: 2,
    stages: [
      {
        name: "Source",
        actions: [
          {
            name: "Directory",
            actionTypeId: { category: "Source", owner: "Custom", provider: "Directory", version: "1" },
            runOrder: 1,
            configuration: { Path: join(work, "src") },
            outputArtifacts: [{ name: "DirectoryOutput" }],
          },
        ],
      },
      { name: "Build", actions: [container("Container"), container("Container2")] },
    ],
  });
});
