//! Decisions an execution waits for: AWS `Manual` approval actions and "pause before" points.
//!
//! The owner records a pending approval when the action starts; when its runOrder group has
//! nothing else to do it parks the execution WAITING (`wait_reason = 'APPROVAL'`), owned by no
//! process. Whoever decides (approve, reject, continue) or finds it past its deadline ends the
//! action in the same transaction and, once nothing in the execution is pending any more,
//! parks it READY: it is then in `granted`, so the deciding process drives it on (or hands
//! it to a worker), exactly like an execution granted a stage lock.

use super::status::ActionExecutionStatus as A;
use super::types::{ActionFinish, Transition};
use super::{execution_not_found, Writer};
use crate::error::{codes, StoreError};
use crate::Store;
use rusqlite::OptionalExtension;

/// What a decision is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApprovalKind {
    /// An AWS `Manual` approval action: approve or reject.
    Approval,
    /// A "pause before" point: continue (or reject to fail the stage).
    Pause,
}

impl ApprovalKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ApprovalKind::Approval => "APPROVAL",
            ApprovalKind::Pause => "PAUSE",
        }
    }
}

/// A pending approval to record when its action starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApproval {
    pub action_execution_id: String,
    pub execution_id: String,
    pub stage_name: String,
    pub action_name: String,
    pub kind: ApprovalKind,
    /// RFC 3339 UTC; None: never times out.
    pub deadline: Option<String>,
    pub custom_data: Option<String>,
    pub external_link: Option<String>,
}

/// One approval row.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalRecord {
    pub action_execution_id: String,
    pub execution_id: String,
    pub pipeline_name: String,
    pub stage_name: String,
    pub action_name: String,
    /// `APPROVAL` or `PAUSE`.
    pub kind: String,
    /// `PENDING`, `APPROVED`, `REJECTED`, `TIMED_OUT`, `CANCELLED`.
    pub status: String,
    pub requested_time: String,
    pub deadline: Option<String>,
    pub decided_time: Option<String>,
    pub decided_by: Option<String>,
    pub comment: Option<String>,
    pub custom_data: Option<String>,
    pub external_link: Option<String>,
}

/// A decision on a pending approval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub approve: bool,
    pub by: String,
    pub comment: Option<String>,
}

const APPROVAL_SELECT: &str = "SELECT a.action_execution_id, a.execution_id, p.name, a.stage_name,
        a.action_name, a.kind, a.status, a.requested_time, a.deadline, a.decided_time,
        a.decided_by, a.comment, a.custom_data, a.external_link
     FROM approvals a JOIN executions e ON e.id = a.execution_id
     JOIN pipelines p ON p.id = e.pipeline_id";

fn approval_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ApprovalRecord> {
    Ok(ApprovalRecord {
        action_execution_id: r.get(0)?,
        execution_id: r.get(1)?,
        pipeline_name: r.get(2)?,
        stage_name: r.get(3)?,
        action_name: r.get(4)?,
        kind: r.get(5)?,
        status: r.get(6)?,
        requested_time: r.get(7)?,
        deadline: r.get(8)?,
        decided_time: r.get(9)?,
        decided_by: r.get(10)?,
        comment: r.get(11)?,
        custom_data: r.get(12)?,
        external_link: r.get(13)?,
    })
}

