//! Reading executions back: records for the engine, and the API-shaped listings for the CLI
//! and the app.

use super::execution_not_found;
use super::rows::{
    action_from_row, load_artifacts, load_execution, stage_from_row, ACTION_SELECT, STAGE_SELECT,
};
use super::shapes::{
    ActionExecutionState, ActionState, ArtifactRevision, ErrorDetails, PipelineExecution,
    PipelineExecutionDetail, PipelineExecutionSummaries, StageExecutionState, StageState,
    StopTrigger,
};
use super::status::{ActionExecutionStatus, PipelineExecutionStatus};
use super::types::{ActionExecutionRecord, ExecutionRecord, StageExecutionRecord};
use crate::error::StoreError;
use crate::Store;
use rusqlite::OptionalExtension;

impl Store {
    /// One execution.
    pub fn get_execution(&self, execution_id: &str) -> Result<ExecutionRecord, StoreError> {
        load_execution(&self.conn, execution_id)
            .map_err(|e| self.sql_err(e))?
            .ok_or_else(|| execution_not_found(execution_id))
    }

    /// Every stage attempt of an execution, by stage order then attempt.
    pub fn stage_executions(
        &self,
        execution_id: &str,
    ) -> Result<Vec<StageExecutionRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "{STAGE_SELECT} WHERE execution_id = ?1 ORDER BY stage_index, attempt"
            ))
            .map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map([execution_id], stage_from_row)
            .map_err(|e| self.sql_err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql_err(e))
    }

    /// Every action execution of an execution with its artifacts, in the order they started.
    pub fn action_executions(
        &self,
        execution_id: &str,
    ) -> Result<Vec<ActionExecutionRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "{ACTION_SELECT} WHERE execution_id = ?1 ORDER BY start_time, rowid"
            ))
            .map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map([execution_id], action_from_row)
            .map_err(|e| self.sql_err(e))?;
        let mut actions: Vec<ActionExecutionRecord> = rows
            .collect::<Result<_, _>>()
            .map_err(|e| self.sql_err(e))?;
        load_artifacts(&self.conn, &mut actions).map_err(|e| self.sql_err(e))?;
        Ok(actions)
    }

    /// Executions of a pipeline, newest first, at most `limit` (the first page of
    /// [`Store::list_execution_page`]).
    pub fn list_executions(
        &self,
        pipeline_name: &str,
        limit: Option<usize>,
    ) -> Result<PipelineExecutionSummaries, StoreError> {
        let filter = super::history::ExecutionFilter {
            pipeline_name: Some(pipeline_name.to_string()),
            ..Default::default()
        };
        self.list_execution_page(&filter, limit, None)
    }

    /// One execution with the state of every stage and action of the version it runs
    /// (`execution ID --json`). Stages and actions that never ran have no `latestExecution`.
    pub fn execution_detail(
        &self,
        execution_id: &str,
    ) -> Result<PipelineExecutionDetail, StoreError> {
        let record = self.get_execution(execution_id)?;
        let document = self
            .get_pipeline(&record.pipeline_name, Some(record.pipeline_version))?
            .document;
        let stages = self.stage_executions(execution_id)?;
        let actions = self.action_executions(execution_id)?;
        let stop_trigger = self.stop_trigger(&record)?;

        let stage_states = document
            .pipeline
            .stages
            .iter()
            .map(|stage| {
                let latest_stage = stages
                    .iter()
                    .filter(|s| s.stage_name == stage.name)
                    .max_by_key(|s| s.attempt);
                let action_states = stage
                    .actions
                    .iter()
                    .map(|action| ActionState {
                        action_name: action.name.clone(),
                        latest_execution: actions
                            .iter()
                            .rev()
                            .filter(|a| a.stage_name == stage.name && a.action_name == action.name)
                            .max_by_key(|a| a.attempt)
                            .map(action_state),
                    })
                    .collect();
                StageState {
                    stage_name: stage.name.clone(),
                    latest_execution: latest_stage.map(|s| StageExecutionState {
                        pipeline_execution_id: execution_id.to_string(),
                        status: s.status,
                        attempt: s.attempt,
                        start_time: s.start_time.clone(),
                        last_status_change: s.last_update_time.clone(),
                        status_reason: s.status_reason.clone(),
                        retry_mode: s.retry.map(|r| r.0),
                        retry_trigger: s.retry.map(|r| r.1),
                    }),
                    action_states,
                }
            })
            .collect();

        let artifact_revisions = actions
            .iter()
            .filter(|a| {
                a.action_type.category == "Source" && a.status == ActionExecutionStatus::Succeeded
            })
            .flat_map(|a| {
                a.outputs.iter().map(|o| ArtifactRevision {
                    name: o.name.clone(),
                    revision_id: o.digest.clone(),
                    revision_summary: record
                        .source_revisions
                        .iter()
                        .find(|r| r.action_name == a.action_name)
                        .and_then(|r| r.revision_summary.clone()),
                    created: a.last_update_time.clone(),
                })
            })
            .collect();

        Ok(PipelineExecutionDetail {
            pipeline_execution: PipelineExecution {
                pipeline_name: record.pipeline_name,
                pipeline_version: record.pipeline_version,
                pipeline_execution_id: record.id,
                status: record.status,
                status_summary: record.status_summary,
                status_reason: record.status_reason,
                artifact_revisions,
                variables: record.variables,
                trigger: record.trigger,
                execution_mode: record.execution_mode,
                start_time: record.start_time,
                last_update_time: record.last_update_time,
                source_revisions: record.source_revisions,
                stop_trigger,
            },
            stage_states,
        })
    }

    /// The latest stop request of a Stopping or Stopped execution.
    pub(crate) fn stop_trigger(
        &self,
        r: &ExecutionRecord,
    ) -> Result<Option<StopTrigger>, StoreError> {
        if !matches!(
            r.status,
            PipelineExecutionStatus::Stopping | PipelineExecutionStatus::Stopped
        ) {
            return Ok(None);
        }
        let reason: Option<Option<String>> = self
            .conn
            .query_row(
                "SELECT reason FROM stop_requests WHERE execution_id = ?1 ORDER BY id DESC LIMIT 1",
                [&r.id],
                |row| row.get(0),
            )
            .optional()
            .map_err(|e| self.sql_err(e))?;
        Ok(reason.map(|reason| StopTrigger {
            reason: reason.unwrap_or_default(),
        }))
    }
}

fn action_state(a: &ActionExecutionRecord) -> ActionExecutionState {
    let error_details = match a.status {
        ActionExecutionStatus::Failed | ActionExecutionStatus::Abandoned => Some(ErrorDetails {
            code: if a.status == ActionExecutionStatus::Failed {
                "JobFailed".to_string()
            } else {
                "Abandoned".to_string()
            },
            message: a.error_summary.clone().unwrap_or_default(),
        }),
        _ => None,
    };
    ActionExecutionState {
        action_execution_id: a.id.clone(),
        status: a.status,
        summary: a.external_execution_summary.clone(),
        last_status_change: a.last_update_time.clone(),
        external_execution_url: a.external_execution_url.clone(),
        error_details,
        start_time: a.start_time.clone(),
        attempt: a.attempt,
        exit_code: a.exit_code,
        image: a.image.clone(),
        container_id: a.container_id.clone(),
        debug_container_id: a.debug_container_id.clone(),
        log_path: a.log_path.clone(),
        output_variables: a.output_variables.clone(),
        input_artifacts: a.inputs.clone(),
        output_artifacts: a.outputs.clone(),
    }
}
