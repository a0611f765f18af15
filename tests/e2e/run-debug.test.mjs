// End-to-end on the real Docker daemon, through the real app: mark an action "Pause before"
// from its card's menu and turn on "Keep failed containers"; Run stops before the marked
// action until Continue; a later action fails and its container is kept; Open terminal gives a
// shell in it (docker exec with a TTY, xterm.js) where the failed command's files are; Close
// terminal ends debugging: the container is gone and the run ends Failed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { Session, elementRef, lit, sleep } from "./webdriver.mjs";

const shots = process.env.PIPEWRIGHT_E2E_SHOTS;
const cli = (args) => execFileSync(process.env.PIPEWRIGHT_E2E_CLI, args, { env: process.env, encoding: "utf8" });
const NAME = "e2e-debug";
let s;
let work;

async function shot(name) {
  if (shots) await s.screenshot(join(shots, `${name}.png`));
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), "pipewright-e2e-debug-"));
  const src = join(work, "src");
  execFileSync("mkdir", ["-p", src]);
  writeFileSync(join(src, "app.txt"), "the app\n");
  const yaml = `pipeline:
  name: ${NAME}
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
          commands: ["echo e2e-compiled"]
    - name: Test
      actions:
        - name: Check
          actionTypeId: {category: Test, owner: Custom, provider: Container, version: "1"}
          configuration: {Image: "pipewright/busybox:local"}
          inputArtifacts: [{name: SourceOut}]
          commands: ["echo kept-state-e2e > marker.txt", "exit 5"]
`;
  const file = join(work, `${NAME}.yaml`);
  writeFileSync(file, yaml);
  cli(["config", "set", "images.pull", "never"]);
  cli(["import", file]);
  s = await Session.create(process.env.PIPEWRIGHT_E2E_WEBDRIVER, process.env.PIPEWRIGHT_E2E_APP);
});

after(async () => {
  if (s) await s.delete();
  if (work) rmSync(work, { recursive: true, force: true });
});

const card = (stage, action) => `//*[@role='region' and @aria-label=${lit(stage)}]//*[@role='button' and @aria-label=${lit(action)}]`;
const details = `//*[@aria-label='Action details']`;

function dockerHas(container) {
  try {
    execFileSync("docker", ["inspect", container], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

test("Pause before an action, Continue it, then open a terminal in a kept failed container", async () => {
  await (await s.find(`//*[@role='option' and @aria-label=${lit(NAME)}]`)).click();
  await s.find(`//h1[normalize-space(.)=${lit(NAME)}]`);

  // Mark Build/Compile "Pause before" from its card's menu (a right click opens it).
  const compile = await s.find(card("Build", "Compile"));
  await s.executeScript(
    "const r = arguments[0].getBoundingClientRect(); arguments[0].dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: r.x + 10, clientY: r.y + 10, button: 2 }));",
    [elementRef(compile)],
  );
  await (await s.find(`//*[@role='menuitemcheckbox' and normalize-space(.)='Pause before']`)).click();
  await s.find(`${card("Build", "Compile")}//*[@title='Pauses before running']`);
  const toggle = await s.find(`//button[@aria-label='Keep failed containers']`);
  await toggle.click();
  await s.find(`//button[@aria-label='Keep failed containers' and @aria-pressed='true']`);
  const settings = JSON.parse(cli(["debug", NAME, "--json"]));
  assert.deepEqual(settings, { pausePoints: [{ stageName: "Build", actionName: "Compile" }], keepFailedContainers: true });

  // Run: it waits before Compile.
  await (await s.find(`//button[normalize-space(.)='Run']`)).click();
  await s.find(`${card("Build", "Compile")}[contains(., 'Paused')]`, 90000);
  await shot("debug-paused");
  await (await s.find(card("Build", "Compile"))).click();
  await (await s.find(`${details}//button[normalize-space(.)='Continue']`)).click();
  await s.find(`${card("Build", "Compile")}[contains(., 'Succeeded')]`, 60000);

  // Test/Check fails; its container is kept and the run holds.
  await s.find(`${card("Test", "Check")}[contains(., 'Failed')]`, 60000);
  await (await s.find(card("Test", "Check"))).click();
  await (await s.find(`${details}//button[normalize-space(.)='Open terminal']`, 15000)).click();
  const id = JSON.parse(cli(["executions", NAME, "--json"])).pipelineExecutionSummaries[0].pipelineExecutionId;
  const held = JSON.parse(cli(["execution", id, "--json"]));
  assert.equal(held.pipelineExecution.status, "InProgress");
  const check = held.stageStates.find((st) => st.stageName === "Test").actionStates[0].latestExecution;
  assert.equal(check.status, "Failed");
  const container = check.debugContainerId;
  assert.ok(container && dockerHas(container), `a kept container: ${JSON.stringify(check)}`);

  // Type into the terminal (xterm.js reads keys from its helper textarea).
  const screen = `${details}//*[@role='group' and @aria-label='Terminal']`;
  await s.find(screen, 15000);
  const input = await s.find(`${screen}//textarea`);
  await sleep(500);
  await input.type("cat marker.txt; pwd\n");
  await s.find(`${screen}[contains(., 'kept-state-e2e')]`, 15000);
  await s.find(`${screen}[contains(., '/pipewright/src')]`);
  await shot("debug-terminal");

  // Closing the terminal ends debugging.
  await (await s.find(`${details}//button[normalize-space(.)='Close terminal']`)).click();
  await s.find(`//*[@aria-label='Latest run' and contains(., 'Failed')]`, 60000);
  const ended = JSON.parse(cli(["execution", id, "--json"]));
  assert.equal(ended.pipelineExecution.status, "Failed");
  const after = ended.stageStates.find((st) => st.stageName === "Test").actionStates[0].latestExecution;
  assert.equal(after.debugContainerId, undefined);
  for (let i = 0; i < 50 && dockerHas(container); i++) await sleep(100);
  assert.equal(dockerHas(container), false, "the kept container is removed");
  await shot("debug-ended");
});
