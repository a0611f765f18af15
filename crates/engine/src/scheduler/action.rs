//! One action execution: resolve its variables and inputs, record it InProgress, run its
//! provider under its timeout and the execution's abandon signal, record how it ended.

use super::progress::Progress;
use super::{Engine, EngineError};
use crate::logs::{LogKey, LogSink};
use crate::model::ActionExecutionStatus as A;
use crate::ownership::lock_store;
use crate::providers::{
    ActionContext, ActionProvider, ActionResult, ArtifactRevision, CancelReason, CancelSignal,
    Report, Reporter,
};
use crate::variables::{resolve_action, Scope};
use futures_util::FutureExt;
use pipewright_core::model::{ActionDeclaration, PipelineDocument};
use pipewright_store::execution::{
    ActionFinish, ActionType, ArtifactRecord, ExecutionRecord, NewActionExecution, SourceRevision,
};
use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

pub(crate) struct ActionRun {
    pub engine: Engine,
    pub execution: ExecutionRecord,
    pub doc: Arc<PipelineDocument>,
    pub stage_index: usize,
    pub action_index: usize,
    /// The stage attempt.
    pub attempt: i64,
    /// What upstream actions recorded before this group started.
    pub progress: Arc<Progress>,
    pub abandon: watch::Receiver<bool>,
    /// The action execution to run now: it waited at a pause point and was continued
    /// (already recorded InProgress; its log is appended to).
    pub resume: Option<String>,
}

/// How an action ended, for its stage (InProgress: it waits for a decision).
#[derive(Debug, Clone)]
pub(crate) struct ActionOutcome {
    pub status: A,
    /// `Stage/Action: what happened` (for the stage's and the execution's summary).
    pub summary: String,
    /// It failed and its container was kept: the execution holds for debugging.
    pub held: bool,
}

/// What is needed to call the provider.
struct Prepared {
    action: ActionDeclaration,
    inputs: BTreeMap<String, ArtifactRevision>,
    provider: Arc<dyn ActionProvider>,
}

pub(crate) async fn run_action(run: ActionRun) -> Result<ActionOutcome, EngineError> {
    let stage = &run.doc.pipeline.stages[run.stage_index];
    let decl = &stage.actions[run.action_index];
    let label = format!("{}/{}", stage.name, decl.name);
    let engine = &run.engine;
    let action_execution_id = run
        .resume
        .clone()
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let key = LogKey {
        execution_id: run.execution.id.clone(),
        stage: stage.name.clone(),
        action: decl.name.clone(),
        attempt: run.attempt,
    };
    let hub = Some(engine.inner.logs.clone());
    let open = if run.resume.is_some() {
        LogSink::reopen
    } else {
        LogSink::create
    };
    let (log, log_error) = match open(
        engine.data_dir(),
        key.clone(),
        hub.clone(),
        engine.inner.config.log_cap_bytes,
    ) {
        Ok(sink) => (sink, None),
        Err(e) => (LogSink::detached(key.clone(), hub), Some(e)),
    };

    // Inputs are recorded whether or not the action can run.
    let mut inputs = BTreeMap::new();
    let mut input_records = Vec::new();
    let mut missing = Vec::new();
    for input in decl.input_artifacts.iter().flatten() {
        match run.progress.artifact(&input.name) {
            Some(record) => {
                inputs.insert(
                    input.name.clone(),
                    ArtifactRevision {
                        digest: record.digest.clone(),
                        size: record.size,
                        file_count: record.file_count,
                    },
                );
                input_records.push(record.clone());
            }
            None => missing.push(input.name.clone()),
        }
    }
    let prepared = prepare(&run, decl, &label, inputs, &missing, log_error);

    let t = &decl.action_type_id;
    let new = NewActionExecution {
        id: action_execution_id.clone(),
        execution_id: run.execution.id.clone(),
        stage_name: stage.name.clone(),
        action_name: decl.name.clone(),
        attempt: run.attempt,
        action_type: ActionType {
            category: t.category.clone(),
            owner: t.owner.clone(),
            provider: t.provider.clone(),
            version: t.version.clone(),
        },
        log_path: log
            .path()
            .map(|_| key.relative_path().to_string_lossy().into_owned()),
        inputs: input_records,
    };
    if run.resume.is_none() {
        engine.commit(|s| s.start_action(&new))?;
        let pipeline = run.execution.pipeline_name.as_str();
        if !super::approval::is_manual_approval(decl)
            && engine.db(|s| s.pauses_before(pipeline, &stage.name, &decl.name))?
        {
            let pause = super::approval::DecisionFor {
                execution_id: &run.execution.id,
                action_execution_id: &action_execution_id,
                stage: &stage.name,
                decl,
            }
            .pause(&log);
            engine.db(|s| s.request_approval(&pause))?;
            if let Err(e) = log.finish() {
                tracing::warn!(action = %label, "the action's log is incomplete: {e}");
            }
            return Ok(ActionOutcome {
                status: A::InProgress,
                summary: format!("action `{label}` is paused before it runs"),
                held: false,
            });
        }
    } else {
        log.system("continued: the action runs now");
    }

    if super::approval::is_manual_approval(decl) {
        let approval = super::approval::DecisionFor {
            execution_id: &run.execution.id,
            action_execution_id: &action_execution_id,
            stage: &stage.name,
            decl,
        }
        .approval(&log);
        engine.db(|s| s.request_approval(&approval))?;
        if let Err(e) = log.finish() {
            tracing::warn!(action = %label, "the action's log is incomplete: {e}");
        }
        return Ok(ActionOutcome {
            status: A::InProgress,
            summary: format!("action `{label}` waits for a manual approval"),
            held: false,
        });
    }

    let finish = match prepared {
        Err(summary) => ActionFinish::failed(summary, None),
        Ok(prepared) => execute(&run, &action_execution_id, decl, prepared, log.clone()).await,
    };
    match (&finish.status, &finish.error_summary) {
        (A::Succeeded, _) => log.system("action Succeeded"),
        (status, Some(summary)) => log.system(&format!("action {status}: {summary}")),
        (status, None) => log.system(&format!("action {status}")),
    }
    if let Err(e) = log.finish() {
        tracing::warn!(action = %label, "the action's log is incomplete: {e}");
    }
    engine.commit(|s| s.finish_action(&action_execution_id, &finish))?;
    let held = finish.status == A::Failed && hold_for_debugging(&run, &action_execution_id)?;
    Ok(ActionOutcome {
        held,
        status: finish.status,
        summary: format!(
            "action `{label}` {}{}",
            finish.status,
            finish
                .error_summary
                .as_deref()
                .map(|s| format!(": {s}"))
                .unwrap_or_default()
        ),
    })
}

