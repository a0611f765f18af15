//! What to tell the user on the desktop: an execution ended, or one waits for a decision (a
//! Manual approval or a pause point). Pure: the app's watcher reads the event log after a
//! cursor and the pending approvals, and [`NotificationWatch::step`] says what to send.
//!
//! - Ended: a pipeline-execution event with state SUCCEEDED, FAILED, STOPPED or CANCELED.
//!   SUPERSEDED is not announced: a newer execution took its place and is announced when it
//!   ends. A failure names the first action that failed in that execution, when its event
//!   was seen.
//! - Waiting: an approval that is PENDING now and was not pending at the previous step (a
//!   new row, or the same action asked again after a retry, which has a new request time).
//! - Per-pipeline settings ([`NotificationSettings`]) filter what is sent; state advances
//!   either way, so turning notifications back on does not replay old ones.
//! - A burst (many executions ending at once) is capped at [`MAX_PER_STEP`] notifications,
//!   the last one summing up the rest.

use pipewright_core::api::{ApprovalView, PendingApproval};
use pipewright_store::execution::approvals::ApprovalRecord;
use pipewright_store::execution::{DetailType, EventRecord, EventState};
use pipewright_store::NotificationSettings;
use std::collections::{HashMap, HashSet};

/// At most this many notifications per step; a larger burst ends with a summary.
pub const MAX_PER_STEP: usize = 5;

/// Why a notification is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotificationKind {
    /// An execution succeeded, failed, stopped or was cancelled.
    Ended,
    /// An execution waits for approve/reject (or Continue at a pause point).
    Waiting,
    /// The rest of a burst, summed up in one notification.
    Summary,
}

/// One desktop notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub kind: NotificationKind,
    pub title: String,
    pub body: String,
    /// Empty for a summary.
    pub pipeline: String,
    /// Empty for a summary.
    pub execution_id: String,
}

/// The IPC shape of a stored approval (what the rules and the UI see).
pub fn pending_approval(r: &ApprovalRecord) -> PendingApproval {
    PendingApproval {
        pipeline_name: r.pipeline_name.clone(),
        execution_id: r.execution_id.clone(),
        stage_name: r.stage_name.clone(),
        action_name: r.action_name.clone(),
        approval: ApprovalView {
            kind: r.kind.clone(),
            status: r.status.clone(),
            requested_time: r.requested_time.clone(),
            deadline: r.deadline.clone(),
            decided_time: r.decided_time.clone(),
            decided_by: r.decided_by.clone(),
            comment: r.comment.clone(),
            custom_data: r.custom_data.clone(),
            external_link: r.external_link.clone(),
        },
    }
}

/// An approval is told apart by its action and when it was asked.
type ApprovalKey = (String, String, String, String);

fn approval_key(p: &PendingApproval) -> ApprovalKey {
    (
        p.execution_id.clone(),
        p.stage_name.clone(),
        p.action_name.clone(),
        p.approval.requested_time.clone(),
    )
}

/// What the watcher remembers between steps.
#[derive(Debug, Clone, Default)]
pub struct NotificationWatch {
    cursor: i64,
    pending: HashSet<ApprovalKey>,
    /// The first failed action ("Stage › Action") of executions that have not ended yet.
    failed_at: HashMap<String, String>,
}

impl NotificationWatch {
    /// Start after event `cursor` (the end of the log when the app starts), with the
    /// approvals already pending then counted as announced.
    pub fn new(cursor: i64, pending_now: &[PendingApproval]) -> Self {
        Self {
            cursor,
            pending: pending_now.iter().map(approval_key).collect(),
            failed_at: HashMap::new(),
        }
    }

    /// Read events after this `seq` next.
    pub fn cursor(&self) -> i64 {
        self.cursor
    }

    /// Take in the events after [`Self::cursor`] (oldest first) and the approvals pending
    /// now; returns what to send, in order.
    pub fn step(
        &mut self,
        events: &[EventRecord],
        pending_now: &[PendingApproval],
        settings: &NotificationSettings,
    ) -> Vec<Notification> {
        let mut out = Vec::new();
        let start = self.cursor;
        for e in events.iter().filter(|e| e.seq > start) {
            self.cursor = e.seq;
            match e.detail_type {
                DetailType::ActionExecution if e.state == EventState::Failed => {
                    if let (Some(stage), Some(action)) = (&e.stage_name, &e.action_name) {
                        self.failed_at
                            .entry(e.execution_id.clone())
                            .or_insert_with(|| format!("{stage} › {action}"));
                    }
                }
                DetailType::PipelineExecution if ended(e.state) => {
                    let failed_at = self.failed_at.remove(&e.execution_id);
                    out.push(ended_notification(e, failed_at.as_deref()));
                }
                _ => {}
            }
        }
        let now: HashSet<ApprovalKey> = pending_now.iter().map(approval_key).collect();
        for p in pending_now {
            if !self.pending.contains(&approval_key(p)) {
                out.push(waiting_notification(p));
            }
        }
        self.pending = now;
        out.retain(|n| settings.enabled_for(&n.pipeline));
        cap(out)
    }
}

