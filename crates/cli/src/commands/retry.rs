//! `pipewright retry ID STAGE [--all-actions] [--wait] [--json]`: a new attempt of a failed
//! stage; with `--wait` driven here, otherwise by a detached worker.

use super::run::{engine, engine_error, finish, spawn_printer, tokio_runtime};
use crate::args::RetryArgs;
use crate::error::{CliError, CliResult, Exit};
use crate::output::{out, out_json};
use pipewright_engine::model::{PipelineExecutionStatus, RetryMode};
use std::path::Path;

pub fn run(args: RetryArgs, data_dir: Option<&Path>) -> CliResult {
    let mode = if args.all_actions {
        RetryMode::AllActions
    } else {
        RetryMode::FailedActions
    };
    let rt = tokio_runtime()?;
    rt.block_on(async {
        let engine = engine(data_dir).await?;
        if !args.wait {
            // Refuse here what the worker would refuse, so the mistake is seen.
            let (execution, stages) = {
                let store = engine.store().lock().unwrap_or_else(|p| p.into_inner());
                let execution = store.get_execution(&args.id)?;
                let stages: Vec<String> = store
                    .get_pipeline(&execution.pipeline_name, Some(execution.pipeline_version))?
                    .document
                    .pipeline
                    .stages
                    .iter()
                    .map(|s| s.name.clone())
                    .collect();
                (execution, stages)
            };
            if !matches!(
                execution.status,
                PipelineExecutionStatus::Failed | PipelineExecutionStatus::Stopped
            ) {
                return Err(CliError::domain(
                    "E_INVALID_TRANSITION",
                    format!(
                        "execution {} is {}; only a Failed or Stopped execution can retry a stage",
                        args.id, execution.status
                    ),
                ));
            }
            if !stages.contains(&args.stage) {
                return Err(CliError::domain(
                    "E_STAGE_UNKNOWN",
                    format!(
                        "the pipeline has no stage `{}`; its stages are {}",
                        args.stage,
                        stages.join(", ")
                    ),
                ));
            }
            // A worker process retries it, so this command returns at once.
            let data = pipewright_store::resolve_data_dir(data_dir)?;
            spawn_retry_worker(&data, &args.id, &args.stage, args.all_actions);
            if args.json {
                out_json(
                    &serde_json::json!({"pipelineExecutionId": args.id, "status": "InProgress"}),
                )?;
            } else {
                out(&format!(
                    "retrying stage {} of {} in a worker",
                    args.stage, args.id
                ))?;
            }
            return Ok(Exit::Success);
        }
        let printer = (!args.json).then(|| spawn_printer(&engine, Some(args.id.clone())));
        let status = engine
            .retry_stage(&args.id, &args.stage, mode)
            .await
            .map_err(engine_error)?;
        if let Some(p) = printer {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            p.abort();
        }
        finish(&engine, &args.id, &status, args.json)
    })
}

/// `pipewright retry ID STAGE --wait` in a detached process.
fn spawn_retry_worker(data_dir: &Path, id: &str, stage: &str, all: bool) {
    use std::os::unix::process::CommandExt;
    let Ok(exe) = std::env::current_exe() else {
        crate::output::err_line("warning: cannot find this program to start a retry worker");
        return;
    };
    let mut cmd = std::process::Command::new(exe);
    cmd.arg("--data-dir")
        .arg(data_dir)
        .args(["retry", id, stage, "--wait", "--json"]);
    if all {
        cmd.arg("--all-actions");
    }
    let spawned = cmd
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .process_group(0)
        .spawn();
    if let Err(e) = spawned {
        crate::output::err_line(&format!("warning: cannot start a retry worker: {e}"));
    }
}
