//! `pipewright run NAME [--var k=v]... [--wait] [--json]`, and the set-up every command that
//! drives executions shares: the store, Docker, the providers, the engine, start-up recovery.

use super::open_store;
use crate::args::RunArgs;
use crate::error::{CliError, CliResult, Exit};
use crate::output::{diagnostics_to_stderr, err_line, out, out_json};
use pipewright_engine::artifacts::ArtifactStore;
use pipewright_engine::model::{FinalStatus, PipelineExecutionStatus, Trigger};
use pipewright_engine::providers::{builtin_registry, ContainerSettings};
use pipewright_engine::runtime::{DockerRuntime, PullPolicy, RuntimeError};
use pipewright_engine::{Engine, EngineError};
use pipewright_store::execution::EventRecord;
use pipewright_store::Store;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// A tokio runtime for one command.
pub(super) fn tokio_runtime() -> CliResult<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| CliError::environment("E_RUNTIME", format!("cannot start tokio: {e}")))
}

pub(super) fn engine_error(e: EngineError) -> CliError {
    let exit = if e.is_environment() {
        Exit::Environment
    } else {
        Exit::Domain
    };
    CliError::new(e.code(), exit, e.message())
}

pub(super) fn runtime_error(e: RuntimeError) -> CliError {
    let exit = if e.is_environment() {
        Exit::Environment
    } else {
        Exit::Domain
    };
    CliError::new(e.kind.code(), exit, e.message)
}

/// The settings the providers read, once per execution.
fn container_settings(store: &Store) -> CliResult<ContainerSettings> {
    use pipewright_store::{IMAGES_DEFAULT, IMAGES_PULL};
    let pull = match store.get_setting(IMAGES_PULL)?.trim() {
        "never" => PullPolicy::Never,
        "always" => PullPolicy::Always,
        _ => PullPolicy::Missing,
    };
    let default_image = Some(store.get_setting(IMAGES_DEFAULT)?).filter(|s| !s.trim().is_empty());
    Ok(ContainerSettings {
        pull,
        default_image,
    })
}

/// The data folder, the engine over it (Docker connected, providers registered) and the
/// result of start-up recovery. Executions another process should drive on are handed to
/// detached workers.
pub(super) async fn engine(data_flag: Option<&Path>) -> CliResult<Engine> {
    let data_dir: PathBuf = pipewright_store::resolve_data_dir(data_flag)?;
    let store = open_store(Some(&data_dir))?;
    let settings = container_settings(&store)?;
    let runtime = Arc::new(DockerRuntime::connect().await.map_err(runtime_error)?);
    let artifacts = Arc::new(
        ArtifactStore::open(&data_dir.join("artifacts"))
            .map_err(|e| CliError::environment(e.kind.code(), e.message))?,
    );
    let registry = builtin_registry(runtime.clone(), artifacts, settings);
    let engine = Engine::new(Arc::new(Mutex::new(store)), &data_dir, runtime, registry);
    let worker_dir = data_dir.clone();
    engine.set_handoff(Arc::new(move |_engine: &Engine, id: String| {
        spawn_worker(&worker_dir, &id);
    }));
    let report = engine.recover().await.map_err(engine_error)?;
    for id in &report.interrupted {
        err_line(&format!(
            "note: execution {id} was interrupted (its owner ended) and is marked Failed"
        ));
    }
    Ok(engine)
}

/// `k=v` pairs of `--var`.
fn overrides(vars: &[String]) -> CliResult<BTreeMap<String, String>> {
    let mut map = BTreeMap::new();
    for v in vars {
        let Some((k, val)) = v.split_once('=') else {
            return Err(CliError::new(
                "E_USAGE",
                Exit::Usage,
                format!("--var {v:?} is not NAME=VALUE"),
            ));
        };
        map.insert(k.trim().to_string(), val.to_string());
    }
    Ok(map)
}

