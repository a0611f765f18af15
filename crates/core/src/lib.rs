//! Pipewright core: the pipeline model in CodePipeline's shape, validation, and file formats.
//! No IO and no Tauri here: callers hand in text and get documents and diagnostics back.

pub mod api;
pub mod check;
pub mod diagnostic;
pub mod diff;
pub mod format;
pub mod model;
pub mod providers;
pub mod sample;
pub mod templates;
pub mod validate;

pub use check::{check_bytes, codepipeline_export_refusal};
pub use diagnostic::{is_valid, Diagnostic, Severity};
pub use format::{export, parse_bytes, parse_document, ExportFormat, ParseOptions, ParseOutcome};
pub use model::PipelineDocument;
pub use validate::validate;
