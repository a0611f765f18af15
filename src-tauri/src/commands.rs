//! Tauri command wrappers: each takes one `args` parameter and calls the matching `Host`
//! function. The names and types are the IPC contract in `pipewright_core::api`.

use crate::host::{Host, HostResult};
use pipewright_core::api::*;
use tauri::State;

#[tauri::command]
pub fn app_info(host: State<'_, Host>) -> AppInfo {
    host.app_info()
}

#[tauri::command]
pub fn app_ready(app: tauri::AppHandle, args: AppReadyArgs) {
    crate::smoke::on_ready(&app, args.listed_pipelines);
}

#[tauri::command]
pub fn list_pipelines(host: State<'_, Host>) -> HostResult<Vec<PipelineSummary>> {
    host.list_pipelines()
}

#[tauri::command]
pub fn get_pipeline(host: State<'_, Host>, args: GetPipelineArgs) -> HostResult<PipelineDetail> {
    host.get_pipeline(args)
}

#[tauri::command]
pub fn list_templates(host: State<'_, Host>) -> Vec<TemplateInfo> {
    host.list_templates()
}

#[tauri::command]
pub fn create_pipeline(
    host: State<'_, Host>,
    args: CreatePipelineArgs,
) -> HostResult<PipelineSummary> {
    host.create_pipeline(args)
}

#[tauri::command]
pub fn import_pipeline(host: State<'_, Host>, args: ImportArgs) -> HostResult<ImportResult> {
    host.import_pipeline(args)
}

#[tauri::command]
pub fn read_import_file(host: State<'_, Host>, args: ReadImportFileArgs) -> HostResult<String> {
    host.read_import_file(args)
}

#[tauri::command]
pub fn export_pipeline(host: State<'_, Host>, args: ExportArgs) -> HostResult<ExportResult> {
    host.export_pipeline(args)
}

#[tauri::command]
pub fn export_document(
    host: State<'_, Host>,
    args: ExportDocumentArgs,
) -> HostResult<ExportResult> {
    host.export_document(args)
}

#[tauri::command]
pub fn save_export(host: State<'_, Host>, args: SaveExportArgs) -> HostResult<()> {
    host.save_export(args)
}

#[tauri::command]
pub fn delete_pipeline(host: State<'_, Host>, args: NameArgs) -> HostResult<()> {
    host.delete_pipeline(args)
}

#[tauri::command]
pub fn validate_text(host: State<'_, Host>, args: ValidateArgs) -> ValidateResult {
    host.validate_text(args)
}

#[tauri::command(async)]
pub fn run_pipeline(host: State<'_, Host>, args: RunPipelineArgs) -> HostResult<RunStarted> {
    host.run_pipeline(args)
}

#[tauri::command]
pub fn create_environment_set(
    host: State<'_, Host>,
    args: CreateEnvironmentSetArgs,
) -> HostResult<Vec<PipelineSummary>> {
    host.create_environment_set(args)
}

#[tauri::command]
pub fn duplicate_pipeline(
    host: State<'_, Host>,
    args: DuplicatePipelineArgs,
) -> HostResult<PipelineSummary> {
    host.duplicate_pipeline(args)
}

#[tauri::command]
pub fn validate_document(
    host: State<'_, Host>,
    args: ValidateDocumentArgs,
) -> Vec<pipewright_core::Diagnostic> {
    host.validate_document(args)
}

#[tauri::command]
pub fn list_providers(host: State<'_, Host>) -> Vec<pipewright_core::providers::ProviderSchema> {
    host.list_providers()
}

#[tauri::command]
pub fn save_pipeline(host: State<'_, Host>, args: SavePipelineArgs) -> HostResult<SaveResult> {
    host.save_pipeline(args)
}

#[tauri::command]
pub fn list_versions(host: State<'_, Host>, args: NameArgs) -> HostResult<Vec<VersionEntry>> {
    host.list_versions(args)
}

