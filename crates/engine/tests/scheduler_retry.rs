//! Retrying a failed stage (failed actions or all) and onFailure RETRY, with a fake provider.

mod scheduler_support;

use pipewright_engine::model::{FinalStatus, RetryMode, Trigger};
use pipewright_store::execution::{
    ActionExecutionStatus, EventState, PipelineExecutionStatus as P, RetryTrigger,
    StageExecutionStatus,
};
use scheduler_support::*;
use serde_json::json;
use std::collections::BTreeMap;

fn with_outputs(
    mut action: serde_json::Value,
    outputs: &[&str],
    inputs: &[&str],
) -> serde_json::Value {
    action["outputArtifacts"] = json!(outputs
        .iter()
        .map(|n| json!({"name": n}))
        .collect::<Vec<_>>());
    action["inputArtifacts"] = json!(inputs
        .iter()
        .map(|n| json!({"name": n}))
        .collect::<Vec<_>>());
    action
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retrying_failed_actions_reuses_the_ones_that_succeeded() {
    let h = Harness::new();
    h.save(
        "p",
        "PARALLEL",
        json!([
            stage(
                "Source",
                vec![with_outputs(action("Src", 1, json!({})), &["Code"], &[])]
            ),
            stage(
                "Build",
                vec![
                    with_outputs(action("Good", 1, json!({})), &["Lib"], &["Code"]),
                    with_outputs(
                        action("Flaky", 1, json!({"FailUntilAttempt": "1"})),
                        &["Bin"],
                        &["Code"]
                    ),
                    with_outputs(action("Pack", 2, json!({})), &["Pkg"], &["Lib", "Bin"]),
                ]
            ),
            stage(
                "Deploy",
                vec![with_outputs(action("Ship", 1, json!({})), &[], &["Pkg"])]
            ),
        ]),
    );
    let (id, status) = h
        .engine
        .run("p", BTreeMap::new(), Trigger::manual(None))
        .await
        .unwrap();
    assert_eq!(status, FinalStatus::Ended(P::Failed));

    // Only a stage the version has, and only a failed one.
    assert_eq!(
        h.engine
            .retry_stage(&id, "Nope", RetryMode::FailedActions)
            .await
            .unwrap_err()
            .code(),
        "E_STAGE_UNKNOWN"
    );
    assert_eq!(
        h.engine
            .retry_stage(&id, "Source", RetryMode::FailedActions)
            .await
            .unwrap_err()
            .code(),
        "E_INVALID_TRANSITION"
    );

    // Another process takes it over.
    let other = h.second_engine();
    let status = other
        .retry_stage(&id, "Build", RetryMode::FailedActions)
        .await
        .unwrap();
    assert_eq!(status, FinalStatus::Ended(P::Succeeded));
    assert_eq!(h.provider.calls_of("Src").len(), 1);
    assert_eq!(
        h.provider.calls_of("Good").len(),
        1,
        "a succeeded action was rerun"
    );
    assert_eq!(h.provider.calls_of("Flaky").len(), 2);
    assert_eq!(h.provider.calls_of("Pack").len(), 1);
    assert_eq!(h.provider.calls_of("Ship").len(), 1);
    // Pack consumed Good's output from attempt 1 and Flaky's from attempt 2.
    let good_lib = h
        .store
        .lock()
        .unwrap()
        .action_executions(&id)
        .unwrap()
        .into_iter()
        .find(|a| a.action_name == "Good")
        .unwrap()
        .outputs[0]
        .digest
        .clone();
    let pack = &h.provider.calls_of("Pack")[0];
    assert_eq!(pack.attempt, 2);
    assert_eq!(pack.inputs["Lib"].digest, good_lib);
    let actions = h.store.lock().unwrap().action_executions(&id).unwrap();
    let flaky = actions.iter().rfind(|a| a.action_name == "Flaky").unwrap();
    assert_eq!(pack.inputs["Bin"].digest, flaky.outputs[0].digest);

    let store = h.store.lock().unwrap();
    let builds: Vec<_> = store
        .stage_executions(&id)
        .unwrap()
        .into_iter()
        .filter(|s| s.stage_name == "Build")
        .collect();
    assert_eq!(builds.len(), 2);
    assert_eq!(builds[0].status, StageExecutionStatus::Failed);
    assert_eq!(builds[1].status, StageExecutionStatus::Succeeded);
    assert_eq!(
        builds[1].retry,
        Some((RetryMode::FailedActions, RetryTrigger::ManualStageRetry))
    );
    let events = store.execution_events(&id).unwrap();
    let pipeline: Vec<EventState> = events
        .iter()
        .filter(|e| e.stage_name.is_none())
        .map(|e| e.state)
        .collect();
    assert_eq!(
        pipeline,
        [
            EventState::Started,
            EventState::Failed,
            EventState::Resumed,
            EventState::Succeeded
        ]
    );
    assert!(events
        .iter()
        .any(|e| e.stage_name.as_deref() == Some("Build")
            && e.action_name.is_none()
            && e.state == EventState::Resumed));
    // execution ID --json: Good's latest execution is still the one of attempt 1.
    let detail = serde_json::to_value(store.execution_detail(&id).unwrap()).unwrap();
    let build = &detail["stageStates"][1];
    assert_eq!(build["latestExecution"]["attempt"], 2);
    assert_eq!(build["actionStates"][0]["latestExecution"]["attempt"], 1);
    assert_eq!(build["actionStates"][1]["latestExecution"]["attempt"], 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retrying_all_actions_reruns_every_action_of_the_stage() {
    let h = Harness::new();
    h.save(
        "p",
        "PARALLEL",
        json!([stage(
            "Build",
            vec![
                action("Good", 1, json!({})),
                action("Flaky", 1, json!({"FailUntilAttempt": "1"}))
            ]
        )]),
    );
    let (id, _) = h
        .engine
        .run("p", BTreeMap::new(), Trigger::manual(None))
        .await
        .unwrap();
    let status = h
        .engine
        .retry_stage(&id, "Build", RetryMode::AllActions)
        .await
        .unwrap();
    assert!(status.succeeded());
    assert_eq!(h.provider.calls_of("Good").len(), 2);
    assert_eq!(h.provider.calls_of("Flaky").len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_failure_retry_retries_once_automatically() {
    let h = Harness::new();
    let retrying = |fail_until: &str| {
        json!({"name": "Build", "onFailure": {"result": "RETRY", "retryConfiguration": {"retryMode": "FAILED_ACTIONS"}},
               "actions": [action("Good", 1, json!({})), action("Flaky", 1, json!({"FailUntilAttempt": fail_until}))]})
    };
    h.save("once", "PARALLEL", json!([retrying("1")]));
    let (id, status) = h
        .engine
        .run("once", BTreeMap::new(), Trigger::manual(None))
        .await
        .unwrap();
    assert!(status.succeeded(), "{status:?}");
    assert_eq!(h.provider.calls_of("Good").len(), 1);
    assert_eq!(h.provider.calls_of("Flaky").len(), 2);
    let stages = h.store.lock().unwrap().stage_executions(&id).unwrap();
    assert_eq!(
        stages[1].retry,
        Some((RetryMode::FailedActions, RetryTrigger::AutomatedStageRetry))
    );

    // Failing again after the automatic retry fails the execution: one retry only.
    h.save("twice", "PARALLEL", json!([retrying("2")]));
    let (id, status) = h
        .engine
        .run("twice", BTreeMap::new(), Trigger::manual(None))
        .await
        .unwrap();
    assert_eq!(status, FinalStatus::Ended(P::Failed));
    let attempts: Vec<_> = h
        .provider
        .calls_of("Flaky")
        .into_iter()
        .filter(|c| c.execution_id == id)
        .collect();
    assert_eq!(attempts.len(), 2);
    let stages = h.store.lock().unwrap().stage_executions(&id).unwrap();
    assert_eq!(
        stages.iter().map(|s| s.status).collect::<Vec<_>>(),
        [StageExecutionStatus::Failed, StageExecutionStatus::Failed]
    );
    let actions = h.store.lock().unwrap().action_executions(&id).unwrap();
    let flaky = actions.iter().rfind(|a| a.action_name == "Flaky").unwrap();
    assert_eq!(flaky.status, ActionExecutionStatus::Failed);

    // onFailure FAIL (or none) does not retry.
    h.save("fail", "PARALLEL", json!([{"name": "Build", "onFailure": {"result": "FAIL"}, "actions": [action("Flaky", 1, json!({"FailUntilAttempt": "1"}))]}]));
    let (id, status) = h
        .engine
        .run("fail", BTreeMap::new(), Trigger::manual(None))
        .await
        .unwrap();
    assert_eq!(status, FinalStatus::Ended(P::Failed));
    assert_eq!(
        h.store.lock().unwrap().stage_executions(&id).unwrap().len(),
        1
    );
}
