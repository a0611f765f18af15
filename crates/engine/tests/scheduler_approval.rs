//! Manual approvals: the execution parks (owned by no process) until someone approves,
//! rejects, or the approval times out; the deciding engine drives it on.

mod scheduler_support;

use pipewright_engine::model::{FinalStatus, Trigger};
use pipewright_store::execution::approvals::Decision;
use pipewright_store::execution::{
    ActionExecutionStatus as A, Parked, PipelineExecutionStatus as P,
};
use scheduler_support::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn manual(name: &str, run_order: i64, timeout_minutes: Option<f64>) -> Value {
    let mut a = json!({
        "name": name,
        "runOrder": run_order,
        "actionTypeId": {"category": "Approval", "owner": "AWS", "provider": "Manual", "version": "1"},
        "configuration": {"CustomData": "Ship it?"},
    });
    if let Some(m) = timeout_minutes {
        a["pipewright"] = json!({"timeoutMinutes": m});
    }
    a
}

fn three_stages(approval: Vec<Value>) -> Value {
    json!([
        stage("Build", vec![action("Make", 1, json!({}))]),
        stage("Approve", approval),
        stage("Deploy", vec![action("Ship", 1, json!({}))]),
    ])
}

fn decision(approve: bool, comment: &str) -> Decision {
    Decision {
        approve,
        by: "tester".into(),
        comment: Some(comment.into()),
    }
}

async fn start_and_drive(h: &Harness) -> (String, FinalStatus) {
    let id = h
        .engine
        .start("p", BTreeMap::new(), Trigger::manual(None))
        .await
        .unwrap();
    let status = h.engine.drive(&id).await.unwrap();
    (id, status)
}

