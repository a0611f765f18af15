// End-to-end: the real app (embedded UI, real Rust core and store) under Xvfb via tauri-driver.
// Start the app, import a CodePipeline JSON by paste, and see its stages and actions by their
// accessible names, laid out as the console would.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { Session, elementRef, lit, sleep } from "./webdriver.mjs";

const root = new URL("../..", import.meta.url).pathname;
const shots = process.env.PIPEWRIGHT_E2E_SHOTS;
let s;

before(async () => {
  s = await Session.create(process.env.PIPEWRIGHT_E2E_WEBDRIVER, process.env.PIPEWRIGHT_E2E_APP);
});

after(async () => {
  if (s) await s.delete();
});

/** Put text into a textarea the way a paste does (one input event), not key by key. */
function paste(area, text) {
  return s.executeScript(
    `const el = arguments[0];
     const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set;
     setter.call(el, arguments[1]);
     el.dispatchEvent(new Event('input', { bubbles: true }));`,
    [elementRef(area), text],
  );
}

test("import a CodePipeline JSON by paste and see its stages and actions", async () => {
  const text = await readFile(join(root, "tests/fixtures/sample-codepipeline.json"), "utf8");
  await (await s.find(`//button[normalize-space(.)='Import' or @aria-label='Import']`)).click();
  const dialog = await s.find(`//*[@role='dialog']`);
  assert.ok(dialog);
  const area = await s.find(`//*[@role='dialog']//textarea`);
  await paste(area, text);
  await (await s.find(`//*[@role='dialog']//button[normalize-space(.)='Import pipeline']`)).click();
  // The imported pipeline replaces the first-run sample on screen.
  await s.find(`//h1[normalize-space(.)='web-app']`);

  for (const stage of ["Source", "Build", "Deploy"]) {
    await s.find(`//*[@role='region' and @aria-label=${lit(stage)}]`);
  }
  const compile = await s.find(
    `//*[@role='region' and @aria-label='Build']//*[@role='button' and @aria-label='Compile']`,
  );
  const lint = await s.find(`//*[@role='region' and @aria-label='Build']//*[@role='button' and @aria-label='Lint']`);
  const unit = await s.find(
    `//*[@role='region' and @aria-label='Build']//*[@role='button' and @aria-label='UnitTests']`,
  );
  assert.match(await compile.text(), /Not started/);
  const [c, l, u] = [await compile.rect(), await lint.rect(), await unit.rect()];
  assert.ok(Math.abs(c.y - l.y) < 2, `parallel actions side by side: ${c.y} vs ${l.y}`);
  assert.ok(l.x > c.x, "Lint to the right of Compile");
  assert.ok(u.y > c.y + c.height - 2, "runOrder 2 below runOrder 1");
  if (shots) await s.screenshot(join(shots, "imported.png"));

  // The import went through the real store: the CLI sees it on the same data folder.
  const list = JSON.parse(
    execFileSync(process.env.PIPEWRIGHT_E2E_CLI, ["list", "--json"], { env: process.env, encoding: "utf8" }),
  );
  assert.deepEqual(
    list.pipelines.map((p) => p.name),
    ["sample-pipeline", "web-app"],
  );
});

test("an invalid paste shows diagnostics and saves nothing", async () => {
  await (await s.find(`//button[normalize-space(.)='Import' or @aria-label='Import']`)).click();
  const area = await s.find(`//*[@role='dialog']//textarea`);
  await paste(area, '{"pipeline": {"name": "one", "stages": [{"name": "Only", "actions": []}]}}');
  await (await s.find(`//*[@role='dialog']//button[normalize-space(.)='Import pipeline']`)).click();
  await s.find(`//*[@role='dialog']//*[contains(., 'E_')]`);
  await sleep(200);
  const list = JSON.parse(
    execFileSync(process.env.PIPEWRIGHT_E2E_CLI, ["list", "--json"], { env: process.env, encoding: "utf8" }),
  );
  assert.deepEqual(
    list.pipelines.map((p) => p.name),
    ["sample-pipeline", "web-app"],
  );
});
