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
import { askApprovals, decide, pendingOf } from "./approvals";
import { MockTransitions } from "./transitions";
import { defaultRerunStage, rerunRefusal, seedRerun } from "./rerun";
import { exportDocument, parsePipelineText } from "./formats";
import providersJson from "./providers.json";
import { docsSite, legacyImport, sourceBuildTestDeploy, TEMPLATES, webApp } from "./seed";
import { isValid, NAME_PATTERN, validateDocument } from "./validate";
import { finishStage, newRunView, startStage, type ArtifactRegistry, type PlantedFailure } from "./run";
import { fixtureLogText, isFixtureLog, watchFixtureLog } from "./logs";
import { GeneratedHistory, HistoryError, listPage, recordedViews, summaryOf } from "./history";
import { metricsOf } from "./metrics";
import { decidePause, endDebugging, isPauseDecision, keepFailedContainers, MockDebugSettings, pauseBefore, releaseOnStop, resumeStage } from "./debug";
import { MockTerminals } from "./terminal";

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
  /** The document of the version it runs. */
  document: PipelineDocument;
  view: ExecutionView;
  logs: Map<string, string>;
  watchers: ((view: ExecutionView) => void)[];
  /** Bumped when the run pauses for an approval: steps scheduled before are dropped. */
  generation?: number;
  /** The stage it waits before, at a disabled transition. */
  waitingAt?: number;
  /** The actions a paused stage runs once continued (a retry of failed actions); all when absent. */
  pausedOnly?: ReadonlySet<string>;
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
  /** Pipelines whose desktop notifications were turned off (`notifications.enabled.NAME`). */
  private notificationsOff = new Set<string>();
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
    this.notificationsOff.clear();
    this.artifacts.clear();
    this.plantedFailure = undefined;
    this.debug.clear();
    this.terminals.clear();
    this.generatedHistory = undefined;
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

  /** Executions `list_executions` generates on demand (benchmarks), beside the recorded ones. */
  private generatedHistory: GeneratedHistory | undefined;

  /** Records `count` ended executions of `name` (one an hour, the newest an hour ago), openable like runs. */
  addHistory(name: string, count: number): void {
    const { pipeline, stored } = this.version(name);
    const newest = this.now().getTime() - 3_600_000;
    for (const view of recordedViews(stored.document, stored.version, count, newest, this.nextExecution)) {
      this.executions.set(view.executionId, { pipeline: name, document: structuredClone(stored.document), view, logs: new Map(), watchers: [] });
    }
    this.nextExecution += count;
    pipeline.executionCount += count;
  }

  /** Makes `list_executions` also list `count` generated executions of the seeded pipelines. */
  generateHistory(count: number): void {
    this.generatedHistory = new GeneratedHistory(count, [...this.pipelines.keys()], this.now().getTime() - 60_000);
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

  /**
   * Whether runs wait at Manual approvals for decide_approval, as the engine does. Off by
   * default so that runs of the seeded pipelines (web-app has an approval) finish on their own.
   */
  holdApprovals = false;

  /** Disabled stage transitions. */
  readonly transitions = new MockTransitions();

  /** How long a fake run takes (tests that stop a run make it longer). */
  runMs = MOCK_RUN_MS;

  /** The files of each fake artifact revision, by digest. */
  private artifacts: ArtifactRegistry = new Map();
  /** Where the next run (or retry) fails, once. */
  plantedFailure: PlantedFailure | undefined;
  /** "Pause before" points and keeping failed containers, per pipeline. */
  readonly debug = new MockDebugSettings();
  /** Terminals open into kept containers. */
  readonly terminals = new MockTerminals();

  /** Retention removed every artifact: their files are gone (the views keep their digests). */
  forgetArtifacts(): void {
    this.artifacts.clear();
  }

  /**
   * Moves a fake run on from stage `from`: each stage InProgress, then Succeeded (or Failed at
   * a planted failure, which ends the run), over `runMs`. `only` limits the first stage to
   * some actions (a retry of failed actions). `resumed`: the first stage was paused before some
   * of its actions and has been continued (its other actions start now).
   */
  private startRun(id: string, from = 0, only?: ReadonlySet<string>, resumed = false): void {
    const e = this.execution(id);
    const failure = this.plantedFailure;
    this.plantedFailure = undefined;
    const steps: (() => boolean)[] = [];
    const now = () => this.now().toISOString();
    e.view.stages.forEach((_, index) => {
      if (index < from) return;
      steps.push(() => {
        const stageName = e.view.stages[index]?.stageName ?? "";
        if (index > 0 && e.view.stages[index]?.status === undefined && this.transitions.isDisabled(e.pipeline, stageName)) {
          // It waits before the stage until set_transition enables it.
          e.waitingAt = index;
          e.generation = generation + 1;
          return true;
        }
        const scope = index === from ? only : undefined;
        if (index === from && resumed) {
          resumeStage(e.view, index, now(), e.logs, scope);
          return true;
        }
        if (pauseBefore(e.view, index, (action) => this.debug.isPaused(e.pipeline, stageName, action), now(), e.logs, scope)) {
          // It waits at the pause until decide_approval continues it.
          e.pausedOnly = scope;
          e.generation = generation + 1;
          return true;
        }
        startStage(e.view, index, now(), e.logs, scope);
        return true;
      });
      steps.push(() => {
        const ok = finishStage(e.view, e.document, index, now(), e.logs, this.artifacts, failure);
        if (!ok && this.debug.keeps(e.pipeline) && keepFailedContainers(e.view, e.document, index, now())) {
          // It holds with the failed container kept until debugging ends.
          e.generation = generation + 1;
          return true;
        }
        if (ok && this.holdApprovals && askApprovals(e.view, e.document, index, now())) {
          // It waits for a decision: decide_approval moves it on.
          const stage = e.view.stages[index];
          if (stage) {
            stage.status = "InProgress";
            delete stage.endTime;
          }
          e.generation = generation + 1;
        }
        return ok;
      });
    });
    steps.push(() => {
      e.view.status = "Succeeded";
      return true;
    });
    const every = this.runMs / steps.length;
    const generation = e.generation ?? 0;
    steps.forEach((step, i) => {
      setTimeout(() => {
        if (this.executions.get(id) !== e || e.view.status !== "InProgress" || (e.generation ?? 0) !== generation) return;
        if (!step()) e.view.status = "Failed";
        e.view.lastUpdateTime = now();
        for (const w of e.watchers) w(structuredClone(e.view));
        if (e.view.status !== "InProgress") e.watchers = [];
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
      releaseOnStop(e.view, this.now().toISOString());
      this.terminals.endAction(e.view.executionId);
      for (const stage of e.view.stages) {
        if (stage.status !== "InProgress") continue;
        stage.status = "Stopped";
        stage.endTime = this.now().toISOString();
        for (const a of stage.actions) {
          if (a.status !== "InProgress") continue;
          a.status = abandon ? "Abandoned" : "Succeeded";
          a.lastStatusChange = this.now().toISOString();
          a.endTime = a.lastStatusChange;
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
      if (isFixtureLog(args.executionId)) return watchFixtureLog(args, send);
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
    open_terminal: ({ sessionId, executionId, stageName, actionName, cols, rows }, send) => {
      const e = this.execution(executionId);
      const a = e.view.stages.find((s) => s.stageName === stageName)?.actions.find((x) => x.actionName === actionName);
      if (a?.debugContainerId === undefined) {
        throw new CommandError(
          "E_NO_CONTAINER",
          `\`${stageName}/${actionName}\` of execution ${executionId} has no kept container: turn on Keep failed containers and run it again`,
        );
      }
      if (this.terminals.has(sessionId)) throw new CommandError("E_EXISTS", `terminal session ${sessionId} is already open`);
      this.terminals.open(sessionId, { executionId, stageName, actionName }, { cols, rows }, send);
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
    save_action_log: ({ executionId, stageName, actionName, path }) => {
      const text = isFixtureLog(executionId) ? fixtureLogText(executionId) : this.execution(executionId).logs.get(`${stageName}/${actionName}`);
      if (text === undefined) throw new CommandError("E_NOT_FOUND", `${stageName}/${actionName} did not run in execution ${executionId}`);
      this.files.set(path, text);
      return { path, bytes: new TextEncoder().encode(text).length };
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
        document: structuredClone(stored.document),
        logs: new Map(),
        watchers: [],
        view: newRunView(executionId, stored.document, stored.version, variables, now, this.nextExecution),
      });
      pipeline.executionCount += 1;
      this.startRun(executionId);
      return { executionId };
    },
    rerun_execution: ({ executionId, fromStage }) => {
      const old = this.execution(executionId);
      const stages = old.document.pipeline.stages;
      const from =
        fromStage === undefined
          ? defaultRerunStage(old.view, (i) => (stages[i]?.actions ?? []).every((a) => a.actionTypeId.category === "Source"))
          : stages.findIndex((st) => st.name === fromStage);
      if (from < 0) {
        throw new CommandError("E_STAGE_UNKNOWN", `version ${old.view.pipelineVersion ?? ""} of \`${old.pipeline}\` has no stage \`${fromStage ?? ""}\` (its stages: ${stages.map((st) => st.name).join(", ")})`);
      }
      const refusal = rerunRefusal(old.view, from);
      if (refusal) throw new CommandError("E_INVALID_TRANSITION", refusal);
      const now = this.now().toISOString();
      const newId = `00000000-0000-4000-8000-${String(this.nextExecution++).padStart(12, "0")}`;
      const view = newRunView(newId, old.document, old.view.pipelineVersion ?? 1, [], now, this.nextExecution);
      seedRerun(view, old.view, from);
      this.executions.set(newId, { pipeline: old.pipeline, document: structuredClone(old.document), logs: new Map(old.logs), watchers: [], view });
      this.require(old.pipeline).executionCount += 1;
      this.startRun(newId, from);
      return { executionId: newId };
    },
    latest_execution: ({ name }) => {
      this.require(name);
      const mine = [...this.executions.values()].filter((e) => e.pipeline === name);
      const last = mine[mine.length - 1];
      return last ? last.view : null;
    },
    get_execution: ({ executionId }) => this.execution(executionId).view,
    decide_approval: ({ executionId, stageName, actionName, approve, comment }) => {
      const e = this.execution(executionId);
      const now = this.now().toISOString();
      const pause = isPauseDecision(e.view, stageName, actionName);
      const result = pause ? decidePause(e.view, stageName, actionName, approve, comment, now) : decide(e.view, stageName, actionName, approve, comment, now);
      if (result !== null && typeof result === "object" && "error" in result) throw new CommandError("E_INVALID_TRANSITION", result.error);
      if (pause) this.terminals.endAction(executionId, stageName, actionName);
      e.view.lastUpdateTime = now;
      for (const w of e.watchers) w(structuredClone(e.view));
      if (result === "failed") e.watchers = [];
      else if (result !== null && "resume" in result) this.startRun(executionId, result.resume, e.pausedOnly, true);
      else if (result !== null) this.startRun(executionId, result.next);
      return null;
    },
    pending_approvals: () => pendingOf(this.executions.values()),
    list_transitions: ({ name }) => {
      this.require(name);
      return this.transitions.list(name);
    },
    set_transition: ({ name, stageName, enabled, reason }) => {
      const { stored } = this.version(name);
      if (!enabled) {
        const stages = stored.document.pipeline.stages.map((st) => st.name);
        const error = this.transitions.disable(name, stages, stageName, reason, this.now().toISOString());
        if (error) throw new CommandError(stages.includes(stageName) ? "E_INVALID_INPUT" : "E_NOT_FOUND", error);
        return null;
      }
      this.transitions.enable(name, stageName);
      for (const [id, e] of this.executions) {
        if (e.pipeline !== name || e.waitingAt === undefined || e.view.stages[e.waitingAt]?.stageName !== stageName) continue;
        const at = e.waitingAt;
        delete e.waitingAt;
        this.startRun(id, at);
      }
      return null;
    },
    get_notifications: ({ name }) => {
      this.require(name);
      return !this.notificationsOff.has(name);
    },
    set_notifications: ({ name, enabled }) => {
      this.require(name);
      if (enabled) this.notificationsOff.delete(name);
      else this.notificationsOff.add(name);
      return null;
    },
    retry_stage: ({ executionId, stageName, allActions }) => {
      const e = this.execution(executionId);
      const index = e.view.stages.findIndex((s) => s.stageName === stageName);
      const stage = e.view.stages[index];
      if (!stage) throw new CommandError("E_STAGE_UNKNOWN", `execution ${executionId} has no stage ${stageName}`);
      if (e.view.status === "InProgress" || e.view.status === "Stopping" || (stage.status !== "Failed" && stage.status !== "Stopped")) {
        throw new CommandError("E_INVALID_TRANSITION", `stage ${stageName} is ${stage.status ?? "not started"} in a ${e.view.status} execution; only a Failed or Stopped stage can be retried`);
      }
      const only = allActions ? undefined : new Set(stage.actions.filter((a) => a.status !== "Succeeded").map((a) => a.actionName));
      e.view.status = "InProgress";
      e.view.lastUpdateTime = this.now().toISOString();
      // Steps still scheduled by the failed run must not move the retry on.
      e.generation = (e.generation ?? 0) + 1;
      this.startRun(executionId, index, only);
      return { executionId };
    },
    artifact_files: ({ digest }) => {
      const files = this.artifacts.get(digest);
      return files ? { available: true, files } : { available: false, files: [] };
    },
    open_artifact: ({ digest }) => {
      if (!this.artifacts.has(digest)) throw new CommandError("E_ARTIFACT_REMOVED", `artifact ${digest} is no longer kept: retention removed it`);
      return { path: `/tmp/pipewright-artifacts/${digest}`, opened: true };
    },
    list_executions: (args) => {
      if (args.pipeline !== undefined) this.require(args.pipeline);
      const rows = [...this.executions.values()].map((e) => summaryOf(e.view, e.pipeline));
      try {
        return listPage(rows, this.generatedHistory, args, this.now());
      } catch (e) {
        if (e instanceof HistoryError) throw new CommandError(e.code, e.message);
        throw e;
      }
    },
    get_debug_settings: ({ name }) => this.debug.settings(name, this.version(name).stored.document),
    set_pause_before: ({ pipelineName, stageName, actionName, paused }) => {
      const { stored } = this.version(pipelineName);
      const error = this.debug.setPause(pipelineName, stored.document, stageName, actionName, paused);
      if (error) throw new CommandError("E_NOT_FOUND", error);
      return this.debug.settings(pipelineName, stored.document);
    },
    set_keep_failed_containers: ({ pipelineName, keep }) => {
      const { stored } = this.version(pipelineName);
      this.debug.setKeep(pipelineName, keep);
      return this.debug.settings(pipelineName, stored.document);
    },
    terminal_input: ({ sessionId, data }) => {
      const error = this.terminals.input(sessionId, data);
      if (error) throw new CommandError("E_NOT_FOUND", error);
      return null;
    },
    terminal_resize: ({ sessionId, cols, rows }) => {
      const error = this.terminals.resize(sessionId, cols, rows);
      if (error) throw new CommandError("E_NOT_FOUND", error);
      return null;
    },
    close_terminal: ({ sessionId }) => {
      const at = this.terminals.close(sessionId);
      if (!at) throw new CommandError("E_NOT_FOUND", `there is no terminal session ${sessionId}`);
      // Closing the terminal ends debugging: the container goes, the execution moves on.
      const e = this.executions.get(at.executionId);
      const a = e?.view.stages.find((s) => s.stageName === at.stageName)?.actions.find((x) => x.actionName === at.actionName);
      if (!e || a?.debugContainerId === undefined) return null;
      const now = this.now().toISOString();
      const result = endDebugging(e.view, at.stageName, at.actionName, now, "terminal closed");
      if (result !== null && typeof result === "object") throw new CommandError("E_INVALID_TRANSITION", result.error);
      e.view.lastUpdateTime = now;
      for (const w of e.watchers) w(structuredClone(e.view));
      if (result === "failed") e.watchers = [];
      return null;
    },
    get_metrics: (args) => {
      if (args.pipeline !== undefined) this.require(args.pipeline);
      return metricsOf([...this.executions.values()], args, this.now());
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

