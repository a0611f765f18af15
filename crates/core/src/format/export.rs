//! Export: YAML and JSON keep everything; CodePipeline JSON strips local settings, fills the
//! documented placeholders and warns about what AWS would refuse.

use super::ExportFormat;
use crate::diagnostic::Diagnostic;
use crate::model::{ArtifactStore, PipelineDocument};
use crate::providers::is_local_provider;

/// Filled in for a missing `roleArn` on CodePipeline export (`W_PLACEHOLDER`). The account
/// number is the one AWS's documentation uses for examples.
pub const PLACEHOLDER_ROLE_ARN: &str = "arn:aws:iam::123456789012:role/pipewright-placeholder";

/// Bucket of the S3 `artifactStore` filled in on CodePipeline export when neither
/// `artifactStore` nor `artifactStores` is set (`W_PLACEHOLDER`).
pub const PLACEHOLDER_ARTIFACT_BUCKET: &str = "pipewright-placeholder-bucket";

pub(super) fn export(doc: &PipelineDocument, format: ExportFormat) -> (String, Vec<Diagnostic>) {
    match format {
        ExportFormat::Yaml => (to_yaml(doc), Vec::new()),
        ExportFormat::Json => (to_json(doc), Vec::new()),
        ExportFormat::CodePipeline => codepipeline(doc),
    }
}

fn to_yaml(doc: &PipelineDocument) -> String {
    // Serializing the model cannot fail: every map key is a string and every number finite
    // (f64 values come from JSON/YAML numbers). Fall back to JSON, which is YAML too.
    serde_yaml_ng::to_string(doc).unwrap_or_else(|_| to_json(doc))
}

fn to_json(doc: &PipelineDocument) -> String {
    let mut s = serde_json::to_string_pretty(doc).unwrap_or_else(|e| {
        // Unreachable for the model's types; never panic on export.
        format!("{{\"error\": \"{e}\"}}")
    });
    s.push('\n');
    s
}

fn codepipeline(doc: &PipelineDocument) -> (String, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut out = doc.clone();
    let p = &mut out.pipeline;
    p.pipewright = None;
    if p.role_arn.is_none() {
        p.role_arn = Some(PLACEHOLDER_ROLE_ARN.to_string());
        diags.push(Diagnostic::warning(
            "W_PLACEHOLDER",
            "/roleArn",
            format!(
                "the pipeline has no roleArn; the export uses the placeholder {PLACEHOLDER_ROLE_ARN}: replace it with your CodePipeline service role before creating the pipeline"
            ),
        ));
    }
    if p.artifact_store.is_none() && p.artifact_stores.is_none() {
        p.artifact_store = Some(ArtifactStore {
            store_type: "S3".to_string(),
            location: PLACEHOLDER_ARTIFACT_BUCKET.to_string(),
            encryption_key: None,
            extra: Default::default(),
        });
        diags.push(Diagnostic::warning(
            "W_PLACEHOLDER",
            "/artifactStore",
            format!(
                "the pipeline has no artifactStore; the export uses the placeholder S3 bucket {PLACEHOLDER_ARTIFACT_BUCKET}: replace it with your artifact bucket before creating the pipeline"
            ),
        ));
    }
    for (si, stage) in p.stages.iter_mut().enumerate() {
        for (ai, action) in stage.actions.iter_mut().enumerate() {
            action.pipewright = None;
            let t = &action.action_type_id;
            let path = format!("/stages/{si}/actions/{ai}");
            if is_local_provider(&t.owner, &t.provider) {
                diags.push(Diagnostic::warning(
                    "W_EXPORT_LOCAL_PROVIDER",
                    path,
                    format!(
                        "action `{}` uses the local provider Custom/{}, which is not a registered action type in AWS: CodePipeline would refuse this pipeline; replace it with an AWS provider (e.g. {}) before creating it there",
                        action.name,
                        t.provider,
                        aws_equivalent(&t.category, &t.provider)
                    ),
                ));
            } else if action.commands.is_some() && !(t.owner == "AWS" && t.provider == "Commands") {
                diags.push(Diagnostic::warning(
                    "W_EXPORT_COMMANDS",
                    path,
                    format!(
                        "action `{}` has `commands`, which CodePipeline accepts only on AWS/Commands actions: AWS would refuse this pipeline; move the commands into a Commands action or the provider's own configuration",
                        action.name
                    ),
                ));
            }
        }
    }
    (to_json(&out), diags)
}

fn aws_equivalent(category: &str, provider: &str) -> &'static str {
    match (category, provider) {
        ("Source", _) => "CodeStarSourceConnection, CodeCommit or S3",
        ("Deploy", "Directory") => "S3",
        (_, "Container") => "Commands or CodeBuild",
        (_, "DockerBuild") => "CodeBuild",
        (_, "DockerRun") => "ECS",
        _ => "Lambda or StepFunctions",
    }
}
