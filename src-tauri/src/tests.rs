//! Command handlers tested through the host, without a webview.

use crate::host::Host;
use pipewright_core::api::*;

fn host() -> (tempfile::TempDir, Host) {
    let dir = tempfile::tempdir().expect("tempdir");
    let host = Host::open(dir.path()).expect("open host");
    (dir, host)
}

const CODEPIPELINE_JSON: &str = r#"{"pipeline": {"name": "imported", "roleArn": "arn:aws:iam::123456789012:role/r",
 "artifactStore": {"type": "S3", "location": "bucket"}, "version": 1,
 "stages": [
  {"name": "Source", "actions": [{"name": "Checkout", "actionTypeId": {"category": "Source", "owner": "AWS", "provider": "CodeCommit", "version": "1"},
     "configuration": {"RepositoryName": "repo", "BranchName": "main"}, "outputArtifacts": [{"name": "Src"}], "runOrder": 1}]},
  {"name": "Build", "actions": [{"name": "Compile", "actionTypeId": {"category": "Build", "owner": "AWS", "provider": "CodeBuild", "version": "1"},
     "configuration": {"ProjectName": "p"}, "inputArtifacts": [{"name": "Src"}], "runOrder": 1}]}
 ]}}"#;

#[test]
fn every_contract_command_is_registered_and_nothing_else() {
    let mut registered: Vec<&str> = crate::commands::REGISTERED.to_vec();
    let mut declared: Vec<&str> = COMMAND_NAMES.to_vec();
    declared.extend_from_slice(CHANNEL_COMMAND_NAMES);
    registered.sort_unstable();
    declared.sort_unstable();
    assert_eq!(registered, declared);
}

#[test]
fn import_then_list_get_export_delete() {
    let (_dir, host) = host();
    let result = host
        .import_pipeline(ImportArgs {
            text: CODEPIPELINE_JSON.into(),
            name: None,
            draft: false,
            source_path: None,
        })
        .expect("import");
    let saved = result.saved.expect("saved");
    assert_eq!(saved.name, "imported");
    assert_eq!(saved.version, 1);
    let list = host.list_pipelines().expect("list");
    assert_eq!(list.len(), 1);
    let detail = host
        .get_pipeline(GetPipelineArgs {
            name: "imported".into(),
            version: None,
        })
        .expect("get");
    assert_eq!(detail.document.pipeline.stages.len(), 2);
    assert!(detail.yaml.contains("Compile"));
    let exported = host
        .export_pipeline(ExportArgs {
            name: "imported".into(),
            format: ExportFormatArg::Codepipeline,
            version: None,
        })
        .expect("export");
    let value: serde_json::Value = serde_json::from_str(&exported.text).expect("json");
    assert_eq!(
        value["pipeline"]["stages"][1]["actions"][0]["name"],
        "Compile"
    );
    host.delete_pipeline(NameArgs {
        name: "imported".into(),
    })
    .expect("delete");
    assert!(host.list_pipelines().expect("list").is_empty());
    let err = host
        .get_pipeline(GetPipelineArgs {
            name: "imported".into(),
            version: None,
        })
        .unwrap_err();
    assert_eq!(err.code, "E_NOT_FOUND");
}

#[test]
fn invalid_import_saves_nothing_unless_draft() {
    let (_dir, host) = host();
    let one_stage = r#"{"pipeline": {"name": "bad", "stages": [{"name": "Only", "actions": []}]}}"#;
    let result = host
        .import_pipeline(ImportArgs {
            text: one_stage.into(),
            name: None,
            draft: false,
            source_path: None,
        })
        .expect("import call");
    assert!(result.saved.is_none());
    assert!(result.diagnostics.iter().any(|d| d.is_error()));
    assert!(host.list_pipelines().expect("list").is_empty());
    let draft = host
        .import_pipeline(ImportArgs {
            text: one_stage.into(),
            name: None,
            draft: true,
            source_path: None,
        })
        .expect("draft import");
    let saved = draft.saved.expect("draft saved");
    assert!(!saved.valid);
    let err = host
        .export_pipeline(ExportArgs {
            name: "bad".into(),
            format: ExportFormatArg::Codepipeline,
            version: None,
        })
        .unwrap_err();
    assert_eq!(err.code, "E_INVALID_PIPELINE");
}

