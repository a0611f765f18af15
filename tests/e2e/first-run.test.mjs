// End-to-end, first start: a fresh data folder opens on the sample pipeline (Source → Build with
// two parallel containers → Test → Deploy into a folder under the data folder), and one click
// on Run takes it to Succeeded with the built files deployed. This file runs first (node's test
// runner takes the files in name order), while the data folder is still fresh.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { Session } from "./webdriver.mjs";

const shots = process.env.PIPEWRIGHT_E2E_SHOTS;
const data = process.env.PIPEWRIGHT_DATA_DIR;
const cli = (args) => execFileSync(process.env.PIPEWRIGHT_E2E_CLI, args, { env: process.env, encoding: "utf8" });
let s;

before(async () => {
  // Tests never pull; the local image is the default image the sample uses.
  cli(["config", "set", "images.pull", "never"]);
  s = await Session.create(process.env.PIPEWRIGHT_E2E_WEBDRIVER, process.env.PIPEWRIGHT_E2E_APP);
});

after(async () => {
  if (s) await s.delete();
});

const card = (stage, action) =>
  `//*[@role='region' and @aria-label='${stage}']//*[@role='button' and @aria-label='${action}']`;

test("the first start shows the sample, and one click runs it to a deployed folder", async () => {
  await s.find(`//*[@role='option' and @aria-label='sample-pipeline']`);
  await s.find(`//h1[normalize-space(.)='sample-pipeline']`);
  const note = await s.find(`//*[@aria-label='About the sample pipeline']`);
  assert.match(await note.text(), /press Run/);
  const [package_, lint] = [await s.find(card("Build", "Package")), await s.find(card("Build", "Lint"))];
  const [p, l] = [await package_.rect(), await lint.rect()];
  assert.ok(Math.abs(p.y - l.y) < 2 && l.x > p.x, "Build's two actions side by side");
  if (shots) await s.screenshot(join(shots, "first-run.png"));

  await (await s.find(`//button[normalize-space(.)='Run']`)).click();
  await s.find(`${card("Deploy", "ToFolder")}[contains(., 'Succeeded')]`, 120000).catch(async (e) => {
    if (shots) await s.screenshot(join(shots, "first-run-failed.png"));
    throw e;
  });
  await s.find(`//*[@aria-label='Latest run' and contains(., 'Succeeded')]`, 15000);
  for (const [stage, action] of [
    ["Source", "Checkout"],
    ["Build", "Package"],
    ["Build", "Lint"],
    ["Test", "UnitTests"],
  ]) {
    assert.match(await (await s.find(card(stage, action))).text(), /Succeeded/, `${stage}/${action}`);
  }
  if (shots) await s.screenshot(join(shots, "first-run-succeeded.png"));

  const html = readFileSync(join(data, "sample", "deployed", "dist", "index.html"), "utf8");
  assert.match(html, /Version 1\.0\.0/);
  const runs = JSON.parse(cli(["executions", "sample-pipeline", "--json"]));
  assert.equal(runs.pipelineExecutionSummaries[0].status, "Succeeded");
});
