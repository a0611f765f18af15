// Puts diagnostics on the Inspector's fields: a diagnostic whose JSON pointer is inside a field
// the form shows goes under that field; the element's other diagnostics go at the top.
import type { Diagnostic } from "../../ipc/bindings";
import { diagnosticsFor } from "../diagnostics";

/** A field's key: its path inside the action or stage, e.g. `configuration/Image`, `inputArtifacts`. */
export type FieldKey = string;

export type InspectorTarget = { stage: number; action: number } | { stage: number };

export interface FieldDiagnostics {
  /** Per field key, in the order given. */
  byField: Map<FieldKey, Diagnostic[]>;
  /** The element's diagnostics that no shown field takes. */
  rest: Diagnostic[];
}

/** The path of `d` inside `target`, or null when it concerns something else. */
export function fieldPath(d: Diagnostic, target: InspectorTarget): string[] | null {
  const t = diagnosticsFor(d.path);
  if ("action" in target) {
    if (t.kind !== "action" || t.stage !== target.stage || t.action !== target.action) return null;
    return t.field;
  }
  if (t.kind !== "stage" || t.stage !== target.stage) return null;
  return t.field;
}

/**
 * Sorts the element's diagnostics onto `fields` (the keys the form shows). The longest key that
 * is a prefix of the diagnostic's path wins: `configuration/Image` takes
 * `/stages/1/actions/0/configuration/Image`, `inputArtifacts` takes `…/inputArtifacts/2`.
 * Diagnostics of other elements are dropped.
 */
export function diagnosticsOnFields(diagnostics: readonly Diagnostic[], target: InspectorTarget, fields: readonly FieldKey[]): FieldDiagnostics {
  const byField = new Map<FieldKey, Diagnostic[]>();
  const rest: Diagnostic[] = [];
  const split = fields.map((f) => ({ key: f, tokens: f.split("/") })).sort((a, b) => b.tokens.length - a.tokens.length);
  for (const d of diagnostics) {
    const path = fieldPath(d, target);
    if (path === null) continue;
    const match = split.find((f) => f.tokens.length <= path.length && f.tokens.every((t, i) => path[i] === t));
    if (!match) {
      rest.push(d);
      continue;
    }
    const list = byField.get(match.key);
    if (list) list.push(d);
    else byField.set(match.key, [d]);
  }
  return { byField, rest };
}
