//! Parse and validate in one step: what import, validate and the app's paste all do.

use crate::diagnostic::Diagnostic;
use crate::format::{parse_bytes, ParseOptions};
use crate::model::PipelineDocument;
use crate::validate::validate;

/// Parse `bytes` (YAML or JSON), rename the pipeline to `name` when given, and validate it.
/// The document is `None` when the text is not a pipeline at all; otherwise the diagnostics
/// hold the parser's and the validator's findings, in that order.
pub fn check_bytes(
    bytes: &[u8],
    options: &ParseOptions,
    name: Option<&str>,
) -> (Option<PipelineDocument>, Vec<Diagnostic>) {
    let outcome = parse_bytes(bytes, options);
    let mut diagnostics = outcome.diagnostics;
    let mut document = outcome.document;
    if let Some(doc) = &mut document {
        if let Some(name) = name {
            doc.pipeline.name = name.to_string();
        }
        diagnostics.extend(validate(doc));
    }
    (document, diagnostics)
}

/// Whether a stored version may be exported for CodePipeline: not when it was saved as a draft
/// marked invalid, nor when today's rules (which may be stricter than when it was saved) find
/// errors. `Some(diagnostics)` (all of today's, errors and warnings) when refused.
pub fn codepipeline_export_refusal(
    doc: &PipelineDocument,
    saved_valid: bool,
) -> Option<Vec<Diagnostic>> {
    let diagnostics = validate(doc);
    if saved_valid && crate::diagnostic::is_valid(&diagnostics) {
        None
    } else {
        Some(diagnostics)
    }
}
