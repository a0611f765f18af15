//! Reading execution rows: the SELECTs and their mapping to records, shared by queries and
//! transitions (which run them inside their transaction).

use super::status::{PipelineExecutionStatus, RetryMode, RetryTrigger};
use super::types::{
    ActionExecutionRecord, ActionType, ArtifactRecord, ExecutionRecord, Parked,
    StageExecutionRecord, Trigger,
};
use rusqlite::types::Type;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::de::DeserializeOwned;

/// A JSON column, or a conversion error naming it.
pub(crate) fn json_col<T: DeserializeOwned>(row: &Row<'_>, idx: usize) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    serde_json::from_str(&text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(e)))
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    // Plain structs, strings and maps always serialize.
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_string())
}

fn parse_col<T: std::str::FromStr>(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<T>>
where
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let text: Option<String> = row.get(idx)?;
    text.map(|t| {
        t.parse::<T>()
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(e)))
    })
    .transpose()
}

fn retry_cols(row: &Row<'_>, mode: usize) -> rusqlite::Result<Option<(RetryMode, RetryTrigger)>> {
    let m = parse_col::<RetryMode>(row, mode)?;
    let t = parse_col::<RetryTrigger>(row, mode + 1)?;
    Ok(m.map(|m| (m, t.unwrap_or(RetryTrigger::ManualStageRetry))))
}

pub(crate) const EXECUTION_SELECT: &str = "
    SELECT e.id, p.name, e.pipeline_version, e.execution_mode, e.status, e.status_reason,
           e.status_summary, e.start_time, e.last_update_time, e.trigger_type, e.trigger_detail,
           e.variables, e.source_revisions, e.parked, e.next_stage, e.retry_mode, e.retry_trigger
    FROM executions e JOIN pipelines p ON p.id = e.pipeline_id";

pub(crate) fn execution_from_row(row: &Row<'_>) -> rusqlite::Result<ExecutionRecord> {
    let parked: Option<String> = row.get(13)?;
    Ok(ExecutionRecord {
        id: row.get(0)?,
        pipeline_name: row.get(1)?,
        pipeline_version: row.get(2)?,
        execution_mode: row.get(3)?,
        status: row.get(4)?,
        status_reason: row.get(5)?,
        status_summary: row.get(6)?,
        start_time: row.get(7)?,
        last_update_time: row.get(8)?,
        trigger: Trigger {
            trigger_type: row.get(9)?,
            trigger_detail: row.get(10)?,
        },
        variables: json_col(row, 11)?,
        source_revisions: json_col(row, 12)?,
        parked: parked.as_deref().and_then(Parked::parse),
        next_stage: row.get(14)?,
        retry: retry_cols(row, 15)?,
    })
}

pub(crate) fn load_execution(
    conn: &Connection,
    id: &str,
) -> rusqlite::Result<Option<ExecutionRecord>> {
    conn.query_row(
        &format!("{EXECUTION_SELECT} WHERE e.id = ?1"),
        [id],
        execution_from_row,
    )
    .optional()
}

/// What a transition needs to know about its execution.
#[derive(Debug, Clone)]
pub(crate) struct Header {
    pub id: String,
    pub pipeline_id: i64,
    pub pipeline_name: String,
    pub pipeline_version: i64,
    pub execution_mode: String,
    pub status: PipelineExecutionStatus,
    pub trigger: Trigger,
    /// Start order among executions (rowid): earlier is older.
    pub order: i64,
}

pub(crate) fn load_header(conn: &Connection, id: &str) -> rusqlite::Result<Option<Header>> {
    conn.query_row(
        "SELECT e.id, e.pipeline_id, p.name, e.pipeline_version, e.execution_mode, e.status,
                e.trigger_type, e.trigger_detail, e.rowid
         FROM executions e JOIN pipelines p ON p.id = e.pipeline_id WHERE e.id = ?1",
        [id],
        |r| {
            Ok(Header {
                id: r.get(0)?,
                pipeline_id: r.get(1)?,
                pipeline_name: r.get(2)?,
                pipeline_version: r.get(3)?,
                execution_mode: r.get(4)?,
                status: r.get(5)?,
                trigger: Trigger {
                    trigger_type: r.get(6)?,
                    trigger_detail: r.get(7)?,
                },
                order: r.get(8)?,
            })
        },
    )
    .optional()
}

