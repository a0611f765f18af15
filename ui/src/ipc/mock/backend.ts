// An in-memory stand-in for the Rust commands, so the UI runs in a plain browser (dev server,
// browser tests). Every command of the `Commands` contract is implemented here; the type of
// `handlers` makes a missing or mistyped one a compile error.
import { stringify as stringifyYaml } from "yaml";
import type {
  ActionDeclaration,
  ChannelCommands,
  ExecutionView,
  IpcError,
  LogPage,
  PipelineDocument,
  PipelineSummary,
  ProviderSchema,
  ReadLogArgs,
} from "../bindings";
import type { ArgsOf, CommandName, ResultOf } from "../client";
import { exportDocument, parsePipelineText } from "./formats";
import providersJson from "./providers.json";
import { docsSite, legacyImport, sourceBuildTestDeploy, TEMPLATES, webApp } from "./seed";
import { isValid, NAME_PATTERN, validateDocument } from "./validate";

interface StoredVersion {
  version: number;
  document: PipelineDocument;
  valid: boolean;
  created: string;
}

interface StoredPipeline {
  name: string;
  created: string;
  versions: StoredVersion[];
  executionCount: number;
}

export type Seed = "default" | "empty";

type Handlers = { [K in CommandName]: (args: ArgsOf<K>) => ResultOf<K> };
type ChannelHandlers = {
  [K in keyof ChannelCommands]: (args: ChannelCommands[K]["args"], send: (event: ChannelCommands[K]["event"]) => void) => void;
};

/** A fake run: its view, each action's log, and who watches it. */
interface MockExecution {
  pipeline: string;
  view: ExecutionView;
  logs: Map<string, string>;
  watchers: ((view: ExecutionView) => void)[];
}

const PROVIDERS = providersJson as ProviderSchema[];

/** How long a fake run takes, split evenly over its stages (start, then success). */
export const MOCK_RUN_MS = 1000;

class CommandError extends Error implements IpcError {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  toIpc(): IpcError {
    return { code: this.code, message: this.message };
  }
}

function latest(p: StoredPipeline): StoredVersion {
  const v = p.versions[p.versions.length - 1];
  if (!v) throw new CommandError("E_INTERNAL", `${p.name} has no versions`);
  return v;
}

export class MockBackend {
  private pipelines = new Map<string, StoredPipeline>();
  /** Files the fake file system holds: read by `read_import_file`, written by `save_export`. */
  readonly files = new Map<string, string>();
  private failures = new Map<string, IpcError>();
  private executions = new Map<string, MockExecution>();
  private nextExecution = 1;
  /** Names of the commands called, in order (for tests). */
  readonly calls: string[] = [];

  constructor(
    seed: Seed = "default",
    private readonly now: () => Date = () => new Date(),
  ) {
    this.reset(seed);
  }

  reset(seed: Seed = "default"): void {
    this.pipelines.clear();
    this.files.clear();
    this.failures.clear();
    this.executions.clear();
    this.calls.length = 0;
    this.runMs = MOCK_RUN_MS;
    if (seed === "empty") return;
    const hoursAgo = (h: number) => new Date(this.now().getTime() - h * 3600_000).toISOString();
    this.seedPipeline(webApp(), true, [hoursAgo(24 * 9), hoursAgo(24 * 2), hoursAgo(3)], 3);
    this.seedPipeline(legacyImport(), false, [hoursAgo(24 * 30)], 0);
    this.seedPipeline(docsSite(), true, [hoursAgo(24 * 60), hoursAgo(24 * 5)], 12);
    this.files.set("/home/dev/pipelines/docs-site.yaml", stringifyYaml(docsSite()));
  }

