//! One module per command; this one dispatches and holds what they share.

mod approve;
mod config;
mod debug;
mod delete;
mod execution;
mod executions;
mod export;
mod gc;
mod import;
mod list;
mod logs;
mod metrics;
mod rerun;
mod retry;
mod run;
mod show;
mod stop;
mod transitions;
mod validate;

use crate::args::{Cli, Command};
use crate::error::{CliError, CliResult};
use pipewright_core::{Diagnostic, ParseOptions, PipelineDocument};
use pipewright_store::{resolve_data_dir, Store};
use std::io::Read;
use std::path::{Path, PathBuf};

pub fn run(cli: Cli) -> CliResult {
    let data_dir = cli.data_dir;
    match cli.command {
        Command::Validate(args) => validate::run(args),
        Command::Import(args) => import::run(args, data_dir.as_deref()),
        Command::Export(args) => export::run(args, &open_store(data_dir.as_deref())?),
        Command::List(args) => list::run(args, &open_store(data_dir.as_deref())?),
        Command::Show(args) => show::run(args, &open_store(data_dir.as_deref())?),
        Command::Delete(args) => delete::run(args, &mut open_store(data_dir.as_deref())?),
        Command::Config(cmd) => config::run(cmd, &mut open_store(data_dir.as_deref())?),
        Command::Run(args) => run::run(args, data_dir.as_deref()),
        Command::Executions(args) => executions::run(args, &open_store(data_dir.as_deref())?),
        Command::Execution(args) => execution::run(args, &open_store(data_dir.as_deref())?),
        Command::Logs(args) => {
            let dir = resolve_data_dir(data_dir.as_deref())?;
            logs::run(args, &Store::open(&dir)?, &dir)
        }
        Command::Stop(args) => stop::run(args, data_dir.as_deref()),
        Command::Retry(args) => retry::run(args, data_dir.as_deref()),
        Command::Approve(args) => approve::run(args, data_dir.as_deref()),
        Command::Continue(args) => approve::run(args.into(), data_dir.as_deref()),
        Command::Debug(args) => debug::run(args, &mut open_store(data_dir.as_deref())?),
        Command::Approvals(args) => approve::list(args, data_dir.as_deref()),
        Command::Rerun(args) => rerun::run(args, data_dir.as_deref()),
        Command::DisableTransition(args) => transitions::disable(args, data_dir.as_deref()),
        Command::EnableTransition(args) => transitions::enable(args, data_dir.as_deref()),
        Command::Transitions(args) => transitions::list(args, &open_store(data_dir.as_deref())?),
        Command::Gc => {
            let dir = resolve_data_dir(data_dir.as_deref())?;
            gc::run(&Store::open(&dir)?, &dir)
        }
        Command::Metrics(args) => metrics::run(args, &open_store(data_dir.as_deref())?),
        Command::Worker { id } => run::worker(&id, data_dir.as_deref()),
    }
}

fn open_store(flag: Option<&Path>) -> CliResult<Store> {
    let dir = resolve_data_dir(flag)?;
    Ok(Store::open(&dir)?)
}

/// A pipeline file's bytes and the folder its relative paths are resolved against
/// (none for standard input, which is treated like pasted text).
struct Input {
    label: String,
    bytes: Vec<u8>,
    base_dir: Option<String>,
}

fn read_input(file: &Path) -> CliResult<Input> {
    if file.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| {
            CliError::domain("E_READ_FILE", format!("cannot read standard input: {e}"))
        })?;
        return Ok(Input {
            label: "standard input".into(),
            bytes,
            base_dir: None,
        });
    }
    let label = file.display().to_string();
    if file.is_dir() {
        return Err(CliError::domain(
            "E_READ_FILE",
            format!("{label} is a folder; give the path of a pipeline file"),
        ));
    }
    let bytes = std::fs::read(file).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file; check the path".to_string(),
            _ => e.to_string(),
        };
        CliError::domain("E_READ_FILE", format!("cannot read {label}: {why}"))
    })?;
    let folder: PathBuf = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let folder = std::fs::canonicalize(&folder)
        .or_else(|_| std::path::absolute(&folder))
        .unwrap_or(folder);
    Ok(Input {
        label,
        bytes,
        base_dir: Some(folder.display().to_string()),
    })
}

/// Parse, rename (when `name` is given) and validate: the document (when the text had a
/// pipeline's shape) and every diagnostic, the parser's first.
fn check(input: &Input, name: Option<&str>) -> (Option<PipelineDocument>, Vec<Diagnostic>) {
    let options = ParseOptions {
        base_dir: input.base_dir.clone(),
    };
    pipewright_core::check_bytes(&input.bytes, &options, name)
}
