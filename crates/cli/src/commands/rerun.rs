//! `pipewright rerun ID [--from STAGE] [--wait] [--json]`: a new execution on the old one's
//! pipeline version and variables, from a stage on (earlier stages' results reused).

use super::run::{
    drive_until_done, engine, engine_error, finish, spawn_printer, spawn_worker, tokio_runtime,
    wait_to_end,
};
use crate::args::RerunArgs;
use crate::error::{CliResult, Exit};
use crate::output::{err_line, out, out_json};
use pipewright_engine::model::FinalStatus;
use serde_json::json;
use std::path::Path;

pub fn run(args: RerunArgs, data_dir: Option<&Path>) -> CliResult {
    let rt = tokio_runtime()?;
    rt.block_on(async {
        let engine = engine(data_dir).await?;
        let printer = (args.wait && !args.json).then(|| spawn_printer(&engine, None));
        let id = engine
            .start_rerun(&args.id, args.from.as_deref())
            .await
            .map_err(engine_error)?;
        if !args.wait {
            engine.release(&id).map_err(engine_error)?;
            let data = pipewright_store::resolve_data_dir(data_dir)?;
            spawn_worker(&data, &id);
            if args.json {
                out_json(
                    &json!({"pipelineExecutionId": id, "status": "InProgress", "rerunOf": args.id}),
                )?;
            } else {
                out(&format!(
                    "execution {id}: InProgress, a rerun of {} (in a worker)",
                    args.id
                ))?;
            }
            return Ok(Exit::Success);
        }
        if !args.json {
            err_line(&format!("execution {id}, a rerun of {}", args.id));
        }
        let mut status = drive_until_done(&engine, &id).await?;
        if !matches!(status, FinalStatus::Ended(_)) {
            status = wait_to_end(&engine, &id).await?;
        }
        if let Some(p) = printer {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            p.abort();
        }
        finish(&engine, &id, &status, args.json)
    })
}
