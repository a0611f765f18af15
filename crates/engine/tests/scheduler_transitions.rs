//! Disabled stage transitions: executions wait before the stage, parked, until the transition
//! is enabled again (by any process).

mod scheduler_support;

use pipewright_engine::model::{FinalStatus, Trigger};
use pipewright_store::execution::{Parked, PipelineExecutionStatus as P};
use scheduler_support::*;
use serde_json::json;
use std::collections::BTreeMap;

fn save(h: &Harness) {
    h.save(
        "p",
        "QUEUED",
        json!([
            stage("Build", vec![action("Make", 1, json!({}))]),
            stage("Deploy", vec![action("Ship", 1, json!({}))]),
        ]),
    );
}

async fn start(h: &Harness) -> String {
    h.engine
        .start("p", BTreeMap::new(), Trigger::manual(None))
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn executions_wait_at_a_disabled_transition_until_it_is_enabled() {
    let h = Harness::new();
    save(&h);
    h.engine
        .disable_transition("p", "Deploy", "change freeze")
        .unwrap();
    let listed = h.engine.disabled_transitions("p").unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].reason, "change freeze");

    let e1 = start(&h).await;
    assert_eq!(
        h.engine.drive(&e1).await.unwrap(),
        FinalStatus::Parked {
            stage: "Deploy".into()
        }
    );
    // A second execution passes Build (its lock was freed) and waits too.
    let e2 = start(&h).await;
    assert!(matches!(
        h.engine.drive(&e2).await.unwrap(),
        FinalStatus::Parked { .. }
    ));
    assert_eq!(h.provider.calls_of("Make").len(), 2);
    assert!(h.provider.calls_of("Ship").is_empty());
    assert_eq!(h.execution(&e1).parked, Some(Parked::Waiting));

    // Enabled by another process: both go on there.
    let other = h.second_engine();
    assert_eq!(other.enable_transition("p", "Deploy").unwrap(), 2);
    assert_eq!(h.wait_ended(&e1).await, P::Succeeded);
    assert_eq!(h.wait_ended(&e2).await, P::Succeeded);
    assert_eq!(h.provider.calls_of("Ship").len(), 2);
    assert!(h.engine.disabled_transitions("p").unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_waiting_execution_can_be_stopped() {
    let h = Harness::new();
    save(&h);
    h.engine.disable_transition("p", "Deploy", "hold").unwrap();
    let id = start(&h).await;
    h.engine.drive(&id).await.unwrap();
    h.engine.request_stop(&id, false, None).await.unwrap();
    assert_eq!(h.wait_ended(&id).await, P::Stopped);
    // Enabling afterwards moves nothing.
    assert_eq!(h.engine.enable_transition("p", "Deploy").unwrap(), 0);
    assert!(h.provider.calls_of("Ship").is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_requests_are_refused_clearly() {
    let h = Harness::new();
    save(&h);
    let e = h
        .engine
        .disable_transition("p", "Deploy", "  ")
        .unwrap_err();
    assert!(e.message().contains("reason"), "{}", e.message());
    let e = h.engine.disable_transition("p", "Build", "x").unwrap_err();
    assert!(e.message().contains("first stage"), "{}", e.message());
    let e = h.engine.disable_transition("p", "Nope", "x").unwrap_err();
    assert!(e.message().contains("Build, Deploy"), "{}", e.message());
    let e = h
        .engine
        .disable_transition("missing", "Deploy", "x")
        .unwrap_err();
    assert!(e.message().contains("missing"), "{}", e.message());
}
