//! The store's error type: a stable code plus a message that says what to do about it.

use std::path::Path;

/// An error from the store. `code` is stable (callers match on it and it crosses IPC as
/// `{code, message}`); the message is for people and says how to fix the problem where it can.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct StoreError {
    code: &'static str,
    message: String,
}

/// Codes used by the store.
pub mod codes {
    /// The data folder cannot be determined, created, or written.
    pub const DATA_DIR: &str = "E_DATA_DIR";
    /// Another process held the database longer than the busy timeout.
    pub const DB_LOCKED: &str = "E_DB_LOCKED";
    /// The database was written by a newer Pipewright.
    pub const DB_NEWER: &str = "E_DB_NEWER";
    /// The disk holding the database is full.
    pub const DISK_FULL: &str = "E_DISK_FULL";
    /// The database file is damaged or is not a Pipewright database.
    pub const DB_CORRUPT: &str = "E_DB_CORRUPT";
    /// Any other database failure.
    pub const DB: &str = "E_DB";
    pub const NOT_FOUND: &str = "E_NOT_FOUND";
    /// A request missing something it needs (e.g. the reason of a disabled transition).
    pub const INVALID_INPUT: &str = "E_INVALID_INPUT";
    pub const EXISTS: &str = "E_EXISTS";
    pub const CONFLICT: &str = "E_CONFLICT";
    pub const INVALID_NAME: &str = "E_INVALID_NAME";
    pub const SETTING_UNKNOWN: &str = "E_SETTING_UNKNOWN";
    pub const SETTING_VALUE: &str = "E_SETTING_VALUE";
    /// A status change the state machine does not allow (e.g. Succeeded to InProgress).
    pub const INVALID_TRANSITION: &str = "E_INVALID_TRANSITION";
    /// The execution is not running (InProgress or Stopping), so it cannot be stopped.
    pub const NOT_RUNNING: &str = "E_NOT_RUNNING";
}

impl StoreError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    /// The stable code, e.g. `E_NOT_FOUND`.
    pub fn code(&self) -> &'static str {
        self.code
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    /// True when the failure lies in the environment rather than in what was asked: the data
    /// folder is unwritable or locked, the disk is full, the database is damaged or newer
    /// than this build. The CLI exits 3 for these.
    pub fn is_environment(&self) -> bool {
        matches!(
            self.code,
            codes::DATA_DIR
                | codes::DB_LOCKED
                | codes::DB_NEWER
                | codes::DISK_FULL
                | codes::DB_CORRUPT
                | codes::DB
        )
    }

    /// Map a SQLite failure on the database at `db` to a coded error.
    pub(crate) fn from_sqlite(e: rusqlite::Error, db: &Path) -> Self {
        use rusqlite::ErrorCode as C;
        let db_path = db;
        let db = db.display();
        match e.sqlite_error_code() {
            Some(C::DatabaseBusy | C::DatabaseLocked) => Self::new(
                codes::DB_LOCKED,
                format!(
                    "the database {db} stayed locked by another Pipewright process for more than 5 s; wait for it to finish and try again"
                ),
            ),
            Some(C::DiskFull) => Self::new(
                codes::DISK_FULL,
                format!("the disk holding {db} is full; free some space and try again"),
            ),
            Some(C::DatabaseCorrupt | C::NotADatabase) => Self::new(
                codes::DB_CORRUPT,
                format!(
                    "{db} is damaged or is not a Pipewright database ({e}); move it aside or use another --data-dir"
                ),
            ),
            Some(C::CannotOpen | C::ReadOnly | C::PermissionDenied | C::AuthorizationForStatementDenied) => Self::new(
                codes::DATA_DIR,
                format!(
                    "cannot write the database {db} ({e}); make its folder writable or choose another with --data-dir or PIPEWRIGHT_DATA_DIR"
                ),
            ),
            // SQLite reports a full disk while growing its shared-memory (-shm) or journal
            // file as an I/O error: look at the disk before calling it one.
            Some(C::SystemIoFailure) if disk_is_full(db_path) => Self::new(
                codes::DISK_FULL,
                format!("the disk holding {db} is full; free some space and try again"),
            ),
            Some(C::SystemIoFailure) => Self::new(
                codes::DB,
                format!("reading or writing {db} failed ({e}); check the disk and try again"),
            ),
            _ => Self::new(codes::DB, format!("database error on {db}: {e}")),
        }
    }
}

/// Errors cross IPC as `{code, message}`.
impl From<StoreError> for pipewright_core::api::IpcError {
    fn from(e: StoreError) -> Self {
        pipewright_core::api::IpcError::new(e.code, e.message)
    }
}

/// Whether the file system holding `path` has (next to) no space left for unprivileged
/// writers.
fn disk_is_full(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let dir = path.parent().unwrap_or(path);
    let Ok(c_path) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return false;
    };
    let mut stat = std::mem::MaybeUninit::<libc::statvfs>::uninit();
    // SAFETY: c_path is a valid NUL-terminated string; stat is written by statvfs on success.
    let ok = unsafe { libc::statvfs(c_path.as_ptr(), stat.as_mut_ptr()) } == 0;
    if !ok {
        return false;
    }
    // SAFETY: statvfs returned 0, so it filled the struct.
    let stat = unsafe { stat.assume_init() };
    let free = (stat.f_bavail as u128) * (stat.f_frsize as u128);
    free < 64 * 1024
}
