//! The metrics (`Store::metrics`) over known executions: counts, success rate, exact
//! execution percentiles, per-day figures, stage and action durations, failure hotspots,
//! mean time to recovery and approval wait; `since` bounds (a date, a time inside a day);
//! rollups kept right through status changes, retries and deletes, and filled by the
//! migration from rows recorded before it.

use pipewright_core::api::Metrics;
use pipewright_store::{SaveBase, Store};
use rusqlite::Connection;

/// `seconds` after 2026-11-20T10:00:00Z, as stored.
fn time(seconds: i64) -> String {
    let t = 10 * 3600 + seconds;
    let days = t.div_euclid(86_400);
    let s = t.rem_euclid(86_400);
    // 2026-11-20 is day 0 here; tests stay within November 2026.
    format!(
        "2026-11-{:02}T{:02}:{:02}:{:02}.000Z",
        20 + days,
        s / 3600,
        s % 3600 / 60,
        s % 60
    )
}

struct Fixture {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    store: Store,
    raw: Connection,
}

fn fixture(pipelines: &[&str]) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    for name in pipelines {
        let doc: pipewright_core::PipelineDocument =
            serde_json::from_value(serde_json::json!({"pipeline": {"name": name, "stages": []}}))
                .unwrap();
        store.save_pipeline(&doc, true, SaveBase::New).unwrap();
    }
    let path = dir.path().to_path_buf();
    let raw = Connection::open(path.join(pipewright_store::DATABASE_FILE)).unwrap();
    raw.pragma_update(None, "foreign_keys", "ON").unwrap();
    Fixture {
        _dir: dir,
        path,
        store,
        raw,
    }
}

impl Fixture {
    /// An execution `id` of `pipeline` started `start` s after T0, lasting `secs`, with one
    /// stage Build and one action Compile of the same times and `action` status.
    fn run(&self, id: &str, pipeline: &str, status: &str, start: i64, secs: i64, action: &str) {
        let (s, e) = (time(start), time(start + secs));
        self.raw
            .execute(
                "INSERT INTO executions (id, pipeline_id, pipeline_version, status, start_time,
                     last_update_time, trigger_type)
                 SELECT ?1, id, 1, ?2, ?3, ?4, 'StartPipelineExecution' FROM pipelines
                 WHERE name = ?5",
                (id, status, &s, &e, pipeline),
            )
            .unwrap();
        let stage = match action {
            "Abandoned" => "Stopped",
            other => other,
        };
        self.raw
            .execute(
                "INSERT INTO stage_executions (execution_id, stage_name, stage_index, attempt,
                     status, start_time, last_update_time)
                 VALUES (?1, 'Build', 1, 1, ?2, ?3, ?4)",
                (id, stage, &s, &e),
            )
            .unwrap();
        self.raw
            .execute(
                "INSERT INTO action_executions (id, execution_id, stage_name, action_name,
                     attempt, category, owner, provider, provider_version, status, start_time,
                     last_update_time)
                 VALUES (?1 || '-a', ?1, 'Build', 'Compile', 1, 'Build', 'Custom', 'Container',
                     '1', ?2, ?3, ?4)",
                (id, action, &s, &e),
            )
            .unwrap();
    }

    fn approval(&self, execution: &str, status: &str, requested: i64, decided: Option<i64>) {
        self.raw
            .execute(
                "INSERT INTO action_executions (id, execution_id, stage_name, action_name,
                     attempt, category, owner, provider, provider_version, status, start_time,
                     last_update_time)
                 VALUES (?1 || '-gate', ?1, 'Gate', 'Approve', 1, 'Approval', 'AWS', 'Manual',
                     '1', 'InProgress', ?2, ?2)",
                (execution, time(requested)),
            )
            .unwrap();
        self.raw
            .execute(
                "INSERT INTO approvals (action_execution_id, execution_id, stage_name,
                     action_name, kind, requested_time, status, decided_time)
                 VALUES (?1 || '-gate', ?1, 'Gate', 'Approve', 'APPROVAL', ?2, ?3, ?4)",
                (execution, time(requested), status, decided.map(time)),
            )
            .unwrap();
    }

    fn set(&self, id: &str, status: &str, end: i64) {
        self.raw
            .execute(
                "UPDATE executions SET status = ?2, last_update_time = ?3 WHERE id = ?1",
                (id, status, time(end)),
            )
            .unwrap();
    }
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 0.5)
}

