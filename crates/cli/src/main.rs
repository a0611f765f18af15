//! `pipewright`: headless import, export, validation and settings over the same store as the
//! app. Exit codes: 0 success, 1 domain failure (invalid pipeline, not found), 2 usage,
//! 3 environment (data folder unwritable or locked, database from a newer Pipewright),
//! 70 an internal bug. Errors are one line on stderr: `error[E_CODE]: message`.

mod args;
mod commands;
mod error;
mod output;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    error::install_panic_hook();
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return error::clap_error(e),
    };
    match commands::run(cli) {
        Ok(exit) => exit.into(),
        Err(e) => e.report(),
    }
}
