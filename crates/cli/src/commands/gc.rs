//! `pipewright gc`: remove artifact revisions no kept execution (the newest
//! `artifacts.keepExecutions` of each pipeline, every running one, every deployed revision)
//! uses.

use crate::error::{CliError, CliResult, Exit};
use crate::output::out;
use pipewright_engine::artifacts::ArtifactStore;
use pipewright_store::{Store, ARTIFACTS_KEEP_EXECUTIONS};
use std::path::Path;
use std::time::Duration;

/// Revisions written this recently are kept: an action may have just produced one that its
/// execution has not recorded yet.
const GRACE: Duration = Duration::from_secs(600);

pub fn run(store: &Store, data_dir: &Path) -> CliResult {
    let keep_text = store.get_setting(ARTIFACTS_KEEP_EXECUTIONS)?;
    let keep: usize = keep_text.trim().parse().map_err(|_| {
        CliError::domain(
            "E_SETTING_VALUE",
            format!("artifacts.keepExecutions {keep_text:?} is not a whole number"),
        )
    })?;
    let in_use = store.digests_in_use(keep)?;
    let artifacts = ArtifactStore::open(&data_dir.join("artifacts"))
        .map_err(|e| CliError::environment(e.kind.code(), e.message))?;
    let report = artifacts
        .gc_with_grace(&in_use, GRACE)
        .map_err(|e| CliError::environment(e.kind.code(), e.message))?;
    out(&format!(
        "removed {} revisions and {} blobs, {} bytes freed",
        report.manifests_removed, report.blobs_removed, report.bytes_freed
    ))?;
    Ok(Exit::Success)
}
