//! Variables: defaults and overrides, namespaces, #{codepipeline.PipelineExecutionId}, and
//! the errors (undeclared override, unresolved reference, SECRETS_MANAGER); versions.

mod scheduler_support;

use pipewright_core::PipelineDocument;
use pipewright_engine::model::{FinalStatus, Trigger};
use pipewright_store::execution::{ActionExecutionStatus, PipelineExecutionStatus as P};
use pipewright_store::SaveBase;
use scheduler_support::*;
use serde_json::json;
use std::collections::BTreeMap;

fn vars(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn references_resolve_in_configuration_commands_and_environment() {
    let h = Harness::new();
    let mut src = action("Src", 1, json!({"Vars": "CommitId=abc123,BranchName=main"}));
    src["namespace"] = json!("SourceVariables");
    let mut build = action(
        "Build",
        1,
        json!({"Target": "#{variables.env}-#{SourceVariables.CommitId}", "Literal": "#{not a ref} and ${HOME}"}),
    );
    build["commands"] = json!([
        "echo #{codepipeline.PipelineExecutionId}",
        "make #{variables.tier}"
    ]);
    build["environmentVariables"] =
        json!([{"name": "BRANCH", "value": "#{SourceVariables.BranchName}", "type": "PLAINTEXT"}]);
    h.save_with(
        "p",
        json!({
            "executionMode": "PARALLEL",
            "variables": [{"name": "env", "defaultValue": "dev"}, {"name": "tier", "defaultValue": "1"}],
            "stages": [stage("Source", vec![src]), stage("Build", vec![build])],
        }),
    );
    let (id, status) = h
        .engine
        .run("p", vars(&[("tier", "2")]), Trigger::manual(None))
        .await
        .unwrap();
    assert!(status.succeeded(), "{status:?}");
    let call = &h.provider.calls_of("Build")[0];
    assert_eq!(call.configuration["Target"], "dev-abc123");
    assert_eq!(call.configuration["Literal"], "#{not a ref} and ${HOME}");
    assert_eq!(call.commands, [format!("echo {id}"), "make 2".to_string()]);
    assert_eq!(call.env["BRANCH"], "main");
    // Recorded: the resolved pipeline variables and the source's output variables.
    let store = h.store.lock().unwrap();
    let detail = serde_json::to_value(store.execution_detail(&id).unwrap()).unwrap();
    assert_eq!(
        detail["pipelineExecution"]["variables"],
        json!([{"name": "env", "resolvedValue": "dev"}, {"name": "tier", "resolvedValue": "2"}])
    );
    assert_eq!(
        detail["stageStates"][0]["actionStates"][0]["latestExecution"]["outputVariables"]
            ["CommitId"],
        "abc123"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_undeclared_override_is_refused_before_anything_runs() {
    let h = Harness::new();
    h.save_with(
        "p",
        json!({"variables": [{"name": "env", "defaultValue": "dev"}], "stages": [stage("Build", vec![action("A", 1, json!({}))])]}),
    );
    let err = h
        .engine
        .start("p", vars(&[("colour", "red")]), Trigger::manual(None))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "E_VARIABLE");
    assert!(err.message().contains("`colour`"), "{err}");
    assert!(err.message().contains("env"), "{err}");
    assert!(h
        .store
        .lock()
        .unwrap()
        .list_executions("p", None)
        .unwrap()
        .pipeline_execution_summaries
        .is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unresolved_reference_fails_its_action_with_the_reason() {
    let h = Harness::new();
    h.save_with(
        "p",
        json!({
            "variables": [{"name": "region"}],
            "stages": [stage("Build", vec![
                action("Bad", 1, json!({"Ref": "#{Missing.Value}"})),
                action("NoValue", 1, json!({"Ref": "#{variables.region}"})),
            ])],
        }),
    );
    let (id, status) = h
        .engine
        .run("p", BTreeMap::new(), Trigger::manual(None))
        .await
        .unwrap();
    assert_eq!(status, FinalStatus::Ended(P::Failed));
    assert!(
        h.provider.calls().is_empty(),
        "an action with an unresolved reference ran"
    );
    let actions = h.store.lock().unwrap().action_executions(&id).unwrap();
    let summary = |n: &str| {
        actions
            .iter()
            .find(|a| a.action_name == n)
            .unwrap()
            .error_summary
            .clone()
            .unwrap()
    };
    assert!(actions
        .iter()
        .all(|a| a.status == ActionExecutionStatus::Failed));
    let bad = summary("Bad");
    assert!(
        bad.contains("#{Missing.Value}")
            && bad.contains("configuration `Ref` of action `Build/Bad`"),
        "{bad}"
    );
    assert!(
        bad.contains("no upstream action with namespace `Missing`"),
        "{bad}"
    );
    assert!(
        summary("NoValue").contains("--var region=VALUE"),
        "{}",
        summary("NoValue")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secrets_manager_variables_are_refused_clearly() {
    let h = Harness::new();
    let mut a = action("A", 1, json!({}));
    a["environmentVariables"] =
        json!([{"name": "TOKEN", "value": "prod/token", "type": "SECRETS_MANAGER"}]);
    h.save("p", "PARALLEL", json!([stage("Build", vec![a])]));
    let err = h
        .engine
        .start("p", BTreeMap::new(), Trigger::manual(None))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "E_UNSUPPORTED");
    assert!(
        err.message()
            .contains("secret stores come in a later version"),
        "{err}"
    );
    assert!(
        err.message().contains("TOKEN") && err.message().contains("Build/A"),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_execution_runs_the_version_it_started_with_and_invalid_versions_do_not_run() {
    let h = Harness::new();
    h.save(
        "p",
        "PARALLEL",
        json!([stage("Build", vec![action("Old", 1, json!({"Gate": "g"}))])]),
    );
    let id = h
        .engine
        .start("p", BTreeMap::new(), Trigger::manual(None))
        .await
        .unwrap();
    // A new version is saved while it starts.
    h.save(
        "p",
        "PARALLEL",
        json!([stage("Build", vec![action("New", 1, json!({}))])]),
    );
    h.provider.open("g");
    assert!(h.engine.drive(&id).await.unwrap().succeeded());
    assert_eq!(h.provider.calls_of("Old").len(), 1);
    assert!(h.provider.calls_of("New").is_empty());
    assert_eq!(h.execution(&id).pipeline_version, 1);

    let doc: PipelineDocument =
        serde_json::from_value(json!({"pipeline": {"name": "p", "stages": []}})).unwrap();
    h.store
        .lock()
        .unwrap()
        .save_pipeline(&doc, false, SaveBase::Latest)
        .unwrap();
    let err = h
        .engine
        .start("p", BTreeMap::new(), Trigger::manual(None))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "E_INVALID_PIPELINE");
    assert!(err.message().contains("version 3"), "{err}");
}
