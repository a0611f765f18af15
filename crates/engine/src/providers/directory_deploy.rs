//! Deploy `Custom/Directory`: puts the single input artifact into `TargetPath`, swapped in
//! atomically (the previous content is kept for rollback).

use super::directory_source::config;
use super::{ActionContext, ActionProvider, ActionResult};
use crate::artifacts::{deploy, ArtifactStore};
use async_trait::async_trait;
use std::path::PathBuf;
use std::sync::Arc;

pub struct DirectoryDeploy {
    artifacts: Arc<ArtifactStore>,
}

impl DirectoryDeploy {
    pub fn new(artifacts: Arc<ArtifactStore>) -> Self {
        Self { artifacts }
    }
}

#[async_trait]
impl ActionProvider for DirectoryDeploy {
    async fn run(&self, ctx: ActionContext) -> ActionResult {
        let target = config(&ctx, "TargetPath").trim().to_string();
        if target.is_empty() {
            return ActionResult::failed(
                "the Directory deploy has no TargetPath: set it to the folder to deploy into",
                None,
            );
        }
        let target = PathBuf::from(target);
        if !target.is_absolute() {
            return ActionResult::failed(
                format!(
                    "the Directory deploy's TargetPath {} is relative: give an absolute path",
                    target.display()
                ),
                None,
            );
        }
        let first = ctx
            .action
            .input_artifacts
            .as_ref()
            .and_then(|i| i.first())
            .map(|a| a.name.clone());
        let revision = match first.and_then(|n| ctx.inputs.get(&n).cloned()) {
            Some(r) => r,
            None => {
                return ActionResult::failed(
                    "the Directory deploy needs one input artifact to deploy",
                    None,
                )
            }
        };
        ctx.log.system(&format!(
            "deploying revision {} ({} files) into {}",
            revision.digest,
            revision.file_count,
            target.display()
        ));
        let store = self.artifacts.clone();
        let digest = revision.digest.clone();
        let t = target.clone();
        let done =
            tokio::task::spawn_blocking(move || deploy::deploy_directory(&store, &digest, &t))
                .await;
        match done {
            Ok(Ok(outcome)) => {
                if let Some(previous) = outcome.previous {
                    ctx.log
                        .system(&format!("previous content kept in {}", previous.display()));
                }
                ActionResult::succeeded()
            }
            Ok(Err(e)) => ActionResult::failed(e.message, None),
            Err(e) => ActionResult::failed(format!("the deploy task failed: {e}"), None),
        }
    }
}
