//! Execution metrics for the dashboard (`get_metrics`) and `pipewright metrics`: one function,
//! [`Store::metrics`], so both show the same numbers.
//!
//! The numbers come from rollup tables that triggers keep up to date as executions, stages
//! and actions are written (see `metrics/rollup.sql`, migration [`MIGRATION`]), so 100,000
//! executions with two million action records cost a few thousand rollup rows. A `since`
//! bound inside a day reads that one day from the records themselves, so every bound is
//! exact.
//!
//! Exact: counts, success rate, execution duration percentiles (per day too), every mean,
//! mean time to recovery and approval wait. Stage and action percentiles come from
//! two-significant-digit buckets and are within 5% (exact below 100 ms).

mod stats;

use crate::error::StoreError;
use crate::Store;
use pipewright_core::api::{DayMetrics, Durations, Metrics, StatusCounts, StepMetrics};
use rusqlite::types::Value;
use stats::Counted;
use std::collections::BTreeMap;

/// Migration: the rollup tables and the triggers that keep them (filled from existing rows).
pub(crate) const MIGRATION: &str = include_str!("metrics/rollup.sql");

/// How many failure hotspots are listed.
const HOTSPOTS: usize = 10;

/// Milliseconds between two RFC 3339 columns, in SQL.
fn ms_sql(start: &str, end: &str) -> String {
    format!(
        "MAX(0, IFNULL(CAST(ROUND((julianday({end}) - julianday({start})) * 86400000.0) AS INTEGER), 0))"
    )
}

/// Which executions: `pipeline_id = ?` and start-time bounds, as SQL and its parameters.
struct Scope {
    pipeline_id: Option<i64>,
    /// Normalised RFC 3339 UTC time, or a `YYYY-MM-DD` date.
    since: Option<String>,
}

impl Scope {
    /// Rollup rows: `pipeline_id` and whole days (the first day, when `since` is a time
    /// inside it, comes from [`Scope::partial_day`]).
    fn rollup(&self, alias: &str, days: bool) -> (String, Vec<Value>) {
        let mut sql = vec!["1".to_string()];
        let mut params = Vec::new();
        if let Some(id) = self.pipeline_id {
            sql.push(format!("{alias}pipeline_id = ?"));
            params.push(Value::Integer(id));
        }
        if let (true, Some(since)) = (days, &self.since) {
            let op = if since.len() == 10 { ">=" } else { ">" };
            sql.push(format!("{alias}day {op} ?"));
            params.push(Value::Text(since[..10].to_string()));
        }
        (sql.join(" AND "), params)
    }

    /// Executions (`e.`) of the first, partly covered day; none when `since` is absent or a
    /// whole date.
    fn partial_day(&self) -> Option<(String, Vec<Value>)> {
        let since = self.since.as_ref().filter(|s| s.len() > 10)?;
        let mut sql = "e.start_time >= ?1 AND e.start_time < date(?1, '+1 day')".to_string();
        let mut params = vec![Value::Text(since.clone())];
        if let Some(id) = self.pipeline_id {
            sql.push_str(" AND e.pipeline_id = ?2");
            params.push(Value::Integer(id));
        }
        Some((sql, params))
    }

    /// Rows (`alias` such as `e.`) with a pipeline id and a start time in scope.
    fn records(&self, alias: &str) -> (String, Vec<Value>) {
        let mut sql = vec!["1".to_string()];
        let mut params = Vec::new();
        if let Some(id) = self.pipeline_id {
            sql.push(format!("{alias}pipeline_id = ?"));
            params.push(Value::Integer(id));
        }
        if let Some(since) = &self.since {
            sql.push(format!("{alias}start_time >= ?"));
            params.push(Value::Text(since.clone()));
        }
        (sql.join(" AND "), params)
    }
}

/// A stage (`action` empty) or action of one pipeline, while it is being summed.
#[derive(Default)]
struct StepAcc {
    buckets: Counted,
    failures: u64,
    total_ms: f64,
}

