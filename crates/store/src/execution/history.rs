//! The history list: executions of one pipeline or of every pipeline, newest first, filtered
//! by status, trigger, branch and start time, one keyset page at a time (`executions [NAME]`,
//! the app's History view).
//!
//! Paging is by (start time, id), never by offset, so page 2,000 costs what page 1 does. The
//! page's ids come from one index (migration [`MIGRATION`]) that also holds every filtered
//! column, so a filter that matches few rows scans index entries, not table rows; only the
//! page's own rows are read in full. `next_token` is that position, hex-encoded: opaque to
//! callers, and refused with `E_INVALID_TOKEN` when it was not made here.
//!
//! An execution's branch is the `BranchName` output variable of its source action (Git, or a
//! stand-in for CodeCommit / CodeStarSourceConnection), kept in `executions.branch` by a
//! trigger on `action_executions` (see [`MIGRATION`]); none for other sources.

use super::rows::load_execution;
use super::shapes::{PipelineExecutionSummaries, PipelineExecutionSummary};
use super::status::PipelineExecutionStatus;
use super::types::ExecutionRecord;
use crate::error::StoreError;
use crate::Store;
use rusqlite::types::Value;
use std::time::Duration;

/// A next token that this store did not hand out (AWS: InvalidNextTokenException).
pub const E_INVALID_TOKEN: &str = "E_INVALID_TOKEN";
/// A filter value that cannot be used (an unknown status or trigger, a malformed time).
pub const E_INVALID_FILTER: &str = "E_INVALID_FILTER";

/// `triggerDetail` of an execution started by another pipeline's `Pipeline` invoke action:
/// `pipeline/<NAME>/<EXECUTION_ID>` (its `triggerType` is StartPipelineExecution, as for a
/// CodePipeline execution started by another pipeline).
pub const PIPELINE_TRIGGER_DETAIL_PREFIX: &str = "pipeline/";

/// Migration: the branch column (filled from the source action's `BranchName` by a trigger,
/// and for executions recorded before it), and the history list's indexes: one per pipeline
/// and one across pipelines, in (start time, id) order holding every filtered column, and
/// one per branch.
pub(crate) const MIGRATION: &str = r#"
    ALTER TABLE executions ADD COLUMN branch TEXT;

    UPDATE executions SET branch = (
        SELECT json_extract(a.output_variables, '$.BranchName') FROM action_executions a
        WHERE a.execution_id = executions.id AND a.category = 'Source'
          AND json_extract(a.output_variables, '$.BranchName') IS NOT NULL
        ORDER BY a.last_update_time DESC LIMIT 1);

    CREATE TRIGGER executions_branch_from_source
    AFTER UPDATE OF output_variables ON action_executions
    WHEN NEW.category = 'Source'
     AND json_valid(NEW.output_variables)
     AND json_extract(NEW.output_variables, '$.BranchName') IS NOT NULL
    BEGIN
        UPDATE executions SET branch = json_extract(NEW.output_variables, '$.BranchName')
        WHERE id = NEW.execution_id;
    END;

    CREATE INDEX executions_history
        ON executions(pipeline_id, start_time, id, status, trigger_type, branch, trigger_detail);
    CREATE INDEX executions_history_all
        ON executions(start_time, id, status, trigger_type, branch, trigger_detail);
    CREATE INDEX executions_history_branch
        ON executions(pipeline_id, branch, start_time, id) WHERE branch IS NOT NULL;
    CREATE INDEX executions_history_all_branch
        ON executions(branch, start_time, id) WHERE branch IS NOT NULL;
"#;

/// What started an execution, as the history list groups the API's TriggerType values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriggerKind {
    /// StartPipelineExecution (the app, the CLI) and CreatePipeline.
    Manual,
    /// PollForSourceChanges, PutActionRevision.
    SourceChange,
    /// Webhook, WebhookV2.
    Webhook,
    /// CloudWatchEvent (a schedule).
    Schedule,
    /// Another pipeline's `Pipeline` invoke action ([`PIPELINE_TRIGGER_DETAIL_PREFIX`]).
    Pipeline,
    /// ManualRollback, AutomatedRollback.
    Rollback,
}

