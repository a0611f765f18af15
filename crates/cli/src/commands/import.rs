//! `pipewright import FILE [--name NAME] [--draft]`: save a file as a new version (a new
//! pipeline when the name is new). An invalid file saves nothing and exits 1, unless
//! `--draft`, which saves a version marked invalid.

use super::{check, open_store, read_input};
use crate::args::ImportArgs;
use crate::error::{CliError, CliResult, Exit};
use crate::output::{counts, diagnostics_to_stderr, err_line, error_count, out};
use pipewright_store::SaveBase;
use std::path::Path;

/// The store is opened only once the file is known to be worth saving.
pub fn run(args: ImportArgs, data_dir: Option<&Path>) -> CliResult {
    if args.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
        return Err(CliError::new(
            "E_USAGE",
            Exit::Usage,
            "--name cannot be empty; give the name to save the pipeline under",
        ));
    }
    let input = read_input(&args.file)?;
    let (doc, diagnostics) = check(&input, args.name.as_deref());
    let Some(doc) = doc else {
        diagnostics_to_stderr(&diagnostics);
        return Err(CliError::domain(
            "E_INVALID_PIPELINE",
            format!(
                "{} is not a pipeline file ({}); nothing was saved",
                input.label,
                counts(&diagnostics)
            ),
        ));
    };
    let errors = error_count(&diagnostics);
    if errors > 0 && !args.draft {
        diagnostics_to_stderr(&diagnostics);
        return Err(CliError::domain(
            "E_INVALID_PIPELINE",
            format!(
                "{} is invalid ({}); nothing was saved. Fix it, or import it with --draft to save a version marked invalid",
                input.label,
                counts(&diagnostics)
            ),
        ));
    }
    let mut store = open_store(data_dir)?;
    let saved = store.save_pipeline(&doc, errors == 0, SaveBase::Latest)?;
    diagnostics_to_stderr(&diagnostics);
    if errors > 0 {
        err_line(&format!(
            "note: version {} is a draft marked invalid ({errors} error{}); run and export --format codepipeline refuse it until a fixed version is saved",
            saved.version,
            if errors == 1 { "" } else { "s" }
        ));
    }
    out(&format!(
        "imported {} version {}",
        saved.name, saved.version
    ))?;
    Ok(Exit::Success)
}
