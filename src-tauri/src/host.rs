//! The app's command handlers as plain functions over the store, so they are tested without a
//! webview (the Tauri wrappers in `commands.rs` only move arguments across IPC).

use pipewright_core::api::*;
use pipewright_core::{
    check_bytes, codepipeline_export_refusal, diff, export, is_valid, templates, validate,
    ExportFormat, ParseOptions,
};
use pipewright_store::execution::ActionExecutionStatus;
use pipewright_store::{SamplePaths, SaveBase, Store, StoreError, IMAGES_DEFAULT};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

mod execution;
pub use execution::execution_view;

mod designer;

mod metrics;

mod history;

mod notifications;

mod approvals;

mod transitions;

mod logs;

mod debug;

mod terminal;

/// Everything the commands share.
pub struct Host {
    store: Mutex<Store>,
    data_dir: PathBuf,
    terminals: terminal::Terminals,
}

pub type HostResult<T> = Result<T, IpcError>;

fn store_err(e: StoreError) -> IpcError {
    IpcError::new(e.code(), e.to_string())
}

impl Host {
    pub fn open(data_dir: &Path) -> HostResult<Self> {
        let store = Store::open(data_dir).map_err(store_err)?;
        Ok(Self {
            store: Mutex::new(store),
            data_dir: data_dir.to_path_buf(),
            terminals: terminal::Terminals::default(),
        })
    }

