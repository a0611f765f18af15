//! Pipewright's store: SQLite through rusqlite, and the only code that writes SQL.
//!
//! - [`resolve_data_dir`] decides the data folder for the app and the CLI alike.
//! - [`Store::open`] creates the folder, opens `pipewright.db` (WAL, foreign keys, a 5 s busy
//!   timeout, `synchronous=NORMAL`) and runs the migrations; a database written by a newer
//!   Pipewright is refused with `E_DB_NEWER`.
//! - Pipelines are stored as immutable versions (1, 2, 3, …) with optimistic concurrency
//!   ([`SaveBase`]); each version keeps its `valid` flag.
//! - Settings shared by the app's settings screen and `pipewright config`.
//! - The first-run sample ([`Store::ensure_sample`]), once per data folder.
//! - [`execution`]: execution records (statuses, stages, actions, artifacts, events, stop
//!   requests, stage locks) and their API-shaped JSON listings.
//!
//! The app and the CLI may use one folder at the same time: WAL lets readers go on while one
//! writer writes, writes take the lock up front (`BEGIN IMMEDIATE`), and a process that finds
//! the database busy waits up to 5 s before failing with `E_DB_LOCKED`.

mod data_dir;
pub mod debug;
mod error;
pub mod execution;
mod first_run;
mod migrations;
mod notifications;
mod pipelines;
mod settings;

pub use data_dir::{database_path, resolve_data_dir, DATABASE_FILE, DATA_DIR_ENV};
pub use error::{codes, StoreError};
pub use first_run::SamplePaths;
pub use pipelines::{Deleted, SaveBase, StoredPipeline, VersionInfo};
pub use settings::{known_keys, Setting, ARTIFACTS_KEEP_EXECUTIONS, IMAGES_DEFAULT, IMAGES_PULL};
pub use settings::{
    parse_bool, per_pipeline_notifications, pipeline_notifications_key, NotificationSettings,
    NOTIFICATIONS_ENABLED,
};

use migrations::MigrateOutcome;
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a process waits for another one's write before giving up with `E_DB_LOCKED`.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open database. Owns its connection; `Send`, so it can live behind a mutex in the app.
pub struct Store {
    conn: Connection,
    db_path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("db_path", &self.db_path)
            .finish()
    }
}

impl Store {
    /// Open (creating when needed) the store in `data_dir`, and bring its schema up to date.
    pub fn open(data_dir: &Path) -> Result<Store, StoreError> {
        if let Err(e) = std::fs::create_dir_all(data_dir) {
            return Err(data_dir_error(data_dir, &e.to_string()));
        }
        if !data_dir.is_dir() {
            return Err(data_dir_error(data_dir, "it is not a folder"));
        }
        let db_path = database_path(data_dir);
        let conn = Connection::open(&db_path).map_err(|e| open_error(&db_path, data_dir, e))?;
        let mut store = Store { conn, db_path };
        let outcome = store
            .configure_and_migrate()
            .map_err(|e| open_error(&store.db_path, data_dir, e))?;
        if let MigrateOutcome::Newer { found, known } = outcome {
            return Err(StoreError::new(
                codes::DB_NEWER,
                format!(
                    "{} was written by a newer Pipewright (schema {found}, this build knows {known}); upgrade Pipewright or use another --data-dir",
                    store.db_path.display()
                ),
            ));
        }
        Ok(store)
    }

    /// Path of the database file.
    pub fn database_path(&self) -> &Path {
        &self.db_path
    }

    /// The schema version of the open database (how many migrations it has).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        migrations::user_version(&self.conn).map_err(|e| self.sql_err(e))
    }

    /// Change how long this connection waits for another process's write (default
    /// [`BUSY_TIMEOUT`]).
    pub fn set_busy_timeout(&self, timeout: Duration) -> Result<(), StoreError> {
        self.conn.busy_timeout(timeout).map_err(|e| self.sql_err(e))
    }

    /// The schema version this build writes.
    pub fn latest_schema_version() -> i64 {
        migrations::latest()
    }

    /// Pragmas and migrations. While another connection is switching a fresh database to WAL
    /// or recovering its WAL, SQLite can answer SQLITE_BUSY without calling the busy handler;
    /// such answers are retried here for up to the busy timeout.
    fn configure_and_migrate(&mut self) -> rusqlite::Result<MigrateOutcome> {
        let started = std::time::Instant::now();
        loop {
            let attempt = self
                .configure()
                .and_then(|()| migrations::migrate(&mut self.conn, migrations::MIGRATIONS));
            match attempt {
                Err(e)
                    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                        && started.elapsed() < BUSY_TIMEOUT =>
                {
                    std::thread::sleep(Duration::from_millis(20));
                }
                other => return other,
            }
        }
    }

    fn configure(&self) -> rusqlite::Result<()> {
        // The busy timeout first: switching to WAL needs a lock another process may hold.
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // Some file systems cannot do WAL; SQLite then keeps its rollback journal, which is
        // still correct, only less concurrent, so the answer is not checked.
        let _mode: String =
            self.conn
                .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        Ok(())
    }

    pub(crate) fn sql_err(&self, e: rusqlite::Error) -> StoreError {
        StoreError::from_sqlite(e, &self.db_path)
    }
}

