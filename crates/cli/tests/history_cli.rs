//! `pipewright executions [NAME]` with its filters and pages: executions recorded through the
//! store's API (times and branches set in SQLite), and one real run on Docker.

mod support;

use pipewright_store::execution::{NewExecution, Trigger};
use pipewright_store::{SaveBase, Store, DATABASE_FILE};
use serde_json::Value;
use std::path::Path;
use support::*;

/// Pipelines `a` and `b` and six executions e0…e5 (e5 newest).
fn recorded(data: &Path) {
    let mut store = Store::open(data).unwrap();
    for name in ["a", "b"] {
        let doc =
            serde_json::from_value(serde_json::json!({"pipeline": {"name": name, "stages": []}}))
                .unwrap();
        store.save_pipeline(&doc, true, SaveBase::New).unwrap();
    }
    let rows = [
        (
            "a",
            "StartPipelineExecution",
            Some("cli"),
            "Succeeded",
            "2026-11-01T09:00:00.000Z",
            Some("main"),
        ),
        (
            "b",
            "PollForSourceChanges",
            None,
            "Failed",
            "2026-11-01T10:00:00.000Z",
            Some("main"),
        ),
        (
            "a",
            "WebhookV2",
            Some("push"),
            "Failed",
            "2026-11-02T08:00:00.000Z",
            Some("dev"),
        ),
        (
            "a",
            "CloudWatchEvent",
            None,
            "Stopped",
            "2026-11-03T00:00:00.000Z",
            None,
        ),
        (
            "b",
            "StartPipelineExecution",
            Some("pipeline/a/e0"),
            "Succeeded",
            "2026-11-03T12:00:00.000Z",
            None,
        ),
        (
            "a",
            "StartPipelineExecution",
            None,
            "Succeeded",
            "2026-11-04T10:00:00.000Z",
            Some("dev"),
        ),
    ];
    let raw = rusqlite::Connection::open(data.join(DATABASE_FILE)).unwrap();
    for (i, (pipeline, trigger_type, detail, status, start, branch)) in rows.into_iter().enumerate()
    {
        let id = format!("e{i}");
        store
            .create_execution(&NewExecution {
                id: id.clone(),
                pipeline_name: pipeline.into(),
                pipeline_version: 1,
                trigger: Trigger {
                    trigger_type: trigger_type.into(),
                    trigger_detail: detail.map(str::to_string),
                },
                variables: vec![],
            })
            .unwrap();
        raw.execute(
            "UPDATE executions SET status = ?2, start_time = ?3,
                 last_update_time = strftime('%Y-%m-%dT%H:%M:%fZ', ?3, '+75 seconds'), branch = ?4,
                 source_revisions = ?5
             WHERE id = ?1",
            rusqlite::params![
                id,
                status,
                start,
                branch,
                format!(r#"[{{"actionName":"Src","revisionId":"abcdef0123456789{i}","revisionSummary":"Change {i}"}}]"#)
            ],
        )
        .unwrap();
    }
}

fn listed(data: &Path, args: &[&str]) -> (Vec<String>, Option<String>) {
    let mut all = vec!["executions", "--json"];
    all.extend(args);
    let o = cli(data, &all);
    assert!(o.status.success(), "{args:?}: {}", text(&o.stderr));
    let v = json(&o);
    let ids = v["pipelineExecutionSummaries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["pipelineExecutionId"].as_str().unwrap().to_string())
        .collect();
    (ids, v["nextToken"].as_str().map(str::to_string))
}

fn ids(data: &Path, args: &[&str]) -> Vec<String> {
    listed(data, args).0
}

#[test]
fn lists_every_pipeline_or_one_with_each_filter() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    recorded(&data);
    assert_eq!(ids(&data, &[]), ["e5", "e4", "e3", "e2", "e1", "e0"]);
    assert_eq!(ids(&data, &["a"]), ["e5", "e3", "e2", "e0"]);
    assert_eq!(ids(&data, &["--status", "Failed"]), ["e2", "e1"]);
    assert_eq!(
        ids(&data, &["--status", "failed", "--status", "Stopped"]),
        ["e3", "e2", "e1"]
    );
    assert_eq!(ids(&data, &["--trigger", "manual"]), ["e5", "e0"]);
    assert_eq!(ids(&data, &["--trigger", "pipeline"]), ["e4"]);
    assert_eq!(
        ids(&data, &["--trigger", "webhook", "--trigger", "schedule"]),
        ["e3", "e2"]
    );
    assert_eq!(ids(&data, &["--trigger", "source"]), ["e1"]);
    assert_eq!(ids(&data, &["--branch", "main"]), ["e1", "e0"]);
    assert_eq!(ids(&data, &["a", "--branch", "dev"]), ["e5", "e2"]);
    assert_eq!(ids(&data, &["--since", "2026-11-03"]), ["e5", "e4", "e3"]);
    assert_eq!(ids(&data, &["--until", "2026-11-01"]), ["e1", "e0"]);
    assert_eq!(
        ids(
            &data,
            &["--since", "2026-11-02", "--until", "2026-11-03T06:00:00Z"]
        ),
        ["e3", "e2"]
    );

    // Across pipelines the JSON names each row's pipeline; for one pipeline it does not.
    let o = cli(&data, &["executions", "--json", "--limit", "1"]);
    let v: Value = json(&o);
    let first = &v["pipelineExecutionSummaries"][0];
    assert_eq!(first["pipelineName"], "a");
    assert_eq!(first["branchName"], "dev");
    assert_eq!(first["trigger"]["triggerType"], "StartPipelineExecution");
    assert_eq!(first["sourceRevisions"][0]["revisionSummary"], "Change 5");
    let o = cli(&data, &["executions", "a", "--json", "--limit", "1"]);
    assert!(json(&o)["pipelineExecutionSummaries"][0]
        .get("pipelineName")
        .is_none());
}

#[test]
fn pages_follow_the_next_token_and_the_table_says_how_to_get_more() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    recorded(&data);
    let mut walked = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut args = vec![
            "--limit",
            "4",
            "--status",
            "Succeeded",
            "--status",
            "Failed",
        ];
        if let Some(t) = &token {
            args.extend(["--next-token", t.as_str()]);
        }
        let (page, next) = listed(&data, &args);
        walked.extend(page);
        match next {
            Some(t) => token = Some(t),
            None => break,
        }
    }
    assert_eq!(walked, ["e5", "e4", "e2", "e1", "e0"]);

    let o = cli(&data, &["executions", "--limit", "2"]);
    assert!(o.status.success());
    let table = text(&o.stdout);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    for column in [
        "ID", "PIPELINE", "STATUS", "TRIGGER", "REVISION", "BRANCH", "STARTED", "DURATION",
    ] {
        assert!(lines[0].contains(column), "{column} in {}", lines[0]);
    }
    assert!(lines[1].starts_with("e5"), "{table}");
    for cell in [
        "manual",
        "abcdef01 Change 5",
        "dev",
        "2026-11-04T10:00:00.000Z",
        "1m15s",
    ] {
        assert!(lines[1].contains(cell), "{cell} in {}", lines[1]);
    }
    assert!(lines[2].contains("pipeline"), "{}", lines[2]);
    let hint = text(&o.stderr);
    assert!(hint.contains("--next-token "), "{hint}");

    // One pipeline: no PIPELINE column.
    let o = cli(&data, &["executions", "b"]);
    assert!(!text(&o.stdout).lines().next().unwrap().contains("PIPELINE"));
    let o = cli(&data, &["executions", "b", "--branch", "nope"]);
    assert!(o.status.success());
    assert_eq!(text(&o.stdout).trim(), "no executions match");
}

