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

#[cfg(test)]
mod tests {
    use crate::execution::{ExecutionUpdate, NewExecution, PipelineExecutionStatus, Trigger};
    use crate::{SaveBase, Store};

    #[test]
    fn the_last_event_seq_follows_the_log() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        assert_eq!(store.last_event_seq().unwrap(), 0);
        let doc = serde_json::from_value(serde_json::json!({"pipeline": {
            "name": "p",
            "stages": [{"name": "Source", "actions": [{"name": "Src", "runOrder": 1,
                "actionTypeId": {"category": "Source", "owner": "Custom", "provider": "Directory", "version": "1"}}]}]
        }}))
        .unwrap();
        store.save_pipeline(&doc, true, SaveBase::New).unwrap();
        let (_, started) = store
            .create_execution(&NewExecution {
                id: "e1".into(),
                pipeline_name: "p".into(),
                pipeline_version: 1,
                trigger: Trigger::manual(None),
                variables: vec![],
            })
            .unwrap();
        assert_eq!(store.last_event_seq().unwrap(), started.events[0].seq);
        let ended = store
            .update_execution("e1", &ExecutionUpdate::new(PipelineExecutionStatus::Failed))
            .unwrap();
        let last = ended.events.last().unwrap().seq;
        assert!(last > started.events[0].seq);
        assert_eq!(store.last_event_seq().unwrap(), last);
        // Nothing after the end of the log.
        assert!(store.events_after(last, 10).unwrap().is_empty());
    }
}
