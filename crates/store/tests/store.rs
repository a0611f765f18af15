//! Store behaviour through its public API, each test in its own temporary data folder.

use pipewright_core::PipelineDocument;
use pipewright_store::{database_path, resolve_data_dir, Deleted, SaveBase, Store};
use rusqlite::Connection;
use serde_json::json;
use std::path::Path;
use std::time::Duration;

/// A document built without the core parser (so these tests do not depend on it).
fn doc(name: &str, stages: usize) -> PipelineDocument {
    let stages: Vec<_> = (0..stages)
        .map(|i| {
            json!({"name": format!("Stage{i}"), "actions": [
                {"name": "A", "actionTypeId": {"category": "Build", "owner": "Custom", "provider": "Container", "version": "1"},
                 "configuration": {"Image": "img"}},
                {"name": "B", "actionTypeId": {"category": "Build", "owner": "Custom", "provider": "Container", "version": "1"},
                 "configuration": {"Image": "img"}, "runOrder": 2}
            ]})
        })
        .collect();
    serde_json::from_value(json!({"pipeline": {"name": name, "stages": stages}})).unwrap()
}

fn open(dir: &Path) -> Store {
    Store::open(dir).unwrap_or_else(|e| panic!("open {}: {e}", dir.display()))
}

fn raw(dir: &Path) -> Connection {
    let conn = Connection::open(database_path(dir)).unwrap();
    conn.pragma_update(None, "foreign_keys", "ON").unwrap();
    conn.busy_timeout(Duration::from_secs(5)).unwrap();
    conn
}

#[test]
fn open_creates_the_folder_and_an_up_to_date_wal_database() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("nested/data");
    let store = open(&dir);
    assert!(database_path(&dir).is_file());
    assert_eq!(store.database_path(), database_path(&dir));
    assert_eq!(
        store.schema_version().unwrap(),
        Store::latest_schema_version()
    );
    let mode: String = raw(&dir)
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    drop(store);
    // Reopening runs no migration again and keeps the data.
    let mut store = open(&dir);
    store
        .save_pipeline(&doc("p", 2), true, SaveBase::New)
        .unwrap();
    drop(store);
    let store = open(&dir);
    assert_eq!(store.list_pipelines().unwrap().len(), 1);
    assert_eq!(
        store.schema_version().unwrap(),
        Store::latest_schema_version()
    );
}

#[test]
fn a_database_from_a_newer_pipewright_is_refused_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    drop(open(tmp.path()));
    let newer = Store::latest_schema_version() + 5;
    raw(tmp.path())
        .pragma_update(None, "user_version", newer)
        .unwrap();
    let err = Store::open(tmp.path()).unwrap_err();
    assert_eq!(err.code(), "E_DB_NEWER");
    assert!(err.is_environment());
    let msg = err.to_string();
    assert!(msg.contains("written by a newer Pipewright"), "{msg}");
    assert!(
        msg.contains(&format!(
            "schema {newer}, this build knows {}",
            Store::latest_schema_version()
        )),
        "{msg}"
    );
    assert!(msg.contains("--data-dir"), "{msg}");
    let still: i64 = raw(tmp.path())
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(still, newer);
}

#[test]
fn an_unusable_data_folder_is_an_environment_error() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    for dir in [file.clone(), file.join("below")] {
        let err = Store::open(&dir).unwrap_err();
        assert_eq!(err.code(), "E_DATA_DIR", "{}: {err}", dir.display());
        assert!(err.is_environment());
        assert!(err.to_string().contains("--data-dir"), "{err}");
    }
    // A database file that is not SQLite.
    let bad = tmp.path().join("bad");
    std::fs::create_dir(&bad).unwrap();
    std::fs::write(
        database_path(&bad),
        "this is not a database, just some text padding it out".repeat(100),
    )
    .unwrap();
    let err = Store::open(&bad).unwrap_err();
    assert_eq!(err.code(), "E_DB_CORRUPT", "{err}");
    assert!(err.is_environment());
}

#[test]
fn the_flag_decides_the_data_folder() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(resolve_data_dir(Some(tmp.path())).unwrap(), tmp.path());
}

