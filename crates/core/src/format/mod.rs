//! Reading and writing pipeline files: YAML and JSON in the `{"pipeline": …}` shape, the bare
//! declaration, `get-pipeline` output (with `metadata`), and the short form of blog posts.
//! Export in YAML, JSON, or CodePipeline JSON (no `pipewright` objects).
//!
//! Parsing goes text → `serde_json::Value` → normalized value → typed model:
//! - [`read`] detects JSON or YAML, enforces the size and depth limits and turns syntax errors
//!   into diagnostics with line and column;
//! - [`envelope`](self) handling picks the declaration out of `{"pipeline": …}`, a bare
//!   declaration or `get-pipeline` output;
//! - [`shape`] walks the value against the model's shape: it checks every type (so a wrong type
//!   is reported with its JSON-pointer path, all of them at once), reports unknown fields, reads
//!   configuration scalars as strings, expands the short form and resolves relative paths;
//! - finally the value is deserialized into the model.
//!
//! Nothing here panics on any input, and nothing does IO.

mod export;
mod read;
mod shape;

pub use export::{PLACEHOLDER_ARTIFACT_BUCKET, PLACEHOLDER_ROLE_ARN};
pub(crate) use shape::{classify_path, push_pointer, PathClass};

use crate::diagnostic::Diagnostic;
use crate::model::{PipelineDeclaration, PipelineDocument};
use serde_json::Value;

/// Largest file `parse_document` accepts (5 MiB). A pipeline of 50 stages × 50 actions is well
/// under 2 MiB of JSON; anything larger is refused with `E_TOO_LARGE` before parsing.
pub const MAX_DOCUMENT_BYTES: usize = 5 * 1024 * 1024;

/// Deepest nesting of objects and lists accepted (`E_TOO_DEEP`). The model itself nests about
/// 12 levels; the parsers' own recursion limits (128) are hit first by anything absurd, and this
/// limit keeps whatever is kept verbatim (unknown fields) shallow as well.
pub const MAX_DEPTH: usize = 64;

/// Options for parsing a pipeline file.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// Folder of the imported file, to resolve relative paths in configuration against.
    /// Give it absolute (a relative folder resolves nothing and is reported). `None` for
    /// pasted text (relative paths are then reported, not resolved).
    pub base_dir: Option<String>,
}

/// The result of parsing: a document when the text had the right shape, and every
/// diagnostic found on the way (unknown fields, notes about expansions, type errors).
///
/// `document` is `Some` exactly when no diagnostic is an error.
#[derive(Debug, Clone, Default)]
pub struct ParseOutcome {
    pub document: Option<PipelineDocument>,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Yaml,
    Json,
    /// `{"pipeline": …}` JSON without `pipewright` objects, placeholders filled.
    CodePipeline,
}

/// Parse YAML or JSON text (detected from content) into a document. Never panics.
pub fn parse_document(text: &str, options: &ParseOptions) -> ParseOutcome {
    if text.len() > MAX_DOCUMENT_BYTES {
        return failed(too_large(text.len()));
    }
    let root = match read::read_value(text) {
        Ok(v) => v,
        Err(d) => return failed(*d),
    };
    parse_value(root, options)
}

/// Parse an already-parsed JSON value (e.g. a document that came over IPC) the same way
/// `parse_document` parses text.
pub fn parse_value(root: Value, options: &ParseOptions) -> ParseOutcome {
    let mut diagnostics = Vec::new();
    if let Some(d) = read::check_depth(&root) {
        return failed(d);
    }
    let Some(mut declaration) = unwrap_envelope(root, &mut diagnostics) else {
        return ParseOutcome {
            document: None,
            diagnostics,
        };
    };
    shape::normalize(&mut declaration, options, &mut diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return ParseOutcome {
            document: None,
            diagnostics,
        };
    }
    match serde_path_to_error::deserialize::<_, PipelineDeclaration>(declaration) {
        Ok(pipeline) => ParseOutcome {
            document: Some(PipelineDocument { pipeline }),
            diagnostics,
        },
        Err(e) => {
            // The shape walk checks every type the model has, so this is a safety net.
            let path = serde_path_to_error_pointer(e.path());
            diagnostics.push(Diagnostic::error(
                "E_TYPE",
                path,
                format!(
                    "this value has the wrong type: {}; fix it to match the CodePipeline pipeline structure",
                    e.inner()
                ),
            ));
            ParseOutcome {
                document: None,
                diagnostics,
            }
        }
    }
}

/// Parse raw bytes; invalid UTF-8 becomes a diagnostic.
pub fn parse_bytes(bytes: &[u8], options: &ParseOptions) -> ParseOutcome {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return failed(too_large(bytes.len()));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_document(text, options),
        Err(e) => failed(Diagnostic::error(
            "E_INVALID_UTF8",
            "",
            format!(
                "the file is not valid UTF-8 (first bad byte at offset {}); save it as UTF-8 and import it again",
                e.valid_up_to()
            ),
        )),
    }
}

