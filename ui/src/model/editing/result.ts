import type { PipelineDocument } from "../../ipc/bindings";
import type { ActionRef } from "../artifacts";

/** Why an edit could not be made. `code` is stable (for tests and telemetry); `message` is for people. */
export type EditErrorCode =
  | "no-such-stage"
  | "no-such-action"
  | "bad-target"
  | "bad-index"
  | "bad-name"
  | "duplicate-name"
  | "unsupported-field";

export interface EditError {
  code: EditErrorCode;
  message: string;
}

/** What the UI should focus after an edit: the action or stage it created or moved. */
export type EditSelection = { kind: "action"; ref: ActionRef } | { kind: "stage"; stage: number };

/**
 * The outcome of every editing operation. Operations never throw for impossible requests and
 * never mutate their input: on success `doc` is a new document (untouched stages and actions
 * are shared with the input, touched ones are copies).
 */
export type EditResult =
  | {
      ok: true;
      doc: PipelineDocument;
      /** For history entries and buttons: "Move Compile", "Add stage Deploy2". */
      label: string;
      selection?: EditSelection;
    }
  | { ok: false; error: EditError };

export function ok(doc: PipelineDocument, label: string, selection?: EditSelection): EditResult {
  return selection ? { ok: true, doc, label, selection } : { ok: true, doc, label };
}

export function fail(code: EditErrorCode, message: string): EditResult {
  return { ok: false, error: { code, message } };
}

/** The document of a successful result; throws an Error with the result's message otherwise. */
export function unwrap(result: EditResult): PipelineDocument {
  if (!result.ok) throw new Error(result.error.message);
  return result.doc;
}
