//! IPC types of action logs beyond streaming them (`watch_action_log`): saving a whole log.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Copy an action's whole log file to `path` (chosen in the save dialog).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaveActionLogArgs {
    pub execution_id: String,
    pub stage_name: String,
    pub action_name: String,
    /// The attempt whose log to save; the latest when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub attempt: Option<i64>,
    /// Absolute path chosen in the save dialog.
    pub path: String,
}

/// What `save_action_log` wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedLog {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
}
