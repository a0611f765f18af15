//! Execution statuses with CodePipeline's API values, and the ONE mapping from a status
//! transition to the EventBridge state and detail-type it announces.
//!
//! Serialized (serde, SQLite, JSON shapes) exactly as the API spells them: `InProgress`,
//! `Succeeded`, …; EventBridge states upper-case: `STARTED`, `RESUMED`, ….

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Defines a string enum with its API spelling, `as_str`, `FromStr`, `Display` and the SQLite
/// conversions, so every status is stored and shown the same way.
macro_rules! api_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every value, in the API's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The API spelling.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;
            fn from_str(s: &str) -> Result<Self, UnknownValue> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(UnknownValue { kind: stringify!($name), value: s.to_string() }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                text.parse().map_err(|e| FromSqlError::Other(Box::new(e)))
            }
        }
    };
}

/// A string that is not one of an enum's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{value}` is not a valid {kind}")]
pub struct UnknownValue {
    pub kind: &'static str,
    pub value: String,
}

api_enum! {
    /// A pipeline execution's status (`PipelineExecutionStatus` in the API).
    PipelineExecutionStatus {
        Cancelled = "Cancelled",
        InProgress = "InProgress",
        Stopped = "Stopped",
        Stopping = "Stopping",
        Succeeded = "Succeeded",
        Superseded = "Superseded",
        Failed = "Failed",
    }
}

api_enum! {
    /// A stage execution's status (`StageExecutionStatus` in the API).
    StageExecutionStatus {
        Cancelled = "Cancelled",
        InProgress = "InProgress",
        Failed = "Failed",
        Stopped = "Stopped",
        Stopping = "Stopping",
        Succeeded = "Succeeded",
        Skipped = "Skipped",
    }
}

api_enum! {
    /// An action execution's status (`ActionExecutionStatus` in the API).
    ActionExecutionStatus {
        InProgress = "InProgress",
        Abandoned = "Abandoned",
        Succeeded = "Succeeded",
        Failed = "Failed",
    }
}

api_enum! {
    /// EventBridge's `state` in CodePipeline events.
    EventState {
        Started = "STARTED",
        Succeeded = "SUCCEEDED",
        Resumed = "RESUMED",
        Failed = "FAILED",
        Canceled = "CANCELED",
        Superseded = "SUPERSEDED",
        Stopping = "STOPPING",
        Stopped = "STOPPED",
        Abandoned = "ABANDONED",
    }
}

api_enum! {
    /// EventBridge's `detail-type` of CodePipeline events.
    DetailType {
        PipelineExecution = "CodePipeline Pipeline Execution State Change",
        StageExecution = "CodePipeline Stage Execution State Change",
        ActionExecution = "CodePipeline Action Execution State Change",
    }
}

api_enum! {
    /// How a stage is retried (`StageRetryMode` in the API).
    RetryMode {
        FailedActions = "FAILED_ACTIONS",
        AllActions = "ALL_ACTIONS",
    }
}

api_enum! {
    /// What started a stage retry (`RetryTrigger` in the API).
    RetryTrigger {
        AutomatedStageRetry = "AutomatedStageRetry",
        ManualStageRetry = "ManualStageRetry",
    }
}

impl PipelineExecutionStatus {
    /// Ended: nothing will change it any more (except a retry of a Failed or Stopped one).
    pub fn is_terminal(self) -> bool {
        !self.is_running()
    }

    /// InProgress or Stopping: an owner is (or should be) moving it on.
    pub fn is_running(self) -> bool {
        matches!(self, Self::InProgress | Self::Stopping)
    }
}

impl StageExecutionStatus {
    pub fn is_running(self) -> bool {
        matches!(self, Self::InProgress | Self::Stopping)
    }
}

/// A status that announces itself as a CodePipeline event. This trait is the one mapping
/// between the API's statuses and EventBridge's states.
pub trait EventStatus: Copy {
    /// The detail-type of this level (pipeline, stage or action).
    const DETAIL_TYPE: DetailType;

