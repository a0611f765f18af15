//! One attempt of a stage: its actions by runOrder group, ascending; the actions of a
//! group run concurrently. A failed action fails the stage: the rest of its group finishes,
//! later groups do not start. A retry of failed actions reruns only the actions whose
//! latest execution did not succeed, reusing the others' outputs.
//!
//! A Manual approval leaves its action InProgress: when its group has nothing else running
//! the stage returns [`StageOutcome::AwaitingApproval`] (the execution is parked). Driven
//! again after the decision, the stage resumes its attempt: actions already recorded in it
//! are not run again, and a rejected or timed-out approval fails the stage.

use super::action::{run_action, ActionRun};
use super::drive::Drive;
use super::progress::Progress;
use super::EngineError;
use crate::model::{
    ActionExecutionStatus, RetryMode, RetryTrigger, StageExecutionStatus, DEFAULT_RUN_ORDER,
};
use pipewright_core::model::StageDeclaration;
use pipewright_store::execution::approvals::ApprovalRecord;
use pipewright_store::execution::ActionExecutionRecord;
use std::collections::BTreeMap;
use std::sync::Arc;
use tokio::task::JoinSet;
use tokio::time::MissedTickBehavior;

/// How a stage attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum StageOutcome {
    Succeeded,
    Failed {
        summary: String,
    },
    /// Stopped on request (the execution is Stopped too).
    Stopped,
    /// A Manual approval waits for a decision; the execution is parked.
    AwaitingApproval,
}

/// Indexes of the actions to run, by runOrder ascending.
fn groups(stage: &StageDeclaration, run: impl Fn(&str) -> bool) -> BTreeMap<i64, Vec<usize>> {
    let mut groups: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    for (i, action) in stage.actions.iter().enumerate() {
        if run(&action.name) {
            groups
                .entry(action.run_order.unwrap_or(DEFAULT_RUN_ORDER))
                .or_default()
                .push(i);
        }
    }
    groups
}

/// The execution of `stage/action` in `attempt`, if it has one.
fn in_attempt<'a>(
    records: &'a [ActionExecutionRecord],
    stage: &str,
    action: &str,
    attempt: i64,
) -> Option<&'a ActionExecutionRecord> {
    records
        .iter()
        .filter(|r| r.stage_name == stage && r.action_name == action && r.attempt == attempt)
        .max_by(|a, b| a.start_time.cmp(&b.start_time))
}

/// Action executions whose pause point was continued (they run when their stage resumes).
fn continued_pauses(approvals: &[ApprovalRecord]) -> Vec<String> {
    approvals
        .iter()
        .filter(|a| a.kind == "PAUSE" && a.status == "APPROVED")
        .map(|a| a.action_execution_id.clone())
        .collect()
}

impl Drive {
    /// The attempt of `stage` still in progress (parked for an approval, now driven on).
    fn attempt_to_resume(&self, stage: &str) -> Result<Option<i64>, EngineError> {
        let id = self.execution.id.clone();
        let latest = self
            .engine
            .db(|s| s.stage_executions(&id))?
            .into_iter()
            .filter(|r| r.stage_name == stage)
            .max_by_key(|r| r.attempt);
        Ok(latest
            .filter(|r| {
                matches!(
                    r.status,
                    StageExecutionStatus::InProgress | StageExecutionStatus::Stopping
                )
            })
            .map(|r| r.attempt))
    }

