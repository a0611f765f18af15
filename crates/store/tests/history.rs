//! The history list through the store's public API: every filter, keyset paging, and the
//! refusals (a foreign next token, an unknown status or trigger, an empty date range).

use pipewright_core::PipelineDocument;
use pipewright_store::execution::history::{
    ExecutionFilter, TriggerKind, E_INVALID_FILTER, E_INVALID_TOKEN,
};
use pipewright_store::execution::shapes::PipelineExecutionSummaries;
use pipewright_store::execution::*;
use pipewright_store::{codes, SaveBase, Store, DATABASE_FILE};
use serde_json::json;
use std::collections::BTreeMap;

fn doc(name: &str) -> PipelineDocument {
    serde_json::from_value(json!({"pipeline": {
        "name": name, "pipelineType": "V2", "executionMode": "PARALLEL",
        "stages": [{"name": "Source", "actions": [{"name": "Src", "runOrder": 1,
            "actionTypeId": {"category": "Source", "owner": "Custom", "provider": "Git", "version": "1"}}]}]
    }}))
    .unwrap()
}

struct Fixture {
    _tmp: tempfile::TempDir,
    store: Store,
    raw: rusqlite::Connection,
}

/// One execution: pipeline, trigger type and detail, status, start time, branch.
type Row<'a> = (
    &'a str,
    &'a str,
    Option<&'a str>,
    &'a str,
    &'a str,
    Option<&'a str>,
);

/// Pipelines `a` and `b`, and these executions (ids e0, e1, … in this order).
fn fixture(rows: &[Row]) -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(tmp.path()).unwrap();
    for name in ["a", "b"] {
        store
            .save_pipeline(&doc(name), true, SaveBase::New)
            .unwrap();
    }
    let raw = rusqlite::Connection::open(tmp.path().join(DATABASE_FILE)).unwrap();
    for (i, (pipeline, trigger_type, detail, status, start, branch)) in rows.iter().enumerate() {
        let id = format!("e{i}");
        store
            .create_execution(&NewExecution {
                id: id.clone(),
                pipeline_name: pipeline.to_string(),
                pipeline_version: 1,
                trigger: Trigger {
                    trigger_type: trigger_type.to_string(),
                    trigger_detail: detail.map(str::to_string),
                },
                variables: vec![],
            })
            .unwrap();
        raw.execute(
            "UPDATE executions SET status = ?2, start_time = ?3, last_update_time = ?3, branch = ?4
             WHERE id = ?1",
            rusqlite::params![id, status, start, branch],
        )
        .unwrap();
    }
    Fixture {
        _tmp: tmp,
        store,
        raw,
    }
}

const ROWS: &[Row] = &[
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
        Some("nightly"),
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
        "InProgress",
        "2026-11-04T23:59:59.999Z",
        Some("dev"),
    ),
];

fn ids(page: &PipelineExecutionSummaries) -> Vec<String> {
    page.pipeline_execution_summaries
        .iter()
        .map(|s| s.pipeline_execution_id.clone())
        .collect()
}

fn list(f: &Fixture, filter: &ExecutionFilter) -> Vec<String> {
    ids(&f.store.list_execution_page(filter, None, None).unwrap())
}

fn parse(
    pipeline: Option<&str>,
    statuses: &[&str],
    triggers: &[&str],
    branch: Option<&str>,
    since: Option<&str>,
    until: Option<&str>,
) -> Result<ExecutionFilter, pipewright_store::StoreError> {
    let own = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    ExecutionFilter::parse(
        pipeline,
        &own(statuses),
        &own(triggers),
        branch,
        since,
        until,
    )
}

#[test]
fn every_pipeline_or_one_newest_first_with_pipeline_names_only_across_pipelines() {
    let f = fixture(ROWS);
    let all = f
        .store
        .list_execution_page(&ExecutionFilter::default(), None, None)
        .unwrap();
    assert_eq!(ids(&all), ["e5", "e4", "e3", "e2", "e1", "e0"]);
    let names: Vec<_> = all
        .pipeline_execution_summaries
        .iter()
        .map(|s| s.pipeline_name.clone().unwrap())
        .collect();
    assert_eq!(names, ["a", "b", "a", "a", "b", "a"]);
    assert_eq!(
        all.pipeline_execution_summaries[0].branch_name.as_deref(),
        Some("dev")
    );
    assert_eq!(all.next_token, None);

    let a = f
        .store
        .list_execution_page(
            &parse(Some("a"), &[], &[], None, None, None).unwrap(),
            None,
            None,
        )
        .unwrap();
    assert_eq!(ids(&a), ["e5", "e3", "e2", "e0"]);
    assert!(a
        .pipeline_execution_summaries
        .iter()
        .all(|s| s.pipeline_name.is_none()));
}

