//! Errors and exit codes. Every failure ends as one line on stderr, `error[E_CODE]: message`,
//! and one of the documented exit codes; a panic is reported the same way (exit 70).

use pipewright_store::StoreError;
use std::process::ExitCode;

/// The documented exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success = 0,
    /// An invalid pipeline, something not found.
    Domain = 1,
    /// The command line or an argument's value is wrong.
    Usage = 2,
    /// The data folder, the database or the disk.
    Environment = 3,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(exit as u8)
    }
}

#[derive(Debug)]
pub struct CliError {
    code: String,
    message: String,
    exit: Exit,
    /// Reported without a message (stdout was closed by the reader, e.g. `| head`).
    quiet: bool,
}

pub type CliResult<T = Exit> = Result<T, CliError>;

impl CliError {
    pub fn new(code: &str, exit: Exit, message: impl Into<String>) -> Self {
        Self {
            code: code.to_string(),
            message: message.into(),
            exit,
            quiet: false,
        }
    }

    pub fn domain(code: &str, message: impl Into<String>) -> Self {
        Self::new(code, Exit::Domain, message)
    }

    pub fn environment(code: &str, message: impl Into<String>) -> Self {
        Self::new(code, Exit::Environment, message)
    }

    /// The reader of our output went away: stop quietly.
    pub fn closed_output() -> Self {
        Self {
            code: String::new(),
            message: String::new(),
            exit: Exit::Success,
            quiet: true,
        }
    }

    /// Print the error line and give the exit code.
    pub fn report(self) -> ExitCode {
        if !self.quiet {
            print_error_line(&self.code, &self.message);
        }
        self.exit.into()
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        let code = e.code();
        let exit = if e.is_environment() {
            Exit::Environment
        } else if matches!(code, "E_SETTING_UNKNOWN" | "E_SETTING_VALUE") {
            // A wrong key or value on the command line, like any other bad argument.
            Exit::Usage
        } else {
            Exit::Domain
        };
        let mut message = e.message().to_string();
        if code == "E_NOT_FOUND" {
            message.push_str("; `pipewright list` shows the saved pipelines");
        }
        CliError::new(code, exit, message)
    }
}

/// `error[E_CODE]: message`, always on one line.
pub fn print_error_line(code: &str, message: &str) {
    let message: String = message.split_whitespace().collect::<Vec<_>>().join(" ");
    eprintln!("error[{code}]: {message}");
}

/// clap's own errors as one `error[E_USAGE]` line with the usage (exit 2); help and
/// `--version` print as usual (exit 0).
pub fn clap_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            print_error_line("E_USAGE", &missing_subcommand_message(&e));
            return Exit::Usage.into();
        }
        _ => {}
    }
    print_error_line("E_USAGE", &one_line(&e.render().to_string()));
    Exit::Usage.into()
}

fn missing_subcommand_message(e: &clap::Error) -> String {
    let rendered = e.render().to_string();
    let usage = rendered
        .lines()
        .find_map(|l| l.trim().strip_prefix("Usage: "))
        .unwrap_or("pipewright <COMMAND>");
    format!("a command is missing (usage: {usage}); run `pipewright --help` to see them")
}

/// clap's multi-line message reduced to its first paragraph, with the usage line and a tip.
fn one_line(rendered: &str) -> String {
    let mut lines = rendered.lines();
    let mut head = Vec::new();
    for line in lines.by_ref() {
        let line = line.trim();
        if line.is_empty() {
            if head.is_empty() {
                continue;
            }
            break;
        }
        head.push(line.strip_prefix("error: ").unwrap_or(line).to_string());
    }
    let rest: Vec<&str> = lines.map(str::trim).collect();
    let mut message = head.join(" ");
    if let Some(tip) = rest.iter().find_map(|l| l.strip_prefix("tip: ")) {
        message.push_str(&format!("; {tip}"));
    }
    if let Some(usage) = rest.iter().find_map(|l| l.strip_prefix("Usage: ")) {
        message.push_str(&format!(" (usage: {usage})"));
    }
    message
}

/// A panic is a bug: report it as `error[E_INTERNAL]` on one line and exit 70 (EX_SOFTWARE),
/// without Rust's backtrace hint.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        print_error_line(
            "E_INTERNAL",
            &format!("Pipewright hit a bug ({payload}{location}); please report it with the command you ran"),
        );
        std::process::exit(70);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_messages_become_one_line_with_usage() {
        let rendered = "error: the following required arguments were not provided:\n  <FILE>\n\nUsage: pipewright validate <FILE>\n\nFor more information, try '--help'.\n";
        assert_eq!(
            one_line(rendered),
            "the following required arguments were not provided: <FILE> (usage: pipewright validate <FILE>)"
        );
        let rendered = "error: unexpected argument '--jsn' found\n\n  tip: a similar argument exists: '--json'\n\nUsage: pipewright list --json\n";
        assert_eq!(
            one_line(rendered),
            "unexpected argument '--jsn' found; a similar argument exists: '--json' (usage: pipewright list --json)"
        );
    }
}
