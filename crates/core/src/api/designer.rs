//! IPC types of the designer: exporting the document being edited (possibly unsaved).

use crate::model::PipelineDocument;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ExportFormatArg;

/// Export a document that need not be saved (the designer's draft) in one of the export
/// formats, with the same conversion and warnings as `export_pipeline`. A document with errors
/// is refused for CodePipeline JSON (`E_INVALID_PIPELINE`, as `pipewright export --format
/// codepipeline` refuses an invalid version); YAML and JSON export it as it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportDocumentArgs {
    pub document: PipelineDocument,
    pub format: ExportFormatArg,
}
