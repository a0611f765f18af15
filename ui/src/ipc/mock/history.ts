// The browser mock's `list_executions`: the same filters and keyset pages as the store
// (crates/store/src/execution/history.rs), over the mock's runs, recorded executions a test
// adds, and a generated source of any size (benchmarks: 100,000 executions, built per row only
// when it matches).
import type { ExecutionPage, ExecutionSummaryView, ExecutionView, ListExecutionsArgs, PipelineDocument } from "../bindings";

export class HistoryError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const STATUSES = ["Cancelled", "InProgress", "Stopped", "Stopping", "Succeeded", "Superseded", "Failed"];
const KINDS: Record<string, string[]> = {
  manual: ["StartPipelineExecution", "CreatePipeline"],
  source: ["PollForSourceChanges", "PutActionRevision"],
  webhook: ["Webhook", "WebhookV2"],
  schedule: ["CloudWatchEvent"],
  pipeline: ["StartPipelineExecution"],
  rollback: ["ManualRollback", "AutomatedRollback"],
};
const PIPELINE_PREFIX = "pipeline/";

/** The store's TriggerKind of a trigger: `manual`, `source`, … or `other`. */
export function triggerKindOf(type: string, detail: string | undefined): string {
  if (type === "StartPipelineExecution" && detail?.startsWith(PIPELINE_PREFIX)) return "pipeline";
  return Object.entries(KINDS).find(([k, types]) => k !== "pipeline" && types.includes(type))?.[0] ?? "other";
}

/** A run's view as a History row; its branch is the source action's BranchName, as the store keeps it. */
export function summaryOf(view: ExecutionView, pipeline: string): ExecutionSummaryView {
  const running = view.status === "InProgress" || view.status === "Stopping";
  const trigger = view.trigger ?? { triggerType: "StartPipelineExecution" };
  const branch = view.stages
    .flatMap((s) => s.actions)
    .flatMap((a) => a.outputVariables ?? [])
    .find((v) => v.name === "BranchName")?.value;
  const row: ExecutionSummaryView = {
    executionId: view.executionId,
    pipelineName: view.pipelineName ?? pipeline,
    pipelineVersion: view.pipelineVersion ?? 1,
    status: view.status,
    trigger,
    triggerKind: triggerKindOf(trigger.triggerType, trigger.triggerDetail),
    sourceRevisions: view.sourceRevisions ?? [],
    variables: view.variables ?? [],
    startTime: view.startTime,
    lastUpdateTime: view.lastUpdateTime,
  };
  if (view.statusSummary !== undefined) row.statusSummary = view.statusSummary;
  if (branch !== undefined) row.branch = branch;
  if (!running) row.durationMs = Math.max(0, Date.parse(view.lastUpdateTime) - Date.parse(view.startTime));
  return row;
}

interface Filter {
  pipeline?: string;
  statuses: Set<string>;
  triggers: Set<string>;
  branch?: string;
  since?: string;
  until?: string;
  after?: { start: string; id: string };
}

function bound(text: string, upper: boolean, now: Date): string {
  const t = text.trim();
  const days = /^(\d+)d$/.exec(t);
  if (days) return new Date(now.getTime() - Number(days[1]) * 86_400_000).toISOString();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t) && !Number.isNaN(Date.parse(t))) return upper ? `${t}T24` : t;
  const ms = Date.parse(t);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(t) || Number.isNaN(ms)) {
    throw new HistoryError("E_INVALID_FILTER", `\`${t}\` is neither a number of days (7d), a date (2026-11-01) nor an RFC 3339 time`);
  }
  return new Date(ms).toISOString();
}