impl Writer<'_> {
    /// End a pending approval and (with `finish`) its action, when the action is still
    /// running; park the execution READY (granted) when it waited for approvals and none is
    /// pending any more.
    ///
    /// A pause point that is continued passes no `finish`: its action then runs. A pause that
    /// holds an action that already failed (its container kept for debugging) never touches
    /// the action.
    fn close_approval(
        &mut self,
        approval: &ApprovalRecord,
        status: &str,
        by: Option<&str>,
        comment: Option<&str>,
        finish: Option<&ActionFinish>,
    ) -> Result<(), StoreError> {
        self.execute(
            "UPDATE approvals SET status = ?2, decided_time = ?3, decided_by = ?4, comment = ?5
             WHERE action_execution_id = ?1 AND status = 'PENDING'",
            rusqlite::params![approval.action_execution_id, status, self.now, by, comment],
        )?;
        if let Some(finish) = finish {
            if self.action_in_progress(&approval.action_execution_id)? {
                self.finish_action(&approval.action_execution_id, finish)?;
            }
        }
        self.ready_if_decided(&approval.execution_id)
    }

    fn action_in_progress(&self, action_execution_id: &str) -> Result<bool, StoreError> {
        let status: Option<A> = self
            .tx
            .query_row(
                "SELECT status FROM action_executions WHERE id = ?1",
                [action_execution_id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sql(e))?;
        Ok(status == Some(A::InProgress))
    }

    fn ready_if_decided(&mut self, execution_id: &str) -> Result<(), StoreError> {
        let pending: i64 = self
            .tx
            .query_row(
                "SELECT COUNT(*) FROM approvals WHERE execution_id = ?1 AND status = 'PENDING'",
                [execution_id],
                |r| r.get(0),
            )
            .map_err(|e| self.sql(e))?;
        if pending > 0 {
            return Ok(());
        }
        let parked = self.execute(
            "UPDATE executions SET parked = 'READY', wait_reason = NULL
             WHERE id = ?1 AND parked = 'WAITING' AND wait_reason = 'APPROVAL'
               AND status IN ('InProgress', 'Stopping')",
            [execution_id],
        )?;
        if parked > 0 {
            self.out.granted.push(execution_id.to_string());
        }
        Ok(())
    }

    /// When an execution ends (stopped, failed, superseded) with approvals still pending:
    /// they are cancelled and their actions abandoned.
    pub(crate) fn cancel_pending_approvals(
        &mut self,
        execution_id: &str,
        why: &str,
    ) -> Result<Vec<(String, i64)>, StoreError> {
        let pending = self.pending_of(execution_id)?;
        let mut stages = Vec::new();
        for approval in pending {
            self.execute(
                "UPDATE approvals SET status = 'CANCELLED', decided_time = ?2, comment = ?3
                 WHERE action_execution_id = ?1",
                (&approval.action_execution_id, &self.now, why),
            )?;
            if self.action_in_progress(&approval.action_execution_id)? {
                let mut finish = ActionFinish::failed(why, None);
                finish.status = A::Abandoned;
                self.finish_action(&approval.action_execution_id, &finish)?;
            }
            let attempt: i64 = self
                .tx
                .query_row(
                    "SELECT attempt FROM action_executions WHERE id = ?1",
                    [&approval.action_execution_id],
                    |r| r.get(0),
                )
                .map_err(|e| self.sql(e))?;
            let stage = (approval.stage_name.clone(), attempt);
            if !stages.contains(&stage) {
                stages.push(stage);
            }
        }
        Ok(stages)
    }

    fn pending_of(&self, execution_id: &str) -> Result<Vec<ApprovalRecord>, StoreError> {
        let mut stmt = self
            .tx
            .prepare(&format!(
                "{APPROVAL_SELECT} WHERE a.execution_id = ?1 AND a.status = 'PENDING'
                 ORDER BY a.requested_time"
            ))
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([execution_id], approval_from_row)
            .map_err(|e| self.sql(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql(e))
    }
}

impl Store {
    /// Record a pending approval for an action execution that has just started.
    pub fn request_approval(&mut self, new: &NewApproval) -> Result<(), StoreError> {
        self.write(|w| {
            w.execute(
                "INSERT INTO approvals (action_execution_id, execution_id, stage_name, action_name,
                    kind, requested_time, deadline, status, custom_data, external_link)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'PENDING', ?8, ?9)
                 -- A continued pause point whose action then failed and is held for
                 -- debugging: the hold replaces the pause's row.
                 ON CONFLICT (action_execution_id) DO UPDATE SET
                    kind = excluded.kind, requested_time = excluded.requested_time,
                    deadline = excluded.deadline, status = 'PENDING', decided_time = NULL,
                    decided_by = NULL, comment = NULL, custom_data = excluded.custom_data,
                    external_link = excluded.external_link",
                rusqlite::params![
                    new.action_execution_id,
                    new.execution_id,
                    new.stage_name,
                    new.action_name,
                    new.kind.as_str(),
                    w.now,
                    new.deadline,
                    new.custom_data,
                    new.external_link,
                ],
            )?;
            Ok(())
        })
    }

    /// Park the execution WAITING for its pending approvals, if it still has any (a decision
    /// may have come in while the rest of the group ran). Returns whether it was parked.
    pub fn park_for_approval(&mut self, execution_id: &str) -> Result<bool, StoreError> {
        self.write(|w| {
            let parked = w.execute(
                "UPDATE executions SET parked = 'WAITING', wait_reason = 'APPROVAL', next_stage = NULL
                 WHERE id = ?1 AND status IN ('InProgress', 'Stopping')
                   AND EXISTS (SELECT 1 FROM approvals
                               WHERE execution_id = ?1 AND status = 'PENDING')",
                [execution_id],
            )?;
            Ok(parked > 0)
        })
    }

    /// Approve or reject the pending approval of `stage/action` in an execution. The action
    /// ends Succeeded (approved) or Failed (rejected); the execution becomes READY (in
    /// `granted`) when it was parked for it.
    pub fn decide_approval(
        &mut self,
        execution_id: &str,
        stage: &str,
        action: &str,
        decision: &Decision,
    ) -> Result<(ApprovalRecord, Transition), StoreError> {
        self.write(|w| {
            let found = w
                .tx
                .query_row(
                    &format!(
                        "{APPROVAL_SELECT} WHERE a.execution_id = ?1 AND a.stage_name = ?2
                           AND a.action_name = ?3 ORDER BY a.requested_time DESC, a.rowid DESC LIMIT 1"
                    ),
                    (execution_id, stage, action),
                    approval_from_row,
                )
                .optional()
                .map_err(|e| w.sql(e))?;
            let Some(approval) = found else {
                let exists: bool = w
                    .tx
                    .query_row("SELECT 1 FROM executions WHERE id = ?1", [execution_id], |_| Ok(true))
                    .optional()
                    .map_err(|e| w.sql(e))?
                    .unwrap_or(false);
                if !exists {
                    return Err(execution_not_found(execution_id));
                }
                return Err(StoreError::new(
                    codes::NOT_FOUND,
                    format!("`{stage}/{action}` of execution {execution_id} has never waited for a decision; `pipewright execution {execution_id}` shows what it waits for"),
                ));
            };
            if approval.status != "PENDING" {
                let when = approval.decided_time.as_deref().unwrap_or("earlier");
                let by = approval
                    .decided_by
                    .as_deref()
                    .map(|b| format!(" by {b}"))
                    .unwrap_or_default();
                return Err(StoreError::new(
                    codes::INVALID_TRANSITION,
                    format!(
                        "`{stage}/{action}` of execution {execution_id} is no longer waiting: it was {}{by} at {when}",
                        approval.status.to_lowercase().replace('_', " ")
                    ),
                ));
            }
            let what = if approval.kind == "PAUSE" {
                "pause"
            } else {
                "approval"
            };
            let comment = decision.comment.as_deref().filter(|c| !c.trim().is_empty());
            let (status, finish) = if decision.approve {
                let finish = ActionFinish {
                    status: A::Succeeded,
                    ..ActionFinish::failed("", None)
                };
                let finish = ActionFinish {
                    error_summary: None,
                    ..finish
                };
                // Continuing past a pause lets its action run.
                ("APPROVED", (approval.kind != "PAUSE").then_some(finish))
            } else {
                let summary = match comment {
                    Some(c) => format!("{what} rejected by {}: {c}", decision.by),
                    None => format!("{what} rejected by {}", decision.by),
                };
                ("REJECTED", Some(ActionFinish::failed(summary, None)))
            };
            w.close_approval(
                &approval,
                status,
                Some(&decision.by),
                comment,
                finish.as_ref(),
            )?;
            let record = w
                .tx
                .query_row(
                    &format!("{APPROVAL_SELECT} WHERE a.action_execution_id = ?1"),
                    [&approval.action_execution_id],
                    approval_from_row,
                )
                .map_err(|e| w.sql(e))?;
            Ok((record, std::mem::take(&mut w.out)))
        })
    }

    /// Time out every pending approval whose deadline is at or before `now` (RFC 3339): its
    /// action fails, and executions parked for it become READY (in `granted`).
    pub fn expire_approvals(&mut self, now: &str) -> Result<Transition, StoreError> {
        self.write(|w| {
            let due: Vec<ApprovalRecord> = {
                let mut stmt =
                    w.tx.prepare(&format!(
                        "{APPROVAL_SELECT} WHERE a.status = 'PENDING' AND a.deadline IS NOT NULL
                           AND a.deadline <= ?1 ORDER BY a.deadline"
                    ))
                    .map_err(|e| w.sql(e))?;
                let rows = stmt
                    .query_map([now], approval_from_row)
                    .map_err(|e| w.sql(e))?;
                rows.collect::<Result<_, _>>().map_err(|e| w.sql(e))?
            };
            for approval in due {
                let summary = format!(
                    "the approval timed out: no decision between {} and {}",
                    approval.requested_time,
                    approval.deadline.as_deref().unwrap_or(now)
                );
                let finish = ActionFinish::failed(summary, None);
                w.close_approval(&approval, "TIMED_OUT", None, None, Some(&finish))?;
            }
            Ok(std::mem::take(&mut w.out))
        })
    }

    /// Every approval of an execution (pending and decided), oldest first.
    pub fn approvals_of(&self, execution_id: &str) -> Result<Vec<ApprovalRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "{APPROVAL_SELECT} WHERE a.execution_id = ?1 ORDER BY a.requested_time, a.rowid"
            ))
            .map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map([execution_id], approval_from_row)
            .map_err(|e| self.sql_err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql_err(e))
    }

    /// Every pending approval of every pipeline, oldest first.
    pub fn pending_approvals(&self) -> Result<Vec<ApprovalRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "{APPROVAL_SELECT} WHERE a.status = 'PENDING' ORDER BY a.requested_time, a.rowid"
            ))
            .map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map([], approval_from_row)
            .map_err(|e| self.sql_err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql_err(e))
    }

    /// The earliest deadline of a pending approval, if any (when to look again).
    pub fn next_approval_deadline(&self) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row(
                "SELECT MIN(deadline) FROM approvals WHERE status = 'PENDING'",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.sql_err(e))
    }
}
