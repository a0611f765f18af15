//! The execution model the engine works with. The status enums live in the store
//! (`pipewright_store::execution`), so the store, the engine, the CLI and the app share one
//! definition and one mapping to EventBridge states; they are re-exported here.

pub use pipewright_store::execution::{
    ActionExecutionStatus, DetailType, EventState, EventStatus, PipelineExecutionStatus, RetryMode,
    RetryTrigger, StageExecutionStatus, Trigger,
};

/// An execution's id: a uuid (it also names the execution's lock file and log folder).
pub type ExecutionId = String;

/// Where [`crate::scheduler::Engine::drive`] left an execution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FinalStatus {
    /// It ended: Succeeded, Failed, Stopped, Superseded (or Cancelled).
    Ended(PipelineExecutionStatus),
    /// It waits for the lock of `stage`, parked in the database and owned by no process;
    /// whoever frees the lock moves it on.
    Parked { stage: String },
    /// It waits in `stage` for a manual approval, parked in the database and owned by no
    /// process; whoever decides (or finds it timed out) moves it on.
    AwaitingApproval { stage: String },
}

impl FinalStatus {
    /// The status it ended with, if it ended.
    pub fn status(&self) -> Option<PipelineExecutionStatus> {
        match self {
            FinalStatus::Ended(s) => Some(*s),
            FinalStatus::Parked { .. } | FinalStatus::AwaitingApproval { .. } => None,
        }
    }

    pub fn succeeded(&self) -> bool {
        self.status() == Some(PipelineExecutionStatus::Succeeded)
    }
}

/// A stage's runOrder when it sets none (as in the API).
pub const DEFAULT_RUN_ORDER: i64 = 1;
