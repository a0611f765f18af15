//! Source `Custom/Git`: the tree at a branch tip as the first declared output artifact, with
//! the source variables CommitId, BranchName, CommitMessage, … (configuration `Repository`,
//! `Branch`, `Depth`). Fetches go through a work folder per repository under
//! `<data>/git-cache/<sha256 of the repository>`.

use super::directory_source::{config, first_output};
use super::{ActionContext, ActionProvider, ActionResult};
use crate::artifacts::ArtifactStore;
use crate::sources::git;
use async_trait::async_trait;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::sync::Arc;

pub struct GitSource {
    artifacts: Arc<ArtifactStore>,
}

impl GitSource {
    pub fn new(artifacts: Arc<ArtifactStore>) -> Self {
        Self { artifacts }
    }
}

#[async_trait]
impl ActionProvider for GitSource {
    async fn run(&self, ctx: ActionContext) -> ActionResult {
        let repository = config(&ctx, "Repository").trim().to_string();
        let branch = config(&ctx, "Branch").to_string();
        let depth_text = config(&ctx, "Depth").trim().to_string();
        let depth = if depth_text.is_empty() {
            None
        } else {
            match depth_text.parse::<u32>() {
                Ok(d) if d > 0 => Some(d),
                _ => {
                    return ActionResult::failed(
                        format!(
                            "the Git source's Depth {depth_text:?} is not a whole number from 1 up"
                        ),
                        None,
                    )
                }
            }
        };
        let Some(output) = first_output(&ctx) else {
            return ActionResult::failed(
                "the Git source declares no output artifact to put the tree in",
                None,
            );
        };
        let work = ctx
            .data_dir
            .join("git-cache")
            .join(hex::encode(Sha256::digest(repository.as_bytes())));
        ctx.log.system(&format!(
            "fetching {repository} ({})",
            if branch.trim().is_empty() {
                "main"
            } else {
                branch.trim()
            }
        ));
        let store = self.artifacts.clone();
        let taken = tokio::task::spawn_blocking(move || {
            git::checkout(&store, &repository, &branch, depth, &work)
        })
        .await;
        match taken {
            Ok(Ok((revision, vars))) => {
                ctx.log.system(&format!(
                    "commit {} on {}: {} files, revision {}",
                    vars.commit_id, vars.branch_name, revision.file_count, revision.digest
                ));
                ActionResult::Succeeded {
                    outputs: BTreeMap::from([(output, revision)]),
                    variables: vars.to_map().into_iter().collect(),
                }
            }
            Ok(Err(e)) => ActionResult::failed(e.message, None),
            Err(e) => ActionResult::failed(format!("the Git checkout task failed: {e}"), None),
        }
    }
}
