//! Reruns: a new execution on an old execution's pipeline version, with its variables, that
//! starts at a chosen stage and reuses what the old execution's earlier stages produced
//! (their artifacts, output variables and source revisions). Artifacts are checked first:
//! when retention removed one a later stage needs, the rerun is refused with a clear note.

use super::{codes, Engine, EngineError};
use crate::artifacts::ArtifactStore;
use crate::model::{ExecutionId, Trigger};
use crate::ownership;
use pipewright_core::model::{PipelineDocument, StageDeclaration};
use pipewright_store::execution::{ActionExecutionStatus, NewExecution};

/// Where "Rerun" starts when no stage is named: after the leading stages made only of Source
/// actions, so the rerun has the same source revisions.
pub fn default_rerun_stage(doc: &PipelineDocument) -> Option<&StageDeclaration> {
    let stages = &doc.pipeline.stages;
    stages
        .iter()
        .find(|s| {
            s.actions
                .iter()
                .any(|a| a.action_type_id.category != "Source")
        })
        .or(stages.first())
}

impl Engine {
    /// Start a rerun of `old_id` from `from_stage` (default: [`default_rerun_stage`]). Kept by
    /// this engine until [`Engine::drive`] (or [`Engine::release`]), as [`Engine::start`].
    pub async fn start_rerun(
        &self,
        old_id: &str,
        from_stage: Option<&str>,
    ) -> Result<ExecutionId, EngineError> {
        ownership::check_id(old_id)?;
        let old = self.db(|s| s.get_execution(old_id))?;
        let doc = self
            .db(|s| s.get_pipeline(&old.pipeline_name, Some(old.pipeline_version)))?
            .document;
        let stages = &doc.pipeline.stages;
        let from = match from_stage {
            Some(name) => stages.iter().position(|s| s.name == name).ok_or_else(|| {
                let names: Vec<&str> = stages.iter().map(|s| s.name.as_str()).collect();
                EngineError::new(
                    codes::STAGE_UNKNOWN,
                    format!(
                        "version {} of `{}` has no stage `{name}` (its stages: {})",
                        old.pipeline_version,
                        old.pipeline_name,
                        names.join(", ")
                    ),
                )
            })?,
            None => default_rerun_stage(&doc)
                .and_then(|d| stages.iter().position(|s| s.name == d.name))
                .unwrap_or(0),
        };
        let reused: Vec<String> = stages[..from].iter().map(|s| s.name.clone()).collect();
        self.check_reused_artifacts(old_id, &doc, from)?;

        let id = uuid::Uuid::new_v4().to_string();
        let guard = ownership::try_acquire(self.data_dir(), &id)?.ok_or_else(|| {
            EngineError::new(
                codes::OWNED,
                format!("the new execution {id} is locked already"),
            )
        })?;
        let from_name = stages.get(from).map(|s| s.name.as_str()).unwrap_or("");
        let new = NewExecution {
            id: id.clone(),
            pipeline_name: old.pipeline_name.clone(),
            pipeline_version: old.pipeline_version,
            trigger: Trigger::manual(Some(format!("rerun of {old_id} from {from_name}"))),
            variables: old.variables.clone(),
        };
        let (_, transition) = self.db(|s| s.create_rerun(&new, old_id, &reused))?;
        self.owned().insert(id.clone(), guard);
        self.announce(transition);
        Ok(id)
    }

    /// Every artifact the stages from `from` on read that a reused stage produced must still
    /// be kept.
    fn check_reused_artifacts(
        &self,
        old_id: &str,
        doc: &PipelineDocument,
        from: usize,
    ) -> Result<(), EngineError> {
        let stages = &doc.pipeline.stages;
        let reused: Vec<&str> = stages[..from].iter().map(|s| s.name.as_str()).collect();
        let needed: Vec<&str> = stages[from..]
            .iter()
            .flat_map(|s| s.actions.iter())
            .flat_map(|a| a.input_artifacts.iter().flatten())
            .map(|a| a.name.as_str())
            .collect();
        let records = self.db(|s| s.action_executions(old_id))?;
        let store = ArtifactStore::open(&self.data_dir().join("artifacts"))
            .map_err(|e| EngineError::new(e.kind.code(), e.message))?;
        let mut missing = Vec::new();
        for r in records.iter().filter(|r| {
            r.status == ActionExecutionStatus::Succeeded && reused.contains(&r.stage_name.as_str())
        }) {
            for out in &r.outputs {
                if needed.contains(&out.name.as_str()) && !store.exists(&out.digest) {
                    missing.push(format!(
                        "{} (from {}/{})",
                        out.name, r.stage_name, r.action_name
                    ));
                }
            }
        }
        if missing.is_empty() {
            return Ok(());
        }
        missing.sort();
        missing.dedup();
        Err(EngineError::new(
            codes::ARTIFACTS_REMOVED,
            format!(
                "retention has removed artifacts of execution {old_id} that the rerun needs: {}; rerun from an earlier stage (or keep more executions: `pipewright config set artifacts.keepExecutions N`)",
                missing.join(", ")
            ),
        ))
    }
}
