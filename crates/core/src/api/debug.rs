//! IPC types of debugging a pipeline locally: "pause before" points, keeping the container
//! of a failed action, and a terminal into a kept container.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An action marked "pause before": executions wait before running it until Continue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PausePoint {
    pub stage_name: String,
    pub action_name: String,
}

/// A pipeline's local debug settings (not part of its definition: no new version).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DebugSettings {
    /// Actions marked "pause before", in stage and action order of the latest version.
    pub pause_points: Vec<PausePoint>,
    /// When an action's container fails, keep it (and hold the execution) for a terminal.
    pub keep_failed_containers: bool,
}

/// Mark or unmark one action "pause before".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetPauseBeforeArgs {
    pub pipeline_name: String,
    pub stage_name: String,
    pub action_name: String,
    pub paused: bool,
}

/// Turn keeping failed containers on or off for a pipeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetKeepFailedArgs {
    pub pipeline_name: String,
    pub keep: bool,
}

/// Open a terminal (`docker exec` with a TTY) into the kept container of a failed action.
/// The UI picks `sessionId` (a UUID) and uses it for input, resize and close.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OpenTerminalArgs {
    pub session_id: String,
    pub execution_id: String,
    pub stage_name: String,
    pub action_name: String,
    pub cols: u16,
    pub rows: u16,
}

/// What a terminal session streams: output, then one `exit` when the shell ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TerminalEvent {
    /// `output` (text in `data`) or `exit` (the shell ended; `exitCode` when known).
    pub kind: String,
    /// UTF-8 text the shell printed (never splits a character).
    pub data: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub exit_code: Option<i64>,
}

/// Keys typed into a terminal session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TerminalInputArgs {
    pub session_id: String,
    pub data: String,
}

/// The terminal's new size in cells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TerminalResizeArgs {
    pub session_id: String,
    pub cols: u16,
    pub rows: u16,
}

/// End a terminal session. Closing the terminal ends debugging: the kept container is
/// removed and the held execution moves on (its stage ends Failed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CloseTerminalArgs {
    pub session_id: String,
}
