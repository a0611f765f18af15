//! Figure for issue 6: the dashboard's metrics over 100,000 executions (4 stages × 5 actions
//! each, durations with milliseconds, one in seven failing), beside a plain SQLite baseline
//! over the same rows in the same run. Run: `cargo test --release -p pipewright-store --test
//! metrics_bench -- --ignored --nocapture`.

use pipewright_store::{rfc3339_ago, SaveBase, Store};
use std::time::{Duration, Instant};

const EXECUTIONS: usize = 100_000;

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut v: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    v.sort();
    v[v.len() / 2]
}

fn fill(dir: &std::path::Path) {
    let mut store = Store::open(dir).unwrap();
    let doc: pipewright_core::PipelineDocument =
        serde_json::from_value(serde_json::json!({"pipeline": {"name": "big", "stages": []}}))
            .unwrap();
    store.save_pipeline(&doc, true, SaveBase::New).unwrap();
    drop(store);
    let mut conn = rusqlite::Connection::open(dir.join(pipewright_store::DATABASE_FILE)).unwrap();
    // Test data: a large cache and no syncs, so filling is not dominated by spilling pages.
    conn.execute_batch(
        "PRAGMA cache_size = -1048576; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;",
    )
    .unwrap();
    let tx = conn.transaction().unwrap();
    {
        // Start times every 5 minutes, ending about now (so 7d/30d/90d ranges see data).
        let first = 5 * 60 * EXECUTIONS as i64;
        let base = format!("strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-{first} seconds', ?3)");
        let mut exec = tx
            .prepare(&format!(
                "INSERT INTO executions (id, pipeline_id, pipeline_version, status, start_time,
                     last_update_time, trigger_type)
                 VALUES (?1, 1, 1, ?2, {base},
                     strftime('%Y-%m-%dT%H:%M:%fZ', {base}, ?4), 'StartPipelineExecution')"
            ))
            .unwrap();
        let mut stage = tx
            .prepare(
                "INSERT INTO stage_executions (execution_id, stage_name, stage_index, attempt,
                     status, start_time, last_update_time)
                 SELECT ?1, ?2, ?3, 1, ?4, start_time,
                     strftime('%Y-%m-%dT%H:%M:%fZ', start_time, ?5)
                 FROM executions WHERE id = ?1",
            )
            .unwrap();
        let mut action = tx
            .prepare(
                "INSERT INTO action_executions (id, execution_id, stage_name, action_name, attempt,
                     category, owner, provider, provider_version, status, start_time, last_update_time)
                 SELECT ?1, ?2, ?3, ?4, 1, 'Build', 'Custom', 'Container', '1', ?5, start_time,
                     strftime('%Y-%m-%dT%H:%M:%fZ', start_time, ?6)
                 FROM executions WHERE id = ?2",
            )
            .unwrap();
        for i in 0..EXECUTIONS {
            let id = format!("{i:08x}-0000-4000-8000-000000000000");
            let failed = i % 7 == 0;
            let status = if failed { "Failed" } else { "Succeeded" };
            let start = format!("+{} seconds", i * 300);
            let length = format!("+{}.{:03} seconds", 30 + i % 90, (i * 7919) % 1000);
            exec.execute((&id, status, &start, &length)).unwrap();
            for s in 0..4 {
                let sname = format!("Stage{s}");
                let sstatus = if failed && s == 3 {
                    "Failed"
                } else {
                    "Succeeded"
                };
                let slength = format!("+{}.{:03} seconds", 5 + (i + s) % 20, (i * 31) % 1000);
                stage
                    .execute((&id, &sname, s as i64, sstatus, slength))
                    .unwrap();
                for a in 0..5 {
                    let astatus = if failed && s == 3 && a == 0 {
                        "Failed"
                    } else {
                        "Succeeded"
                    };
                    let alength =
                        format!("+{}.{:03} seconds", 1 + (i + a) % 10, (i * 13 + a) % 1000);
                    action
                        .execute((
                            format!("{id}-{s}-{a}"),
                            &id,
                            &sname,
                            format!("Action{a}"),
                            astatus,
                            alength,
                        ))
                        .unwrap();
                }
            }
        }
    }
    tx.commit().unwrap();
}

#[test]
#[ignore]
fn bench_metrics_over_100k_executions() {
    let dir = tempfile::tempdir().unwrap();
    let filled = Instant::now();
    fill(dir.path());
    eprintln!(
        "filled {EXECUTIONS} executions (2.4M stage and action rows, rollups by trigger) in {:.1?}",
        filled.elapsed()
    );
    let store = Store::open(dir.path()).unwrap();
    let raw = rusqlite::Connection::open(dir.path().join(pipewright_store::DATABASE_FILE)).unwrap();
    let m = store.metrics(Some("big"), None).unwrap();
    assert_eq!(m.executions.total as usize, EXECUTIONS);
    assert_eq!(m.actions.len(), 20);

    let baseline = time(5, || {
        let one = |sql: &str| -> f64 { raw.query_row(sql, [], |r| r.get(0)).unwrap() };
        one("SELECT SUM((julianday(last_update_time) - julianday(start_time)) * 86400000.0) FROM executions")
            + one("SELECT SUM((julianday(last_update_time) - julianday(start_time)) * 86400000.0) FROM stage_executions")
            + one("SELECT SUM((julianday(last_update_time) - julianday(start_time)) * 86400000.0) FROM action_executions")
    });
    let since_30d = rfc3339_ago(Duration::from_secs(30 * 86_400));
    let cases: [(&str, Option<&str>, Option<&str>); 3] = [
        ("pipeline, all time", Some("big"), None),
        ("pipeline, last 30 days", Some("big"), Some(&since_30d)),
        ("all pipelines, all time", None, None),
    ];
    for (what, pipeline, since) in cases {
        let t = time(7, || store.metrics(pipeline, since).unwrap());
        println!(
            "10c. metrics ({what}) over {EXECUTIONS} executions (4 stages × 5 actions each): {:.1?} (goal < 100 ms); one plain SUM of durations per table: {:.1?}; ratio {:.3}",
            t,
            baseline,
            t.as_secs_f64() / baseline.as_secs_f64()
        );
    }
}
