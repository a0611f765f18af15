//! Driving an execution: stages in order, each entered through its stage lock; a failed
//! stage retried once when its `onFailure` says RETRY, otherwise it fails the execution.
//! An execution that must wait for a stage lock is parked and `drive` returns.

use super::stage::StageOutcome;
use super::stop::StopWatch;
use super::{codes, Engine, EngineError};
use crate::model::{
    FinalStatus, PipelineExecutionStatus as P, RetryMode, RetryTrigger, StageExecutionStatus,
};
use crate::ownership::{self, OwnershipGuard};
use pipewright_core::model::{PipelineDocument, StageDeclaration};
use pipewright_store::execution::{ExecutionRecord, ExecutionUpdate, Parked, StageEntry};
use std::sync::Arc;

/// One execution being driven by this process.
pub(crate) struct Drive {
    pub engine: Engine,
    pub execution: ExecutionRecord,
    pub doc: Arc<PipelineDocument>,
    pub stop: StopWatch,
}

impl Engine {
    /// Run an execution on from where it is, to its end or until it must wait for a stage
    /// lock (parked). Takes its lock (kept from `start`, or taken now); fails with
    /// `E_OWNED` when another process runs it.
    pub async fn drive(&self, execution_id: &str) -> Result<FinalStatus, EngineError> {
        let guard = self.take_ownership(execution_id)?;
        let result = self.drive_owned(execution_id).await;
        if let Err(e) = &result {
            self.fail_after_error(execution_id, e);
        }
        drop(guard);
        if let Ok(FinalStatus::Ended(_)) | Err(_) = &result {
            // Ended while a kept container still waited (a stop, an engine error): it goes.
            if let Err(e) = self.remove_ended_debug_containers(Some(execution_id)).await {
                tracing::warn!(execution = %execution_id, "removing kept debug containers failed: {e}");
            }
        }
        if let Ok(FinalStatus::Parked { .. } | FinalStatus::AwaitingApproval { .. }) = &result {
            // The lock may have been granted while we still held the execution: whoever
            // granted it could not take it over, so hand it off now.
            if self.db(|s| s.get_execution(execution_id))?.parked == Some(Parked::Ready) {
                self.hand_off(execution_id.to_string());
            }
        }
        result
    }

    pub(crate) fn take_ownership(&self, execution_id: &str) -> Result<OwnershipGuard, EngineError> {
        if let Some(guard) = self.owned().remove(execution_id) {
            return Ok(guard);
        }
        ownership::try_acquire(self.data_dir(), execution_id)?.ok_or_else(|| {
            EngineError::new(
                codes::OWNED,
                format!("execution {execution_id} is being run by another process; `pipewright stop {execution_id}` stops it"),
            )
        })
    }

    async fn drive_owned(&self, execution_id: &str) -> Result<FinalStatus, EngineError> {
        let execution = self.db(|s| s.take_over(execution_id))?;
        if execution.status.is_terminal() {
            return Ok(FinalStatus::Ended(execution.status));
        }
        let doc = self
            .db(|s| s.get_pipeline(&execution.pipeline_name, Some(execution.pipeline_version)))?
            .document;
        let mut drive = Drive {
            engine: self.clone(),
            stop: StopWatch::new(self, execution_id),
            execution,
            doc: Arc::new(doc),
        };
        drive.run().await
    }

    /// An engine error (the database went away, the disk filled up) must not leave the
    /// execution InProgress with nobody driving it: mark it Failed if it still runs.
    fn fail_after_error(&self, execution_id: &str, error: &EngineError) {
        let update = ExecutionUpdate::new(P::Failed).because(
            "engine error",
            format!("the engine could not go on: {error}"),
        );
        let failed = self.db(|s| {
            let execution = s.get_execution(execution_id)?;
            if execution.status.is_running() && execution.parked.is_none() {
                s.update_execution(execution_id, &update).map(Some)
            } else {
                Ok(None)
            }
        });
        match failed {
            Ok(Some(transition)) => self.announce(transition),
            Ok(None) => {}
            Err(e) => {
                tracing::error!(execution = %execution_id, "could not record the failure ({error}): {e}")
            }
        }
    }
}

impl Drive {
    fn id(&self) -> &str {
        &self.execution.id
    }