  private seedPipeline(doc: PipelineDocument, valid: boolean, times: string[], executions: number): void {
    const name = doc.pipeline.name;
    const stored: StoredPipeline = { name, created: times[0] ?? this.now().toISOString(), versions: [], executionCount: executions };
    times.forEach((created, i) => {
      const document = structuredClone(doc);
      document.pipeline.version = i + 1;
      stored.versions.push({ version: i + 1, document, valid, created });
    });
    this.pipelines.set(name, stored);
  }

  /**
   * Adds a generated, valid pipeline (benchmarks, zoom tests): a Source stage of Directory
   * actions, then Container actions; each stage's actions run in groups of 4 in parallel
   * (run orders 1, 2, …). Every Container action reads the first source's artifact.
   */
  addGenerated(name: string, stages: number, actionsPerStage: number): PipelineSummary {
    const doc: PipelineDocument = {
      pipeline: {
        name,
        pipelineType: "V2",
        executionMode: "QUEUED",
        stages: Array.from({ length: Math.max(2, stages) }, (_, s) => ({
          name: s === 0 ? "Source" : `Stage${s}`,
          actions: Array.from({ length: Math.max(1, actionsPerStage) }, (_, a): ActionDeclaration => {
            const runOrder = Math.floor(a / 4) + 1;
            const actionName = s === 0 ? `Src${a}` : `S${s}A${a}`;
            return s === 0
              ? {
                  name: actionName,
                  actionTypeId: { category: "Source", owner: "Custom", provider: "Directory", version: "1" },
                  runOrder,
                  configuration: { Path: `/home/dev/src/${name}/${a}` },
                  outputArtifacts: [{ name: `Src${a}Output` }],
                }
              : {
                  name: actionName,
                  actionTypeId: { category: "Build", owner: "Custom", provider: "Container", version: "1" },
                  runOrder,
                  configuration: { Image: "busybox:stable" },
                  commands: [`echo ${actionName}`],
                  inputArtifacts: [{ name: "Src0Output" }],
                };
          }),
        })),
      },
    };
    return this.save(doc, isValid(validateDocument(doc)));
  }

  /** The next call of `cmd` fails with `error` (tests use this to reach error paths). */
  failNext(cmd: string, error: IpcError): void {
    this.failures.set(cmd, error);
  }

  setExecutionCount(name: string, count: number): void {
    this.require(name).executionCount = count;
  }

  private require(name: string): StoredPipeline {
    const p = this.pipelines.get(name);
    if (!p) throw new CommandError("E_NOT_FOUND", `there is no pipeline named ${name}`);
    return p;
  }

  private version(name: string, version?: number): { pipeline: StoredPipeline; stored: StoredVersion } {
    const pipeline = this.require(name);
    const stored = version === undefined ? latest(pipeline) : pipeline.versions.find((v) => v.version === version);
    if (!stored) throw new CommandError("E_NOT_FOUND", `${name} has no version ${version}`);
    return { pipeline, stored };
  }

  private summary(p: StoredPipeline, v: StoredVersion = latest(p)): PipelineSummary {
    const decl = v.document.pipeline;
    return {
      name: p.name,
      version: v.version,
      pipelineType: decl.pipelineType ?? "V1",
      executionMode: decl.executionMode ?? "SUPERSEDED",
      created: p.created,
      updated: v.created,
      valid: v.valid,
      stageCount: decl.stages.length,
      actionCount: decl.stages.reduce((n, s) => n + s.actions.length, 0),
      executionCount: p.executionCount,
    };
  }

  /** Saves a new version: of an existing pipeline, or of a new one. */
  /** Saves the latest version again as a new one, as another window or the CLI would (tests: conflicts). */
  saveElsewhere(name: string): PipelineSummary {
    const stored = latest(this.require(name));
    return this.save(stored.document, stored.valid);
  }

  /** The latest saved document of a pipeline (tests check what a save stored). */
  latestDocument(name: string): { version: number; valid: boolean; document: PipelineDocument } | undefined {
    const p = this.pipelines.get(name);
    if (!p) return undefined;
    const v = latest(p);
    return structuredClone({ version: v.version, valid: v.valid, document: v.document });
  }

