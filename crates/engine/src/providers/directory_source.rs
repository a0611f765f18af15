//! Source `Custom/Directory`: a snapshot of a local folder as the first declared output
//! artifact (configuration `Path`, `RespectGitignore`).

use super::{ActionContext, ActionProvider, ActionResult};
use crate::artifacts::ArtifactStore;
use crate::sources::directory;
use async_trait::async_trait;
use std::collections::BTreeMap;
use std::sync::Arc;

pub struct DirectorySource {
    artifacts: Arc<ArtifactStore>,
}

impl DirectorySource {
    pub fn new(artifacts: Arc<ArtifactStore>) -> Self {
        Self { artifacts }
    }
}

/// A configuration value, or "" when it is not set.
pub(crate) fn config<'a>(ctx: &'a ActionContext, key: &str) -> &'a str {
    ctx.action
        .configuration
        .as_ref()
        .and_then(|c| c.get(key))
        .map(String::as_str)
        .unwrap_or("")
}

/// The name of the first declared output artifact.
pub(crate) fn first_output(ctx: &ActionContext) -> Option<String> {
    ctx.action
        .output_artifacts
        .as_ref()
        .and_then(|o| o.first())
        .map(|a| a.name.clone())
}

#[async_trait]
impl ActionProvider for DirectorySource {
    async fn run(&self, ctx: ActionContext) -> ActionResult {
        let path = config(&ctx, "Path").to_string();
        let respect = config(&ctx, "RespectGitignore")
            .trim()
            .eq_ignore_ascii_case("true");
        let Some(output) = first_output(&ctx) else {
            return ActionResult::failed(
                "the Directory source declares no output artifact to put the snapshot in",
                None,
            );
        };
        ctx.log.system(&format!("snapshot of {path}"));
        let store = self.artifacts.clone();
        let taken =
            tokio::task::spawn_blocking(move || directory::snapshot(&store, &path, respect)).await;
        match taken {
            Ok(Ok(revision)) => {
                ctx.log.system(&format!(
                    "{} files, {} bytes, revision {}",
                    revision.file_count, revision.size, revision.digest
                ));
                ActionResult::Succeeded {
                    outputs: BTreeMap::from([(output, revision)]),
                    variables: BTreeMap::new(),
                }
            }
            Ok(Err(e)) => ActionResult::failed(e.message, None),
            Err(e) => ActionResult::failed(format!("the snapshot task failed: {e}"), None),
        }
    }
}
