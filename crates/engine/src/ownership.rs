//! Who owns an execution (design.md): the process that runs its actions holds an exclusive
//! lock on `<data dir>/locks/<execution-id>.lock` (fd-lock: `flock` on Unix, `LockFileEx`
//! on Windows), taken before the execution is marked InProgress. The OS frees the lock when
//! the process dies, however it dies, so a free lock on a running execution means its owner
//! is gone. A lock counts only while the file it holds is still the one at the path: the
//! retention pass deletes the lock files of ended executions (holding the lock while it does),
//! and whoever opened the old file meanwhile sees the mismatch and tries again.
//!
//! [`recover`] reconciles at start-up: running executions whose lock is free are marked
//! Failed ("interrupted"), their containers reaped by label, their stage locks freed.

use crate::runtime::{ContainerRuntime, APP_LABEL_VALUE, LABEL_APP, LABEL_EXECUTION};
use crate::scheduler::{codes, EngineError};
use pipewright_store::execution::{EventRecord, INTERRUPTED};
use pipewright_store::Store;
use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Holds an execution's lock until dropped.
#[derive(Debug)]
pub struct OwnershipGuard {
    execution_id: String,
    // The lock lives as long as this open file: fd-lock's guard is forgotten after locking
    // (it borrows the lock, which cannot move into a struct with it), and closing the file
    // releases the lock.
    _lock: fd_lock::RwLock<File>,
}

impl OwnershipGuard {
    pub fn execution_id(&self) -> &str {
        &self.execution_id
    }
}

/// The lock file of an execution.
pub fn lock_path(data_dir: &Path, execution_id: &str) -> PathBuf {
    data_dir.join("locks").join(format!("{execution_id}.lock"))
}

/// Execution ids name files: only uuids (hex digits and dashes) are accepted.
pub(crate) fn check_id(execution_id: &str) -> Result<(), EngineError> {
    let ok = !execution_id.is_empty()
        && execution_id.len() <= 64
        && execution_id
            .chars()
            .all(|c| c.is_ascii_hexdigit() || c == '-');
    if ok {
        Ok(())
    } else {
        Err(EngineError::new(
            codes::INVALID_ID,
            format!("`{execution_id}` is not an execution id (a uuid such as 3f2b…-…); `pipewright executions NAME` lists them"),
        ))
    }
}

/// Take the execution's lock, or `None` when another owner holds it.
pub fn try_acquire(
    data_dir: &Path,
    execution_id: &str,
) -> Result<Option<OwnershipGuard>, EngineError> {
    check_id(execution_id)?;
    let path = lock_path(data_dir, execution_id);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)
            .map_err(|e| EngineError::io(&format!("cannot create {}", dir.display()), e))?;
    }
    loop {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| EngineError::io(&format!("cannot open the lock {}", path.display()), e))?;
        let opened = identity(&file);
        let mut lock = fd_lock::RwLock::new(file);
        match lock.try_write() {
            Ok(guard) => std::mem::forget(guard),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(None),
            Err(e) => {
                return Err(EngineError::io(
                    &format!("cannot lock {}", path.display()),
                    e,
                ))
            }
        }
        // Locked a file the retention pass has just deleted: lock the new one instead.
        if !still_at(&path, opened) {
            continue;
        }
        return Ok(Some(OwnershipGuard {
            execution_id: execution_id.to_string(),
            _lock: lock,
        }));
    }
}

/// True when some process (this one included) holds the execution's lock. Tries to take it
/// and lets it go at once.
pub fn is_held(data_dir: &Path, execution_id: &str) -> Result<bool, EngineError> {
    check_id(execution_id)?;
    let path = lock_path(data_dir, execution_id);
    loop {
        let file = match OpenOptions::new().write(true).open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
            Err(e) => {
                return Err(EngineError::io(
                    &format!("cannot open the lock {}", path.display()),
                    e,
                ))
            }
        };
        let opened = identity(&file);
        let mut lock = fd_lock::RwLock::new(file);
        let held = match lock.try_write() {
            Ok(_guard) => false,
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => true,
            Err(e) => {
                return Err(EngineError::io(
                    &format!("cannot lock {}", path.display()),
                    e,
                ))
            }
        };
        // A free lock on a deleted file says nothing about the current one: look again.
        if held || still_at(&path, opened) {
            return Ok(held);
        }
    }
}

/// Delete the lock file of an execution that has ended, holding its lock while doing so.
/// `false` when someone holds it (the execution is being retried) or it does not exist.
pub(crate) fn remove_lock(data_dir: &Path, execution_id: &str) -> Result<bool, EngineError> {
    let path = lock_path(data_dir, execution_id);
    if !path.exists() {
        return Ok(false);
    }
    let Some(guard) = try_acquire(data_dir, execution_id)? else {
        return Ok(false);
    };
    let removed = match fs::remove_file(&path) {
        Ok(()) => true,
        Err(e) if e.kind() == io::ErrorKind::NotFound => false,
        Err(e) => {
            return Err(EngineError::io(
                &format!("cannot remove {}", path.display()),
                e,
            ))
        }
    };
    drop(guard);
    Ok(removed)
}

/// The identity of an open file, to compare with what is at its path later.
fn identity(file: &File) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    file.metadata().ok().map(|m| (m.dev(), m.ino()))
}

