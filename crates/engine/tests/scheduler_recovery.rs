//! Start-up recovery: executions whose owner died (lock free) are marked Failed
//! ("interrupted"), their actions Abandoned, their containers reaped by label, their stage
//! locks freed and handed on; executions whose lock is held are left alone.

mod scheduler_support;

use pipewright_engine::ownership;
use pipewright_engine::runtime::{APP_LABEL_VALUE, LABEL_APP, LABEL_EXECUTION};
use pipewright_store::execution::{
    ActionExecutionStatus, ActionType, EventState, NewActionExecution, NewExecution,
    PipelineExecutionStatus as P, StageEntry, StageExecutionStatus, Trigger, INTERRUPTED,
};
use scheduler_support::*;
use serde_json::json;
use std::collections::BTreeMap;

/// An execution of `pipeline` as a process would leave it when killed mid-action:
/// InProgress, in stage Build (holding its stage lock in QUEUED mode), action Work
/// InProgress, no lock held.
fn crashed_mid_action(h: &Harness, pipeline: &str) -> String {
    let id = uuid::Uuid::new_v4().to_string();
    let mut store = h.store.lock().unwrap();
    store
        .create_execution(&NewExecution {
            id: id.clone(),
            pipeline_name: pipeline.into(),
            pipeline_version: 1,
            trigger: Trigger::manual(None),
            variables: vec![],
        })
        .unwrap();
    assert_eq!(
        store.enter_stage(&id, "Build").unwrap(),
        StageEntry::Entered
    );
    store.start_stage(&id, "Build", 0, None).unwrap();
    store
        .start_action(&NewActionExecution {
            id: format!("{id}-work"),
            execution_id: id.clone(),
            stage_name: "Build".into(),
            action_name: "Work".into(),
            attempt: 1,
            action_type: ActionType {
                category: "Build".into(),
                owner: "Custom".into(),
                provider: "Fake".into(),
                version: "1".into(),
            },
            log_path: None,
            inputs: vec![],
        })
        .unwrap();
    id
}

fn container(h: &Harness, labels: &[(&str, &str)], id: &str) {
    let labels = labels
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    h.runtime
        .containers
        .lock()
        .unwrap()
        .push((labels, id.to_string()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn interrupted_executions_are_failed_and_cleaned_up_and_live_ones_left_alone() {
    let h = Harness::new();
    h.save(
        "p",
        "QUEUED",
        json!([stage("Build", vec![action("Work", 1, json!({}))])]),
    );
    h.save(
        "q",
        "PARALLEL",
        json!([stage("Build", vec![action("Work", 1, json!({}))])]),
    );
    let dead = crashed_mid_action(&h, "p");
    let alive = crashed_mid_action(&h, "q");
    let _alive_lock = ownership::try_acquire(h.tmp.path(), &alive)
        .unwrap()
        .unwrap();
    // A QUEUED execution waiting for the stage the dead one holds.
    let waiter = h
        .engine
        .start("p", BTreeMap::new(), Trigger::manual(None))
        .await
        .unwrap();
    assert!(matches!(
        h.engine.drive(&waiter).await.unwrap(),
        pipewright_engine::FinalStatus::Parked { .. }
    ));

    container(
        &h,
        &[(LABEL_APP, APP_LABEL_VALUE), (LABEL_EXECUTION, &dead)],
        "c-dead",
    );
    container(
        &h,
        &[(LABEL_APP, APP_LABEL_VALUE), (LABEL_EXECUTION, &alive)],
        "c-alive",
    );
    container(&h, &[(LABEL_EXECUTION, &dead)], "c-not-ours");

    let report = h.second_engine().recover().await.unwrap();
    assert_eq!(report.interrupted, std::slice::from_ref(&dead));
    assert_eq!(report.containers_removed, ["c-dead"]);
    assert!(report.container_errors.is_empty());
    assert_eq!(
        report.ready,
        std::slice::from_ref(&waiter),
        "the freed stage lock goes to the waiter"
    );
    assert_eq!(*h.runtime.removed.lock().unwrap(), ["c-dead"]);

    {
        let store = h.store.lock().unwrap();
        let execution = store.get_execution(&dead).unwrap();
        assert_eq!(execution.status, P::Failed);
        assert_eq!(execution.status_reason.as_deref(), Some(INTERRUPTED));
        assert!(execution.status_summary.unwrap().contains("interrupted"));
        assert_eq!(
            store.stage_executions(&dead).unwrap()[0].status,
            StageExecutionStatus::Failed
        );
        assert_eq!(
            store.action_executions(&dead).unwrap()[0].status,
            ActionExecutionStatus::Abandoned
        );
        let states: Vec<EventState> = store
            .execution_events(&dead)
            .unwrap()
            .iter()
            .map(|e| e.state)
            .collect();
        assert_eq!(
            states[states.len() - 3..],
            [
                EventState::Abandoned,
                EventState::Failed,
                EventState::Failed
            ]
        );
        // The owned one is untouched.
        assert_eq!(store.get_execution(&alive).unwrap().status, P::InProgress);
        assert_eq!(
            store.action_executions(&alive).unwrap()[0].status,
            ActionExecutionStatus::InProgress
        );
    }
    // The waiter was handed off and ran.
    assert_eq!(h.wait_ended(&waiter).await, P::Succeeded);
    assert_eq!(h.provider.calls_of("Work").len(), 1);

    // Nothing left to do on a second pass.
    let again = h.engine.recover().await.unwrap();
    assert!(again.interrupted.is_empty() && again.ready.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_execution_run_elsewhere_cannot_be_driven_here() {
    let h = Harness::new();
    h.save(
        "p",
        "PARALLEL",
        json!([stage(
            "Build",
            vec![action("Work", 1, json!({"Gate": "g"}))]
        )]),
    );
    let id = h
        .engine
        .start("p", BTreeMap::new(), Trigger::manual(None))
        .await
        .unwrap();
    assert!(
        ownership::is_held(h.tmp.path(), &id).unwrap(),
        "the lock is taken at start"
    );
    let err = h.second_engine().drive(&id).await.unwrap_err();
    assert_eq!(err.code(), "E_OWNED");
    // Recovery leaves it alone too.
    assert!(h
        .second_engine()
        .recover()
        .await
        .unwrap()
        .interrupted
        .is_empty());
    h.provider.open("g");
    assert!(h.engine.drive(&id).await.unwrap().succeeded());
    assert!(
        !ownership::is_held(h.tmp.path(), &id).unwrap(),
        "the lock is let go at the end"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_released_execution_is_picked_up_by_a_worker() {
    let h = Harness::new();
    h.save(
        "p",
        "PARALLEL",
        json!([stage("Build", vec![action("Work", 1, json!({}))])]),
    );
    let id = h
        .engine
        .start("p", BTreeMap::new(), Trigger::manual(None))
        .await
        .unwrap();
    // `run` without --wait: hand it to a worker (here: whoever recovers next).
    h.engine.release(&id).unwrap();
    assert!(!ownership::is_held(h.tmp.path(), &id).unwrap());
    let report = h.second_engine().recover().await.unwrap();
    assert!(
        report.interrupted.is_empty(),
        "a released execution is not interrupted"
    );
    assert_eq!(report.ready, std::slice::from_ref(&id));
    assert_eq!(h.wait_ended(&id).await, P::Succeeded);
}
