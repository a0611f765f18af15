//! `pipewright list [--json]`: the latest version of every pipeline. Exit 0 whatever it lists.

use crate::args::ListArgs;
use crate::error::{CliResult, Exit};
use crate::output::{out, out_json, table};
use pipewright_store::Store;
use serde_json::json;

pub fn run(args: ListArgs, store: &Store) -> CliResult {
    let pipelines = store.list_pipelines()?;
    if args.json {
        // Shaped like CodePipeline's ListPipelines.
        let list: Vec<_> = pipelines
            .iter()
            .map(|p| {
                json!({
                    "name": p.name,
                    "version": p.version,
                    "pipelineType": p.pipeline_type,
                    "executionMode": p.execution_mode,
                    "created": p.created,
                    "updated": p.updated,
                })
            })
            .collect();
        out_json(&json!({ "pipelines": list }))?;
    } else if pipelines.is_empty() {
        out("no pipelines yet; save one with `pipewright import FILE`")?;
    } else {
        let rows: Vec<Vec<String>> = pipelines
            .iter()
            .map(|p| {
                vec![
                    p.name.clone(),
                    p.version.to_string(),
                    p.pipeline_type.clone(),
                    p.execution_mode.clone(),
                    if p.valid { "yes" } else { "no (draft)" }.to_string(),
                    format!("{}/{}", p.stage_count, p.action_count),
                    p.updated.clone(),
                ]
            })
            .collect();
        out(&table(
            &[
                "NAME",
                "VERSION",
                "TYPE",
                "MODE",
                "VALID",
                "STAGES/ACTIONS",
                "UPDATED",
            ],
            &rows,
        ))?;
    }
    Ok(Exit::Success)
}
