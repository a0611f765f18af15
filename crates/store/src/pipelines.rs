//! Pipelines as immutable versions. Each save appends version `latest + 1` in one IMMEDIATE
//! transaction; rows in `pipeline_versions` are never updated (a trigger refuses it).

use crate::error::{codes, StoreError};
use crate::{now_rfc3339, Store};
use pipewright_core::api::PipelineSummary;
use pipewright_core::PipelineDocument;
use rusqlite::{OptionalExtension, Row, TransactionBehavior};
use serde::Serialize;

/// What a save is based on (optimistic concurrency).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveBase {
    /// A new pipeline: the name must not exist yet (`E_EXISTS`).
    New,
    /// Append a version on top of whatever the latest is, creating the pipeline when needed
    /// (import).
    Latest,
    /// An edit of this version: the latest must still be it, else `E_CONFLICT`.
    Version(i64),
}

/// A stored version with its document (whose `pipeline.version` is the version number).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredPipeline {
    /// For a specific version: `version`, `valid`, the type, mode and counts are that
    /// version's, and `updated` is when that version was saved.
    pub summary: PipelineSummary,
    pub document: PipelineDocument,
}

/// One version in a pipeline's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionInfo {
    pub version: i64,
    /// RFC 3339 UTC
    pub created: String,
    pub valid: bool,
}

/// What a delete removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Deleted {
    pub versions: i64,
    pub executions: i64,
}

const SUMMARY_SELECT: &str = "
    SELECT p.name, v.version, v.pipeline_type, v.execution_mode, p.created, v.created, v.valid,
           v.stage_count, v.action_count,
           (SELECT COUNT(*) FROM executions e WHERE e.pipeline_id = p.id)
    FROM pipelines p JOIN pipeline_versions v ON v.pipeline_id = p.id";

fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<PipelineSummary> {
    Ok(PipelineSummary {
        name: row.get(0)?,
        version: row.get(1)?,
        pipeline_type: row.get(2)?,
        execution_mode: row.get(3)?,
        created: row.get(4)?,
        updated: row.get(5)?,
        valid: row.get(6)?,
        stage_count: row.get(7)?,
        action_count: row.get(8)?,
        execution_count: row.get(9)?,
    })
}

fn not_found(name: &str) -> StoreError {
    StoreError::new(
        codes::NOT_FOUND,
        format!("there is no pipeline named `{name}`"),
    )
}

impl Store {
    /// The row id of pipeline `name`, or E_NOT_FOUND.
    pub(crate) fn pipeline_id(&self, name: &str) -> Result<i64, StoreError> {
        self.conn
            .query_row("SELECT id FROM pipelines WHERE name = ?1", [name], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.sql_err(e))?
            .ok_or_else(|| not_found(name))
    }

    /// The latest version of every pipeline, by name.
    pub fn list_pipelines(&self) -> Result<Vec<PipelineSummary>, StoreError> {
        let sql = format!(
            "{SUMMARY_SELECT}
             WHERE v.version = (SELECT MAX(version) FROM pipeline_versions WHERE pipeline_id = p.id)
             ORDER BY p.name COLLATE NOCASE, p.name"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map([], summary_from_row)
            .map_err(|e| self.sql_err(e))?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sql_err(e))
    }

    /// A version of a pipeline (the latest when `version` is `None`).
    pub fn get_pipeline(
        &self,
        name: &str,
        version: Option<i64>,
    ) -> Result<StoredPipeline, StoreError> {
        let base = SUMMARY_SELECT.replacen("FROM pipelines p", ", v.document FROM pipelines p", 1);
        let found = match version {
            None => self.conn.query_row(
                &format!("{base} WHERE p.name = ?1 ORDER BY v.version DESC LIMIT 1"),
                [name],
                |r| Ok((summary_from_row(r)?, r.get::<_, String>(10)?)),
            ),
            Some(v) => self.conn.query_row(
                &format!("{base} WHERE p.name = ?1 AND v.version = ?2"),
                (name, v),
                |r| Ok((summary_from_row(r)?, r.get::<_, String>(10)?)),
            ),
        }
        .optional()
        .map_err(|e| self.sql_err(e))?;
        let Some((summary, json)) = found else {
            return Err(match (version, self.latest_version(name)?) {
                (Some(v), Some(latest)) => StoreError::new(
                    codes::NOT_FOUND,
                    format!(
                        "pipeline `{name}` has no version {v} (its versions are 1 to {latest})"
                    ),
                ),
                _ => not_found(name),
            });
        };
        let document: PipelineDocument = serde_json::from_str(&json).map_err(|e| {
            StoreError::new(
                codes::DB_CORRUPT,
                format!(
                    "version {} of `{name}` in {} cannot be read ({e}); the database is damaged",
                    summary.version,
                    self.db_path.display()
                ),
            )
        })?;
        Ok(StoredPipeline { summary, document })
    }

