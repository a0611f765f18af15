//! Stage attempts: starting one (a first run or a retry) and changing its status.

use super::events::At;
use super::rows::{stage_from_row, STAGE_SELECT};
use super::status::{PipelineExecutionStatus, RetryMode, RetryTrigger, StageExecutionStatus as S};
use super::types::{ExecutionUpdate, StageExecutionRecord, Transition};
use super::{invalid_transition, Writer};
use crate::error::{codes, StoreError};
use crate::Store;
use rusqlite::OptionalExtension;

fn allowed(from: S, to: S) -> bool {
    match from {
        S::InProgress => to != S::InProgress,
        S::Stopping => matches!(to, S::Stopped | S::Failed | S::Succeeded),
        _ => false,
    }
}

impl Writer<'_> {
    pub(crate) fn set_stage_status(
        &mut self,
        execution_id: &str,
        stage_name: &str,
        attempt: i64,
        status: S,
        reason: Option<&str>,
    ) -> Result<(), StoreError> {
        let h = self.header(execution_id)?;
        let current: Option<S> = self
            .tx
            .query_row(
                "SELECT status FROM stage_executions
                 WHERE execution_id = ?1 AND stage_name = ?2 AND attempt = ?3",
                (execution_id, stage_name, attempt),
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sql(e))?;
        let Some(current) = current else {
            return Err(StoreError::new(
                codes::NOT_FOUND,
                format!(
                    "execution {execution_id} has no attempt {attempt} of stage `{stage_name}`"
                ),
            ));
        };
        if !allowed(current, status) {
            return Err(invalid_transition(
                &format!("stage `{stage_name}` (attempt {attempt})"),
                current.as_str(),
                status.as_str(),
            ));
        }
        self.execute(
            "UPDATE stage_executions SET status = ?4, status_reason = COALESCE(?5, status_reason),
                    last_update_time = ?6
             WHERE execution_id = ?1 AND stage_name = ?2 AND attempt = ?3",
            rusqlite::params![execution_id, stage_name, attempt, status, reason, self.now],
        )?;
        self.announce(&h, At::stage(stage_name), status, false)
    }
}

impl Store {
    /// Start the next attempt of a stage (1 for its first run) and announce it: STARTED, or
    /// RESUMED for a retry. Clears the execution's pending `next_stage` and retry.
    pub fn start_stage(
        &mut self,
        execution_id: &str,
        stage_name: &str,
        stage_index: i64,
        retry: Option<(RetryMode, RetryTrigger)>,
    ) -> Result<(StageExecutionRecord, Transition), StoreError> {
        self.write(|w| {
            let h = w.header(execution_id)?;
            if !h.status.is_running() {
                return Err(invalid_transition(
                    &format!("execution {execution_id}"),
                    h.status.as_str(),
                    "a new stage",
                ));
            }
            let attempt: i64 = w
                .tx
                .query_row(
                    "SELECT COALESCE(MAX(attempt), 0) + 1 FROM stage_executions
                     WHERE execution_id = ?1 AND stage_name = ?2",
                    (execution_id, stage_name),
                    |r| r.get(0),
                )
                .map_err(|e| w.sql(e))?;
            w.execute(
                "INSERT INTO stage_executions
                   (execution_id, stage_name, stage_index, attempt, status, start_time,
                    last_update_time, retry_mode, retry_trigger)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?8)",
                rusqlite::params![
                    execution_id,
                    stage_name,
                    stage_index,
                    attempt,
                    S::InProgress,
                    w.now,
                    retry.map(|r| r.0),
                    retry.map(|r| r.1),
                ],
            )?;
            w.execute(
                "UPDATE executions SET next_stage = NULL, retry_mode = NULL, retry_trigger = NULL
                 WHERE id = ?1",
                [execution_id],
            )?;
            w.announce(&h, At::stage(stage_name), S::InProgress, attempt > 1)?;
            let record = w
                .tx
                .query_row(
                    &format!("{STAGE_SELECT} WHERE execution_id = ?1 AND stage_name = ?2 AND attempt = ?3"),
                    (execution_id, stage_name, attempt),
                    stage_from_row,
                )
                .map_err(|e| w.sql(e))?;
            Ok((record, std::mem::take(&mut w.out)))
        })
    }

    /// Change the status of a stage attempt and announce it.
    pub fn update_stage(
        &mut self,
        execution_id: &str,
        stage_name: &str,
        attempt: i64,
        status: S,
        reason: Option<&str>,
    ) -> Result<Transition, StoreError> {
        self.write(|w| {
            w.set_stage_status(execution_id, stage_name, attempt, status, reason)?;
            Ok(std::mem::take(&mut w.out))
        })
    }

    /// Resume a Failed or Stopped execution to retry `stage_name` (whose latest attempt
    /// must have Failed or been Stopped): InProgress again (RESUMED), with the stage and
    /// the retry mode recorded for whoever drives it next.
    pub fn prepare_stage_retry(
        &mut self,
        execution_id: &str,
        stage_name: &str,
        mode: RetryMode,
    ) -> Result<Transition, StoreError> {
        self.write(|w| {
            let h = w.header(execution_id)?;
            let latest: Option<S> = w
                .tx
                .query_row(
                    "SELECT status FROM stage_executions WHERE execution_id = ?1 AND stage_name = ?2
                     ORDER BY attempt DESC LIMIT 1",
                    (execution_id, stage_name),
                    |r| r.get(0),
                )
                .optional()
                .map_err(|e| w.sql(e))?;
            if !matches!(h.status, PipelineExecutionStatus::Failed | PipelineExecutionStatus::Stopped) {
                return Err(StoreError::new(
                    codes::INVALID_TRANSITION,
                    format!(
                        "execution {execution_id} is {}; only a Failed or Stopped execution can retry a stage",
                        h.status
                    ),
                ));
            }
            if !matches!(latest, Some(S::Failed | S::Stopped)) {
                let what = latest.map_or("never ran".to_string(), |s| format!("is {s}"));
                return Err(StoreError::new(
                    codes::INVALID_TRANSITION,
                    format!(
                        "stage `{stage_name}` of execution {execution_id} {what}; only a Failed or Stopped stage can be retried"
                    ),
                ));
            }
            w.set_execution_status(&h, &ExecutionUpdate::new(PipelineExecutionStatus::InProgress))?;
            w.execute(
                "UPDATE executions SET next_stage = ?2, retry_mode = ?3, retry_trigger = ?4
                 WHERE id = ?1",
                rusqlite::params![execution_id, stage_name, mode, RetryTrigger::ManualStageRetry],
            )?;
            Ok(std::mem::take(&mut w.out))
        })
    }
}