pub(crate) const STAGE_SELECT: &str = "
    SELECT execution_id, stage_name, stage_index, attempt, status, start_time, last_update_time,
           status_reason, retry_mode, retry_trigger
    FROM stage_executions";

pub(crate) fn stage_from_row(row: &Row<'_>) -> rusqlite::Result<StageExecutionRecord> {
    Ok(StageExecutionRecord {
        execution_id: row.get(0)?,
        stage_name: row.get(1)?,
        stage_index: row.get(2)?,
        attempt: row.get(3)?,
        status: row.get(4)?,
        start_time: row.get(5)?,
        last_update_time: row.get(6)?,
        status_reason: row.get(7)?,
        retry: retry_cols(row, 8)?,
    })
}

pub(crate) const ACTION_SELECT: &str = "
    SELECT id, execution_id, stage_name, action_name, attempt, category, owner, provider,
           provider_version, status, start_time, last_update_time, exit_code, error_summary,
           container_id, image, log_path, output_variables, external_execution_url,
           external_execution_summary, debug_container_id
    FROM action_executions";

/// An action row without its artifacts (see [`load_artifacts`]).
pub(crate) fn action_from_row(row: &Row<'_>) -> rusqlite::Result<ActionExecutionRecord> {
    Ok(ActionExecutionRecord {
        id: row.get(0)?,
        execution_id: row.get(1)?,
        stage_name: row.get(2)?,
        action_name: row.get(3)?,
        attempt: row.get(4)?,
        action_type: ActionType {
            category: row.get(5)?,
            owner: row.get(6)?,
            provider: row.get(7)?,
            version: row.get(8)?,
        },
        status: row.get(9)?,
        start_time: row.get(10)?,
        last_update_time: row.get(11)?,
        exit_code: row.get(12)?,
        error_summary: row.get(13)?,
        container_id: row.get(14)?,
        image: row.get(15)?,
        log_path: row.get(16)?,
        output_variables: json_col(row, 17)?,
        external_execution_url: row.get(18)?,
        external_execution_summary: row.get(19)?,
        debug_container_id: row.get(20)?,
        inputs: Vec::new(),
        outputs: Vec::new(),
    })
}

/// Fill in the inputs and outputs of `actions`.
pub(crate) fn load_artifacts(
    conn: &Connection,
    actions: &mut [ActionExecutionRecord],
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT direction, name, digest, size, file_count FROM action_artifacts
         WHERE action_execution_id = ?1 ORDER BY rowid",
    )?;
    for action in actions.iter_mut() {
        let rows = stmt.query_map([&action.id], |r| {
            let direction: String = r.get(0)?;
            Ok((
                direction,
                ArtifactRecord {
                    name: r.get(1)?,
                    digest: r.get(2)?,
                    size: r.get::<_, i64>(3)?.max(0) as u64,
                    file_count: r.get::<_, i64>(4)?.max(0) as u64,
                },
            ))
        })?;
        for row in rows {
            let (direction, artifact) = row?;
            if direction == "input" {
                action.inputs.push(artifact);
            } else {
                action.outputs.push(artifact);
            }
        }
    }
    Ok(())
}

pub(crate) fn insert_artifacts(
    conn: &Connection,
    action_execution_id: &str,
    direction: &str,
    artifacts: &[ArtifactRecord],
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT OR REPLACE INTO action_artifacts
           (action_execution_id, direction, name, digest, size, file_count)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for a in artifacts {
        stmt.execute(rusqlite::params![
            action_execution_id,
            direction,
            a.name,
            a.digest,
            i64::try_from(a.size).unwrap_or(i64::MAX),
            i64::try_from(a.file_count).unwrap_or(i64::MAX),
        ])?;
    }
    Ok(())
}