/// p: ok 10 s, failed 20 s, failed 30 s, ok 40 s (minutes 0, 5, 10, 15), one running the
/// next day; q: stopped 50 s.
fn known() -> Fixture {
    let f = fixture(&["p", "q"]);
    f.run("e0", "p", "Succeeded", 0, 10, "Succeeded");
    f.run("e1", "p", "Failed", 300, 20, "Failed");
    f.run("e2", "p", "Failed", 600, 30, "Failed");
    f.run("e3", "p", "Succeeded", 900, 40, "Succeeded");
    f.run("e4", "p", "InProgress", 86_400 + 60, 5, "InProgress");
    f.run("e5", "q", "Stopped", 180, 50, "Abandoned");
    f.approval("e3", "APPROVED", 945, Some(1065));
    f.approval("e4", "PENDING", 86_470, None);
    f.approval("e5", "REJECTED", 200, Some(260));
    f
}

#[test]
fn counts_rates_durations_days_steps_hotspots_recovery_and_approvals() {
    let f = known();
    let m = f.store.metrics(Some("p"), None).unwrap();
    assert_eq!(m.pipeline_name.as_deref(), Some("p"));
    let e = &m.executions;
    assert_eq!(
        (e.total, e.succeeded, e.failed, e.in_progress),
        (5, 2, 2, 1)
    );
    assert_eq!(m.success_rate, Some(0.5));
    assert_eq!(
        m.duration.count, 4,
        "running executions have no duration yet"
    );
    assert_eq!(m.duration.p50_ms, Some(20_000.0));
    assert_eq!(m.duration.p95_ms, Some(40_000.0));
    assert_eq!(m.duration.mean_ms, Some(25_000.0));
    assert_eq!(m.per_day.len(), 2);
    assert_eq!(m.per_day[0].date, "2026-11-20");
    assert_eq!(m.per_day[0].executions.total, 4);
    assert_eq!(m.per_day[0].duration.p50_ms, Some(20_000.0));
    assert_eq!(m.per_day[1].date, "2026-11-21");
    assert_eq!(m.per_day[1].executions.in_progress, 1);
    assert_eq!(m.per_day[1].duration.count, 0);
    // The first failure after the first success ended at 10:05:20, the next success at
    // 10:15:40.
    assert_eq!(m.recoveries, 1);
    assert!(close(m.mean_time_to_recovery_ms, 620_000.0), "{m:?}");

    let compile = m
        .actions
        .iter()
        .find(|a| a.action_name.as_deref() == Some("Compile"))
        .unwrap();
    assert_eq!(compile.pipeline_name, "p");
    assert_eq!((compile.runs, compile.failures), (4, 2));
    assert_eq!(compile.failure_rate, 0.5);
    // 20 s is in the bucket 20.0–20.9 s, reported at its middle; the mean is exact.
    assert_eq!(compile.duration.p50_ms, Some(20_500.0));
    assert_eq!(compile.duration.p95_ms, Some(40_500.0));
    assert_eq!(compile.duration.mean_ms, Some(25_000.0));
    assert_eq!(m.stages.len(), 1);
    assert_eq!(
        (m.stages[0].stage_name.as_str(), m.stages[0].runs),
        ("Build", 4)
    );
    assert!(m.stages[0].action_name.is_none());
    assert_eq!(m.failure_hotspots.len(), 1);
    assert_eq!(
        m.failure_hotspots[0].action_name.as_deref(),
        Some("Compile")
    );
    // The gate's approval: requested 10:15:45, approved 10:17:45; one still pending.
    assert_eq!(m.approval_wait.count, 1);
    assert!(close(m.approval_wait.p50_ms, 120_000.0));
    assert_eq!(m.approvals_pending, 1);

    let all = f.store.metrics(None, None).unwrap();
    assert_eq!(all.pipeline_name, None);
    assert_eq!((all.executions.total, all.executions.stopped), (6, 1));
    assert_eq!(all.success_rate, Some(2.0 / 5.0));
    assert_eq!(all.duration.p95_ms, Some(50_000.0));
    assert_eq!(all.approval_wait.count, 2);
    assert!(close(all.approval_wait.p50_ms, 60_000.0));
    assert!(close(all.approval_wait.p95_ms, 120_000.0));
    assert!(close(all.approval_wait.mean_ms, 90_000.0));
    // Compile of p and of q; the gates' actions never ended (their approvals carry the wait).
    assert_eq!(all.actions.len(), 2, "{:?}", all.actions);
    assert_eq!(all.actions[1].pipeline_name, "q");

    let q = f.store.metrics(Some("q"), None).unwrap();
    assert_eq!(q.success_rate, Some(0.0));
    assert_eq!(q.recoveries, 0);
    assert_eq!(q.mean_time_to_recovery_ms, None);
}

