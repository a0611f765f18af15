//! The execution repository through the store's public API: transitions with their events,
//! API-shaped listings, stop requests, stage locks, recovery and artifact digests in use.

use pipewright_core::PipelineDocument;
use pipewright_store::execution::*;
use pipewright_store::{SaveBase, Store};
use serde_json::json;
use std::collections::BTreeMap;

fn doc(name: &str, mode: &str) -> PipelineDocument {
    let action = |n: &str, category: &str, run_order: i64| {
        json!({"name": n, "runOrder": run_order,
               "actionTypeId": {"category": category, "owner": "Custom", "provider": "Container", "version": "1"}})
    };
    serde_json::from_value(json!({"pipeline": {
        "name": name, "pipelineType": "V2", "executionMode": mode,
        "stages": [
            {"name": "Source", "actions": [action("Src", "Source", 1)]},
            {"name": "Build", "actions": [action("A", "Build", 1), action("B", "Build", 1), action("C", "Build", 2)]},
            {"name": "Deploy", "actions": [action("Put", "Deploy", 1)]}
        ]
    }}))
    .unwrap()
}

fn setup(mode: &str) -> (tempfile::TempDir, Store) {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(tmp.path()).unwrap();
    store
        .save_pipeline(&doc("p", mode), true, SaveBase::New)
        .unwrap();
    (tmp, store)
}

fn create(store: &mut Store, id: &str) -> Transition {
    let new = NewExecution {
        id: id.to_string(),
        pipeline_name: "p".into(),
        pipeline_version: 1,
        trigger: Trigger::manual(Some("test".into())),
        variables: vec![ResolvedVariable {
            name: "env".into(),
            resolved_value: "dev".into(),
        }],
    };
    let (record, t) = store.create_execution(&new).unwrap();
    assert_eq!(record.status, PipelineExecutionStatus::InProgress);
    assert_eq!(
        record.execution_mode,
        store
            .get_pipeline("p", None)
            .unwrap()
            .summary
            .execution_mode
    );
    t
}

fn action_type(category: &str) -> ActionType {
    ActionType {
        category: category.into(),
        owner: "Custom".into(),
        provider: "Container".into(),
        version: "1".into(),
    }
}

fn artifact(name: &str, digest: &str) -> ArtifactRecord {
    ArtifactRecord {
        name: name.into(),
        digest: digest.into(),
        size: 10,
        file_count: 2,
    }
}

fn start_action(
    store: &mut Store,
    exec: &str,
    stage: &str,
    action: &str,
    attempt: i64,
    category: &str,
    inputs: Vec<ArtifactRecord>,
) -> String {
    let id = format!("{exec}-{stage}-{action}-{attempt}");
    store
        .start_action(&NewActionExecution {
            id: id.clone(),
            execution_id: exec.into(),
            stage_name: stage.into(),
            action_name: action.into(),
            attempt,
            action_type: action_type(category),
            log_path: Some(format!("logs/{exec}/{stage}/{action}.{attempt}.log")),
            inputs,
        })
        .unwrap();
    id
}

fn succeed(outputs: Vec<ArtifactRecord>) -> ActionFinish {
    ActionFinish {
        status: ActionExecutionStatus::Succeeded,
        exit_code: Some(0),
        error_summary: None,
        output_variables: BTreeMap::from([("CommitId".to_string(), "abc".to_string())]),
        outputs,
        source_revision: None,
    }
}

fn states(events: &[EventRecord]) -> Vec<String> {
    events
        .iter()
        .map(|e| {
            let level = match e.detail_type {
                DetailType::PipelineExecution => "pipeline".to_string(),
                DetailType::StageExecution => e.stage_name.clone().unwrap(),
                DetailType::ActionExecution => format!(
                    "{}/{}",
                    e.stage_name.as_deref().unwrap(),
                    e.action_name.as_deref().unwrap()
                ),
            };
            format!("{level} {}", e.state)
        })
        .collect()
}

