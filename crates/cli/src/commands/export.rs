//! `pipewright export NAME [--format yaml|json|codepipeline] [--version N]`: the document on
//! stdout, warnings on stderr. CodePipeline JSON of an invalid version is refused (exit 1).

use crate::args::{ExportArgs, Format};
use crate::error::{CliError, CliResult, Exit};
use crate::output::{counts, diagnostics_to_stderr, out};
use pipewright_core::{codepipeline_export_refusal, export, ExportFormat};
use pipewright_store::Store;

pub fn run(args: ExportArgs, store: &Store) -> CliResult {
    let stored = store.get_pipeline(&args.name, args.version)?;
    let format = match args.format {
        Format::Yaml => ExportFormat::Yaml,
        Format::Json => ExportFormat::Json,
        Format::Codepipeline => ExportFormat::CodePipeline,
    };
    if format == ExportFormat::CodePipeline {
        if let Some(diagnostics) =
            codepipeline_export_refusal(&stored.document, stored.summary.valid)
        {
            let errors: Vec<_> = diagnostics.iter().filter(|d| d.is_error()).collect();
            diagnostics_to_stderr(errors.iter().copied());
            let why = if errors.is_empty() {
                "it was saved as a draft marked invalid".to_string()
            } else {
                counts(&diagnostics)
            };
            return Err(CliError::domain(
                "E_INVALID_PIPELINE",
                format!(
                    "version {} of {} is invalid ({why}) and cannot be exported for CodePipeline; fix it and save a new version, or export it as yaml or json",
                    stored.summary.version, args.name
                ),
            ));
        }
    }
    let (text, diagnostics) = export(&stored.document, format);
    diagnostics_to_stderr(&diagnostics);
    out(&text)?;
    Ok(Exit::Success)
}
