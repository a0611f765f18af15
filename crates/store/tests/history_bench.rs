//! Figures for issue 6 over 100,000 executions (4 stages × 5 actions each): the history list's
//! first page and the dashboard's aggregates, each beside a plain SQLite baseline over the same
//! rows. Run: `cargo test --release -p pipewright-store --test history_bench -- --ignored
//! --nocapture`.

use pipewright_store::execution::history::ExecutionFilter;
use pipewright_store::{SaveBase, Store};
use std::time::{Duration, Instant};

const EXECUTIONS: usize = 100_000;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

fn fill(dir: &std::path::Path) {
    let mut store = Store::open(dir).unwrap();
    let doc: pipewright_core::PipelineDocument =
        serde_json::from_value(serde_json::json!({"pipeline": {"name": "big", "stages": []}}))
            .unwrap();
    store.save_pipeline(&doc, true, SaveBase::New).unwrap();
    drop(store);
    let mut conn = rusqlite::Connection::open(dir.join(pipewright_store::DATABASE_FILE)).unwrap();
    // The metrics rollups' triggers run on every row: a big cache keeps the fill in minutes.
    conn.execute_batch(
        "PRAGMA cache_size = -1048576; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;",
    )
    .unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut exec = tx
            .prepare(
                "INSERT INTO executions (id, pipeline_id, pipeline_version, status, start_time,
                     last_update_time, trigger_type)
                 VALUES (?1, 1, 1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', ?3),
                     strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', ?3, ?4), 'StartPipelineExecution')",
            )
            .unwrap();
        let mut stage = tx
            .prepare(
                "INSERT INTO stage_executions (execution_id, stage_name, stage_index, attempt,
                     status, start_time, last_update_time)
                 VALUES (?1, ?2, ?3, 1, ?4, '2026-01-01T00:00:00.000Z', strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', ?5))",
            )
            .unwrap();
        let mut action = tx
            .prepare(
                "INSERT INTO action_executions (id, execution_id, stage_name, action_name, attempt,
                     category, owner, provider, provider_version, status, start_time, last_update_time)
                 VALUES (?1, ?2, ?3, ?4, 1, 'Build', 'Custom', 'Container', '1', ?5,
                     '2026-01-01T00:00:00.000Z', strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', ?6))",
            )
            .unwrap();
        for i in 0..EXECUTIONS {
            let id = format!("{i:08x}-0000-4000-8000-000000000000");
            let failed = i % 7 == 0;
            let status = if failed { "Failed" } else { "Succeeded" };
            let start = format!("+{} minutes", i * 5);
            let length = format!("+{} seconds", 30 + i % 90);
            exec.execute((&id, status, &start, &length)).unwrap();
            for s in 0..4 {
                let sname = format!("Stage{s}");
                let sstatus = if failed && s == 3 {
                    "Failed"
                } else {
                    "Succeeded"
                };
                stage
                    .execute((
                        &id,
                        &sname,
                        s as i64,
                        sstatus,
                        format!("+{} seconds", 5 + (i + s) % 20),
                    ))
                    .unwrap();
                for a in 0..5 {
                    let astatus = if failed && s == 3 && a == 0 {
                        "Failed"
                    } else {
                        "Succeeded"
                    };
                    action
                        .execute((
                            format!("{id}-{s}-{a}"),
                            &id,
                            &sname,
                            format!("Action{a}"),
                            astatus,
                            format!("+{} seconds", 1 + (i + a) % 10),
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
fn bench_history_and_dashboard_over_100k_executions() {
    let dir = tempfile::tempdir().unwrap();
    let filled = Instant::now();
    fill(dir.path());
    eprintln!("filled {EXECUTIONS} executions in {:.1?}", filled.elapsed());
    let store = Store::open(dir.path()).unwrap();
    let raw = rusqlite::Connection::open(dir.path().join(pipewright_store::DATABASE_FILE)).unwrap();

    let page = time(9, || store.list_executions("big", Some(50)).unwrap());
    let page_base = time(9, || {
        let mut stmt = raw
            .prepare_cached(
                "SELECT id, status, start_time, last_update_time FROM executions
                 WHERE pipeline_id = 1 ORDER BY start_time DESC LIMIT 50",
            )
            .unwrap();
        let rows: Vec<(String, String, String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows
    });
    println!(
        "10a. history, first page of 50 of {EXECUTIONS}: {:.2?} (goal < 50 ms); plain SELECT … LIMIT 50: {:.2?}; ratio {:.2}",
        page,
        page_base,
        page.as_secs_f64() / page_base.as_secs_f64()
    );

    // A filtered first page as the History view asks for it: failed webhook runs on main.
    // Give the rows a mix of branches and triggers first (the fill has one of each).
    raw.execute_batch(
        "UPDATE executions SET
             branch = CASE WHEN rowid % 4 = 1 THEN 'develop' ELSE 'main' END,
             trigger_type = CASE WHEN rowid % 5 = 2 THEN 'WebhookV2' ELSE trigger_type END;",
    )
    .unwrap();
    let filter = ExecutionFilter::parse(
        Some("big"),
        &["Failed".to_string()],
        &["webhook".to_string()],
        Some("main"),
        None,
        None,
    )
    .unwrap();
    let filtered_page = store.list_execution_page(&filter, Some(50), None).unwrap();
    assert_eq!(filtered_page.pipeline_execution_summaries.len(), 50);
    let filtered = time(9, || {
        store.list_execution_page(&filter, Some(50), None).unwrap()
    });
    let filtered_base = time(9, || {
        let mut stmt = raw
            .prepare_cached(
                "SELECT id, status, start_time, last_update_time FROM executions
                 WHERE pipeline_id = 1 AND status = 'Failed' AND trigger_type IN ('Webhook', 'WebhookV2')
                   AND branch = 'main'
                 ORDER BY start_time DESC LIMIT 50",
            )
            .unwrap();
        let rows: Vec<(String, String, String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(rows.len(), 50);
        rows
    });
    println!(
        "10a. history, filtered first page (Failed, webhook, branch main: 50 of ~2,100 matching {EXECUTIONS}): {:.2?} (goal < 50 ms); plain SELECT … WHERE … LIMIT 50: {:.2?}; ratio {:.2}",
        filtered,
        filtered_base,
        filtered.as_secs_f64() / filtered_base.as_secs_f64()
    );
    // A page deep in the list costs what the first does (keyset, not offset).
    let mut token = None;
    for _ in 0..20 {
        token = store
            .list_execution_page(&filter, Some(50), token.as_deref())
            .unwrap()
            .next_token;
    }
    let deep = time(9, || {
        store
            .list_execution_page(&filter, Some(50), token.as_deref())
            .unwrap()
    });
    println!(
        "10a. history, filtered 21st page: {:.2?}; ratio to the first page {:.2}",
        deep,
        deep.as_secs_f64() / filtered.as_secs_f64()
    );

    let dashboard = time(5, || store.metrics(Some("big"), None).unwrap());
    let dashboard_base = time(5, || {
        let one = |sql: &str| -> f64 { raw.query_row(sql, [], |r| r.get(0)).unwrap() };
        one("SELECT SUM((julianday(last_update_time) - julianday(start_time)) * 86400000.0) FROM executions")
            + one("SELECT SUM((julianday(last_update_time) - julianday(start_time)) * 86400000.0) FROM stage_executions")
            + one("SELECT SUM((julianday(last_update_time) - julianday(start_time)) * 86400000.0) FROM action_executions")
    });
    println!(
        "10b. dashboard aggregates over {EXECUTIONS} executions (4 stages × 5 actions each): {:.1?} (goal < 100 ms); one plain SUM of durations per table: {:.1?}; ratio {:.2}",
        dashboard,
        dashboard_base,
        dashboard.as_secs_f64() / dashboard_base.as_secs_f64()
    );
}