fn action_status(h: &Harness, id: &str, stage: &str, action: &str) -> Vec<A> {
    h.store
        .lock()
        .unwrap()
        .action_executions(id)
        .unwrap()
        .into_iter()
        .filter(|r| r.stage_name == stage && r.action_name == action)
        .map(|r| r.status)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_approved_execution_goes_on_in_the_deciding_engine() {
    let h = Harness::new();
    h.save("p", "QUEUED", three_stages(vec![manual("Gate", 1, None)]));
    let (id, status) = start_and_drive(&h).await;
    assert_eq!(
        status,
        FinalStatus::AwaitingApproval {
            stage: "Approve".into()
        }
    );
    let e = h.execution(&id);
    assert_eq!((e.status, e.parked), (P::InProgress, Some(Parked::Waiting)));
    let pending = h.store.lock().unwrap().pending_approvals().unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].custom_data.as_deref(), Some("Ship it?"));
    assert_eq!(pending[0].pipeline_name, "p");
    // CodePipeline's default: seven days.
    let deadline = pending[0].deadline.clone().unwrap();
    assert!(deadline > pipewright_store::rfc3339_in(std::time::Duration::from_secs(6 * 86400)));
    assert!(h.provider.calls_of("Ship").is_empty());

    // Another process (engine) decides; its handoff drives the execution on.
    let other = h.second_engine();
    let record = other
        .decide_approval(&id, "Approve", "Gate", &decision(true, "looks good"))
        .unwrap();
    assert_eq!(record.status, "APPROVED");
    assert_eq!(record.decided_by.as_deref(), Some("tester"));
    assert_eq!(record.comment.as_deref(), Some("looks good"));
    assert_eq!(h.wait_ended(&id).await, P::Succeeded);
    assert_eq!(h.provider.calls_of("Ship").len(), 1);
    assert_eq!(
        h.provider.calls_of("Make").len(),
        1,
        "Build is not run again"
    );
    assert_eq!(action_status(&h, &id, "Approve", "Gate"), [A::Succeeded]);
    assert!(h
        .store
        .lock()
        .unwrap()
        .pending_approvals()
        .unwrap()
        .is_empty());

    // A second decision is refused and says what happened.
    let again = other
        .decide_approval(&id, "Approve", "Gate", &decision(false, "too late"))
        .unwrap_err();
    assert!(
        again.message().contains("approved by tester"),
        "{}",
        again.message()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejection_fails_the_stage_with_who_and_why() {
    let h = Harness::new();
    h.save("p", "QUEUED", three_stages(vec![manual("Gate", 1, None)]));
    let (id, _) = start_and_drive(&h).await;
    h.engine
        .decide_approval(&id, "Approve", "Gate", &decision(false, "not today"))
        .unwrap();
    assert_eq!(h.wait_ended(&id).await, P::Failed);
    let e = h.execution(&id);
    let summary = e.status_summary.unwrap_or_default();
    assert!(
        summary.contains("rejected by tester: not today"),
        "{summary}"
    );
    assert!(h.provider.calls_of("Ship").is_empty());
    assert_eq!(action_status(&h, &id, "Approve", "Gate"), [A::Failed]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_timed_out_approval_fails_the_stage_after_a_restart() {
    let h = Harness::new();
    // 0.01 minutes: 600 ms.
    h.save(
        "p",
        "QUEUED",
        three_stages(vec![manual("Gate", 1, Some(0.01))]),
    );
    let (id, status) = start_and_drive(&h).await;
    assert!(matches!(status, FinalStatus::AwaitingApproval { .. }));
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    // A new process starting up finds the deadline passed.
    let restarted = h.second_engine();
    restarted.recover().await.unwrap();
    assert_eq!(h.wait_ended(&id).await, P::Failed);
    let summary = h.execution(&id).status_summary.unwrap_or_default();
    assert!(summary.contains("timed out"), "{summary}");
    let approvals = h.store.lock().unwrap().approvals_of(&id).unwrap();
    assert_eq!(approvals[0].status, "TIMED_OUT");
    assert!(h.provider.calls_of("Ship").is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_decision_while_the_group_runs_does_not_park() {
    let h = Harness::new();
    h.save(
        "p",
        "QUEUED",
        three_stages(vec![
            manual("Gate", 1, None),
            action("Check", 1, json!({"Gate": "check"})),
        ]),
    );
    let id = h
        .engine
        .start("p", BTreeMap::new(), Trigger::manual(None))
        .await
        .unwrap();
    let engine = h.engine.clone();
    let driving = {
        let id = id.clone();
        tokio::spawn(async move { engine.drive(&id).await.unwrap() })
    };
    h.provider.wait_called("Check", 1).await;
    wait_until("the approval to be asked", || {
        !h.store
            .lock()
            .unwrap()
            .pending_approvals()
            .unwrap()
            .is_empty()
    })
    .await;
    h.engine
        .decide_approval(&id, "Approve", "Gate", &decision(true, "ok"))
        .unwrap();
    h.provider.open("check");
    assert_eq!(driving.await.unwrap(), FinalStatus::Ended(P::Succeeded));
    assert_eq!(h.provider.calls_of("Ship").len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stopping_a_waiting_execution_cancels_its_approval() {
    let h = Harness::new();
    h.save("p", "QUEUED", three_stages(vec![manual("Gate", 1, None)]));
    let (id, _) = start_and_drive(&h).await;
    h.engine
        .request_stop(&id, false, Some("not needed"))
        .await
        .unwrap();
    assert_eq!(h.wait_ended(&id).await, P::Stopped);
    let approvals = h.store.lock().unwrap().approvals_of(&id).unwrap();
    assert_eq!(approvals[0].status, "CANCELLED");
    assert_eq!(action_status(&h, &id, "Approve", "Gate"), [A::Abandoned]);
    let stages = h.store.lock().unwrap().stage_executions(&id).unwrap();
    let approve = stages.iter().find(|s| s.stage_name == "Approve").unwrap();
    assert!(!approve.status.to_string().contains("InProgress"));
    let err = h
        .engine
        .decide_approval(&id, "Approve", "Gate", &decision(true, "late"))
        .unwrap_err();
    assert!(
        err.message().contains("no longer waiting"),
        "{}",
        err.message()
    );
}