    fn store(&self) -> HostResult<std::sync::MutexGuard<'_, Store>> {
        self.store.lock().map_err(|_| {
            IpcError::new(
                "E_INTERNAL",
                "the store is unavailable after an earlier failure; restart Pipewright",
            )
        })
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn app_info(&self) -> AppInfo {
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            data_dir: self.data_dir.display().to_string(),
            sample: self.sample_info(),
        }
    }

    /// The first-run sample, while it exists.
    fn sample_info(&self) -> Option<SampleInfo> {
        let store = self.store().ok()?;
        let name = store.sample_pipeline().ok()??;
        store.get_pipeline(&name, None).ok()?;
        let paths = SamplePaths::in_data_dir(&self.data_dir);
        Some(SampleInfo {
            pipeline: name,
            project_dir: paths.project.display().to_string(),
            deploy_dir: paths.deployed.display().to_string(),
        })
    }

    /// First start on this data folder: create the sample pipeline (see the store's
    /// `ensure_sample`). Returns its name when it was created now.
    pub fn ensure_sample(&self) -> HostResult<Option<String>> {
        let mut store = self.store()?;
        let image = store.get_setting(IMAGES_DEFAULT).map_err(store_err)?;
        store
            .ensure_sample(&self.data_dir, &image)
            .map_err(store_err)
    }

    pub fn list_pipelines(&self) -> HostResult<Vec<PipelineSummary>> {
        self.store()?.list_pipelines().map_err(store_err)
    }

    pub fn get_pipeline(&self, args: GetPipelineArgs) -> HostResult<PipelineDetail> {
        let stored = self
            .store()?
            .get_pipeline(&args.name, args.version)
            .map_err(store_err)?;
        let (yaml, _) = export(&stored.document, ExportFormat::Yaml);
        let diagnostics = validate(&stored.document);
        Ok(PipelineDetail {
            summary: stored.summary,
            document: stored.document,
            yaml,
            diagnostics,
        })
    }

    pub fn list_templates(&self) -> Vec<TemplateInfo> {
        templates::list()
    }

    pub fn create_pipeline(&self, args: CreatePipelineArgs) -> HostResult<PipelineSummary> {
        let doc = templates::instantiate(&args.template, &args.name).ok_or_else(|| {
            IpcError::new(
                "E_TEMPLATE_UNKNOWN",
                format!("there is no template `{}`", args.template),
            )
        })?;
        let valid = is_valid(&validate(&doc));
        self.store()?
            .save_pipeline(&doc, valid, SaveBase::New)
            .map_err(store_err)
    }

    /// One pipeline per environment from a template. Refused as a whole (nothing saved) when a
    /// name is taken or an environment name is not usable in a pipeline name.
    pub fn create_environment_set(
        &self,
        args: CreateEnvironmentSetArgs,
    ) -> HostResult<Vec<PipelineSummary>> {
        let envs: Vec<String> = args
            .environments
            .iter()
            .map(|e| e.trim().to_string())
            .filter(|e| !e.is_empty())
            .collect();
        let usable = |e: &String| {
            e.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '@' | '-' | '_'))
        };
        if envs.is_empty() || !envs.iter().all(usable) {
            return Err(IpcError::new(
                "E_ENVIRONMENTS",
                "give one or more environment names made of letters, digits, `.`, `@`, `-` or `_` (e.g. dev, staging, prod)",
            ));
        }
        let mut seen = std::collections::HashSet::new();
        if let Some(dup) = envs.iter().find(|e| !seen.insert(e.as_str())) {
            return Err(IpcError::new(
                "E_ENVIRONMENTS",
                format!("the environment `{dup}` is listed twice"),
            ));
        }
        let doc = templates::instantiate(&args.template, &args.name).ok_or_else(|| {
            IpcError::new(
                "E_TEMPLATE_UNKNOWN",
                format!("there is no template `{}`", args.template),
            )
        })?;
        let docs = templates::environment_set(&doc, &args.name, &envs);
        let mut store = self.store()?;
        let taken: Vec<&str> = docs
            .iter()
            .map(|d| d.pipeline.name.as_str())
            .filter(|n| store.get_pipeline(n, None).is_ok())
            .collect();
        if !taken.is_empty() {
            return Err(IpcError::new(
                "E_EXISTS",
                format!(
                    "{} already exist{}; choose another name",
                    taken.join(", "),
                    if taken.len() == 1 { "s" } else { "" }
                ),
            ));
        }
        docs.iter()
            .map(|d| {
                let valid = is_valid(&validate(d));
                store
                    .save_pipeline(d, valid, SaveBase::New)
                    .map_err(store_err)
            })
            .collect()
    }

    /// The latest version of a pipeline saved under a new name, with variable defaults set
    /// (declared when missing), e.g. the same pipeline for another environment.
    pub fn duplicate_pipeline(&self, args: DuplicatePipelineArgs) -> HostResult<PipelineSummary> {
        let mut store = self.store()?;
        let mut doc = store
            .get_pipeline(&args.name, None)
            .map_err(store_err)?
            .document;
        doc.pipeline.name = args.new_name.trim().to_string();
        doc.pipeline.version = None;
        for v in &args.variables {
            templates::set_variable_default(&mut doc, v.name.trim(), &v.value);
        }
        let valid = is_valid(&validate(&doc));
        store
            .save_pipeline(&doc, valid, SaveBase::New)
            .map_err(store_err)
    }

    pub fn import_pipeline(&self, args: ImportArgs) -> HostResult<ImportResult> {
        let base_dir = args
            .source_path
            .as_deref()
            .and_then(|p| Path::new(p).parent())
            .map(|p| p.display().to_string());
        let name = args.name.as_deref().filter(|n| !n.trim().is_empty());
        let (document, diagnostics) =
            check_bytes(args.text.as_bytes(), &ParseOptions { base_dir }, name);
        let Some(doc) = document else {
            return Ok(ImportResult {
                saved: None,
                diagnostics,
            });
        };
        let valid = is_valid(&diagnostics);
        if !valid && !args.draft {
            return Ok(ImportResult {
                saved: None,
                diagnostics,
            });
        }
        let saved = self
            .store()?
            .save_pipeline(&doc, valid, SaveBase::Latest)
            .map_err(store_err)?;
        Ok(ImportResult {
            saved: Some(saved),
            diagnostics,
        })
    }

    pub fn read_import_file(&self, args: ReadImportFileArgs) -> HostResult<String> {
        let bytes = std::fs::read(&args.path)
            .map_err(|e| IpcError::new("E_READ_FILE", format!("cannot read {}: {e}", args.path)))?;
        String::from_utf8(bytes).map_err(|_| {
            IpcError::new(
                "E_INVALID_UTF8",
                format!(
                    "{} is not UTF-8 text; save it as UTF-8 and import again",
                    args.path
                ),
            )
        })
    }

    pub fn export_pipeline(&self, args: ExportArgs) -> HostResult<ExportResult> {
        let stored = self
            .store()?
            .get_pipeline(&args.name, args.version)
            .map_err(store_err)?;
        let (format, ext) = designer::export_format(args.format);
        if format == ExportFormat::CodePipeline {
            if let Some(diagnostics) =
                codepipeline_export_refusal(&stored.document, stored.summary.valid)
            {
                let first = diagnostics
                    .iter()
                    .find(|d| d.is_error())
                    .map(|d| format!(" ({}: {})", d.code, d.message))
                    .unwrap_or_default();
                return Err(IpcError::new(
                    "E_INVALID_PIPELINE",
                    format!("version {} of {} is invalid and cannot be exported for CodePipeline{first}; fix it first", stored.summary.version, args.name),
                ));
            }
        }
        let (text, diagnostics) = export(&stored.document, format);
        Ok(ExportResult {
            text,
            file_name: format!("{}.{ext}", args.name),
            diagnostics,
        })
    }

    pub fn save_export(&self, args: SaveExportArgs) -> HostResult<()> {
        std::fs::write(&args.path, args.text.as_bytes())
            .map_err(|e| IpcError::new("E_WRITE_FILE", format!("cannot write {}: {e}", args.path)))
    }

    pub fn delete_pipeline(&self, args: NameArgs) -> HostResult<()> {
        self.store()?.delete_pipeline(&args.name).map_err(store_err)
    }

    pub fn validate_text(&self, args: ValidateArgs) -> ValidateResult {
        let (document, diagnostics) =
            check_bytes(args.text.as_bytes(), &ParseOptions::default(), None);
        let valid = document.is_some() && is_valid(&diagnostics);
        ValidateResult { valid, diagnostics }
    }

    pub fn validate_document(
        &self,
        args: ValidateDocumentArgs,
    ) -> Vec<pipewright_core::Diagnostic> {
        validate(&args.document)
    }

    /// The one provider schema of the core, for the palette and the inspector's forms.
    pub fn list_providers(&self) -> Vec<pipewright_core::providers::ProviderSchema> {
        pipewright_core::providers::provider_schemas().to_vec()
    }

    /// Save an edit as a new version on top of `base_version` (refused with `E_CONFLICT` when
    /// another version was saved since), a draft marked invalid when it has errors.
    pub fn save_pipeline(&self, args: SavePipelineArgs) -> HostResult<SaveResult> {
        let diagnostics = validate(&args.document);
        let valid = is_valid(&diagnostics);
        let base = match args.base_version {
            Some(v) => SaveBase::Version(v),
            None => SaveBase::New,
        };
        let saved = self
            .store()?
            .save_pipeline(&args.document, valid, base)
            .map_err(store_err)?;
        Ok(SaveResult { saved, diagnostics })
    }

    /// Every version, newest first, each with a summary of what changed from the one before.
    pub fn list_versions(&self, args: NameArgs) -> HostResult<Vec<VersionEntry>> {
        let store = self.store()?;
        let mut versions = store.list_versions(&args.name).map_err(store_err)?;
        versions.sort_by_key(|v| v.version);
        let mut out = Vec::with_capacity(versions.len());
        let mut previous: Option<pipewright_core::PipelineDocument> = None;
        for v in versions {
            let doc = store
                .get_pipeline(&args.name, Some(v.version))
                .map_err(store_err)?
                .document;
            let summary = match &previous {
                Some(before) => diff::diff(before, &doc).summary,
                None => "Created".to_string(),
            };
            out.push(VersionEntry {
                version: v.version,
                created: v.created,
                valid: v.valid,
                summary,
            });
            previous = Some(doc);
        }
        out.reverse();
        Ok(out)
    }

    pub fn diff_versions(&self, args: DiffVersionsArgs) -> HostResult<diff::PipelineDiff> {
        let store = self.store()?;
        let from = store
            .get_pipeline(&args.name, Some(args.from))
            .map_err(store_err)?;
        let to = store
            .get_pipeline(&args.name, Some(args.to))
            .map_err(store_err)?;
        Ok(diff::diff(&from.document, &to.document))
    }

    /// Save an old version's document as the newest version (history is never rewritten).
    pub fn restore_version(&self, args: RestoreVersionArgs) -> HostResult<PipelineSummary> {
        let mut store = self.store()?;
        let old = store
            .get_pipeline(&args.name, Some(args.version))
            .map_err(store_err)?;
        let valid = is_valid(&validate(&old.document));
        store
            .save_pipeline(&old.document, valid, SaveBase::Latest)
            .map_err(store_err)
    }

    /// The `pipewright` CLI next to this program, on this data folder, with `args`; its
    /// output when it succeeded, its `error[CODE]` as the error when not.
    fn run_cli<I, S>(&self, args: I) -> HostResult<std::process::Output>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let cli = cli_path()?;
        let output = std::process::Command::new(&cli)
            .arg("--data-dir")
            .arg(&self.data_dir)
            .args(args)
            .stdin(std::process::Stdio::null())
            .output()
            .map_err(|e| {
                IpcError::new(
                    "E_WORKER_MISSING",
                    format!("cannot start {}: {e}", cli.display()),
                )
            })?;
        if !output.status.success() {
            return Err(cli_error(&output.stderr));
        }
        Ok(output)
    }

    /// Hand a run to a detached worker: the `pipewright` CLI next to this program runs
    /// `run NAME --json` without `--wait`, which starts the worker and prints the id.
    pub fn run_pipeline(&self, args: RunPipelineArgs) -> HostResult<RunStarted> {
        let mut cli_args = vec!["run".to_string(), args.name.clone()];
        for v in &args.variables {
            cli_args.push("--var".into());
            cli_args.push(format!("{}={}", v.name, v.value));
        }
        cli_args.push("--json".into());
        let output = self.run_cli(cli_args)?;
        started_execution(&output, "run")
    }

    /// Ask an execution to stop (`pipewright stop ID [--abandon]`): its owner, a worker
    /// process, picks the request up.
    pub fn stop_execution(&self, args: StopExecutionArgs) -> HostResult<()> {
        let mut cli_args = vec!["stop", args.execution_id.as_str()];
        if args.abandon {
            cli_args.push("--abandon");
        }
        self.run_cli(cli_args).map(|_| ())
    }

    /// The newest execution of a pipeline, if it ever ran.
    pub fn latest_execution(&self, args: NameArgs) -> HostResult<Option<ExecutionView>> {
        let store = self.store()?;
        let list = store
            .list_executions(&args.name, Some(1))
            .map_err(store_err)?;
        match list.pipeline_execution_summaries.first() {
            Some(s) => execution_view(&store, &self.data_dir, &s.pipeline_execution_id).map(Some),
            None => Ok(None),
        }
    }

    pub fn get_execution(&self, args: ExecutionArgs) -> HostResult<ExecutionView> {
        execution_view(&*self.store()?, &self.data_dir, &args.execution_id)
    }

    /// Complete lines of the latest attempt's log of an action from `offset`.
    #[cfg(test)]
    pub fn read_action_log(&self, args: ReadLogArgs) -> HostResult<LogPage> {
        read_log_page(&*self.store()?, &self.data_dir, &args)
    }
}

