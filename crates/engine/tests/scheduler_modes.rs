//! Execution modes: QUEUED (one execution per stage, in order), SUPERSEDED (a newer waiting
//! execution replaces an older one), PARALLEL (independent); parked executions.

mod scheduler_support;

use pipewright_engine::model::{FinalStatus, Trigger};
use pipewright_engine::Engine;
use pipewright_store::execution::{EventState, Parked, PipelineExecutionStatus as P};
use scheduler_support::*;
use serde_json::json;
use std::collections::BTreeMap;

/// An action that waits for the gate `<prefix>-<execution id>`.
fn gated(name: &str, prefix: &str) -> serde_json::Value {
    action(
        name,
        1,
        json!({"Gate": format!("{prefix}-#{{codepipeline.PipelineExecutionId}}")}),
    )
}

async fn start(engine: &Engine) -> String {
    engine
        .start("p", BTreeMap::new(), Trigger::manual(None))
        .await
        .unwrap()
}

fn spawn_drive(engine: &Engine, id: &str) -> tokio::task::JoinHandle<FinalStatus> {
    let engine = engine.clone();
    let id = id.to_string();
    tokio::spawn(async move { engine.drive(&id).await.unwrap() })
}

fn order_of(h: &Harness, action: &str) -> Vec<String> {
    h.provider
        .calls_of(action)
        .into_iter()
        .map(|c| c.execution_id)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queued_executions_take_each_stage_in_order() {
    let h = Harness::new();
    h.save(
        "p",
        "QUEUED",
        json!([
            stage("One", vec![gated("First", "one")]),
            stage("Two", vec![gated("Second", "two")])
        ]),
    );
    let e1 = start(&h.engine).await;
    let d1 = spawn_drive(&h.engine, &e1);
    h.provider.wait_called("First", 1).await;
    let e2 = start(&h.engine).await;
    assert_eq!(
        h.engine.drive(&e2).await.unwrap(),
        FinalStatus::Parked {
            stage: "One".into()
        }
    );
    let e3 = start(&h.engine).await;
    assert_eq!(
        h.engine.drive(&e3).await.unwrap(),
        FinalStatus::Parked {
            stage: "One".into()
        }
    );
    assert_eq!(h.execution(&e2).parked, Some(Parked::Waiting));
    assert_eq!(h.execution(&e2).status, P::InProgress);
    // e3's gate is open early: it still waits its turn.
    h.provider.open(&format!("one-{e3}"));

    h.provider.open(&format!("one-{e1}"));
    // e1 moves to stage Two while e2 (the older waiter) takes stage One: different stages at once.
    h.provider.wait_called("Second", 1).await;
    h.provider.wait_called("First", 2).await;
    assert_eq!(order_of(&h, "First"), [e1.clone(), e2.clone()]);
    assert!(
        h.provider.calls_of("First")[1].ended.is_none(),
        "e2 runs stage One while e1 runs stage Two"
    );

    h.provider.open(&format!("one-{e2}"));
    // e2 waits for stage Two; e3 passes stage One and queues behind e2.
    h.provider.wait_called("First", 3).await;
    wait_until("e2 and e3 wait for stage Two", || {
        [&e2, &e3].iter().all(|id| {
            let e = h.execution(id);
            e.parked == Some(Parked::Waiting) && e.next_stage.as_deref() == Some("Two")
        })
    })
    .await;
    for id in [&e1, &e2, &e3] {
        h.provider.open(&format!("two-{id}"));
    }
    assert_eq!(d1.await.unwrap(), FinalStatus::Ended(P::Succeeded));
    for id in [&e2, &e3] {
        let ended = h
            .engine
            .wait_until_ended(id, std::time::Duration::from_millis(10));
        let status = tokio::time::timeout(std::time::Duration::from_secs(10), ended).await;
        assert_eq!(status.unwrap().unwrap(), P::Succeeded);
    }
    assert_eq!(order_of(&h, "First"), [e1.clone(), e2.clone(), e3.clone()]);
    assert_eq!(order_of(&h, "Second"), [e1, e2, e3]);
    assert!(h.store.lock().unwrap().stage_locks("p").unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newer_execution_supersedes_one_waiting_for_the_same_stage() {
    let h = Harness::new();
    h.save(
        "p",
        "SUPERSEDED",
        json!([
            stage("Source", vec![action("Src", 1, json!({}))]),
            stage("Deploy", vec![gated("Ship", "ship")])
        ]),
    );
    let e1 = start(&h.engine).await;
    let d1 = spawn_drive(&h.engine, &e1);
    h.provider.wait_called("Ship", 1).await;
    let e2 = start(&h.engine).await;
    assert_eq!(
        h.engine.drive(&e2).await.unwrap(),
        FinalStatus::Parked {
            stage: "Deploy".into()
        }
    );
    let e3 = start(&h.engine).await;
    assert_eq!(
        h.engine.drive(&e3).await.unwrap(),
        FinalStatus::Parked {
            stage: "Deploy".into()
        }
    );

    let older = h.execution(&e2);
    assert_eq!(older.status, P::Superseded);
    assert!(older.status_summary.unwrap().contains(&e3));
    let events = h.store.lock().unwrap().execution_events(&e2).unwrap();
    assert_eq!(events.last().unwrap().state, EventState::Superseded);
    assert_eq!(
        events.last().unwrap().detail_type.as_str(),
        "CodePipeline Pipeline Execution State Change"
    );

    h.provider.open(&format!("ship-{e3}"));
    h.provider.open(&format!("ship-{e1}"));
    assert_eq!(d1.await.unwrap(), FinalStatus::Ended(P::Succeeded));
    assert_eq!(h.wait_ended(&e3).await, P::Succeeded);
    assert_eq!(order_of(&h, "Ship"), [e1, e3]);
    assert_eq!(order_of(&h, "Src").len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_executions_are_independent() {
    let h = Harness::new();
    h.save(
        "p",
        "PARALLEL",
        json!([stage("Build", vec![gated("Work", "w")])]),
    );
    let e1 = start(&h.engine).await;
    let e2 = start(&h.engine).await;
    let (d1, d2) = (spawn_drive(&h.engine, &e1), spawn_drive(&h.engine, &e2));
    h.provider.wait_called("Work", 2).await;
    h.provider.open(&format!("w-{e2}"));
    assert!(
        d2.await.unwrap().succeeded(),
        "the newer one finished first"
    );
    assert_eq!(h.execution(&e1).status, P::InProgress);
    h.provider.open(&format!("w-{e1}"));
    assert!(d1.await.unwrap().succeeded());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_parked_execution_is_stopped_by_whoever_asks() {
    let h = Harness::new();
    h.save(
        "p",
        "QUEUED",
        json!([stage("Build", vec![gated("Work", "w")])]),
    );
    let e1 = start(&h.engine).await;
    let d1 = spawn_drive(&h.engine, &e1);
    h.provider.wait_called("Work", 1).await;
    let e2 = start(&h.engine).await;
    assert!(matches!(
        h.engine.drive(&e2).await.unwrap(),
        FinalStatus::Parked { .. }
    ));
    // Nobody owns a parked execution: the asking process stops it at once.
    h.second_engine()
        .request_stop(&e2, false, None)
        .await
        .unwrap();
    let stopped = h.execution(&e2);
    assert_eq!((stopped.status, stopped.parked), (P::Stopped, None));
    let states: Vec<EventState> = h
        .store
        .lock()
        .unwrap()
        .execution_events(&e2)
        .unwrap()
        .iter()
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
    h.provider.open(&format!("w-{e1}"));
    assert!(d1.await.unwrap().succeeded());
    assert_eq!(
        h.provider.calls_of("Work").len(),
        1,
        "the stopped execution ran"
    );
    assert!(h.store.lock().unwrap().stage_locks("p").unwrap().is_empty());
}