/// States of the pipeline-execution detail-type that end an execution and are announced.
fn ended(state: EventState) -> bool {
    matches!(
        state,
        EventState::Succeeded | EventState::Failed | EventState::Stopped | EventState::Canceled
    )
}

fn short_id(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

fn ended_notification(e: &EventRecord, failed_at: Option<&str>) -> Notification {
    let p = &e.pipeline_name;
    let id = short_id(&e.execution_id);
    let (title, body) = match e.state {
        EventState::Succeeded => (
            format!("{p} succeeded"),
            format!("Execution {id} finished."),
        ),
        EventState::Failed => (
            format!("{p} failed"),
            match failed_at {
                Some(at) => format!("{at} failed in execution {id}."),
                None => format!("Execution {id} failed."),
            },
        ),
        EventState::Stopped => (
            format!("{p} stopped"),
            format!("Execution {id} was stopped."),
        ),
        _ => (
            format!("{p} was cancelled"),
            format!("Execution {id} was cancelled."),
        ),
    };
    Notification {
        kind: NotificationKind::Ended,
        title,
        body,
        pipeline: p.clone(),
        execution_id: e.execution_id.clone(),
    }
}

/// The first line of `text`, at most `max` characters (an ellipsis marks a cut).
fn first_line(text: &str, max: usize) -> String {
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    if line.chars().count() <= max {
        line.to_string()
    } else {
        let cut: String = line.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

fn waiting_notification(p: &PendingApproval) -> Notification {
    let pipeline = &p.pipeline_name;
    let at = format!("{} › {}", p.stage_name, p.action_name);
    let (title, body) = if p.approval.kind == "PAUSE" {
        // A pause point, or a failed action's container kept for debugging.
        if crate::scheduler::approval::is_debug_hold(p.approval.custom_data.as_deref()) {
            (
                format!("{pipeline} holds a failed container"),
                format!("{at} failed; its container was kept. Open a terminal in Pipewright."),
            )
        } else {
            (
                format!("{pipeline} is paused"),
                format!("Paused before {at}. Continue it in Pipewright."),
            )
        }
    } else {
        let asked = p
            .approval
            .custom_data
            .as_deref()
            .map(|c| first_line(c, 120))
            .filter(|c| !c.is_empty());
        (
            format!("{pipeline} waits for approval"),
            match asked {
                Some(asked) => format!("{at}: {asked}"),
                None => format!("Approve or reject {at} in Pipewright."),
            },
        )
    };
    Notification {
        kind: NotificationKind::Waiting,
        title,
        body,
        pipeline: pipeline.clone(),
        execution_id: p.execution_id.clone(),
    }
}

/// At most [`MAX_PER_STEP`]: the first ones, then one that sums up the rest.
fn cap(mut out: Vec<Notification>) -> Vec<Notification> {
    if out.len() <= MAX_PER_STEP {
        return out;
    }
    let rest = out.split_off(MAX_PER_STEP - 1);
    let waiting = rest
        .iter()
        .filter(|n| n.kind == NotificationKind::Waiting)
        .count();
    let ended = rest.len() - waiting;
    let mut parts = Vec::new();
    if ended > 0 {
        parts.push(format!(
            "{ended} more execution{} ended",
            if ended == 1 { "" } else { "s" }
        ));
    }
    if waiting > 0 {
        parts.push(format!(
            "{waiting} more wait{} for approval",
            if waiting == 1 { "s" } else { "" }
        ));
    }
    let mut pipelines: Vec<&str> = Vec::new();
    for n in &rest {
        if !pipelines.contains(&n.pipeline.as_str()) {
            pipelines.push(&n.pipeline);
        }
    }
    out.push(Notification {
        kind: NotificationKind::Summary,
        title: format!("{} more in Pipewright", rest.len()),
        body: format!("{} ({}).", parts.join("; "), pipelines.join(", ")),
        pipeline: String::new(),
        execution_id: String::new(),
    });
    out
}

#[cfg(test)]
#[path = "notifications_tests.rs"]
mod tests;
