//! Reruns: a new execution of an old execution's pipeline version and variables that starts
//! at a later stage. The stages before it are not run again: their latest (succeeded)
//! records are copied into the new execution, with the artifact revisions and output
//! variables they produced, so later stages read them exactly as in the old execution.

use super::types::{ExecutionRecord, NewExecution, Transition};
use super::{execution_not_found, Writer};
use crate::error::{codes, StoreError};
use crate::Store;
use rusqlite::OptionalExtension;

impl Writer<'_> {
    /// Copy the latest attempt of `stage` of `old` (it must have succeeded) into `new`.
    fn copy_stage(&mut self, old: &str, new: &str, stage: &str) -> Result<(), StoreError> {
        let latest: Option<(i64, i64, String, String, String)> = self
            .tx
            .query_row(
                "SELECT attempt, stage_index, status, start_time, last_update_time
                 FROM stage_executions WHERE execution_id = ?1 AND stage_name = ?2
                 ORDER BY attempt DESC LIMIT 1",
                (old, stage),
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()
            .map_err(|e| self.sql(e))?;
        let Some((attempt, index, status, start, end)) = latest else {
            return Err(StoreError::new(
                codes::INVALID_TRANSITION,
                format!("stage `{stage}` never ran in execution {old}: rerun from `{stage}` or an earlier stage"),
            ));
        };
        if status != "Succeeded" {
            return Err(StoreError::new(
                codes::INVALID_TRANSITION,
                format!("stage `{stage}` ended {status} in execution {old}: rerun from `{stage}` or an earlier stage"),
            ));
        }
        self.execute(
            "INSERT INTO stage_executions
               (execution_id, stage_name, stage_index, attempt, status, start_time,
                last_update_time, status_reason)
             VALUES (?1, ?2, ?3, 1, 'Succeeded', ?4, ?5, ?6)",
            rusqlite::params![
                new,
                stage,
                index,
                start,
                end,
                format!("reused from execution {old} (attempt {attempt})")
            ],
        )?;
        let actions: Vec<String> = {
            let mut stmt = self
                .tx
                .prepare(
                    "SELECT a.id FROM action_executions a
                     WHERE a.execution_id = ?1 AND a.stage_name = ?2 AND a.status = 'Succeeded'
                       AND a.attempt = (SELECT MAX(b.attempt) FROM action_executions b
                                        WHERE b.execution_id = a.execution_id
                                          AND b.stage_name = a.stage_name
                                          AND b.action_name = a.action_name)",
                )
                .map_err(|e| self.sql(e))?;
            let rows = stmt
                .query_map((old, stage), |r| r.get(0))
                .map_err(|e| self.sql(e))?;
            rows.collect::<Result<_, _>>().map_err(|e| self.sql(e))?
        };
        for id in actions {
            let copy = uuid_like(&id, new);
            self.execute(
                "INSERT INTO action_executions
                   (id, execution_id, stage_name, action_name, attempt, category, owner, provider,
                    provider_version, status, start_time, last_update_time, exit_code,
                    error_summary, container_id, image, log_path, output_variables,
                    external_execution_url, external_execution_summary)
                 SELECT ?2, ?3, stage_name, action_name, 1, category, owner, provider,
                    provider_version, status, start_time, last_update_time, exit_code,
                    error_summary, container_id, image, log_path, output_variables,
                    external_execution_url, external_execution_summary
                 FROM action_executions WHERE id = ?1",
                (&id, &copy, new),
            )?;
            self.execute(
                "INSERT INTO action_artifacts
                   (action_execution_id, direction, name, digest, size, file_count)
                 SELECT ?2, direction, name, digest, size, file_count
                 FROM action_artifacts WHERE action_execution_id = ?1",
                (&id, &copy),
            )?;
        }
        Ok(())
    }
}

/// A new action execution id for a copy: stable for (old id, new execution), unique.
fn uuid_like(old_action: &str, new_execution: &str) -> String {
    use std::collections::hash_map::DefaultHasher;
    use std::hash::{Hash, Hasher};
    let mut h = DefaultHasher::new();
    (old_action, new_execution).hash(&mut h);
    let a = h.finish();
    (new_execution, old_action, 1u8).hash(&mut h);
    let b = h.finish();
    let hex = format!("{a:016x}{b:016x}");
    format!(
        "{}-{}-4{}-8{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..32]
    )
}

impl Store {
    /// Create `new` (InProgress) as a rerun of `old` that starts after `reused` stages: their
    /// latest records (each must have succeeded) are copied in, and so are `old`'s source
    /// revisions. `new` must be on `old`'s pipeline version.
    pub fn create_rerun(
        &mut self,
        new: &NewExecution,
        old: &str,
        reused: &[String],
    ) -> Result<(ExecutionRecord, Transition), StoreError> {
        let previous = self.get_execution(old)?;
        if previous.pipeline_name != new.pipeline_name
            || previous.pipeline_version != new.pipeline_version
        {
            return Err(StoreError::new(
                codes::INVALID_TRANSITION,
                "a rerun runs on the pipeline version of the execution it reruns",
            ));
        }
        self.write(|w| {
            let record = w.insert_execution(new)?;
            for stage in reused {
                w.copy_stage(old, &new.id, stage)?;
            }
            if !reused.is_empty() {
                w.execute(
                    "UPDATE executions SET source_revisions =
                       (SELECT source_revisions FROM executions WHERE id = ?2)
                     WHERE id = ?1",
                    (&new.id, old),
                )?;
            }
            // Reload: the copies may have set its branch.
            let record = super::rows::load_execution(&w.tx, &record.id)
                .map_err(|e| w.sql(e))?
                .ok_or_else(|| execution_not_found(&new.id))?;
            Ok((record, std::mem::take(&mut w.out)))
        })
    }
}
