import { parse as parseYaml } from "yaml";
import { beforeEach, describe, expect, test, vi } from "vitest";
import type { ExecutionView, LogPage } from "../bindings";
import type { ArgsOf, CommandName, ResultOf } from "../client";
import { MOCK_RUN_MS, MockBackend } from "./backend";
import { webApp } from "./seed";

const NOW = new Date("2025-06-15T12:00:00Z");
let backend: MockBackend;

beforeEach(() => {
  backend = new MockBackend("default", () => NOW);
});

/** Calls the backend the way Tauri delivers a request. */
function run<K extends CommandName>(cmd: K, args: ArgsOf<K>): ResultOf<K> {
  return backend.handle(cmd, args === null ? undefined : { args }) as ResultOf<K>;
}

function fails(cmd: string, args: unknown = null): unknown {
  try {
    backend.handle(cmd, args === null ? undefined : { args });
  } catch (e) {
    return e;
  }
  throw new Error(`${cmd} did not fail`);
}

const CODEPIPELINE = JSON.stringify({
  pipeline: {
    name: "from-aws",
    roleArn: "arn:aws:iam::123456789012:role/p",
    artifactStore: { type: "S3", location: "bucket" },
    stages: [
      {
        name: "Source",
        actions: [
          {
            name: "Src",
            actionTypeId: { category: "Source", owner: "AWS", provider: "S3", version: "1" },
            configuration: { S3Bucket: "b", S3ObjectKey: "k.zip", PollForSourceChanges: false },
            outputArtifacts: [{ name: "Out" }],
          },
        ],
      },
      {
        name: "Build",
        actions: [
          {
            name: "Make",
            actionTypeId: { category: "Build", owner: "AWS", provider: "CodeBuild", version: "1" },
            configuration: { ProjectName: "make" },
            inputArtifacts: [{ name: "Out" }],
          },
        ],
      },
    ],
  },
  metadata: { pipelineArn: "arn:aws:codepipeline:eu-west-1:123456789012:from-aws" },
});

