//! IPC types of what changes how executions go on: disabled stage transitions (CodePipeline's
//! Disable/EnableStageTransition,
//! inbound): executions wait before a stage whose transition is disabled.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A disabled transition into a stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DisabledTransitionView {
    pub stage_name: String,
    pub reason: String,
    #[ts(optional)]
    pub disabled_by: Option<String>,
    /// RFC 3339 UTC
    pub disabled_time: String,
}

/// Enable or disable the transition into a stage (disabling needs a reason).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetTransitionArgs {
    pub name: String,
    pub stage_name: String,
    pub enabled: bool,
    #[ts(optional)]
    pub reason: Option<String>,
}

/// Rerun an execution from a stage on (absent: after its source stages, so with the same
/// source revisions), on its pipeline version and variables, reusing the earlier stages'
/// results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RerunArgs {
    pub execution_id: String,
    #[ts(optional)]
    pub from_stage: Option<String>,
}
