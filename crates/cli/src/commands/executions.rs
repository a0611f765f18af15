//! `pipewright executions [NAME] [--status S]… [--trigger T]… [--branch B] [--since D]
//! [--until D] [--limit N] [--next-token T] [--json]`: executions of one pipeline or of every
//! pipeline, newest first, one page at a time (the store's keyset pages). Exit 0 whatever it
//! lists; a malformed filter or a foreign token is a usage error (exit 2).

use crate::args::ExecutionsArgs;
use crate::error::{CliError, CliResult, Exit};
use crate::output::{err_line, out, out_json, table};
use pipewright_store::execution::history::{
    elapsed_ms, ExecutionFilter, TriggerKind, E_INVALID_FILTER, E_INVALID_TOKEN,
};
use pipewright_store::execution::shapes::PipelineExecutionSummary;
use pipewright_store::{Store, StoreError};

fn refusal(e: StoreError) -> CliError {
    if matches!(e.code(), E_INVALID_FILTER | E_INVALID_TOKEN) {
        CliError::new(e.code(), Exit::Usage, e.message().to_string())
    } else {
        e.into()
    }
}

pub fn run(args: ExecutionsArgs, store: &Store) -> CliResult {
    let filter = ExecutionFilter::parse(
        args.name.as_deref(),
        &args.status,
        &args.trigger,
        args.branch.as_deref(),
        args.since.as_deref(),
        args.until.as_deref(),
    )
    .map_err(refusal)?;
    let page = store
        .list_execution_page(&filter, args.limit, args.next_token.as_deref())
        .map_err(refusal)?;
    if args.json {
        out_json(&page)?;
        return Ok(Exit::Success);
    }
    let unfiltered = ExecutionFilter {
        pipeline_name: filter.pipeline_name.clone(),
        ..Default::default()
    };
    let filtered = filter != unfiltered || args.next_token.is_some();
    let rows = &page.pipeline_execution_summaries;
    if rows.is_empty() {
        let text = match (&args.name, filtered) {
            (_, true) => "no executions match".to_string(),
            (Some(name), false) => {
                format!(
                    "no executions of {name} yet; start one with `pipewright run {name} --wait`"
                )
            }
            (None, false) => {
                "no executions yet; start one with `pipewright run NAME --wait`".into()
            }
        };
        out(&text)?;
        return Ok(Exit::Success);
    }
    let all = args.name.is_none();
    let cells: Vec<Vec<String>> = rows.iter().map(|e| row(e, all)).collect();
    let mut headers = vec!["ID"];
    if all {
        headers.push("PIPELINE");
    }
    headers.extend([
        "STATUS", "TRIGGER", "REVISION", "BRANCH", "STARTED", "DURATION", "SUMMARY",
    ]);
    out(&table(&headers, &cells))?;
    if let Some(token) = &page.next_token {
        err_line(&format!(
            "more executions follow: add `--next-token {token}` for the next page"
        ));
    }
    Ok(Exit::Success)
}

fn row(e: &PipelineExecutionSummary, all: bool) -> Vec<String> {
    let mut cells = vec![e.pipeline_execution_id.clone()];
    if all {
        cells.push(e.pipeline_name.clone().unwrap_or_default());
    }
    let trigger = TriggerKind::of(&e.trigger.trigger_type, e.trigger.trigger_detail.as_deref())
        .map_or(e.trigger.trigger_type.clone(), |k| k.as_str().to_string());
    let revision = e
        .source_revisions
        .first()
        .map(|r| {
            let id: String = r
                .revision_id
                .as_deref()
                .unwrap_or("")
                .chars()
                .take(8)
                .collect();
            let message = r
                .revision_summary
                .as_deref()
                .and_then(|m| m.lines().next())
                .map(|m| shorten(m, 40))
                .unwrap_or_default();
            format!("{id} {message}").trim().to_string()
        })
        .unwrap_or_default();
    let duration = if e.status.is_running() {
        "running".to_string()
    } else {
        elapsed_ms(&e.start_time, &e.last_update_time).map_or_else(String::new, format_ms)
    };
    cells.extend([
        e.status.to_string(),
        trigger,
        revision,
        e.branch_name.clone().unwrap_or_default(),
        e.start_time.clone(),
        duration,
        e.status_summary.clone().unwrap_or_default(),
    ]);
    cells
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

/// `850ms`, `12s`, `3m04s`, `1h02m`.
fn format_ms(ms: u64) -> String {
    let s = ms / 1000;
    match s {
        0 => format!("{ms}ms"),
        1..=59 => format!("{s}s"),
        60..=3599 => format!("{}m{:02}s", s / 60, s % 60),
        _ => format!("{}h{:02}m", s / 3600, (s % 3600) / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_well() {
        assert_eq!(format_ms(850), "850ms");
        assert_eq!(format_ms(12_400), "12s");
        assert_eq!(format_ms(184_000), "3m04s");
        assert_eq!(format_ms(3_720_000), "1h02m");
        assert_eq!(shorten("abcdef", 4), "abc…");
    }
}
