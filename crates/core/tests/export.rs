//! Export formats: native YAML/JSON keep everything; CodePipeline JSON strips local settings,
//! fills documented placeholders and warns about what AWS would refuse.

mod common;

use common::*;
use pipewright_core::format::{PLACEHOLDER_ARTIFACT_BUCKET, PLACEHOLDER_ROLE_ARN};
use pipewright_core::{export, ExportFormat, PipelineDocument};
use serde_json::{json, Value};

fn doc(v: &Value) -> PipelineDocument {
    parse(&v.to_string()).document.expect("parses")
}

fn codepipeline(v: &Value) -> (Value, Vec<pipewright_core::Diagnostic>) {
    let (text, diags) = export(&doc(v), ExportFormat::CodePipeline);
    assert_codes_documented(&diags);
    (serde_json::from_str(&text).expect("JSON"), diags)
}

#[test]
fn native_formats_keep_local_settings() {
    let v = with(base(), |v| {
        set(v, "/pipeline/pipewright", json!({"note": "kept"}));
        set(
            v,
            &format!("{}/pipewright", action(1, 0)),
            json!({"image": "node:20", "timeoutMinutes": 1.5}),
        );
    });
    let d = doc(&v);
    for format in [ExportFormat::Yaml, ExportFormat::Json] {
        let (text, diags) = export(&d, format);
        assert!(diags.is_empty());
        let back: Value = serde_yaml_ng::from_str(&text).expect("reads back");
        assert_eq!(
            back["pipeline"]["pipewright"],
            json!({"note": "kept"}),
            "{format:?}"
        );
        assert_eq!(
            back["pipeline"]["stages"][1]["actions"][0]["pipewright"]["image"],
            json!("node:20")
        );
        assert_eq!(
            back["pipeline"]["stages"][2]["actions"][1]["pipewright"]["timeoutMinutes"],
            json!(5.0)
        );
        assert_eq!(
            parse(&text).document.as_ref(),
            Some(&d),
            "{format:?} round trip"
        );
    }
    let (yaml, _) = export(&d, ExportFormat::Yaml);
    assert!(yaml.starts_with("pipeline:\n"), "{yaml}");
    let (json_text, _) = export(&d, ExportFormat::Json);
    assert!(json_text.starts_with("{\n  \"pipeline\""));
}

#[test]
fn codepipeline_strips_every_pipewright_object() {
    let v = with(base(), |v| {
        set(v, "/pipeline/pipewright", json!({"note": "local"}));
        set(
            v,
            &format!("{}/pipewright", action(1, 1)),
            json!({"image": "node:20", "buildspec": "ci/buildspec.yml"}),
        );
    });
    let (out, _) = codepipeline(&v);
    let text = out.to_string();
    assert!(!text.contains("pipewright\""), "{text}");
    assert!(out["pipeline"].get("pipewright").is_none());
    assert_eq!(
        out["pipeline"]["stages"][1]["actions"][1]["configuration"]["ProjectName"],
        "app-test"
    );
    assert_eq!(out.as_object().expect("object").len(), 1);
}

#[test]
fn placeholders_are_filled_and_warned() {
    let v = with(base(), |v| {
        remove(v, "/pipeline/roleArn");
        remove(v, "/pipeline/artifactStore");
    });
    let (out, diags) = codepipeline(&v);
    assert_eq!(out["pipeline"]["roleArn"], PLACEHOLDER_ROLE_ARN);
    assert_eq!(
        PLACEHOLDER_ROLE_ARN,
        "arn:aws:iam::123456789012:role/pipewright-placeholder"
    );
    assert_eq!(
        out["pipeline"]["artifactStore"],
        json!({"type": "S3", "location": PLACEHOLDER_ARTIFACT_BUCKET})
    );
    assert_eq!(PLACEHOLDER_ARTIFACT_BUCKET, "pipewright-placeholder-bucket");
    assert!(has(&diags, "W_PLACEHOLDER", "/roleArn"));
    assert!(has(&diags, "W_PLACEHOLDER", "/artifactStore"));
    // Nothing is filled when the pipeline has its own.
    let (_, diags) = codepipeline(&base());
    assert!(!has_code(&diags, "W_PLACEHOLDER"));
    // artifactStores counts as an artifact store.
    let v = with(base(), |v| {
        remove(v, "/pipeline/artifactStore");
        set(
            v,
            "/pipeline/artifactStores",
            json!({"us-east-1": {"type": "S3", "location": "a-east"}}),
        );
    });
    let (out, diags) = codepipeline(&v);
    assert!(out["pipeline"].get("artifactStore").is_none());
    assert!(!has_code(&diags, "W_PLACEHOLDER"));
}

#[test]
fn one_warning_per_action_aws_would_refuse() {
    let (_, diags) = codepipeline(&base());
    let local: Vec<&str> = diags
        .iter()
        .filter(|d| d.code == "W_EXPORT_LOCAL_PROVIDER")
        .map(|d| d.path.as_str())
        .collect();
    // Directory source, Container build (which also has commands: still one warning), Directory deploy.
    assert_eq!(local, vec![apath(0, 0), apath(1, 0), apath(2, 1)]);
    assert!(!has_code(&diags, "W_EXPORT_COMMANDS"));
    let m = &diags
        .iter()
        .find(|d| d.path == apath(1, 0))
        .expect("container")
        .message;
    assert!(
        m.contains("Custom/Container") && m.contains("Commands or CodeBuild"),
        "{m}"
    );

    // commands on an AWS provider other than Commands.
    let v = with(base(), |v| {
        set(v, &format!("{}/commands", action(1, 1)), json!(["make"]))
    });
    let (_, diags) = codepipeline(&v);
    assert!(has(&diags, "W_EXPORT_COMMANDS", &apath(1, 1)));

    // A Commands action with commands is what AWS expects.
    let v = with(base(), |v| {
        set(
            v,
            &action(1, 1),
            json!({"name": "Cmd", "actionTypeId": {"category": "Compute", "owner": "AWS", "provider": "Commands", "version": "1"},
                   "runOrder": 2, "commands": ["make"], "inputArtifacts": [{"name": "BuildOut"}]}),
        )
    });
    let (_, diags) = codepipeline(&v);
    assert!(!diags.iter().any(|d| d.path == apath(1, 1)), "{diags:#?}");
}

#[test]
fn unknown_fields_are_exported_verbatim() {
    let v = with(base(), |v| {
        set(
            v,
            "/pipeline/stages/1/futureField",
            json!({"a": [1, "b", null]}),
        )
    });
    let (out, _) = codepipeline(&v);
    assert_eq!(
        out["pipeline"]["stages"][1]["futureField"],
        json!({"a": [1, "b", null]})
    );
}

#[test]
fn field_order_follows_the_api() {
    let (text, _) = export(&doc(&base()), ExportFormat::CodePipeline);
    let name = text.find("\"name\"").expect("name");
    let role = text.find("\"roleArn\"").expect("roleArn");
    let stages = text.find("\"stages\"").expect("stages");
    let mode = text.find("\"executionMode\"").expect("executionMode");
    assert!(name < role && role < stages && stages < mode);
}
