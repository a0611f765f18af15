// End-to-end: Run in the real app hands the execution to a `pipewright` worker (the CLI next
// to the app), the cards follow it live through the watch channel, and the log panel shows
// what the container printed. Uses the local image and images.pull=never (no registry).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { Session, lit } from "./webdriver.mjs";

const shots = process.env.PIPEWRIGHT_E2E_SHOTS;
const cli = (args) => execFileSync(process.env.PIPEWRIGHT_E2E_CLI, args, { env: process.env, encoding: "utf8" });
let s;
let work;

before(async () => {
  work = mkdtempSync(join(tmpdir(), "pipewright-e2e-run-"));
  const src = join(work, "src");
  execFileSync("mkdir", ["-p", src]);
  writeFileSync(join(src, "hello.txt"), "hello from the source\n");
  const yaml = `pipeline:
  name: e2e-run
  roleArn: arn:aws:iam::123456789012:role/pipewright
  artifactStore: {type: S3, location: bucket}
  stages:
    - name: Source
      actions:
        - name: Src
          actionTypeId: {category: Source, owner: Custom, provider: Directory, version: "1"}
          configuration: {Path: ${JSON.stringify(src)}}
          outputArtifacts: [{name: SourceOut}]
    - name: Build
      actions:
        - name: Compile
          actionTypeId: {category: Build, owner: Custom, provider: Container, version: "1"}
          configuration: {Image: "pipewright/busybox:local"}
          inputArtifacts: [{name: SourceOut}]
          commands: ["cat hello.txt", "echo built-ok"]
`;
  const slow = `pipeline:
  name: e2e-stop
  stages:
    - name: Source
      actions:
        - name: Src
          actionTypeId: {category: Source, owner: Custom, provider: Directory, version: "1"}
          configuration: {Path: ${JSON.stringify(src)}}
          outputArtifacts: [{name: SourceOut}]
    - name: Build
      actions:
        - name: Slow
          actionTypeId: {category: Build, owner: Custom, provider: Container, version: "1"}
          configuration: {Image: "pipewright/busybox:local"}
          inputArtifacts: [{name: SourceOut}]
          commands: ["echo sleeping", "sleep 60"]
    - name: Deploy
      actions:
        - name: Never
          actionTypeId: {category: Build, owner: Custom, provider: Container, version: "1"}
          configuration: {Image: "pipewright/busybox:local"}
          inputArtifacts: [{name: SourceOut}]
          commands: ["true"]
`;
  writeFileSync(join(work, "e2e-stop.yaml"), slow);
  const file = join(work, "e2e-run.yaml");
  writeFileSync(file, yaml);
  cli(["config", "set", "images.pull", "never"]);
  cli(["import", file]);
  cli(["import", join(work, "e2e-stop.yaml")]);
  s = await Session.create(process.env.PIPEWRIGHT_E2E_WEBDRIVER, process.env.PIPEWRIGHT_E2E_APP);
});

after(async () => {
  if (s) await s.delete();
  if (work) rmSync(work, { recursive: true, force: true });
});

test("Run starts a worker, the cards go to Succeeded, and the log shows the output", async () => {
  await (await s.find(`//*[@role='option' and @aria-label='e2e-run']`)).click();
  await s.find(`//h1[normalize-space(.)='e2e-run']`);
  await (await s.find(`//button[normalize-space(.)='Run']`)).click();
  const card = `//*[@role='region' and @aria-label='Build']//*[@role='button' and @aria-label='Compile']`;
  await s.find(`${card}[contains(., 'Succeeded')]`, 90000);
  await s.find(`//*[@aria-label='Latest run' and contains(., 'Succeeded')]`, 15000);
  const source = await s.find(`//*[@role='region' and @aria-label='Source']//*[@role='button' and @aria-label='Src']`);
  assert.match(await source.text(), /Succeeded/);
  if (shots) await s.screenshot(join(shots, "run-succeeded.png"));

  await (await s.find(card)).click();
  await (await s.find(`//*[@aria-label='Action details']//button[normalize-space(.)='View log']`)).click();
  const log = await s
    .find(`//section[@aria-label=${lit("Log of Compile")}]//pre[contains(., 'built-ok')]`, 15000)
    .catch(async (e) => {
      if (shots) await s.screenshot(join(shots, "run-log-failed.png"));
      throw e;
    });
  assert.match(await log.text(), /hello from the source/);
  if (shots) await s.screenshot(join(shots, "run-log.png"));

  // The run went through the real store: the CLI sees it.
  const list = JSON.parse(cli(["executions", "e2e-run", "--json"]));
  assert.equal(list.pipelineExecutionSummaries[0].status, "Succeeded");
});

test("Stop and abandon kills the running container and records Stopped", async () => {
  await (await s.find(`//*[@role='option' and @aria-label='e2e-stop']`)).click();
  await s.find(`//h1[normalize-space(.)='e2e-stop']`);
  await (await s.find(`//button[normalize-space(.)='Run']`)).click();
  const slow = `//*[@role='region' and @aria-label='Build']//*[@role='button' and @aria-label='Slow']`;
  await s.find(`${slow}[contains(., 'In progress')]`, 60000);
  // The container is running.
  const containers = () =>
    execFileSync("docker", ["ps", "-aq", "--filter", "label=dev.pipewright.pipeline=e2e-stop"], { encoding: "utf8" }).trim();
  assert.notEqual(containers(), "", "the action's container runs");

  await (await s.find(`//button[normalize-space(.)='Stop']`)).click();
  await (await s.find(`//*[@role='alertdialog']//label[contains(., 'Stop and abandon')]`)).click();
  await (await s.find(`//*[@role='alertdialog']//button[normalize-space(.)='Stop']`)).click();
  const started = Date.now();
  await s.find(`//*[@aria-label='Latest run' and contains(., 'Stopped')]`, 30000);
  const took = Date.now() - started;
  assert.match(await (await s.find(slow)).text(), /Abandoned/);
  const never = `//*[@role='region' and @aria-label='Deploy']//*[@role='button' and @aria-label='Never']`;
  assert.match(await (await s.find(never)).text(), /Not started/);
  if (shots) await s.screenshot(join(shots, "run-stopped.png"));
  assert.ok(took < 20000, `stopped in ${took} ms, not after the 60 s sleep`);
  assert.equal(containers(), "", "no container left behind");
  const list = JSON.parse(cli(["executions", "e2e-stop", "--json"]));
  assert.equal(list.pipelineExecutionSummaries[0].status, "Stopped");
});
