//! `pipewright debug NAME [--pause-before STAGE/ACTION]... [--no-pause-before STAGE/ACTION]...
//! [--keep-failed on|off] [--json]`: a pipeline's local debug settings (no new version).

use crate::args::{DebugArgs, OnOff};
use crate::error::{CliError, CliResult, Exit};
use crate::output::{out, out_json};
use pipewright_store::debug::DebugSettings;
use pipewright_store::Store;

fn stage_action(text: &str) -> Result<(&str, &str), CliError> {
    text.split_once('/').ok_or_else(|| {
        CliError::new(
            "E_USAGE",
            Exit::Usage,
            format!("{text:?} is not STAGE/ACTION"),
        )
    })
}

pub fn run(args: DebugArgs, store: &mut Store) -> CliResult {
    let mut settings = store.debug_settings(&args.name)?;
    for (points, paused) in [(&args.pause_before, true), (&args.no_pause_before, false)] {
        for point in points {
            let (stage, action) = stage_action(point)?;
            settings = store.set_pause_before(&args.name, stage, action, paused)?;
        }
    }
    if let Some(keep) = args.keep_failed {
        settings = store.set_keep_failed_containers(&args.name, keep == OnOff::On)?;
    }
    if args.json {
        out_json(&json(&settings))?;
        return Ok(Exit::Success);
    }
    let points: Vec<String> = settings
        .pause_points
        .iter()
        .map(|(s, a)| format!("{s}/{a}"))
        .collect();
    out(&format!(
        "pause before: {}",
        if points.is_empty() {
            "none".to_string()
        } else {
            points.join(", ")
        }
    ))?;
    out(&format!(
        "keep failed containers: {}",
        if settings.keep_failed_containers {
            "on"
        } else {
            "off"
        }
    ))?;
    Ok(Exit::Success)
}

fn json(s: &DebugSettings) -> serde_json::Value {
    serde_json::json!({
        "pausePoints": s.pause_points.iter().map(|(stage, action)| serde_json::json!({
            "stageName": stage, "actionName": action,
        })).collect::<Vec<_>>(),
        "keepFailedContainers": s.keep_failed_containers,
    })
}
