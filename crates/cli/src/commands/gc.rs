//! `pipewright gc`: one retention pass now (see the engine's `retention`): artifact revisions
//! no kept execution uses, and the lock files of ended executions.

use crate::error::{CliResult, Exit};
use crate::output::out;
use pipewright_engine::retention;
use pipewright_store::Store;
use std::path::Path;

pub fn run(store: &Store, data_dir: &Path) -> CliResult {
    let report = retention::collect(store, data_dir).map_err(super::run::engine_error)?;
    let a = &report.artifacts;
    out(&format!(
        "removed {} revisions and {} blobs, {} bytes freed; {} lock files of ended executions",
        a.manifests_removed, a.blobs_removed, a.bytes_freed, report.locks_removed
    ))?;
    Ok(Exit::Success)
}

/// The automatic pass, after an execution this process drove has ended. Never fails the
/// command: a problem is a warning.
pub(super) fn auto_pass(engine: &pipewright_engine::Engine) {
    match retention::collect_if_due(engine.store(), engine.data_dir()) {
        Ok(_) => {}
        Err(e) => crate::output::err_line(&format!(
            "warning: the automatic clean-up of old artifacts failed: {e}; `pipewright gc` retries it"
        )),
    }
}