    async fn run(&mut self) -> Result<FinalStatus, EngineError> {
        let (mut index, mut retry) = self.resume_point()?;
        let stages = self.doc.clone();
        let stages = &stages.pipeline.stages;
        while index < stages.len() {
            if self.stop.poll(None)? {
                self.stop.finish(None)?;
                return Ok(FinalStatus::Ended(P::Stopped));
            }
            let stage = &stages[index];
            let id = self.id().to_string();
            match self.engine.db(|s| s.enter_stage(&id, &stage.name))? {
                StageEntry::Entered => {}
                StageEntry::Waiting { transition } => {
                    self.engine.announce(transition);
                    return Ok(FinalStatus::Parked {
                        stage: stage.name.clone(),
                    });
                }
                StageEntry::Superseded { transition } => {
                    self.engine.announce(transition);
                    return Ok(FinalStatus::Ended(P::Superseded));
                }
            }
            let mut outcome = self.run_stage(index, retry.take()).await?;
            if let StageOutcome::Failed { .. } = &outcome {
                if let Some(mode) = automatic_retry(stage) {
                    tracing::info!(execution = %id, stage = %stage.name, "onFailure RETRY: retrying the stage once");
                    outcome = self
                        .run_stage(index, Some((mode, RetryTrigger::AutomatedStageRetry)))
                        .await?;
                }
            }
            match outcome {
                StageOutcome::Succeeded => {
                    self.engine.commit(|s| s.leave_stage(&id, &stage.name))?;
                    index += 1;
                }
                StageOutcome::Failed { summary } => {
                    let update = ExecutionUpdate::new(P::Failed)
                        .because(format!("stage {} failed", stage.name), summary);
                    self.engine.commit(|s| s.update_execution(&id, &update))?;
                    return Ok(FinalStatus::Ended(P::Failed));
                }
                StageOutcome::Stopped => return Ok(FinalStatus::Ended(P::Stopped)),
                StageOutcome::AwaitingApproval => {
                    return Ok(FinalStatus::AwaitingApproval {
                        stage: stage.name.clone(),
                    })
                }
            }
        }
        // A stop request arriving after the last action finished has nothing left to stop.
        let id = self.id().to_string();
        self.engine
            .commit(|s| s.update_execution(&id, &ExecutionUpdate::new(P::Succeeded)))?;
        Ok(FinalStatus::Ended(P::Succeeded))
    }

    /// Where to go on: the stage recorded as next (a waited-for or retried one), else the
    /// first stage whose latest attempt did not succeed.
    fn resume_point(&self) -> Result<(usize, Option<(RetryMode, RetryTrigger)>), EngineError> {
        let stages = &self.doc.pipeline.stages;
        if let Some(next) = &self.execution.next_stage {
            let index = stages.iter().position(|s| &s.name == next).ok_or_else(|| {
                EngineError::new(
                    codes::STAGE_UNKNOWN,
                    format!(
                        "version {} of `{}` has no stage `{next}`",
                        self.execution.pipeline_version, self.execution.pipeline_name
                    ),
                )
            })?;
            return Ok((index, self.execution.retry));
        }
        let id = self.id().to_string();
        let records = self.engine.db(|s| s.stage_executions(&id))?;
        let index = stages
            .iter()
            .position(|stage| {
                records
                    .iter()
                    .filter(|r| r.stage_name == stage.name)
                    .max_by_key(|r| r.attempt)
                    .is_none_or(|r| r.status != StageExecutionStatus::Succeeded)
            })
            .unwrap_or(stages.len());
        Ok((index, None))
    }
}

/// `onFailure: {result: RETRY}`: retry once, in `retryConfiguration.retryMode` (failed
/// actions when unset).
fn automatic_retry(stage: &StageDeclaration) -> Option<RetryMode> {
    let on_failure = stage.on_failure.as_ref()?;
    if on_failure.result.as_deref() != Some("RETRY") {
        return None;
    }
    let mode = on_failure
        .retry_configuration
        .as_ref()
        .and_then(|c| c.retry_mode.as_deref())
        .and_then(|m| m.parse().ok())
        .unwrap_or(RetryMode::FailedActions);
    Some(mode)
}