impl TriggerKind {
    pub const ALL: [TriggerKind; 6] = [
        TriggerKind::Manual,
        TriggerKind::SourceChange,
        TriggerKind::Webhook,
        TriggerKind::Schedule,
        TriggerKind::Pipeline,
        TriggerKind::Rollback,
    ];

    /// `manual`, `source`, `webhook`, `schedule`, `pipeline`, `rollback`.
    pub fn as_str(self) -> &'static str {
        match self {
            TriggerKind::Manual => "manual",
            TriggerKind::SourceChange => "source",
            TriggerKind::Webhook => "webhook",
            TriggerKind::Schedule => "schedule",
            TriggerKind::Pipeline => "pipeline",
            TriggerKind::Rollback => "rollback",
        }
    }

    fn trigger_types(self) -> &'static [&'static str] {
        match self {
            TriggerKind::Manual => &["StartPipelineExecution", "CreatePipeline"],
            TriggerKind::SourceChange => &["PollForSourceChanges", "PutActionRevision"],
            TriggerKind::Webhook => &["Webhook", "WebhookV2"],
            TriggerKind::Schedule => &["CloudWatchEvent"],
            TriggerKind::Pipeline => &["StartPipelineExecution"],
            TriggerKind::Rollback => &["ManualRollback", "AutomatedRollback"],
        }
    }

    /// The kind of an execution's trigger.
    pub fn of(trigger_type: &str, trigger_detail: Option<&str>) -> Option<TriggerKind> {
        let from_pipeline =
            trigger_detail.is_some_and(|d| d.starts_with(PIPELINE_TRIGGER_DETAIL_PREFIX));
        if trigger_type == "StartPipelineExecution" && from_pipeline {
            return Some(TriggerKind::Pipeline);
        }
        Self::ALL
            .into_iter()
            .filter(|k| *k != TriggerKind::Pipeline)
            .find(|k| k.trigger_types().contains(&trigger_type))
    }

    /// A kind (`manual`, `source`, …) or an API TriggerType value (`WebhookV2`, …).
    pub fn parse(text: &str) -> Result<TriggerKind, StoreError> {
        let t = text.trim();
        Self::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(t))
            .or_else(|| Self::of(t, None))
            .ok_or_else(|| {
                StoreError::new(
                    E_INVALID_FILTER,
                    format!(
                        "unknown trigger `{t}`: use manual, source, webhook, schedule, pipeline, \
                         rollback or an API TriggerType such as WebhookV2"
                    ),
                )
            })
    }
}

/// Which executions to list. Times are RFC 3339 UTC as stored (see [`time_bound`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExecutionFilter {
    /// One pipeline; every pipeline when `None`.
    pub pipeline_name: Option<String>,
    /// Any of these statuses; all when empty.
    pub statuses: Vec<PipelineExecutionStatus>,
    /// Started by any of these; all when empty.
    pub triggers: Vec<TriggerKind>,
    /// The source's BranchName.
    pub branch: Option<String>,
    /// Started at or after.
    pub since: Option<String>,
    /// Started before (exclusive).
    pub until: Option<String>,
}

/// A status as the API spells it, in any letter case (`failed`, `InProgress`).
pub fn parse_status(text: &str) -> Result<PipelineExecutionStatus, StoreError> {
    let t = text.trim();
    PipelineExecutionStatus::ALL
        .iter()
        .copied()
        .find(|s| {
            s.as_str().eq_ignore_ascii_case(t)
                || s.as_str()
                    .eq_ignore_ascii_case(&t.replace(['-', '_', ' '], ""))
        })
        .ok_or_else(|| {
            let all: Vec<&str> = PipelineExecutionStatus::ALL
                .iter()
                .map(|s| s.as_str())
                .collect();
            StoreError::new(
                E_INVALID_FILTER,
                format!("unknown status `{t}`: use one of {}", all.join(", ")),
            )
        })
}

