//! One attempt of a stage: its actions by runOrder group, ascending; the actions of a
//! group run concurrently. A failed action fails the stage: the rest of its group finishes,
//! later groups do not start. A retry of failed actions reruns only the actions whose
//! latest execution did not succeed, reusing the others' outputs.

use super::action::{run_action, ActionRun};
use super::drive::Drive;
use super::progress::Progress;
use super::EngineError;
use crate::model::{
    ActionExecutionStatus, RetryMode, RetryTrigger, StageExecutionStatus, DEFAULT_RUN_ORDER,
};
use pipewright_core::model::StageDeclaration;
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

impl Drive {
    pub(crate) async fn run_stage(
        &mut self,
        index: usize,
        retry: Option<(RetryMode, RetryTrigger)>,
    ) -> Result<StageOutcome, EngineError> {
        let doc = self.doc.clone();
        let stage = &doc.pipeline.stages[index];
        let name = stage.name.as_str();
        let id = self.execution.id.clone();
        let (record, transition) = self
            .engine
            .db(|s| s.start_stage(&id, name, index as i64, retry))?;
        self.engine.announce(transition);
        let attempt = record.attempt;

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
            let progress = Arc::new(Progress::new(self.engine.db(|s| s.action_executions(&id))?));
            let mut tasks = JoinSet::new();
            for action_index in group {
                tasks.spawn(run_action(ActionRun {
                    engine: self.engine.clone(),
                    execution: self.execution.clone(),
                    doc: doc.clone(),
                    stage_index: index,
                    action_index,
                    attempt,
                    progress: progress.clone(),
                    abandon: self.stop.abandon_signal(),
                }));
            }
            let mut ticker = tokio::time::interval(self.engine.inner.config.stop_poll_interval);
            ticker.set_missed_tick_behavior(MissedTickBehavior::Delay);
            ticker.tick().await;
            loop {
                tokio::select! {
                    joined = tasks.join_next() => match joined {
                        None => break,
                        Some(Ok(Ok(outcome))) => {
                            if outcome.status != ActionExecutionStatus::Succeeded {
                                failures.push(outcome.summary);
                            }
                        }
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
