//! The command line, declared with clap's derive API.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "pipewright",
    version,
    about = "Design CI/CD pipelines in the AWS CodePipeline model and run them locally",
    after_help = "Exit codes: 0 success, 1 invalid pipeline or not found, 2 usage, 3 environment (data folder, database)."
)]
pub struct Cli {
    /// Data folder (default: $PIPEWRIGHT_DATA_DIR, else the platform's data folder)
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a pipeline file without saving it
    Validate(ValidateArgs),
    /// Save a pipeline file as a new pipeline, or as a new version of an existing one
    Import(ImportArgs),
    /// Print a saved pipeline version (YAML, JSON, or CodePipeline JSON)
    Export(ExportArgs),
    /// List the saved pipelines
    List(ListArgs),
    /// Show a pipeline version: summary, stages and actions, diagnostics
    Show(ShowArgs),
    /// Delete a pipeline with all its versions and executions
    Delete(DeleteArgs),
    /// Read and change settings
    #[command(subcommand)]
    Config(ConfigCommand),
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Pipeline file (YAML or JSON); `-` reads standard input
    pub file: PathBuf,
    /// Print `{"valid": bool, "diagnostics": [...]}`
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Pipeline file (YAML or JSON, native or CodePipeline); `-` reads standard input
    pub file: PathBuf,
    /// Save under this name instead of the one in the file
    #[arg(long)]
    pub name: Option<String>,
    /// Save even when invalid, as a version marked invalid
    #[arg(long)]
    pub draft: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Yaml,
    Json,
    /// `{"pipeline": ...}` for `aws codepipeline create-pipeline`, without pipewright objects
    Codepipeline,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    pub name: String,
    #[arg(long, value_enum, default_value_t = Format::Yaml)]
    pub format: Format,
    /// A specific version (default: the latest)
    #[arg(long, value_name = "N", value_parser = parse_version)]
    pub version: Option<i64>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print `{"pipelines": [...]}`
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    pub name: String,
    /// A specific version (default: the latest)
    #[arg(long, value_name = "N", value_parser = parse_version)]
    pub version: Option<i64>,
    /// Print `{"pipeline": ..., "metadata": ..., "diagnostics": [...]}`
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    pub name: String,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print a setting's value
    Get { key: String },
    /// Change a setting
    Set { key: String, value: String },
    /// List every setting with its value and default
    List {
        /// Print `{"settings": [...]}`
        #[arg(long)]
        json: bool,
    },
}

/// A version number: a whole number of at least 1.
fn parse_version(text: &str) -> Result<i64, String> {
    match text.trim().parse::<i64>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err("versions are whole numbers from 1 up".to_string()),
    }
}
