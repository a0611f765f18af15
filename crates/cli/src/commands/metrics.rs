//! `pipewright metrics [NAME] [--since D] [--json]`: the dashboard's numbers (see the store's
//! `execution::metrics`). Exit 0 whatever they are.

use crate::args::MetricsArgs;
use crate::error::{CliError, CliResult, Exit};
use crate::output::{out, out_json, table};
use pipewright_core::api::{Durations, Metrics};
use pipewright_store::Store;
use std::time::Duration;

pub fn run(args: MetricsArgs, store: &Store) -> CliResult {
    let since = args.since.as_deref().map(since).transpose()?;
    let m = store.metrics(args.name.as_deref(), since.as_deref())?;
    if args.json {
        out_json(&m)?;
    } else {
        out(&human(&m))?;
    }
    Ok(Exit::Success)
}

/// `7d` → seven days ago; a date or an RFC 3339 time as given (stored times compare as text).
fn since(text: &str) -> CliResult<String> {
    let t = text.trim();
    if let Some(days) = t.strip_suffix('d').and_then(|d| d.parse::<u64>().ok()) {
        return Ok(pipewright_store::rfc3339_ago(Duration::from_secs(
            days * 86_400,
        )));
    }
    let date = t.len() >= 10
        && t.as_bytes()[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if date {
        Ok(t.to_string())
    } else {
        Err(CliError::new("E_USAGE", Exit::Usage, format!(
            "--since {text:?} is neither a number of days (7d), a date (2026-11-01) nor an RFC 3339 time"
        )))
    }
}

fn seconds(ms: Option<f64>) -> String {
    ms.map_or("-".into(), |v| format!("{:.1} s", v / 1000.0))
}

fn durations(d: &Durations) -> String {
    format!("p50 {}, p95 {}", seconds(d.p50_ms), seconds(d.p95_ms))
}

fn human(m: &Metrics) -> String {
    let e = &m.executions;
    let mut lines = vec![
        format!(
            "{}: {} executions ({} succeeded, {} failed, {} stopped, {} superseded, {} cancelled, {} running)",
            m.pipeline_name.as_deref().unwrap_or("all pipelines"),
            e.total,
            e.succeeded,
            e.failed,
            e.stopped,
            e.superseded,
            e.cancelled,
            e.in_progress
        ),
        format!(
            "success rate {}; duration {}; mean time to recovery {} ({} recoveries); approval wait {} ({} pending)",
            m.success_rate
                .map_or("-".into(), |r| format!("{:.0}%", r * 100.0)),
            durations(&m.duration),
            seconds(m.mean_time_to_recovery_ms),
            m.recoveries,
            durations(&m.approval_wait),
            m.approvals_pending
        ),
    ];
    if !m.actions.is_empty() {
        let rows: Vec<Vec<String>> = m
            .actions
            .iter()
            .map(|a| {
                vec![
                    format!(
                        "{}/{}",
                        a.stage_name,
                        a.action_name.as_deref().unwrap_or("")
                    ),
                    a.runs.to_string(),
                    a.failures.to_string(),
                    seconds(a.duration.p50_ms),
                    seconds(a.duration.p95_ms),
                ]
            })
            .collect();
        lines.push(String::new());
        lines.push(table(&["ACTION", "RUNS", "FAILED", "P50", "P95"], &rows));
    }
    lines.join("\n")
}
