//! Execution records: the engine's state machine, persisted.
//!
//! - [`status`]: the API's status enums and the one mapping to EventBridge states.
//! - Transitions (`executions`, `stages`, `actions`): each one IMMEDIATE transaction that
//!   updates the row AND appends its event, so every state is in SQLite before anyone is
//!   told; they return a [`Transition`] with the appended events for the caller to announce.
//! - `locks`: stage locks (QUEUED, SUPERSEDED) and parked executions; `stop`: stop requests
//!   any process writes and the owner picks up; `recovery`: executions whose owner died.
//! - `queries` and [`shapes`]: listings shaped like the CodePipeline API for CLI and app;
//!   `gc`: the artifact digests still in use.

mod actions;
pub mod approvals;
mod events;
mod executions;
mod gc;
pub mod history;
mod locks;
pub mod metrics;
mod queries;
mod recovery;
mod rerun;
mod rows;
pub mod shapes;
mod stages;
pub mod status;
mod stop;
pub mod transitions;
mod types;

pub use recovery::INTERRUPTED;
pub use status::{
    ActionExecutionStatus, DetailType, EventState, EventStatus, PipelineExecutionStatus, RetryMode,
    RetryTrigger, StageExecutionStatus, UnknownValue,
};
pub use types::*;

use crate::error::{codes, StoreError};
use crate::{now_rfc3339, Store};
use rusqlite::{Transaction, TransactionBehavior};
use std::path::Path;

/// One write transaction of a transition: the time it happens at, and what it appended.
pub(crate) struct Writer<'a> {
    pub tx: Transaction<'a>,
    db: &'a Path,
    pub now: String,
    pub out: Transition,
}

impl Writer<'_> {
    pub fn sql(&self, e: rusqlite::Error) -> StoreError {
        StoreError::from_sqlite(e, self.db)
    }

    pub fn execute<P: rusqlite::Params>(&self, sql: &str, params: P) -> Result<usize, StoreError> {
        self.tx.execute(sql, params).map_err(|e| self.sql(e))
    }
}

impl Store {
    /// Run `f` in one IMMEDIATE transaction; commit when it succeeds, roll back otherwise.
    pub(crate) fn write<T>(
        &mut self,
        f: impl FnOnce(&mut Writer<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let db = self.db_path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::from_sqlite(e, &db))?;
        let mut w = Writer {
            tx,
            db: &db,
            now: now_rfc3339(),
            out: Transition::default(),
        };
        let value = f(&mut w)?;
        let Writer { tx, .. } = w;
        tx.commit().map_err(|e| StoreError::from_sqlite(e, &db))?;
        Ok(value)
    }
}

pub(crate) fn execution_not_found(id: &str) -> StoreError {
    StoreError::new(
        codes::NOT_FOUND,
        format!("there is no execution `{id}`; `pipewright executions NAME` lists them"),
    )
}

pub(crate) fn invalid_transition(what: &str, from: &str, to: &str) -> StoreError {
    StoreError::new(
        codes::INVALID_TRANSITION,
        format!("{what} cannot go from {from} to {to}"),
    )
}

#[cfg(test)]
pub(crate) mod rows_for_tests {
    pub fn load(conn: &rusqlite::Connection, id: &str) -> super::ExecutionRecord {
        super::rows::load_execution(conn, id).unwrap().unwrap()
    }
}