#[test]
fn since_a_date_or_a_time_inside_a_day_is_exact() {
    let f = known();
    let day = f.store.metrics(Some("p"), Some("2026-11-21")).unwrap();
    assert_eq!(day.executions.total, 1);
    assert_eq!(day.executions.in_progress, 1);
    assert_eq!(day.success_rate, None);
    assert!(day
        .actions
        .iter()
        .all(|a| a.runs == 0 || a.action_name.as_deref() == Some("Approve")));

    // From 10:05 on the first day: that day comes from the records, not the rollups.
    let part = f
        .store
        .metrics(Some("p"), Some("2026-11-20T10:05:00Z"))
        .unwrap();
    assert_eq!(part.since.as_deref(), Some("2026-11-20T10:05:00.000Z"));
    assert_eq!(part.executions.total, 4);
    assert_eq!(part.duration.count, 3);
    assert_eq!(part.duration.p50_ms, Some(30_000.0));
    let compile = part
        .actions
        .iter()
        .find(|a| a.action_name.as_deref() == Some("Compile"))
        .unwrap();
    assert_eq!((compile.runs, compile.failures), (3, 2));
    assert_eq!(compile.duration.mean_ms, Some(30_000.0));
    assert_eq!(compile.duration.p50_ms, Some(30_500.0));
    assert_eq!(part.recoveries, 1);

    // An offset is read as the same instant in UTC.
    let offset = f
        .store
        .metrics(Some("p"), Some("2026-11-20T12:05:00+02:00"))
        .unwrap();
    assert_eq!(offset.executions, part.executions);
    assert_eq!(offset.actions, part.actions);

    let err = f.store.metrics(Some("p"), Some("yesterday")).unwrap_err();
    assert_eq!(err.code(), "E_INVALID_FILTER");
    let err = f.store.metrics(Some("nope"), None).unwrap_err();
    assert_eq!(err.code(), "E_NOT_FOUND");
}

#[test]
fn rollups_follow_status_changes_retries_and_deletes() {
    let f = fixture(&["p"]);
    f.run("r1", "p", "InProgress", 0, 0, "InProgress");
    let m = f.store.metrics(Some("p"), None).unwrap();
    assert_eq!((m.executions.in_progress, m.duration.count), (1, 0));
    assert!(m.actions.is_empty());

    // It fails after 30 s, then a retry runs it on to success at 100 s.
    f.set("r1", "Failed", 30);
    f.raw
        .execute(
            "UPDATE action_executions SET status = 'Failed', last_update_time = ?1",
            [time(30)],
        )
        .unwrap();
    let m = f.store.metrics(Some("p"), None).unwrap();
    assert_eq!(
        (m.executions.failed, m.duration.p50_ms),
        (1, Some(30_000.0))
    );
    assert_eq!(m.failure_hotspots.len(), 1);
    f.set("r1", "InProgress", 40);
    f.set("r1", "Succeeded", 100);
    let m = f.store.metrics(Some("p"), None).unwrap();
    assert_eq!(m.executions.total, 1);
    assert_eq!((m.executions.succeeded, m.executions.failed), (1, 0));
    assert_eq!(m.duration.p50_ms, Some(100_000.0));

    // Another execution fails, then one succeeds: one recovery.
    f.run("r2", "p", "Failed", 200, 10, "Failed");
    f.run("r3", "p", "Succeeded", 300, 10, "Succeeded");
    let m = f.store.metrics(Some("p"), None).unwrap();
    assert_eq!(m.recoveries, 1);
    assert!(close(m.mean_time_to_recovery_ms, 100_000.0));

    // Deleting executions takes them out of every rollup.
    f.raw
        .execute("DELETE FROM executions WHERE id IN ('r2', 'r3')", [])
        .unwrap();
    let m = f.store.metrics(Some("p"), None).unwrap();
    assert_eq!(m.executions.total, 1);
    assert_eq!(m.recoveries, 0);
    let compile = &m.actions[0];
    assert_eq!(
        (compile.runs, compile.failures),
        (1, 1),
        "r1's action stayed Failed"
    );
    f.raw
        .execute("DELETE FROM pipelines WHERE name = 'p'", [])
        .unwrap();
    for table in [
        "metric_runs",
        "metric_steps",
        "metric_step_totals",
        "metric_recoveries",
    ] {
        let n: i64 = f
            .raw
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0, "{table}");
    }
}

/// The same numbers, whatever generated them.
fn same(a: &Metrics, b: &Metrics) {
    let strip = |m: &Metrics| Metrics {
        generated_time: String::new(),
        ..m.clone()
    };
    assert_eq!(strip(a), strip(b));
}