#[test]
fn create_from_template_and_refuse_duplicate_name() {
    let (_dir, host) = host();
    let templates = host.list_templates();
    assert!(!templates.is_empty());
    let args = CreatePipelineArgs {
        name: "fresh".into(),
        template: templates[0].id.clone(),
    };
    let created = host.create_pipeline(args.clone()).expect("create");
    assert_eq!(created.stage_count, 4);
    let err = host.create_pipeline(args).unwrap_err();
    assert_eq!(err.code, "E_EXISTS");
    let err = host
        .create_pipeline(CreatePipelineArgs {
            name: "x".into(),
            template: "nope".into(),
        })
        .unwrap_err();
    assert_eq!(err.code, "E_TEMPLATE_UNKNOWN");
}

#[test]
fn read_import_file_reports_missing_and_non_utf8_files() {
    let (dir, host) = host();
    let err = host
        .read_import_file(ReadImportFileArgs {
            path: "/nonexistent/p.yaml".into(),
        })
        .unwrap_err();
    assert_eq!(err.code, "E_READ_FILE");
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, [0xff, 0xfe, 0x00]).expect("write");
    let err = host
        .read_import_file(ReadImportFileArgs {
            path: bad.display().to_string(),
        })
        .unwrap_err();
    assert_eq!(err.code, "E_INVALID_UTF8");
}

const TWO_STAGES: &str = r#"pipeline:
  name: runs
  stages:
    - name: Source
      actions:
        - name: Checkout
          actionTypeId: {category: Source, owner: AWS, provider: CodeCommit, version: "1"}
          configuration: {RepositoryName: repo, BranchName: main}
          outputArtifacts: [{name: Src}]
    - name: Build
      actions:
        - name: Compile
          actionTypeId: {category: Build, owner: AWS, provider: CodeBuild, version: "1"}
          configuration: {ProjectName: p}
          inputArtifacts: [{name: Src}]
"#;

fn started_execution(dir: &std::path::Path, host: &Host) -> String {
    use pipewright_store::execution::*;
    let saved = host
        .import_pipeline(ImportArgs {
            text: TWO_STAGES.into(),
            name: None,
            draft: true,
            source_path: None,
        })
        .expect("import")
        .saved
        .expect("saved");
    let mut store = pipewright_store::Store::open(dir).expect("store");
    let new = NewExecution {
        id: "11111111-2222-3333-4444-555555555555".into(),
        pipeline_name: saved.name,
        pipeline_version: saved.version,
        trigger: Trigger::manual(Some("test".into())),
        variables: vec![],
    };
    store.create_execution(&new).expect("create");
    new.id
}

#[test]
fn latest_execution_is_none_before_a_run_then_the_view_of_the_newest() {
    let (dir, host) = host();
    let _ = host.import_pipeline(ImportArgs {
        text: TWO_STAGES.into(),
        name: None,
        draft: true,
        source_path: None,
    });
    assert_eq!(
        host.latest_execution(NameArgs {
            name: "runs".into()
        })
        .expect("latest"),
        None
    );
    let id = started_execution(dir.path(), &host);
    let view = host
        .latest_execution(NameArgs {
            name: "runs".into(),
        })
        .expect("latest")
        .expect("some");
    assert_eq!(view.execution_id, id);
    assert_eq!(view.status, "InProgress");
    assert!(!view.start_time.is_empty());
    let names: Vec<&str> = view.stages.iter().map(|s| s.stage_name.as_str()).collect();
    assert_eq!(names, ["Source", "Build"]);
    assert_eq!(view.stages[0].status, None);
    assert_eq!(view.stages[0].actions[0].action_name, "Checkout");
    assert_eq!(view.stages[0].actions[0].status, None);
    let json = serde_json::to_value(&view).expect("json");
    assert!(json.get("executionId").is_some());
    assert!(json.get("lastUpdateTime").is_some());
    assert!(json["stages"][0].get("stageName").is_some());
    assert!(json["stages"][0]["actions"][0].get("actionName").is_some());
}

