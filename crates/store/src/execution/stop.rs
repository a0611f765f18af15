//! Stop requests: rows any process writes; the execution's owner polls them, marks them
//! handled and stops the execution.

use super::execution_not_found;
use super::rows::load_header;
use super::types::StopRequest;
use crate::error::{codes, StoreError};
use crate::Store;

impl Store {
    /// Ask the owner of a running execution to stop it: let in-progress actions finish, or
    /// with `abandon` cancel them.
    pub fn request_stop(
        &mut self,
        execution_id: &str,
        abandon: bool,
        reason: Option<&str>,
    ) -> Result<StopRequest, StoreError> {
        self.write(|w| {
            let h = w.header(execution_id)?;
            if !h.status.is_running() {
                return Err(StoreError::new(
                    codes::NOT_RUNNING,
                    format!(
                        "execution {execution_id} is {}; only an InProgress execution can be stopped",
                        h.status
                    ),
                ));
            }
            w.execute(
                "INSERT INTO stop_requests (execution_id, abandon, reason, requested_time)
                 VALUES (?1, ?2, ?3, ?4)",
                (execution_id, abandon, reason, &w.now),
            )?;
            Ok(StopRequest {
                id: w.tx.last_insert_rowid(),
                execution_id: execution_id.to_string(),
                abandon,
                reason: reason.map(str::to_string),
                requested_time: w.now.clone(),
            })
        })
    }

    /// The stop requests of an execution not handled yet, oldest first; they are marked
    /// handled in the same transaction.
    pub fn take_stop_requests(
        &mut self,
        execution_id: &str,
    ) -> Result<Vec<StopRequest>, StoreError> {
        self.write(|w| {
            let requests: Vec<StopRequest> = {
                let mut stmt = w
                    .tx
                    .prepare_cached(
                        "SELECT id, execution_id, abandon, reason, requested_time FROM stop_requests
                         WHERE execution_id = ?1 AND handled_time IS NULL ORDER BY id",
                    )
                    .map_err(|e| w.sql(e))?;
                let rows = stmt
                    .query_map([execution_id], |r| {
                        Ok(StopRequest {
                            id: r.get(0)?,
                            execution_id: r.get(1)?,
                            abandon: r.get(2)?,
                            reason: r.get(3)?,
                            requested_time: r.get(4)?,
                        })
                    })
                    .map_err(|e| w.sql(e))?;
                rows.collect::<Result<_, _>>().map_err(|e| w.sql(e))?
            };
            if !requests.is_empty() {
                w.execute(
                    "UPDATE stop_requests SET handled_time = ?2
                     WHERE execution_id = ?1 AND handled_time IS NULL",
                    (execution_id, &w.now),
                )?;
            }
            Ok(requests)
        })
    }

    /// True when a stop request of the execution waits to be handled (cheap; no write).
    pub fn has_pending_stop(&self, execution_id: &str) -> Result<bool, StoreError> {
        if load_header(&self.conn, execution_id)
            .map_err(|e| self.sql_err(e))?
            .is_none()
        {
            return Err(execution_not_found(execution_id));
        }
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM stop_requests WHERE execution_id = ?1 AND handled_time IS NULL)",
                [execution_id],
                |r| r.get(0),
            )
            .map_err(|e| self.sql_err(e))
    }
}