#[test]
fn status_filter_takes_any_of_several_in_any_case() {
    let f = fixture(ROWS);
    let failed = parse(None, &["failed"], &[], None, None, None).unwrap();
    assert_eq!(failed.statuses, [PipelineExecutionStatus::Failed]);
    assert_eq!(list(&f, &failed), ["e2", "e1"]);
    let two = parse(
        None,
        &["Failed", "in-progress", "FAILED"],
        &[],
        None,
        None,
        None,
    )
    .unwrap();
    assert_eq!(two.statuses.len(), 2);
    assert_eq!(list(&f, &two), ["e5", "e2", "e1"]);
    let one_pipeline = parse(Some("b"), &["Succeeded"], &[], None, None, None).unwrap();
    assert_eq!(list(&f, &one_pipeline), ["e4"]);
}

#[test]
fn trigger_filter_tells_manual_runs_from_runs_started_by_another_pipeline() {
    let f = fixture(ROWS);
    let by = |t: &[&str]| list(&f, &parse(None, &[], t, None, None, None).unwrap());
    assert_eq!(by(&["manual"]), ["e5", "e0"]);
    assert_eq!(by(&["pipeline"]), ["e4"]);
    assert_eq!(by(&["source"]), ["e1"]);
    assert_eq!(by(&["webhook"]), ["e2"]);
    assert_eq!(by(&["WebhookV2"]), ["e2"]);
    assert_eq!(by(&["schedule"]), ["e3"]);
    assert!(by(&["rollback"]).is_empty());
    assert_eq!(by(&["schedule", "webhook"]), ["e3", "e2"]);
    assert_eq!(by(&["manual", "pipeline"]), ["e5", "e4", "e0"]);
    // Combined with the other filters.
    let failed_webhooks = parse(
        Some("a"),
        &["Failed"],
        &["webhook", "manual"],
        None,
        None,
        None,
    );
    assert_eq!(list(&f, &failed_webhooks.unwrap()), ["e2"]);
    assert_eq!(
        TriggerKind::of("StartPipelineExecution", Some("pipeline/a/e0")),
        Some(TriggerKind::Pipeline)
    );
}

#[test]
fn branch_filter_matches_the_source_branch_exactly() {
    let f = fixture(ROWS);
    let by = |p: Option<&str>, b: &str| list(&f, &parse(p, &[], &[], Some(b), None, None).unwrap());
    assert_eq!(by(None, "main"), ["e1", "e0"]);
    assert_eq!(by(None, "dev"), ["e5", "e2"]);
    assert_eq!(by(Some("a"), "main"), ["e0"]);
    assert!(by(None, "ma").is_empty());
    // A blank branch is no filter.
    assert_eq!(by(Some("b"), "  ").len(), 2);
}

#[test]
fn date_range_takes_dates_inclusive_and_rfc3339_times() {
    let f = fixture(ROWS);
    let by = |since: Option<&str>, until: Option<&str>| {
        list(&f, &parse(None, &[], &[], None, since, until).unwrap())
    };
    assert_eq!(by(Some("2026-11-03"), None), ["e5", "e4", "e3"]);
    assert_eq!(by(None, Some("2026-11-01")), ["e1", "e0"]);
    assert_eq!(
        by(Some("2026-11-02"), Some("2026-11-03")),
        ["e4", "e3", "e2"]
    );
    // The last millisecond of a day is inside it.
    assert_eq!(by(Some("2026-11-04"), Some("2026-11-04")), ["e5"]);
    // A time with an offset is converted to UTC: 11:00+02:00 is 09:00Z, so e0 is in.
    assert_eq!(
        by(
            Some("2026-11-01T11:00:00+02:00"),
            Some("2026-11-01T23:00:00Z")
        ),
        ["e1", "e0"]
    );
    assert_eq!(
        by(Some("2026-11-01T09:00:00.001Z"), Some("2026-11-01")),
        ["e1"]
    );
    // Days ago, counted from now: every row is from November 2026 or earlier than now.
    assert_eq!(by(Some("36500d"), None).len(), ROWS.len());
    assert!(by(Some("0d"), None).is_empty());
}

#[test]
fn token_pages_walk_every_row_once_even_with_equal_start_times() {
    let same = "2026-11-05T00:00:00.000Z";
    let mut rows: Vec<Row> = ROWS.to_vec();
    for _ in 0..5 {
        rows.push(("a", "StartPipelineExecution", None, "Failed", same, None));
    }
    let f = fixture(&rows);
    for filter in [
        ExecutionFilter::default(),
        parse(Some("a"), &[], &[], None, None, None).unwrap(),
        parse(
            None,
            &["failed"],
            &["manual", "webhook", "source"],
            None,
            None,
            None,
        )
        .unwrap(),
    ] {
        let everything = list(&f, &filter);
        let mut walked = Vec::new();
        let mut token: Option<String> = None;
        let mut pages = 0;
        loop {
            let page = f
                .store
                .list_execution_page(&filter, Some(2), token.as_deref())
                .unwrap();
            assert!(page.pipeline_execution_summaries.len() <= 2);
            walked.extend(ids(&page));
            pages += 1;
            match page.next_token {
                Some(t) => token = Some(t),
                None => break,
            }
        }
        assert_eq!(walked, everything, "{filter:?}");
        assert_eq!(pages, everything.len().div_ceil(2).max(1), "{filter:?}");
    }
    // A page exactly at the end has no token.
    let exact = f
        .store
        .list_execution_page(&ExecutionFilter::default(), Some(rows.len()), None)
        .unwrap();
    assert_eq!(exact.next_token, None);
    assert_eq!(exact.pipeline_execution_summaries.len(), rows.len());
}