/// One line per transition, as it happens (`run --wait` without `--json`).
pub(super) fn spawn_printer(
    engine: &Engine,
    execution_id: Option<String>,
) -> tokio::task::JoinHandle<()> {
    let mut events = engine.subscribe_events();
    tokio::spawn(async move {
        loop {
            match events.recv().await {
                Ok(e) => {
                    if execution_id
                        .as_deref()
                        .is_none_or(|id| id == e.execution_id)
                    {
                        err_line(&event_line(&e));
                    }
                }
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(_) => break,
            }
        }
    })
}

fn event_line(e: &EventRecord) -> String {
    let time = e.time.get(11..19).unwrap_or(&e.time);
    match (&e.stage_name, &e.action_name) {
        (Some(s), Some(a)) => format!("{time}   {s}/{a}: {}", e.state),
        (Some(s), None) => format!("{time}  stage {s}: {}", e.state),
        _ => format!("{time} execution {}: {}", e.execution_id, e.state),
    }
}

/// Print how an execution ended and give the exit code.
pub(super) fn finish(engine: &Engine, id: &str, status: &FinalStatus, json: bool) -> CliResult {
    super::gc::auto_pass(engine);
    let record = {
        let store = engine.store().lock().unwrap_or_else(|p| p.into_inner());
        store.get_execution(id)?
    };
    let status_text = match status {
        FinalStatus::Ended(s) => s.to_string(),
        FinalStatus::Parked { .. } | FinalStatus::AwaitingApproval { .. } => {
            record.status.to_string()
        }
    };
    if json {
        let mut value = json!({
            "pipelineExecutionId": id,
            "status": status_text,
            "pipelineName": record.pipeline_name,
            "pipelineVersion": record.pipeline_version,
        });
        if let Some(s) = &record.status_summary {
            value["statusSummary"] = json!(s);
        }
        if let FinalStatus::Parked { stage } = status {
            value["waitingFor"] = json!(stage);
        }
        out_json(&value)?;
    } else {
        let mut line = format!("execution {id}: {status_text}");
        if let Some(s) = &record.status_summary {
            line.push_str(&format!(" ({s})"));
        }
        if let FinalStatus::Parked { stage } = status {
            line.push_str(&format!("; waiting to enter stage {stage}"));
        }
        out(&line)?;
    }
    Ok(
        if status.status() == Some(PipelineExecutionStatus::Succeeded) {
            Exit::Success
        } else {
            Exit::Domain
        },
    )
}

pub fn run(args: RunArgs, data_dir: Option<&Path>) -> CliResult {
    let vars = overrides(&args.var)?;
    // An invalid version is refused before Docker is asked anything.
    {
        let store = open_store(data_dir)?;
        let stored = store.get_pipeline(&args.name, None)?;
        if !stored.summary.valid {
            diagnostics_to_stderr(&super::show::diagnostics_of(&stored.document));
            return Err(CliError::domain(
                "E_INVALID_PIPELINE",
                format!(
                    "version {} of `{}` is invalid and cannot run; fix it and import it again",
                    stored.summary.version, args.name
                ),
            ));
        }
    }
    let rt = tokio_runtime()?;
    rt.block_on(async {
        let engine = engine(data_dir).await?;
        if !args.wait {
            let id = engine
                .start(&args.name, vars, Trigger::manual(Some("pipewright run".into())))
                .await
                .map_err(engine_error)?;
            engine.release(&id).map_err(engine_error)?;
            let data = pipewright_store::resolve_data_dir(data_dir)?;
            spawn_worker(&data, &id);
            if args.json {
                out_json(&json!({"pipelineExecutionId": id, "status": "InProgress"}))?;
            } else {
                out(&format!("execution {id}: InProgress (in a worker; `pipewright execution {id}` shows it)"))?;
            }
            return Ok(Exit::Success);
        }
        let printer = (!args.json).then(|| spawn_printer(&engine, None));
        let id = engine
            .start(&args.name, vars, Trigger::manual(Some("pipewright run --wait".into())))
            .await
            .map_err(engine_error)?;
        if !args.json {
            err_line(&format!("execution {id} of {}", args.name));
        }
        let mut status = drive_until_done(&engine, &id).await?;
        match &status {
            FinalStatus::AwaitingApproval { stage } => err_line(&format!(
                "stage {stage} waits for a manual approval: `pipewright approvals` lists it, `pipewright approve {id} STAGE/ACTION` decides"
            )),
            FinalStatus::Parked { stage } => err_line(&format!(
                "waiting to enter stage {stage} (another execution holds it, or its transition is disabled: `pipewright transitions {}`)",
                args.name
            )),
            FinalStatus::Ended(_) => {}
        }
        if !matches!(status, FinalStatus::Ended(_)) {
            // Whoever frees the stage, enables the transition or decides moves it on.
            status = wait_to_end(&engine, &id).await?;
        }
        if let Some(p) = printer {
            // Let the last events print.
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            p.abort();
        }
        finish(&engine, &id, &status, args.json)
    })
}

