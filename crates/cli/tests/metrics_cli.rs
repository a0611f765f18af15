//! `pipewright metrics [NAME] [--since D] [--json]`: the same numbers as the store's one
//! `metrics` function (the app's `get_metrics` calls it too), a readable summary, and clear
//! errors for an unknown pipeline or an unreadable `--since`.

mod support;

use pipewright_store::{SaveBase, Store, DATABASE_FILE};
use serde_json::Value;
use support::*;

/// A data folder with pipeline `p`: succeeded 10 s, failed 20 s, succeeded 40 s (a minute
/// apart from 2026-11-20T10:00Z), each with Build/Compile of the same status and times.
fn data_dir() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(tmp.path()).unwrap();
    let doc: pipewright_core::PipelineDocument =
        serde_json::from_value(serde_json::json!({"pipeline": {"name": "p", "stages": []}}))
            .unwrap();
    store.save_pipeline(&doc, true, SaveBase::New).unwrap();
    drop(store);
    let raw = rusqlite::Connection::open(tmp.path().join(DATABASE_FILE)).unwrap();
    for (i, (status, secs)) in [("Succeeded", 10), ("Failed", 20), ("Succeeded", 40)]
        .into_iter()
        .enumerate()
    {
        raw.execute_batch(&format!(
            "INSERT INTO executions (id, pipeline_id, pipeline_version, status, start_time,
                 last_update_time, trigger_type)
             VALUES ('e{i}', 1, 1, '{status}', '2026-11-20T10:0{i}:00.000Z',
                 '2026-11-20T10:0{i}:{secs}.000Z', 'StartPipelineExecution');
             INSERT INTO action_executions (id, execution_id, stage_name, action_name, attempt,
                 category, owner, provider, provider_version, status, start_time,
                 last_update_time)
             VALUES ('e{i}-a', 'e{i}', 'Build', 'Compile', 1, 'Build', 'Custom', 'Container',
                 '1', '{status}', '2026-11-20T10:0{i}:00.000Z', '2026-11-20T10:0{i}:{secs}.000Z');"
        ))
        .unwrap();
    }
    tmp
}

fn without_time(mut v: Value) -> Value {
    v.as_object_mut().unwrap().remove("generatedTime");
    v
}

#[test]
fn json_is_the_stores_metrics_and_the_summary_reads_them() {
    let tmp = data_dir();
    let store = Store::open(tmp.path()).unwrap();
    for (args, pipeline, since) in [
        (vec!["metrics", "p", "--json"], Some("p"), None),
        (vec!["metrics", "--json"], None, None),
        (
            vec!["metrics", "p", "--since", "2026-11-20T10:01:00Z", "--json"],
            Some("p"),
            Some("2026-11-20T10:01:00Z"),
        ),
    ] {
        let o = cli(tmp.path(), &args);
        assert!(o.status.success(), "{args:?}: {}", text(&o.stderr));
        let expected = serde_json::to_value(store.metrics(pipeline, since).unwrap()).unwrap();
        assert_eq!(without_time(json(&o)), without_time(expected), "{args:?}");
    }
    let m = json(&cli(tmp.path(), &["metrics", "p", "--json"]));
    assert_eq!(m["executions"]["total"], 3);
    assert_eq!(m["duration"]["p50Ms"], 20_000.0);
    assert_eq!(m["recoveries"], 1);
    // The failure ended at 10:01:20, the next success at 10:02:40.
    assert_eq!(m["meanTimeToRecoveryMs"], 80_000.0);
    assert_eq!(m["failureHotspots"][0]["actionName"], "Compile");

    let o = cli(tmp.path(), &["metrics", "p"]);
    assert!(o.status.success());
    let out = text(&o.stdout);
    assert!(
        out.contains("p: 3 executions (2 succeeded, 1 failed"),
        "{out}"
    );
    assert!(out.contains("success rate 67%"), "{out}");
    assert!(out.contains("Build/Compile"), "{out}");
}

#[test]
fn unknown_pipelines_and_unreadable_since_are_clear_errors() {
    let tmp = data_dir();
    let o = cli(tmp.path(), &["metrics", "nope", "--json"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).starts_with("error[E_NOT_FOUND]"),
        "{}",
        text(&o.stderr)
    );
    let o = cli(tmp.path(), &["metrics", "p", "--since", "last week"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    // A date-shaped text that is no date is the store's error.
    let o = cli(tmp.path(), &["metrics", "p", "--since", "2026-13-45"]);
    assert_ne!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("E_INVALID_FILTER"),
        "{}",
        text(&o.stderr)
    );
}