/// When the provider kept the failed container, ask for the decision that ends debugging
/// (Continue, closing the terminal, a timeout): the execution holds until then.
fn hold_for_debugging(run: &ActionRun, action_execution_id: &str) -> Result<bool, EngineError> {
    let id = &run.execution.id;
    if run
        .engine
        .db(|s| s.debug_container(action_execution_id))?
        .is_none()
    {
        return Ok(false);
    }
    let stage = &run.doc.pipeline.stages[run.stage_index];
    let decl = &stage.actions[run.action_index];
    let hold = super::approval::DecisionFor {
        execution_id: id,
        action_execution_id,
        stage: &stage.name,
        decl,
    }
    .debug_hold();
    run.engine.db(|s| s.request_approval(&hold))?;
    Ok(true)
}

/// Variables, inputs and provider; or why the action cannot run.
fn prepare(
    run: &ActionRun,
    decl: &ActionDeclaration,
    label: &str,
    inputs: BTreeMap<String, ArtifactRevision>,
    missing: &[String],
    log_error: Option<std::io::Error>,
) -> Result<Prepared, String> {
    if let Some(e) = log_error {
        return Err(format!("cannot write the action's log: {e}"));
    }
    if let Some(name) = missing.first() {
        return Err(format!(
            "input artifact `{name}` was not produced by an action that succeeded upstream"
        ));
    }
    let namespaces = run.progress.namespaces(&run.doc);
    let scope = Scope {
        execution_id: &run.execution.id,
        pipeline_variables: &run.execution.variables,
        declared: run.doc.pipeline.variables.as_deref().unwrap_or_default(),
        namespaces: &namespaces,
    };
    let action = resolve_action(decl, label, &scope).map_err(|e| e.to_string())?;
    let t = &decl.action_type_id;
    let provider = run.engine.inner.providers.get(t).ok_or_else(|| {
        format!(
            "no local provider runs {}/{} ({}); this action cannot run locally",
            t.owner, t.provider, t.category
        )
    })?;
    Ok(Prepared {
        action,
        inputs,
        provider,
    })
}

/// The local timeout of an action (`pipewright.timeoutMinutes`, fractions allowed).
fn timeout_of(decl: &ActionDeclaration) -> Option<Duration> {
    let minutes = decl.pipewright.as_ref()?.timeout_minutes?;
    (minutes.is_finite() && minutes > 0.0).then(|| Duration::from_secs_f64(minutes * 60.0))
}

fn human(d: Duration) -> String {
    let trim = |x: f64| {
        let s = format!("{x:.1}");
        s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
    };
    let secs = d.as_secs_f64();
    if secs < 60.0 {
        format!("{} s", trim(secs))
    } else {
        format!("{} min", trim(secs / 60.0))
    }
}

