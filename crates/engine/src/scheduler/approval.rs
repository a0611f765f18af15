//! Manual approvals: the AWS `Manual` action waits for a decision instead of running a
//! provider. Its action execution starts InProgress with a pending approval row; when its
//! runOrder group has nothing else to do the execution is parked (owned by no process).
//! Approving, rejecting or timing out ends the action and parks the execution READY; the
//! deciding process then drives it on (or hands it to a worker) like any granted execution.

use super::{Engine, EngineError};
use crate::logs::LogSink;
use pipewright_core::model::ActionDeclaration;
use pipewright_store::execution::approvals::{ApprovalKind, ApprovalRecord, Decision, NewApproval};
use std::time::Duration;

/// CodePipeline's default and limits for `timeoutInMinutes` of a Manual approval.
pub const DEFAULT_APPROVAL_MINUTES: f64 = 7.0 * 24.0 * 60.0;

/// Whether an action is a manual approval (AWS / Manual).
pub fn is_manual_approval(decl: &ActionDeclaration) -> bool {
    let t = &decl.action_type_id;
    t.owner == "AWS" && t.provider == "Manual"
}

/// How long a manual approval waits: `pipewright.timeoutMinutes` (local override), else
/// `timeoutInMinutes`, else CodePipeline's 7 days.
pub fn approval_timeout(decl: &ActionDeclaration) -> Duration {
    let local = decl
        .pipewright
        .as_ref()
        .and_then(|p| p.timeout_minutes)
        .filter(|m| m.is_finite() && *m > 0.0);
    let minutes = local
        .or(decl.timeout_in_minutes.map(|m| m as f64))
        .filter(|m| *m > 0.0)
        .unwrap_or(DEFAULT_APPROVAL_MINUTES);
    Duration::from_secs_f64(minutes * 60.0)
}

/// The action execution a decision is asked for (it has just been recorded).
pub(crate) struct DecisionFor<'a> {
    pub execution_id: &'a str,
    pub action_execution_id: &'a str,
    pub stage: &'a str,
    pub decl: &'a ActionDeclaration,
}

impl DecisionFor<'_> {
    fn row(
        &self,
        kind: ApprovalKind,
        timeout: Option<Duration>,
        custom_data: Option<String>,
        external_link: Option<String>,
    ) -> NewApproval {
        NewApproval {
            action_execution_id: self.action_execution_id.to_string(),
            execution_id: self.execution_id.to_string(),
            stage_name: self.stage.to_string(),
            action_name: self.decl.name.clone(),
            kind,
            deadline: timeout.map(pipewright_store::rfc3339_in),
            custom_data,
            external_link,
        }
    }

    /// The pending row of a Manual approval action.
    pub fn approval(&self, log: &LogSink) -> NewApproval {
        let timeout = approval_timeout(self.decl);
        let config = self.decl.configuration.as_ref();
        let get = |k: &str| config.and_then(|c| c.get(k)).cloned();
        let custom_data = get("CustomData");
        log.system(&format!(
            "waiting for a manual approval (times out in {}){}",
            human_minutes(timeout),
            custom_data
                .as_deref()
                .map(|c| format!(": {c}"))
                .unwrap_or_default()
        ));
        self.row(
            ApprovalKind::Approval,
            Some(timeout),
            custom_data,
            get("ExternalEntityLink"),
        )
    }

    /// The pending pause of an action marked "pause before" (no deadline: it waits like a
    /// breakpoint until someone continues or rejects it).
    pub fn pause(&self, log: &LogSink) -> NewApproval {
        log.system("paused before this action (a pause point is set): Continue runs it");
        let asked = format!(
            "Paused before {}/{}: Continue runs it",
            self.stage, self.decl.name
        );
        self.row(ApprovalKind::Pause, None, Some(asked), None)
    }

    /// The pending pause that holds the execution while the kept container of the failed
    /// action is debugged; it ends by itself after [`crate::debug::DEBUG_HOLD_MINUTES`].
    pub fn debug_hold(&self) -> NewApproval {
        let hold = Duration::from_secs_f64(crate::debug::DEBUG_HOLD_MINUTES * 60.0);
        let asked = format!(
            "{}/{} failed; {DEBUG_HOLD_MARK}: open a terminal, then Continue to end the stage",
            self.stage, self.decl.name
        );
        self.row(ApprovalKind::Pause, Some(hold), Some(asked), None)
    }
}

/// Words in the `CustomData` of every debug hold (it is a `PAUSE` like a pause point).
pub const DEBUG_HOLD_MARK: &str = "its container was kept for debugging";

/// Whether a pending pause holds a failed action's kept container (not a pause point).
pub fn is_debug_hold(custom_data: Option<&str>) -> bool {
    custom_data.is_some_and(|c| c.contains(DEBUG_HOLD_MARK))
}

fn human_minutes(d: Duration) -> String {
    let minutes = d.as_secs_f64() / 60.0;
    if minutes >= 1440.0 && (minutes / 1440.0).fract() == 0.0 {
        format!("{} days", minutes / 1440.0)
    } else if minutes >= 1.0 {
        format!("{} min", (minutes * 10.0).round() / 10.0)
    } else {
        format!("{} s", d.as_secs())
    }
}

/// Who decides, as recorded: the OS user.
pub fn current_user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| "local user".to_string())
}

impl Engine {
    /// Approve or reject the pending approval of `stage/action`. The execution is moved on
    /// by this engine's handoff once nothing else in it is pending.
    pub fn decide_approval(
        &self,
        execution_id: &str,
        stage: &str,
        action: &str,
        decision: &Decision,
    ) -> Result<ApprovalRecord, EngineError> {
        crate::ownership::check_id(execution_id)?;
        let (record, transition) =
            self.db(|s| s.decide_approval(execution_id, stage, action, decision))?;
        self.announce(transition);
        Ok(record)
    }

    /// Time out every pending approval past its deadline; their executions are moved on
    /// (their stage fails). Returns how many timed out.
    pub fn expire_due_approvals(&self) -> Result<usize, EngineError> {
        let now = pipewright_store::rfc3339_ago(Duration::ZERO);
        let due = self.db(|s| {
            Ok(s.next_approval_deadline()?
                .is_some_and(|deadline| deadline <= now))
        })?;
        if !due {
            return Ok(0);
        }
        let transition = self.db(|s| s.expire_approvals(&now))?;
        let count = transition.granted.len();
        self.announce(transition);
        Ok(count)
    }
}