#[tauri::command]
pub fn diff_versions(
    host: State<'_, Host>,
    args: DiffVersionsArgs,
) -> HostResult<pipewright_core::diff::PipelineDiff> {
    host.diff_versions(args)
}

#[tauri::command]
pub fn restore_version(
    host: State<'_, Host>,
    args: RestoreVersionArgs,
) -> HostResult<PipelineSummary> {
    host.restore_version(args)
}

#[tauri::command(async)]
pub fn stop_execution(host: State<'_, Host>, args: StopExecutionArgs) -> HostResult<()> {
    host.stop_execution(args)
}

#[tauri::command]
pub fn latest_execution(
    host: State<'_, Host>,
    args: NameArgs,
) -> HostResult<Option<ExecutionView>> {
    host.latest_execution(args)
}

#[tauri::command]
pub fn get_execution(host: State<'_, Host>, args: ExecutionArgs) -> HostResult<ExecutionView> {
    host.get_execution(args)
}

#[tauri::command(async)]
pub fn retry_stage(host: State<'_, Host>, args: RetryStageArgs) -> HostResult<RunStarted> {
    host.retry_stage(args)
}

#[tauri::command]
pub fn artifact_files(host: State<'_, Host>, args: ArtifactFilesArgs) -> HostResult<ArtifactFiles> {
    host.artifact_files(args)
}

#[tauri::command(async)]
pub fn open_artifact(host: State<'_, Host>, args: ArtifactFilesArgs) -> HostResult<OpenedArtifact> {
    host.open_artifact(args)
}

#[tauri::command]
pub fn list_transitions(
    host: State<'_, Host>,
    args: NameArgs,
) -> HostResult<Vec<DisabledTransitionView>> {
    host.list_transitions(args)
}

#[tauri::command(async)]
pub fn rerun_execution(host: State<'_, Host>, args: RerunArgs) -> HostResult<RunStarted> {
    host.rerun_execution(args)
}

#[tauri::command(async)]
pub fn set_transition(host: State<'_, Host>, args: SetTransitionArgs) -> HostResult<()> {
    host.set_transition(args)
}

#[tauri::command(async)]
pub fn decide_approval(host: State<'_, Host>, args: DecideApprovalArgs) -> HostResult<()> {
    host.decide_approval(args)
}

#[tauri::command(async)]
pub fn pending_approvals(host: State<'_, Host>) -> HostResult<Vec<PendingApproval>> {
    host.pending_approvals()
}

#[tauri::command]
pub fn get_metrics(host: State<'_, Host>, args: MetricsArgs) -> HostResult<Metrics> {
    host.get_metrics(args)
}

#[tauri::command]
pub fn save_action_log(host: State<'_, Host>, args: SaveActionLogArgs) -> HostResult<SavedLog> {
    host.save_action_log(args)
}

#[tauri::command]
pub fn get_notifications(host: State<'_, Host>, args: NameArgs) -> HostResult<bool> {
    host.get_notifications(args)
}

#[tauri::command]
pub fn set_notifications(host: State<'_, Host>, args: SetNotificationsArgs) -> HostResult<()> {
    host.set_notifications(args)
}

#[tauri::command]
pub fn list_executions(
    host: State<'_, Host>,
    args: ListExecutionsArgs,
) -> HostResult<ExecutionPage> {
    host.list_executions(args)
}

/// Streams the execution's view through `on_event` every time it changes (checked every
/// 250 ms) until it has ended, from a thread with its own store connection.
#[tauri::command]
pub fn watch_execution(
    host: State<'_, Host>,
    args: ExecutionArgs,
    on_event: tauri::ipc::Channel<ExecutionView>,
) -> HostResult<()> {
    // Fail fast on an unknown id; the thread then follows it.
    host.get_execution(args.clone())?;
    let data_dir = host.data_dir().to_path_buf();
    std::thread::spawn(move || {
        let result = crate::host::watch_execution(
            &data_dir,
            &args.execution_id,
            std::time::Duration::from_millis(250),
            |view| on_event.send(view).is_ok(),
        );
        if let Err(e) = result {
            tracing::warn!(code = %e.code, "watching {} stopped: {}", args.execution_id, e.message);
        }
    });
    Ok(())
}