describe("mock backend", () => {
  test("lists the seeded pipelines by name; ?mock=empty-style reset empties it", () => {
    const list = run("list_pipelines", null);
    expect(list.map((p) => [p.name, p.version, p.valid])).toEqual([
      ["docs-site", 2, true],
      ["legacy-import", 1, false],
      ["web-app", 3, true],
    ]);
    expect(list.find((p) => p.name === "web-app")).toMatchObject({ stageCount: 5, actionCount: 9, executionCount: 3, pipelineType: "V2" });
    backend.reset("empty");
    expect(run("list_pipelines", null)).toEqual([]);
  });

  test("the seeded valid pipeline has no diagnostics; the draft has them on its elements", () => {
    expect(run("get_pipeline", { name: "web-app" }).diagnostics).toEqual([]);
    const legacy = run("get_pipeline", { name: "legacy-import" });
    expect(legacy.diagnostics.map((d) => [d.code, d.path])).toEqual(
      expect.arrayContaining([
        ["E_ARTIFACT_UNDEFINED", "/stages/1/actions/0/inputArtifacts/0"],
        ["E_CONFIG_REQUIRED", "/stages/2/actions/0/configuration/TargetPath"],
      ]),
    );
    expect(legacy.yaml).toContain("name: legacy-import");
  });

  test("get_pipeline of an unknown name is E_NOT_FOUND", () => {
    expect(fails("get_pipeline", { name: "nope" })).toMatchObject({ code: "E_NOT_FOUND" });
  });

  test("create from the template; an existing name is E_EXISTS; an unknown template is refused", () => {
    const templates = run("list_templates", null);
    const created = run("create_pipeline", { name: "fresh", template: templates[0]?.id ?? "" });
    expect(created).toMatchObject({ name: "fresh", version: 1, valid: true, stageCount: 4 });
    const detail = run("get_pipeline", { name: "fresh" });
    expect(detail.document.pipeline.stages.map((s) => s.name)).toEqual(["Source", "Build", "Test", "Deploy"]);
    expect(fails("create_pipeline", { name: "fresh", template: "source-build-test-deploy" })).toMatchObject({ code: "E_EXISTS" });
    expect(fails("create_pipeline", { name: "other", template: "nope" })).toMatchObject({ code: "E_TEMPLATE_UNKNOWN" });
    expect(fails("create_pipeline", { name: "bad name!", template: "source-build-test-deploy" })).toMatchObject({ code: "E_NAME_INVALID" });
  });

  test("imports get-pipeline output: metadata is read and dropped, configuration values become strings", () => {
    const result = run("import_pipeline", { text: CODEPIPELINE, draft: false });
    expect(result.saved).toMatchObject({ name: "from-aws", version: 1, valid: true });
    expect(result.diagnostics.map((d) => d.path)).not.toContain("/metadata");
    const detail = run("get_pipeline", { name: "from-aws" });
    expect(detail.document.pipeline.stages[0]?.actions[0]?.configuration?.PollForSourceChanges).toBe("false");
    expect(JSON.stringify(detail.document)).not.toContain("metadata");
  });

  test("imports a bare declaration in YAML, under another name when asked", () => {
    const text = `name: bare\nstages:\n  - name: A\n    actions:\n      - name: a\n        actionTypeId: {category: Source, owner: Custom, provider: Directory, version: "1"}\n        configuration: {Path: /x}\n        outputArtifacts: [{name: X}]\n  - name: B\n    actions:\n      - name: b\n        actionTypeId: {category: Deploy, owner: Custom, provider: Directory, version: "1"}\n        configuration: {TargetPath: /y}\n        inputArtifacts: [{name: X}]\n`;
    const result = run("import_pipeline", { text, name: "renamed", draft: false });
    expect(result.saved?.name).toBe("renamed");
  });

  test("an existing name gets a new version", () => {
    const text = JSON.stringify(webApp());
    const result = run("import_pipeline", { text, draft: false });
    expect(result.saved).toMatchObject({ name: "web-app", version: 4 });
  });

  test("invalid text saves nothing unless it is a draft", () => {
    const broken = "pipeline:\n  name: broken\n  stages:\n    - name: Only\n      actions: []\n";
    const refused = run("import_pipeline", { text: broken, draft: false });
    expect(refused.saved).toBeUndefined();
    expect(refused.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(["E_TOO_FEW_STAGES", "E_STAGE_EMPTY"]));
    expect(run("list_pipelines", null).map((p) => p.name)).not.toContain("broken");

    const draft = run("import_pipeline", { text: broken, draft: true });
    expect(draft.saved).toMatchObject({ name: "broken", valid: false });
  });

  test("unparsable text gives E_SYNTAX with a position and no document, even as a draft", () => {
    const result = run("import_pipeline", { text: '{"pipeline": {"name": "x",', draft: true });
    expect(result.saved).toBeUndefined();
    expect(result.diagnostics[0]).toMatchObject({ code: "E_SYNTAX", severity: "error" });
    expect(result.diagnostics[0]?.message).toMatch(/line \d+/);
    expect(run("import_pipeline", { text: "  ", draft: true }).diagnostics[0]?.code).toBe("E_EMPTY");
    expect(run("import_pipeline", { text: "just: a map", draft: true }).diagnostics[0]?.code).toBe("E_NO_PIPELINE");
  });

  test("validate_text: parse errors, too few stages, undefined artifacts", () => {
    expect(run("validate_text", { text: JSON.stringify(webApp()) }).valid).toBe(true);
    const doc = webApp();
    doc.pipeline.stages[1]?.actions[0]?.inputArtifacts?.push({ name: "Nowhere" });
    const result = run("validate_text", { text: JSON.stringify(doc) });
    expect(result.valid).toBe(false);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: "E_ARTIFACT_UNDEFINED", path: "/stages/1/actions/0/inputArtifacts/1" }));
    // Produced later in the same stage does not count.
    const late = webApp();
    late.pipeline.stages[1]?.actions[0]?.inputArtifacts?.push({ name: "PackageOutput" });
    expect(run("validate_text", { text: JSON.stringify(late) }).valid).toBe(false);
  });

  test("export: YAML and JSON keep local settings, CodePipeline JSON strips them and warns", () => {
    const yaml = run("export_pipeline", { name: "web-app", format: "yaml" });
    expect(yaml.fileName).toBe("web-app.yaml");
    expect(yaml.text).toContain("pipewright:");
    expect(parseYaml(yaml.text)).toMatchObject({ pipeline: { name: "web-app" } });

    const cp = run("export_pipeline", { name: "web-app", format: "codepipeline" });
    expect(cp.fileName).toBe("web-app.codepipeline.json");
    expect(cp.text).not.toMatch(/"pipewright"\s*:/);
    const parsed = JSON.parse(cp.text) as { pipeline: { roleArn: string; artifactStore: unknown } };
    expect(parsed.pipeline.roleArn).toBeTruthy();
    expect(parsed.pipeline.artifactStore).toBeTruthy();
    expect(cp.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(["W_PLACEHOLDER", "W_EXPORT_LOCAL_PROVIDER"]));
  });

  test("export for CodePipeline refuses an invalid version", () => {
    expect(fails("export_pipeline", { name: "legacy-import", format: "codepipeline" })).toMatchObject({ code: "E_INVALID_PIPELINE" });
    expect(run("export_pipeline", { name: "legacy-import", format: "json" }).text).toContain("legacy-import");
  });

  test("delete removes the pipeline; deleting it again is E_NOT_FOUND", () => {
    expect(run("delete_pipeline", { name: "docs-site" })).toBeNull();
    expect(run("list_pipelines", null).map((p) => p.name)).not.toContain("docs-site");
    expect(fails("delete_pipeline", { name: "docs-site" })).toMatchObject({ code: "E_NOT_FOUND" });
  });

  test("read_import_file and save_export use the in-memory file system", () => {
    expect(run("read_import_file", { path: "/home/dev/pipelines/docs-site.yaml" })).toContain("docs-site");
    expect(fails("read_import_file", { path: "/nope.yaml" })).toMatchObject({ code: "E_READ_FILE" });
    run("save_export", { path: "/tmp/out.json", text: "{}" });
    expect(backend.files.get("/tmp/out.json")).toBe("{}");
  });

  test("failNext makes one call fail; unknown commands are refused", () => {
    backend.failNext("list_pipelines", { code: "E_INTERNAL", message: "disk on fire" });
    expect(fails("list_pipelines")).toEqual({ code: "E_INTERNAL", message: "disk on fire" });
    expect(run("list_pipelines", null)).toHaveLength(3);
    expect(fails("no_such_command")).toMatchObject({ code: "E_UNKNOWN_COMMAND" });
  });

  test("results are copies: changing one does not change the store", () => {
    const detail = run("get_pipeline", { name: "web-app" });
    detail.document.pipeline.stages.length = 0;
    expect(run("get_pipeline", { name: "web-app" }).document.pipeline.stages).toHaveLength(5);
  });

  test("the provider schema is the core's, and documents validate", () => {
    const container = run("list_providers", null).find((p) => p.provider === "Container");
    expect(container?.configuration.find((k) => k.name === "Image")?.required).toBe(true);
    const doc = run("get_pipeline", { name: "web-app" }).document;
    expect(run("validate_document", { document: doc })).toEqual([]);
    doc.pipeline.stages.length = 1;
    expect(run("validate_document", { document: doc }).length).toBeGreaterThan(0);
  });

  test("app_info and app_ready answer", () => {
    expect(run("app_info", null).version).toContain("mock");
    expect(run("app_ready", { listedPipelines: 3 })).toBeNull();
  });
});