impl Store {
    /// Metrics of `pipeline` (every pipeline when `None`) over executions started at or after
    /// `since` (an RFC 3339 time or a `YYYY-MM-DD` date, UTC; all when `None`).
    pub fn metrics(
        &self,
        pipeline: Option<&str>,
        since: Option<&str>,
    ) -> Result<Metrics, StoreError> {
        let scope = Scope {
            pipeline_id: pipeline.map(|name| self.pipeline_id(name)).transpose()?,
            since: since.map(|s| self.normalise_since(s)).transpose()?,
        };
        let (executions, duration, per_day) = self.run_metrics(&scope)?;
        let steps = self.step_metrics(&scope)?;
        let (stages, actions): (Vec<StepMetrics>, Vec<StepMetrics>) =
            steps.into_iter().partition(|s| s.action_name.is_none());
        let mut failure_hotspots: Vec<StepMetrics> =
            actions.iter().filter(|a| a.failures > 0).cloned().collect();
        failure_hotspots.sort_by(|a, b| {
            b.failures
                .cmp(&a.failures)
                .then(b.failure_rate.total_cmp(&a.failure_rate))
        });
        failure_hotspots.truncate(HOTSPOTS);
        let (recoveries, mean_time_to_recovery_ms) = self.recoveries(&scope)?;
        let (approval_wait, approvals_pending) = self.approval_wait(&scope)?;
        let decided = executions.succeeded + executions.failed + executions.stopped;
        Ok(Metrics {
            pipeline_name: pipeline.map(str::to_string),
            since: scope.since.clone(),
            generated_time: crate::now_rfc3339(),
            success_rate: (decided > 0).then(|| executions.succeeded as f64 / decided as f64),
            executions,
            duration,
            per_day,
            stages,
            actions,
            failure_hotspots,
            recoveries,
            mean_time_to_recovery_ms,
            approval_wait,
            approvals_pending,
        })
    }

    /// A date stays a date; a time becomes RFC 3339 UTC with milliseconds, as stored.
    fn normalise_since(&self, since: &str) -> Result<String, StoreError> {
        let since = since.trim();
        let normalised: Option<String> = self
            .conn
            .query_row(
                "SELECT CASE WHEN length(?1) = 10 THEN date(?1)
                        ELSE strftime('%Y-%m-%dT%H:%M:%fZ', ?1) END",
                [since],
                |r| r.get(0),
            )
            .map_err(|e| self.sql_err(e))?;
        normalised.ok_or_else(|| {
            StoreError::new(
                super::history::E_INVALID_FILTER,
                format!("`{since}` is neither a date (2026-11-01) nor an RFC 3339 time"),
            )
        })
    }

