//! Stopping: any process writes a stop request row; the owner polls for it (every
//! `stop_poll_interval` while actions run, and before each group and stage), marks the
//! execution and its running stage Stopping, lets in-progress actions finish or, with
//! abandon, cancels them; then everything running ends Stopped.

use super::{Engine, EngineError};
use crate::model::{PipelineExecutionStatus as P, StageExecutionStatus as S};
use crate::ownership;
use pipewright_store::execution::ExecutionUpdate;
use tokio::sync::watch;

/// The reason recorded on a stopped execution.
pub const STOPPED: &str = "stopped";

/// The owner's view of the stop requests of the execution it drives.
pub(crate) struct StopWatch {
    engine: Engine,
    execution_id: String,
    requested: bool,
    abandon: watch::Sender<bool>,
    reason: Option<String>,
}

impl StopWatch {
    pub fn new(engine: &Engine, execution_id: &str) -> Self {
        Self {
            engine: engine.clone(),
            execution_id: execution_id.to_string(),
            requested: false,
            abandon: watch::channel(false).0,
            reason: None,
        }
    }

    /// Becomes true when the running actions are to be abandoned.
    pub fn abandon_signal(&self) -> watch::Receiver<bool> {
        self.abandon.subscribe()
    }

    /// Pick up new stop requests. The first marks the execution Stopping, and the stage
    /// attempt running now (if any) too. Returns whether a stop was requested.
    pub fn poll(&mut self, running_stage: Option<(&str, i64)>) -> Result<bool, EngineError> {
        let id = self.execution_id.as_str();
        if !self.engine.db(|s| s.has_pending_stop(id))? {
            return Ok(self.requested);
        }
        let requests = self.engine.db(|s| s.take_stop_requests(id))?;
        if requests.is_empty() {
            return Ok(self.requested);
        }
        if let Some(reason) = requests.iter().rev().find_map(|r| r.reason.clone()) {
            self.reason = Some(reason);
        }
        if !self.requested {
            self.requested = true;
            let status = self.engine.db(|s| s.get_execution(id))?.status;
            if status == P::InProgress {
                self.engine
                    .commit(|s| s.update_execution(id, &ExecutionUpdate::new(P::Stopping)))?;
            }
            if let Some((stage, attempt)) = running_stage {
                self.engine
                    .commit(|s| s.update_stage(id, stage, attempt, S::Stopping, Some(STOPPED)))?;
            }
        }
        if requests.iter().any(|r| r.abandon) && !*self.abandon.borrow() {
            tracing::info!(execution = %id, "stop with abandon: cancelling running actions");
            self.abandon.send_replace(true);
        }
        Ok(true)
    }

    /// End a stopped execution: its running stage attempt Stopped, then itself.
    pub fn finish(&self, stage: Option<(&str, i64)>) -> Result<(), EngineError> {
        let id = self.execution_id.as_str();
        if let Some((stage, attempt)) = stage {
            self.engine
                .commit(|s| s.update_stage(id, stage, attempt, S::Stopped, Some(STOPPED)))?;
        }
        stop_execution(&self.engine, id, self.reason.as_deref())
    }
}

/// Stopping, then Stopped (each announced).
fn stop_execution(engine: &Engine, id: &str, reason: Option<&str>) -> Result<(), EngineError> {
    if engine.db(|s| s.get_execution(id))?.status == P::InProgress {
        engine.commit(|s| s.update_execution(id, &ExecutionUpdate::new(P::Stopping)))?;
    }
    let summary = match reason {
        Some(r) if !r.is_empty() => format!("stopped: {r}"),
        _ => "stopped on request".to_string(),
    };
    engine.commit(|s| {
        s.update_execution(
            id,
            &ExecutionUpdate::new(P::Stopped).because(STOPPED, summary),
        )
    })
}

impl Engine {
    /// Ask for an execution to stop: let in-progress actions finish, or with `abandon`
    /// cancel them. Works from any process: the owner picks the request up. An execution
    /// nobody owns because it is parked (waiting for a stage lock) is stopped right here.
    pub async fn request_stop(
        &self,
        execution_id: &str,
        abandon: bool,
        reason: Option<&str>,
    ) -> Result<(), EngineError> {
        ownership::check_id(execution_id)?;
        self.db(|s| s.request_stop(execution_id, abandon, reason))?;
        let Some(_guard) = ownership::try_acquire(self.data_dir(), execution_id)? else {
            return Ok(()); // its owner polls
        };
        let execution = self.db(|s| s.get_execution(execution_id))?;
        if execution.parked.is_some() && execution.status.is_running() {
            let requests = self.db(|s| s.take_stop_requests(execution_id))?;
            let reason = requests.iter().rev().find_map(|r| r.reason.clone());
            stop_execution(self, execution_id, reason.as_deref())?;
            // Stopping ends debugging: kept containers go with it.
            self.remove_ended_debug_containers(Some(execution_id))
                .await?;
        }
        // Running but unowned and not parked: its owner died; recovery marks it interrupted.
        Ok(())
    }
}
