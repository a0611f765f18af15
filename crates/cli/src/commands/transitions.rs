//! `pipewright disable-transition NAME STAGE --reason TEXT`, `enable-transition NAME STAGE`
//! and `transitions NAME [--json]`. Enabling hands the executions waiting there to detached
//! workers.

use super::run::{engine, engine_error, tokio_runtime};
use crate::args::{DisableTransitionArgs, EnableTransitionArgs, TransitionsArgs};
use crate::error::{CliResult, Exit};
use crate::output::{out, out_json};
use pipewright_store::Store;
use std::path::Path;

pub fn disable(args: DisableTransitionArgs, data_dir: Option<&Path>) -> CliResult {
    let rt = tokio_runtime()?;
    rt.block_on(async {
        let engine = engine(data_dir).await?;
        engine
            .disable_transition(&args.name, &args.stage, &args.reason)
            .map_err(engine_error)?;
        out(&format!(
            "the transition into {} of {} is disabled: {}",
            args.stage,
            args.name,
            args.reason.trim()
        ))?;
        Ok(Exit::Success)
    })
}

pub fn enable(args: EnableTransitionArgs, data_dir: Option<&Path>) -> CliResult {
    let rt = tokio_runtime()?;
    rt.block_on(async {
        let engine = engine(data_dir).await?;
        let moved = engine
            .enable_transition(&args.name, &args.stage)
            .map_err(engine_error)?;
        out(&format!(
            "the transition into {} of {} is enabled; {moved} waiting execution{} go{} on",
            args.stage,
            args.name,
            if moved == 1 { "" } else { "s" },
            if moved == 1 { "es" } else { "" },
        ))?;
        Ok(Exit::Success)
    })
}

pub fn list(args: TransitionsArgs, store: &Store) -> CliResult {
    store.get_pipeline(&args.name, None)?;
    let disabled = store.disabled_transitions(&args.name)?;
    if args.json {
        out_json(&disabled)?;
        return Ok(Exit::Success);
    }
    if disabled.is_empty() {
        out(&format!("every transition of {} is enabled", args.name))?;
    }
    for d in &disabled {
        out(&format!(
            "{}: disabled by {} at {}: {}",
            d.stage_name,
            d.disabled_by.as_deref().unwrap_or("?"),
            d.disabled_time,
            d.reason
        ))?;
    }
    Ok(Exit::Success)
}