    /// Status counts, durations and days of the executions in scope.
    fn run_metrics(
        &self,
        scope: &Scope,
    ) -> Result<(StatusCounts, Durations, Vec<DayMetrics>), StoreError> {
        let err = |e| self.sql_err(e);
        // day → (counts, (duration, count) pairs)
        let mut days: BTreeMap<String, (StatusCounts, Vec<(i64, u64)>)> = BTreeMap::new();
        let mut add = |day: &str, status: &str, ms: Option<i64>, n: u64| {
            if !days.contains_key(day) {
                days.insert(day.to_string(), Default::default());
            }
            if let Some(entry) = days.get_mut(day) {
                count(&mut entry.0, status, n);
                if let Some(ms) = ms {
                    entry.1.push((ms, n));
                }
            }
        };
        let text = |r: &rusqlite::Row, i: usize| -> Result<String, StoreError> {
            r.get(i).map_err(|e| self.sql_err(e))
        };
        let (filter, params) = scope.rollup("", true);
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT day, status, duration_ms, runs FROM metric_runs WHERE {filter}"
            ))
            .map_err(err)?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(params))
            .map_err(err)?;
        while let Some(r) = rows.next().map_err(err)? {
            let day = r.get_ref(0).and_then(|v| Ok(v.as_str()?)).map_err(err)?;
            let status = r.get_ref(1).and_then(|v| Ok(v.as_str()?)).map_err(err)?;
            let ms: i64 = r.get(2).map_err(err)?;
            let n: i64 = r.get(3).map_err(err)?;
            add(day, status, Some(ms), n as u64);
        }
        if let Some((filter, params)) = scope.partial_day() {
            let mut stmt = self
                .conn
                .prepare(&format!(
                    "SELECT substr(e.start_time, 1, 10), e.status, {} FROM executions e
                     WHERE {filter} AND e.status NOT IN ('InProgress', 'Stopping')",
                    ms_sql("e.start_time", "e.last_update_time")
                ))
                .map_err(err)?;
            let mut rows = stmt
                .query(rusqlite::params_from_iter(params))
                .map_err(err)?;
            while let Some(r) = rows.next().map_err(err)? {
                add(&text(r, 0)?, &text(r, 1)?, Some(r.get(2).map_err(err)?), 1);
            }
        }
        // Running executions are not in the rollups (they have no duration yet); few are
        // running, so they are found by status.
        let (filter, params) = scope.records("e.");
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT substr(e.start_time, 1, 10), e.status, COUNT(*)
                 FROM executions e INDEXED BY executions_by_status
                 WHERE e.status IN ('InProgress', 'Stopping') AND {filter} GROUP BY 1, 2"
            ))
            .map_err(err)?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(params))
            .map_err(err)?;
        while let Some(r) = rows.next().map_err(err)? {
            let n: i64 = r.get(2).map_err(err)?;
            add(&text(r, 0)?, &text(r, 1)?, None, n as u64);
        }

        let mut total = StatusCounts::default();
        let mut all: Vec<(i64, u64)> = Vec::new();
        let per_day = days
            .into_iter()
            .map(|(date, (executions, durations))| {
                add_counts(&mut total, &executions);
                let durations = stats::sorted(durations);
                all.extend_from_slice(&durations);
                DayMetrics {
                    date,
                    executions,
                    duration: stats::exact(&durations),
                }
            })
            .collect();
        Ok((total, stats::exact(&stats::sorted(all)), per_day))
    }

    /// Stages and actions of the executions in scope, per pipeline, in name order.
    fn step_metrics(&self, scope: &Scope) -> Result<Vec<StepMetrics>, StoreError> {
        let err = |e| self.sql_err(e);
        let mut acc: BTreeMap<(String, String, String), StepAcc> = BTreeMap::new();
        let (table, days) = if scope.since.is_some() {
            ("metric_steps", true)
        } else {
            ("metric_step_totals", false)
        };
        // Pipeline names by id (a handful), so rollup rows need no join.
        let names: BTreeMap<i64, String> = {
            let mut stmt = self
                .conn
                .prepare("SELECT id, name FROM pipelines")
                .map_err(err)?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(err)?;
            rows.collect::<Result<_, _>>().map_err(err)?
        };
        // Summed here rather than with GROUP BY: the rows come in key order, so consecutive
        // rows are mostly of the same step and the map is looked up only when it changes.
        let (filter, params) = scope.rollup("", days);
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT pipeline_id, stage_name, action_name, bucket_ms, runs, failures, total_ms
                 FROM {table} WHERE {filter}"
            ))
            .map_err(err)?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(params))
            .map_err(err)?;
        let mut current: Option<((i64, String, String), StepAcc)> = None;
        let flush = |acc: &mut BTreeMap<(String, String, String), StepAcc>,
                     done: Option<((i64, String, String), StepAcc)>| {
            if let Some(((pipeline, stage, action), part)) = done {
                let name = names.get(&pipeline).cloned().unwrap_or_default();
                let step = acc.entry((name, stage, action)).or_default();
                for (b, n) in part.buckets {
                    *step.buckets.entry(b).or_default() += n;
                }
                step.failures += part.failures;
                step.total_ms += part.total_ms;
            }
        };
        while let Some(r) = rows.next().map_err(err)? {
            let pipeline: i64 = r.get(0).map_err(err)?;
            let stage = r.get_ref(1).and_then(|v| Ok(v.as_str()?)).map_err(err)?;
            let action = r.get_ref(2).and_then(|v| Ok(v.as_str()?)).map_err(err)?;
            let same = current
                .as_ref()
                .is_some_and(|((p, s, a), _)| *p == pipeline && s == stage && a == action);
            if !same {
                flush(&mut acc, current.take());
                current = Some((
                    (pipeline, stage.to_string(), action.to_string()),
                    StepAcc::default(),
                ));
            }
            if let Some((_, step)) = current.as_mut() {
                let runs: i64 = r.get(4).map_err(err)?;
                *step.buckets.entry(r.get(3).map_err(err)?).or_default() += runs as u64;
                step.failures += r.get::<_, i64>(5).map_err(err)? as u64;
                step.total_ms += r.get::<_, i64>(6).map_err(err)? as f64;
            }
        }
        flush(&mut acc, current.take());
        if let Some((filter, params)) = scope.partial_day() {
            let sql = format!(
                "SELECT p.name, s.stage_name, '', s.status = 'Failed', {}
                 FROM executions e JOIN pipelines p ON p.id = e.pipeline_id
                 JOIN stage_executions s ON s.execution_id = e.id
                 WHERE {filter} AND s.status NOT IN ('InProgress', 'Stopping', 'Skipped')
                 UNION ALL
                 SELECT p.name, a.stage_name, a.action_name, a.status = 'Failed', {}
                 FROM executions e JOIN pipelines p ON p.id = e.pipeline_id
                 JOIN action_executions a ON a.execution_id = e.id
                 WHERE {filter} AND a.status <> 'InProgress'",
                ms_sql("s.start_time", "s.last_update_time"),
                ms_sql("a.start_time", "a.last_update_time"),
            );
            let mut stmt = self.conn.prepare(&sql).map_err(err)?;
            let mut rows = stmt
                .query(rusqlite::params_from_iter(params))
                .map_err(err)?;
            while let Some(r) = rows.next().map_err(err)? {
                let key = (
                    r.get(0).map_err(err)?,
                    r.get(1).map_err(err)?,
                    r.get(2).map_err(err)?,
                );
                let step = acc.entry(key).or_default();
                let ms: i64 = r.get(4).map_err(err)?;
                *step.buckets.entry(stats::bucket(ms)).or_default() += 1;
                step.failures += u64::from(r.get::<_, bool>(3).map_err(err)?);
                step.total_ms += ms as f64;
            }
        }
        Ok(acc
            .into_iter()
            .map(|((pipeline_name, stage_name, action), step)| {
                let duration = stats::bucketed(&step.buckets, step.total_ms);
                let runs = duration.count;
                StepMetrics {
                    pipeline_name,
                    stage_name,
                    action_name: (!action.is_empty()).then_some(action),
                    runs,
                    failures: step.failures,
                    failure_rate: if runs == 0 {
                        0.0
                    } else {
                        step.failures as f64 / runs as f64
                    },
                    duration,
                }
            })
            .collect())
    }

    /// How many recoveries, and their mean (ms).
    fn recoveries(&self, scope: &Scope) -> Result<(u64, Option<f64>), StoreError> {
        let (filter, params) = scope.records("r.");
        self.conn
            .query_row(
                &format!(
                    "SELECT COUNT(*), AVG(r.recovery_ms) FROM metric_recoveries r WHERE {filter}"
                ),
                rusqlite::params_from_iter(params),
                |r| Ok((r.get::<_, i64>(0)? as u64, r.get(1)?)),
            )
            .map_err(|e| self.sql_err(e))
    }

    /// Decided manual approvals' waits (request to decision) and how many are pending. The
    /// approvals drive the join (CROSS JOIN keeps that order): they are far fewer than a
    /// pipeline's executions.
    fn approval_wait(&self, scope: &Scope) -> Result<(Durations, u64), StoreError> {
        let err = |e| self.sql_err(e);
        let (filter, params) = scope.records("e.");
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT a.status,
                        ROUND((julianday(a.decided_time) - julianday(a.requested_time)) * 86400000.0)
                 FROM approvals a CROSS JOIN executions e ON e.id = a.execution_id
                 WHERE a.kind = 'APPROVAL' AND a.status <> 'CANCELLED' AND {filter}"
            ))
            .map_err(err)?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(params))
            .map_err(err)?;
        let mut waits = Vec::new();
        let mut pending = 0;
        while let Some(r) = rows.next().map_err(err)? {
            let status: String = r.get(0).map_err(err)?;
            match (status.as_str(), r.get::<_, Option<f64>>(1).map_err(err)?) {
                ("PENDING", _) => pending += 1,
                (_, Some(ms)) => waits.push(ms.max(0.0)),
                (_, None) => {}
            }
        }
        Ok((stats::of_list(waits), pending))
    }
}

fn count(c: &mut StatusCounts, status: &str, n: u64) {
    c.total += n;
    match status {
        "Succeeded" => c.succeeded += n,
        "Failed" => c.failed += n,
        "Stopped" => c.stopped += n,
        "Superseded" => c.superseded += n,
        "Cancelled" => c.cancelled += n,
        "InProgress" | "Stopping" => c.in_progress += n,
        _ => {}
    }
}

fn add_counts(into: &mut StatusCounts, c: &StatusCounts) {
    into.total += c.total;
    into.succeeded += c.succeeded;
    into.failed += c.failed;
    into.stopped += c.stopped;
    into.superseded += c.superseded;
    into.cancelled += c.cancelled;
    into.in_progress += c.in_progress;
}
