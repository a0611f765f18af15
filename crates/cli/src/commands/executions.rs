//! `pipewright executions NAME [--json] [--limit N]`: a pipeline's executions, newest first.
//! Exit 0 whatever it lists.

use crate::args::ExecutionsArgs;
use crate::error::{CliError, CliResult, Exit};
use crate::output::{out, out_json, table};
use pipewright_store::Store;

pub fn run(args: ExecutionsArgs, store: &Store) -> CliResult {
    let list = store.list_executions(&args.name, args.limit)?;
    if args.json {
        let value = serde_json::to_value(&list)
            .map_err(|e| CliError::domain("E_INTERNAL", format!("cannot write JSON: {e}")))?;
        out_json(&value)?;
    } else if list.pipeline_execution_summaries.is_empty() {
        out(&format!(
            "no executions of {} yet; start one with `pipewright run {} --wait`",
            args.name, args.name
        ))?;
    } else {
        let rows: Vec<Vec<String>> = list
            .pipeline_execution_summaries
            .iter()
            .map(|e| {
                vec![
                    e.pipeline_execution_id.clone(),
                    e.status.to_string(),
                    e.pipeline_version.to_string(),
                    e.start_time.clone(),
                    e.last_update_time.clone(),
                    e.status_summary.clone().unwrap_or_default(),
                ]
            })
            .collect();
        out(&table(
            &["ID", "STATUS", "VERSION", "STARTED", "UPDATED", "SUMMARY"],
            &rows,
        ))?;
    }
    Ok(Exit::Success)
}