#[test]
fn every_transition_appends_its_event_in_the_same_write() {
    let (_tmp, mut store) = setup("PARALLEL");
    let t = create(&mut store, "e1");
    assert_eq!(states(&t.events), ["pipeline STARTED"]);
    let started = &t.events[0];
    assert_eq!(
        started.detail_type.as_str(),
        "CodePipeline Pipeline Execution State Change"
    );
    assert_eq!(started.detail["pipeline"], "p");
    assert_eq!(started.detail["execution-id"], "e1");
    assert_eq!(started.detail["state"], "STARTED");
    assert_eq!(started.detail["version"], 1);
    assert_eq!(
        started.detail["execution-trigger"]["trigger-type"],
        "StartPipelineExecution"
    );

    let (stage, t) = store.start_stage("e1", "Source", 0, None).unwrap();
    assert_eq!(stage.attempt, 1);
    assert_eq!(states(&t.events), ["Source STARTED"]);
    let a = start_action(&mut store, "e1", "Source", "Src", 1, "Source", vec![]);
    let mut finish = succeed(vec![artifact("SourceOut", "d1")]);
    finish.source_revision = Some(SourceRevision {
        action_name: "Src".into(),
        revision_id: Some("abc".into()),
        revision_summary: Some("first commit".into()),
        revision_url: None,
    });
    let t = store.finish_action(&a, &finish).unwrap();
    assert_eq!(states(&t.events), ["Source/Src SUCCEEDED"]);
    let ev = &t.events[0];
    assert_eq!(ev.detail["action"], "Src");
    assert_eq!(ev.detail["stage"], "Source");
    assert_eq!(
        ev.detail["type"],
        json!({"owner": "Custom", "provider": "Container", "category": "Source", "version": "1"})
    );
    // An action cannot finish twice.
    let err = store.finish_action(&a, &succeed(vec![])).unwrap_err();
    assert_eq!(err.code(), "E_INVALID_TRANSITION", "{err}");
    store
        .update_stage("e1", "Source", 1, StageExecutionStatus::Succeeded, None)
        .unwrap();
    let t = store
        .update_execution(
            "e1",
            &ExecutionUpdate::new(PipelineExecutionStatus::Succeeded),
        )
        .unwrap();
    assert_eq!(states(&t.events), ["pipeline SUCCEEDED"]);
    // Succeeded is final.
    let err = store
        .update_execution("e1", &ExecutionUpdate::new(PipelineExecutionStatus::Failed))
        .unwrap_err();
    assert_eq!(err.code(), "E_INVALID_TRANSITION");

    let all = store.execution_events("e1").unwrap();
    assert_eq!(
        states(&all),
        [
            "pipeline STARTED",
            "Source STARTED",
            "Source/Src STARTED",
            "Source/Src SUCCEEDED",
            "Source SUCCEEDED",
            "pipeline SUCCEEDED"
        ]
    );
    assert!(all.windows(2).all(|w| w[0].seq < w[1].seq));
    assert_eq!(store.events_after(all[3].seq, 10).unwrap().len(), 2);

    let record = store.get_execution("e1").unwrap();
    assert_eq!(
        record.source_revisions[0].revision_id.as_deref(),
        Some("abc")
    );
    let actions = store.action_executions("e1").unwrap();
    assert_eq!(actions[0].outputs, vec![artifact("SourceOut", "d1")]);
    assert_eq!(actions[0].output_variables["CommitId"], "abc");
    assert_eq!(
        store.get_execution("nope").unwrap_err().code(),
        "E_NOT_FOUND"
    );
}

