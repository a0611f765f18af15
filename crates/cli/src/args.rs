//! The command line, declared with clap's derive API.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "pipewright",
    version,
    about = "Design CI/CD pipelines in the AWS CodePipeline model and run them locally",
    after_help = "Exit codes: 0 success, 1 invalid pipeline, not found or a failed execution (run --wait), 2 usage, 3 environment (data folder, database, Docker)."
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
    /// Run the latest version of a pipeline (in a detached worker unless --wait)
    Run(RunArgs),
    /// List a pipeline's executions, newest first
    Executions(ExecutionsArgs),
    /// Show one execution with every stage and action
    Execution(ExecutionArgs),
    /// Print the output of an execution's actions
    Logs(LogsArgs),
    /// Ask an execution to stop
    Stop(StopArgs),
    /// Retry a failed stage of an execution
    Retry(RetryArgs),
    /// Approve (or reject) a manual approval an execution waits for
    Approve(ApproveArgs),
    /// List the manual approvals waiting for a decision
    Approvals(ApprovalsArgs),
    /// Continue an execution paused before an action (or end debugging of a kept container)
    Continue(ContinueArgs),
    /// Show or change a pipeline's local debug settings: pause points, keeping failed containers
    Debug(DebugArgs),
    /// Run an execution again on its pipeline version and variables, from a stage on,
    /// reusing what its earlier stages produced
    Rerun(RerunArgs),
    /// Disable the transition into a stage: executions wait before it until enabled
    DisableTransition(DisableTransitionArgs),
    /// Enable the transition into a stage: executions waiting there go on
    EnableTransition(EnableTransitionArgs),
    /// List a pipeline's disabled transitions
    Transitions(TransitionsArgs),
    /// Remove artifacts no kept execution uses
    Gc,
    /// Success rate, executions per day, durations, failure hotspots, time to recovery
    Metrics(MetricsArgs),
    /// Drive an execution handed to a worker (internal)
    #[command(name = "__worker", hide = true)]
    Worker { id: String },
}