impl ExecutionFilter {
    /// A filter from the words a person types (the CLI's flags, the app's filter bar):
    /// statuses and triggers in any letter case, a branch, and time bounds as
    /// [`time_bound`] reads them. Empty texts mean "no filter".
    pub fn parse(
        pipeline_name: Option<&str>,
        statuses: &[String],
        triggers: &[String],
        branch: Option<&str>,
        since: Option<&str>,
        until: Option<&str>,
    ) -> Result<ExecutionFilter, StoreError> {
        fn present(t: Option<&str>) -> Option<&str> {
            t.map(str::trim).filter(|t| !t.is_empty())
        }
        let mut filter = ExecutionFilter {
            pipeline_name: present(pipeline_name).map(str::to_string),
            branch: present(branch).map(str::to_string),
            since: present(since).map(|t| time_bound(t, false)).transpose()?,
            until: present(until).map(|t| time_bound(t, true)).transpose()?,
            ..Default::default()
        };
        for s in statuses.iter().filter(|s| !s.trim().is_empty()) {
            let status = parse_status(s)?;
            if !filter.statuses.contains(&status) {
                filter.statuses.push(status);
            }
        }
        for t in triggers.iter().filter(|t| !t.trim().is_empty()) {
            let kind = TriggerKind::parse(t)?;
            if !filter.triggers.contains(&kind) {
                filter.triggers.push(kind);
            }
        }
        if let (Some(since), Some(until)) = (&filter.since, &filter.until) {
            if since >= until {
                return Err(StoreError::new(
                    E_INVALID_FILTER,
                    "the date range is empty: `since` must be before `until`",
                ));
            }
        }
        Ok(filter)
    }
}

/// A time bound for a filter: `7d` (days ago), a date (`2026-11-01`: its start, or for an
/// upper bound its end) or an RFC 3339 time (converted to UTC).
pub fn time_bound(text: &str, upper: bool) -> Result<String, StoreError> {
    use time::format_description::well_known::Rfc3339;
    let t = text.trim();
    if let Some(days) = t.strip_suffix('d').and_then(|d| d.parse::<u64>().ok()) {
        return Ok(crate::rfc3339_ago(Duration::from_secs(
            days.saturating_mul(86_400),
        )));
    }
    let date = time::macros::format_description!("[year]-[month]-[day]");
    if time::Date::parse(t, &date).is_ok() {
        // Stored times compare as text: "2026-11-01T24" sorts after every time of that day.
        return Ok(if upper {
            format!("{t}T24")
        } else {
            t.to_string()
        });
    }
    let parsed = time::OffsetDateTime::parse(t, &Rfc3339).map_err(|_| {
        StoreError::new(
            E_INVALID_FILTER,
            format!(
                "`{t}` is neither a number of days (7d), a date (2026-11-01) nor an RFC 3339 time"
            ),
        )
    })?;
    let utc = parsed.to_offset(time::UtcOffset::UTC);
    let format = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
    );
    utc.format(&format)
        .map_err(|e| StoreError::new(E_INVALID_FILTER, format!("`{t}`: {e}")))
}

/// Milliseconds between two stored RFC 3339 times (none when either does not parse or the
/// end is before the start).
pub fn elapsed_ms(start: &str, end: &str) -> Option<u64> {
    use time::format_description::well_known::Rfc3339;
    let a = time::OffsetDateTime::parse(start, &Rfc3339).ok()?;
    let b = time::OffsetDateTime::parse(end, &Rfc3339).ok()?;
    u64::try_from((b - a).whole_milliseconds()).ok()
}