/// Wait until an execution driven elsewhere (a worker, another process) has ended; Ctrl-C
/// ends the wait, not the execution.
pub(super) async fn wait_to_end(engine: &Engine, id: &str) -> CliResult<FinalStatus> {
    tokio::select! {
        status = engine.wait_until_ended(id, std::time::Duration::from_millis(200)) => {
            Ok(FinalStatus::Ended(status.map_err(engine_error)?))
        }
        _ = tokio::signal::ctrl_c() => Err(CliError::domain(
            "E_INTERRUPTED",
            format!("stopped waiting; execution {id} goes on (`pipewright execution {id}` shows it)"),
        )),
    }
}

/// Hand an execution to a detached worker process (`pipewright __worker ID`), in its own
/// process group so closing the terminal or the app does not stop it.
pub(super) fn spawn_worker(data_dir: &Path, execution_id: &str) {
    use std::os::unix::process::CommandExt;
    let exe = match std::env::current_exe() {
        Ok(e) => e,
        Err(e) => {
            err_line(&format!(
                "warning: cannot find this program to start a worker for {execution_id}: {e}; \
                 it stays parked and the next start-up hands it on"
            ));
            return;
        }
    };
    let spawned = std::process::Command::new(exe)
        .arg("--data-dir")
        .arg(data_dir)
        .arg("__worker")
        .arg(execution_id)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .process_group(0)
        .spawn();
    if let Err(e) = spawned {
        err_line(&format!(
            "warning: cannot start a worker for {execution_id}: {e}; \
             it stays parked and the next start-up hands it on"
        ));
    }
}

/// `pipewright __worker ID` (hidden): drive a READY execution to its end.
pub fn worker(execution_id: &str, data_dir: Option<&Path>) -> CliResult {
    let rt = tokio_runtime()?;
    rt.block_on(async {
        let engine = engine(data_dir).await?;
        match engine.drive(execution_id).await {
            Ok(_) => {
                super::gc::auto_pass(&engine);
                Ok(Exit::Success)
            }
            // Another worker took it first.
            Err(e) if e.code() == pipewright_engine::scheduler::codes::OWNED => Ok(Exit::Success),
            Err(e) => Err(engine_error(e)),
        }
    })
}

/// Drive an execution in the foreground. Ctrl-C (or SIGTERM) asks it to stop, abandoning
/// running actions, so their containers are killed and the end is recorded; a second one
/// ends the process at once (start-up recovery reconciles what is left).
pub(super) async fn drive_until_done(engine: &Engine, id: &str) -> CliResult<FinalStatus> {
    let mut drive = std::pin::pin!(engine.drive(id));
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    let mut asked = false;
    loop {
        let interrupted = async {
            match term.as_mut() {
                Some(t) => {
                    tokio::select! {
                        _ = tokio::signal::ctrl_c() => {}
                        _ = t.recv() => {}
                    }
                }
                None => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        };
        tokio::select! {
            status = &mut drive => return status.map_err(engine_error),
            _ = interrupted => {
                if asked {
                    return Err(CliError::domain("E_INTERRUPTED", format!(
                        "interrupted; execution {id} is reconciled by the next start-up"
                    )));
                }
                asked = true;
                err_line(&format!("stopping execution {id} (abandoning running actions); interrupt again to quit at once"));
                if let Err(e) = engine.request_stop(id, true, Some("interrupted from the terminal")).await {
                    err_line(&format!("warning: cannot ask {id} to stop: {}", e.message()));
                }
            }
        }
    }
}
