//! JSON shapes named like the CodePipeline API, shared by `pipewright executions --json`,
//! `pipewright execution ID --json` and the app: `ListPipelineExecutions`'
//! `pipelineExecutionSummaries`, and `GetPipelineExecution`'s `pipelineExecution` with
//! `GetPipelineState`'s `stageStates`. Local additions (attempt, exit code, log path, …) sit
//! beside the API's fields and never replace them. Timestamps are RFC 3339 UTC.

use super::status::{
    ActionExecutionStatus, PipelineExecutionStatus, RetryMode, RetryTrigger, StageExecutionStatus,
};
use super::types::{ArtifactRecord, ResolvedVariable, SourceRevision, Trigger};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `executions [NAME] --json`: one page, and the token of the next one when more follow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PipelineExecutionSummaries {
    pub pipeline_execution_summaries: Vec<PipelineExecutionSummary>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// Why and how an execution was stopped (`StopExecutionTrigger`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StopTrigger {
    pub reason: String,
}

/// One execution in a listing, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PipelineExecutionSummary {
    /// Local: set when listing every pipeline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_name: Option<String>,
    pub pipeline_execution_id: String,
    pub status: PipelineExecutionStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_summary: Option<String>,
    pub start_time: String,
    pub last_update_time: String,
    pub source_revisions: Vec<SourceRevision>,
    pub trigger: Trigger,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_trigger: Option<StopTrigger>,
    pub execution_mode: String,
    /// Local: the pipeline version it runs.
    pub pipeline_version: i64,
    /// Local: the source's BranchName (Git sources).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch_name: Option<String>,
    /// Local: the pipeline variables as resolved at start.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variables: Vec<ResolvedVariable>,
}

/// `execution ID --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PipelineExecutionDetail {
    pub pipeline_execution: PipelineExecution,
    pub stage_states: Vec<StageState>,
}

/// An artifact revision of a source action (`ArtifactRevision`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArtifactRevision {
    pub name: String,
    pub revision_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision_summary: Option<String>,
    pub created: String,
}

/// `GetPipelineExecution`'s `pipelineExecution`, with start and update times.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PipelineExecution {
    pub pipeline_name: String,
    pub pipeline_version: i64,
    pub pipeline_execution_id: String,
    pub status: PipelineExecutionStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_summary: Option<String>,
    /// Local: a short, stable reason (`interrupted`, `stopped`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_reason: Option<String>,
    pub artifact_revisions: Vec<ArtifactRevision>,
    pub variables: Vec<ResolvedVariable>,
    pub trigger: Trigger,
    pub execution_mode: String,
    pub start_time: String,
    pub last_update_time: String,
    pub source_revisions: Vec<SourceRevision>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_trigger: Option<StopTrigger>,
}

/// A stage of the version the execution runs; `latestExecution` is absent when it never ran.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StageState {
    pub stage_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_execution: Option<StageExecutionState>,
    pub action_states: Vec<ActionState>,
}

/// The latest attempt of a stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StageExecutionState {
    pub pipeline_execution_id: String,
    pub status: StageExecutionStatus,
    /// Local: 1 for the first run, +1 per retry.
    pub attempt: i64,
    pub start_time: String,
    pub last_status_change: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_mode: Option<RetryMode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_trigger: Option<RetryTrigger>,
}

/// An action of the stage; `latestExecution` is absent for an action that never ran (the
/// UI shows "Not started").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionState {
    pub action_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_execution: Option<ActionExecutionState>,
}

/// `ErrorDetails`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorDetails {
    pub code: String,
    pub message: String,
}

/// The latest execution of an action (it may come from an earlier attempt of the stage when
/// a retry of failed actions reused it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionExecutionState {
    pub action_execution_id: String,
    pub status: ActionExecutionStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    pub last_status_change: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_execution_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_details: Option<ErrorDetails>,
    /// Local additions.
    pub start_time: String,
    pub attempt: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_code: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_id: Option<String>,
    /// The container kept for debugging after it failed, until debugging ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debug_container_id: Option<String>,
    /// Relative to the data folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_path: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub output_variables: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub input_artifacts: Vec<ArtifactRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub output_artifacts: Vec<ArtifactRecord>,
}