#[test]
fn listings_have_the_api_shapes() {
    let (_tmp, mut store) = setup("PARALLEL");
    for id in ["e1", "e2", "e3"] {
        create(&mut store, id);
    }
    store.request_stop("e2", false, Some("not needed")).unwrap();
    store
        .update_execution(
            "e2",
            &ExecutionUpdate::new(PipelineExecutionStatus::Stopping),
        )
        .unwrap();
    store
        .update_execution(
            "e2",
            &ExecutionUpdate::new(PipelineExecutionStatus::Stopped),
        )
        .unwrap();

    let list = store.list_executions("p", Some(2)).unwrap();
    let v = serde_json::to_value(&list).unwrap();
    let rows = v["pipelineExecutionSummaries"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["pipelineExecutionId"], "e3", "newest first");
    assert_eq!(rows[1]["pipelineExecutionId"], "e2");
    assert_eq!(rows[1]["status"], "Stopped");
    assert_eq!(rows[1]["stopTrigger"]["reason"], "not needed");
    for key in [
        "startTime",
        "lastUpdateTime",
        "sourceRevisions",
        "executionMode",
    ] {
        assert!(rows[0].get(key).is_some(), "{key} in {}", rows[0]);
    }
    assert_eq!(
        rows[0]["trigger"],
        json!({"triggerType": "StartPipelineExecution", "triggerDetail": "test"})
    );
    assert_eq!(
        store
            .list_executions("p", None)
            .unwrap()
            .pipeline_execution_summaries
            .len(),
        3
    );
    assert_eq!(
        store.list_executions("nope", None).unwrap_err().code(),
        "E_NOT_FOUND"
    );

    // execution ID --json
    store.start_stage("e1", "Source", 0, None).unwrap();
    let a = start_action(&mut store, "e1", "Source", "Src", 1, "Source", vec![]);
    store
        .finish_action(&a, &succeed(vec![artifact("SourceOut", "d1")]))
        .unwrap();
    store
        .update_stage("e1", "Source", 1, StageExecutionStatus::Succeeded, None)
        .unwrap();
    store.start_stage("e1", "Build", 1, None).unwrap();
    let a = start_action(
        &mut store,
        "e1",
        "Build",
        "A",
        1,
        "Build",
        vec![artifact("SourceOut", "d1")],
    );
    store
        .finish_action(&a, &ActionFinish::failed("exit status 2", Some(2)))
        .unwrap();
    store
        .update_stage(
            "e1",
            "Build",
            1,
            StageExecutionStatus::Failed,
            Some("action A failed"),
        )
        .unwrap();

    let detail = serde_json::to_value(store.execution_detail("e1").unwrap()).unwrap();
    let pe = &detail["pipelineExecution"];
    assert_eq!(pe["pipelineExecutionId"], "e1");
    assert_eq!(pe["pipelineName"], "p");
    assert_eq!(pe["pipelineVersion"], 1);
    assert_eq!(pe["status"], "InProgress");
    assert_eq!(
        pe["variables"],
        json!([{"name": "env", "resolvedValue": "dev"}])
    );
    assert_eq!(pe["artifactRevisions"][0]["name"], "SourceOut");
    let stages = detail["stageStates"].as_array().unwrap();
    assert_eq!(stages.len(), 3);
    assert_eq!(stages[0]["latestExecution"]["status"], "Succeeded");
    let build = &stages[1];
    assert_eq!(build["latestExecution"]["status"], "Failed");
    assert_eq!(build["actionStates"][0]["actionName"], "A");
    let a_state = &build["actionStates"][0]["latestExecution"];
    assert_eq!(a_state["status"], "Failed");
    assert_eq!(a_state["exitCode"], 2);
    assert_eq!(a_state["errorDetails"]["message"], "exit status 2");
    assert!(a_state.get("lastStatusChange").is_some());
    assert_eq!(a_state["inputArtifacts"][0]["digest"], "d1");
    // Actions and stages that never ran have no latestExecution.
    assert_eq!(build["actionStates"][1], json!({"actionName": "B"}));
    assert!(stages[2].get("latestExecution").is_none());
    assert_eq!(stages[2]["actionStates"], json!([{"actionName": "Put"}]));
}

