//! `pipewright stop ID [--abandon]`: ask an execution to stop. Its owner picks the request
//! up; a parked execution is stopped here.

use super::run::{engine, engine_error, tokio_runtime};
use crate::args::StopArgs;
use crate::error::{CliResult, Exit};
use crate::output::out;
use std::path::Path;

pub fn run(args: StopArgs, data_dir: Option<&Path>) -> CliResult {
    let rt = tokio_runtime()?;
    rt.block_on(async {
        let engine = engine(data_dir).await?;
        engine
            .request_stop(&args.id, args.abandon, Some("pipewright stop"))
            .await
            .map_err(engine_error)?;
        out(&format!(
            "stop requested for {}{}",
            args.id,
            if args.abandon {
                " (abandoning running actions)"
            } else {
                ""
            }
        ))?;
        Ok(Exit::Success)
    })
}
