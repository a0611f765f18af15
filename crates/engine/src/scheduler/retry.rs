//! Retrying a failed (or stopped) stage as a new attempt of the same execution: whoever
//! retries takes the execution over (its lock), resumes it (RESUMED) and drives it on from
//! that stage, rerunning failed actions (or all) and reusing the outputs of the others.

use super::{codes, Engine, EngineError};
use crate::model::{FinalStatus, RetryMode};

impl Engine {
    /// Retry `stage` of a Failed or Stopped execution in `mode`, then continue with the
    /// later stages. Returns where the execution ended (or parked).
    pub async fn retry_stage(
        &self,
        execution_id: &str,
        stage: &str,
        mode: RetryMode,
    ) -> Result<FinalStatus, EngineError> {
        let guard = self.take_ownership(execution_id)?;
        let execution = self.db(|s| s.get_execution(execution_id))?;
        let doc = self
            .db(|s| s.get_pipeline(&execution.pipeline_name, Some(execution.pipeline_version)))?
            .document;
        if !doc.pipeline.stages.iter().any(|s| s.name == stage) {
            let names: Vec<&str> = doc
                .pipeline
                .stages
                .iter()
                .map(|s| s.name.as_str())
                .collect();
            return Err(EngineError::new(
                codes::STAGE_UNKNOWN,
                format!(
                    "version {} of `{}` has no stage `{stage}` (its stages: {})",
                    execution.pipeline_version,
                    execution.pipeline_name,
                    names.join(", ")
                ),
            ));
        }
        self.commit(|s| s.prepare_stage_retry(execution_id, stage, mode))?;
        self.owned().insert(execution_id.to_string(), guard);
        self.drive(execution_id).await
    }
}
