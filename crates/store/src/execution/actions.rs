//! Action executions: start, finish (with the artifacts produced and the output variables),
//! and the details a provider reports while it runs (container, external link).

use super::events::At;
use super::rows::{insert_artifacts, to_json};
use super::status::ActionExecutionStatus as A;
use super::types::{ActionFinish, ActionType, NewActionExecution, SourceRevision, Transition};
use super::{invalid_transition, Writer};
use crate::error::{codes, StoreError};
use crate::Store;
use rusqlite::OptionalExtension;

impl Writer<'_> {
    /// Finish an InProgress action execution (Succeeded, Failed or Abandoned) and announce it.
    pub(crate) fn finish_action(
        &mut self,
        action_execution_id: &str,
        finish: &ActionFinish,
    ) -> Result<(), StoreError> {
        let row: Option<(String, String, String, A, ActionType)> = self
            .tx
            .query_row(
                "SELECT execution_id, stage_name, action_name, status, category, owner, provider,
                        provider_version
                 FROM action_executions WHERE id = ?1",
                [action_execution_id],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        ActionType {
                            category: r.get(4)?,
                            owner: r.get(5)?,
                            provider: r.get(6)?,
                            version: r.get(7)?,
                        },
                    ))
                },
            )
            .optional()
            .map_err(|e| self.sql(e))?;
        let Some((execution_id, stage, action, current, action_type)) = row else {
            return Err(StoreError::new(
                codes::NOT_FOUND,
                format!("there is no action execution `{action_execution_id}`"),
            ));
        };
        if current != A::InProgress || finish.status == A::InProgress {
            return Err(invalid_transition(
                &format!("action `{stage}/{action}`"),
                current.as_str(),
                finish.status.as_str(),
            ));
        }
        let h = self.header(&execution_id)?;
        self.execute(
            "UPDATE action_executions
             SET status = ?2, last_update_time = ?3, exit_code = ?4, error_summary = ?5,
                 output_variables = ?6
             WHERE id = ?1",
            rusqlite::params![
                action_execution_id,
                finish.status,
                self.now,
                finish.exit_code,
                finish.error_summary,
                to_json(&finish.output_variables),
            ],
        )?;
        insert_artifacts(&self.tx, action_execution_id, "output", &finish.outputs)
            .map_err(|e| self.sql(e))?;
        if let Some(revision) = &finish.source_revision {
            self.record_source_revision(&execution_id, revision)?;
        }
        self.announce(
            &h,
            At::action(&stage, &action, &action_type),
            finish.status,
            false,
        )
    }

    /// Add (or replace, for a rerun source action) a source revision of the execution.
    fn record_source_revision(
        &mut self,
        execution_id: &str,
        revision: &SourceRevision,
    ) -> Result<(), StoreError> {
        let json: String = self
            .tx
            .query_row(
                "SELECT source_revisions FROM executions WHERE id = ?1",
                [execution_id],
                |r| r.get(0),
            )
            .map_err(|e| self.sql(e))?;
        let mut revisions: Vec<SourceRevision> = serde_json::from_str(&json).unwrap_or_default();
        revisions.retain(|r| r.action_name != revision.action_name);
        revisions.push(revision.clone());
        self.execute(
            "UPDATE executions SET source_revisions = ?2 WHERE id = ?1",
            (execution_id, to_json(&revisions)),
        )?;
        Ok(())
    }
}

impl Store {
    /// Record an action execution InProgress with the artifacts it consumes, and announce
    /// STARTED. Its execution must be running and the stage attempt must exist.
    pub fn start_action(&mut self, new: &NewActionExecution) -> Result<Transition, StoreError> {
        self.write(|w| {
            let h = w.header(&new.execution_id)?;
            if !h.status.is_running() {
                return Err(invalid_transition(
                    &format!("execution {}", new.execution_id),
                    h.status.as_str(),
                    "a new action",
                ));
            }
            let t = &new.action_type;
            w.execute(
                "INSERT INTO action_executions
                   (id, execution_id, stage_name, action_name, attempt, category, owner, provider,
                    provider_version, status, start_time, last_update_time, log_path)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12)",
                rusqlite::params![
                    new.id,
                    new.execution_id,
                    new.stage_name,
                    new.action_name,
                    new.attempt,
                    t.category,
                    t.owner,
                    t.provider,
                    t.version,
                    A::InProgress,
                    w.now,
                    new.log_path,
                ],
            )?;
            insert_artifacts(&w.tx, &new.id, "input", &new.inputs).map_err(|e| w.sql(e))?;
            w.announce(
                &h,
                At::action(&new.stage_name, &new.action_name, t),
                A::InProgress,
                false,
            )?;
            Ok(std::mem::take(&mut w.out))
        })
    }

    /// Finish an action execution and announce it.
    pub fn finish_action(
        &mut self,
        action_execution_id: &str,
        finish: &ActionFinish,
    ) -> Result<Transition, StoreError> {
        self.write(|w| {
            w.finish_action(action_execution_id, finish)?;
            Ok(std::mem::take(&mut w.out))
        })
    }

    /// The container an action runs in, and its image (reported by the provider).
    pub fn set_action_container(
        &mut self,
        action_execution_id: &str,
        container_id: Option<&str>,
        image: Option<&str>,
    ) -> Result<(), StoreError> {
        self.write(|w| {
            w.execute(
                "UPDATE action_executions
                 SET container_id = COALESCE(?2, container_id), image = COALESCE(?3, image)
                 WHERE id = ?1",
                (action_execution_id, container_id, image),
            )?;
            Ok(())
        })
    }

    /// A link and summary of what the action ran elsewhere (`externalExecutionUrl`).
    pub fn set_action_external(
        &mut self,
        action_execution_id: &str,
        url: Option<&str>,
        summary: Option<&str>,
    ) -> Result<(), StoreError> {
        self.write(|w| {
            w.execute(
                "UPDATE action_executions
                 SET external_execution_url = COALESCE(?2, external_execution_url),
                     external_execution_summary = COALESCE(?3, external_execution_summary)
                 WHERE id = ?1",
                (action_execution_id, url, summary),
            )?;
            Ok(())
        })
    }
}