function encodeToken(start: string, id: string): string {
  return [...new TextEncoder().encode(`${start}\n${id}`)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function decodeToken(token: string): { start: string; id: string } {
  const invalid = new HistoryError("E_INVALID_TOKEN", "the next token is not one this listing handed out; list again without it");
  if (token.length % 2 !== 0 || !/^[0-9a-f]*$/.test(token)) throw invalid;
  const bytes = new Uint8Array(token.length / 2).map((_, i) => parseInt(token.slice(i * 2, i * 2 + 2), 16));
  const [start, id, ...rest] = new TextDecoder().decode(bytes).split("\n");
  if (!start || !id || rest.length > 0) throw invalid;
  return { start, id };
}

function parseFilter(args: ListExecutionsArgs, now: Date): Filter {
  const statuses = new Set<string>();
  for (const s of args.statuses ?? []) {
    const status = STATUSES.find((x) => x.toLowerCase() === s.trim().toLowerCase());
    if (!status) throw new HistoryError("E_INVALID_FILTER", `unknown status \`${s}\`: use one of ${STATUSES.join(", ")}`);
    statuses.add(status);
  }
  const triggers = new Set<string>();
  for (const t of args.triggers ?? []) {
    const kind = KINDS[t.trim().toLowerCase()] ? t.trim().toLowerCase() : triggerKindOf(t.trim(), undefined);
    if (kind === "other") throw new HistoryError("E_INVALID_FILTER", `unknown trigger \`${t}\`: use manual, source, webhook, schedule, pipeline or rollback`);
    triggers.add(kind);
  }
  const f: Filter = { statuses, triggers };
  if (args.pipeline?.trim()) f.pipeline = args.pipeline.trim();
  if (args.branch?.trim()) f.branch = args.branch.trim();
  if (args.since?.trim()) f.since = bound(args.since, false, now);
  if (args.until?.trim()) f.until = bound(args.until, true, now);
  if (f.since !== undefined && f.until !== undefined && f.since >= f.until) {
    throw new HistoryError("E_INVALID_FILTER", "the date range is empty: `since` must be before `until`");
  }
  if (args.nextToken) f.after = decodeToken(args.nextToken);
  return f;
}

/** Whether a row (or the parts of one a generated source knows cheaply) passes the filter. */
function passes(f: Filter, r: Pick<ExecutionSummaryView, "pipelineName" | "status" | "triggerKind" | "branch" | "startTime" | "executionId">): boolean {
  if (f.pipeline !== undefined && r.pipelineName !== f.pipeline) return false;
  if (f.statuses.size > 0 && !f.statuses.has(r.status)) return false;
  if (f.triggers.size > 0 && !f.triggers.has(r.triggerKind)) return false;
  if (f.branch !== undefined && r.branch !== f.branch) return false;
  if (f.since !== undefined && r.startTime < f.since) return false;
  if (f.until !== undefined && r.startTime >= f.until) return false;
  if (f.after && !(r.startTime < f.after.start || (r.startTime === f.after.start && r.executionId < f.after.id))) return false;
  return true;
}

const newestFirst = (a: ExecutionSummaryView, b: ExecutionSummaryView) =>
  a.startTime === b.startTime ? (a.executionId < b.executionId ? 1 : -1) : a.startTime < b.startTime ? 1 : -1;

/**
 * Executions generated on demand: row `i` (0 newest) of `count`, one every `everyMs` back from
 * `newest`, spread over `pipelines` with a fixed mix of statuses, triggers and branches.
 */
export class GeneratedHistory {
  constructor(
    readonly count: number,
    readonly pipelines: readonly string[],
    readonly newest: number,
    readonly everyMs = 5 * 60_000,
  ) {}

  private cheap(i: number) {
    const status = i % 11 === 3 ? "Failed" : i % 37 === 5 ? "Stopped" : i === 0 ? "InProgress" : "Succeeded";
    const triggerKind = ["manual", "source", "webhook", "schedule", "pipeline"][i % 5] ?? "manual";
    return {
      executionId: `${(this.count - i).toString(16).padStart(8, "0")}-0000-4000-8000-${String(i).padStart(12, "0")}`,
      pipelineName: this.pipelines[i % this.pipelines.length] ?? "pipeline",
      status,
      triggerKind,
      branch: i % 4 === 1 ? "develop" : "main",
      startTime: new Date(this.newest - i * this.everyMs).toISOString(),
    };
  }

  /** The first `limit + 1` matching rows from the top, in order. */
  matching(f: Filter, limit: number): ExecutionSummaryView[] {
    const out: ExecutionSummaryView[] = [];
    for (let i = 0; i < this.count && out.length <= limit; i++) {
      const c = this.cheap(i);
      if (passes(f, c)) out.push(this.full(i, c));
    }
    return out;
  }

  private full(i: number, c: ReturnType<GeneratedHistory["cheap"]>): ExecutionSummaryView {
    const type = { manual: "StartPipelineExecution", source: "PollForSourceChanges", webhook: "WebhookV2", schedule: "CloudWatchEvent", pipeline: "StartPipelineExecution" }[c.triggerKind] ?? "StartPipelineExecution";
    const detail = c.triggerKind === "pipeline" ? `pipeline/upstream/${i}` : c.triggerKind === "webhook" ? "push" : undefined;
    const durationMs = 30_000 + (i % 90) * 1000;
    const row: ExecutionSummaryView = {
      ...c,
      pipelineVersion: 1 + (i % 3),
      trigger: detail === undefined ? { triggerType: type } : { triggerType: type, triggerDetail: detail },
      sourceRevisions: [{ actionName: "Source", revisionId: (i * 2654435761).toString(16).padStart(40, "0").slice(-40), revisionSummary: `Change number ${this.count - i}` }],
      variables: [{ name: "environment", value: i % 2 === 0 ? "staging" : "prod" }],
      lastUpdateTime: new Date(Date.parse(c.startTime) + durationMs).toISOString(),
    };
    if (c.status !== "InProgress") row.durationMs = durationMs;
    return row;
  }
}

/** One page: at most `limit` (50 by default, 1–500) after `nextToken`, newest first. */
export function listPage(rows: Iterable<ExecutionSummaryView>, generated: GeneratedHistory | undefined, args: ListExecutionsArgs, now: Date): ExecutionPage {
  const limit = args.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new HistoryError("E_INVALID_FILTER", `a page holds 1 to 500 executions, not ${limit}`);
  }
  const f = parseFilter(args, now);
  const matched = [...rows].filter((r) => passes(f, r));
  if (generated) matched.push(...generated.matching(f, limit));
  matched.sort(newestFirst);
  const page = matched.slice(0, limit);
  const last = page[page.length - 1];
  const result: ExecutionPage = { executions: page };
  if (matched.length > limit && last) result.nextToken = encodeToken(last.startTime, last.executionId);
  return result;
}

/** Ended executions to record for a pipeline (tests): `count` of them, newest `newest` ms. */
export function recordedViews(document: PipelineDocument, version: number, count: number, newest: number, firstNumber: number): ExecutionView[] {
  const sources = document.pipeline.stages.flatMap((s) => s.actions.filter((a) => a.actionTypeId.category === "Source"));
  const views: ExecutionView[] = [];
  for (let n = 0; n < count; n++) {
    const number = firstNumber + n;
    const start = newest - (count - 1 - n) * 3_600_000;
    const failedAt = n % 4 === 1 ? Math.min(1, document.pipeline.stages.length - 1) : -1;
    const status = failedAt >= 0 ? "Failed" : n % 7 === 3 ? "Stopped" : "Succeeded";
    const branch = n % 3 === 2 ? "feature/login" : "main";
    const triggers = [
      { triggerType: "StartPipelineExecution", triggerDetail: "alice" },
      { triggerType: "PollForSourceChanges" },
      { triggerType: "WebhookV2", triggerDetail: "push" },
      { triggerType: "CloudWatchEvent", triggerDetail: "nightly" },
      { triggerType: "StartPipelineExecution", triggerDetail: "pipeline/upstream/1" },
    ];
    const seconds = 40 + ((n * 17) % 200);
    const end = new Date(start + seconds * 1000).toISOString();
    views.push({
      executionId: `${String(number).padStart(8, "0")}-1111-4000-8000-${String(number).padStart(12, "0")}`,
      status,
      startTime: new Date(start).toISOString(),
      lastUpdateTime: end,
      pipelineName: document.pipeline.name,
      pipelineVersion: version,
      trigger: triggers[n % triggers.length] ?? { triggerType: "StartPipelineExecution" },
      sourceRevisions: sources.map((a) => ({
        actionName: a.name,
        revisionId: `${(number * 40503).toString(16)}${"0".repeat(40)}`.slice(0, 40),
        revisionSummary: `Commit ${number}: ${n % 2 === 0 ? "Fix the checkout flow" : "Bump dependencies"}`,
      })),
      variables: (document.pipeline.variables ?? []).map((v) => ({ name: v.name, value: v.defaultValue ?? "" })),
      ...(status === "Failed" ? { statusSummary: "An action failed" } : {}),
      stages: document.pipeline.stages.map((s, si) => {
        const stageStatus = failedAt >= 0 ? (si < failedAt ? "Succeeded" : si === failedAt ? "Failed" : undefined) : status === "Stopped" && si > 0 ? undefined : "Succeeded";
        return {
          stageName: s.name,
          ...(stageStatus ? { status: stageStatus, attempt: 1, startTime: new Date(start).toISOString(), endTime: end } : {}),
          actions: s.actions.map((a) => ({
            actionName: a.name,
            ...(stageStatus ? { status: stageStatus, lastStatusChange: end, startTime: new Date(start).toISOString(), endTime: end, attempt: 1 } : {}),
            ...(stageStatus && a.actionTypeId.category === "Source" ? { outputVariables: [{ name: "BranchName", value: branch }, { name: "CommitId", value: String(number) }] } : {}),
          })),
        };
      }),
    });
  }
  return views;
}
