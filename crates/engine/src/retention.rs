//! Retention: what `pipewright gc` and the automatic pass after an execution remove.
//!
//! - Artifact revisions no kept execution uses: the newest `artifacts.keepExecutions` of each
//!   pipeline, every running one and every deployed revision are kept; revisions written less
//!   than [`GRACE`] ago too (an action may have produced one its execution has not recorded).
//! - Lock files of executions that have ended (see [`crate::ownership`]).
//!
//! The automatic pass runs at most once per [`AUTO_INTERVAL`] per data folder, after an
//! execution ends in the process that owned it.

use crate::artifacts::{ArtifactStore, GcReport};
use crate::ownership::{self, remove_lock};
use crate::scheduler::{codes, EngineError};
use pipewright_store::{Store, ARTIFACTS_KEEP_EXECUTIONS};
use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// Revisions written this recently are never collected.
pub const GRACE: Duration = Duration::from_secs(600);
/// How often the automatic pass runs at most.
pub const AUTO_INTERVAL: Duration = Duration::from_secs(3600);
/// Touched when an automatic pass starts; its age decides whether the next one is due.
const LAST_PASS_FILE: &str = "gc.last";

/// What a pass removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RetentionReport {
    pub artifacts: GcReport,
    pub locks_removed: u64,
}

/// The artifact store of a data folder.
pub fn artifact_store(data_dir: &Path) -> Result<ArtifactStore, EngineError> {
    ArtifactStore::open(&data_dir.join("artifacts")).map_err(EngineError::from)
}

/// One full pass. `store` is only read, and only at the start (the walk over the artifact
/// store does not hold it).
pub fn collect(store: &Store, data_dir: &Path) -> Result<RetentionReport, EngineError> {
    let (in_use, ended) = plan(store)?;
    sweep(data_dir, &in_use, &ended)
}

/// [`collect`] when the last automatic pass in this data folder is older than
/// [`AUTO_INTERVAL`] (or there was none); `None` when it is not due.
pub fn collect_if_due(
    store: &std::sync::Mutex<Store>,
    data_dir: &Path,
) -> Result<Option<RetentionReport>, EngineError> {
    let marker = data_dir.join("artifacts").join(LAST_PASS_FILE);
    let due = match fs::metadata(&marker).and_then(|m| m.modified()) {
        Ok(last) => SystemTime::now()
            .duration_since(last)
            .is_ok_and(|age| age >= AUTO_INTERVAL),
        Err(_) => true,
    };
    if !due {
        return Ok(None);
    }
    // Claim the pass first so that processes ending at the same time do not all run it.
    if let Some(dir) = marker.parent() {
        fs::create_dir_all(dir)
            .map_err(|e| EngineError::io(&format!("cannot create {}", dir.display()), e))?;
    }
    fs::write(&marker, b"")
        .map_err(|e| EngineError::io(&format!("cannot write {}", marker.display()), e))?;
    let (in_use, ended) = {
        let store = store.lock().map_err(|_| {
            EngineError::new(
                codes::IO,
                "the store is unavailable after an earlier failure",
            )
        })?;
        plan(&store)?
    };
    sweep(data_dir, &in_use, &ended).map(Some)
}

type Plan = (std::collections::HashSet<String>, Vec<String>);

fn plan(store: &Store) -> Result<Plan, EngineError> {
    let keep_text = store.get_setting(ARTIFACTS_KEEP_EXECUTIONS)?;
    let keep: usize = keep_text.trim().parse().map_err(|_| {
        EngineError::new(
            "E_SETTING_VALUE",
            format!("artifacts.keepExecutions {keep_text:?} is not a whole number"),
        )
    })?;
    Ok((store.digests_in_use(keep)?, store.ended_execution_ids()?))
}

fn sweep(
    data_dir: &Path,
    in_use: &std::collections::HashSet<String>,
    ended: &[String],
) -> Result<RetentionReport, EngineError> {
    let artifacts = artifact_store(data_dir)?.gc_with_grace(in_use, GRACE)?;
    let mut report = RetentionReport {
        artifacts,
        locks_removed: 0,
    };
    let ended: std::collections::HashSet<&str> = ended.iter().map(String::as_str).collect();
    let locks = data_dir.join("locks");
    let entries = match fs::read_dir(&locks) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(report),
        Err(e) => {
            return Err(EngineError::io(
                &format!("cannot list {}", locks.display()),
                e,
            ))
        }
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(id) = name.to_str().and_then(|n| n.strip_suffix(".lock")) else {
            continue;
        };
        // Only executions recorded as ended; a running or parked one keeps its lock file.
        if ended.contains(id) && ownership::check_id(id).is_ok() && remove_lock(data_dir, id)? {
            report.locks_removed += 1;
        }
    }
    Ok(report)
}
