//! What an execution has done so far, read back from the store: the latest execution of
//! every action, hence the artifacts and variables upstream actions produced. Reading it
//! from the store (not memory) makes retries and resumed executions see exactly what was
//! recorded.

use crate::variables::Namespaces;
use pipewright_core::model::PipelineDocument;
use pipewright_store::execution::{ActionExecutionRecord, ActionExecutionStatus, ArtifactRecord};
use std::collections::HashMap;

#[derive(Debug, Default)]
pub(crate) struct Progress {
    /// The latest execution of each (stage, action).
    latest: HashMap<(String, String), ActionExecutionRecord>,
}

impl Progress {
    /// From every action execution of an execution, in the order they started.
    pub fn new(records: Vec<ActionExecutionRecord>) -> Self {
        let mut latest: HashMap<(String, String), ActionExecutionRecord> = HashMap::new();
        for r in records {
            let key = (r.stage_name.clone(), r.action_name.clone());
            match latest.get(&key) {
                Some(prev) if prev.attempt > r.attempt => {}
                _ => {
                    latest.insert(key, r);
                }
            }
        }
        Self { latest }
    }

    pub fn latest(&self, stage: &str, action: &str) -> Option<&ActionExecutionRecord> {
        self.latest.get(&(stage.to_string(), action.to_string()))
    }

    pub fn succeeded(&self, stage: &str, action: &str) -> bool {
        self.latest(stage, action)
            .is_some_and(|r| r.status == ActionExecutionStatus::Succeeded)
    }

    fn succeeded_records(&self) -> impl Iterator<Item = &ActionExecutionRecord> {
        self.latest
            .values()
            .filter(|r| r.status == ActionExecutionStatus::Succeeded)
    }

    /// The revision of an artifact, from the action that produced it.
    pub fn artifact(&self, name: &str) -> Option<&ArtifactRecord> {
        self.succeeded_records()
            .flat_map(|r| r.outputs.iter())
            .find(|a| a.name == name)
    }

    /// Output variables of succeeded actions that declare a namespace.
    pub fn namespaces(&self, doc: &PipelineDocument) -> Namespaces {
        let mut out = Namespaces::new();
        for stage in &doc.pipeline.stages {
            for action in &stage.actions {
                let Some(ns) = &action.namespace else {
                    continue;
                };
                if let Some(r) = self
                    .latest(&stage.name, &action.name)
                    .filter(|r| r.status == ActionExecutionStatus::Succeeded)
                {
                    out.insert(ns.clone(), r.output_variables.clone());
                }
            }
        }
        out
    }
}