/// The `pipewright` CLI binary beside this program (both sit in target/debug in dev and tests).
fn cli_path() -> HostResult<PathBuf> {
    let missing = |why: String| {
        IpcError::new(
            "E_WORKER_MISSING",
            format!("cannot find the `pipewright` program that runs pipelines: {why}; install it next to the app"),
        )
    };
    let exe = std::env::current_exe().map_err(|e| missing(e.to_string()))?;
    let dir = exe
        .parent()
        .ok_or_else(|| missing("the app has no folder".into()))?;
    // Test binaries live in target/debug/deps; the CLI is one folder up.
    let candidates = [dir.join("pipewright"), dir.join("../pipewright")];
    candidates
        .into_iter()
        .find(|p| p.is_file())
        .ok_or_else(|| missing(format!("it is not in {}", dir.display())))
}

/// `error[E_CODE]: message` from the CLI's stderr as an IpcError.
pub(crate) fn cli_error(stderr: &[u8]) -> IpcError {
    let text = String::from_utf8_lossy(stderr);
    let line = text
        .lines()
        .find(|l| l.starts_with("error["))
        .unwrap_or_else(|| text.trim());
    if let Some(rest) = line.strip_prefix("error[") {
        if let Some((code, message)) = rest.split_once("]: ") {
            return IpcError::new(code, message.to_string());
        }
    }
    IpcError::new("E_RUN", format!("the run did not start: {line}"))
}