fn data_dir_error(data_dir: &Path, why: &str) -> StoreError {
    StoreError::new(
        codes::DATA_DIR,
        format!(
            "cannot use {} as the data folder ({why}); choose another with --data-dir or {DATA_DIR_ENV}",
            data_dir.display()
        ),
    )
}

/// Failures while opening: "cannot open" and "read-only" mean the folder is unusable.
fn open_error(db_path: &Path, data_dir: &Path, e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode as C;
    match e.sqlite_error_code() {
        Some(C::CannotOpen | C::ReadOnly | C::PermissionDenied) => data_dir_error(
            data_dir,
            &format!("cannot write {}: {e}", db_path.display()),
        ),
        _ => StoreError::from_sqlite(e, db_path),
    }
}

/// `ago` before now, in the same RFC 3339 form as every stored time (for `--since`).
pub fn rfc3339_ago(ago: Duration) -> String {
    use time::macros::format_description;
    let format =
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
    (time::OffsetDateTime::now_utc() - ago)
        .format(format)
        .unwrap_or_else(|_| "1970-01-01T00:00:00.000Z".to_string())
}

/// A time `ahead` from now, in the same format (deadlines).
pub fn rfc3339_in(ahead: Duration) -> String {
    use time::macros::format_description;
    let format =
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
    (time::OffsetDateTime::now_utc() + ahead)
        .format(format)
        .unwrap_or_else(|_| "9999-12-31T23:59:59.999Z".to_string())
}

/// Now, as RFC 3339 UTC with milliseconds (sorts as text): `2024-05-01T12:00:00.123Z`.
pub(crate) fn now_rfc3339() -> String {
    rfc3339_ago(Duration::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(name: &str) -> pipewright_core::PipelineDocument {
        serde_json::from_value(serde_json::json!({"pipeline": {"name": name, "stages": []}}))
            .unwrap()
    }

    #[test]
    fn store_is_send() {
        fn assert_send<T: Send>() {}
        assert_send::<Store>();
    }

    #[test]
    fn pragmas_are_set_on_every_connection() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let get = |p: &str| -> String {
            store
                .conn
                .query_row(&format!("PRAGMA {p}"), [], |r| {
                    r.get::<_, rusqlite::types::Value>(0)
                })
                .map(|v| format!("{v:?}"))
                .unwrap()
        };
        assert_eq!(get("journal_mode"), "Text(\"wal\")");
        assert_eq!(get("foreign_keys"), "Integer(1)");
        assert_eq!(get("synchronous"), "Integer(1)"); // NORMAL
        assert_eq!(get("busy_timeout"), "Integer(5000)");
    }

    #[test]
    fn a_full_disk_is_reported_as_such() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let pages: i64 = store
            .conn
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .unwrap();
        // Cap the file at its current size: the next page it needs is "disk full".
        store
            .conn
            .pragma_update(None, "max_page_count", pages)
            .unwrap();
        let mut big = doc("big");
        big.pipeline.extra.insert(
            "padding".into(),
            serde_json::Value::String("x".repeat(1 << 20)),
        );
        let err = store.save_pipeline(&big, true, SaveBase::New).unwrap_err();
        assert_eq!(err.code(), "E_DISK_FULL", "{err}");
        assert!(err.message().contains("full"), "{err}");
        assert!(err.is_environment());
        // Nothing half-saved.
        store
            .conn
            .pragma_update(None, "max_page_count", 1_073_741_823i64)
            .unwrap();
        assert!(store.list_pipelines().unwrap().is_empty());
    }

    #[test]
    fn timestamps_are_rfc3339_utc() {
        let now = now_rfc3339();
        assert!(
            time::OffsetDateTime::parse(&now, &time::format_description::well_known::Rfc3339)
                .is_ok(),
            "{now}"
        );
        assert!(now.ends_with('Z'), "{now}");
    }
}
