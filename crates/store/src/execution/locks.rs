//! Stage locks (QUEUED and SUPERSEDED: one execution at a time in each stage) and parked
//! executions.
//!
//! An execution that cannot enter a stage is parked WAITING in the database, owned by no
//! process. Whoever frees the lock grants it, in the same transaction, to the oldest waiter
//! (QUEUED; SUPERSEDED has at most one), which becomes READY: the freeing process then
//! drives it on or hands it to a worker.

use super::rows::{load_execution, Header};
use super::status::PipelineExecutionStatus as P;
use super::types::{ExecutionRecord, ExecutionUpdate, Parked, StageEntry, Transition};
use super::{execution_not_found, invalid_transition, Writer};
use crate::error::StoreError;
use crate::Store;
use rusqlite::OptionalExtension;

const RUNNING: &str = "('InProgress', 'Stopping')";

impl Writer<'_> {
    /// Free every stage lock `h` holds, granting each to its next waiter.
    pub(crate) fn release_all_stage_locks(&mut self, h: &Header) -> Result<(), StoreError> {
        let stages: Vec<String> = {
            let mut stmt = self
                .tx
                .prepare("SELECT stage_name FROM stage_locks WHERE execution_id = ?1")
                .map_err(|e| self.sql(e))?;
            let rows = stmt
                .query_map([&h.id], |r| r.get(0))
                .map_err(|e| self.sql(e))?;
            rows.collect::<Result<_, _>>().map_err(|e| self.sql(e))?
        };
        for stage in stages {
            self.release_stage_lock(h, &stage)?;
        }
        Ok(())
    }

    fn release_stage_lock(&mut self, h: &Header, stage: &str) -> Result<(), StoreError> {
        let freed = self.execute(
            "DELETE FROM stage_locks WHERE pipeline_id = ?1 AND stage_name = ?2 AND execution_id = ?3",
            (h.pipeline_id, stage, &h.id),
        )?;
        if freed == 0 {
            return Ok(());
        }
        let next: Option<String> = self
            .tx
            .query_row(
                &format!(
                    "SELECT id FROM executions
                     WHERE pipeline_id = ?1 AND parked = 'WAITING' AND next_stage = ?2
                       AND COALESCE(wait_reason, 'STAGE_LOCK') = 'STAGE_LOCK'
                       AND status IN {RUNNING}
                     ORDER BY rowid LIMIT 1"
                ),
                (h.pipeline_id, stage),
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sql(e))?;
        if let Some(next) = next {
            self.execute(
                "INSERT INTO stage_locks (pipeline_id, stage_name, execution_id, acquired_time)
                 VALUES (?1, ?2, ?3, ?4)",
                (h.pipeline_id, stage, &next, &self.now),
            )?;
            self.execute(
                "UPDATE executions SET parked = 'READY' WHERE id = ?1",
                [&next],
            )?;
            self.out.granted.push(next);
        }
        Ok(())
    }

    /// Waiters for `stage` other than `h`, as (id, start order).
    fn waiters(&self, h: &Header, stage: &str) -> Result<Vec<(String, i64)>, StoreError> {
        let mut stmt = self
            .tx
            .prepare(&format!(
                "SELECT id, rowid FROM executions
                 WHERE pipeline_id = ?1 AND parked = 'WAITING' AND next_stage = ?2
                       AND COALESCE(wait_reason, 'STAGE_LOCK') = 'STAGE_LOCK' AND id <> ?3
                   AND status IN {RUNNING}
                 ORDER BY rowid"
            ))
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map((h.pipeline_id, stage, &h.id), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .map_err(|e| self.sql(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql(e))
    }

    fn supersede(&mut self, id: &str, by: &str) -> Result<(), StoreError> {
        let h = self.header(id)?;
        let update = ExecutionUpdate::new(P::Superseded).because(
            "superseded",
            format!("superseded by the newer execution {by} while waiting to enter a stage"),
        );
        self.set_execution_status(&h, &update)
    }
}

impl Store {
    /// Try to enter `stage` of the execution's pipeline. PARALLEL needs no lock. QUEUED and
    /// SUPERSEDED take the stage lock when it is free (or already theirs); otherwise the
    /// execution is parked WAITING for it, and in SUPERSEDED mode only the newest waiter
    /// remains: older ones become Superseded.
    pub fn enter_stage(
        &mut self,
        execution_id: &str,
        stage: &str,
    ) -> Result<StageEntry, StoreError> {
        self.write(|w| {
            let h = w.header(execution_id)?;
            if !h.status.is_running() {
                return Err(invalid_transition(
                    &format!("execution {execution_id}"),
                    h.status.as_str(),
                    &format!("stage `{stage}`"),
                ));
            }
            if w.held_at_transition(h.pipeline_id, execution_id, stage)? {
                w.execute(
                    "UPDATE executions SET parked = 'WAITING', wait_reason = 'TRANSITION', next_stage = ?2
                     WHERE id = ?1",
                    (execution_id, stage),
                )?;
                return Ok(StageEntry::Waiting {
                    transition: std::mem::take(&mut w.out),
                });
            }
            let holder: Option<String> = if h.execution_mode == "PARALLEL" {
                None
            } else {
                w.tx.query_row(
                    "SELECT execution_id FROM stage_locks WHERE pipeline_id = ?1 AND stage_name = ?2",
                    (h.pipeline_id, stage),
                    |r| r.get(0),
                )
                .optional()
                .map_err(|e| w.sql(e))?
            };
            if holder.as_deref().is_none_or(|id| id == execution_id) {
                if h.execution_mode != "PARALLEL" {
                    w.execute(
                        "INSERT OR IGNORE INTO stage_locks (pipeline_id, stage_name, execution_id, acquired_time)
                         VALUES (?1, ?2, ?3, ?4)",
                        (h.pipeline_id, stage, execution_id, &w.now),
                    )?;
                }
                w.execute(
                    "UPDATE executions SET parked = NULL, wait_reason = NULL WHERE id = ?1",
                    [execution_id],
                )?;
                return Ok(StageEntry::Entered);
            }
            if h.execution_mode == "SUPERSEDED" {
                let waiters = w.waiters(&h, stage)?;
                if let Some((newer, _)) = waiters.iter().find(|(_, order)| *order > h.order) {
                    let newer = newer.clone();
                    w.supersede(execution_id, &newer)?;
                    return Ok(StageEntry::Superseded {
                        transition: std::mem::take(&mut w.out),
                    });
                }
                for (older, _) in waiters {
                    w.supersede(&older, execution_id)?;
                }
            }
            w.execute(
                "UPDATE executions SET parked = 'WAITING', wait_reason = 'STAGE_LOCK', next_stage = ?2
                 WHERE id = ?1",
                (execution_id, stage),
            )?;
            Ok(StageEntry::Waiting {
                transition: std::mem::take(&mut w.out),
            })
        })
    }

    /// Leave `stage`: free its lock and grant it to the next waiter (in `granted`).
    pub fn leave_stage(
        &mut self,
        execution_id: &str,
        stage: &str,
    ) -> Result<Transition, StoreError> {
        self.write(|w| {
            let h = w.header(execution_id)?;
            w.release_stage_lock(&h, stage)?;
            Ok(std::mem::take(&mut w.out))
        })
    }

    /// Park a running execution READY for another process (a worker) to drive.
    pub fn park_ready(&mut self, execution_id: &str) -> Result<(), StoreError> {
        self.write(|w| {
            let h = w.header(execution_id)?;
            if !h.status.is_running() {
                return Err(invalid_transition(
                    &format!("execution {execution_id}"),
                    h.status.as_str(),
                    "parked",
                ));
            }
            w.execute(
                "UPDATE executions SET parked = 'READY' WHERE id = ?1 AND parked IS NULL",
                [execution_id],
            )?;
            Ok(())
        })
    }

    /// Take a READY execution over (it is no longer parked) and return it. A WAITING one
    /// stays WAITING (its place in the queue is kept) until it enters its stage.
    pub fn take_over(&mut self, execution_id: &str) -> Result<ExecutionRecord, StoreError> {
        self.write(|w| {
            w.execute(
                "UPDATE executions SET parked = NULL WHERE id = ?1 AND parked = 'READY'",
                [execution_id],
            )?;
            load_execution(&w.tx, execution_id)
                .map_err(|e| w.sql(e))?
                .ok_or_else(|| execution_not_found(execution_id))
        })
    }

    /// Running executions parked READY (a granted stage lock, or handed over), oldest first:
    /// someone should drive them.
    pub fn ready_executions(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT id FROM executions WHERE parked = ?1 AND status IN {RUNNING} ORDER BY rowid"
            ))
            .map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map([Parked::Ready.as_str()], |r| r.get(0))
            .map_err(|e| self.sql_err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql_err(e))
    }

    /// The stage locks of a pipeline, as (stage name, execution id), by stage name.
    pub fn stage_locks(&self, pipeline_name: &str) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT l.stage_name, l.execution_id FROM stage_locks l
                 JOIN pipelines p ON p.id = l.pipeline_id WHERE p.name = ?1 ORDER BY l.stage_name",
            )
            .map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map([pipeline_name], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.sql_err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql_err(e))
    }
}
