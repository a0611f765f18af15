//! Starting an execution: checks first (a valid version, variables, no secrets), then the
//! lock, then the row InProgress with its STARTED event.

use super::{codes, Engine, EngineError};
use crate::model::{ExecutionId, FinalStatus, Trigger};
use crate::ownership;
use crate::variables;
use pipewright_store::execution::NewExecution;
use std::collections::BTreeMap;

impl Engine {
    /// Start an execution of the latest version of `pipeline_name` with pipeline variable
    /// `overrides`. The lock is taken before the execution is marked InProgress and kept by
    /// this engine until [`Engine::drive`] (or [`Engine::release`]).
    pub async fn start(
        &self,
        pipeline_name: &str,
        overrides: BTreeMap<String, String>,
        trigger: Trigger,
    ) -> Result<ExecutionId, EngineError> {
        let stored = self.db(|s| s.get_pipeline(pipeline_name, None))?;
        if !stored.summary.valid {
            return Err(EngineError::new(
                codes::INVALID_PIPELINE,
                format!(
                    "version {} of `{pipeline_name}` is invalid and cannot run; `pipewright validate` shows its diagnostics",
                    stored.summary.version
                ),
            ));
        }
        variables::check_secrets(&stored.document)?;
        let resolved = variables::resolve_pipeline_variables(
            stored.document.pipeline.variables.as_deref(),
            &overrides,
        )?;
        let id = uuid::Uuid::new_v4().to_string();
        let guard = ownership::try_acquire(self.data_dir(), &id)?.ok_or_else(|| {
            EngineError::new(
                codes::OWNED,
                format!("the new execution {id} is locked already"),
            )
        })?;
        let new = NewExecution {
            id: id.clone(),
            pipeline_name: pipeline_name.to_string(),
            pipeline_version: stored.summary.version,
            trigger,
            variables: resolved,
        };
        let (_, transition) = self.db(|s| s.create_execution(&new))?;
        self.owned().insert(id.clone(), guard);
        self.announce(transition);
        Ok(id)
    }

    /// [`Engine::start`] then [`Engine::drive`]: run in the foreground (`run --wait`).
    pub async fn run(
        &self,
        pipeline_name: &str,
        overrides: BTreeMap<String, String>,
        trigger: Trigger,
    ) -> Result<(ExecutionId, FinalStatus), EngineError> {
        let id = self.start(pipeline_name, overrides, trigger).await?;
        let status = self.drive(&id).await?;
        Ok((id, status))
    }
}
