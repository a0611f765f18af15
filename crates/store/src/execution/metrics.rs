//! Execution metrics for the dashboard and `pipewright metrics`: success rate, executions per
//! day, duration percentiles, per-stage and per-action durations, failure hotspots and mean
//! time to recovery — aggregated in SQL so 100,000 executions stay fast.
//!
//! Percentiles of stages and actions come from a histogram (durations bucketed to two
//! significant digits), so they are within a few percent; execution percentiles are exact.

use crate::error::StoreError;
use crate::Store;
use serde::Serialize;
use std::collections::BTreeMap;

/// How many executions ended each way.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusCounts {
    pub total: u64,
    pub succeeded: u64,
    pub failed: u64,
    pub stopped: u64,
    pub superseded: u64,
    pub in_progress: u64,
}

/// Duration figures in milliseconds.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Durations {
    pub count: u64,
    pub p50_ms: Option<f64>,
    pub p95_ms: Option<f64>,
    pub mean_ms: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DayMetrics {
    /// `YYYY-MM-DD` (UTC)
    pub date: String,
    pub executions: StatusCounts,
    pub duration: Durations,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepMetrics {
    pub stage_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action_name: Option<String>,
    pub runs: u64,
    pub failures: u64,
    pub failure_rate: f64,
    pub duration: Durations,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Metrics {
    /// The pipeline, or none for every pipeline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pipeline_name: Option<String>,
    /// RFC 3339 UTC lower bound of start times, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    pub executions: StatusCounts,
    /// Succeeded out of the executions that ended Succeeded, Failed or Stopped.
    pub success_rate: Option<f64>,
    /// Of ended executions.
    pub duration: Durations,
    pub per_day: Vec<DayMetrics>,
    pub stages: Vec<StepMetrics>,
    pub actions: Vec<StepMetrics>,
    /// The actions that failed most, most first (at most five).
    pub failure_hotspots: Vec<StepMetrics>,
    /// From a failed execution's end to the end of the pipeline's next succeeded one, averaged.
    pub mean_time_to_recovery_ms: Option<f64>,
}

/// Milliseconds between two RFC 3339 texts, in SQL.
fn ms(start: &str, end: &str) -> String {
    format!("((julianday({end}) - julianday({start})) * 86400000.0)")
}

impl Store {
    /// Metrics of `pipeline` (every pipeline when `None`) over executions started at or after
    /// `since` (RFC 3339 UTC, compared as text; all when `None`).
    pub fn metrics(
        &self,
        pipeline: Option<&str>,
        since: Option<&str>,
    ) -> Result<Metrics, StoreError> {
        if let Some(name) = pipeline {
            // An unknown name is an error, not empty metrics.
            self.get_pipeline(name, None)?;
        }
        let err = |e| self.sql_err(e);
        let scope = "FROM executions e JOIN pipelines p ON p.id = e.pipeline_id
                     WHERE (?1 IS NULL OR p.name = ?1) AND (?2 IS NULL OR e.start_time >= ?2)";

        // Executions: one row each (status, day, duration, pipeline, end), in start order.
        let sql = format!(
            "SELECT e.status, substr(e.start_time, 1, 10), {}, p.id, e.last_update_time {scope}
             ORDER BY p.id, e.start_time",
            ms("e.start_time", "e.last_update_time")
        );
        let mut stmt = self.conn.prepare(&sql).map_err(err)?;
        let mut rows = stmt.query((pipeline, since)).map_err(err)?;
        let mut counts = StatusCounts::default();
        let mut durations: Vec<f64> = Vec::new();
        let mut days: BTreeMap<String, (StatusCounts, Vec<f64>)> = BTreeMap::new();
        let mut recoveries: Vec<f64> = Vec::new();
        // (pipeline, end of its oldest failure not yet recovered from)
        let mut open_failure: Option<(i64, String)> = None;
        while let Some(row) = rows.next().map_err(err)? {
            let status: String = row.get(0).map_err(err)?;
            let day: String = row.get(1).map_err(err)?;
            let duration: f64 = row.get(2).map_err(err)?;
            let pipeline_id: i64 = row.get(3).map_err(err)?;
            let end: String = row.get(4).map_err(err)?;
            let day_entry = days.entry(day).or_default();
            count(&mut counts, &status);
            count(&mut day_entry.0, &status);
            let ended = !matches!(status.as_str(), "InProgress" | "Stopping");
            if ended {
                durations.push(duration);
                day_entry.1.push(duration);
            }
            if open_failure
                .as_ref()
                .is_some_and(|(p, _)| *p != pipeline_id)
            {
                open_failure = None;
            }
            match status.as_str() {
                "Failed" if open_failure.is_none() => open_failure = Some((pipeline_id, end)),
                "Succeeded" => {
                    if let Some((_, failed_at)) = open_failure.take() {
                        recoveries.push(self.ms_between(&failed_at, &end)?);
                    }
                }
                _ => {}
            }
        }
        drop(rows);
        drop(stmt);

        let decided = counts.succeeded + counts.failed + counts.stopped;
        let per_day = days
            .into_iter()
            .map(|(date, (executions, mut d))| DayMetrics {
                date,
                executions,
                duration: exact(&mut d),
            })
            .collect();
        let stages = self.step_metrics(false, pipeline, since)?;
        let actions = self.step_metrics(true, pipeline, since)?;
        let mut failure_hotspots: Vec<StepMetrics> =
            actions.iter().filter(|a| a.failures > 0).cloned().collect();
        failure_hotspots.sort_by(|a, b| {
            b.failures
                .cmp(&a.failures)
                .then(b.failure_rate.total_cmp(&a.failure_rate))
        });
        failure_hotspots.truncate(5);
        Ok(Metrics {
            pipeline_name: pipeline.map(str::to_string),
            since: since.map(str::to_string),
            success_rate: (decided > 0).then(|| counts.succeeded as f64 / decided as f64),
            duration: exact(&mut durations),
            executions: counts,
            per_day,
            stages,
            actions,
            failure_hotspots,
            mean_time_to_recovery_ms: mean(&recoveries),
        })
    }

    fn ms_between(&self, start: &str, end: &str) -> Result<f64, StoreError> {
        self.conn
            .query_row(&format!("SELECT {}", ms("?1", "?2")), (start, end), |r| {
                r.get(0)
            })
            .map_err(|e| self.sql_err(e))
    }

    /// Per stage (or per action) of the scoped executions: runs, failures and a duration
    /// histogram, grouped in SQL.
    fn step_metrics(
        &self,
        actions: bool,
        pipeline: Option<&str>,
        since: Option<&str>,
    ) -> Result<Vec<StepMetrics>, StoreError> {
        let (table, action_col) = if actions {
            ("action_executions", "x.action_name")
        } else {
            ("stage_executions", "NULL")
        };
        let duration = ms("x.start_time", "x.last_update_time");
        // Two significant digits of whole milliseconds: 1234 → 1200, 87 → 87.
        let sql = format!(
            "WITH d AS (
                 SELECT x.stage_name AS stage, {action_col} AS action, x.status AS status,
                        CAST(ROUND({duration}) AS INTEGER) AS ms
                 FROM {table} x
                 JOIN executions e ON e.id = x.execution_id
                 JOIN pipelines p ON p.id = e.pipeline_id
                 WHERE (?1 IS NULL OR p.name = ?1) AND (?2 IS NULL OR e.start_time >= ?2)
                   AND x.status NOT IN ('InProgress', 'Stopping')
             )
             SELECT stage, action,
                    CASE WHEN ms < 100 THEN ms
                         ELSE CAST(substr(ms, 1, 2) AS INTEGER)
                              * CAST('1' || substr('0000000000000000', 1, length(ms) - 2) AS INTEGER)
                    END AS bucket,
                    COUNT(*), SUM(status = 'Failed'), SUM(ms)
             FROM d GROUP BY stage, action, bucket ORDER BY stage, action, bucket"
        );
        let err = |e| self.sql_err(e);
        let mut stmt = self.conn.prepare(&sql).map_err(err)?;
        let mut rows = stmt.query((pipeline, since)).map_err(err)?;
        // (stage, action) -> (histogram of (bucket, count), failures, total ms)
        type Acc = (Vec<(f64, u64)>, u64, f64);
        let mut acc: BTreeMap<(String, Option<String>), Acc> = BTreeMap::new();
        while let Some(row) = rows.next().map_err(err)? {
            let key = (row.get(0).map_err(err)?, row.get(1).map_err(err)?);
            let bucket: i64 = row.get(2).map_err(err)?;
            let n: i64 = row.get(3).map_err(err)?;
            let failed: i64 = row.get(4).map_err(err)?;
            let total: i64 = row.get(5).map_err(err)?;
            let entry = acc.entry(key).or_default();
            entry.0.push((bucket as f64, n as u64));
            entry.1 += failed as u64;
            entry.2 += total as f64;
        }
        let mut out: Vec<StepMetrics> = acc
            .into_iter()
            .map(
                |((stage_name, action_name), (histogram, failures, total))| {
                    let runs: u64 = histogram.iter().map(|(_, n)| n).sum();
                    StepMetrics {
                        stage_name,
                        action_name,
                        runs,
                        failures,
                        failure_rate: if runs == 0 {
                            0.0
                        } else {
                            failures as f64 / runs as f64
                        },
                        duration: Durations {
                            count: runs,
                            p50_ms: from_histogram(&histogram, runs, 0.50),
                            p95_ms: from_histogram(&histogram, runs, 0.95),
                            mean_ms: (runs > 0).then(|| total / runs as f64),
                        },
                    }
                },
            )
            .collect();
        out.sort_by(|a, b| (&a.stage_name, &a.action_name).cmp(&(&b.stage_name, &b.action_name)));
        Ok(out)
    }
}

fn count(c: &mut StatusCounts, status: &str) {
    c.total += 1;
    match status {
        "Succeeded" => c.succeeded += 1,
        "Failed" => c.failed += 1,
        "Stopped" => c.stopped += 1,
        "Superseded" => c.superseded += 1,
        "InProgress" | "Stopping" => c.in_progress += 1,
        _ => {}
    }
}

/// Nearest-rank percentile of sorted values.
fn percentile(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    Some(sorted[rank - 1])
}

fn exact(values: &mut [f64]) -> Durations {
    values.sort_by(f64::total_cmp);
    Durations {
        count: values.len() as u64,
        p50_ms: percentile(values, 0.50),
        p95_ms: percentile(values, 0.95),
        mean_ms: mean(values),
    }
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// Nearest-rank percentile from (bucket value, count) pairs in ascending bucket order.
fn from_histogram(histogram: &[(f64, u64)], total: u64, q: f64) -> Option<f64> {
    if total == 0 {
        return None;
    }
    let rank = ((q * total as f64).ceil() as u64).clamp(1, total);
    let mut seen = 0;
    for (value, n) in histogram {
        seen += n;
        if seen >= rank {
            return Some(*value);
        }
    }
    histogram.last().map(|(v, _)| *v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SaveBase;

    /// A store with pipeline `p` (and `q`) and executions given as (pipeline, status, start
    /// minute, duration in s, Build/Compile's status).
    fn store_with(runs: &[(&str, &str, u32, u32, &str)]) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        for name in ["p", "q"] {
            let doc: pipewright_core::PipelineDocument = serde_json::from_value(
                serde_json::json!({"pipeline": {"name": name, "stages": []}}),
            )
            .unwrap();
            store.save_pipeline(&doc, true, SaveBase::New).unwrap();
        }
        for (i, (pipeline, status, minute, secs, action)) in runs.iter().enumerate() {
            let id = format!("e{i}");
            let start = format!(
                "strftime('%Y-%m-%dT%H:%M:%fZ', '2026-11-20T10:00:00.000Z', '+{minute} minutes')"
            );
            let end_sql = format!("strftime('%Y-%m-%dT%H:%M:%fZ', {start}, '+{secs} seconds')");
            store
                .conn
                .execute_batch(&format!(
                    "INSERT INTO executions (id, pipeline_id, pipeline_version, status, start_time,
                         last_update_time, trigger_type)
                     SELECT '{id}', p.id, 1, '{status}', {start}, {end_sql}, 'StartPipelineExecution'
                     FROM pipelines p WHERE p.name = '{pipeline}';
                     INSERT INTO stage_executions (execution_id, stage_name, stage_index, attempt,
                         status, start_time, last_update_time)
                     VALUES ('{id}', 'Build', 1, 1, '{action}', {start}, {end_sql});
                     INSERT INTO action_executions (id, execution_id, stage_name, action_name,
                         attempt, category, owner, provider, provider_version, status, start_time,
                         last_update_time)
                     VALUES ('{id}-a', '{id}', 'Build', 'Compile', 1, 'Build', 'Custom',
                         'Container', '1', '{action}', {start}, {end_sql});"
                ))
                .unwrap();
        }
        (dir, store)
    }

    #[test]
    fn counts_rates_durations_days_hotspots_and_recovery() {
        let (_dir, store) = store_with(&[
            ("p", "Succeeded", 0, 10, "Succeeded"),
            ("p", "Failed", 5, 20, "Failed"),
            ("p", "Failed", 10, 30, "Failed"),
            ("p", "Succeeded", 15, 40, "Succeeded"),
            ("p", "InProgress", 60 * 24 + 1, 5, "InProgress"),
            ("q", "Stopped", 3, 50, "Abandoned"),
        ]);
        let m = store.metrics(Some("p"), None).unwrap();
        assert_eq!(m.executions.total, 5);
        assert_eq!((m.executions.succeeded, m.executions.failed), (2, 2));
        assert_eq!(m.executions.in_progress, 1);
        assert_eq!(m.success_rate, Some(0.5));
        assert_eq!(
            m.duration.count, 4,
            "running executions have no duration yet"
        );
        let p50 = m.duration.p50_ms.unwrap();
        assert!((p50 - 20_000.0).abs() < 1.0, "{p50}");
        assert!((m.duration.p95_ms.unwrap() - 40_000.0).abs() < 1.0);
        assert_eq!(m.per_day.len(), 2);
        assert_eq!(m.per_day[0].date, "2026-11-20");
        assert_eq!(m.per_day[0].executions.total, 4);
        // First failure ended at 10:05:20; the next success ended at 10:15:40.
        let mttr = m.mean_time_to_recovery_ms.unwrap();
        assert!((mttr - 620_000.0).abs() < 1.0, "{mttr}");
        assert_eq!(m.actions.len(), 1);
        let compile = &m.actions[0];
        assert_eq!((compile.runs, compile.failures), (4, 2));
        assert_eq!(compile.failure_rate, 0.5);
        assert_eq!(compile.duration.p50_ms, Some(20_000.0));
        assert_eq!(m.failure_hotspots.len(), 1);
        assert_eq!(m.stages[0].stage_name, "Build");

        let all = store.metrics(None, None).unwrap();
        assert_eq!(all.executions.total, 6);
        assert_eq!(all.executions.stopped, 1);
        let since = store.metrics(Some("p"), Some("2026-11-21")).unwrap();
        assert_eq!(since.executions.total, 1);
        assert_eq!(
            store.metrics(Some("nope"), None).unwrap_err().code(),
            "E_NOT_FOUND"
        );
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&v, 0.5), Some(50.0));
        assert_eq!(percentile(&v, 0.95), Some(95.0));
        assert_eq!(percentile(&[], 0.5), None);
        let h = [(10.0, 50), (20.0, 45), (90.0, 5)];
        assert_eq!(from_histogram(&h, 100, 0.5), Some(10.0));
        assert_eq!(from_histogram(&h, 100, 0.95), Some(20.0));
        assert_eq!(from_histogram(&h, 100, 0.96), Some(90.0));
    }
}
