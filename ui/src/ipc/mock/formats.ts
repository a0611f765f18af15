// Reading and writing pipeline text for the mock backend. The real formats live in
// crates/core; this only has to be plausible enough to drive every UI path in a browser.
import { parseDocument as parseYaml, stringify as stringifyYaml } from "yaml";
import type { Diagnostic, ExportFormatArg, PipelineDeclaration, PipelineDocument } from "../bindings";

export interface ParseOutcome {
  document?: PipelineDocument;
  diagnostics: Diagnostic[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function diag(code: string, severity: Diagnostic["severity"], path: string, message: string): Diagnostic {
  return { code, severity, path, message };
}

/** Configuration values are strings in the API: YAML's `true` or `3` become "true" / "3". */
function stringifyConfiguration(decl: Json, diagnostics: Diagnostic[]): void {
  const stages = decl.stages;
  if (!Array.isArray(stages)) return;
  stages.forEach((stage: unknown, s) => {
    if (!isObject(stage) || !Array.isArray(stage.actions)) return;
    stage.actions.forEach((action: unknown, a) => {
      if (!isObject(action) || !isObject(action.configuration)) return;
      for (const [key, value] of Object.entries(action.configuration)) {
        if (typeof value === "string") continue;
        if (typeof value === "number" || typeof value === "boolean") {
          action.configuration[key] = String(value);
        } else {
          diagnostics.push(
            diag(
              "E_CONFIG_TYPE",
              "error",
              `/stages/${s}/actions/${a}/configuration/${key}`,
              `configuration value \`${key}\` must be a string; quote it`,
            ),
          );
        }
      }
    });
  });
}

/** Checks just enough shape that the UI can draw the document. */
function checkShape(decl: Json, diagnostics: Diagnostic[]): boolean {
  let ok = true;
  if (typeof decl.name !== "string") {
    diagnostics.push(diag("E_MISSING_FIELD", "error", "/name", "the pipeline needs a `name`"));
    ok = false;
  }
  if (!Array.isArray(decl.stages)) {
    diagnostics.push(diag("E_MISSING_FIELD", "error", "/stages", "the pipeline needs a `stages` list"));
    return false;
  }
  decl.stages.forEach((stage: unknown, s) => {
    if (!isObject(stage) || typeof stage.name !== "string" || !Array.isArray(stage.actions)) {
      diagnostics.push(
        diag("E_TYPE", "error", `/stages/${s}`, "each stage needs a `name` and an `actions` list"),
      );
      ok = false;
      return;
    }
    stage.actions.forEach((action: unknown, a) => {
      if (!isObject(action) || typeof action.name !== "string" || !isObject(action.actionTypeId)) {
        diagnostics.push(
          diag(
            "E_TYPE",
            "error",
            `/stages/${s}/actions/${a}`,
            "each action needs a `name` and an `actionTypeId` {category, owner, provider, version}",
          ),
        );
        ok = false;
      }
    });
  });
  return ok;
}

/**
 * Parses YAML or JSON text: `{"pipeline": …}` (with `metadata` from get-pipeline ignored) or a
 * bare declaration. Returns no document when the text cannot be read as a pipeline.
 */
export function parsePipelineText(text: string): ParseOutcome {
  const diagnostics: Diagnostic[] = [];
  if (text.trim() === "") {
    return { diagnostics: [diag("E_EMPTY", "error", "", "the text is empty; paste a pipeline in YAML or JSON")] };
  }
  const parsed = parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  if (parsed.errors.length > 0) {
    return {
      diagnostics: parsed.errors.map((e) => {
        const where = e.linePos?.[0];
        const at = where ? `line ${where.line}, column ${where.col}: ` : "";
        const first = e.message.split("\n")[0] ?? e.message;
        return diag("E_SYNTAX", "error", "", `${at}${first}`);
      }),
    };
  }
  const value: unknown = parsed.toJS();
  if (!isObject(value)) {
    return { diagnostics: [diag("E_NO_PIPELINE", "error", "", "expected an object with a `pipeline` or a bare pipeline declaration")] };
  }
  let decl: unknown;
  if ("pipeline" in value) {
    decl = value.pipeline;
    // get-pipeline's `metadata` is read and dropped without a note, as the Rust core does.
  } else if ("stages" in value) {
    decl = value;
  } else {
    return { diagnostics: [diag("E_NO_PIPELINE", "error", "", "expected `pipeline:` at the top, or a declaration with `name` and `stages`")] };
  }
  if (!isObject(decl)) {
    return { diagnostics: [diag("E_NO_PIPELINE", "error", "/pipeline", "`pipeline` must be an object")] };
  }
  if (!checkShape(decl, diagnostics)) return { diagnostics };
  stringifyConfiguration(decl, diagnostics);
  return { document: { pipeline: decl as unknown as PipelineDeclaration }, diagnostics };
}

/** A copy without any `pipewright` object (pipeline and action level). */
export function stripLocal(doc: PipelineDocument): PipelineDocument {
  const copy = structuredClone(doc);
  delete copy.pipeline.pipewright;
  for (const stage of copy.pipeline.stages) {
    for (const action of stage.actions) delete action.pipewright;
  }
  return copy;
}

export const PLACEHOLDER_ROLE_ARN = "arn:aws:iam::123456789012:role/pipewright-placeholder"; // as crates/core/src/format/export.rs
export const PLACEHOLDER_BUCKET = "pipewright-placeholder-bucket";

export interface ExportOutcome {
  text: string;
  diagnostics: Diagnostic[];
}

export function exportDocument(doc: PipelineDocument, format: ExportFormatArg): ExportOutcome {
  if (format === "yaml") return { text: stringifyYaml(doc, { lineWidth: 0 }), diagnostics: [] };
  if (format === "json") return { text: `${JSON.stringify(doc, null, 2)}\n`, diagnostics: [] };
  const out = stripLocal(doc);
  const diagnostics: Diagnostic[] = [];
  const p = out.pipeline;
  if (p.roleArn === undefined) {
    p.roleArn = PLACEHOLDER_ROLE_ARN;
    diagnostics.push(diag("W_PLACEHOLDER", "warning", "/roleArn", `no roleArn: exported with the placeholder ${PLACEHOLDER_ROLE_ARN}; replace it before create-pipeline`));
  }
  if (p.artifactStore === undefined && p.artifactStores === undefined) {
    p.artifactStore = { type: "S3", location: PLACEHOLDER_BUCKET };
    diagnostics.push(diag("W_PLACEHOLDER", "warning", "/artifactStore", `no artifactStore: exported with the placeholder bucket ${PLACEHOLDER_BUCKET}`));
  }
  p.stages.forEach((stage, s) => {
    stage.actions.forEach((action, a) => {
      if (action.actionTypeId.owner === "Custom") {
        diagnostics.push(
          diag(
            "W_EXPORT_LOCAL_PROVIDER",
            "warning",
            `/stages/${s}/actions/${a}/actionTypeId`,
            `${action.name} uses the local provider Custom/${action.actionTypeId.provider}; AWS refuses unregistered Custom action types`,
          ),
        );
      }
    });
  });
  return { text: `${JSON.stringify(out, null, 2)}\n`, diagnostics };
}