#[test]
fn retry_starts_a_new_attempt_announced_as_resumed() {
    let (_tmp, mut store) = setup("PARALLEL");
    create(&mut store, "e1");
    store.start_stage("e1", "Source", 0, None).unwrap();
    // Only a Failed or Stopped execution, and only its Failed or Stopped stage.
    assert_eq!(
        store
            .prepare_stage_retry("e1", "Source", RetryMode::FailedActions)
            .unwrap_err()
            .code(),
        "E_INVALID_TRANSITION"
    );
    store
        .update_stage("e1", "Source", 1, StageExecutionStatus::Failed, None)
        .unwrap();
    store
        .update_execution("e1", &ExecutionUpdate::new(PipelineExecutionStatus::Failed))
        .unwrap();
    let err = store
        .prepare_stage_retry("e1", "Build", RetryMode::FailedActions)
        .unwrap_err();
    assert!(err.message().contains("never ran"), "{err}");
    let t = store
        .prepare_stage_retry("e1", "Source", RetryMode::AllActions)
        .unwrap();
    assert_eq!(states(&t.events), ["pipeline RESUMED"]);
    let record = store.get_execution("e1").unwrap();
    assert_eq!(record.next_stage.as_deref(), Some("Source"));
    assert_eq!(
        record.retry,
        Some((RetryMode::AllActions, RetryTrigger::ManualStageRetry))
    );
    let (stage, t) = store.start_stage("e1", "Source", 0, record.retry).unwrap();
    assert_eq!(stage.attempt, 2);
    assert_eq!(states(&t.events), ["Source RESUMED"]);
    let record = store.get_execution("e1").unwrap();
    assert_eq!((record.next_stage, record.retry), (None, None));
}

#[test]
fn stop_requests_are_rows_the_owner_takes_once() {
    let (_tmp, mut store) = setup("PARALLEL");
    create(&mut store, "e1");
    assert!(!store.has_pending_stop("e1").unwrap());
    store.request_stop("e1", false, None).unwrap();
    store.request_stop("e1", true, Some("hurry")).unwrap();
    assert!(store.has_pending_stop("e1").unwrap());
    let taken = store.take_stop_requests("e1").unwrap();
    assert_eq!(
        taken.iter().map(|r| r.abandon).collect::<Vec<_>>(),
        [false, true]
    );
    assert!(store.take_stop_requests("e1").unwrap().is_empty());
    store
        .update_execution("e1", &ExecutionUpdate::new(PipelineExecutionStatus::Failed))
        .unwrap();
    assert_eq!(
        store.request_stop("e1", false, None).unwrap_err().code(),
        "E_NOT_RUNNING"
    );
}

#[test]
fn queued_stage_locks_go_to_the_oldest_waiter() {
    let (_tmp, mut store) = setup("QUEUED");
    for id in ["a", "b", "c"] {
        create(&mut store, id);
    }
    assert_eq!(
        store.enter_stage("a", "Build").unwrap(),
        StageEntry::Entered
    );
    assert!(matches!(
        store.enter_stage("c", "Build").unwrap(),
        StageEntry::Waiting { .. }
    ));
    assert!(matches!(
        store.enter_stage("b", "Build").unwrap(),
        StageEntry::Waiting { .. }
    ));
    assert_eq!(
        store.get_execution("b").unwrap().parked,
        Some(Parked::Waiting)
    );
    assert_eq!(
        store.stage_locks("p").unwrap(),
        [("Build".to_string(), "a".to_string())]
    );
    // Entering again is idempotent for the holder.
    assert_eq!(
        store.enter_stage("a", "Build").unwrap(),
        StageEntry::Entered
    );

    let t = store.leave_stage("a", "Build").unwrap();
    assert_eq!(t.granted, ["b"], "b started before c");
    assert_eq!(
        store.get_execution("b").unwrap().parked,
        Some(Parked::Ready)
    );
    assert_eq!(store.ready_executions().unwrap(), ["b"]);
    let record = store.take_over("b").unwrap();
    assert_eq!(record.parked, None);
    assert_eq!(
        store.enter_stage("b", "Build").unwrap(),
        StageEntry::Entered
    );
    // Ending an execution frees its locks too.
    let t = store
        .update_execution("b", &ExecutionUpdate::new(PipelineExecutionStatus::Failed))
        .unwrap();
    assert_eq!(t.granted, ["c"]);
    assert_eq!(
        store.stage_locks("p").unwrap(),
        [("Build".to_string(), "c".to_string())]
    );
}

