//! The one IPC contract between the Rust app shell and the UI.
//!
//! Commands and their argument/result types are declared here once (`ipc_commands!`); the
//! TypeScript bindings in `ui/src/ipc/bindings.ts` are generated from this module by
//! `typescript_bindings()`, committed, and checked for drift by a test
//! (`cargo test -p pipewright-core --test bindings`; `UPDATE_BINDINGS=1` rewrites the file).
//! Errors cross IPC as `IpcError { code, message }`.

use crate::diagnostic::{Diagnostic, Severity};
use crate::diff::{Change, ChangeKind, PipelineDiff};
use crate::model::*;
use crate::providers::{
    ArtifactCount, ConfigKeySchema, ConfigValueKind, ProviderSchema, ProviderVariables, Support,
};
use serde::{Deserialize, Serialize};
use ts_rs::{Config, TS};

mod approvals;
pub use approvals::*;
mod transitions;
pub use transitions::*;
mod designer;
pub use designer::*;
mod execution;
pub use execution::*;
mod history;
pub use history::*;
mod metrics;
pub use metrics::*;
mod notifications;
pub use notifications::*;
mod logs;
pub use logs::*;
mod debug;
pub use debug::*;

/// The error every command returns on failure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IpcError {
    /// Stable code such as `E_NOT_FOUND`, `E_CONFLICT`, `E_INVALID_PIPELINE`.
    pub code: String,
    pub message: String,
}

impl IpcError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.to_string(),
            message: message.into(),
        }
    }
}

/// One row of the pipeline list (shaped like `list --json`, plus what the list screen shows).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PipelineSummary {
    pub name: String,
    #[ts(type = "number")]
    pub version: i64,
    pub pipeline_type: String,
    pub execution_mode: String,
    /// RFC 3339 UTC
    pub created: String,
    /// RFC 3339 UTC
    pub updated: String,
    pub valid: bool,
    #[ts(type = "number")]
    pub stage_count: i64,
    #[ts(type = "number")]
    pub action_count: i64,
    /// Executions recorded for this pipeline (deleting asks first when non-zero).
    #[ts(type = "number")]
    pub execution_count: i64,
}

/// A pipeline version with its document, YAML text and diagnostics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PipelineDetail {
    pub summary: PipelineSummary,
    pub document: PipelineDocument,
    pub yaml: String,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GetPipelineArgs {
    pub name: String,
    /// A specific version; the latest when absent.
    #[ts(optional, as = "Option<i32>")]
    pub version: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CreatePipelineArgs {
    pub name: String,
    /// Template id from `list_templates` (e.g. `source-build-test-deploy`).
    pub template: String,
}

/// One pipeline per environment from a template: `<name>-<environment>` each, differing only
/// in the default of their `environment` variable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CreateEnvironmentSetArgs {
    pub name: String,
    pub template: String,
    pub environments: Vec<String>,
}

