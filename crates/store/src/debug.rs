//! Local debugging of a pipeline's runs, kept beside it (not in its definition: changing them
//! saves no new version):
//!
//! - "pause before" points: an execution reaching a marked action waits before running it
//!   (a pending `PAUSE` approval) until someone continues;
//! - keeping failed containers: when a container action fails, its container is kept (as a
//!   debug container, recorded on the action execution) and the execution holds until
//!   debugging ends, so a terminal can be opened into it.

use crate::error::{codes, StoreError};
use crate::Store;
use rusqlite::OptionalExtension;

pub(crate) const MIGRATION: &str = r#"
    CREATE TABLE pause_points (
        pipeline_id INTEGER NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
        stage_name  TEXT NOT NULL,
        action_name TEXT NOT NULL,
        created     TEXT NOT NULL,
        PRIMARY KEY (pipeline_id, stage_name, action_name)
    );

    CREATE TABLE debug_settings (
        pipeline_id            INTEGER PRIMARY KEY REFERENCES pipelines(id) ON DELETE CASCADE,
        keep_failed_containers INTEGER NOT NULL CHECK (keep_failed_containers IN (0, 1))
    );

    -- The container kept after the action failed (NULL once removed).
    ALTER TABLE action_executions ADD COLUMN debug_container_id TEXT;
    CREATE INDEX action_executions_debug ON action_executions(debug_container_id)
        WHERE debug_container_id IS NOT NULL;
"#;

/// A pipeline's debug settings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DebugSettings {
    /// `(stage, action)` marked "pause before", in the order of the latest version.
    pub pause_points: Vec<(String, String)>,
    pub keep_failed_containers: bool,
}

/// A kept container whose debugging has ended (no pending decision holds it): to remove.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndedDebugContainer {
    pub action_execution_id: String,
    pub container_id: String,
}

