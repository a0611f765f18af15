//! Local debugging of failed actions: a failed container is saved as an image and kept
//! running idle (a "debug container") with the action's mounts, so a terminal can be opened
//! into it; it is removed (container, image and work folder) when debugging ends: Continue,
//! closing the terminal, a timeout, or a stop of the execution. Removal is driven by the
//! store: a recorded debug container that no pending decision holds any more is removed by
//! whichever process looks next ([`crate::Engine::remove_ended_debug_containers`]).

pub mod terminal;

use crate::runtime::{ContainerRuntime, ContainerSpec, LABEL_DEBUG};
use crate::scheduler::{Engine, EngineError};

/// The image a failed container is saved as.
pub fn debug_image(action_execution_id: &str) -> String {
    format!("pipewright-debug:{action_execution_id}")
}

/// How long a kept container holds its execution before debugging ends by itself.
pub const DEBUG_HOLD_MINUTES: f64 = 60.0;

/// What the kept container runs: an idle shell that ends at once on a stop signal.
const IDLE: &str = "trap 'exit 0' TERM INT; while :; do sleep 3600 & wait $!; done";

/// Save the failed container `id` (created from `spec`) as an image and start an idle
/// container from it with the same mounts, environment, user and working directory. Returns
/// the new container's id; on failure nothing is left behind.
pub async fn keep_for_debugging(
    runtime: &dyn ContainerRuntime,
    id: &str,
    spec: &ContainerSpec,
    action_execution_id: &str,
) -> Result<String, String> {
    let image = debug_image(action_execution_id);
    runtime.commit(id, &image).await.map_err(|e| e.message)?;
    let mut debug = spec.clone();
    debug.image = image.clone();
    debug.cmd = vec!["sh".into(), "-c".into(), IDLE.into()];
    debug
        .labels
        .insert(LABEL_DEBUG.to_string(), "1".to_string());
    let started = async {
        let debug_id = runtime.create(&debug).await?;
        if let Err(e) = runtime.start(&debug_id).await {
            let _ = runtime.remove(&debug_id).await;
            return Err(e);
        }
        Ok(debug_id)
    }
    .await;
    match started {
        Ok(debug_id) => Ok(debug_id),
        Err(e) => {
            if let Err(e) = runtime.remove_image(&image).await {
                tracing::warn!("cannot remove the debug image {image}: {e}");
            }
            Err(format!(
                "{} (the image needs a shell, sh, to keep its container idle)",
                e.message
            ))
        }
    }
}

impl Engine {
    /// Remove every kept debug container whose debugging has ended (of one execution, or of
    /// all): its container, its image and the action's work folder; the record is cleared.
    /// Returns how many were removed; the first failure is returned after trying all.
    pub async fn remove_ended_debug_containers(
        &self,
        execution_id: Option<&str>,
    ) -> Result<usize, EngineError> {
        let ended = self.db(|s| s.ended_debug_containers(execution_id))?;
        let runtime = self.runtime();
        let mut first_error = None;
        let mut removed = 0;
        for kept in ended {
            let result = async {
                runtime.kill(&kept.container_id).await?;
                runtime.remove(&kept.container_id).await?;
                runtime
                    .remove_image(&debug_image(&kept.action_execution_id))
                    .await
            }
            .await;
            match result {
                Ok(()) => {
                    let work = self.data_dir().join("work").join(&kept.action_execution_id);
                    if let Err(e) = std::fs::remove_dir_all(&work) {
                        if e.kind() != std::io::ErrorKind::NotFound {
                            tracing::warn!("cannot remove the work folder {}: {e}", work.display());
                        }
                    }
                    self.db(|s| s.set_debug_container(&kept.action_execution_id, None))?;
                    removed += 1;
                }
                Err(e) => {
                    tracing::warn!(container = %kept.container_id, "cannot remove the debug container: {e}");
                    first_error.get_or_insert(e);
                }
            }
        }
        match first_error {
            Some(e) => Err(EngineError::from(e)),
            None => Ok(removed),
        }
    }
}
