//! Reading and writing pipeline files: YAML and JSON in the `{"pipeline": …}` shape, the bare
//! declaration, `get-pipeline` output (with `metadata`), and the short form of blog posts.
//! Export in YAML, JSON, or CodePipeline JSON (no `pipewright` objects).

use crate::diagnostic::Diagnostic;
use crate::model::PipelineDocument;

/// Options for parsing a pipeline file.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// Folder of the imported file, to resolve relative paths in configuration against.
    /// `None` for pasted text (relative paths are then reported, not resolved).
    pub base_dir: Option<String>,
}

/// The result of parsing: a document when the text had the right shape, and every
/// diagnostic found on the way (unknown fields, notes about expansions, type errors).
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
pub fn parse_document(_text: &str, _options: &ParseOptions) -> ParseOutcome {
    todo!("implemented by the core formats work")
}

/// Parse raw bytes; invalid UTF-8 becomes a diagnostic.
pub fn parse_bytes(bytes: &[u8], options: &ParseOptions) -> ParseOutcome {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_document(text, options),
        Err(e) => ParseOutcome {
            document: None,
            diagnostics: vec![Diagnostic::error(
                "E_INVALID_UTF8",
                "",
                format!("the file is not valid UTF-8 (first bad byte at offset {}); save it as UTF-8", e.valid_up_to()),
            )],
        },
    }
}

/// Serialize a document. Returns the text and any warnings (for CodePipeline: placeholders
/// filled, local providers AWS would refuse).
pub fn export(_doc: &PipelineDocument, _format: ExportFormat) -> (String, Vec<Diagnostic>) {
    todo!("implemented by the core formats work")
}
