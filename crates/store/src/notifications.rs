//! What the app's notification watcher reads besides settings: where the event log ends, so
//! that events from before the app started are not announced again.

use crate::error::StoreError;
use crate::Store;

impl Store {
    /// The `seq` of the newest event (0 when there is none yet).
    pub fn last_event_seq(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("SELECT COALESCE(MAX(seq), 0) FROM events", [], |r| r.get(0))
            .map_err(|e| self.sql_err(e))
    }
}