/// Whether the file with `identity` is still the file at `path` (not deleted or replaced since
/// it was opened).
fn still_at(path: &Path, identity: Option<(u64, u64)>) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Some(identity) = identity else {
        return true;
    };
    match fs::metadata(path) {
        Ok(m) => (m.dev(), m.ino()) == identity,
        Err(_) => false,
    }
}

/// What [`recover`] did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecoveryReport {
    /// Executions marked Failed ("interrupted").
    pub interrupted: Vec<String>,
    /// Containers killed and removed.
    pub containers_removed: Vec<String>,
    /// Containers that could not be listed or removed (the daemon may be down); the
    /// executions are marked all the same.
    pub container_errors: Vec<String>,
    /// Executions that now hold a stage lock freed here, or were READY with nobody driving
    /// them: whoever recovers should drive them on.
    pub ready: Vec<String>,
    /// The events appended (to announce).
    pub events: Vec<EventRecord>,
}

/// Mark running executions whose lock is free as Failed ("interrupted"): running actions
/// Abandoned, running stages Failed, events appended, stage locks freed; then remove their
/// containers by the execution label. Executions owned by a live process, parked ones and
/// ended ones are not touched.
pub async fn recover(
    store: &Mutex<Store>,
    runtime: &dyn ContainerRuntime,
    data_dir: &Path,
) -> Result<RecoveryReport, EngineError> {
    let mut report = RecoveryReport::default();
    let running = lock_store(store).running_executions()?;
    for execution in running {
        // Holding the lock while marking keeps a new owner from starting on it meanwhile.
        let Some(_guard) = try_acquire(data_dir, &execution.id)? else {
            continue;
        };
        let transition = lock_store(store).mark_interrupted(
            &execution.id,
            "the process running this execution ended before it finished (interrupted); its running actions were abandoned",
        )?;
        tracing::warn!(execution = %execution.id, pipeline = %execution.pipeline_name, "recovered an {INTERRUPTED} execution");
        report.events.extend(transition.events);
        report.ready.extend(transition.granted);
        report.interrupted.push(execution.id.clone());

        // Only Pipewright's containers (app label) of this execution.
        let labels = BTreeMap::from([
            (LABEL_APP.to_string(), APP_LABEL_VALUE.to_string()),
            (LABEL_EXECUTION.to_string(), execution.id.clone()),
        ]);
        match runtime.list_by_labels(&labels).await {
            Ok(ids) => {
                for id in ids {
                    // Kill fails harmlessly on a container that already ended.
                    let _ = runtime.kill(&id).await;
                    match runtime.remove(&id).await {
                        Ok(()) => report.containers_removed.push(id),
                        Err(e) => report.container_errors.push(format!("{id}: {e}")),
                    }
                }
            }
            Err(e) => report
                .container_errors
                .push(format!("containers of execution {}: {e}", execution.id)),
        }
    }
    for id in lock_store(store).ready_executions()? {
        if !report.ready.contains(&id) && !is_held(data_dir, &id)? {
            report.ready.push(id);
        }
    }
    Ok(report)
}

pub(crate) fn lock_store(store: &Mutex<Store>) -> std::sync::MutexGuard<'_, Store> {
    // A panic elsewhere while holding the store does not leave it half-written: every
    // write is one transaction, rolled back when not committed.
    store.lock().unwrap_or_else(|p| p.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "0f0e0d0c-0b0a-4908-8706-050403020100";

    #[test]
    fn one_owner_at_a_time_and_free_after_drop() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!is_held(dir.path(), ID).unwrap(), "no file yet");
        let guard = try_acquire(dir.path(), ID).unwrap().unwrap();
        assert_eq!(guard.execution_id(), ID);
        assert!(is_held(dir.path(), ID).unwrap());
        assert!(try_acquire(dir.path(), ID).unwrap().is_none());
        assert!(is_held(dir.path(), ID).unwrap(), "is_held leaves it held");
        drop(guard);
        assert!(!is_held(dir.path(), ID).unwrap());
        assert!(try_acquire(dir.path(), ID).unwrap().is_some());
    }

    #[test]
    fn ids_that_are_not_uuids_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        for bad in ["../x", "", "a/b", "zz"] {
            assert_eq!(
                try_acquire(dir.path(), bad).unwrap_err().code(),
                codes::INVALID_ID
            );
        }
    }

    #[test]
    fn a_lock_file_is_removed_only_while_free_and_a_stale_handle_is_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let path = lock_path(dir.path(), ID);
        let guard = try_acquire(dir.path(), ID).unwrap().unwrap();
        assert!(!remove_lock(dir.path(), ID).unwrap(), "held: kept");
        assert!(path.exists());
        drop(guard);
        assert!(remove_lock(dir.path(), ID).unwrap());
        assert!(!path.exists());
        assert!(
            !remove_lock(dir.path(), ID).unwrap(),
            "nothing left to remove"
        );

        // A file opened before it was deleted and replaced is not the lock any more: locking
        // it proves nothing, so the owner of the new file is still seen.
        let stale = File::create(&path).unwrap();
        fs::remove_file(&path).unwrap();
        let owner = try_acquire(dir.path(), ID).unwrap().unwrap();
        let mut stale = fd_lock::RwLock::new(stale);
        assert!(stale.try_write().is_ok(), "the stale file locks freely");
        assert!(!still_at(
            &path,
            identity(&File::open("/dev/null").unwrap())
        ));
        assert!(is_held(dir.path(), ID).unwrap());
        drop(owner);
        assert!(!is_held(dir.path(), ID).unwrap());
    }
}