describe("fake runs", () => {
  test("a run moves every stage to Succeeded through the watch channel, with logs", () => {
    vi.useFakeTimers();
    try {
      const { executionId } = run("run_pipeline", { name: "web-app", variables: [] });
      const seen: ExecutionView[] = [];
      backend.handle("watch_execution", { args: { executionId }, onEvent: { onmessage: (v: ExecutionView) => seen.push(v) } });
      expect(run("latest_execution", { name: "web-app" })?.executionId).toBe(executionId);
      vi.advanceTimersByTime(MOCK_RUN_MS + 50);
      expect(seen[0]?.status).toBe("InProgress");
      expect(seen[0]?.stages.every((s) => s.status === undefined)).toBe(true);
      expect(seen.some((v) => v.stages[0]?.status === "InProgress")).toBe(true);
      const last = seen[seen.length - 1];
      expect(last?.status).toBe("Succeeded");
      expect(last?.stages.every((s) => s.status === "Succeeded" && s.actions.every((a) => a.status === "Succeeded"))).toBe(true);
      const pages: LogPage[] = [];
      const args = { executionId, stageName: "Build", actionName: "Compile", offset: 0 };
      backend.handle("watch_action_log", { args, onEvent: { onmessage: (p: LogPage) => pages.push(p) } });
      vi.advanceTimersByTime(500);
      expect(pages.map((p) => p.text).join("")).toContain("Compile done");
      expect(pages[pages.length - 1]?.complete).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  test("an invalid version is refused; an unknown execution is not found", () => {
    expect(fails("run_pipeline", { name: "legacy-import", variables: [] })).toMatchObject({ code: "E_INVALID_PIPELINE" });
    expect(fails("get_execution", { executionId: "nope" })).toMatchObject({ code: "E_NOT_FOUND" });
    expect(run("latest_execution", { name: "docs-site" })).toBeNull();
  });
});