/// A copy of a pipeline's latest version under a new name, with some variable defaults
/// changed (e.g. `environment` = `staging`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DuplicatePipelineArgs {
    pub name: String,
    pub new_name: String,
    pub variables: Vec<RunVariable>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TemplateInfo {
    pub id: String,
    pub title: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportArgs {
    /// The file's text (YAML or JSON, native or CodePipeline).
    pub text: String,
    /// Save under this name instead of the document's.
    #[ts(optional)]
    pub name: Option<String>,
    /// Save even when invalid (as a version marked invalid).
    pub draft: bool,
    /// Path of the file it came from, to resolve relative paths against its folder.
    #[ts(optional)]
    pub source_path: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportResult {
    /// The saved pipeline, or nothing when the text was invalid and not a draft.
    #[ts(optional)]
    pub saved: Option<PipelineSummary>,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormatArg {
    Yaml,
    Json,
    Codepipeline,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportArgs {
    pub name: String,
    pub format: ExportFormatArg,
    #[ts(optional, as = "Option<i32>")]
    pub version: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportResult {
    pub text: String,
    /// Suggested file name, e.g. `my-pipeline.json`.
    pub file_name: String,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NameArgs {
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ValidateArgs {
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ValidateResult {
    pub valid: bool,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaveExportArgs {
    /// Absolute path chosen in the save dialog.
    pub path: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReadImportFileArgs {
    /// Absolute path of a file chosen in the open dialog or dropped on the window.
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    /// The first-run sample, when this data folder was given one and it still exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub sample: Option<SampleInfo>,
}

/// Where the first-run sample reads its source and deploys to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SampleInfo {
    pub pipeline: String,
    pub project_dir: String,
    pub deploy_dir: String,
}

/// Sent by the UI once the pipeline list has painted for the first time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppReadyArgs {
    /// How many pipelines the first paint showed.
    #[ts(type = "number")]
    pub listed_pipelines: i64,
}

/// A pipeline variable override for a run (`--var name=value`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RunVariable {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RunPipelineArgs {
    pub name: String,
    pub variables: Vec<RunVariable>,
}

/// Validate a document being edited (the designer's live diagnostics).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ValidateDocumentArgs {
    pub document: PipelineDocument,
}

/// Save an edited document as a new version. `base_version`: the version the edit started
/// from (a newer latest version is a conflict, `E_CONFLICT`); absent for a new pipeline. A
/// document with errors is saved too, as a draft marked invalid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavePipelineArgs {
    pub document: PipelineDocument,
    #[serde(default)]
    #[ts(optional, as = "Option<i32>")]
    pub base_version: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaveResult {
    pub saved: PipelineSummary,
    pub diagnostics: Vec<Diagnostic>,
}

/// One saved version, with what changed from the one before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VersionEntry {
    #[ts(type = "number")]
    pub version: i64,
    /// RFC 3339 UTC
    pub created: String,
    pub valid: bool,
    /// "2 actions added, 1 moved", or "Created" for the first version.
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DiffVersionsArgs {
    pub name: String,
    #[ts(type = "number")]
    pub from: i64,
    #[ts(type = "number")]
    pub to: i64,
}

/// Save an old version's document again, as the newest version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreVersionArgs {
    pub name: String,
    #[ts(type = "number")]
    pub version: i64,
}

/// Stop a running execution: let in-progress actions finish, or abandon them (their
/// containers are killed), as the console's "Stop and wait" / "Stop and abandon".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StopExecutionArgs {
    pub execution_id: String,
    pub abandon: bool,
}

/// A run handed to a detached worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RunStarted {
    pub execution_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExecutionArgs {
    pub execution_id: String,
}

/// An action's latest state; no status when it never ran ("Not started").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActionView {
    pub action_name: String,
    /// CodePipeline's ActionExecutionStatus (InProgress, Succeeded, Failed, Abandoned).
    #[ts(optional)]
    pub status: Option<String>,
    #[ts(optional)]
    pub summary: Option<String>,
    /// RFC 3339 UTC
    #[ts(optional)]
    pub last_status_change: Option<String>,
    /// The decision it waits for or got (Manual approvals and pause points).
    #[ts(optional)]
    pub approval: Option<ApprovalView>,
    /// The stage attempt its latest execution ran in (1 first, then one per retry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<i32>")]
    pub attempt: Option<i64>,
    /// RFC 3339 UTC
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub start_time: Option<String>,
    /// RFC 3339 UTC; absent while it runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub end_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<i32>")]
    pub exit_code: Option<i64>,
    /// Why it failed or was abandoned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub error_summary: Option<String>,
    /// The image it ran in (with its digest when known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub image: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub container_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<Vec<ArtifactView>>")]
    pub input_artifacts: Option<Vec<ArtifactView>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<Vec<ArtifactView>>")]
    pub output_artifacts: Option<Vec<ArtifactView>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<Vec<NamedValue>>")]
    pub output_variables: Option<Vec<NamedValue>>,
    /// The container limits of the version it ran (`pipewright.cpus` / `.memory`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub limits: Option<ActionLimits>,
    /// False once retention (or a cleanup) removed its log file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub log_available: Option<bool>,
    /// The container kept after it failed (keep failed containers is on): a terminal can be
    /// opened into it until debugging ends (Continue, closing the terminal, or Stop).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub debug_container_id: Option<String>,
}

/// A stage's latest state; no status when it never ran.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StageView {
    pub stage_name: String,
    #[ts(optional)]
    pub status: Option<String>,
    pub actions: Vec<ActionView>,
    /// The latest attempt (1 first, then one per retry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<i32>")]
    pub attempt: Option<i64>,
    /// RFC 3339 UTC, of the latest attempt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub start_time: Option<String>,
    /// RFC 3339 UTC; absent while it runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub end_time: Option<String>,
}

/// One execution with every stage and action of the version it runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExecutionView {
    pub execution_id: String,
    /// CodePipeline's PipelineExecutionStatus.
    pub status: String,
    /// RFC 3339 UTC
    pub start_time: String,
    /// RFC 3339 UTC
    pub last_update_time: String,
    pub stages: Vec<StageView>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub pipeline_name: Option<String>,
    /// The version it runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<i32>")]
    pub pipeline_version: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub trigger: Option<TriggerView>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<Vec<SourceRevisionView>>")]
    pub source_revisions: Option<Vec<SourceRevisionView>>,
    /// Pipeline variables as resolved at start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<Vec<NamedValue>>")]
    pub variables: Option<Vec<NamedValue>>,
    /// Why it ended as it did, for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub status_summary: Option<String>,
    /// Short and stable, e.g. `interrupted`, `timed out`, `stopped`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub status_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReadLogArgs {
    pub execution_id: String,
    pub stage_name: String,
    pub action_name: String,
    /// Byte offset to read from (0 first, then `nextOffset`).
    #[ts(type = "number")]
    pub offset: u64,
    /// The attempt whose log to read; the latest when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub attempt: Option<i64>,
}

/// Complete lines of an action's log from an offset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LogPage {
    pub text: String,
    #[ts(type = "number")]
    pub next_offset: u64,
    /// The action has ended and everything has been read.
    pub complete: bool,
}

