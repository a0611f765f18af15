//! IPC types of the History view: one keyset page of executions of one pipeline or of every
//! pipeline, newest first, filtered by status, trigger, branch and start time. The store pages
//! (`Store::list_execution_page`); `pipewright executions --json` prints the same rows in the
//! API's shape.

use super::{NamedValue, SourceRevisionView, TriggerView};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The most rows one page may ask for.
pub const MAX_EXECUTION_PAGE: u32 = 500;
/// Rows per page when the UI does not say.
pub const DEFAULT_EXECUTION_PAGE: u32 = 50;

/// `list_executions`: a page of executions. Empty lists and blank texts mean "no filter".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ListExecutionsArgs {
    /// One pipeline; every pipeline when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub pipeline: Option<String>,
    /// Any of these PipelineExecutionStatus values (`Failed`, `InProgress`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub statuses: Option<Vec<String>>,
    /// Any of these trigger kinds: `manual`, `source`, `webhook`, `schedule`, `pipeline`,
    /// `rollback` (or an API TriggerType such as `WebhookV2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub triggers: Option<Vec<String>>,
    /// The source's BranchName, exactly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub branch: Option<String>,
    /// Started at or after: a date (`2026-11-01`, from its start, UTC), an RFC 3339 time, or a
    /// number of days ago (`7d`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub since: Option<String>,
    /// Started until: a date (to its end, UTC), an RFC 3339 time (exclusive) or `7d`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub until: Option<String>,
    /// Rows per page: 1 to 500, 50 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub limit: Option<u32>,
    /// The `nextToken` of the page before (`E_INVALID_TOKEN` for any other text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub next_token: Option<String>,
}

/// One row of the History view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExecutionSummaryView {
    pub execution_id: String,
    pub pipeline_name: String,
    /// The version it runs.
    #[ts(type = "number")]
    pub pipeline_version: i64,
    /// CodePipeline's PipelineExecutionStatus.
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub status_summary: Option<String>,
    pub trigger: TriggerView,
    /// What started it, grouped: `manual`, `source`, `webhook`, `schedule`, `pipeline`,
    /// `rollback`, or `other`.
    pub trigger_kind: String,
    pub source_revisions: Vec<SourceRevisionView>,
    /// The source's BranchName (Git sources).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub branch: Option<String>,
    /// Pipeline variables as resolved at start.
    pub variables: Vec<NamedValue>,
    /// RFC 3339 UTC
    pub start_time: String,
    /// RFC 3339 UTC
    pub last_update_time: String,
    /// From start to end; absent while it runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<i32>")]
    pub duration_ms: Option<u64>,
}

/// One page of the History view, and the token of the next when more follow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExecutionPage {
    pub executions: Vec<ExecutionSummaryView>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub next_token: Option<String>,
}