/// Streams an action's log through `on_event` as it grows (checked every 200 ms), from the
/// given offset until the action has ended and all of it was sent.
#[tauri::command]
pub fn watch_action_log(
    host: State<'_, Host>,
    args: ReadLogArgs,
    on_event: tauri::ipc::Channel<LogPage>,
) -> HostResult<()> {
    // Fail fast on an unknown execution; the thread then follows the log.
    host.get_execution(ExecutionArgs {
        execution_id: args.execution_id.clone(),
    })?;
    let data_dir = host.data_dir().to_path_buf();
    std::thread::spawn(move || {
        let result = crate::host::watch_action_log(
            &data_dir,
            &args,
            std::time::Duration::from_millis(200),
            |page| on_event.send(page).is_ok(),
        );
        if let Err(e) = result {
            tracing::warn!(code = %e.code, "following the log of {}/{} stopped: {}", args.stage_name, args.action_name, e.message);
        }
    });
    Ok(())
}

#[tauri::command]
pub fn get_debug_settings(host: State<'_, Host>, args: NameArgs) -> HostResult<DebugSettings> {
    host.get_debug_settings(args)
}

#[tauri::command]
pub fn set_pause_before(
    host: State<'_, Host>,
    args: SetPauseBeforeArgs,
) -> HostResult<DebugSettings> {
    host.set_pause_before(args)
}

#[tauri::command]
pub fn set_keep_failed_containers(
    host: State<'_, Host>,
    args: SetKeepFailedArgs,
) -> HostResult<DebugSettings> {
    host.set_keep_failed_containers(args)
}

/// Opens a shell in a kept debug container and streams its output through `on_event`.
#[tauri::command(async)]
pub fn open_terminal(
    host: State<'_, Host>,
    args: OpenTerminalArgs,
    on_event: tauri::ipc::Channel<TerminalEvent>,
) -> HostResult<()> {
    host.open_terminal(args, move |event| on_event.send(event).is_ok())
}

#[tauri::command(async)]
pub fn terminal_input(host: State<'_, Host>, args: TerminalInputArgs) -> HostResult<()> {
    host.terminal_input(args)
}

#[tauri::command(async)]
pub fn terminal_resize(host: State<'_, Host>, args: TerminalResizeArgs) -> HostResult<()> {
    host.terminal_resize(args)
}

#[tauri::command(async)]
pub fn close_terminal(host: State<'_, Host>, args: CloseTerminalArgs) -> HostResult<()> {
    host.close_terminal(args)
}

/// Registers every command once: the handler and the list of names the contract test compares
/// with `pipewright_core::api::COMMAND_NAMES`.
macro_rules! registered {
    ($($name:ident),* $(,)?) => {
        pub const REGISTERED: &[&str] = &[$(stringify!($name)),*];

        pub fn handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }
    };
}

registered!(
    app_info,
    app_ready,
    list_pipelines,
    get_pipeline,
    list_templates,
    create_pipeline,
    import_pipeline,
    read_import_file,
    export_pipeline,
    export_document,
    save_export,
    delete_pipeline,
    validate_text,
    create_environment_set,
    duplicate_pipeline,
    validate_document,
    list_providers,
    save_pipeline,
    list_versions,
    diff_versions,
    restore_version,
    run_pipeline,
    stop_execution,
    latest_execution,
    get_execution,
    retry_stage,
    artifact_files,
    open_artifact,
    decide_approval,
    pending_approvals,
    list_transitions,
    set_transition,
    rerun_execution,
    get_metrics,
    list_executions,
    get_notifications,
    set_notifications,
    save_action_log,
    get_debug_settings,
    set_pause_before,
    set_keep_failed_containers,
    terminal_input,
    terminal_resize,
    close_terminal,
    watch_execution,
    watch_action_log,
    open_terminal,
);