/// Declares every IPC command once: name, argument type, result type.
macro_rules! ipc_commands {
    ($( $name:ident ( $args:ty ) -> $result:ty ; )*) => {
        /// Names of every command, in declaration order.
        pub const COMMAND_NAMES: &[&str] = &[$(stringify!($name)),*];

        fn commands_interface(cfg: &Config) -> String {
            let mut out = String::from("/** Every IPC command: its arguments (passed as `{ args }`) and its result. */\nexport interface Commands {\n");
            $(
                out.push_str(&format!("  {}: {{ args: {}; result: {} }};\n", stringify!($name), <$args as TS>::name(cfg), <$result as TS>::name(cfg)));
            )*
            out.push_str("}\n");
            out
        }
    };
}

ipc_commands! {
    app_info(()) -> AppInfo;
    app_ready(AppReadyArgs) -> ();
    list_pipelines(()) -> Vec<PipelineSummary>;
    get_pipeline(GetPipelineArgs) -> PipelineDetail;
    list_templates(()) -> Vec<TemplateInfo>;
    create_pipeline(CreatePipelineArgs) -> PipelineSummary;
    create_environment_set(CreateEnvironmentSetArgs) -> Vec<PipelineSummary>;
    duplicate_pipeline(DuplicatePipelineArgs) -> PipelineSummary;
    import_pipeline(ImportArgs) -> ImportResult;
    read_import_file(ReadImportFileArgs) -> String;
    export_pipeline(ExportArgs) -> ExportResult;
    export_document(ExportDocumentArgs) -> ExportResult;
    save_export(SaveExportArgs) -> ();
    delete_pipeline(NameArgs) -> ();
    validate_text(ValidateArgs) -> ValidateResult;
    validate_document(ValidateDocumentArgs) -> Vec<Diagnostic>;
    list_providers(()) -> Vec<ProviderSchema>;
    save_pipeline(SavePipelineArgs) -> SaveResult;
    list_versions(NameArgs) -> Vec<VersionEntry>;
    diff_versions(DiffVersionsArgs) -> PipelineDiff;
    restore_version(RestoreVersionArgs) -> PipelineSummary;
    run_pipeline(RunPipelineArgs) -> RunStarted;
    stop_execution(StopExecutionArgs) -> ();
    latest_execution(NameArgs) -> Option<ExecutionView>;
    get_execution(ExecutionArgs) -> ExecutionView;
    retry_stage(RetryStageArgs) -> RunStarted;
    artifact_files(ArtifactFilesArgs) -> ArtifactFiles;
    open_artifact(ArtifactFilesArgs) -> OpenedArtifact;
    decide_approval(DecideApprovalArgs) -> ();
    pending_approvals(()) -> Vec<PendingApproval>;
    list_transitions(NameArgs) -> Vec<DisabledTransitionView>;
    set_transition(SetTransitionArgs) -> ();
    rerun_execution(RerunArgs) -> RunStarted;
    get_metrics(MetricsArgs) -> Metrics;
    list_executions(ListExecutionsArgs) -> ExecutionPage;
    get_notifications(NameArgs) -> bool;
    set_notifications(SetNotificationsArgs) -> ();
    save_action_log(SaveActionLogArgs) -> SavedLog;
    get_debug_settings(NameArgs) -> DebugSettings;
    set_pause_before(SetPauseBeforeArgs) -> DebugSettings;
    set_keep_failed_containers(SetKeepFailedArgs) -> DebugSettings;
    terminal_input(TerminalInputArgs) -> ();
    terminal_resize(TerminalResizeArgs) -> ();
    close_terminal(CloseTerminalArgs) -> ();
}