    pub(crate) async fn run_stage(
        &mut self,
        index: usize,
        retry: Option<(RetryMode, RetryTrigger)>,
    ) -> Result<StageOutcome, EngineError> {
        let doc = self.doc.clone();
        let stage = &doc.pipeline.stages[index];
        let name = stage.name.as_str();
        let id = self.execution.id.clone();
        let resumed = match retry {
            Some(_) => None,
            None => self.attempt_to_resume(name)?,
        };
        if resumed.is_some() {
            // Debugging may have ended while it was parked: its kept containers go now.
            if let Err(e) = self.engine.remove_ended_debug_containers(Some(&id)).await {
                tracing::warn!(execution = %id, "removing kept debug containers failed: {e}");
            }
        }
        let attempt = match resumed {
            Some(attempt) => attempt,
            None => {
                let (record, transition) = self
                    .engine
                    .db(|s| s.start_stage(&id, name, index as i64, retry))?;
                self.engine.announce(transition);
                record.attempt
            }
        };

        let before = Progress::new(self.engine.db(|s| s.action_executions(&id))?);
        let only_failed = matches!(retry, Some((RetryMode::FailedActions, _)));
        let groups = groups(stage, |action| {
            !(only_failed && before.succeeded(name, action))
        });

        let mut failures: Vec<String> = Vec::new();
        let mut engine_error: Option<EngineError> = None;
        for (_, group) in groups {
            if self.stop.poll(Some((name, attempt)))? {
                self.stop.finish(Some((name, attempt)))?;
                return Ok(StageOutcome::Stopped);
            }
            let records = self.engine.db(|s| s.action_executions(&id))?;
            // Only an attempt with an action still InProgress (resumed) can have a pause.
            let resuming = records.iter().any(|r| {
                r.stage_name == name
                    && r.attempt == attempt
                    && r.status == ActionExecutionStatus::InProgress
            });
            let continued = if resuming {
                continued_pauses(&self.engine.db(|s| s.approvals_of(&id))?)
            } else {
                Vec::new()
            };
            // Actions this attempt already ran (a resumed attempt): their outcome counts,
            // they are not run again; a continued pause point runs now.
            let mut pending = 0usize;
            let mut held = 0usize;
            let mut to_run = Vec::new();
            for action_index in group {
                let action = stage.actions[action_index].name.as_str();
                match in_attempt(&records, name, action, attempt) {
                    None => to_run.push((action_index, None)),
                    Some(r) => match r.status {
                        ActionExecutionStatus::Succeeded => {}
                        ActionExecutionStatus::InProgress if continued.contains(&r.id) => {
                            to_run.push((action_index, Some(r.id.clone())))
                        }
                        ActionExecutionStatus::InProgress => pending += 1,
                        _ => failures.push(r.error_summary.clone().unwrap_or_else(|| {
                            format!("action `{name}/{action}` ended {}", r.status.as_str())
                        })),
                    },
                }
            }
            let progress = Arc::new(Progress::new(records));
            let mut tasks = JoinSet::new();
            for (action_index, resume) in to_run {
                tasks.spawn(run_action(ActionRun {
                    engine: self.engine.clone(),
                    execution: self.execution.clone(),
                    doc: doc.clone(),
                    stage_index: index,
                    action_index,
                    attempt,
                    progress: progress.clone(),
                    abandon: self.stop.abandon_signal(),
                    resume,
                }));
            }
            let mut ticker = tokio::time::interval(self.engine.inner.config.stop_poll_interval);
            ticker.set_missed_tick_behavior(MissedTickBehavior::Delay);
            ticker.tick().await;
            loop {
                tokio::select! {
                    joined = tasks.join_next() => match joined {
                        None => break,
                        Some(Ok(Ok(outcome))) => match outcome.status {
                            ActionExecutionStatus::Succeeded => {}
                            ActionExecutionStatus::InProgress => pending += 1,
                            _ => {
                                held += usize::from(outcome.held);
                                failures.push(outcome.summary)
                            }
                        },
                        Some(Ok(Err(e))) => {
                            failures.push(e.to_string());
                            engine_error.get_or_insert(e);
                        }
                        Some(Err(e)) => failures.push(format!("an action task ended abnormally: {e}")),
                    },
                    _ = ticker.tick() => {
                        // A failing poll must not orphan running actions; try again next tick.
                        if let Err(e) = self.stop.poll(Some((name, attempt))) {
                            tracing::warn!(execution = %id, "looking for stop requests failed: {e}");
                        }
                    }
                }
            }
            if let Some(e) = engine_error {
                return Err(e);
            }
            if self.stop.poll(Some((name, attempt)))? {
                self.stop.finish(Some((name, attempt)))?;
                return Ok(StageOutcome::Stopped);
            }
            // A kept container holds the execution even though its stage will fail.
            if held > 0 && self.engine.db(|s| s.park_for_approval(&id))? {
                return Ok(StageOutcome::AwaitingApproval);
            }
            if failures.is_empty() && pending > 0 {
                if self.engine.db(|s| s.park_for_approval(&id))? {
                    return Ok(StageOutcome::AwaitingApproval);
                }
                // Decided while the rest of the group ran: read how.
                let records = self.engine.db(|s| s.action_executions(&id))?;
                for r in records
                    .iter()
                    .filter(|r| r.stage_name == name && r.attempt == attempt)
                {
                    if !matches!(
                        r.status,
                        ActionExecutionStatus::Succeeded | ActionExecutionStatus::InProgress
                    ) {
                        failures.push(r.error_summary.clone().unwrap_or_else(|| {
                            format!(
                                "action `{name}/{}` ended {}",
                                r.action_name,
                                r.status.as_str()
                            )
                        }));
                    }
                }
            }
            if !failures.is_empty() {
                let summary = failures.join("; ");
                self.engine.commit(|s| {
                    s.update_stage(
                        &id,
                        name,
                        attempt,
                        StageExecutionStatus::Failed,
                        Some(&summary),
                    )
                })?;
                return Ok(StageOutcome::Failed { summary });
            }
        }
        self.engine.commit(|s| {
            s.update_stage(&id, name, attempt, StageExecutionStatus::Succeeded, None)
        })?;
        Ok(StageOutcome::Succeeded)
    }
}