    /// Every version of a pipeline, oldest first.
    pub fn list_versions(&self, name: &str) -> Result<Vec<VersionInfo>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT v.version, v.created, v.valid FROM pipeline_versions v
                 JOIN pipelines p ON p.id = v.pipeline_id WHERE p.name = ?1 ORDER BY v.version",
            )
            .map_err(|e| self.sql_err(e))?;
        let versions = stmt
            .query_map([name], |r| {
                Ok(VersionInfo {
                    version: r.get(0)?,
                    created: r.get(1)?,
                    valid: r.get(2)?,
                })
            })
            .map_err(|e| self.sql_err(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sql_err(e))?;
        if versions.is_empty() {
            return Err(not_found(name));
        }
        Ok(versions)
    }

    /// Save `doc` as a new version of the pipeline named `doc.pipeline.name`; `valid` is the
    /// verdict of validation, kept with the version. Returns the new version's summary.
    pub fn save_pipeline(
        &mut self,
        doc: &PipelineDocument,
        valid: bool,
        base: SaveBase,
    ) -> Result<PipelineSummary, StoreError> {
        let name = doc.pipeline.name.as_str();
        if name.trim().is_empty() {
            return Err(StoreError::new(
                codes::INVALID_NAME,
                "the pipeline has no name; give it one before saving",
            ));
        }
        let now = now_rfc3339();
        let pipeline_type = doc
            .pipeline
            .pipeline_type
            .clone()
            .unwrap_or_else(|| "V1".to_string());
        let execution_mode = doc
            .pipeline
            .execution_mode
            .clone()
            .unwrap_or_else(|| "SUPERSEDED".to_string());
        let stage_count = doc.pipeline.stages.len() as i64;
        let action_count: i64 = doc
            .pipeline
            .stages
            .iter()
            .map(|s| s.actions.len() as i64)
            .sum();

        let db_path = self.db_path.clone();
        let err = |e: rusqlite::Error| StoreError::from_sqlite(e, &db_path);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let existing: Option<(i64, String, i64)> = tx
            .query_row(
                "SELECT p.id, p.created, (SELECT MAX(version) FROM pipeline_versions WHERE pipeline_id = p.id)
                 FROM pipelines p WHERE p.name = ?1",
                [name],
                |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, Option<i64>>(2)?.unwrap_or(0))),
            )
            .optional()
            .map_err(err)?;
        match (base, &existing) {
            (SaveBase::New, Some((_, _, latest))) => {
                return Err(StoreError::new(
                    codes::EXISTS,
                    format!("a pipeline named `{name}` already exists (version {latest}); choose another name"),
                ))
            }
            (SaveBase::Version(edited), None) => {
                return Err(StoreError::new(
                    codes::CONFLICT,
                    format!("`{name}` was deleted elsewhere (you edited version {edited}); save it under a new name or import it again"),
                ))
            }
            (SaveBase::Version(edited), Some((_, _, latest))) if *latest != edited => {
                return Err(StoreError::new(
                    codes::CONFLICT,
                    format!(
                        "`{name}` was changed elsewhere (now version {latest}, you edited version {edited}); reload it and apply your changes again"
                    ),
                ))
            }
            _ => {}
        }
        let (pipeline_id, created, version) = match existing {
            Some((id, created, latest)) => (id, created, latest + 1),
            None => {
                tx.execute(
                    "INSERT INTO pipelines (name, created) VALUES (?1, ?2)",
                    (name, &now),
                )
                .map_err(err)?;
                (tx.last_insert_rowid(), now.clone(), 1)
            }
        };
        let mut stored = doc.clone();
        stored.pipeline.version = Some(version);
        let json = serde_json::to_string(&stored).map_err(|e| {
            StoreError::new(
                codes::DB,
                format!("the pipeline `{name}` cannot be stored as JSON: {e}"),
            )
        })?;
        tx.execute(
            "INSERT INTO pipeline_versions
               (pipeline_id, version, created, valid, pipeline_type, execution_mode, stage_count, action_count, document)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            rusqlite::params![pipeline_id, version, now, valid, pipeline_type, execution_mode, stage_count, action_count, json],
        )
        .map_err(err)?;
        let execution_count: i64 = tx
            .query_row(
                "SELECT COUNT(*) FROM executions WHERE pipeline_id = ?1",
                [pipeline_id],
                |r| r.get(0),
            )
            .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(PipelineSummary {
            name: name.to_string(),
            version,
            pipeline_type,
            execution_mode,
            created,
            updated: now,
            valid,
            stage_count,
            action_count,
            execution_count,
        })
    }

    /// Delete a pipeline with all its versions and everything hanging off it (executions…).
    pub fn delete_pipeline(&mut self, name: &str) -> Result<(), StoreError> {
        self.delete_pipeline_counted(name).map(|_| ())
    }

    /// Like [`Store::delete_pipeline`], and says how much went with it.
    pub fn delete_pipeline_counted(&mut self, name: &str) -> Result<Deleted, StoreError> {
        let db_path = self.db_path.clone();
        let err = |e: rusqlite::Error| StoreError::from_sqlite(e, &db_path);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let counts: Option<(i64, i64, i64)> = tx
            .query_row(
                "SELECT p.id,
                        (SELECT COUNT(*) FROM pipeline_versions WHERE pipeline_id = p.id),
                        (SELECT COUNT(*) FROM executions WHERE pipeline_id = p.id)
                 FROM pipelines p WHERE p.name = ?1",
                [name],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(err)?;
        let Some((id, versions, executions)) = counts else {
            return Err(not_found(name));
        };
        tx.execute("DELETE FROM pipelines WHERE id = ?1", [id])
            .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(Deleted {
            versions,
            executions,
        })
    }

    fn latest_version(&self, name: &str) -> Result<Option<i64>, StoreError> {
        self.conn
            .query_row(
                "SELECT MAX(v.version) FROM pipeline_versions v JOIN pipelines p ON p.id = v.pipeline_id WHERE p.name = ?1",
                [name],
                |r| r.get::<_, Option<i64>>(0),
            )
            .map_err(|e| self.sql_err(e))
    }
}
