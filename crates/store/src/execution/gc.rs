//! Which artifact revisions and lock files are still in use, for the retention pass.

use crate::error::StoreError;
use crate::Store;
use std::collections::HashSet;

impl Store {
    /// Every revision digest that must be kept: consumed or produced by the newest `keep`
    /// executions of each pipeline or by any execution still running, plus every revision a
    /// Deploy action consumed successfully (what is deployed, and what a rollback needs).
    pub fn digests_in_use(&self, keep: usize) -> Result<HashSet<String>, StoreError> {
        let keep = i64::try_from(keep).unwrap_or(i64::MAX);
        let mut stmt = self
            .conn
            .prepare(
                "WITH ranked AS (
                     SELECT id, status,
                            ROW_NUMBER() OVER (PARTITION BY pipeline_id
                                               ORDER BY start_time DESC, rowid DESC) AS n
                     FROM executions
                 ),
                 kept AS (
                     SELECT id FROM ranked WHERE n <= ?1 OR status IN ('InProgress', 'Stopping')
                 )
                 SELECT DISTINCT aa.digest FROM action_artifacts aa
                 JOIN action_executions ae ON ae.id = aa.action_execution_id
                 WHERE ae.execution_id IN (SELECT id FROM kept)
                    OR (ae.category = 'Deploy' AND ae.status = 'Succeeded' AND aa.direction = 'input')",
            )
            .map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map([keep], |r| r.get::<_, String>(0))
            .map_err(|e| self.sql_err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql_err(e))
    }

    /// Ids of every execution that has ended (no longer InProgress or Stopping).
    pub fn ended_execution_ids(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM executions WHERE status NOT IN ('InProgress', 'Stopping')")
            .map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(|e| self.sql_err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql_err(e))
    }
}