#[test]
fn get_execution_matches_latest_and_unknown_ids_are_not_found() {
    let (dir, host) = host();
    let id = started_execution(dir.path(), &host);
    let got = host
        .get_execution(ExecutionArgs {
            execution_id: id.clone(),
        })
        .expect("get");
    let latest = host
        .latest_execution(NameArgs {
            name: "runs".into(),
        })
        .expect("latest");
    assert_eq!(Some(got), latest);
    let err = host
        .get_execution(ExecutionArgs {
            execution_id: "nope".into(),
        })
        .expect_err("unknown");
    assert_eq!(err.code, "E_NOT_FOUND");
    let log = host
        .read_action_log(ReadLogArgs {
            execution_id: id,
            stage_name: "Source".into(),
            action_name: "Checkout".into(),
            offset: 0,
            attempt: None,
        })
        .expect("log");
    assert_eq!(log.text, "");
    assert!(!log.complete, "running execution, action not started yet");
}

#[test]
fn watch_sends_changes_until_the_execution_ends_then_the_final_view() {
    use pipewright_store::execution::*;
    let (dir, host) = host();
    let id = started_execution(dir.path(), &host);
    let ender = {
        let dir = dir.path().to_path_buf();
        let id = id.clone();
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(100));
            let mut store = pipewright_store::Store::open(&dir).expect("store");
            store
                .update_execution(
                    &id,
                    &ExecutionUpdate::new(PipelineExecutionStatus::Succeeded),
                )
                .expect("end");
        })
    };
    let mut seen = Vec::new();
    crate::host::watch_execution(
        dir.path(),
        &id,
        std::time::Duration::from_millis(10),
        |view| {
            seen.push(view.status);
            true
        },
    )
    .expect("watch");
    ender.join().expect("ender");
    assert_eq!(
        seen,
        ["InProgress", "Succeeded"],
        "unchanged views are not resent"
    );
}

#[test]
fn a_refused_run_keeps_the_cli_error_code_and_message() {
    let e = crate::host::cli_error(
        b"warning: something\nerror[E_INVALID_PIPELINE]: version 2 of p is invalid; fix it\n",
    );
    assert_eq!(e.code, "E_INVALID_PIPELINE");
    assert_eq!(e.message, "version 2 of p is invalid; fix it");
    let e = crate::host::cli_error(b"boom");
    assert_eq!(e.code, "E_RUN");
    assert!(e.message.contains("boom"));
}

#[test]
fn the_first_start_creates_the_sample_and_app_info_points_at_it() {
    let (dir, host) = host();
    assert_eq!(host.app_info().sample, None);
    let created = host.ensure_sample().unwrap();
    assert_eq!(created.as_deref(), Some("sample-pipeline"));
    let listed = host.list_pipelines().unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0].valid, "the sample is valid");
    let sample = host.app_info().sample.expect("sample info");
    assert_eq!(sample.pipeline, "sample-pipeline");
    assert!(std::path::Path::new(&sample.project_dir)
        .join("src/greet.sh")
        .is_file());
    assert!(sample
        .deploy_dir
        .starts_with(&*dir.path().to_string_lossy()));
    // A second start does nothing; once deleted, the sample is gone from app_info too.
    assert_eq!(host.ensure_sample().unwrap(), None);
    host.delete_pipeline(NameArgs {
        name: "sample-pipeline".into(),
    })
    .unwrap();
    assert_eq!(host.ensure_sample().unwrap(), None);
    assert_eq!(host.app_info().sample, None);
}

#[test]
fn stopping_an_execution_that_is_not_running_is_refused_with_the_cli_s_code() {
    let (dir, host) = host();
    // A real execution (see `started_execution`) that ended: nothing to stop.
    let id = started_execution(dir.path(), &host);
    {
        use pipewright_store::execution::*;
        let mut store = pipewright_store::Store::open(dir.path()).unwrap();
        store
            .update_execution(
                &id,
                &ExecutionUpdate::new(PipelineExecutionStatus::Succeeded),
            )
            .unwrap();
    }
    let e = host
        .stop_execution(StopExecutionArgs {
            execution_id: id,
            abandon: false,
        })
        .unwrap_err();
    assert_eq!(e.code, "E_NOT_RUNNING", "{}", e.message);
    let e = host
        .stop_execution(StopExecutionArgs {
            execution_id: "not-an-id".into(),
            abandon: true,
        })
        .unwrap_err();
    assert_eq!(e.code, "E_INVALID_ID", "{}", e.message);
}