#[test]
fn every_save_is_a_new_version_and_old_versions_never_change() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = open(tmp.path());
    let s1 = store
        .save_pipeline(&doc("p", 2), true, SaveBase::New)
        .unwrap();
    assert_eq!(
        (s1.version, s1.stage_count, s1.action_count, s1.valid),
        (1, 2, 4, true)
    );
    assert_eq!(
        (s1.pipeline_type.as_str(), s1.execution_mode.as_str()),
        ("V1", "SUPERSEDED")
    );
    assert_eq!(s1.created, s1.updated);
    let mut second = doc("p", 3);
    second.pipeline.pipeline_type = Some("V2".into());
    second.pipeline.execution_mode = Some("QUEUED".into());
    let s2 = store
        .save_pipeline(&second, false, SaveBase::Latest)
        .unwrap();
    assert_eq!((s2.version, s2.stage_count, s2.valid), (2, 3, false));
    assert_eq!(
        (s2.pipeline_type.as_str(), s2.execution_mode.as_str()),
        ("V2", "QUEUED")
    );
    assert_eq!(
        s2.created, s1.created,
        "created is the pipeline's first save"
    );
    assert!(s2.updated >= s1.updated);

    let v1 = store.get_pipeline("p", Some(1)).unwrap();
    assert_eq!(v1.document.pipeline.stages.len(), 2);
    assert_eq!(v1.document.pipeline.version, Some(1));
    assert_eq!(v1.summary.version, 1);
    assert!(v1.summary.valid);
    let latest = store.get_pipeline("p", None).unwrap();
    assert_eq!(latest.document.pipeline.version, Some(2));
    assert_eq!(latest.summary, s2);

    let versions = store.list_versions("p").unwrap();
    assert_eq!(
        versions
            .iter()
            .map(|v| (v.version, v.valid))
            .collect::<Vec<_>>(),
        vec![(1, true), (2, false)]
    );

    // The database itself refuses to rewrite a version.
    let err = raw(tmp.path())
        .execute(
            "UPDATE pipeline_versions SET valid = 0 WHERE version = 1",
            [],
        )
        .unwrap_err();
    assert!(err.to_string().contains("immutable"), "{err}");
    assert!(store.get_pipeline("p", Some(1)).unwrap().summary.valid);
}

#[test]
fn the_document_round_trips_with_unknown_fields_and_local_settings() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = open(tmp.path());
    let value = json!({"pipeline": {
        "name": "keep", "futureField": {"a": [1, 2]}, "pipewright": {"later": true},
        "stages": [{"name": "S", "actions": [{"name": "A",
            "actionTypeId": {"category": "Compute", "owner": "AWS", "provider": "Commands", "version": "1"},
            "commands": ["echo hi"], "runorder": 3, "pipewright": {"image": "busybox", "timeoutMinutes": 1.5}}]}]
    }});
    let d: PipelineDocument = serde_json::from_value(value.clone()).unwrap();
    store.save_pipeline(&d, true, SaveBase::New).unwrap();
    let back = serde_json::to_value(store.get_pipeline("keep", None).unwrap().document).unwrap();
    let mut expected = value;
    expected["pipeline"]["version"] = json!(1);
    assert_eq!(back, expected);
}

#[test]
fn save_bases_enforce_existence_and_optimistic_concurrency() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = open(tmp.path());
    store
        .save_pipeline(&doc("p", 2), true, SaveBase::New)
        .unwrap();
    let err = store
        .save_pipeline(&doc("p", 2), true, SaveBase::New)
        .unwrap_err();
    assert_eq!(err.code(), "E_EXISTS");
    assert!(!err.is_environment());

    assert_eq!(
        store
            .save_pipeline(&doc("p", 2), true, SaveBase::Version(1))
            .unwrap()
            .version,
        2
    );
    let err = store
        .save_pipeline(&doc("p", 2), true, SaveBase::Version(1))
        .unwrap_err();
    assert_eq!(err.code(), "E_CONFLICT");
    assert!(
        err.to_string()
            .contains("was changed elsewhere (now version 2, you edited version 1)"),
        "{err}"
    );
    assert_eq!(
        store.list_versions("p").unwrap().len(),
        2,
        "a conflict saves nothing"
    );

    let err = store
        .save_pipeline(&doc("gone", 2), true, SaveBase::Version(3))
        .unwrap_err();
    assert_eq!(err.code(), "E_CONFLICT");
    assert_eq!(
        store
            .save_pipeline(&doc("fresh", 2), true, SaveBase::Latest)
            .unwrap()
            .version,
        1
    );

    let err = store
        .save_pipeline(&doc("  ", 2), false, SaveBase::Latest)
        .unwrap_err();
    assert_eq!(err.code(), "E_INVALID_NAME");
}

