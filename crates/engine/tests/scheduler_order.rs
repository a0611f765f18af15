//! Stage order, concurrent runOrder groups, failure semantics, events and logs, with a fake
//! provider (no Docker).

mod scheduler_support;

use pipewright_engine::logs::read_log;
use pipewright_engine::model::{FinalStatus, Trigger};
use pipewright_store::execution::{
    ActionExecutionStatus, DetailType, EventState, PipelineExecutionStatus, StageExecutionStatus,
};
use scheduler_support::*;
use serde_json::json;
use std::collections::BTreeMap;
use std::time::Duration;

fn trigger() -> Trigger {
    Trigger::manual(None)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stages_run_in_order_and_a_group_runs_concurrently() {
    let h = Harness::new();
    h.save(
        "p",
        "PARALLEL",
        json!([
            stage("First", vec![action("One", 1, json!({}))]),
            stage(
                "Second",
                vec![
                    action("A", 1, json!({"SleepMs": "300"})),
                    action("B", 1, json!({"SleepMs": "300"})),
                    action("C", 2, json!({})),
                ]
            ),
            stage("Third", vec![action("Last", 1, json!({}))]),
        ]),
    );
    let (id, status) = h.engine.run("p", BTreeMap::new(), trigger()).await.unwrap();
    assert_eq!(
        status,
        FinalStatus::Ended(PipelineExecutionStatus::Succeeded)
    );

    let calls = h.provider.calls();
    let order: Vec<&str> = calls.iter().map(|c| c.action.as_str()).collect();
    assert_eq!(order[0], "One");
    assert_eq!(&order[3..], ["C", "Last"]);
    let (a, b) = (&h.provider.calls_of("A")[0], &h.provider.calls_of("B")[0]);
    // Overlapping: each started before the other ended.
    assert!(
        a.started < b.ended.unwrap() && b.started < a.ended.unwrap(),
        "A and B ran one after the other"
    );
    let c = &h.provider.calls_of("C")[0];
    assert!(
        c.started >= a.ended.unwrap() && c.started >= b.ended.unwrap(),
        "runOrder 2 started before runOrder 1 ended"
    );

    // The recorded times say the same.
    let actions = h.store.lock().unwrap().action_executions(&id).unwrap();
    let rec = |n: &str| actions.iter().find(|r| r.action_name == n).unwrap().clone();
    let (ra, rb) = (rec("A"), rec("B"));
    assert!(ra.start_time < rb.last_update_time && rb.start_time < ra.last_update_time);
    let stages = h.store.lock().unwrap().stage_executions(&id).unwrap();
    let names: Vec<&str> = stages.iter().map(|s| s.stage_name.as_str()).collect();
    assert_eq!(names, ["First", "Second", "Third"]);
    assert!(stages
        .iter()
        .all(|s| s.status == StageExecutionStatus::Succeeded && s.attempt == 1));
    assert!(stages[0].last_update_time <= stages[1].start_time);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failure_lets_its_group_finish_and_stops_everything_after() {
    let h = Harness::new();
    h.save(
        "p",
        "PARALLEL",
        json!([
            stage(
                "Build",
                vec![
                    action("Broken", 1, json!({"Fail": "true"})),
                    action("Slow", 1, json!({"SleepMs": "300"})),
                    action("Later", 2, json!({})),
                ]
            ),
            stage("Deploy", vec![action("Ship", 1, json!({}))]),
        ]),
    );
    let (id, status) = h.engine.run("p", BTreeMap::new(), trigger()).await.unwrap();
    assert_eq!(status, FinalStatus::Ended(PipelineExecutionStatus::Failed));
    assert!(
        h.provider.calls_of("Later").is_empty(),
        "a later group started"
    );
    assert!(
        h.provider.calls_of("Ship").is_empty(),
        "a later stage started"
    );
    let slow = &h.provider.calls_of("Slow")[0];
    assert!(
        slow.ended.is_some() && slow.cancelled.is_none(),
        "the sibling was not let finish"
    );

    let store = h.store.lock().unwrap();
    let actions = store.action_executions(&id).unwrap();
    let status_of = |n: &str| {
        actions
            .iter()
            .find(|r| r.action_name == n)
            .map(|r| r.status)
    };
    assert_eq!(status_of("Broken"), Some(ActionExecutionStatus::Failed));
    assert_eq!(status_of("Slow"), Some(ActionExecutionStatus::Succeeded));
    assert_eq!(status_of("Later"), None);
    let broken = actions.iter().find(|r| r.action_name == "Broken").unwrap();
    assert_eq!(broken.exit_code, Some(3));
    assert_eq!(broken.error_summary.as_deref(), Some("failed on purpose"));
    let execution = store.get_execution(&id).unwrap();
    assert!(execution.status_summary.unwrap().contains("Build/Broken"));
    let detail = serde_json::to_value(store.execution_detail(&id).unwrap()).unwrap();
    assert_eq!(
        detail["stageStates"][0]["latestExecution"]["status"],
        "Failed"
    );
    assert_eq!(
        detail["stageStates"][0]["actionStates"][2],
        json!({"actionName": "Later"})
    );
    assert!(detail["stageStates"][1].get("latestExecution").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_transition_is_announced_after_it_is_persisted() {
    let h = Harness::new();
    h.save(
        "p",
        "SUPERSEDED",
        json!([
            stage("Source", vec![action("Src", 1, json!({"Gate": "src"}))]),
            stage("Build", vec![action("Make", 1, json!({"Fail": "true"}))]),
        ]),
    );
    let mut events = h.engine.subscribe_events();
    // A second connection, as another process would read.
    let reader = pipewright_store::Store::open(h.tmp.path()).unwrap();
    let provider = h.provider.clone();
    let checker = tokio::spawn(async move {
        let mut seen = Vec::new();
        loop {
            let event = events.recv().await.unwrap();
            // The event row, appended in the transaction of its transition, is committed.
            let stored = reader.events_after(event.seq - 1, 1).unwrap();
            assert_eq!(
                stored.first(),
                Some(&event),
                "announced before it was persisted"
            );
            let id = &event.execution_id;
            match (event.detail_type, event.state, event.action_name.as_deref()) {
                // The action waits at its gate: its status cannot have moved on.
                (DetailType::ActionExecution, EventState::Started, Some("Src")) => {
                    let actions = reader.action_executions(id).unwrap();
                    assert_eq!(actions[0].status, ActionExecutionStatus::InProgress);
                    provider.open("src");
                }
                (DetailType::StageExecution, EventState::Failed, _) => {
                    let stages = reader.stage_executions(id).unwrap();
                    assert_eq!(stages[1].status, StageExecutionStatus::Failed);
                }
                (DetailType::PipelineExecution, EventState::Failed, _) => {
                    assert_eq!(
                        reader.get_execution(id).unwrap().status,
                        PipelineExecutionStatus::Failed
                    );
                }
                _ => {}
            }
            seen.push(format!("{} {}", event.detail_type, event.state));
            if event.detail_type == DetailType::PipelineExecution
                && event.state == EventState::Failed
            {
                return seen;
            }
        }
    });
    let (id, _) = h.engine.run("p", BTreeMap::new(), trigger()).await.unwrap();
    let seen = tokio::time::timeout(Duration::from_secs(10), checker)
        .await
        .unwrap()
        .unwrap();
    let p = "CodePipeline Pipeline Execution State Change";
    let s = "CodePipeline Stage Execution State Change";
    let a = "CodePipeline Action Execution State Change";
    assert_eq!(
        seen,
        [
            format!("{p} STARTED"),
            format!("{s} STARTED"),
            format!("{a} STARTED"),
            format!("{a} SUCCEEDED"),
            format!("{s} SUCCEEDED"),
            format!("{s} STARTED"),
            format!("{a} STARTED"),
            format!("{a} FAILED"),
            format!("{s} FAILED"),
            format!("{p} FAILED"),
        ]
    );
    // The same, appended to the events table, with the EventBridge detail.
    let stored = h.store.lock().unwrap().execution_events(&id).unwrap();
    assert_eq!(stored.len(), 10);
    let make_failed = &stored[7];
    assert_eq!(make_failed.detail["pipeline"], "p");
    assert_eq!(make_failed.detail["execution-id"], id.as_str());
    assert_eq!(make_failed.detail["stage"], "Build");
    assert_eq!(make_failed.detail["action"], "Make");
    assert_eq!(make_failed.detail["state"], "FAILED");
    assert_eq!(make_failed.detail["version"], 1);
    assert_eq!(make_failed.detail["type"]["provider"], "Fake");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn action_output_goes_to_its_log_file_and_to_followers() {
    let h = Harness::new();
    h.save(
        "p",
        "PARALLEL",
        json!([stage("Build", vec![action("Make", 1, json!({}))])]),
    );
    let mut logs = h.engine.subscribe_logs();
    let (id, status) = h.engine.run("p", BTreeMap::new(), trigger()).await.unwrap();
    assert!(status.succeeded());
    let record = h
        .store
        .lock()
        .unwrap()
        .action_executions(&id)
        .unwrap()
        .remove(0);
    let rel = record.log_path.unwrap();
    assert_eq!(rel, format!("logs/{id}/Build/Make.1.log"));
    let log = read_log(&h.tmp.path().join(&rel), 0).unwrap();
    let text = String::from_utf8(log.bytes).unwrap();
    assert!(text.contains(" stdout hello from Make\n"), "{text}");
    assert!(text.contains(" pipewright action Succeeded\n"), "{text}");
    let chunk = logs.try_recv().unwrap();
    assert_eq!(chunk.key.execution_id, id);
    assert!(String::from_utf8_lossy(&chunk.lines).contains("hello from Make"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn actions_without_a_local_provider_or_inputs_fail_clearly() {
    let h = Harness::new();
    h.save(
        "p",
        "PARALLEL",
        json!([
            stage("Deploy", vec![json!({
                "name": "Cloud",
                "actionTypeId": {"category": "Deploy", "owner": "AWS", "provider": "CodeDeploy", "version": "1"},
            })]),
        ]),
    );
    let (id, status) = h.engine.run("p", BTreeMap::new(), trigger()).await.unwrap();
    assert_eq!(status.status(), Some(PipelineExecutionStatus::Failed));
    let record = h
        .store
        .lock()
        .unwrap()
        .action_executions(&id)
        .unwrap()
        .remove(0);
    assert_eq!(record.status, ActionExecutionStatus::Failed);
    let summary = record.error_summary.unwrap();
    assert!(
        summary.contains("no local provider runs AWS/CodeDeploy"),
        "{summary}"
    );
}
