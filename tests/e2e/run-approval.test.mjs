// End-to-end on the real Docker daemon, through the real app: click Run, watch the stages
// reach Succeeded up to a Manual approval, find the build's output in its log, approve the
// pending approval from the sidebar badge (the CLI records who and why), see the run finish,
// find it in the pipeline's history with its duration, and see it counted on the dashboard.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { Session, lit } from "./webdriver.mjs";

const shots = process.env.PIPEWRIGHT_E2E_SHOTS;
const cli = (args) => execFileSync(process.env.PIPEWRIGHT_E2E_CLI, args, { env: process.env, encoding: "utf8" });
const NAME = "e2e-approval";
let s;
let work;

async function shot(name) {
  if (shots) await s.screenshot(join(shots, `${name}.png`));
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), "pipewright-e2e-approval-"));
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
          commands: ["cat app.txt", "echo e2e-build-output"]
    - name: Approve
      actions:
        - name: Gate
          actionTypeId: {category: Approval, owner: AWS, provider: Manual, version: "1"}
          configuration: {CustomData: "Ship the e2e build?"}
    - name: Deploy
      actions:
        - name: Ship
          actionTypeId: {category: Build, owner: Custom, provider: Container, version: "1"}
          configuration: {Image: "pipewright/busybox:local"}
          inputArtifacts: [{name: SourceOut}]
          commands: ["echo shipped"]
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

test("Run, read the log, approve from the badge, then find the run in history and on the dashboard", async () => {
  await (await s.find(`//*[@role='option' and @aria-label=${lit(NAME)}]`)).click();
  await s.find(`//h1[normalize-space(.)=${lit(NAME)}]`);
  await (await s.find(`//button[normalize-space(.)='Run']`)).click();

  // Source and Build succeed; the approval waits and stands out.
  await s.find(`${card("Build", "Compile")}[contains(., 'Succeeded')]`, 90000);
  await s.find(`${card("Approve", "Gate")}[contains(., 'Waiting for approval')]`, 30000);
  assert.match(await (await s.find(card("Deploy", "Ship"))).text(), /Not started/);
  await shot("approval-waiting");

  // The build's output is in its log.
  await (await s.find(card("Build", "Compile"))).click();
  await (await s.find(`//*[@aria-label='Action details']//button[normalize-space(.)='View log']`)).click();
  await s.find(`//section[@aria-label='Log of Compile']//pre[contains(., 'e2e-build-output')]`, 15000);
  await (await s.find(`//button[@aria-label='Close details']`)).click();

  // Approve from the sidebar badge, with a comment.
  await (await s.find(`//button[@aria-label='1 pending approval']`, 15000)).click();
  const review = await s.find(`//*[@role='region' and @aria-label='Pending approvals']//button[@aria-label=${lit(`Review Approve/Gate of ${NAME}`)}]`);
  await review.click();
  const dialog = `//dialog[.//*[normalize-space(.)='Review Gate']]`;
  await s.find(`${dialog}[contains(., 'Ship the e2e build?')]`);
  await (await s.find(`${dialog}//textarea`)).type("looks good in e2e");
  await shot("approval-dialog");
  await (await s.find(`${dialog}//button[normalize-space(.)='Approve']`)).click();

  // A worker drives it on: Deploy runs, the run succeeds.
  await s.find(`${card("Deploy", "Ship")}[contains(., 'Succeeded')]`, 60000);
  await s.find(`//*[@aria-label='Latest run' and contains(., 'Succeeded')]`, 15000);
  await shot("approval-succeeded");
  const id = JSON.parse(cli(["executions", NAME, "--json"])).pipelineExecutionSummaries[0].pipelineExecutionId;
  const detail = JSON.parse(cli(["execution", id, "--json"]));
  assert.equal(detail.pipelineExecution.status, "Succeeded");

  // Who decided and why, in the approval's details.
  await (await s.find(card("Approve", "Gate"))).click();
  await s.find(`//*[@aria-label='Action details']//*[@aria-label='Approval' and contains(., 'Approved by') and contains(., 'looks good in e2e')]`);
  await (await s.find(`//button[@aria-label='Close details']`)).click();

  // History: the execution with its duration.
  await (await s.find(`//button[normalize-space(.)='Executions']`)).click();
  const row = `//table[@aria-label='Executions']//tr[@data-execution-id=${lit(id)}]`;
  await s.find(`${row}[contains(., 'Succeeded')]`, 15000);
  // Its text as the DOM has it (the cell may be scrolled out of the table's view).
  const duration = await (await s.find(`${row}/td[contains(@class, 'history-duration')]`)).cmd("GET", "/property/textContent");
  assert.match(duration.trim(), /^\d+(\.\d+)?\s*(ms|s|min)/, `the row's duration: ${duration}`);
  await shot("history");

  // Dashboard of the pipeline: one execution, all succeeded.
  await (await s.find(`//button[normalize-space(.)='Back to pipeline']`)).click();
  await s.find(`//h1[normalize-space(.)=${lit(NAME)}]`);
  // The pipeline's own Dashboard (in the header; the sidebar's one shows every pipeline).
  await (await s.find(`//main//button[normalize-space(.)='Dashboard']`)).click();
  await s.find(`//h1[normalize-space(.)=${lit(`Dashboard of ${NAME}`)}]`);
  const figures = `//ul[@aria-label='Key figures']`;
  await s.find(`${figures}/li[@aria-label='Executions: 1']`, 15000);
  await s.find(`${figures}/li[starts-with(@aria-label, 'Success rate: 100')]`);
  await shot("dashboard");
  const metrics = JSON.parse(cli(["metrics", NAME, "--json"]));
  assert.equal(JSON.stringify(metrics).includes('"succeeded":1'), true, JSON.stringify(metrics).slice(0, 300));
});
