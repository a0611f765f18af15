//! `pipewright approve ID STAGE/ACTION [--reject] [--comment TEXT] [--wait] [--json]` and
//! `pipewright approvals [--json]`. Deciding moves the execution on: this process hands it to
//! a detached worker (or drives it with `--wait`). Listing also times out approvals whose
//! deadline passed (start-up recovery does).

use super::run::{engine, engine_error, finish, tokio_runtime, wait_to_end};
use crate::args::{ApprovalsArgs, ApproveArgs};
use crate::error::{CliError, CliResult, Exit};
use crate::output::{out, out_json};
use pipewright_engine::scheduler::approval::current_user;
use pipewright_store::execution::approvals::{ApprovalRecord, Decision};
use std::path::Path;

pub fn run(args: ApproveArgs, data_dir: Option<&Path>) -> CliResult {
    let Some((stage, action)) = args.action.split_once('/') else {
        return Err(CliError::new(
            "E_USAGE",
            Exit::Usage,
            format!("{:?} is not STAGE/ACTION", args.action),
        ));
    };
    let decision = Decision {
        approve: !args.reject,
        by: current_user(),
        comment: args.comment.clone(),
    };
    let rt = tokio_runtime()?;
    rt.block_on(async {
        let engine = engine(data_dir).await?;
        let record = engine
            .decide_approval(&args.id, stage, action, &decision)
            .map_err(engine_error)?;
        if args.wait {
            // A worker drives it on (this engine's handoff); wait for the end.
            let status = wait_to_end(&engine, &args.id).await?;
            return finish(&engine, &args.id, &status, args.json);
        }
        if args.json {
            out_json(&record)?;
        } else {
            out(&decision_line(&record))?;
        }
        Ok(Exit::Success)
    })
}

fn decision_line(r: &ApprovalRecord) -> String {
    let verb = match r.status.as_str() {
        "APPROVED" if r.kind == "PAUSE" => "continued",
        "APPROVED" => "approved",
        "REJECTED" => "rejected",
        other => other,
    };
    let mut line = format!(
        "{}/{} of {} ({}): {verb} by {}",
        r.stage_name,
        r.action_name,
        r.execution_id,
        r.pipeline_name,
        r.decided_by.as_deref().unwrap_or("?")
    );
    if let Some(c) = &r.comment {
        line.push_str(&format!(": {c}"));
    }
    line
}

pub fn list(args: ApprovalsArgs, data_dir: Option<&Path>) -> CliResult {
    let rt = tokio_runtime()?;
    rt.block_on(async {
        // Start-up recovery times out approvals whose deadline passed.
        let engine = engine(data_dir).await?;
        let pending = {
            let store = engine.store().lock().unwrap_or_else(|p| p.into_inner());
            store.pending_approvals()?
        };
        if args.json {
            out_json(&pending)?;
            return Ok(Exit::Success);
        }
        if pending.is_empty() {
            out("no approval is waiting for a decision")?;
        }
        for p in &pending {
            let mut line = format!(
                "{}  {}  {}/{}  since {}",
                p.execution_id, p.pipeline_name, p.stage_name, p.action_name, p.requested_time
            );
            if let Some(d) = &p.deadline {
                line.push_str(&format!(", times out {d}"));
            }
            if let Some(c) = &p.custom_data {
                line.push_str(&format!("\n    {c}"));
            }
            out(&line)?;
        }
        Ok(Exit::Success)
    })
}

impl From<crate::args::ContinueArgs> for ApproveArgs {
    /// `continue` is `approve` of a pause point: the paused action runs (or, for a kept
    /// container, debugging ends).
    fn from(a: crate::args::ContinueArgs) -> Self {
        ApproveArgs {
            id: a.id,
            action: a.action,
            reject: false,
            comment: None,
            wait: a.wait,
            json: a.json,
        }
    }
}
