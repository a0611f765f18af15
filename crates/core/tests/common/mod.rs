//! Helpers shared by the integration tests.
#![allow(dead_code)]

use pipewright_core::validate::codes;
use pipewright_core::{parse_document, validate, Diagnostic, ParseOptions, ParseOutcome};
use serde_json::{json, Value};

/// Parse text with no base folder; every diagnostic code must be a documented one.
pub fn parse(text: &str) -> ParseOutcome {
    parse_with(text, None)
}

pub fn parse_with(text: &str, base_dir: Option<&str>) -> ParseOutcome {
    let out = parse_document(
        text,
        &ParseOptions {
            base_dir: base_dir.map(str::to_string),
        },
    );
    assert_codes_documented(&out.diagnostics);
    out
}

pub fn assert_codes_documented(diags: &[Diagnostic]) {
    for d in diags {
        let (severity, _) =
            codes::describe(&d.code).unwrap_or_else(|| panic!("undocumented code {}", d.code));
        assert_eq!(
            severity, d.severity,
            "{} has the severity its code says",
            d.code
        );
        assert!(
            d.path.is_empty() || d.path.starts_with('/'),
            "{} path {:?} is a JSON pointer",
            d.code,
            d.path
        );
        assert!(!d.message.is_empty());
    }
}

/// Parse (which must succeed) and validate a `{"pipeline": …}` value; returns the validation
/// diagnostics.
pub fn check(doc: &Value) -> Vec<Diagnostic> {
    let out = parse(&doc.to_string());
    let Some(d) = out.document else {
        panic!("did not parse: {:#?}", out.diagnostics);
    };
    let diags = validate(&d);
    assert_codes_documented(&diags);
    diags
}

pub fn has(diags: &[Diagnostic], code: &str, path: &str) -> bool {
    diags.iter().any(|d| d.code == code && d.path == path)
}

pub fn has_code(diags: &[Diagnostic], code: &str) -> bool {
    diags.iter().any(|d| d.code == code)
}

pub fn find<'a>(diags: &'a [Diagnostic], code: &str) -> &'a Diagnostic {
    diags
        .iter()
        .find(|d| d.code == code)
        .unwrap_or_else(|| panic!("no {code} in {diags:#?}"))
}

/// Set a value at a JSON pointer (relative to the document root), creating the last key.
pub fn set(doc: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').expect("pointer has a parent");
    let target = doc
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("no {parent}"));
    match target {
        Value::Object(m) => {
            m.insert(key.to_string(), value);
        }
        Value::Array(a) => {
            let i: usize = key.parse().expect("index");
            if i == a.len() {
                a.push(value);
            } else {
                a[i] = value;
            }
        }
        _ => panic!("{parent} is not a container"),
    }
}

pub fn remove(doc: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').expect("pointer has a parent");
    match doc
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("no {parent}"))
    {
        Value::Object(m) => {
            m.shift_remove(key);
        }
        Value::Array(a) => {
            a.remove(key.parse::<usize>().expect("index"));
        }
        _ => panic!("{parent} is not a container"),
    }
}

pub fn with(mut doc: Value, f: impl FnOnce(&mut Value)) -> Value {
    f(&mut doc);
    doc
}

/// A valid V2 pipeline with local and AWS providers, variables of every kind and a trigger.
/// `validate` finds nothing at all in it.
pub fn base() -> Value {
    json!({"pipeline": {
        "name": "app",
        "roleArn": "arn:aws:iam::123456789012:role/app-pipeline",
        "artifactStore": {"type": "S3", "location": "app-artifacts"},
        "stages": [
            {"name": "Source", "actions": [
                {"name": "Src", "actionTypeId": {"category": "Source", "owner": "Custom", "provider": "Directory", "version": "1"},
                 "runOrder": 1, "configuration": {"Path": "/srv/app"}, "outputArtifacts": [{"name": "SourceOut"}],
                 "namespace": "SrcVars"},
                {"name": "Repo", "actionTypeId": {"category": "Source", "owner": "AWS", "provider": "CodeStarSourceConnection", "version": "1"},
                 "runOrder": 1,
                 "configuration": {"ConnectionArn": "arn:aws:codeconnections:us-east-1:123456789012:connection/abc",
                                   "FullRepositoryId": "octo/app", "BranchName": "main"},
                 "outputArtifacts": [{"name": "RepoOut"}], "namespace": "RepoVars"}
            ]},
            {"name": "Build", "actions": [
                {"name": "Compile", "actionTypeId": {"category": "Build", "owner": "Custom", "provider": "Container", "version": "1"},
                 "runOrder": 1, "configuration": {"Image": "busybox:latest"}, "commands": ["make", "echo #{RepoVars.CommitId}"],
                 "inputArtifacts": [{"name": "SourceOut"}],
                 "outputArtifacts": [{"name": "BuildOut", "files": ["dist/**"]}],
                 "outputVariables": ["VERSION"], "namespace": "BuildVars"},
                {"name": "Test", "actionTypeId": {"category": "Test", "owner": "AWS", "provider": "CodeBuild", "version": "1"},
                 "runOrder": 2, "configuration": {"ProjectName": "app-test"}, "inputArtifacts": [{"name": "BuildOut"}]}
            ]},
            {"name": "Deploy", "actions": [
                {"name": "Approve", "actionTypeId": {"category": "Approval", "owner": "AWS", "provider": "Manual", "version": "1"},
                 "runOrder": 1, "timeoutInMinutes": 60,
                 "configuration": {"CustomData": "ship #{BuildVars.VERSION} to #{variables.Env} (#{codepipeline.PipelineExecutionId})"}},
                {"name": "Ship", "actionTypeId": {"category": "Deploy", "owner": "Custom", "provider": "Directory", "version": "1"},
                 "runOrder": 2, "configuration": {"TargetPath": "/srv/deploy"}, "inputArtifacts": [{"name": "BuildOut"}],
                 "pipewright": {"timeoutMinutes": 5}}
            ]}
        ],
        "executionMode": "QUEUED",
        "pipelineType": "V2",
        "variables": [{"name": "Env", "defaultValue": "dev"}],
        "triggers": [{"providerType": "CodeStarSourceConnection",
                      "gitConfiguration": {"sourceActionName": "Repo", "push": [{"branches": {"includes": ["main"]}}]}}]
    }})
}

/// `/pipeline/stages/{s}/actions/{a}` as a document pointer, and the same relative to the
/// pipeline (diagnostic paths).
pub fn action(s: usize, a: usize) -> String {
    format!("/pipeline/stages/{s}/actions/{a}")
}
pub fn apath(s: usize, a: usize) -> String {
    format!("/stages/{s}/actions/{a}")
}