    /// The EventBridge state a transition into `self` announces. `resumed` marks a restart
    /// of something that had ended (a retried stage, a resumed execution): InProgress then
    /// announces RESUMED instead of STARTED. `None` when EventBridge has no state for it
    /// (a Skipped stage): such a transition appends no event.
    fn event_state(self, resumed: bool) -> Option<EventState>;
}

fn started(resumed: bool) -> EventState {
    if resumed {
        EventState::Resumed
    } else {
        EventState::Started
    }
}

impl EventStatus for PipelineExecutionStatus {
    const DETAIL_TYPE: DetailType = DetailType::PipelineExecution;

    fn event_state(self, resumed: bool) -> Option<EventState> {
        Some(match self {
            Self::InProgress => started(resumed),
            Self::Succeeded => EventState::Succeeded,
            Self::Failed => EventState::Failed,
            Self::Cancelled => EventState::Canceled,
            Self::Superseded => EventState::Superseded,
            Self::Stopping => EventState::Stopping,
            Self::Stopped => EventState::Stopped,
        })
    }
}

impl EventStatus for StageExecutionStatus {
    const DETAIL_TYPE: DetailType = DetailType::StageExecution;

    fn event_state(self, resumed: bool) -> Option<EventState> {
        match self {
            Self::InProgress => Some(started(resumed)),
            Self::Succeeded => Some(EventState::Succeeded),
            Self::Failed => Some(EventState::Failed),
            Self::Cancelled => Some(EventState::Canceled),
            Self::Stopping => Some(EventState::Stopping),
            Self::Stopped => Some(EventState::Stopped),
            Self::Skipped => None,
        }
    }
}

impl EventStatus for ActionExecutionStatus {
    const DETAIL_TYPE: DetailType = DetailType::ActionExecution;

    fn event_state(self, _resumed: bool) -> Option<EventState> {
        Some(match self {
            Self::InProgress => EventState::Started,
            Self::Succeeded => EventState::Succeeded,
            Self::Failed => EventState::Failed,
            Self::Abandoned => EventState::Abandoned,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_spellings_round_trip() {
        for s in PipelineExecutionStatus::ALL {
            assert_eq!(s.as_str().parse::<PipelineExecutionStatus>().unwrap(), *s);
            assert_eq!(
                serde_json::to_value(s).unwrap(),
                serde_json::json!(s.as_str())
            );
        }
        assert_eq!(StageExecutionStatus::ALL.len(), 7);
        assert_eq!(ActionExecutionStatus::ALL.len(), 4);
        assert_eq!(EventState::ALL.len(), 9);
        assert_eq!(
            serde_json::to_value(EventState::Canceled).unwrap(),
            serde_json::json!("CANCELED")
        );
        assert_eq!(
            DetailType::StageExecution.as_str(),
            "CodePipeline Stage Execution State Change"
        );
        assert!("Running".parse::<ActionExecutionStatus>().is_err());
    }

    #[test]
    fn one_mapping_to_eventbridge_states() {
        use PipelineExecutionStatus as P;
        assert_eq!(P::InProgress.event_state(false), Some(EventState::Started));
        assert_eq!(P::InProgress.event_state(true), Some(EventState::Resumed));
        assert_eq!(P::Cancelled.event_state(false), Some(EventState::Canceled));
        assert_eq!(
            P::Superseded.event_state(false),
            Some(EventState::Superseded)
        );
        assert_eq!(P::Stopping.event_state(false), Some(EventState::Stopping));
        assert_eq!(
            StageExecutionStatus::InProgress.event_state(true),
            Some(EventState::Resumed)
        );
        assert_eq!(StageExecutionStatus::Skipped.event_state(false), None);
        assert_eq!(
            ActionExecutionStatus::Abandoned.event_state(false),
            Some(EventState::Abandoned)
        );
        // Every pipeline and action status has a state.
        assert!(P::ALL.iter().all(|s| s.event_state(false).is_some()));
        assert!(ActionExecutionStatus::ALL
            .iter()
            .all(|s| s.event_state(false).is_some()));
    }
}