#[test]
fn superseded_mode_keeps_only_the_newest_waiter() {
    let (_tmp, mut store) = setup("SUPERSEDED");
    for id in ["a", "b", "c"] {
        create(&mut store, id);
    }
    assert_eq!(
        store.enter_stage("a", "Build").unwrap(),
        StageEntry::Entered
    );
    assert!(matches!(
        store.enter_stage("b", "Build").unwrap(),
        StageEntry::Waiting { .. }
    ));
    let StageEntry::Waiting { transition } = store.enter_stage("c", "Build").unwrap() else {
        panic!("c waits");
    };
    assert_eq!(states(&transition.events), ["pipeline SUPERSEDED"]);
    assert_eq!(transition.events[0].execution_id, "b");
    let b = store.get_execution("b").unwrap();
    assert_eq!(b.status, PipelineExecutionStatus::Superseded);
    assert_eq!(b.parked, None);
    // PARALLEL needs no lock at all.
    let (_tmp2, mut parallel) = setup("PARALLEL");
    create(&mut parallel, "x");
    create(&mut parallel, "y");
    assert_eq!(
        parallel.enter_stage("x", "Build").unwrap(),
        StageEntry::Entered
    );
    assert_eq!(
        parallel.enter_stage("y", "Build").unwrap(),
        StageEntry::Entered
    );
    assert!(parallel.stage_locks("p").unwrap().is_empty());
}

#[test]
fn interrupted_executions_are_failed_with_actions_abandoned_and_locks_freed() {
    let (_tmp, mut store) = setup("QUEUED");
    create(&mut store, "a");
    create(&mut store, "b");
    store.enter_stage("a", "Source").unwrap();
    store.start_stage("a", "Source", 0, None).unwrap();
    start_action(&mut store, "a", "Source", "Src", 1, "Source", vec![]);
    assert!(matches!(
        store.enter_stage("b", "Source").unwrap(),
        StageEntry::Waiting { .. }
    ));

    let running: Vec<_> = store
        .running_executions()
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(running, ["a"], "a parked execution is not running");
    let t = store.mark_interrupted("a", "the owner ended").unwrap();
    assert_eq!(
        states(&t.events),
        ["Source/Src ABANDONED", "Source FAILED", "pipeline FAILED"]
    );
    assert_eq!(t.granted, ["b"]);
    let a = store.get_execution("a").unwrap();
    assert_eq!(a.status, PipelineExecutionStatus::Failed);
    assert_eq!(a.status_reason.as_deref(), Some(INTERRUPTED));
    assert_eq!(
        store.stage_executions("a").unwrap()[0]
            .status_reason
            .as_deref(),
        Some(INTERRUPTED)
    );
    assert_eq!(
        store.action_executions("a").unwrap()[0].status,
        ActionExecutionStatus::Abandoned
    );
    // Nothing happens to an execution that is not running.
    assert!(store
        .mark_interrupted("a", "again")
        .unwrap()
        .events
        .is_empty());
}

#[test]
fn digests_in_use_cover_recent_running_and_deployed_revisions() {
    let (_tmp, mut store) = setup("PARALLEL");
    for (i, id) in ["e1", "e2", "e3"].iter().enumerate() {
        create(&mut store, id);
        store.start_stage(id, "Source", 0, None).unwrap();
        let a = start_action(&mut store, id, "Source", "Src", 1, "Source", vec![]);
        store
            .finish_action(&a, &succeed(vec![artifact("S", &format!("src{i}"))]))
            .unwrap();
        if *id == "e1" {
            let d = start_action(
                &mut store,
                id,
                "Deploy",
                "Put",
                1,
                "Deploy",
                vec![artifact("S", "src0")],
            );
            store.finish_action(&d, &succeed(vec![])).unwrap();
        }
        if *id != "e3" {
            store
                .update_execution(
                    id,
                    &ExecutionUpdate::new(PipelineExecutionStatus::Succeeded),
                )
                .unwrap();
        }
    }
    let mut keep: Vec<_> = store.digests_in_use(1).unwrap().into_iter().collect();
    keep.sort();
    // e3 (newest, and running), plus e1's deployed revision; e2 is neither.
    assert_eq!(keep, ["src0", "src2"]);
    let mut keep: Vec<_> = store.digests_in_use(3).unwrap().into_iter().collect();
    keep.sort();
    assert_eq!(keep, ["src0", "src1", "src2"]);
}