#[test]
fn the_migration_fills_the_rollups_from_rows_recorded_before_it() {
    let f = known();
    let before = f.store.metrics(None, None).unwrap();
    let before_p = f
        .store
        .metrics(Some("p"), Some("2026-11-20T10:04:00Z"))
        .unwrap();
    // Back to schema 5: no rollups, no triggers; the next open migrates again.
    let names: Vec<(String, String)> = f
        .raw
        .prepare(
            "SELECT type, name FROM sqlite_master WHERE name LIKE 'metric%'
               OR name = 'executions_by_outcome' ORDER BY type = 'table'",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(names.len() > 10, "{names:?}");
    for (kind, name) in &names {
        if kind != "index" || name == "executions_by_outcome" {
            f.raw
                .execute_batch(&format!("DROP {} IF EXISTS {name}", kind.to_uppercase()))
                .unwrap();
        }
    }
    // Migration 7 (debugging) comes after it: undo it too.
    f.raw
        .execute_batch(
            "DROP TABLE pause_points; DROP TABLE debug_settings;
             DROP INDEX action_executions_debug;
             ALTER TABLE action_executions DROP COLUMN debug_container_id;",
        )
        .unwrap();
    f.raw.pragma_update(None, "user_version", 5).unwrap();
    let Fixture {
        _dir,
        path,
        store,
        raw,
    } = f;
    drop((store, raw));
    let store = Store::open(&path).unwrap();
    same(&before, &store.metrics(None, None).unwrap());
    same(
        &before_p,
        &store
            .metrics(Some("p"), Some("2026-11-20T10:04:00Z"))
            .unwrap(),
    );
}

#[test]
fn rollups_agree_with_the_records() {
    // 300 executions over five days: mixed statuses, durations with milliseconds.
    let f = fixture(&["p", "q"]);
    let statuses = [
        "Succeeded",
        "Failed",
        "Succeeded",
        "Stopped",
        "Succeeded",
        "Superseded",
    ];
    for i in 0..300_i64 {
        let status = statuses[(i % 6) as usize];
        let pipeline = if i % 5 == 0 { "q" } else { "p" };
        let action = if status == "Failed" {
            "Failed"
        } else {
            "Succeeded"
        };
        f.run(
            &format!("x{i}"),
            pipeline,
            status,
            i * 1_297,
            5 + i % 97,
            action,
        );
        f.raw
            .execute(
                "UPDATE action_executions SET last_update_time =
                     strftime('%Y-%m-%dT%H:%M:%fZ', last_update_time, ?2)
                 WHERE execution_id = ?1",
                (
                    format!("x{i}"),
                    format!("+{}.{:03} seconds", i % 3, (i * 37) % 1000),
                ),
            )
            .unwrap();
    }
    for since in [None, Some("2026-11-22"), Some("2026-11-22T07:31:10.250Z")] {
        let m = f.store.metrics(Some("p"), since).unwrap();
        // Brute force over the records.
        let bound = since.unwrap_or("");
        let mut durations: Vec<i64> = f
            .raw
            .prepare(
                "SELECT CAST(ROUND((julianday(last_update_time) - julianday(start_time))
                        * 86400000.0) AS INTEGER)
                 FROM executions WHERE pipeline_id = 1 AND start_time >= ?1",
            )
            .unwrap()
            .query_map([bound], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        durations.sort();
        let n = durations.len();
        assert_eq!(m.executions.total as usize, n, "{since:?}");
        assert_eq!(
            m.duration.p50_ms,
            Some(durations[n.div_ceil(2) - 1] as f64),
            "{since:?}"
        );
        assert_eq!(
            m.duration.p95_ms,
            Some(durations[(n * 95).div_ceil(100) - 1] as f64),
            "{since:?}"
        );
        let (runs, failures, mean): (i64, i64, f64) = f
            .raw
            .query_row(
                "SELECT COUNT(*), SUM(a.status = 'Failed'), AVG(CAST(ROUND((julianday(a.last_update_time)
                        - julianday(a.start_time)) * 86400000.0) AS INTEGER))
                 FROM action_executions a JOIN executions e ON e.id = a.execution_id
                 WHERE e.pipeline_id = 1 AND e.start_time >= ?1",
                [bound],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        let compile = &m.actions[0];
        assert_eq!(
            (compile.runs as i64, compile.failures as i64),
            (runs, failures)
        );
        assert!(close(compile.duration.mean_ms, mean), "{since:?}");
        let days: u64 = m.per_day.iter().map(|d| d.executions.total).sum();
        assert_eq!(days as usize, n);
    }
    // A day read from the records (and bucketed in Rust) equals the same day's rollups
    // (bucketed in SQL).
    let from_rollups = f.store.metrics(None, Some("2026-11-22")).unwrap();
    let from_records = f.store.metrics(None, Some("2026-11-22T00:00:00Z")).unwrap();
    same(
        &Metrics {
            since: None,
            ..from_rollups
        },
        &Metrics {
            since: None,
            ..from_records
        },
    );
}
