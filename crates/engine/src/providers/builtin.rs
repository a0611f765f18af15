//! The registry of every provider that runs locally today.

use super::container::{ContainerKind, ContainerProvider, ContainerSettings};
use super::directory_deploy::DirectoryDeploy;
use super::directory_source::DirectorySource;
use super::git_source::GitSource;
use super::ProviderRegistry;
use crate::artifacts::ArtifactStore;
use crate::runtime::ContainerRuntime;
use std::sync::Arc;

/// Custom/Directory (Source and Deploy share the name: the category picks), Custom/Git,
/// Custom/Container and AWS/Commands. Other AWS providers are not registered, so the
/// scheduler fails their actions as unable to run locally.
pub fn builtin_registry(
    runtime: Arc<dyn ContainerRuntime>,
    artifacts: Arc<ArtifactStore>,
    settings: ContainerSettings,
) -> ProviderRegistry {
    let mut registry = ProviderRegistry::new();
    registry
        .register(
            "Custom",
            "Directory",
            Arc::new(DirectoryProvider {
                source: DirectorySource::new(artifacts.clone()),
                deploy: DirectoryDeploy::new(artifacts.clone()),
            }),
        )
        .register("Custom", "Git", Arc::new(GitSource::new(artifacts.clone())))
        .register(
            "Custom",
            "Container",
            Arc::new(ContainerProvider::new(
                runtime.clone(),
                artifacts.clone(),
                settings.clone(),
                ContainerKind::Container,
            )),
        )
        .register(
            "AWS",
            "Commands",
            Arc::new(ContainerProvider::new(
                runtime,
                artifacts,
                settings,
                ContainerKind::Commands,
            )),
        );
    registry
}

/// `Custom/Directory` is a Source and a Deploy: the action's category decides.
struct DirectoryProvider {
    source: DirectorySource,
    deploy: DirectoryDeploy,
}

#[async_trait::async_trait]
impl super::ActionProvider for DirectoryProvider {
    async fn run(&self, ctx: super::ActionContext) -> super::ActionResult {
        if ctx.action.action_type_id.category == "Deploy" {
            self.deploy.run(ctx).await
        } else {
            self.source.run(ctx).await
        }
    }
}
