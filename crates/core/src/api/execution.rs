//! IPC types of the live run view, the action detail, the execution timeline and retries.
//!
//! `ExecutionView`, `StageView` and `ActionView` (in `api.rs`) carry these; every field added
//! to them is optional in TypeScript so views built by older code (and the browser mock's
//! minimal ones) stay valid.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What started an execution (`ExecutionTrigger` in the API).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TriggerView {
    /// StartPipelineExecution | PollForSourceChanges | WebhookV2 | CloudWatchEvent | …
    pub trigger_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub trigger_detail: Option<String>,
}

/// The revision a source action produced (`SourceRevision` in the API).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SourceRevisionView {
    pub action_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub revision_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub revision_summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub revision_url: Option<String>,
}

/// A name and its value: a resolved pipeline variable or an action's output variable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NamedValue {
    pub name: String,
    pub value: String,
}

/// An artifact revision an action consumed or produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ArtifactView {
    pub name: String,
    /// The revision digest (sha256 of its manifest).
    pub digest: String,
    /// Total size of its files in bytes.
    #[ts(type = "number")]
    pub size: u64,
    #[ts(type = "number")]
    pub file_count: u64,
    /// False once retention removed it from the artifact store.
    pub available: bool,
    /// Where its manifest lies on disk (absent when removed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub path: Option<String>,
}

/// The local resource limits of an action's container (`pipewright.cpus` / `.memory`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActionLimits {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cpus: Option<f64>,
    /// As Docker writes it: `512m`, `2g`, or bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub memory: Option<String>,
}

/// Retry a Failed or Stopped stage of an execution (`pipewright retry ID STAGE`), handed to a
/// detached worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RetryStageArgs {
    pub execution_id: String,
    pub stage_name: String,
    /// Rerun every action of the stage, not only the failed ones.
    pub all_actions: bool,
}

/// The files of one artifact revision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ArtifactFilesArgs {
    pub digest: String,
}

/// One entry of an artifact revision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ArtifactFile {
    /// Relative, `/`-separated.
    pub path: String,
    /// `file`, `symlink` or `dir` (empty folders only).
    pub kind: String,
    #[ts(type = "number")]
    pub size: u64,
}

/// An artifact revision's entries, or `available: false` once retention removed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ArtifactFiles {
    pub available: bool,
    pub files: Vec<ArtifactFile>,
}

/// A copy of an artifact revision's files in a temporary folder, opened in the file manager.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OpenedArtifact {
    /// The folder (kept until the system clears its temporary files).
    pub path: String,
    /// False when no file manager could be started (the folder is still there).
    pub opened: bool,
}
