//! What the execution repository takes and gives: new rows, transitions, and records read
//! back. The JSON shapes for the CLI and the app are in `shapes`.

use super::status::{
    ActionExecutionStatus, DetailType, EventState, PipelineExecutionStatus, RetryMode,
    RetryTrigger, StageExecutionStatus,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The API's TriggerType for runs started from the app or the CLI.
pub const TRIGGER_START_PIPELINE_EXECUTION: &str = "StartPipelineExecution";

/// What started an execution (`ExecutionTrigger` in the API).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Trigger {
    /// StartPipelineExecution | PollForSourceChanges | WebhookV2 | CloudWatchEvent | …
    pub trigger_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger_detail: Option<String>,
}

impl Trigger {
    /// A run started by a person from the app or the CLI.
    pub fn manual(detail: Option<String>) -> Self {
        Self {
            trigger_type: TRIGGER_START_PIPELINE_EXECUTION.to_string(),
            trigger_detail: detail,
        }
    }
}

/// A pipeline variable as resolved at start (`ResolvedPipelineVariable` in the API).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResolvedVariable {
    pub name: String,
    pub resolved_value: String,
}

/// The revision a source action produced (`SourceRevision` in the API).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceRevision {
    pub action_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision_summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision_url: Option<String>,
}

/// An artifact revision an action consumed or produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArtifactRecord {
    pub name: String,
    /// The revision digest (sha256 of its manifest).
    pub digest: String,
    pub size: u64,
    pub file_count: u64,
}

/// The action type an action execution ran (kept for events and history).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionType {
    pub category: String,
    pub owner: String,
    pub provider: String,
    pub version: String,
}

/// Why an execution is not being driven by any process right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Parked {
    /// Waiting for the stage lock of `next_stage` (QUEUED, SUPERSEDED).
    Waiting,
    /// Ready to be driven by whichever process takes its lock (the stage lock was granted,
    /// or it was handed over to a worker).
    Ready,
}

impl Parked {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Parked::Waiting => "WAITING",
            Parked::Ready => "READY",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        match s {
            "WAITING" => Some(Parked::Waiting),
            "READY" => Some(Parked::Ready),
            _ => None,
        }
    }
}

/// A new execution, created InProgress (by a process that already holds its lock).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewExecution {
    /// A uuid chosen by the caller (it names the lock file taken before the row exists).
    pub id: String,
    pub pipeline_name: String,
    pub pipeline_version: i64,
    pub trigger: Trigger,
    pub variables: Vec<ResolvedVariable>,
}

/// An execution row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecutionRecord {
    pub id: String,
    pub pipeline_name: String,
    pub pipeline_version: i64,
    /// SUPERSEDED | QUEUED | PARALLEL, from the version it runs.
    pub execution_mode: String,
    pub status: PipelineExecutionStatus,
    /// Short and stable, e.g. `interrupted`, `timed out`, `stopped`.
    pub status_reason: Option<String>,
    /// For people.
    pub status_summary: Option<String>,
    pub start_time: String,
    pub last_update_time: String,
    pub trigger: Trigger,
    pub variables: Vec<ResolvedVariable>,
    pub source_revisions: Vec<SourceRevision>,
    pub parked: Option<Parked>,
    pub next_stage: Option<String>,
    /// How `next_stage` is to be entered when it is a retry.
    pub retry: Option<(RetryMode, RetryTrigger)>,
}

/// A status change of an execution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecutionUpdate {
    pub status: PipelineExecutionStatus,
    pub reason: Option<String>,
    pub summary: Option<String>,
}

impl ExecutionUpdate {
    pub fn new(status: PipelineExecutionStatus) -> Self {
        Self {
            status,
            reason: None,
            summary: None,
        }
    }

    pub fn because(mut self, reason: impl Into<String>, summary: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self.summary = Some(summary.into());
        self
    }
}

