//! Issue 6's history figure on its own, quickly: 100,000 execution rows (no stage or action
//! rows, which the history list never reads), across 4 pipelines with a mix of statuses,
//! triggers and branches; the first page of 50 unfiltered and filtered, and a page deep in the
//! list, each beside a plain SQLite query for the same rows in the same run. Run:
//! `cargo test --release -p pipewright-store --test history_page_bench -- --ignored --nocapture`.
//! (`history_bench` measures the same list next to the dashboard, over a fuller database.)

use pipewright_store::execution::history::ExecutionFilter;
use pipewright_store::{SaveBase, Store};
use std::time::{Duration, Instant};

const EXECUTIONS: usize = 100_000;

fn median(f: &mut dyn FnMut()) -> Duration {
    let mut v: Vec<Duration> = (0..15)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    v.sort();
    v[v.len() / 2]
}

fn fill(dir: &std::path::Path) {
    let mut store = Store::open(dir).unwrap();
    for name in ["p0", "p1", "p2", "p3"] {
        let doc =
            serde_json::from_value(serde_json::json!({"pipeline": {"name": name, "stages": []}}))
                .unwrap();
        store.save_pipeline(&doc, true, SaveBase::New).unwrap();
    }
    drop(store);
    let mut conn = rusqlite::Connection::open(dir.join(pipewright_store::DATABASE_FILE)).unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut exec = tx
            .prepare(
                "INSERT INTO executions (id, pipeline_id, pipeline_version, status, start_time,
                     last_update_time, trigger_type, trigger_detail, branch, source_revisions)
                 VALUES (?1, ?2, 1, ?3, strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', ?4),
                     strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', ?4, '+75 seconds'), ?5, ?6, ?7, ?8)",
            )
            .unwrap();
        for i in 0..EXECUTIONS {
            let status = match i % 11 {
                3 => "Failed",
                7 => "Stopped",
                _ => "Succeeded",
            };
            let (trigger, detail) = match i % 5 {
                0 => ("StartPipelineExecution", None),
                1 => ("PollForSourceChanges", None),
                2 => ("WebhookV2", Some("push")),
                3 => ("CloudWatchEvent", Some("nightly")),
                _ => ("StartPipelineExecution", Some("pipeline/up/1")),
            };
            let branch = if i % 4 == 1 { "develop" } else { "main" };
            exec.execute(rusqlite::params![
                format!("{i:08x}-0000-4000-8000-000000000000"),
                1 + (i % 4) as i64,
                status,
                format!("+{} minutes", i * 5),
                trigger,
                detail,
                branch,
                format!(r#"[{{"actionName":"Src","revisionId":"{i:040x}","revisionSummary":"Change {i}"}}]"#),
            ])
            .unwrap();
        }
    }
    tx.commit().unwrap();
}

fn baseline(raw: &rusqlite::Connection, sql: &str) -> usize {
    let mut stmt = raw.prepare_cached(sql).unwrap();
    let rows: Vec<(String, String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    rows.len()
}

#[test]
#[ignore]
fn bench_history_pages_over_100k_executions() {
    let dir = tempfile::tempdir().unwrap();
    let t = Instant::now();
    fill(dir.path());
    eprintln!("filled {EXECUTIONS} executions in {:.1?}", t.elapsed());
    let store = Store::open(dir.path()).unwrap();
    let raw = rusqlite::Connection::open(dir.path().join(pipewright_store::DATABASE_FILE)).unwrap();
    let own = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();

    let cases: [(&str, ExecutionFilter, &str); 3] = [
        (
            "every pipeline, unfiltered",
            ExecutionFilter::default(),
            "SELECT id, status, start_time, last_update_time FROM executions
             ORDER BY start_time DESC LIMIT 50",
        ),
        (
            "one pipeline, Failed, webhook, branch main",
            ExecutionFilter::parse(Some("p2"), &own(&["Failed"]), &own(&["webhook"]), Some("main"), None, None)
                .unwrap(),
            "SELECT id, status, start_time, last_update_time FROM executions
             WHERE pipeline_id = 3 AND status = 'Failed' AND trigger_type IN ('Webhook', 'WebhookV2')
               AND branch = 'main' ORDER BY start_time DESC LIMIT 50",
        ),
        (
            "every pipeline, Failed or Stopped, manual, since 2026-03-01",
            ExecutionFilter::parse(None, &own(&["Failed", "Stopped"]), &own(&["manual"]), None, Some("2026-03-01"), None)
                .unwrap(),
            "SELECT id, status, start_time, last_update_time FROM executions
             WHERE status IN ('Failed', 'Stopped')
               AND trigger_type IN ('StartPipelineExecution', 'CreatePipeline')
               AND (trigger_detail IS NULL OR trigger_detail NOT LIKE 'pipeline/%')
               AND start_time >= '2026-03-01' ORDER BY start_time DESC LIMIT 50",
        ),
    ];
    for (label, filter, sql) in cases {
        let page = store.list_execution_page(&filter, Some(50), None).unwrap();
        assert_eq!(page.pipeline_execution_summaries.len(), 50, "{label}");
        assert_eq!(baseline(&raw, sql), 50, "{label}");
        let ours = median(&mut || {
            std::hint::black_box(store.list_execution_page(&filter, Some(50), None).unwrap());
        });
        let base = median(&mut || {
            std::hint::black_box(baseline(&raw, sql));
        });
        println!(
            "10a. history first page of 50 of {EXECUTIONS} ({label}): {ours:.2?} (goal < 50 ms); plain SELECT … LIMIT 50: {base:.2?}; ratio {:.2}",
            ours.as_secs_f64() / base.as_secs_f64()
        );
        let mut token = page.next_token;
        for _ in 0..19 {
            token = store
                .list_execution_page(&filter, Some(50), token.as_deref())
                .unwrap()
                .next_token;
        }
        let deep = median(&mut || {
            std::hint::black_box(
                store
                    .list_execution_page(&filter, Some(50), token.as_deref())
                    .unwrap(),
            );
        });
        println!(
            "10a. history 21st page ({label}): {deep:.2?}; ratio to its first page {:.2}",
            deep.as_secs_f64() / ours.as_secs_f64()
        );
    }
}
