//! Disabled stage transitions: executions wait before the stage (parked, owned by no
//! process); enabling the transition moves them on through this engine's handoff.

use super::{Engine, EngineError};
use pipewright_store::execution::transitions::DisabledTransition;

impl Engine {
    /// Disable the transition into `stage`, with a reason (who: the OS user).
    pub fn disable_transition(
        &self,
        pipeline: &str,
        stage: &str,
        reason: &str,
    ) -> Result<(), EngineError> {
        let by = super::approval::current_user();
        self.db(|s| s.disable_transition(pipeline, stage, reason, &by))
    }

    /// Enable the transition into `stage`; returns how many waiting executions go on.
    pub fn enable_transition(&self, pipeline: &str, stage: &str) -> Result<usize, EngineError> {
        let transition = self.db(|s| s.enable_transition(pipeline, stage))?;
        let count = transition.granted.len();
        self.announce(transition);
        Ok(count)
    }

    pub fn disabled_transitions(
        &self,
        pipeline: &str,
    ) -> Result<Vec<DisabledTransition>, EngineError> {
        self.db(|s| s.disabled_transitions(pipeline))
    }
}
