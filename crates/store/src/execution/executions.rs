//! Creating executions and changing their status.

use super::events::At;
use super::rows::{load_execution, load_header, to_json, Header};
use super::status::{PipelineExecutionStatus as P, StageExecutionStatus};
use super::types::{ExecutionRecord, ExecutionUpdate, NewExecution, Transition};
use super::{execution_not_found, invalid_transition, Writer};
use crate::error::{codes, StoreError};
use crate::Store;
use rusqlite::OptionalExtension;

/// The state machine of a pipeline execution.
fn allowed(from: P, to: P) -> bool {
    match from {
        P::InProgress => to != P::InProgress,
        P::Stopping => matches!(to, P::Stopped | P::Failed | P::Succeeded | P::Cancelled),
        // A retry of a failed or stopped stage resumes the execution.
        P::Failed | P::Stopped => to == P::InProgress,
        P::Succeeded | P::Superseded | P::Cancelled => false,
    }
}

impl Writer<'_> {
    pub(crate) fn header(&self, id: &str) -> Result<Header, StoreError> {
        load_header(&self.tx, id)
            .map_err(|e| self.sql(e))?
            .ok_or_else(|| execution_not_found(id))
    }

    /// Change the execution's status and announce it. Ending it clears where it was parked
    /// and frees its stage locks (granting them to the next waiters).
    pub(crate) fn set_execution_status(
        &mut self,
        h: &Header,
        update: &ExecutionUpdate,
    ) -> Result<(), StoreError> {
        let current: P = self
            .tx
            .query_row(
                "SELECT status FROM executions WHERE id = ?1",
                [&h.id],
                |r| r.get(0),
            )
            .map_err(|e| self.sql(e))?;
        if !allowed(current, update.status) {
            return Err(invalid_transition(
                &format!("execution {}", h.id),
                current.as_str(),
                update.status.as_str(),
            ));
        }
        let resumed = update.status == P::InProgress;
        self.execute(
            "UPDATE executions SET status = ?2, status_reason = ?3, status_summary = ?4 WHERE id = ?1",
            rusqlite::params![h.id, update.status, update.reason, update.summary],
        )?;
        if update.status.is_terminal() {
            self.execute(
                "UPDATE executions SET parked = NULL, next_stage = NULL, retry_mode = NULL,
                                       retry_trigger = NULL, wait_reason = NULL WHERE id = ?1",
                [&h.id],
            )?;
            self.end_waiting_stages(&h.id, update.status)?;
            self.release_all_stage_locks(h)?;
        }
        self.announce(h, At::pipeline(), update.status, resumed)
    }
}

impl Store {
    /// Create an execution InProgress of `pipeline_version` and announce STARTED. The caller
    /// holds the execution's lock already (design.md: taken before it is marked InProgress).
    pub fn create_execution(
        &mut self,
        new: &NewExecution,
    ) -> Result<(ExecutionRecord, Transition), StoreError> {
        self.write(|w| {
            let record = w.insert_execution(new)?;
            Ok((record, std::mem::take(&mut w.out)))
        })
    }

    /// Change an execution's status (Stopping, Stopped, Succeeded, Failed, Superseded, or
    /// InProgress again to resume a Failed or Stopped one) and announce it.
    pub fn update_execution(
        &mut self,
        execution_id: &str,
        update: &ExecutionUpdate,
    ) -> Result<Transition, StoreError> {
        self.write(|w| {
            let h = w.header(execution_id)?;
            w.set_execution_status(&h, update)?;
            Ok(std::mem::take(&mut w.out))
        })
    }
}

impl Writer<'_> {
    /// An execution that ends while it waits for a decision: its pending approvals are
    /// cancelled, their actions abandoned and their stage attempts end with it.
    fn end_waiting_stages(&mut self, execution_id: &str, status: P) -> Result<(), StoreError> {
        let why = format!("the execution ended ({status}) while this waited for a decision");
        for (stage, attempt) in self.cancel_pending_approvals(execution_id, &why)? {
            let current: Option<StageExecutionStatus> = self
                .tx
                .query_row(
                    "SELECT status FROM stage_executions
                     WHERE execution_id = ?1 AND stage_name = ?2 AND attempt = ?3",
                    (execution_id, &stage, attempt),
                    |r| r.get(0),
                )
                .optional()
                .map_err(|e| self.sql(e))?;
            if matches!(
                current,
                Some(StageExecutionStatus::InProgress | StageExecutionStatus::Stopping)
            ) {
                let to = if status == P::Stopped {
                    StageExecutionStatus::Stopped
                } else {
                    StageExecutionStatus::Failed
                };
                self.set_stage_status(execution_id, &stage, attempt, to, Some(&why))?;
            }
        }
        Ok(())
    }
}

impl Writer<'_> {
    /// Insert a new execution InProgress with its STARTED event.
    pub(crate) fn insert_execution(
        &mut self,
        new: &NewExecution,
    ) -> Result<ExecutionRecord, StoreError> {
        let found: Option<(i64, String)> = self
            .tx
            .query_row(
                "SELECT p.id, v.execution_mode FROM pipelines p
                 JOIN pipeline_versions v ON v.pipeline_id = p.id
                 WHERE p.name = ?1 AND v.version = ?2",
                (&new.pipeline_name, new.pipeline_version),
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.sql(e))?;
        let Some((pipeline_id, mode)) = found else {
            return Err(StoreError::new(
                codes::NOT_FOUND,
                format!(
                    "pipeline `{}` has no version {}",
                    new.pipeline_name, new.pipeline_version
                ),
            ));
        };
        self.execute(
            "INSERT INTO executions
               (id, pipeline_id, pipeline_version, status, start_time, last_update_time,
                trigger_type, trigger_detail, execution_mode, variables)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7, ?8, ?9)",
            rusqlite::params![
                new.id,
                pipeline_id,
                new.pipeline_version,
                P::InProgress,
                self.now,
                new.trigger.trigger_type,
                new.trigger.trigger_detail,
                mode,
                to_json(&new.variables),
            ],
        )?;
        let h = self.header(&new.id)?;
        self.announce(&h, At::pipeline(), P::InProgress, false)?;
        let record = load_execution(&self.tx, &new.id)
            .map_err(|e| self.sql(e))?
            .ok_or_else(|| execution_not_found(&new.id))?;
        Ok(record)
    }
}