#[derive(Debug, Args)]
pub struct RunArgs {
    pub name: String,
    /// Override a pipeline variable (repeatable)
    #[arg(long = "var", value_name = "NAME=VALUE")]
    pub var: Vec<String>,
    /// Run in the foreground and exit 0 only when the execution Succeeded
    #[arg(long)]
    pub wait: bool,
    /// Print `{"pipelineExecutionId", "status", ...}`
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExecutionsArgs {
    /// A pipeline; every pipeline when omitted
    pub name: Option<String>,
    /// Print `{"pipelineExecutionSummaries": [...], "nextToken": ...}`
    #[arg(long)]
    pub json: bool,
    /// At most this many (newest first); the rest follow with `--next-token`
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Only with this status (repeatable: any of them), e.g. Failed, InProgress
    #[arg(long = "status", value_name = "S")]
    pub status: Vec<String>,
    /// Only started by (repeatable): manual, source, webhook, schedule, pipeline, rollback,
    /// or an API TriggerType such as WebhookV2
    #[arg(long = "trigger", value_name = "T")]
    pub trigger: Vec<String>,
    /// Only of this source branch (the Git source's BranchName)
    #[arg(long, value_name = "B")]
    pub branch: Option<String>,
    /// Only started since: a number of days (`7d`), a date (`2026-11-01`) or an RFC 3339 time
    #[arg(long, value_name = "D")]
    pub since: Option<String>,
    /// Only started until (a date counts in full): `7d`, `2026-11-30` or an RFC 3339 time
    #[arg(long, value_name = "D")]
    pub until: Option<String>,
    /// Continue a listing: the `nextToken` an earlier page printed
    #[arg(long = "next-token", value_name = "T")]
    pub next_token: Option<String>,
}

#[derive(Debug, Args)]
pub struct MetricsArgs {
    /// A pipeline; every pipeline when omitted
    pub name: Option<String>,
    /// Only executions started since: a number of days (`7d`), a date (`2026-11-01`) or an
    /// RFC 3339 time
    #[arg(long, value_name = "D")]
    pub since: Option<String>,
    /// Print the metrics as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExecutionArgs {
    pub id: String,
    /// Print `{"pipelineExecution": ..., "stageStates": [...]}`
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct LogsArgs {
    pub id: String,
    /// Only this action's log
    #[arg(long, value_name = "STAGE/ACTION")]
    pub action: Option<String>,
    /// Keep printing while the execution runs
    #[arg(long)]
    pub follow: bool,
}

#[derive(Debug, Args)]
pub struct StopArgs {
    pub id: String,
    /// Kill running actions instead of letting them finish
    #[arg(long)]
    pub abandon: bool,
}

#[derive(Debug, Args)]
pub struct ApproveArgs {
    pub id: String,
    /// The approval action, as STAGE/ACTION
    #[arg(value_name = "STAGE/ACTION")]
    pub action: String,
    /// Reject instead of approving (the stage fails)
    #[arg(long)]
    pub reject: bool,
    /// Why, recorded with the decision
    #[arg(long, value_name = "TEXT")]
    pub comment: Option<String>,
    /// Drive the execution on in the foreground and exit 0 only when it Succeeded
    #[arg(long)]
    pub wait: bool,
    /// Print the recorded decision as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ContinueArgs {
    pub id: String,
    /// The paused action, as STAGE/ACTION
    #[arg(value_name = "STAGE/ACTION")]
    pub action: String,
    /// Drive the execution on in the foreground and exit 0 only when it Succeeded
    #[arg(long)]
    pub wait: bool,
    /// Print the recorded decision as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct DebugArgs {
    pub name: String,
    /// Pause executions before this action until `pipewright continue` (repeatable)
    #[arg(long = "pause-before", value_name = "STAGE/ACTION")]
    pub pause_before: Vec<String>,
    /// Remove a pause point (repeatable)
    #[arg(long = "no-pause-before", value_name = "STAGE/ACTION")]
    pub no_pause_before: Vec<String>,
    /// Keep the container of a failed action for a terminal (the execution holds until
    /// `pipewright continue`, a stop, or 60 minutes)
    #[arg(long = "keep-failed", value_name = "on|off")]
    pub keep_failed: Option<OnOff>,
    /// Print `{"pausePoints": [...], "keepFailedContainers": ...}`
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnOff {
    On,
    Off,
}

#[derive(Debug, Args)]
pub struct ApprovalsArgs {
    /// Print `[{"executionId", "pipelineName", "stageName", "actionName", ...}]`
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RerunArgs {
    pub id: String,
    /// The first stage to run again (default: the first stage that is not only Source
    /// actions, so the source revisions are the same)
    #[arg(long, value_name = "STAGE")]
    pub from: Option<String>,
    /// Run in the foreground and exit 0 only when the execution Succeeded
    #[arg(long)]
    pub wait: bool,
    /// Print `{"pipelineExecutionId", "status", ...}`
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct DisableTransitionArgs {
    pub name: String,
    /// The stage whose inbound transition is disabled
    pub stage: String,
    /// Why (required, shown to everyone who sees the pipeline)
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
}

#[derive(Debug, Args)]
pub struct EnableTransitionArgs {
    pub name: String,
    pub stage: String,
}

#[derive(Debug, Args)]
pub struct TransitionsArgs {
    pub name: String,
    /// Print `[{"stageName", "reason", "disabledBy", "disabledTime"}]`
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RetryArgs {
    pub id: String,
    pub stage: String,
    /// Rerun every action of the stage, not only the failed ones
    #[arg(long)]
    pub all_actions: bool,
    /// Run in the foreground and exit 0 only when the execution Succeeded
    #[arg(long)]
    pub wait: bool,
    /// Print `{"pipelineExecutionId", "status", ...}`
    #[arg(long)]
    pub json: bool,
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