impl Store {
    /// The debug settings of `pipeline`. Pause points of actions its latest version no longer
    /// has are left out (they come back if the action does).
    pub fn debug_settings(&self, pipeline: &str) -> Result<DebugSettings, StoreError> {
        let id = self.pipeline_id(pipeline)?;
        let keep: Option<i64> = self
            .conn
            .query_row(
                "SELECT keep_failed_containers FROM debug_settings WHERE pipeline_id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sql_err(e))?;
        let marked: Vec<(String, String)> = {
            let mut stmt = self
                .conn
                .prepare("SELECT stage_name, action_name FROM pause_points WHERE pipeline_id = ?1")
                .map_err(|e| self.sql_err(e))?;
            let rows = stmt
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(|e| self.sql_err(e))?;
            rows.collect::<Result<_, _>>()
                .map_err(|e| self.sql_err(e))?
        };
        let latest = self.get_pipeline(pipeline, None)?;
        let mut pause_points = Vec::new();
        for stage in &latest.document.pipeline.stages {
            for action in &stage.actions {
                let point = (stage.name.clone(), action.name.clone());
                if marked.contains(&point) {
                    pause_points.push(point);
                }
            }
        }
        Ok(DebugSettings {
            pause_points,
            keep_failed_containers: keep == Some(1),
        })
    }

    /// Mark (or unmark) `stage/action` of `pipeline`'s latest version "pause before".
    pub fn set_pause_before(
        &mut self,
        pipeline: &str,
        stage: &str,
        action: &str,
        paused: bool,
    ) -> Result<DebugSettings, StoreError> {
        let id = self.pipeline_id(pipeline)?;
        let latest = self.get_pipeline(pipeline, None)?;
        let stage_decl = latest
            .document
            .pipeline
            .stages
            .iter()
            .find(|s| s.name == stage)
            .ok_or_else(|| {
                StoreError::new(
                    codes::NOT_FOUND,
                    format!("`{pipeline}` has no stage `{stage}`"),
                )
            })?;
        if !stage_decl.actions.iter().any(|a| a.name == action) {
            return Err(StoreError::new(
                codes::NOT_FOUND,
                format!("stage `{stage}` of `{pipeline}` has no action `{action}`"),
            ));
        }
        self.write(|w| {
            if paused {
                w.execute(
                    "INSERT OR IGNORE INTO pause_points (pipeline_id, stage_name, action_name, created)
                     VALUES (?1, ?2, ?3, ?4)",
                    rusqlite::params![id, stage, action, w.now],
                )?;
            } else {
                w.execute(
                    "DELETE FROM pause_points
                     WHERE pipeline_id = ?1 AND stage_name = ?2 AND action_name = ?3",
                    rusqlite::params![id, stage, action],
                )?;
            }
            Ok(())
        })?;
        self.debug_settings(pipeline)
    }

    /// Turn keeping failed containers on or off for `pipeline`.
    pub fn set_keep_failed_containers(
        &mut self,
        pipeline: &str,
        keep: bool,
    ) -> Result<DebugSettings, StoreError> {
        let id = self.pipeline_id(pipeline)?;
        self.write(|w| {
            w.execute(
                "INSERT INTO debug_settings (pipeline_id, keep_failed_containers) VALUES (?1, ?2)
                 ON CONFLICT (pipeline_id) DO UPDATE SET keep_failed_containers = excluded.keep_failed_containers",
                rusqlite::params![id, keep as i64],
            )?;
            Ok(())
        })?;
        self.debug_settings(pipeline)
    }

    /// Whether executions of `pipeline` pause before `stage/action` (read when it starts).
    pub fn pauses_before(
        &self,
        pipeline: &str,
        stage: &str,
        action: &str,
    ) -> Result<bool, StoreError> {
        self.conn
            .query_row(
                "SELECT 1 FROM pause_points pp JOIN pipelines p ON p.id = pp.pipeline_id
                 WHERE p.name = ?1 AND pp.stage_name = ?2 AND pp.action_name = ?3",
                (pipeline, stage, action),
                |_| Ok(true),
            )
            .optional()
            .map(|found| found.unwrap_or(false))
            .map_err(|e| self.sql_err(e))
    }

    /// Whether `pipeline` keeps the containers of failed actions.
    pub fn keeps_failed_containers(&self, pipeline: &str) -> Result<bool, StoreError> {
        self.conn
            .query_row(
                "SELECT d.keep_failed_containers FROM debug_settings d
                 JOIN pipelines p ON p.id = d.pipeline_id WHERE p.name = ?1",
                [pipeline],
                |r| r.get::<_, i64>(0),
            )
            .optional()
            .map(|v| v == Some(1))
            .map_err(|e| self.sql_err(e))
    }

    /// Record (or clear, with `None`) the container kept for debugging an action execution.
    pub fn set_debug_container(
        &mut self,
        action_execution_id: &str,
        container_id: Option<&str>,
    ) -> Result<(), StoreError> {
        self.write(|w| {
            w.execute(
                "UPDATE action_executions SET debug_container_id = ?2 WHERE id = ?1",
                (action_execution_id, container_id),
            )?;
            Ok(())
        })
    }

    /// The container kept for debugging an action execution, if one is.
    pub fn debug_container(&self, action_execution_id: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row(
                "SELECT debug_container_id FROM action_executions WHERE id = ?1",
                [action_execution_id],
                |r| r.get(0),
            )
            .optional()
            .map(Option::flatten)
            .map_err(|e| self.sql_err(e))
    }

    /// Kept containers no pending decision holds any more (debugging ended: continued,
    /// timed out, or the execution was stopped or ended), of one execution or of all.
    pub fn ended_debug_containers(
        &self,
        execution_id: Option<&str>,
    ) -> Result<Vec<EndedDebugContainer>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT ae.id, ae.debug_container_id FROM action_executions ae
                 WHERE ae.debug_container_id IS NOT NULL
                   AND (?1 IS NULL OR ae.execution_id = ?1)
                   AND NOT EXISTS (SELECT 1 FROM approvals a
                                   WHERE a.action_execution_id = ae.id AND a.status = 'PENDING')
                   -- Not in the moment between keeping it and asking for the hold.
                   AND (EXISTS (SELECT 1 FROM approvals a WHERE a.action_execution_id = ae.id)
                        OR EXISTS (SELECT 1 FROM executions e WHERE e.id = ae.execution_id
                                   AND e.status NOT IN ('InProgress', 'Stopping')))",
            )
            .map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map([execution_id], |r| {
                Ok(EndedDebugContainer {
                    action_execution_id: r.get(0)?,
                    container_id: r.get(1)?,
                })
            })
            .map_err(|e| self.sql_err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql_err(e))
    }
}
