//! `pipewright logs ID [--action STAGE/ACTION] [--follow]`: the output of an execution's
//! actions, as recorded; with `--follow`, the growing logs until the execution ends.

use crate::args::LogsArgs;
use crate::error::{CliError, CliResult, Exit};
use crate::output::out;
use pipewright_engine::logs::read_recorded_log;
use pipewright_store::execution::ActionExecutionRecord;
use pipewright_store::Store;
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

fn selected(
    store: &Store,
    id: &str,
    filter: Option<&(String, String)>,
) -> CliResult<Vec<ActionExecutionRecord>> {
    Ok(store
        .action_executions(id)?
        .into_iter()
        .filter(|a| filter.is_none_or(|(s, n)| &a.stage_name == s && &a.action_name == n))
        .collect())
}

pub fn run(args: LogsArgs, store: &Store, data_dir: &Path) -> CliResult {
    let execution = store.get_execution(&args.id)?;
    let filter = match &args.action {
        Some(a) => match a.split_once('/') {
            Some((s, n)) => Some((s.to_string(), n.to_string())),
            None => {
                return Err(CliError::new(
                    "E_USAGE",
                    Exit::Usage,
                    format!("--action {a:?} is not STAGE/ACTION"),
                ))
            }
        },
        None => None,
    };
    let mut offsets: HashMap<String, u64> = HashMap::new();
    let mut printed_any = false;
    let many = filter.is_none();
    loop {
        let running = store.get_execution(&execution.id)?.status.is_running();
        let actions = selected(store, &execution.id, filter.as_ref())?;
        let mut progressed = false;
        for a in &actions {
            let Some(rel) = &a.log_path else { continue };
            let offset = offsets.entry(a.id.clone()).or_insert(0);
            loop {
                let (path, read) = read_recorded_log(data_dir, rel, *offset);
                let read = match read {
                    Ok(r) => r,
                    Err(e) => {
                        return Err(CliError::environment(
                            "E_IO",
                            format!("cannot read {}: {e}", path.display()),
                        ))
                    }
                };
                if read.bytes.is_empty() {
                    break;
                }
                if *offset == 0 && many {
                    out(&format!(
                        "==> {}/{} (attempt {}) <==",
                        a.stage_name, a.action_name, a.attempt
                    ))?;
                }
                let mut stdout = std::io::stdout().lock();
                if stdout
                    .write_all(&read.bytes)
                    .and_then(|_| stdout.flush())
                    .is_err()
                {
                    return Err(CliError::closed_output());
                }
                *offset = read.next_offset;
                progressed = true;
                printed_any = true;
            }
        }
        if !args.follow || (!running && !progressed) {
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    if !printed_any
        && filter.is_some()
        && selected(store, &execution.id, filter.as_ref())?.is_empty()
    {
        return Err(CliError::domain(
            "E_NOT_FOUND",
            format!(
                "execution {} has no action {} that ran",
                execution.id,
                args.action.unwrap_or_default()
            ),
        ));
    }
    Ok(Exit::Success)
}
