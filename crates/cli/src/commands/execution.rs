//! `pipewright execution ID [--json]`: one execution with every stage and action.

use crate::args::ExecutionArgs;
use crate::error::{CliResult, Exit};
use crate::output::{out, out_json};
use pipewright_store::Store;

pub fn run(args: ExecutionArgs, store: &Store) -> CliResult {
    let detail = store.execution_detail(&args.id)?;
    if args.json {
        out_json(&detail)?;
        return Ok(Exit::Success);
    }
    let e = &detail.pipeline_execution;
    let mut text = format!(
        "execution {} of {} v{}: {}",
        e.pipeline_execution_id, e.pipeline_name, e.pipeline_version, e.status
    );
    if let Some(s) = &e.status_summary {
        text.push_str(&format!(" ({s})"));
    }
    text.push_str(&format!(
        "\nstarted {}, updated {}\n",
        e.start_time, e.last_update_time
    ));
    for stage in &detail.stage_states {
        let status = stage
            .latest_execution
            .as_ref()
            .map(|l| l.status.to_string())
            .unwrap_or_else(|| "Not started".into());
        text.push_str(&format!("  {}: {status}\n", stage.stage_name));
        for action in &stage.action_states {
            let line = match &action.latest_execution {
                Some(l) => {
                    let mut line = format!("    {}: {}", action.action_name, l.status);
                    if let Some(s) = &l.summary {
                        line.push_str(&format!(" ({s})"));
                    }
                    if let Some(e) = &l.error_details {
                        line.push_str(&format!(": {}", e.message));
                    }
                    if let Some(c) = &l.debug_container_id {
                        let short = &c[..c.len().min(12)];
                        line.push_str(&format!(
                            "\n      container kept for debugging: `docker exec -it {short} sh`, then `pipewright continue {} {}/{}`",
                            e.pipeline_execution_id, stage.stage_name, action.action_name
                        ));
                    }
                    line
                }
                None => format!("    {}: Not started", action.action_name),
            };
            text.push_str(&line);
            text.push('\n');
        }
    }
    out(&text)?;
    Ok(Exit::Success)
}