/// One attempt of a stage in an execution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageExecutionRecord {
    pub execution_id: String,
    pub stage_name: String,
    pub stage_index: i64,
    pub attempt: i64,
    pub status: StageExecutionStatus,
    pub start_time: String,
    pub last_update_time: String,
    pub status_reason: Option<String>,
    pub retry: Option<(RetryMode, RetryTrigger)>,
}

/// An action execution about to start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewActionExecution {
    pub id: String,
    pub execution_id: String,
    pub stage_name: String,
    pub action_name: String,
    /// The stage attempt it runs in.
    pub attempt: i64,
    pub action_type: ActionType,
    /// Relative to the data folder.
    pub log_path: Option<String>,
    pub inputs: Vec<ArtifactRecord>,
}

/// How an action execution ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionFinish {
    /// Succeeded, Failed or Abandoned.
    pub status: ActionExecutionStatus,
    pub exit_code: Option<i64>,
    pub error_summary: Option<String>,
    pub output_variables: BTreeMap<String, String>,
    pub outputs: Vec<ArtifactRecord>,
    /// Recorded on the execution (sourceRevisions) in the same transaction.
    pub source_revision: Option<SourceRevision>,
}

impl ActionFinish {
    pub fn failed(summary: impl Into<String>, exit_code: Option<i64>) -> Self {
        Self {
            status: ActionExecutionStatus::Failed,
            exit_code,
            error_summary: Some(summary.into()),
            output_variables: BTreeMap::new(),
            outputs: Vec::new(),
            source_revision: None,
        }
    }
}

/// An action execution row with the artifacts it consumed and produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionExecutionRecord {
    pub id: String,
    pub execution_id: String,
    pub stage_name: String,
    pub action_name: String,
    pub attempt: i64,
    pub action_type: ActionType,
    pub status: ActionExecutionStatus,
    pub start_time: String,
    pub last_update_time: String,
    pub exit_code: Option<i64>,
    pub error_summary: Option<String>,
    pub container_id: Option<String>,
    pub image: Option<String>,
    pub log_path: Option<String>,
    pub output_variables: BTreeMap<String, String>,
    pub external_execution_url: Option<String>,
    pub external_execution_summary: Option<String>,
    /// The container kept after it failed, for a terminal (keep failed containers is on).
    pub debug_container_id: Option<String>,
    pub inputs: Vec<ArtifactRecord>,
    pub outputs: Vec<ArtifactRecord>,
}

/// One appended event. `detail` is EventBridge's detail object: `pipeline`, `execution-id`,
/// `stage`, `action`, `state`, `type` (actions), `version` (of the pipeline).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventRecord {
    pub seq: i64,
    pub time: String,
    pub detail_type: DetailType,
    pub state: EventState,
    pub execution_id: String,
    pub pipeline_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_name: Option<String>,
    pub detail: serde_json::Value,
}

/// A stop request as the owner picks it up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StopRequest {
    pub id: i64,
    pub execution_id: String,
    pub abandon: bool,
    pub reason: Option<String>,
    pub requested_time: String,
}

/// What a transition did besides its own row: the events it appended (to announce after
/// the commit) and the executions it granted a stage lock to (to be driven on).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Transition {
    pub events: Vec<EventRecord>,
    /// Executions now parked READY holding the lock they waited for.
    pub granted: Vec<String>,
}

impl Transition {
    pub fn extend(&mut self, other: Transition) {
        self.events.extend(other.events);
        self.granted.extend(other.granted);
    }
}

/// The answer to "may this execution enter that stage now?".
#[derive(Debug, Clone, PartialEq)]
pub enum StageEntry {
    /// It holds the stage lock (or the mode needs none).
    Entered,
    /// Another execution holds it: parked WAITING. `transition` holds the events of older
    /// waiters it superseded (SUPERSEDED mode).
    Waiting { transition: Transition },
    /// SUPERSEDED mode: a newer execution already waits there, so this one is Superseded.
    Superseded { transition: Transition },
}
