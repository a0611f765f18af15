//! IPC types of desktop notifications (an execution ended or waits for a decision).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Turn a pipeline's desktop notifications on or off (`notifications.enabled.<PIPELINE>`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetNotificationsArgs {
    /// The pipeline.
    pub name: String,
    pub enabled: bool,
}
