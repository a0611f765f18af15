//! Waiting for an execution to end wherever it runs: `run --wait` and `retry --wait` when
//! `drive` parked it (another process moves it on once the stage lock is free).

use super::{Engine, EngineError};
use crate::model::PipelineExecutionStatus;
use std::time::Duration;

impl Engine {
    /// Poll the store every `interval` until the execution has ended; returns its status.
    pub async fn wait_until_ended(
        &self,
        execution_id: &str,
        interval: Duration,
    ) -> Result<PipelineExecutionStatus, EngineError> {
        loop {
            let status = self.db(|s| s.get_execution(execution_id))?.status;
            if status.is_terminal() {
                return Ok(status);
            }
            // A waiting approval's deadline may pass while we wait: time it out (its stage
            // fails and this engine's handoff drives the execution on).
            self.expire_due_approvals()?;
            tokio::time::sleep(interval).await;
        }
    }
}