/// Commands that also take a Tauri channel (`onEvent`) the app streams values through: name,
/// argument type, the type of each streamed value. Not in `Commands` (they are called with
/// `watch`, not `invoke`), but registered like every other command.
macro_rules! channel_commands {
    ($( $name:ident ( $args:ty ) => $event:ty ; )*) => {
        /// Names of every channel command, in declaration order.
        pub const CHANNEL_COMMAND_NAMES: &[&str] = &[$(stringify!($name)),*];

        fn channel_commands_interface(cfg: &Config) -> String {
            let mut out = String::from("/** Commands that stream values through a channel: arguments (`{ args, onEvent }`) and each event. */\nexport interface ChannelCommands {\n");
            $(
                out.push_str(&format!("  {}: {{ args: {}; event: {} }};\n", stringify!($name), <$args as TS>::name(cfg), <$event as TS>::name(cfg)));
            )*
            out.push_str("}\n");
            out
        }
    };
}

channel_commands! {
    watch_execution(ExecutionArgs) => ExecutionView;
    watch_action_log(ReadLogArgs) => LogPage;
    open_terminal(OpenTerminalArgs) => TerminalEvent;
}

macro_rules! decls {
    ($cfg:expr, $($t:ty),* $(,)?) => {{
        let mut out = String::new();
        $(
            if let Some(docs) = <$t as TS>::docs() { out.push_str(&docs); }
            out.push_str("export ");
            out.push_str(&<$t as TS>::decl($cfg));
            out.push_str("\n\n");
        )*
        out
    }};
}

/// The whole generated TypeScript file.
pub fn typescript_bindings() -> String {
    let cfg = Config::default();
    let mut out = String::from(
        "// Generated from crates/core/src/api.rs by `UPDATE_BINDINGS=1 cargo test -p pipewright-core --test bindings`.\n// Do not edit by hand: a test fails when this file differs from what Rust generates.\n/* eslint-disable */\n\n",
    );
    out.push_str(&decls!(
        &cfg,
        Severity,
        Diagnostic,
        IpcError,
        PipelineSummary,
        PipelineDetail,
        GetPipelineArgs,
        CreatePipelineArgs,
        CreateEnvironmentSetArgs,
        DuplicatePipelineArgs,
        TemplateInfo,
        ImportArgs,
        ImportResult,
        ExportFormatArg,
        ExportArgs,
        ExportResult,
        ExportDocumentArgs,
        NameArgs,
        ValidateArgs,
        ValidateResult,
        SaveExportArgs,
        ReadImportFileArgs,
        AppInfo,
        SampleInfo,
        AppReadyArgs,
        RunVariable,
        ValidateDocumentArgs,
        ProviderSchema,
        ArtifactCount,
        Support,
        ProviderVariables,
        ConfigKeySchema,
        ConfigValueKind,
        SavePipelineArgs,
        SaveResult,
        VersionEntry,
        DiffVersionsArgs,
        RestoreVersionArgs,
        ChangeKind,
        Change,
        PipelineDiff,
        RunPipelineArgs,
        StopExecutionArgs,
        RunStarted,
        ExecutionArgs,
        ActionView,
        StageView,
        ExecutionView,
        ReadLogArgs,
        LogPage,
        SaveActionLogArgs,
        SavedLog,
        ApprovalView,
        TriggerView,
        SourceRevisionView,
        NamedValue,
        ListExecutionsArgs,
        ExecutionSummaryView,
        ExecutionPage,
        ArtifactView,
        ActionLimits,
        RetryStageArgs,
        ArtifactFilesArgs,
        ArtifactFile,
        ArtifactFiles,
        OpenedArtifact,
        DecideApprovalArgs,
        PendingApproval,
        DisabledTransitionView,
        SetTransitionArgs,
        RerunArgs,
        SetNotificationsArgs,
        MetricsRange,
        MetricsArgs,
        StatusCounts,
        Durations,
        DayMetrics,
        StepMetrics,
        Metrics,
        PausePoint,
        DebugSettings,
        SetPauseBeforeArgs,
        SetKeepFailedArgs,
        OpenTerminalArgs,
        TerminalEvent,
        TerminalInputArgs,
        TerminalResizeArgs,
        CloseTerminalArgs,
        PipelineDocument,
        PipelineDeclaration,
        ArtifactStore,
        EncryptionKey,
        StageDeclaration,
        BlockerDeclaration,
        FailureConditions,
        RetryConfiguration,
        SuccessConditions,
        BeforeEntryConditions,
        Condition,
        RuleDeclaration,
        RuleTypeId,
        ActionDeclaration,
        ActionTypeId,
        InputArtifact,
        OutputArtifact,
        EnvironmentVariable,
        PipelineVariableDeclaration,
        PipelineTriggerDeclaration,
        GitConfiguration,
        GitPushFilter,
        GitPullRequestFilter,
        GitFilterPatterns,
        PipelineLocal,
        ActionLocal,
    ));
    out.push_str(&commands_interface(&cfg));
    out.push('\n');
    out.push_str(&channel_commands_interface(&cfg));
    out
}
