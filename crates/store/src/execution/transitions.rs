//! Disabled stage transitions (CodePipeline's DisableStageTransition, inbound): an execution
//! about to enter a stage whose transition is disabled is parked WAITING with wait_reason
//! `TRANSITION` (owned by no process); enabling the transition makes every execution waiting
//! there READY (in `granted`), and whoever enabled it drives them on. An execution that has
//! already entered the stage (a retry, a resumed approval) is not held back.

use super::types::Transition;
use super::Writer;
use crate::error::{codes, StoreError};
use crate::Store;
use rusqlite::OptionalExtension;
use serde::Serialize;

/// A disabled transition into a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DisabledTransition {
    pub stage_name: String,
    pub reason: String,
    pub disabled_by: Option<String>,
    /// RFC 3339 UTC
    pub disabled_time: String,
}

impl Writer<'_> {
    /// Whether the execution must wait before entering `stage` (its transition is disabled and
    /// the execution never entered it).
    pub(crate) fn held_at_transition(
        &self,
        pipeline_id: i64,
        execution_id: &str,
        stage: &str,
    ) -> Result<bool, StoreError> {
        self.tx
            .query_row(
                "SELECT 1 FROM disabled_transitions d
                 WHERE d.pipeline_id = ?1 AND d.stage_name = ?2
                   AND NOT EXISTS (SELECT 1 FROM stage_executions s
                                   WHERE s.execution_id = ?3 AND s.stage_name = ?2)",
                (pipeline_id, stage, execution_id),
                |_| Ok(true),
            )
            .optional()
            .map(|found| found.unwrap_or(false))
            .map_err(|e| self.sql(e))
    }
}

impl Store {
    fn pipeline_and_stage(&self, pipeline: &str, stage: &str) -> Result<i64, StoreError> {
        let stored = self.get_pipeline(pipeline, None)?;
        let stages: Vec<&str> = stored
            .document
            .pipeline
            .stages
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        match stages.iter().position(|s| *s == stage) {
            None => Err(StoreError::new(
                codes::NOT_FOUND,
                format!(
                    "`{pipeline}` has no stage `{stage}`; its stages are {}",
                    stages.join(", ")
                ),
            )),
            Some(0) => Err(StoreError::new(
                codes::INVALID_TRANSITION,
                format!(
                    "`{stage}` is the first stage of `{pipeline}`: nothing transitions into it"
                ),
            )),
            Some(_) => self
                .conn
                .query_row(
                    "SELECT id FROM pipelines WHERE name = ?1",
                    [pipeline],
                    |r| r.get(0),
                )
                .map_err(|e| self.sql_err(e)),
        }
    }

    /// Disable the transition into `stage` of `pipeline` (its latest version's stages), with a
    /// reason. Disabling it again replaces the reason.
    pub fn disable_transition(
        &mut self,
        pipeline: &str,
        stage: &str,
        reason: &str,
        by: &str,
    ) -> Result<(), StoreError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::new(
                codes::INVALID_INPUT,
                "say why the transition is disabled (a reason is required, as in CodePipeline)",
            ));
        }
        let pipeline_id = self.pipeline_and_stage(pipeline, stage)?;
        self.write(|w| {
            w.execute(
                "INSERT INTO disabled_transitions (pipeline_id, stage_name, reason, disabled_by, disabled_time)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (pipeline_id, stage_name)
                 DO UPDATE SET reason = excluded.reason, disabled_by = excluded.disabled_by,
                               disabled_time = excluded.disabled_time",
                rusqlite::params![pipeline_id, stage, reason, by, w.now],
            )?;
            Ok(())
        })
    }

    /// Enable the transition into `stage`: every execution waiting there becomes READY (in
    /// `granted`). Enabling an enabled transition does nothing.
    pub fn enable_transition(
        &mut self,
        pipeline: &str,
        stage: &str,
    ) -> Result<Transition, StoreError> {
        let pipeline_id = self.pipeline_and_stage(pipeline, stage)?;
        self.write(|w| {
            w.execute(
                "DELETE FROM disabled_transitions WHERE pipeline_id = ?1 AND stage_name = ?2",
                (pipeline_id, stage),
            )?;
            let waiting: Vec<String> = {
                let mut stmt = w
                    .tx
                    .prepare(
                        "SELECT id FROM executions
                         WHERE pipeline_id = ?1 AND parked = 'WAITING' AND wait_reason = 'TRANSITION'
                           AND next_stage = ?2 AND status IN ('InProgress', 'Stopping')
                         ORDER BY rowid",
                    )
                    .map_err(|e| w.sql(e))?;
                let rows = stmt
                    .query_map((pipeline_id, stage), |r| r.get(0))
                    .map_err(|e| w.sql(e))?;
                rows.collect::<Result<_, _>>().map_err(|e| w.sql(e))?
            };
            for id in waiting {
                w.execute(
                    "UPDATE executions SET parked = 'READY', wait_reason = NULL WHERE id = ?1",
                    [&id],
                )?;
                w.out.granted.push(id);
            }
            Ok(std::mem::take(&mut w.out))
        })
    }

    /// The disabled transitions of a pipeline, by stage name.
    pub fn disabled_transitions(
        &self,
        pipeline: &str,
    ) -> Result<Vec<DisabledTransition>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT d.stage_name, d.reason, d.disabled_by, d.disabled_time
                 FROM disabled_transitions d JOIN pipelines p ON p.id = d.pipeline_id
                 WHERE p.name = ?1 ORDER BY d.stage_name",
            )
            .map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map([pipeline], |r| {
                Ok(DisabledTransition {
                    stage_name: r.get(0)?,
                    reason: r.get(1)?,
                    disabled_by: r.get(2)?,
                    disabled_time: r.get(3)?,
                })
            })
            .map_err(|e| self.sql_err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql_err(e))
    }
}