#[test]
fn bad_filters_and_tokens_are_usage_errors_with_codes() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    recorded(&data);
    for (args, code) in [
        (vec!["--status", "Done"], "E_INVALID_FILTER"),
        (vec!["--trigger", "cron"], "E_INVALID_FILTER"),
        (vec!["--since", "last week"], "E_INVALID_FILTER"),
        (
            vec!["--since", "2026-11-03", "--until", "2026-11-01"],
            "E_INVALID_FILTER",
        ),
        (vec!["--next-token", "not-a-token"], "E_INVALID_TOKEN"),
    ] {
        let mut all = vec!["executions"];
        all.extend(&args);
        let o = cli(&data, &all);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o.stderr));
        let err = text(&o.stderr);
        assert!(
            err.starts_with(&format!("error[{code}]: ")),
            "{args:?}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    let o = cli(&data, &["executions", "nope"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).starts_with("error[E_NOT_FOUND]"));
}

#[test]
fn a_real_run_is_listed_with_its_trigger_and_duration() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let src = tmp.path().join("src");
    prepare(&data, &src);
    let name = unique_name("hist", tmp.path());
    let stages = format!(
        "    - name: Build\n      actions:\n{}",
        container_action("Echo", &["SourceOut"], &["echo hi"], "")
    );
    import_yaml(&data, &pipeline_yaml(&name, &src, &stages));
    let o = cli(&data, &["run", &name, "--wait", "--json"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let id = execution_id(&o);

    let o = cli(
        &data,
        &[
            "executions",
            "--json",
            "--trigger",
            "manual",
            "--status",
            "Succeeded",
        ],
    );
    let v = json(&o);
    let row = &v["pipelineExecutionSummaries"][0];
    assert_eq!(row["pipelineExecutionId"], id.as_str());
    assert_eq!(row["pipelineName"], name.as_str());
    assert_eq!(v["pipelineExecutionSummaries"].as_array().unwrap().len(), 1);
    let o = cli(
        &data,
        &["executions", &name, "--status", "Failed", "--json"],
    );
    assert_eq!(
        json(&o)["pipelineExecutionSummaries"],
        serde_json::json!([])
    );
    let o = cli(&data, &["executions", &name, "--since", "1d"]);
    let table = text(&o.stdout);
    assert!(
        table.contains(&id) && table.contains("Succeeded") && table.contains("manual"),
        "{table}"
    );
    assert_no_containers(&name);
}
