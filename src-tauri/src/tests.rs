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
