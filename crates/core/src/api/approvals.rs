//! IPC types of manual approvals and pause points (a decision an execution waits for).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A decision asked of the user: an AWS `Manual` approval action, or a "pause before" point
/// set for debugging (answered with Continue).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalView {
    /// `APPROVAL` or `PAUSE`.
    pub kind: String,
    /// `PENDING`, `APPROVED`, `REJECTED`, `TIMED_OUT` or `CANCELLED`.
    pub status: String,
    /// RFC 3339 UTC
    pub requested_time: String,
    /// RFC 3339 UTC; when a pending approval times out.
    #[ts(optional)]
    pub deadline: Option<String>,
    /// RFC 3339 UTC
    #[ts(optional)]
    pub decided_time: Option<String>,
    #[ts(optional)]
    pub decided_by: Option<String>,
    #[ts(optional)]
    pub comment: Option<String>,
    /// The action's `CustomData` (what the reviewer is asked).
    #[ts(optional)]
    pub custom_data: Option<String>,
    /// The action's `ExternalEntityLink`.
    #[ts(optional)]
    pub external_link: Option<String>,
}

/// Approve or reject a pending approval (or continue past a pause point).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DecideApprovalArgs {
    pub execution_id: String,
    pub stage_name: String,
    pub action_name: String,
    /// `true` approves (or continues), `false` rejects.
    pub approve: bool,
    #[ts(optional)]
    pub comment: Option<String>,
}

/// A pending approval anywhere, for the badge and notifications.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PendingApproval {
    pub pipeline_name: String,
    pub execution_id: String,
    pub stage_name: String,
    pub action_name: String,
    pub approval: ApprovalView,
}
