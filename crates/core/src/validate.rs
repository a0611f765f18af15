//! Validation: CodePipeline's own rules plus the local provider schema.

use crate::diagnostic::Diagnostic;
use crate::model::PipelineDocument;

/// Validate a document; returns every diagnostic, errors and warnings, in document order.
pub fn validate(_doc: &PipelineDocument) -> Vec<Diagnostic> {
    todo!("implemented by the core validation work")
}