fn encode_token(start_time: &str, id: &str) -> String {
    format!("{start_time}\n{id}")
        .bytes()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn decode_token(token: &str) -> Result<(String, String), StoreError> {
    let invalid = || {
        StoreError::new(
            E_INVALID_TOKEN,
            "the next token is not one this listing handed out; list again without it",
        )
    };
    if !token.len().is_multiple_of(2) || token.len() > 1024 {
        return Err(invalid());
    }
    let bytes = (0..token.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(token.get(i..i + 2).unwrap_or("zz"), 16))
        .collect::<Result<Vec<u8>, _>>()
        .map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let (start, id) = text.split_once('\n').ok_or_else(invalid)?;
    if start.is_empty() || id.is_empty() {
        return Err(invalid());
    }
    Ok((start.to_string(), id.to_string()))
}

impl Store {
    /// One page of executions, newest first: at most `limit` (all when `None`) after the
    /// position `next_token` points at. The page has a `next_token` when more follow.
    pub fn list_execution_page(
        &self,
        filter: &ExecutionFilter,
        limit: Option<usize>,
        next_token: Option<&str>,
    ) -> Result<PipelineExecutionSummaries, StoreError> {
        let mut sql = String::from("SELECT e.id, e.start_time, e.branch FROM executions e WHERE 1");
        let mut params: Vec<Value> = Vec::new();
        let mut param = |sql: &mut String, clause: &str, v: Value| {
            params.push(v);
            sql.push_str(&clause.replace('?', &format!("?{}", params.len())));
        };
        if let Some(name) = &filter.pipeline_name {
            let id = self.pipeline_id(name)?;
            param(&mut sql, " AND e.pipeline_id = ?", Value::Integer(id));
        }
        if !filter.statuses.is_empty() {
            // `+`: filter on the history index's column rather than walk executions_by_status
            // and sort everything it matched.
            sql.push_str(" AND +e.status IN (");
            for (i, s) in filter.statuses.iter().enumerate() {
                if i > 0 {
                    sql.push(',');
                }
                param(&mut sql, "?", Value::Text(s.as_str().to_string()));
            }
            sql.push(')');
        }
        if !filter.triggers.is_empty() {
            sql.push_str(" AND (");
            for (n, kind) in filter.triggers.iter().enumerate() {
                if n > 0 {
                    sql.push_str(" OR ");
                }
                sql.push_str("(+e.trigger_type IN (");
                for (i, t) in kind.trigger_types().iter().enumerate() {
                    if i > 0 {
                        sql.push(',');
                    }
                    param(&mut sql, "?", Value::Text(t.to_string()));
                }
                sql.push(')');
                let like = Value::Text(format!("{PIPELINE_TRIGGER_DETAIL_PREFIX}%"));
                match kind {
                    TriggerKind::Pipeline => param(&mut sql, " AND e.trigger_detail LIKE ?", like),
                    TriggerKind::Manual => param(
                        &mut sql,
                        " AND (e.trigger_detail IS NULL OR e.trigger_detail NOT LIKE ?)",
                        like,
                    ),
                    _ => {}
                }
                sql.push(')');
            }
            sql.push(')');
        }
        if let Some(branch) = &filter.branch {
            param(&mut sql, " AND e.branch = ?", Value::Text(branch.clone()));
        }
        if let Some(since) = &filter.since {
            param(
                &mut sql,
                " AND e.start_time >= ?",
                Value::Text(since.clone()),
            );
        }
        if let Some(until) = &filter.until {
            param(
                &mut sql,
                " AND e.start_time < ?",
                Value::Text(until.clone()),
            );
        }
        if let Some(token) = next_token {
            let (start, id) = decode_token(token)?;
            params.push(Value::Text(start));
            params.push(Value::Text(id));
            sql.push_str(&format!(
                " AND (e.start_time, e.id) < (?{}, ?{})",
                params.len() - 1,
                params.len()
            ));
        }
        // One more than the page: whether another page follows.
        let fetch = limit.map_or(-1, |l| i64::try_from(l.saturating_add(1)).unwrap_or(-1));
        params.push(Value::Integer(fetch));
        sql.push_str(&format!(
            " ORDER BY e.start_time DESC, e.id DESC LIMIT ?{}",
            params.len()
        ));

        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params.iter()), |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            })
            .map_err(|e| self.sql_err(e))?;
        let mut page: Vec<(String, String, Option<String>)> = rows
            .collect::<Result<_, _>>()
            .map_err(|e| self.sql_err(e))?;

        let mut next = None;
        if let Some(l) = limit {
            if page.len() > l {
                page.truncate(l);
                next = page.last().map(|(id, start, _)| encode_token(start, id));
            }
        }
        let mut summaries = Vec::with_capacity(page.len());
        for (id, _, branch) in page {
            let Some(record) = load_execution(&self.conn, &id).map_err(|e| self.sql_err(e))? else {
                continue; // deleted between the two reads
            };
            let mut summary = self.summary(record)?;
            summary.branch_name = branch;
            if filter.pipeline_name.is_some() {
                summary.pipeline_name = None;
            }
            summaries.push(summary);
        }
        Ok(PipelineExecutionSummaries {
            pipeline_execution_summaries: summaries,
            next_token: next,
        })
    }

    /// A listing's row for an execution (with its pipeline's name; callers listing one
    /// pipeline drop it).
    pub(crate) fn summary(
        &self,
        r: ExecutionRecord,
    ) -> Result<PipelineExecutionSummary, StoreError> {
        let stop_trigger = self.stop_trigger(&r)?;
        Ok(PipelineExecutionSummary {
            pipeline_name: Some(r.pipeline_name),
            pipeline_execution_id: r.id,
            status: r.status,
            status_summary: r.status_summary,
            start_time: r.start_time,
            last_update_time: r.last_update_time,
            source_revisions: r.source_revisions,
            trigger: r.trigger,
            stop_trigger,
            execution_mode: r.execution_mode,
            pipeline_version: r.pipeline_version,
            branch_name: None,
            variables: r.variables,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_foreign_ones_are_refused() {
        let t = encode_token("2026-01-01T00:00:00.000Z", "abc");
        assert_eq!(
            decode_token(&t).unwrap(),
            ("2026-01-01T00:00:00.000Z".into(), "abc".into())
        );
        for bad in ["", "zz", "abc", "00", &encode_token("", "x")] {
            assert_eq!(
                decode_token(bad).unwrap_err().code(),
                E_INVALID_TOKEN,
                "{bad}"
            );
        }
    }

    #[test]
    fn trigger_kinds_group_the_api_values() {
        assert_eq!(
            TriggerKind::of("StartPipelineExecution", Some("test")),
            Some(TriggerKind::Manual)
        );
        assert_eq!(
            TriggerKind::of("StartPipelineExecution", Some("pipeline/up/1")),
            Some(TriggerKind::Pipeline)
        );
        assert_eq!(
            TriggerKind::of("WebhookV2", None),
            Some(TriggerKind::Webhook)
        );
        assert_eq!(
            TriggerKind::parse("schedule").unwrap(),
            TriggerKind::Schedule
        );
        assert_eq!(
            TriggerKind::parse("PollForSourceChanges").unwrap(),
            TriggerKind::SourceChange
        );
        assert_eq!(
            TriggerKind::parse("nope").unwrap_err().code(),
            E_INVALID_FILTER
        );
    }

    #[test]
    fn elapsed_between_stored_times() {
        assert_eq!(
            elapsed_ms("2026-01-01T00:00:00.000Z", "2026-01-01T00:01:02.500Z"),
            Some(62_500)
        );
        assert_eq!(
            elapsed_ms("2026-01-01T00:00:01.000Z", "2026-01-01T00:00:00.000Z"),
            None
        );
        assert_eq!(elapsed_ms("nope", "2026-01-01T00:00:00.000Z"), None);
    }

    #[test]
    fn time_bounds() {
        assert_eq!(time_bound("2026-11-01", false).unwrap(), "2026-11-01");
        assert_eq!(time_bound("2026-11-01", true).unwrap(), "2026-11-01T24");
        assert_eq!(
            time_bound("2026-11-01T12:00:00+02:00", false).unwrap(),
            "2026-11-01T10:00:00.000Z"
        );
        assert!(time_bound("7d", false).unwrap().ends_with('Z'));
        assert_eq!(
            time_bound("yesterday", false).unwrap_err().code(),
            E_INVALID_FILTER
        );
    }
}