/// Run the provider; the timeout and the abandon signal cancel it, and it gets a grace
/// period to clean up (kill its container) before it is dropped.
async fn execute(
    run: &ActionRun,
    action_execution_id: &str,
    decl: &ActionDeclaration,
    prepared: Prepared,
    log: LogSink,
) -> ActionFinish {
    let engine = &run.engine;
    let stage = &run.doc.pipeline.stages[run.stage_index];
    let timeout = timeout_of(decl);
    let pipeline = run.execution.pipeline_name.as_str();
    let keep_failed = match engine.db(|s| s.keeps_failed_containers(pipeline)) {
        Ok(keep) => keep,
        Err(e) => {
            tracing::warn!(pipeline, "reading the debug settings failed: {e}");
            false
        }
    };
    let (cancel_tx, cancel) = CancelSignal::new();
    let store = engine.store().clone();
    let reporter_id = action_execution_id.to_string();
    let reporter = Reporter::new(move |report| {
        let mut store = lock_store(&store);
        let result = match report {
            Report::Container { id, image } => {
                store.set_action_container(&reporter_id, Some(&id), Some(&image))
            }
            Report::External { url, summary } => {
                store.set_action_external(&reporter_id, url.as_deref(), summary.as_deref())
            }
            Report::DebugContainer { id } => store.set_debug_container(&reporter_id, Some(&id)),
        };
        if let Err(e) = result {
            tracing::warn!(action_execution = %reporter_id, "recording a provider report failed: {e}");
        }
    });
    let ctx = ActionContext {
        execution_id: run.execution.id.clone(),
        action_execution_id: action_execution_id.to_string(),
        pipeline_name: run.execution.pipeline_name.clone(),
        pipeline_version: run.execution.pipeline_version,
        stage_name: stage.name.clone(),
        action_name: decl.name.clone(),
        attempt: run.attempt,
        action: prepared.action,
        inputs: prepared.inputs,
        log: log.clone(),
        cancel,
        timeout,
        data_dir: engine.data_dir().to_path_buf(),
        reporter,
        keep_failed,
    };
    let provider = prepared.provider;
    let work = AssertUnwindSafe(async move { provider.run(ctx).await }).catch_unwind();
    tokio::pin!(work);
    let deadline = async {
        match timeout {
            Some(d) => tokio::time::sleep(d).await,
            None => std::future::pending().await,
        }
    };
    let mut abandon = run.abandon.clone();
    let abandoned = async move {
        if abandon.wait_for(|a| *a).await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    let cancelled = tokio::select! {
        result = &mut work => return finish_from(result, decl),
        _ = deadline => CancelReason::Timeout,
        _ = abandoned => CancelReason::Abandon,
    };
    cancel_tx.send_replace(Some(cancelled));
    let returned = tokio::time::timeout(engine.inner.config.cancel_grace, &mut work).await;
    if returned.is_err() {
        tracing::warn!(action = %decl.name, "the provider did not return within the grace period after being cancelled");
    }
    let exit_code = match returned {
        Ok(Ok(ActionResult::Failed { exit_code, .. })) => exit_code,
        _ => None,
    };
    match cancelled {
        CancelReason::Timeout => {
            let limit = timeout.map(human).unwrap_or_default();
            log.system(&format!(
                "timed out after {limit}; the action was cancelled"
            ));
            ActionFinish::failed(
                format!("timed out after {limit} (pipewright.timeoutMinutes)"),
                exit_code,
            )
        }
        CancelReason::Abandon => {
            let mut finish = ActionFinish::failed(
                "abandoned: the execution was stopped with abandon",
                exit_code,
            );
            finish.status = A::Abandoned;
            finish
        }
    }
}

/// The record of a provider's own result.
fn finish_from(
    result: std::thread::Result<ActionResult>,
    decl: &ActionDeclaration,
) -> ActionFinish {
    let result = match result {
        Ok(r) => r,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            return ActionFinish::failed(format!("the provider crashed: {what}"), None);
        }
    };
    match result {
        ActionResult::Failed { summary, exit_code } => ActionFinish::failed(summary, exit_code),
        ActionResult::Succeeded { outputs, variables } => {
            let declared: Vec<&str> = decl
                .output_artifacts
                .iter()
                .flatten()
                .map(|o| o.name.as_str())
                .collect();
            let missing: Vec<&str> = declared
                .iter()
                .copied()
                .filter(|n| !outputs.contains_key(*n))
                .collect();
            if !missing.is_empty() {
                return ActionFinish::failed(
                    format!(
                        "the action did not produce its output artifact {}",
                        missing.join(", ")
                    ),
                    None,
                );
            }
            let records: Vec<ArtifactRecord> = declared
                .iter()
                .map(|name| {
                    let r = &outputs[*name];
                    ArtifactRecord {
                        name: name.to_string(),
                        digest: r.digest.clone(),
                        size: r.size,
                        file_count: r.file_count,
                    }
                })
                .collect();
            let source_revision =
                (decl.action_type_id.category == "Source").then(|| SourceRevision {
                    action_name: decl.name.clone(),
                    revision_id: variables
                        .get("CommitId")
                        .cloned()
                        .or_else(|| records.first().map(|r| r.digest.clone())),
                    revision_summary: variables.get("CommitMessage").cloned(),
                    revision_url: None,
                });
            ActionFinish {
                status: A::Succeeded,
                exit_code: None,
                error_summary: None,
                output_variables: variables,
                outputs: records,
                source_revision,
            }
        }
    }
}