#[test]
fn edits_save_as_versions_with_conflicts_summaries_diffs_and_restore() {
    let (_dir, host) = host();
    let created = host
        .create_pipeline(CreatePipelineArgs {
            name: "edited".into(),
            template: "source-build-test-deploy".into(),
        })
        .unwrap();
    assert_eq!(created.version, 1);
    let v1 = host
        .get_pipeline(GetPipelineArgs {
            name: "edited".into(),
            version: None,
        })
        .unwrap()
        .document;

    // An edit on top of version 1: a new Image and a removed Test stage.
    let mut edit = v1.clone();
    edit.pipeline.stages[1].actions[0]
        .configuration
        .get_or_insert_with(Default::default)
        .insert("Image".into(), "alpine:3".into());
    edit.pipeline.stages.remove(2);
    let saved = host
        .save_pipeline(SavePipelineArgs {
            document: edit.clone(),
            base_version: Some(1),
        })
        .unwrap();
    assert_eq!(saved.saved.version, 2);
    assert!(saved.saved.valid, "{:?}", saved.diagnostics);

    // Another window still on version 1: a conflict, nothing saved.
    let e = host
        .save_pipeline(SavePipelineArgs {
            document: v1.clone(),
            base_version: Some(1),
        })
        .unwrap_err();
    assert_eq!(e.code, "E_CONFLICT", "{}", e.message);

    // A draft with errors is kept, marked invalid.
    let mut broken = edit.clone();
    broken.pipeline.stages.truncate(1);
    let draft = host
        .save_pipeline(SavePipelineArgs {
            document: broken,
            base_version: Some(2),
        })
        .unwrap();
    assert_eq!(draft.saved.version, 3);
    assert!(!draft.saved.valid);
    assert!(draft
        .diagnostics
        .iter()
        .any(|d| d.code == "E_TOO_FEW_STAGES" || d.severity == pipewright_core::Severity::Error));

    let versions = host
        .list_versions(NameArgs {
            name: "edited".into(),
        })
        .unwrap();
    let summaries: Vec<(i64, &str)> = versions
        .iter()
        .map(|v| (v.version, v.summary.as_str()))
        .collect();
    assert_eq!(summaries[2], (1, "Created"));
    assert_eq!(
        summaries[1],
        (2, "1 stage removed, 1 action removed, 1 action changed")
    );
    assert_eq!(versions[0].version, 3);
    assert!(!versions[0].valid);

    let d = host
        .diff_versions(DiffVersionsArgs {
            name: "edited".into(),
            from: 1,
            to: 2,
        })
        .unwrap();
    let image = d
        .changes
        .iter()
        .find(|c| c.field.as_deref() == Some("configuration.Image"))
        .expect("the image change");
    assert_eq!(image.after.as_deref(), Some("alpine:3"));

    let restored = host
        .restore_version(RestoreVersionArgs {
            name: "edited".into(),
            version: 1,
        })
        .unwrap();
    assert_eq!(restored.version, 4);
    assert!(restored.valid);
    let d = host
        .diff_versions(DiffVersionsArgs {
            name: "edited".into(),
            from: 1,
            to: 4,
        })
        .unwrap();
    assert!(d.changes.is_empty(), "{d:?}");
}