/// The execution a `pipewright run|rerun … --json` printed (`pipelineExecutionId`).
pub(crate) fn started_execution(
    output: &std::process::Output,
    command: &str,
) -> HostResult<RunStarted> {
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).map_err(|e| {
        IpcError::new(
            "E_INTERNAL",
            format!("`pipewright {command} --json` printed something unexpected: {e}"),
        )
    })?;
    let execution_id = value["pipelineExecutionId"]
        .as_str()
        .ok_or_else(|| {
            IpcError::new(
                "E_INTERNAL",
                format!("`pipewright {command} --json` printed no pipelineExecutionId"),
            )
        })?
        .to_string();
    Ok(RunStarted { execution_id })
}

/// Follow an execution from its own store connection: `send` the view whenever it changed
/// (checked every `every`), until it has ended; the final
/// view is always sent. Stops early when `send` returns false (the window went away).
pub fn watch_execution(
    data_dir: &Path,
    execution_id: &str,
    every: std::time::Duration,
    mut send: impl FnMut(ExecutionView) -> bool,
) -> HostResult<()> {
    let store = Store::open(data_dir).map_err(store_err)?;
    // The view itself is the key: every event touches its update time, and comparing the
    // whole view cannot see a change between two reads of one poll (a race that resent
    // unchanged views when the key was read apart from the view).
    let mut last: Option<ExecutionView> = None;
    loop {
        let view = execution_view(&store, data_dir, execution_id)?;
        let ended = !matches!(view.status.as_str(), "InProgress" | "Stopping");
        if ended || last.as_ref() != Some(&view) {
            last = Some(view.clone());
            if !send(view) {
                return Ok(());
            }
        }
        if ended {
            return Ok(());
        }
        std::thread::sleep(every);
    }
}

