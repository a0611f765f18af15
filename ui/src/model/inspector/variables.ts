// Variable references (`#{Namespace.Name}`) an action may use, and the autocomplete that offers
// them while typing: pure functions, the Inspector's fields only render the result.
import type { PipelineDocument, ProviderSchema } from "../../ipc/bindings";
import type { ActionRef } from "../artifacts";
import { schemaFor } from "./form";
import { upstreamActions } from "./upstream";

export interface VariableSuggestion {
  /** The text inserted: `#{SourceVariables.CommitId}`. */
  text: string;
  /** Where it comes from: "Source › Checkout", "Pipeline variable", "Pipeline". */
  detail: string;
}

/** The execution id every action can read. */
export const EXECUTION_ID_VARIABLE = "#{codepipeline.PipelineExecutionId}";

/**
 * Every variable the action at `ref` may reference: the namespaced variables of upstream
 * actions (names from their provider's `variables`, or their own `outputVariables`), the
 * pipeline's variables, and the execution id.
 */
export function availableVariables(doc: PipelineDocument, ref: ActionRef, providers: readonly ProviderSchema[]): VariableSuggestion[] {
  const out: VariableSuggestion[] = [];
  const seen = new Set<string>();
  const add = (text: string, detail: string) => {
    if (seen.has(text)) return;
    seen.add(text);
    out.push({ text, detail });
  };
  for (const up of upstreamActions(doc, ref)) {
    const ns = up.declaration.namespace?.trim();
    if (!ns) continue;
    const detail = `${up.stageName} › ${up.declaration.name}`;
    const vars = schemaFor(providers, up.declaration.actionTypeId)?.variables;
    const names = new Set<string>();
    if (vars && (vars.kind === "fixed" || vars.kind === "open")) vars.names.forEach((n) => names.add(n));
    // Declared output variables count whatever the schema says (open providers emit them too).
    (up.declaration.outputVariables ?? []).forEach((n) => names.add(n));
    for (const name of names) add(`#{${ns}.${name}}`, detail);
  }
  for (const v of doc.pipeline.variables ?? []) add(`#{variables.${v.name}}`, "Pipeline variable");
  add(EXECUTION_ID_VARIABLE, "Pipeline");
  return out;
}

/** An unfinished reference before the cursor: `#{` at `start`, `query` typed after it. */
export interface VariableQuery {
  start: number;
  query: string;
}

/**
 * The reference being typed at `cursor`: the last `#{` before it with no `}` or line break in
 * between. Null when the cursor is not inside one.
 */
export function variableQueryAt(text: string, cursor: number): VariableQuery | null {
  const before = text.slice(0, cursor);
  const start = before.lastIndexOf("#{");
  if (start < 0) return null;
  const query = before.slice(start + 2);
  if (/[}\s]/.test(query)) return null;
  return { start, query };
}

/** Suggestions matching `query`: prefix matches of the whole reference first, then substring matches. */
export function filterVariables(all: readonly VariableSuggestion[], query: string): VariableSuggestion[] {
  const q = query.toLowerCase();
  if (q === "") return [...all];
  const inner = (s: VariableSuggestion) => s.text.slice(2, -1).toLowerCase();
  const prefix = all.filter((s) => inner(s).startsWith(q));
  const rest = all.filter((s) => !inner(s).startsWith(q) && inner(s).includes(q));
  return [...prefix, ...rest];
}

/**
 * Puts `suggestion` in place of the reference being typed (from `query.start` to `cursor`, and a
 * `}` right after the cursor, which an editor may have closed already). Returns the new text and
 * the cursor after the inserted reference.
 */
export function insertVariable(text: string, query: VariableQuery, cursor: number, suggestion: string): { text: string; cursor: number } {
  const end = text[cursor] === "}" ? cursor + 1 : cursor;
  const next = text.slice(0, query.start) + suggestion + text.slice(end);
  return { text: next, cursor: query.start + suggestion.length };
}

/** The suggestions to show for `text` with the cursor at `cursor`, or null when none apply. */
export function suggestionsAt(
  all: readonly VariableSuggestion[],
  text: string,
  cursor: number,
): { query: VariableQuery; items: VariableSuggestion[] } | null {
  const query = variableQueryAt(text, cursor);
  if (!query) return null;
  const items = filterVariables(all, query.query);
  return items.length > 0 ? { query, items } : null;
}
