//! Schema migrations: a list of SQL scripts, each applied in its own IMMEDIATE transaction
//! and tracked by `PRAGMA user_version` (= how many have been applied). A database whose
//! `user_version` is higher than this list is long was written by a newer Pipewright and is
//! refused rather than guessed at.
//!
//! Never edit a migration that has shipped: append a new one. Later issues (the engine)
//! extend `executions` and add tables this way.

use rusqlite::{Connection, TransactionBehavior};

/// Every migration, in order. Index `i` moves the schema from version `i` to `i + 1`.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: pipelines with immutable versions, executions (filled by the engine later), settings.
    r#"
    CREATE TABLE pipelines (
        id      INTEGER PRIMARY KEY,
        name    TEXT NOT NULL UNIQUE,
        created TEXT NOT NULL
    );

    -- One row per saved version; rows are never updated (a trigger enforces it).
    CREATE TABLE pipeline_versions (
        pipeline_id    INTEGER NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
        version        INTEGER NOT NULL CHECK (version >= 1),
        created        TEXT NOT NULL,
        valid          INTEGER NOT NULL CHECK (valid IN (0, 1)),
        pipeline_type  TEXT NOT NULL,
        execution_mode TEXT NOT NULL,
        stage_count    INTEGER NOT NULL,
        action_count   INTEGER NOT NULL,
        document       TEXT NOT NULL,
        PRIMARY KEY (pipeline_id, version)
    );

    CREATE TRIGGER pipeline_versions_immutable
    BEFORE UPDATE ON pipeline_versions
    BEGIN
        SELECT RAISE(ABORT, 'pipeline versions are immutable: save a new version instead');
    END;

    CREATE TABLE executions (
        id               TEXT PRIMARY KEY,
        pipeline_id      INTEGER NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
        pipeline_version INTEGER NOT NULL,
        status           TEXT NOT NULL,
        start_time       TEXT NOT NULL,
        last_update_time TEXT NOT NULL,
        trigger_type     TEXT NOT NULL,
        trigger_detail   TEXT,
        FOREIGN KEY (pipeline_id, pipeline_version)
            REFERENCES pipeline_versions(pipeline_id, version) ON DELETE CASCADE
    );
    CREATE INDEX executions_by_pipeline ON executions(pipeline_id, start_time);

    CREATE TABLE settings (
        key     TEXT PRIMARY KEY,
        value   TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    "#,
];

/// The schema version this build writes.
pub(crate) fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

pub(crate) fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// What `migrate` found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum MigrateOutcome {
    /// Now at the latest version (`applied` migrations were run by this call).
    UpToDate { applied: usize },
    /// The database is at `found`, newer than the `known` versions of this build.
    Newer { found: i64, known: i64 },
}

/// Apply the pending `migrations`, each in one IMMEDIATE transaction that re-reads
/// `user_version` first, so two processes opening one fresh folder at once do not both apply
/// the same migration.
pub(crate) fn migrate(
    conn: &mut Connection,
    migrations: &[&str],
) -> rusqlite::Result<MigrateOutcome> {
    let known = migrations.len() as i64;
    let mut applied = 0;
    loop {
        let current = user_version(conn)?;
        if current > known {
            return Ok(MigrateOutcome::Newer {
                found: current,
                known,
            });
        }
        if current == known {
            return Ok(MigrateOutcome::UpToDate { applied });
        }
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = user_version(&tx)?;
        if current < known {
            let index = usize::try_from(current).unwrap_or(0);
            tx.execute_batch(migrations[index])?;
            tx.pragma_update(None, "user_version", current + 1)?;
            applied += 1;
        }
        tx.commit()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn memory() -> Connection {
        Connection::open_in_memory().unwrap()
    }

    #[test]
    fn applies_all_migrations_once() {
        let mut conn = memory();
        assert_eq!(
            migrate(&mut conn, MIGRATIONS).unwrap(),
            MigrateOutcome::UpToDate {
                applied: MIGRATIONS.len()
            }
        );
        assert_eq!(user_version(&conn).unwrap(), latest());
        assert_eq!(
            migrate(&mut conn, MIGRATIONS).unwrap(),
            MigrateOutcome::UpToDate { applied: 0 }
        );
        for table in ["pipelines", "pipeline_versions", "executions", "settings"] {
            let n: i64 = conn
                .query_row(
                    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                    [table],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(n, 1, "table {table}");
        }
    }

    #[test]
    fn later_migrations_run_on_an_older_database() {
        let mut conn = memory();
        let v1: &[&str] = &["CREATE TABLE a (x INTEGER);"];
        let v2: &[&str] = &[
            "CREATE TABLE a (x INTEGER);",
            "ALTER TABLE a ADD COLUMN y TEXT;",
        ];
        migrate(&mut conn, v1).unwrap();
        assert_eq!(
            migrate(&mut conn, v2).unwrap(),
            MigrateOutcome::UpToDate { applied: 1 }
        );
        conn.execute("INSERT INTO a (x, y) VALUES (1, 'z')", [])
            .unwrap();
        assert_eq!(user_version(&conn).unwrap(), 2);
    }

    #[test]
    fn a_failing_migration_leaves_no_trace() {
        let mut conn = memory();
        let good: &[&str] = &["CREATE TABLE a (x INTEGER);"];
        migrate(&mut conn, good).unwrap();
        let bad: &[&str] = &[
            "CREATE TABLE a (x INTEGER);",
            "CREATE TABLE b (x INTEGER); THIS IS NOT SQL;",
        ];
        assert!(migrate(&mut conn, bad).is_err());
        assert_eq!(user_version(&conn).unwrap(), 1);
        let b: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE name = 'b'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(b, 0, "table b must be rolled back with its migration");
    }

    #[test]
    fn a_newer_database_is_reported_untouched() {
        let mut conn = memory();
        conn.pragma_update(None, "user_version", 99).unwrap();
        assert_eq!(
            migrate(&mut conn, MIGRATIONS).unwrap(),
            MigrateOutcome::Newer {
                found: 99,
                known: latest()
            }
        );
        assert_eq!(user_version(&conn).unwrap(), 99);
    }
}