/// Serialize a document. Returns the text and any warnings (for CodePipeline: placeholders
/// filled, local providers AWS would refuse).
///
/// - [`ExportFormat::Yaml`] and [`ExportFormat::Json`] write `{"pipeline": …}` with everything:
///   `pipewright` objects and unknown fields included. No diagnostics.
/// - [`ExportFormat::CodePipeline`] writes `{"pipeline": …}` JSON as `aws codepipeline
///   create-pipeline --cli-input-json` takes it: every `pipewright` object (pipeline and
///   actions) is stripped; unknown fields are kept verbatim (they were warned about on import).
///   Where the API requires what a local pipeline may leave out, a documented placeholder is
///   filled in and a `W_PLACEHOLDER` warning says so:
///   - a missing `roleArn` becomes [`PLACEHOLDER_ROLE_ARN`]
///     (`arn:aws:iam::123456789012:role/pipewright-placeholder`);
///   - when neither `artifactStore` nor `artifactStores` is set, `artifactStore` becomes
///     `{"type": "S3", "location": "pipewright-placeholder-bucket"}`
///     ([`PLACEHOLDER_ARTIFACT_BUCKET`]).
///
///   Actions AWS would refuse get one warning each: local providers (`owner: Custom` and a
///   provider of design.md) `W_EXPORT_LOCAL_PROVIDER`; `commands` outside a Commands action
///   `W_EXPORT_COMMANDS`.
pub fn export(doc: &PipelineDocument, format: ExportFormat) -> (String, Vec<Diagnostic>) {
    export::export(doc, format)
}

/// Take the pipeline declaration out of the root value.
fn unwrap_envelope(root: Value, diagnostics: &mut Vec<Diagnostic>) -> Option<Value> {
    let Value::Object(mut root) = root else {
        diagnostics.push(Diagnostic::error(
            "E_NOT_OBJECT",
            "",
            format!(
                "the file holds {}, not a pipeline; it must be an object such as {{\"pipeline\": {{\"name\": …, \"stages\": […]}}}}",
                shape::describe(&root)
            ),
        ));
        return None;
    };
    if let Some(pipeline) = root.shift_remove("pipeline") {
        // `aws codepipeline get-pipeline` output: metadata is read and dropped.
        root.shift_remove("metadata");
        for key in root.keys() {
            let hint = crate::validate::suggest::did_you_mean(key, ["pipeline", "metadata"])
                .map(|s| format!(" Did you mean `{s}`?"))
                .unwrap_or_default();
            diagnostics.push(Diagnostic::warning(
                "W_UNKNOWN_TOP_LEVEL_KEY",
                "",
                format!(
                    "the top-level key `{key}` is not part of a pipeline file and is ignored; remove it (only `pipeline` and, from get-pipeline, `metadata` are read).{hint}"
                ),
            ));
        }
        if !pipeline.is_object() {
            diagnostics.push(Diagnostic::error(
                "E_TYPE",
                "",
                format!(
                    "`pipeline` must be an object with `name` and `stages`, not {}",
                    shape::describe(&pipeline)
                ),
            ));
            return None;
        }
        return Some(pipeline);
    }
    if root.contains_key("stages") || root.contains_key("name") {
        diagnostics.push(Diagnostic::info(
            "I_BARE_DECLARATION",
            "",
            "read a bare pipeline declaration (no `pipeline` wrapper); saved and exported files wrap it as {\"pipeline\": …}",
        ));
        return Some(Value::Object(root));
    }
    let keys: Vec<&str> = root.keys().map(String::as_str).collect();
    let hint = if keys
        .iter()
        .any(|k| matches!(*k, "Pipeline" | "Stages" | "Name" | "Resources"))
    {
        " This looks like CloudFormation (PascalCase keys); Pipewright reads the CodePipeline API's camelCase shape, as `aws codepipeline get-pipeline` prints it."
    } else {
        ""
    };
    diagnostics.push(Diagnostic::error(
        "E_NO_PIPELINE",
        "",
        format!(
            "no pipeline found: the file must be {{\"pipeline\": {{…}}}}, `get-pipeline` output, or a declaration with `name` and `stages` (found keys: {}).{hint}",
            if keys.is_empty() { "none".to_string() } else { keys.join(", ") }
        ),
    ));
    None
}

fn failed(d: Diagnostic) -> ParseOutcome {
    ParseOutcome {
        document: None,
        diagnostics: vec![d],
    }
}

fn too_large(len: usize) -> Diagnostic {
    Diagnostic::error(
        "E_TOO_LARGE",
        "",
        format!(
            "the file is {:.1} MiB, more than the {} MiB a pipeline file may have; check that this is the right file",
            len as f64 / (1024.0 * 1024.0),
            MAX_DOCUMENT_BYTES / (1024 * 1024)
        ),
    )
}

fn serde_path_to_error_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => {
                out.push('/');
                out.push_str(&index.to_string());
            }
            Segment::Map { key } | Segment::Enum { variant: key } => {
                shape::push_pointer(&mut out, key)
            }
            Segment::Unknown => {}
        }
    }
    out
}
