//! The append-only event log: one row per transition, written by the transition's own
//! transaction, with EventBridge's detail-type, state and detail object.

use super::rows::{to_json, Header};
use super::status::{EventState, EventStatus};
use super::types::{ActionType, EventRecord};
use super::{execution_not_found, Writer};
use crate::error::StoreError;
use crate::Store;
use rusqlite::Row;
use serde_json::{json, Map, Value};

/// Where in the execution a transition happened.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct At<'a> {
    pub stage: Option<&'a str>,
    pub action: Option<(&'a str, &'a ActionType)>,
}

impl<'a> At<'a> {
    pub fn pipeline() -> Self {
        Self::default()
    }

    pub fn stage(stage: &'a str) -> Self {
        Self {
            stage: Some(stage),
            action: None,
        }
    }

    pub fn action(stage: &'a str, action: &'a str, action_type: &'a ActionType) -> Self {
        Self {
            stage: Some(stage),
            action: Some((action, action_type)),
        }
    }
}

fn detail(h: &Header, at: At<'_>, state: EventState) -> Value {
    let mut d = Map::new();
    d.insert("pipeline".into(), json!(h.pipeline_name));
    d.insert("execution-id".into(), json!(h.id));
    if let Some(stage) = at.stage {
        d.insert("stage".into(), json!(stage));
    }
    if let Some((action, _)) = at.action {
        d.insert("action".into(), json!(action));
    }
    d.insert("state".into(), json!(state.as_str()));
    if let Some((_, t)) = at.action {
        d.insert(
            "type".into(),
            json!({"owner": t.owner, "provider": t.provider, "category": t.category, "version": t.version}),
        );
    }
    if at.stage.is_none() {
        d.insert(
            "execution-trigger".into(),
            json!({"trigger-type": h.trigger.trigger_type, "trigger-detail": h.trigger.trigger_detail}),
        );
    }
    d.insert("version".into(), json!(h.pipeline_version));
    Value::Object(d)
}

impl Writer<'_> {
    /// Append the event a transition into `status` announces (none for a status EventBridge
    /// has no state for), and touch the execution's `last_update_time`.
    pub(crate) fn announce<S: EventStatus>(
        &mut self,
        h: &Header,
        at: At<'_>,
        status: S,
        resumed: bool,
    ) -> Result<(), StoreError> {
        self.execute(
            "UPDATE executions SET last_update_time = ?2 WHERE id = ?1",
            (&h.id, &self.now),
        )?;
        let Some(state) = status.event_state(resumed) else {
            return Ok(());
        };
        let detail = detail(h, at, state);
        let stage = at.stage.map(str::to_string);
        let action = at.action.map(|(a, _)| a.to_string());
        self.execute(
            "INSERT INTO events
               (time, detail_type, state, execution_id, pipeline_name, stage_name, action_name, detail)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            rusqlite::params![
                self.now,
                S::DETAIL_TYPE,
                state,
                h.id,
                h.pipeline_name,
                stage,
                action,
                to_json(&detail)
            ],
        )?;
        let seq = self.tx.last_insert_rowid();
        self.out.events.push(EventRecord {
            seq,
            time: self.now.clone(),
            detail_type: S::DETAIL_TYPE,
            state,
            execution_id: h.id.clone(),
            pipeline_name: h.pipeline_name.clone(),
            stage_name: stage,
            action_name: action,
            detail,
        });
        Ok(())
    }
}

const EVENT_SELECT: &str = "SELECT seq, time, detail_type, state, execution_id, pipeline_name,
                                   stage_name, action_name, detail FROM events";

fn event_from_row(row: &Row<'_>) -> rusqlite::Result<EventRecord> {
    Ok(EventRecord {
        seq: row.get(0)?,
        time: row.get(1)?,
        detail_type: row.get(2)?,
        state: row.get(3)?,
        execution_id: row.get(4)?,
        pipeline_name: row.get(5)?,
        stage_name: row.get(6)?,
        action_name: row.get(7)?,
        detail: super::rows::json_col(row, 8)?,
    })
}

impl Store {
    /// Every event of an execution, in the order they were appended.
    pub fn execution_events(&self, execution_id: &str) -> Result<Vec<EventRecord>, StoreError> {
        if super::rows::load_header(&self.conn, execution_id)
            .map_err(|e| self.sql_err(e))?
            .is_none()
        {
            return Err(execution_not_found(execution_id));
        }
        let mut stmt = self
            .conn
            .prepare(&format!(
                "{EVENT_SELECT} WHERE execution_id = ?1 ORDER BY seq"
            ))
            .map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map([execution_id], event_from_row)
            .map_err(|e| self.sql_err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql_err(e))
    }

    /// Events of every execution appended after `after_seq` (0 for all), oldest first, at
    /// most `limit`: for followers in other processes and, later, notification rules.
    pub fn events_after(
        &self,
        after_seq: i64,
        limit: usize,
    ) -> Result<Vec<EventRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "{EVENT_SELECT} WHERE seq > ?1 ORDER BY seq LIMIT ?2"
            ))
            .map_err(|e| self.sql_err(e))?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt
            .query_map((after_seq, limit), event_from_row)
            .map_err(|e| self.sql_err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql_err(e))
    }
}