  private save(doc: PipelineDocument, valid: boolean): PipelineSummary {
    const name = doc.pipeline.name;
    const now = this.now().toISOString();
    let p = this.pipelines.get(name);
    if (!p) {
      p = { name, created: now, versions: [], executionCount: 0 };
      this.pipelines.set(name, p);
    }
    const version = (p.versions[p.versions.length - 1]?.version ?? 0) + 1;
    const document = structuredClone(doc);
    document.pipeline.version = version;
    const stored = { version, document, valid, created: now };
    p.versions.push(stored);
    return this.summary(p, stored);
  }

  private execution(id: string): MockExecution {
    const e = this.executions.get(id);
    if (!e) throw new CommandError("E_NOT_FOUND", `there is no execution ${id}`);
    return e;
  }

  /** The last run_pipeline call's pipeline and variable overrides (tests check the Run dialog). */
  lastRun: { name: string; variables: { name: string; value: string }[] } | undefined;

  /** How long a fake run takes (tests that stop a run make it longer). */
  runMs = MOCK_RUN_MS;

  /** Moves a fake run on: each stage InProgress, then Succeeded, over `runMs`. */
  private startRun(id: string): void {
    const e = this.execution(id);
    const steps: (() => void)[] = [];
    for (const stage of e.view.stages) {
      steps.push(() => {
        stage.status = "InProgress";
        for (const a of stage.actions) {
          a.status = "InProgress";
          a.lastStatusChange = this.now().toISOString();
          e.logs.set(`${stage.stageName}/${a.actionName}`, `[stdout] running ${a.actionName}\n`);
        }
      });
      steps.push(() => {
        stage.status = "Succeeded";
        for (const a of stage.actions) {
          a.status = "Succeeded";
          a.summary = "exit code 0";
          a.lastStatusChange = this.now().toISOString();
          const key = `${stage.stageName}/${a.actionName}`;
          e.logs.set(key, `${e.logs.get(key) ?? ""}[stdout] ${a.actionName} done\n`);
        }
      });
    }
    steps.push(() => {
      e.view.status = "Succeeded";
    });
    const every = this.runMs / steps.length;
    steps.forEach((step, i) => {
      setTimeout(() => {
        if (this.executions.get(id) !== e || e.view.status !== "InProgress") return;
        step();
        e.view.lastUpdateTime = this.now().toISOString();
        for (const w of e.watchers) w(structuredClone(e.view));
      }, every * (i + 1));
    });
  }

  /** Stop: Stopping at once, then Stopped with running actions finished or abandoned. */
  private stopRun(e: MockExecution, abandon: boolean): void {
    const notify = () => {
      e.view.lastUpdateTime = this.now().toISOString();
      for (const w of e.watchers) w(structuredClone(e.view));
    };
    e.view.status = "Stopping";
    notify();
    setTimeout(() => {
      for (const stage of e.view.stages) {
        if (stage.status !== "InProgress") continue;
        stage.status = "Stopped";
        for (const a of stage.actions) {
          if (a.status !== "InProgress") continue;
          a.status = abandon ? "Abandoned" : "Succeeded";
          a.lastStatusChange = this.now().toISOString();
        }
      }
      e.view.status = "Stopped";
      notify();
      e.watchers = [];
    }, abandon ? 50 : this.runMs / 4);
  }

  /** The part of an action's log from `offset` on, as `watch_action_log` streams it. */
  private logPage({ executionId, stageName, actionName, offset }: ReadLogArgs): LogPage {
    const e = this.execution(executionId);
    const text = e.logs.get(`${stageName}/${actionName}`) ?? "";
    const action = e.view.stages.find((s) => s.stageName === stageName)?.actions.find((a) => a.actionName === actionName);
    const ended = action?.status !== undefined ? action.status !== "InProgress" : e.view.status !== "InProgress";
    const rest = text.slice(offset);
    return { text: rest, nextOffset: text.length, complete: ended && rest === "" };
  }

