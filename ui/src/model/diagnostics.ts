import type { Diagnostic, PipelineDocument, Severity } from "../ipc/bindings";

/** What a diagnostic's JSON pointer concerns. */
export type DiagnosticTarget =
  | { kind: "pipeline"; field: string[] }
  | { kind: "stage"; stage: number; field: string[] }
  | { kind: "action"; stage: number; action: number; field: string[] };

/** Decodes one JSON pointer token (`~1` is `/`, `~0` is `~`). */
function unescapeToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

export function parsePointer(path: string): string[] {
  if (path === "" || path === "/") return [];
  const body = path.startsWith("/") ? path.slice(1) : path;
  return body.split("/").map(unescapeToken);
}

function index(token: string | undefined): number | undefined {
  if (token === undefined || !/^\d+$/.test(token)) return undefined;
  return Number(token);
}

/**
 * Maps a diagnostic path such as `/stages/1/actions/0/configuration/Path` to the stage or action
 * it concerns (`field` is what remains, e.g. `["configuration", "Path"]`). Anything that is not
 * inside a stage concerns the pipeline.
 */
export function diagnosticsFor(path: string): DiagnosticTarget {
  const tokens = parsePointer(path);
  // Paths may be given relative to the file (`/pipeline/stages/...`) or to the declaration.
  const rest = tokens[0] === "pipeline" ? tokens.slice(1) : tokens;
  if (rest[0] !== "stages") return { kind: "pipeline", field: rest };
  const stage = index(rest[1]);
  if (stage === undefined) return { kind: "pipeline", field: rest };
  if (rest[2] !== "actions") return { kind: "stage", stage, field: rest.slice(2) };
  const action = index(rest[3]);
  if (action === undefined) return { kind: "stage", stage, field: rest.slice(2) };
  return { kind: "action", stage, action, field: rest.slice(4) };
}

export function actionKey(stage: number, action: number): string {
  return `${stage}/${action}`;
}

/** Diagnostics sorted onto the elements of the visual view. */
export interface DiagnosticIndex {
  pipeline: Diagnostic[];
  stages: Map<number, Diagnostic[]>;
  /** Keyed by `actionKey(stage, action)`. */
  actions: Map<string, Diagnostic[]>;
}

function push<K>(map: Map<K, Diagnostic[]>, key: K, d: Diagnostic): void {
  const list = map.get(key);
  if (list) list.push(d);
  else map.set(key, [d]);
}

/**
 * Sorts diagnostics onto the pipeline, its stages and its actions. A path that points at a
 * stage or action the document does not have falls back to the nearest existing element.
 */
export function indexDiagnostics(diagnostics: Diagnostic[], doc?: PipelineDocument): DiagnosticIndex {
  const out: DiagnosticIndex = { pipeline: [], stages: new Map(), actions: new Map() };
  const stages = doc?.pipeline.stages;
  for (const d of diagnostics) {
    const target = diagnosticsFor(d.path);
    if (target.kind === "pipeline") {
      out.pipeline.push(d);
      continue;
    }
    if (stages && target.stage >= stages.length) {
      out.pipeline.push(d);
      continue;
    }
    if (target.kind === "stage") {
      push(out.stages, target.stage, d);
      continue;
    }
    const stageActions = stages?.[target.stage]?.actions;
    if (stageActions && target.action >= stageActions.length) push(out.stages, target.stage, d);
    else push(out.actions, actionKey(target.stage, target.action), d);
  }
  return out;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The most severe level among `diagnostics`, or undefined when there are none. */
export function worstSeverity(diagnostics: readonly Diagnostic[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const d of diagnostics) {
    if (worst === undefined || SEVERITY_RANK[d.severity] < SEVERITY_RANK[worst]) worst = d.severity;
  }
  return worst;
}

/** Errors first, then warnings, then notes; stable within a severity. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => SEVERITY_RANK[a.d.severity] - SEVERITY_RANK[b.d.severity] || a.i - b.i)
    .map(({ d }) => d);
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity] += 1;
  return counts;
}

/** A human description of where a diagnostic points, e.g. "Build › Compile › configuration.Image". */
export function describeLocation(path: string, doc?: PipelineDocument): string {
  const target = diagnosticsFor(path);
  const field = target.field.join(".");
  if (target.kind === "pipeline") return field === "" ? "Pipeline" : `Pipeline › ${field}`;
  const stage = doc?.pipeline.stages[target.stage];
  const parts = [stage?.name ?? `Stage ${target.stage + 1}`];
  if (target.kind === "action") {
    parts.push(stage?.actions[target.action]?.name ?? `Action ${target.action + 1}`);
  }
  if (field !== "") parts.push(field);
  return parts.join(" › ");
}

/** One line for a title/tooltip: "error E_CODE: message" per diagnostic. */
export function diagnosticsTooltip(diagnostics: readonly Diagnostic[]): string {
  return sortDiagnostics(diagnostics)
    .map((d) => `${d.severity} ${d.code}: ${d.message}`)
    .join("\n");
}