#[test]
fn a_new_execution_does_not_shift_the_pages_after_a_token() {
    let f = fixture(ROWS);
    let filter = ExecutionFilter::default();
    let first = f.store.list_execution_page(&filter, Some(3), None).unwrap();
    f.raw
        .execute(
            "UPDATE executions SET start_time = '2026-12-01T00:00:00.000Z' WHERE id = 'e0'",
            [],
        )
        .unwrap();
    let second = f
        .store
        .list_execution_page(&filter, Some(3), first.next_token.as_deref())
        .unwrap();
    assert_eq!(ids(&first), ["e5", "e4", "e3"]);
    assert_eq!(ids(&second), ["e2", "e1"]);
}

#[test]
fn refusals_have_their_codes() {
    let f = fixture(ROWS);
    let filter = ExecutionFilter::default();
    for bad in ["nothex", "abc", "00ff", "6e6f206e65776c696e65"] {
        let err = f
            .store
            .list_execution_page(&filter, Some(2), Some(bad))
            .unwrap_err();
        assert_eq!(err.code(), E_INVALID_TOKEN, "{bad}");
        assert!(err.to_string().contains("list again"), "{err}");
    }
    let unknown = parse(Some("nope"), &[], &[], None, None, None).unwrap();
    assert_eq!(
        f.store
            .list_execution_page(&unknown, None, None)
            .unwrap_err()
            .code(),
        codes::NOT_FOUND
    );
    let err = parse(None, &["Done"], &[], None, None, None).unwrap_err();
    assert_eq!(err.code(), E_INVALID_FILTER);
    assert!(err.to_string().contains("Succeeded"), "{err}");
    let err = parse(None, &[], &["cron"], None, None, None).unwrap_err();
    assert_eq!(err.code(), E_INVALID_FILTER);
    let err = parse(None, &[], &[], None, Some("last week"), None).unwrap_err();
    assert_eq!(err.code(), E_INVALID_FILTER);
    let err = parse(None, &[], &[], None, Some("2026-11-03"), Some("2026-11-02")).unwrap_err();
    assert_eq!(err.code(), E_INVALID_FILTER);
    assert!(err.to_string().contains("empty"), "{err}");
}

#[test]
fn the_branch_comes_from_the_source_actions_branch_name_variable() {
    let f = fixture(&[]);
    let mut store = f.store;
    store
        .create_execution(&NewExecution {
            id: "x".into(),
            pipeline_name: "a".into(),
            pipeline_version: 1,
            trigger: Trigger::manual(None),
            variables: vec![],
        })
        .unwrap();
    store.start_stage("x", "Source", 0, None).unwrap();
    store
        .start_action(&NewActionExecution {
            id: "x-src".into(),
            execution_id: "x".into(),
            stage_name: "Source".into(),
            action_name: "Src".into(),
            attempt: 1,
            action_type: ActionType {
                category: "Source".into(),
                owner: "Custom".into(),
                provider: "Git".into(),
                version: "1".into(),
            },
            log_path: None,
            inputs: vec![],
        })
        .unwrap();
    let filter = parse(None, &[], &[], Some("feature/x"), None, None).unwrap();
    assert!(store
        .list_execution_page(&filter, None, None)
        .unwrap()
        .pipeline_execution_summaries
        .is_empty());
    store
        .finish_action(
            "x-src",
            &ActionFinish {
                status: ActionExecutionStatus::Succeeded,
                exit_code: None,
                error_summary: None,
                output_variables: BTreeMap::from([
                    ("BranchName".to_string(), "feature/x".to_string()),
                    ("CommitId".to_string(), "0123456789abcdef".to_string()),
                ]),
                outputs: vec![],
                source_revision: Some(SourceRevision {
                    action_name: "Src".into(),
                    revision_id: Some("0123456789abcdef".into()),
                    revision_summary: Some("Fix the build".into()),
                    revision_url: None,
                }),
            },
        )
        .unwrap();
    let page = store.list_execution_page(&filter, None, None).unwrap();
    assert_eq!(ids(&page), ["x"]);
    let row = &page.pipeline_execution_summaries[0];
    assert_eq!(row.branch_name.as_deref(), Some("feature/x"));
    assert_eq!(
        row.source_revisions[0].revision_summary.as_deref(),
        Some("Fix the build")
    );
}
