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
    // 2: execution records (the engine's state machine), events, stop requests, stage locks.
    MIGRATION_2_EXECUTIONS,
    // 3: one-time facts about this data folder (e.g. that the first-run sample was offered).
    r#"
    CREATE TABLE app_state (
        key     TEXT PRIMARY KEY,
        value   TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    "#,
    // 4: manual approvals and pause points (parked executions waiting for a decision), and
    // disabled stage transitions.
    MIGRATION_4_WAITS,
    // 5: the history list: executions' branch (from the source's BranchName) and indexes for
    // filtered keyset pages.
    crate::execution::history::MIGRATION,
    // 6: metrics rollups (runs, stage and action durations, recoveries) kept by triggers.
    crate::execution::metrics::MIGRATION,
    // 7: local debugging: "pause before" points, keeping failed containers, kept containers.
    crate::debug::MIGRATION,
];

/// Migration 4: what a parked execution waits for besides a stage lock. `wait_reason` says
/// why an execution is parked WAITING: NULL or 'STAGE_LOCK' (for the lock of `next_stage`),
/// 'APPROVAL' (a pending row in `approvals`, in the stage it is in), 'TRANSITION' (the
/// transition into `next_stage` is disabled). Only STAGE_LOCK waiters are granted locks.
const MIGRATION_4_WAITS: &str = r#"
    ALTER TABLE executions ADD COLUMN wait_reason TEXT;

    -- One row per decision asked for: a Manual approval action, or a "pause before" point.
    CREATE TABLE approvals (
        action_execution_id TEXT PRIMARY KEY REFERENCES action_executions(id) ON DELETE CASCADE,
        execution_id        TEXT NOT NULL REFERENCES executions(id) ON DELETE CASCADE,
        stage_name          TEXT NOT NULL,
        action_name         TEXT NOT NULL,
        kind                TEXT NOT NULL CHECK (kind IN ('APPROVAL', 'PAUSE')),
        requested_time      TEXT NOT NULL,
        -- RFC 3339; when a pending approval times out (NULL: never)
        deadline            TEXT,
        status              TEXT NOT NULL
            CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'TIMED_OUT', 'CANCELLED')),
        decided_time        TEXT,
        decided_by          TEXT,
        comment             TEXT,
        custom_data         TEXT,
        external_link       TEXT
    );
    CREATE INDEX approvals_by_execution ON approvals(execution_id);
    CREATE INDEX approvals_pending ON approvals(status, deadline) WHERE status = 'PENDING';

    -- Disabled transitions into a stage (CodePipeline's DisableStageTransition, inbound).
    CREATE TABLE disabled_transitions (
        pipeline_id   INTEGER NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
        stage_name    TEXT NOT NULL,
        reason        TEXT NOT NULL,
        disabled_by   TEXT,
        disabled_time TEXT NOT NULL,
        PRIMARY KEY (pipeline_id, stage_name)
    );
"#;

/// Migration 2: everything an execution records. `executions` (from migration 1) gains its
/// status reason and summary, mode, resolved variables, source revisions and where it is
/// parked; stage, action and artifact records, the append-only event log, stop requests
/// and stage locks hang off it and go with it.
const MIGRATION_2_EXECUTIONS: &str = r#"
    ALTER TABLE executions ADD COLUMN status_reason TEXT;
    ALTER TABLE executions ADD COLUMN status_summary TEXT;
    ALTER TABLE executions ADD COLUMN execution_mode TEXT NOT NULL DEFAULT 'SUPERSEDED';
    -- [{"name", "resolvedValue"}] as in GetPipelineExecution
    ALTER TABLE executions ADD COLUMN variables TEXT NOT NULL DEFAULT '[]';
    -- [{"actionName", "revisionId", "revisionSummary", "revisionUrl"}]
    ALTER TABLE executions ADD COLUMN source_revisions TEXT NOT NULL DEFAULT '[]';
    -- NULL while an owner drives it; 'WAITING' for the stage lock of next_stage; 'READY' to
    -- be driven by whichever process takes it (lock granted, or handed to a worker).
    ALTER TABLE executions ADD COLUMN parked TEXT CHECK (parked IN ('WAITING', 'READY'));
    -- The stage to enter when driven next (a waited-for or retried stage), and how.
    ALTER TABLE executions ADD COLUMN next_stage TEXT;
    ALTER TABLE executions ADD COLUMN retry_mode TEXT;
    ALTER TABLE executions ADD COLUMN retry_trigger TEXT;
    CREATE INDEX executions_by_status ON executions(status);

    CREATE TABLE stage_executions (
        execution_id     TEXT NOT NULL REFERENCES executions(id) ON DELETE CASCADE,
        stage_name       TEXT NOT NULL,
        stage_index      INTEGER NOT NULL,
        attempt          INTEGER NOT NULL CHECK (attempt >= 1),
        status           TEXT NOT NULL,
        start_time       TEXT NOT NULL,
        last_update_time TEXT NOT NULL,
        status_reason    TEXT,
        retry_mode       TEXT,
        retry_trigger    TEXT,
        PRIMARY KEY (execution_id, stage_name, attempt)
    );

    CREATE TABLE action_executions (
        id                         TEXT PRIMARY KEY,
        execution_id               TEXT NOT NULL REFERENCES executions(id) ON DELETE CASCADE,
        stage_name                 TEXT NOT NULL,
        action_name                TEXT NOT NULL,
        attempt                    INTEGER NOT NULL CHECK (attempt >= 1),
        category                   TEXT NOT NULL,
        owner                      TEXT NOT NULL,
        provider                   TEXT NOT NULL,
        provider_version           TEXT NOT NULL,
        status                     TEXT NOT NULL,
        start_time                 TEXT NOT NULL,
        last_update_time           TEXT NOT NULL,
        exit_code                  INTEGER,
        error_summary              TEXT,
        container_id               TEXT,
        image                      TEXT,
        log_path                   TEXT,
        output_variables           TEXT NOT NULL DEFAULT '{}',
        external_execution_url     TEXT,
        external_execution_summary TEXT
    );
    CREATE INDEX action_executions_by_execution
        ON action_executions(execution_id, stage_name, action_name, attempt);
    CREATE INDEX action_executions_by_status ON action_executions(status);

    -- Artifact revisions each action execution consumed (input) or produced (output).
    CREATE TABLE action_artifacts (
        action_execution_id TEXT NOT NULL REFERENCES action_executions(id) ON DELETE CASCADE,
        direction           TEXT NOT NULL CHECK (direction IN ('input', 'output')),
        name                TEXT NOT NULL,
        digest              TEXT NOT NULL,
        size                INTEGER NOT NULL,
        file_count          INTEGER NOT NULL,
        PRIMARY KEY (action_execution_id, direction, name)
    );
    CREATE INDEX action_artifacts_by_digest ON action_artifacts(digest);

    -- Append-only: every transition appends one row in the transaction that makes it.
    CREATE TABLE events (
        seq           INTEGER PRIMARY KEY AUTOINCREMENT,
        time          TEXT NOT NULL,
        detail_type   TEXT NOT NULL,
        state         TEXT NOT NULL,
        execution_id  TEXT NOT NULL REFERENCES executions(id) ON DELETE CASCADE,
        pipeline_name TEXT NOT NULL,
        stage_name    TEXT,
        action_name   TEXT,
        detail        TEXT NOT NULL
    );
    CREATE INDEX events_by_execution ON events(execution_id, seq);

    CREATE TRIGGER events_append_only
    BEFORE UPDATE ON events
    BEGIN
        SELECT RAISE(ABORT, 'events are append-only');
    END;

    -- Written by any process; the owner of the execution polls them and marks them handled.
    CREATE TABLE stop_requests (
        id             INTEGER PRIMARY KEY,
        execution_id   TEXT NOT NULL REFERENCES executions(id) ON DELETE CASCADE,
        abandon        INTEGER NOT NULL CHECK (abandon IN (0, 1)),
        reason         TEXT,
        requested_time TEXT NOT NULL,
        handled_time   TEXT
    );
    CREATE INDEX stop_requests_pending ON stop_requests(execution_id, handled_time);

    -- QUEUED and SUPERSEDED: one execution at a time in each stage of a pipeline.
    CREATE TABLE stage_locks (
        pipeline_id   INTEGER NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
        stage_name    TEXT NOT NULL,
        execution_id  TEXT NOT NULL REFERENCES executions(id) ON DELETE CASCADE,
        acquired_time TEXT NOT NULL,
        PRIMARY KEY (pipeline_id, stage_name)
    );
    CREATE INDEX stage_locks_by_execution ON stage_locks(execution_id);
"#;

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
        for table in [
            "pipelines",
            "pipeline_versions",
            "executions",
            "settings",
            "stage_executions",
            "action_executions",
            "action_artifacts",
            "events",
            "stop_requests",
            "stage_locks",
            "app_state",
        ] {
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
    fn migration_2_keeps_executions_recorded_by_version_1() {
        let mut conn = memory();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        migrate(&mut conn, &MIGRATIONS[..1]).unwrap();
        conn.execute_batch(
            "INSERT INTO pipelines (id, name, created) VALUES (1, 'p', '2024-01-01T00:00:00.000Z');
             INSERT INTO pipeline_versions VALUES (1, 1, '2024-01-01T00:00:00.000Z', 1, 'V2',
                 'QUEUED', 0, 0, '{\"pipeline\":{\"name\":\"p\",\"stages\":[]}}');
             INSERT INTO executions (id, pipeline_id, pipeline_version, status, start_time,
                 last_update_time, trigger_type)
             VALUES ('e1', 1, 1, 'Succeeded', '2024-01-01T00:00:00.000Z',
                 '2024-01-01T00:00:00.000Z', 'StartPipelineExecution');",
        )
        .unwrap();
        assert_eq!(
            migrate(&mut conn, MIGRATIONS).unwrap(),
            MigrateOutcome::UpToDate {
                applied: MIGRATIONS.len() - 1
            }
        );
        let record = crate::execution::rows_for_tests::load(&conn, "e1");
        assert_eq!(record.status.as_str(), "Succeeded");
        assert!(record.variables.is_empty());
        assert!(record.source_revisions.is_empty());
        assert_eq!(record.parked, None);
        // Events are append-only.
        conn.execute(
            "INSERT INTO events (time, detail_type, state, execution_id, pipeline_name, detail)
             VALUES ('t', 'd', 'STARTED', 'e1', 'p', '{}')",
            [],
        )
        .unwrap();
        let err = conn
            .execute("UPDATE events SET state = 'FAILED'", [])
            .unwrap_err();
        assert!(err.to_string().contains("append-only"), "{err}");
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