/// The part of an action's recorded log from `args.offset` on; `complete` once the action has
/// ended and everything was read.
pub fn read_log_page(store: &Store, data_dir: &Path, args: &ReadLogArgs) -> HostResult<LogPage> {
    let (log_path, ended) = {
        let actions = store
            .action_executions(&args.execution_id)
            .map_err(store_err)?;
        let latest = actions.iter().rev().find(|a| {
            a.stage_name == args.stage_name
                && a.action_name == args.action_name
                && args.attempt.is_none_or(|n| a.attempt == n)
        });
        match latest {
            None => {
                let running = store
                    .get_execution(&args.execution_id)
                    .map_err(store_err)?
                    .status
                    .is_running();
                return Ok(LogPage {
                    text: String::new(),
                    next_offset: args.offset,
                    complete: !running,
                });
            }
            Some(a) => (
                a.log_path.clone(),
                a.status != ActionExecutionStatus::InProgress,
            ),
        }
    };
    let Some(rel) = log_path else {
        return Ok(LogPage {
            text: String::new(),
            next_offset: args.offset,
            complete: ended,
        });
    };
    let (path, read) = pipewright_engine::logs::read_recorded_log(data_dir, &rel, args.offset);
    let read = read.map_err(|e| {
        IpcError::new(
            "E_READ_FILE",
            format!("cannot read the log {}: {e}", path.display()),
        )
    })?;
    Ok(LogPage {
        complete: ended && read.bytes.is_empty(),
        text: String::from_utf8_lossy(&read.bytes).into_owned(),
        next_offset: read.next_offset,
    })
}

/// Streams an action's log through `send` as it grows (checked every `every`), from
/// `args.offset` until the action has ended and all of it was sent, or `send` says stop.
pub fn watch_action_log(
    data_dir: &Path,
    args: &ReadLogArgs,
    every: std::time::Duration,
    mut send: impl FnMut(LogPage) -> bool,
) -> HostResult<()> {
    let store = Store::open(data_dir).map_err(store_err)?;
    let mut args = args.clone();
    loop {
        let page = read_log_page(&store, data_dir, &args)?;
        let (grew, complete) = (!page.text.is_empty(), page.complete);
        args.offset = page.next_offset;
        if (grew || complete) && !send(page) {
            return Ok(());
        }
        if complete {
            return Ok(());
        }
        // A page was full: read on at once; otherwise wait for more.
        if !grew {
            std::thread::sleep(every);
        }
    }
}