  readonly channelHandlers: ChannelHandlers = {
    watch_execution: ({ executionId }, send) => {
      const e = this.execution(executionId);
      send(structuredClone(e.view));
      if (e.view.status === "InProgress" || e.view.status === "Stopping") e.watchers.push(send);
    },
    watch_action_log: (args, send) => {
      this.execution(args.executionId);
      let offset = args.offset;
      const tick = () => {
        const page = this.logPage({ ...args, offset });
        offset = page.nextOffset;
        if (page.text !== "" || page.complete) send(page);
        if (!page.complete) setTimeout(tick, 100);
      };
      tick();
    },
  };

  readonly handlers: Handlers = {
    app_info: () => ({ version: "0.1.0 (browser mock)", dataDir: "(in memory)" }),
    app_ready: () => null,
    list_pipelines: () =>
      [...this.pipelines.values()].map((p) => this.summary(p)).sort((a, b) => a.name.localeCompare(b.name)),
    get_pipeline: ({ name, version }) => {
      const { pipeline, stored } = this.version(name, version);
      return {
        summary: this.summary(pipeline, stored),
        document: structuredClone(stored.document),
        yaml: stringifyYaml(stored.document, { lineWidth: 0 }),
        diagnostics: validateDocument(stored.document),
      };
    },
    list_templates: () => structuredClone(TEMPLATES),
    create_pipeline: ({ name, template }) => {
      if (!TEMPLATES.some((t) => t.id === template)) {
        throw new CommandError("E_TEMPLATE_UNKNOWN", `there is no template \`${template}\``);
      }
      if (!NAME_PATTERN.test(name)) {
        throw new CommandError("E_NAME_INVALID", "a pipeline name has 1–100 letters, digits and . @ - _");
      }
      if (this.pipelines.has(name)) {
        throw new CommandError("E_EXISTS", `a pipeline named ${name} already exists; pick another name`);
      }
      const doc = sourceBuildTestDeploy(name);
      return this.save(doc, isValid(validateDocument(doc)));
    },
    create_environment_set: ({ name, template, environments }) => {
      const names = environments.map((env) => `${name}-${env.trim()}`);
      const taken = names.filter((n) => this.pipelines.has(n));
      if (taken.length > 0) throw new CommandError("E_EXISTS", `${taken.join(", ")} already exist; choose another name`);
      return environments.map((env) => {
        const created = this.handlers.create_pipeline({ name: `${name}-${env.trim()}`, template });
        const { stored } = this.version(created.name);
        const doc = structuredClone(stored.document);
        doc.pipeline.pipelineType = "V2";
        doc.pipeline.variables = [{ name: "environment", defaultValue: env.trim() }];
        stored.document = doc;
        return created;
      });
    },
    duplicate_pipeline: ({ name, newName, variables }) => {
      if (this.pipelines.has(newName)) throw new CommandError("E_EXISTS", `a pipeline named ${newName} already exists; pick another name`);
      const doc = structuredClone(this.version(name).stored.document);
      doc.pipeline.name = newName;
      for (const v of variables) {
        const declared = (doc.pipeline.variables ??= []);
        const found = declared.find((d) => d.name === v.name);
        if (found) found.defaultValue = v.value;
        else declared.push({ name: v.name, defaultValue: v.value });
        doc.pipeline.pipelineType = "V2";
      }
      return this.save(doc, isValid(validateDocument(doc)));
    },
    import_pipeline: ({ text, name, draft }) => {
      const outcome = parsePipelineText(text);
      const diagnostics = outcome.diagnostics;
      const doc = outcome.document;
      if (!doc) return { diagnostics };
      if (name !== undefined && name.trim() !== "") doc.pipeline.name = name.trim();
      diagnostics.push(...validateDocument(doc));
      const valid = isValid(diagnostics);
      if (!valid && !draft) return { diagnostics };
      return { saved: this.save(doc, valid), diagnostics };
    },
    read_import_file: ({ path }) => {
      const text = this.files.get(path);
      if (text === undefined) throw new CommandError("E_READ_FILE", `cannot read ${path}: no such file`);
      return text;
    },
    export_pipeline: ({ name, format, version }) => {
      const { stored } = this.version(name, version);
      if (format === "codepipeline" && !stored.valid) {
        const first = validateDocument(stored.document).find((d) => d.severity === "error");
        const why = first ? ` (${first.code}: ${first.message})` : "";
        throw new CommandError(
          "E_INVALID_PIPELINE",
          `version ${stored.version} of ${name} is invalid and cannot be exported for CodePipeline${why}; fix it first`,
        );
      }
      const { text, diagnostics } = exportDocument(stored.document, format);
      const ext = format === "yaml" ? "yaml" : format === "json" ? "json" : "codepipeline.json";
      return { text, fileName: `${name}.${ext}`, diagnostics };
    },
    export_document: ({ document, format }) => {
      const name = document.pipeline.name;
      if (format === "codepipeline") {
        const errors = validateDocument(document).filter((d) => d.severity === "error");
        const first = errors[0];
        if (first) {
          throw new CommandError(
            "E_INVALID_PIPELINE",
            `${name} has ${errors.length} error${errors.length === 1 ? "" : "s"} and cannot be exported for CodePipeline (${first.code}: ${first.message}); fix it first`,
          );
        }
      }
      const { text, diagnostics } = exportDocument(document, format);
      const ext = format === "yaml" ? "yaml" : format === "json" ? "json" : "codepipeline.json";
      return { text, fileName: `${name}.${ext}`, diagnostics };
    },
    save_export: ({ path, text }) => {
      this.files.set(path, text);
      return null;
    },
    delete_pipeline: ({ name }) => {
      this.require(name);
      this.pipelines.delete(name);
      return null;
    },
    validate_text: ({ text }) => {
      const outcome = parsePipelineText(text);
      const diagnostics = [...outcome.diagnostics];
      if (outcome.document) diagnostics.push(...validateDocument(outcome.document));
      return { valid: outcome.document !== undefined && isValid(diagnostics), diagnostics };
    },
    validate_document: ({ document }) => validateDocument(document),
    // Generated from the core's schema (crates/core/tests/bindings.rs keeps it current).
    list_providers: () => structuredClone(PROVIDERS),
    save_pipeline: ({ document, baseVersion }) => {
      const name = document.pipeline.name;
      const existing = this.pipelines.get(name);
      const newest = existing ? latest(existing).version : undefined;
      if (baseVersion === undefined && existing) {
        throw new CommandError("E_EXISTS", `a pipeline named ${name} already exists`);
      }
      if (baseVersion !== undefined && newest !== baseVersion) {
        throw new CommandError(
          "E_CONFLICT",
          `${name} changed since version ${baseVersion} was opened (the latest is version ${newest ?? "none"}); reload it or save yours as a new version`,
        );
      }
      const diagnostics = validateDocument(document);
      return { saved: this.save(document, isValid(diagnostics)), diagnostics };
    },
    list_versions: ({ name }) =>
      [...this.require(name).versions].reverse().map((v, i, all) => ({
        version: v.version,
        created: v.created,
        valid: v.valid,
        // The mock does not diff documents (the Rust core does): it only says which saved.
        summary: i === all.length - 1 ? "Created" : "Edited",
      })),
    diff_versions: ({ name, from, to }) => {
      this.version(name, from);
      this.version(name, to);
      return { changes: [], summary: "No changes (the browser mock does not diff)" };
    },
    restore_version: ({ name, version }) => {
      const { stored } = this.version(name, version);
      return this.save(stored.document, stored.valid);
    },
    stop_execution: ({ executionId, abandon }) => {
      const e = this.execution(executionId);
      if (e.view.status !== "InProgress") {
        throw new CommandError("E_NOT_RUNNING", `execution ${executionId} is ${e.view.status}, not running; only running executions can be stopped`);
      }
      this.stopRun(e, abandon);
      return null;
    },
    run_pipeline: ({ name, variables }) => {
      this.lastRun = { name, variables: structuredClone(variables) };
      const { pipeline, stored } = this.version(name);
      if (!stored.valid) {
        throw new CommandError("E_INVALID_PIPELINE", `version ${stored.version} of ${name} is invalid; fix it before running`);
      }
      const now = this.now().toISOString();
      const executionId = `00000000-0000-4000-8000-${String(this.nextExecution++).padStart(12, "0")}`;
      this.executions.set(executionId, {
        pipeline: name,
        logs: new Map(),
        watchers: [],
        view: {
          executionId,
          status: "InProgress",
          startTime: now,
          lastUpdateTime: now,
          stages: stored.document.pipeline.stages.map((s) => ({
            stageName: s.name,
            actions: s.actions.map((a) => ({ actionName: a.name })),
          })),
        },
      });
      pipeline.executionCount += 1;
      this.startRun(executionId);
      return { executionId };
    },
    latest_execution: ({ name }) => {
      this.require(name);
      const mine = [...this.executions.values()].filter((e) => e.pipeline === name);
      const last = mine[mine.length - 1];
      return last ? last.view : null;
    },
    get_execution: ({ executionId }) => this.execution(executionId).view,
    decide_approval: () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw { code: "E_UNSUPPORTED", message: "approvals are not wired yet" };
    },
    pending_approvals: () => [],
    retry_stage: () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw { code: "E_UNSUPPORTED", message: "retry is not in the mock yet" };
    },
    artifact_files: () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw { code: "E_UNSUPPORTED", message: "artifact files are not in the mock yet" };
    },
    get_metrics: () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw { code: "E_UNSUPPORTED", message: "metrics are not in the mock yet" };
    },
  };

  /**
   * Handles one IPC request as Tauri would deliver it: `payload` is `{ args }` or nothing.
   * Failures are thrown as plain `{code, message}` objects, like Rust's `IpcError`.
   */
  handle(cmd: string, payload?: unknown): unknown {
    this.calls.push(cmd);
    const failure = this.failures.get(cmd);
    if (failure) {
      this.failures.delete(cmd);
      // Rust errors arrive as plain `{code, message}` objects, not Error instances.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw failure;
    }
    if (cmd in this.channelHandlers) {
      const { args, onEvent } = (payload ?? {}) as { args?: unknown; onEvent?: { onmessage: (v: unknown) => void } };
      const handler = this.channelHandlers[cmd as keyof ChannelCommands] as (a: unknown, send: (v: unknown) => void) => void;
      const send = (v: unknown) => onEvent?.onmessage(structuredClone(v));
      try {
        // Like Rust's thread: values arrive after the command has returned.
        handler(args ?? null, (v) => setTimeout(() => send(v), 0));
        return null;
      } catch (e) {
        // eslint-disable-next-line @typescript-eslint/only-throw-error
        if (e instanceof CommandError) throw e.toIpc();
        throw e;
      }
    }
    if (!(cmd in this.handlers)) {
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw { code: "E_UNKNOWN_COMMAND", message: `the mock backend has no command ${cmd}` } satisfies IpcError;
    }
    const args = (payload as { args?: unknown } | undefined)?.args ?? null;
    const handler = this.handlers[cmd as CommandName] as (args: unknown) => unknown;
    try {
      // Results cross IPC as JSON: hand out copies, never the backend's own objects.
      return structuredClone(handler(args));
    } catch (e) {
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      if (e instanceof CommandError) throw e.toIpc();
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw { code: "E_INTERNAL", message: e instanceof Error ? e.message : String(e) } satisfies IpcError;
    }
  }
}