#[test]
fn missing_pipelines_and_versions_are_not_found() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = open(tmp.path());
    let err = store.get_pipeline("nope", None).unwrap_err();
    assert_eq!(err.code(), "E_NOT_FOUND");
    assert!(err.to_string().contains("nope"));
    assert_eq!(
        store.list_versions("nope").unwrap_err().code(),
        "E_NOT_FOUND"
    );
    assert_eq!(
        store.delete_pipeline("nope").unwrap_err().code(),
        "E_NOT_FOUND"
    );
    store
        .save_pipeline(&doc("p", 2), true, SaveBase::New)
        .unwrap();
    let err = store.get_pipeline("p", Some(7)).unwrap_err();
    assert_eq!(err.code(), "E_NOT_FOUND");
    assert!(
        err.to_string()
            .contains("has no version 7 (its versions are 1 to 1)"),
        "{err}"
    );
}

#[test]
fn list_shows_the_latest_version_of_each_by_name() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = open(tmp.path());
    assert!(store.list_pipelines().unwrap().is_empty());
    for (name, saves) in [("zeta", 1), ("Alpha", 3), ("beta", 2)] {
        for _ in 0..saves {
            store
                .save_pipeline(&doc(name, 2), true, SaveBase::Latest)
                .unwrap();
        }
    }
    let list = store.list_pipelines().unwrap();
    let got: Vec<_> = list
        .iter()
        .map(|s| (s.name.as_str(), s.version, s.execution_count))
        .collect();
    assert_eq!(got, vec![("Alpha", 3, 0), ("beta", 2, 0), ("zeta", 1, 0)]);
}

#[test]
fn delete_removes_versions_and_executions() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = open(tmp.path());
    store
        .save_pipeline(&doc("p", 2), true, SaveBase::New)
        .unwrap();
    store
        .save_pipeline(&doc("p", 2), true, SaveBase::Latest)
        .unwrap();
    store
        .save_pipeline(&doc("other", 2), true, SaveBase::New)
        .unwrap();
    let conn = raw(tmp.path());
    for (id, pipeline, version) in [("e1", "p", 1), ("e2", "p", 2), ("e3", "other", 1)] {
        conn.execute(
            "INSERT INTO executions (id, pipeline_id, pipeline_version, status, start_time, last_update_time, trigger_type)
             SELECT ?1, id, ?3, 'Succeeded', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', 'StartPipelineExecution'
             FROM pipelines WHERE name = ?2",
            (id, pipeline, version),
        )
        .unwrap();
    }
    // An execution must point at a version that exists.
    assert!(conn
        .execute(
            "INSERT INTO executions (id, pipeline_id, pipeline_version, status, start_time, last_update_time, trigger_type)
             SELECT 'bad', id, 9, 'Succeeded', '', '', 'StartPipelineExecution' FROM pipelines WHERE name = 'p'",
            [],
        )
        .is_err());
    assert_eq!(
        store
            .get_pipeline("p", None)
            .unwrap()
            .summary
            .execution_count,
        2
    );
    assert_eq!(
        store.delete_pipeline_counted("p").unwrap(),
        Deleted {
            versions: 2,
            executions: 2
        }
    );
    assert_eq!(
        store.get_pipeline("p", None).unwrap_err().code(),
        "E_NOT_FOUND"
    );
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT COUNT(*) FROM executions"), 1);
    assert_eq!(count("SELECT COUNT(*) FROM pipeline_versions"), 1);
    store.delete_pipeline("other").unwrap();
    assert_eq!(count("SELECT COUNT(*) FROM executions"), 0);
    assert!(store.list_pipelines().unwrap().is_empty());
    // The name is free again and starts over at version 1.
    assert_eq!(
        store
            .save_pipeline(&doc("p", 2), true, SaveBase::New)
            .unwrap()
            .version,
        1
    );
}

