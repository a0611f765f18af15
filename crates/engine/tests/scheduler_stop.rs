//! Timeouts and stop requests (wait and abandon), with a fake provider (no Docker).

mod scheduler_support;

use pipewright_engine::model::{FinalStatus, Trigger};
use pipewright_engine::providers::CancelReason;
use pipewright_store::execution::{
    ActionExecutionStatus, EventState, PipelineExecutionStatus as P, StageExecutionStatus,
};
use scheduler_support::*;
use serde_json::json;
use std::collections::BTreeMap;

fn timed(name: &str, minutes: f64, configuration: serde_json::Value) -> serde_json::Value {
    let mut a = action(name, 1, configuration);
    a["pipewright"] = json!({"timeoutMinutes": minutes});
    a
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_action_past_its_timeout_fails_and_is_cancelled() {
    let h = Harness::new();
    // 0.005 minutes = 300 ms.
    h.save(
        "p",
        "PARALLEL",
        json!([stage(
            "Build",
            vec![
                timed("Slow", 0.005, json!({"SleepMs": "60000"})),
                timed("Quick", 0.5, json!({}))
            ]
        )]),
    );
    let started = std::time::Instant::now();
    let (id, status) = h
        .engine
        .run("p", BTreeMap::new(), Trigger::manual(None))
        .await
        .unwrap();
    assert_eq!(status, FinalStatus::Ended(P::Failed));
    assert!(
        started.elapsed().as_secs() < 30,
        "the timeout did not cut it short"
    );
    let slow = &h.provider.calls_of("Slow")[0];
    assert_eq!(
        slow.cancelled,
        Some(CancelReason::Timeout),
        "the provider was told to stop"
    );
    let store = h.store.lock().unwrap();
    let actions = store.action_executions(&id).unwrap();
    let slow = actions.iter().find(|a| a.action_name == "Slow").unwrap();
    assert_eq!(slow.status, ActionExecutionStatus::Failed);
    let summary = slow.error_summary.as_deref().unwrap();
    assert!(summary.starts_with("timed out after 0.3 s"), "{summary}");
    let quick = actions.iter().find(|a| a.action_name == "Quick").unwrap();
    assert_eq!(quick.status, ActionExecutionStatus::Succeeded);
    assert!(store
        .get_execution(&id)
        .unwrap()
        .status_summary
        .unwrap()
        .contains("timed out"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stop_lets_running_actions_finish_then_stops() {
    let h = Harness::new();
    h.save(
        "p",
        "PARALLEL",
        json!([
            stage(
                "Build",
                vec![
                    action("Work", 1, json!({"Gate": "work"})),
                    action("Next", 2, json!({}))
                ]
            ),
            stage("Deploy", vec![action("Ship", 1, json!({}))]),
        ]),
    );
    let id = h
        .engine
        .start("p", BTreeMap::new(), Trigger::manual(None))
        .await
        .unwrap();
    let driver = tokio::spawn({
        let engine = h.engine.clone();
        let id = id.clone();
        async move { engine.drive(&id).await }
    });
    h.provider.wait_called("Work", 1).await;
    // From "another process": a second engine on the same folder.
    h.second_engine()
        .request_stop(&id, false, Some("enough"))
        .await
        .unwrap();
    wait_until("Stopping", || h.execution(&id).status == P::Stopping).await;
    let stage = h
        .store
        .lock()
        .unwrap()
        .stage_executions(&id)
        .unwrap()
        .remove(0);
    assert_eq!(stage.status, StageExecutionStatus::Stopping);
    // The running action is let finish.
    h.provider.open("work");
    assert_eq!(
        driver.await.unwrap().unwrap(),
        FinalStatus::Ended(P::Stopped)
    );
    assert!(h.provider.calls_of("Next").is_empty());
    assert!(h.provider.calls_of("Ship").is_empty());
    assert_eq!(h.provider.calls_of("Work")[0].cancelled, None);
    let store = h.store.lock().unwrap();
    assert_eq!(
        store.action_executions(&id).unwrap()[0].status,
        ActionExecutionStatus::Succeeded
    );
    assert_eq!(
        store.stage_executions(&id).unwrap()[0].status,
        StageExecutionStatus::Stopped
    );
    let execution = store.get_execution(&id).unwrap();
    assert_eq!(execution.status_summary.as_deref(), Some("stopped: enough"));
    let states: Vec<EventState> = store
        .execution_events(&id)
        .unwrap()
        .iter()
        .filter(|e| e.stage_name.is_none())
        .map(|e| e.state)
        .collect();
    assert_eq!(
        states,
        [
            EventState::Started,
            EventState::Stopping,
            EventState::Stopped
        ]
    );
    let list = serde_json::to_value(store.list_executions("p", None).unwrap()).unwrap();
    assert_eq!(
        list["pipelineExecutionSummaries"][0]["stopTrigger"]["reason"],
        "enough"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stop_with_abandon_cancels_running_actions() {
    let h = Harness::new();
    h.save(
        "p",
        "PARALLEL",
        json!([stage(
            "Build",
            vec![
                action("Forever", 1, json!({"Gate": "never"})),
                action("Also", 1, json!({"SleepMs": "60000"}))
            ]
        )]),
    );
    let id = h
        .engine
        .start("p", BTreeMap::new(), Trigger::manual(None))
        .await
        .unwrap();
    let driver = tokio::spawn({
        let engine = h.engine.clone();
        let id = id.clone();
        async move { engine.drive(&id).await }
    });
    h.provider.wait_called("Forever", 1).await;
    h.provider.wait_called("Also", 1).await;
    h.engine.request_stop(&id, true, None).await.unwrap();
    assert_eq!(
        driver.await.unwrap().unwrap(),
        FinalStatus::Ended(P::Stopped)
    );
    for call in h.provider.calls() {
        assert_eq!(
            call.cancelled,
            Some(CancelReason::Abandon),
            "{}",
            call.action
        );
    }
    let store = h.store.lock().unwrap();
    let actions = store.action_executions(&id).unwrap();
    assert!(actions
        .iter()
        .all(|a| a.status == ActionExecutionStatus::Abandoned));
    let events = store.execution_events(&id).unwrap();
    assert_eq!(
        events
            .iter()
            .filter(|e| e.state == EventState::Abandoned)
            .count(),
        2
    );
    assert_eq!(store.get_execution(&id).unwrap().status, P::Stopped);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_running_executions_can_be_stopped() {
    let h = Harness::new();
    h.save(
        "p",
        "PARALLEL",
        json!([stage("Build", vec![action("A", 1, json!({}))])]),
    );
    let (id, _) = h
        .engine
        .run("p", BTreeMap::new(), Trigger::manual(None))
        .await
        .unwrap();
    let err = h.engine.request_stop(&id, false, None).await.unwrap_err();
    assert_eq!(err.code(), "E_NOT_RUNNING");
    let err = h
        .engine
        .request_stop("../etc", false, None)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "E_INVALID_ID");
}
