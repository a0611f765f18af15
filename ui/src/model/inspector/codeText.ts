// The code view's text: the document as YAML or JSON, the text read back into a document,
// and where a diagnostic's JSON pointer sits in the text. Pure; CodeMirror only shows the result.
import { isMap, isPair, isScalar, isSeq, parseDocument, stringify, type Node as YamlNode } from "yaml";
import type { PipelineDocument } from "../../ipc/bindings";
import { parsePointer } from "../diagnostics";

export type CodeFormat = "yaml" | "json";

export function documentToText(doc: PipelineDocument, format: CodeFormat): string {
  return format === "json" ? `${JSON.stringify(doc, null, 2)}\n` : stringify(doc, { lineWidth: 0 });
}

export interface TextProblem {
  message: string;
  /** Character offsets of the problem in the text. */
  from: number;
  to: number;
  /** 1-based line of `from`. */
  line: number;
}

export type ParsedText = { ok: true; doc: PipelineDocument } | { ok: false; problem: TextProblem };

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i += 1) if (text[i] === "\n") line += 1;
  return line;
}

function problemAt(text: string, message: string, from = 0, to?: number): TextProblem {
  const start = Math.max(0, Math.min(from, text.length));
  const lineEnd = text.indexOf("\n", start);
  const end = Math.max(start, Math.min(to ?? (lineEnd < 0 ? text.length : lineEnd), text.length));
  return { message, from: start, to: end, line: lineOf(text, start) };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Checks the `{pipeline: {name, stages: [{name, actions: [{name, actionTypeId}]}]}}` shape; returns the pointer and message of the first problem. */
function shapeProblem(value: unknown): { pointer: string; message: string } | null {
  if (!isObject(value) || !isObject(value.pipeline)) return { pointer: "", message: "The text must be an object with a `pipeline` object: {pipeline: {name, stages}}." };
  const p = value.pipeline;
  if (typeof p.name !== "string") return { pointer: "/pipeline", message: "The pipeline needs a `name` (a string)." };
  if (!Array.isArray(p.stages)) return { pointer: "/pipeline", message: "The pipeline needs a `stages` list." };
  for (const [s, stage] of p.stages.entries()) {
    if (!isObject(stage) || typeof stage.name !== "string" || !Array.isArray(stage.actions)) {
      return { pointer: `/pipeline/stages/${s}`, message: "Each stage needs a `name` and an `actions` list." };
    }
    for (const [a, action] of stage.actions.entries()) {
      if (!isObject(action) || typeof action.name !== "string" || !isObject(action.actionTypeId)) {
        return { pointer: `/pipeline/stages/${s}/actions/${a}`, message: "Each action needs a `name` and an `actionTypeId`." };
      }
      if (action.configuration !== undefined) {
        if (!isObject(action.configuration)) return { pointer: `/pipeline/stages/${s}/actions/${a}/configuration`, message: "`configuration` must be a map of strings." };
        for (const [k, v] of Object.entries(action.configuration)) {
          if (typeof v === "number" || typeof v === "boolean") action.configuration[k] = String(v);
          else if (typeof v !== "string") {
            return { pointer: `/pipeline/stages/${s}/actions/${a}/configuration/${k}`, message: `Configuration value \`${k}\` must be a string.` };
          }
        }
      }
    }
  }
  return null;
}

/** Reads YAML or JSON text as a pipeline document, or says what is wrong and where. */
export function parseText(text: string, format: CodeFormat): ParsedText {
  let value: unknown;
  if (format === "json") {
    try {
      value = JSON.parse(text);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return { ok: false, problem: problemAt(text, message, jsonErrorOffset(text, message)) };
    }
  } else {
    const parsed = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
    const error = parsed.errors[0];
    if (error) {
      const first = error.message.split("\n")[0] ?? error.message;
      return { ok: false, problem: problemAt(text, first, error.pos[0], Math.max(error.pos[1], error.pos[0] + 1)) };
    }
    value = parsed.toJS();
  }
  const shape = shapeProblem(value);
  if (shape) {
    const range = pointerRange(text, format, shape.pointer, true);
    return { ok: false, problem: problemAt(text, shape.message, range?.from ?? 0, range?.to) };
  }
  return { ok: true, doc: value as PipelineDocument };
}

/** The offset V8's JSON.parse names ("at position 12", or "line 2 column 5"); 0 when it names none. */
export function jsonErrorOffset(text: string, message: string): number {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) {
    const [line, col] = [Number(lc[1]), Number(lc[2])];
    let offset = 0;
    for (let l = 1; l < line; l += 1) {
      const next = text.indexOf("\n", offset);
      if (next < 0) break;
      offset = next + 1;
    }
    return Math.min(offset + col - 1, text.length);
  }
  const pos = /position (\d+)/.exec(message);
  if (pos) return Math.min(Number(pos[1]), text.length);
  if (/end of (JSON )?input/i.test(message)) return Math.max(0, text.length - 1);
  return 0;
}

/**
 * Where the value a JSON pointer names sits in the text, as character offsets. `pointer` is
 * relative to the file (`/pipeline/stages/0`) when `fromRoot`, else to the pipeline
 * declaration, as diagnostics' paths are. A pointer into something the text does not have
 * gives the range of its nearest existing ancestor (a missing required key marks its action's
 * `configuration`). Null when the text does not parse.
 */
export function pointerRange(text: string, _format: CodeFormat, pointer: string, fromRoot = false): { from: number; to: number } | null {
  // JSON is YAML too: one parser gives ranges for both formats.
  const parsed = parseDocument(text, { keepSourceTokens: true });
  if (parsed.errors.length > 0) return null;
  const tokens = parsePointer(pointer);
  const path = fromRoot || tokens[0] === "pipeline" ? tokens : ["pipeline", ...tokens];
  let node: unknown = parsed.contents;
  let range: { from: number; to: number } | null = rangeOf(node);
  for (const token of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === token);
      if (!pair) break;
      const keyRange = rangeOf(pair.key);
      const valueRange = rangeOf(pair.value);
      if (keyRange) range = { from: keyRange.from, to: valueRange && !isCollection(pair.value) ? valueRange.to : keyRange.to };
      node = pair.value;
    } else if (isSeq(node)) {
      if (!/^\d+$/.test(token)) break;
      const item: unknown = node.items[Number(token)];
      if (item === undefined) break;
      const itemRange = rangeOf(item);
      if (itemRange) range = collapseToFirstLine(text, itemRange);
      node = item;
    } else {
      break;
    }
  }
  return range ? collapseToFirstLine(text, range) : null;
}

function isCollection(node: unknown): boolean {
  return isMap(node) || isSeq(node);
}

function rangeOf(node: unknown): { from: number; to: number } | null {
  const r = (node as YamlNode | null | undefined)?.range;
  if (!r) return null;
  return { from: r[0], to: r[1] };
}

/** A marked range stays on the line it starts on, so a whole stage is not underlined. */
function collapseToFirstLine(text: string, r: { from: number; to: number }): { from: number; to: number } {
  const lineEnd = text.indexOf("\n", r.from);
  const to = lineEnd >= 0 && lineEnd < r.to ? lineEnd : r.to;
  return { from: r.from, to: Math.max(to, r.from) };
}

/** Structural equality of two documents (key order ignored), to skip commits that change nothing. */
export function sameDocument(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameDocument(x, b[i]));
  const ka = Object.keys(a as Json).filter((k) => (a as Json)[k] !== undefined);
  const kb = Object.keys(b as Json).filter((k) => (b as Json)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameDocument((a as Json)[k], (b as Json)[k]));
}
