//! IPC types of the metrics dashboard. The store computes [`Metrics`] in one function
//! (`Store::metrics`); the app's `get_metrics` and `pipewright metrics --json` return it as is.

use serde::{Deserialize, Serialize};
use std::time::Duration;
use ts_rs::TS;

/// The dashboard's time range selector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum MetricsRange {
    #[serde(rename = "24h")]
    Last24Hours,
    #[serde(rename = "7d")]
    Last7Days,
    #[serde(rename = "30d")]
    Last30Days,
    #[serde(rename = "90d")]
    Last90Days,
    #[serde(rename = "all")]
    All,
}

impl MetricsRange {
    /// How far back the range reaches; `None` for all executions.
    pub fn span(self) -> Option<Duration> {
        let days = |d: u64| Some(Duration::from_secs(d * 86_400));
        match self {
            Self::Last24Hours => days(1),
            Self::Last7Days => days(7),
            Self::Last30Days => days(30),
            Self::Last90Days => days(90),
            Self::All => None,
        }
    }
}

/// `get_metrics`: one pipeline's metrics, or every pipeline's when `pipeline` is absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MetricsArgs {
    #[ts(optional)]
    pub pipeline: Option<String>,
    pub range: MetricsRange,
}

/// How many executions ended each way (`inProgress`: InProgress or Stopping now).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StatusCounts {
    #[ts(type = "number")]
    pub total: u64,
    #[ts(type = "number")]
    pub succeeded: u64,
    #[ts(type = "number")]
    pub failed: u64,
    #[ts(type = "number")]
    pub stopped: u64,
    #[ts(type = "number")]
    pub superseded: u64,
    #[ts(type = "number")]
    pub cancelled: u64,
    #[ts(type = "number")]
    pub in_progress: u64,
}

/// Duration figures in milliseconds; percentiles are nearest-rank. Execution and approval
/// percentiles are exact; stage and action percentiles come from durations rounded down to
/// two significant digits, reported at the bucket's middle: within 5% of the exact value
/// (exact below 100 ms). Means are exact.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Durations {
    #[ts(type = "number")]
    pub count: u64,
    #[ts(optional)]
    pub p50_ms: Option<f64>,
    #[ts(optional)]
    pub p95_ms: Option<f64>,
    #[ts(optional)]
    pub mean_ms: Option<f64>,
}

/// One UTC day (by the executions' start time).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DayMetrics {
    /// `YYYY-MM-DD` (UTC)
    pub date: String,
    pub executions: StatusCounts,
    /// Of the executions that ended.
    pub duration: Durations,
}

/// One stage (no `actionName`) or action of one pipeline, over every attempt that ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StepMetrics {
    pub pipeline_name: String,
    pub stage_name: String,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_name: Option<String>,
    #[ts(type = "number")]
    pub runs: u64,
    #[ts(type = "number")]
    pub failures: u64,
    pub failure_rate: f64,
    pub duration: Durations,
}

/// The dashboard's numbers, and `pipewright metrics --json`'s.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Metrics {
    /// The pipeline, or absent for every pipeline.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_name: Option<String>,
    /// RFC 3339 UTC (or a `YYYY-MM-DD` date) lower bound of start times; absent for all.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// RFC 3339 UTC: when these numbers were computed.
    pub generated_time: String,
    pub executions: StatusCounts,
    /// Succeeded out of the executions that ended Succeeded, Failed or Stopped.
    #[ts(optional)]
    pub success_rate: Option<f64>,
    /// Of the executions that ended.
    pub duration: Durations,
    /// Days with executions, oldest first.
    pub per_day: Vec<DayMetrics>,
    pub stages: Vec<StepMetrics>,
    pub actions: Vec<StepMetrics>,
    /// The actions that failed most, most first (at most ten).
    pub failure_hotspots: Vec<StepMetrics>,
    /// Recoveries: a pipeline's first failure after a success, to its next success (by end
    /// time), counted on the succeeded execution.
    #[ts(type = "number")]
    pub recoveries: u64,
    #[ts(optional)]
    pub mean_time_to_recovery_ms: Option<f64>,
    /// Manual approvals decided (approved, rejected or timed out): request to decision.
    pub approval_wait: Durations,
    /// Manual approvals of these executions still waiting for a decision.
    #[ts(type = "number")]
    pub approvals_pending: u64,
}