#[test]
fn a_watched_log_ends_with_a_complete_page_once_the_execution_ends() {
    use pipewright_store::execution::*;
    let (dir, host) = host();
    let id = started_execution(dir.path(), &host);
    let ender = {
        let (dir, id) = (dir.path().to_path_buf(), id.clone());
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(100));
            let mut store = pipewright_store::Store::open(&dir).expect("store");
            store
                .update_execution(&id, &ExecutionUpdate::new(PipelineExecutionStatus::Failed))
                .expect("end");
        })
    };
    let mut pages = Vec::new();
    crate::host::watch_action_log(
        dir.path(),
        &ReadLogArgs {
            execution_id: id,
            stage_name: "Source".into(),
            action_name: "Checkout".into(),
            offset: 0,
            attempt: None,
        },
        std::time::Duration::from_millis(10),
        |page| {
            pages.push(page);
            true
        },
    )
    .expect("watch");
    ender.join().expect("ender");
    // Nothing is sent while nothing is written; the end is one complete, empty page.
    assert_eq!(pages.len(), 1, "{pages:?}");
    assert!(pages[0].complete && pages[0].text.is_empty());
}

#[test]
fn providers_and_live_validation_come_from_the_core() {
    let (_dir, host) = host();
    let providers = host.list_providers();
    assert_eq!(
        providers.len(),
        pipewright_core::providers::provider_schemas().len()
    );
    assert!(providers.iter().any(|p| p.provider == "Container"));
    let doc = pipewright_core::templates::instantiate("source-build-test-deploy", "x").unwrap();
    assert!(host
        .validate_document(ValidateDocumentArgs {
            document: doc.clone()
        })
        .is_empty());
    let mut broken = doc;
    broken.pipeline.stages.truncate(1);
    assert!(!host
        .validate_document(ValidateDocumentArgs { document: broken })
        .is_empty());
}

#[test]
fn an_environment_set_and_a_duplicate_for_another_environment() {
    let (_dir, host) = host();
    let set = host
        .create_environment_set(CreateEnvironmentSetArgs {
            name: "web".into(),
            template: "source-build-test-approve-deploy".into(),
            environments: vec!["dev".into(), " staging ".into(), "prod".into()],
        })
        .unwrap();
    let names: Vec<&str> = set.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["web-dev", "web-staging", "web-prod"]);
    assert!(set.iter().all(|s| s.valid));
    let doc = |name: &str| {
        host.get_pipeline(GetPipelineArgs {
            name: name.into(),
            version: None,
        })
        .unwrap()
        .document
    };
    let (dev, prod) = (doc("web-dev"), doc("web-prod"));
    assert_eq!(dev.pipeline.stages, prod.pipeline.stages);
    assert_eq!(
        prod.pipeline.variables.as_ref().unwrap()[0]
            .default_value
            .as_deref(),
        Some("prod")
    );

    // Nothing is saved when one name is taken, or an environment name is unusable.
    let e = host
        .create_environment_set(CreateEnvironmentSetArgs {
            name: "web".into(),
            template: "source-build-test-deploy".into(),
            environments: vec!["qa".into(), "prod".into()],
        })
        .unwrap_err();
    assert_eq!(e.code, "E_EXISTS", "{}", e.message);
    assert!(e.message.contains("web-prod"));
    assert!(host
        .get_pipeline(GetPipelineArgs {
            name: "web-qa".into(),
            version: None
        })
        .is_err());
    let e = host
        .create_environment_set(CreateEnvironmentSetArgs {
            name: "x".into(),
            template: "source-build-test-deploy".into(),
            environments: vec!["dev".into(), "a b".into()],
        })
        .unwrap_err();
    assert_eq!(e.code, "E_ENVIRONMENTS");

    let copy = host
        .duplicate_pipeline(DuplicatePipelineArgs {
            name: "web-dev".into(),
            new_name: "web-perf".into(),
            variables: vec![RunVariable {
                name: "environment".into(),
                value: "perf".into(),
            }],
        })
        .unwrap();
    assert_eq!((copy.name.as_str(), copy.version), ("web-perf", 1));
    let perf = doc("web-perf");
    assert_eq!(perf.pipeline.stages, dev.pipeline.stages);
    assert_eq!(
        perf.pipeline.variables.as_ref().unwrap()[0]
            .default_value
            .as_deref(),
        Some("perf")
    );
    let e = host
        .duplicate_pipeline(DuplicatePipelineArgs {
            name: "web-dev".into(),
            new_name: "web-prod".into(),
            variables: vec![],
        })
        .unwrap_err();
    assert_eq!(e.code, "E_EXISTS");
}