#[test]
fn two_stores_on_one_folder_see_each_other_and_detect_conflicts() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = open(tmp.path());
    let mut cli = open(tmp.path());
    app.save_pipeline(&doc("p", 2), true, SaveBase::New)
        .unwrap();
    let seen = cli.get_pipeline("p", None).unwrap();
    assert_eq!(seen.summary.version, 1);
    // The CLI imports a new version while the app still edits version 1.
    cli.save_pipeline(&doc("p", 3), true, SaveBase::Latest)
        .unwrap();
    let err = app
        .save_pipeline(&doc("p", 4), true, SaveBase::Version(1))
        .unwrap_err();
    assert_eq!(err.code(), "E_CONFLICT");
    assert_eq!(
        app.get_pipeline("p", None)
            .unwrap()
            .document
            .pipeline
            .stages
            .len(),
        3
    );
    app.set_setting("images.pull", "never").unwrap();
    assert_eq!(cli.get_setting("images.pull").unwrap(), "never");
}

#[test]
fn concurrent_writers_each_get_their_own_version() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    // Several processes' worth of stores opening a fresh folder at once, then saving.
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let dir = dir.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&dir).expect("open");
                (0..10)
                    .map(|_| {
                        store
                            .save_pipeline(&doc("p", 2), true, SaveBase::Latest)
                            .expect("save")
                            .version
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut versions: Vec<i64> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    versions.sort();
    assert_eq!(versions, (1..=40).collect::<Vec<_>>());
}

#[test]
fn a_writer_held_too_long_is_reported_as_locked() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = open(tmp.path());
    store.set_busy_timeout(Duration::from_millis(200)).unwrap();
    let other = raw(tmp.path());
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let err = store
        .save_pipeline(&doc("p", 2), true, SaveBase::New)
        .unwrap_err();
    assert_eq!(err.code(), "E_DB_LOCKED", "{err}");
    assert!(err.is_environment());
    // Readers are not blocked by a writer (WAL).
    assert!(store.list_pipelines().unwrap().is_empty());
    other.execute_batch("COMMIT").unwrap();
    store
        .save_pipeline(&doc("p", 2), true, SaveBase::New)
        .unwrap();
}

#[test]
fn settings_have_defaults_validation_and_persist() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = open(tmp.path());
    assert_eq!(store.get_setting("images.pull").unwrap(), "missing");
    assert_eq!(
        store.get_setting("images.default").unwrap(),
        "pipewright/busybox:local"
    );
    assert_eq!(store.get_setting("artifacts.keepExecutions").unwrap(), "10");

    store.set_setting("images.pull", "never").unwrap();
    store.set_setting("images.default", " busybox:1 ").unwrap();
    store
        .set_setting("artifacts.keepExecutions", "007")
        .unwrap();
    assert_eq!(store.get_setting("images.default").unwrap(), "busybox:1");
    assert_eq!(store.get_setting("artifacts.keepExecutions").unwrap(), "7");

    for (key, value) in [
        ("images.pull", "sometimes"),
        ("images.default", ""),
        ("images.default", "two words"),
        ("artifacts.keepExecutions", "0"),
        ("artifacts.keepExecutions", "-1"),
        ("artifacts.keepExecutions", "many"),
    ] {
        let err = store.set_setting(key, value).unwrap_err();
        assert_eq!(err.code(), "E_SETTING_VALUE", "{key}={value}");
        assert!(err.to_string().contains(key), "{err}");
    }
    let err = store.set_setting("images.pul", "never").unwrap_err();
    assert_eq!(err.code(), "E_SETTING_UNKNOWN");
    assert!(
        err.to_string()
            .contains("images.pull, images.default, artifacts.keepExecutions"),
        "{err}"
    );
    assert_eq!(
        store.get_setting("nope").unwrap_err().code(),
        "E_SETTING_UNKNOWN"
    );

    drop(store);
    let store = open(tmp.path());
    let list = store.list_settings().unwrap();
    let got: Vec<_> = list
        .iter()
        .map(|s| (s.key.as_str(), s.value.as_str(), s.default.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("images.pull", "never", "missing"),
            ("images.default", "busybox:1", "pipewright/busybox:local"),
            ("artifacts.keepExecutions", "7", "10"),
            ("notifications.enabled", "true", "true")
        ]
    );
    assert!(list.iter().all(|s| !s.description.is_empty()));
}
