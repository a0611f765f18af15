//! Executions whose owner died: found by the engine at start-up (their lock file is free),
//! then marked Failed ("interrupted") here in one transaction.

use super::rows::{execution_from_row, EXECUTION_SELECT};
use super::status::{ActionExecutionStatus, PipelineExecutionStatus, StageExecutionStatus};
use super::types::{ActionFinish, ExecutionRecord, ExecutionUpdate, Transition};
use crate::error::StoreError;
use crate::Store;

/// The reason recorded on an interrupted execution and its stage.
pub const INTERRUPTED: &str = "interrupted";

impl Store {
    /// Executions InProgress or Stopping that are not parked: an owner process should be
    /// running their actions (or be between two of them). Those whose lock is free were
    /// interrupted. Oldest first.
    pub fn running_executions(&self) -> Result<Vec<ExecutionRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "{EXECUTION_SELECT} WHERE e.status IN ('InProgress', 'Stopping') AND e.parked IS NULL
                 ORDER BY e.rowid"
            ))
            .map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map([], execution_from_row)
            .map_err(|e| self.sql_err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql_err(e))
    }

    /// Mark an execution whose owner died as Failed ("interrupted"): its running actions
    /// Abandoned, its running stages Failed, its stage locks freed (and granted to the next
    /// waiters); all in one transaction, every change announced.
    pub fn mark_interrupted(
        &mut self,
        execution_id: &str,
        summary: &str,
    ) -> Result<Transition, StoreError> {
        self.write(|w| {
            let h = w.header(execution_id)?;
            if !h.status.is_running() {
                return Ok(Transition::default());
            }
            let actions: Vec<String> = {
                let mut stmt =
                    w.tx.prepare(
                        "SELECT id FROM action_executions WHERE execution_id = ?1 AND status = ?2
                         ORDER BY rowid",
                    )
                    .map_err(|e| w.sql(e))?;
                let rows = stmt
                    .query_map(
                        rusqlite::params![execution_id, ActionExecutionStatus::InProgress],
                        |r| r.get(0),
                    )
                    .map_err(|e| w.sql(e))?;
                rows.collect::<Result<_, _>>().map_err(|e| w.sql(e))?
            };
            for id in actions {
                let mut finish = ActionFinish::failed(summary, None);
                finish.status = ActionExecutionStatus::Abandoned;
                w.finish_action(&id, &finish)?;
            }
            let stages: Vec<(String, i64)> = {
                let mut stmt =
                    w.tx.prepare(
                        "SELECT stage_name, attempt FROM stage_executions
                         WHERE execution_id = ?1 AND status IN ('InProgress', 'Stopping')
                         ORDER BY stage_index, attempt",
                    )
                    .map_err(|e| w.sql(e))?;
                let rows = stmt
                    .query_map([execution_id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .map_err(|e| w.sql(e))?;
                rows.collect::<Result<_, _>>().map_err(|e| w.sql(e))?
            };
            for (stage, attempt) in stages {
                w.set_stage_status(
                    execution_id,
                    &stage,
                    attempt,
                    StageExecutionStatus::Failed,
                    Some(INTERRUPTED),
                )?;
            }
            let update =
                ExecutionUpdate::new(PipelineExecutionStatus::Failed).because(INTERRUPTED, summary);
            w.set_execution_status(&h, &update)?;
            Ok(std::mem::take(&mut w.out))
        })
    }
}
