//! The execution view (live run, action detail, timeline, compare) and the retry of a stage.

use super::{store_err, Host, HostResult};
use pipewright_core::api::*;
use pipewright_core::PipelineDocument;
use pipewright_engine::artifacts::{ArtifactStore, EntryType};
use pipewright_store::execution::shapes::ActionExecutionState;
use pipewright_store::execution::{ActionExecutionStatus, ArtifactRecord};
use pipewright_store::Store;
use std::path::Path;

/// How long `retry_stage` waits for the worker to start the new attempt.
const RETRY_START_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

impl Host {
    /// A new attempt of a Failed or Stopped stage (`pipewright retry ID STAGE
    /// [--all-actions] --json`), driven by a detached worker as `run_pipeline` is; refusals
    /// keep the CLI's code (`E_INVALID_TRANSITION`, `E_STAGE_UNKNOWN`, `E_NOT_FOUND`).
    pub fn retry_stage(&self, args: RetryStageArgs) -> HostResult<RunStarted> {
        let mut cli_args = vec![
            "retry".to_string(),
            args.execution_id.clone(),
            args.stage_name.clone(),
            "--json".to_string(),
        ];
        if args.all_actions {
            cli_args.push("--all-actions".into());
        }
        let attempt_before = |view: &ExecutionView| {
            view.stages
                .iter()
                .find(|s| s.stage_name == args.stage_name)
                .and_then(|s| s.attempt)
                .unwrap_or(0)
        };
        let before = attempt_before(&self.execution_view_of(&args.execution_id)?);
        self.run_cli(cli_args)?;
        // The CLI hands the retry to a worker and returns at once: wait until the new attempt
        // shows (the execution running again, or the stage's attempt grown), so a watch
        // started now follows the retry instead of ending on the old, ended view.
        let deadline = std::time::Instant::now() + RETRY_START_TIMEOUT;
        loop {
            let view = self.execution_view_of(&args.execution_id)?;
            let running = matches!(view.status.as_str(), "InProgress" | "Stopping");
            if running || attempt_before(&view) > before {
                break;
            }
            if std::time::Instant::now() >= deadline {
                return Err(IpcError::new(
                    "E_RETRY_NOT_STARTED",
                    format!(
                        "the worker retrying stage {} of {} did not start within {} s; see `pipewright execution {}`",
                        args.stage_name,
                        args.execution_id,
                        RETRY_START_TIMEOUT.as_secs(),
                        args.execution_id
                    ),
                ));
            }
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
        Ok(RunStarted {
            execution_id: args.execution_id,
        })
    }

    /// Copies an artifact revision's files into a temporary folder (once per revision) and
    /// opens it in the file manager (`xdg-open`, `open` on macOS). Retention's removal is
    /// `E_ARTIFACT_REMOVED`, a bad digest `E_INVALID_DIGEST`.
    pub fn open_artifact(&self, args: ArtifactFilesArgs) -> HostResult<OpenedArtifact> {
        let dir = artifact_copy(self.data_dir(), &std::env::temp_dir(), &args.digest)?;
        let opened = open_folder(&dir);
        Ok(OpenedArtifact {
            path: dir.display().to_string(),
            opened,
        })
    }

    fn execution_view_of(&self, execution_id: &str) -> HostResult<ExecutionView> {
        execution_view(&*self.store()?, self.data_dir(), execution_id)
    }

    /// The entries of an artifact revision, or `available: false` once retention removed it.
    pub fn artifact_files(&self, args: ArtifactFilesArgs) -> HostResult<ArtifactFiles> {
        let store = artifact_store(self.data_dir())?;
        if !store.exists(&args.digest) {
            return Ok(ArtifactFiles {
                available: false,
                files: Vec::new(),
            });
        }
        let manifest = store
            .manifest(&args.digest)
            .map_err(|e| IpcError::new(e.kind().code(), e.message().to_string()))?;
        let files = manifest
            .entries
            .into_iter()
            .map(|e| ArtifactFile {
                path: e.path,
                kind: match e.kind {
                    EntryType::File => "file",
                    EntryType::Symlink => "symlink",
                    EntryType::Dir => "dir",
                }
                .to_string(),
                size: e.size,
            })
            .collect();
        Ok(ArtifactFiles {
            available: true,
            files,
        })
    }
}

/// `<tmp>/pipewright-artifacts/<digest>`, holding a writable copy of the revision's files
/// (made once: a revision never changes).
fn artifact_copy(data_dir: &Path, tmp: &Path, digest: &str) -> HostResult<std::path::PathBuf> {
    if !pipewright_engine::artifacts::is_digest(digest) {
        return Err(IpcError::new(
            "E_INVALID_DIGEST",
            format!("`{digest}` is not an artifact digest (64 hexadecimal characters)"),
        ));
    }
    let store = artifact_store(data_dir)?;
    if !store.exists(digest) {
        return Err(IpcError::new(
            "E_ARTIFACT_REMOVED",
            format!("artifact {digest} is no longer kept: retention removed it"),
        ));
    }
    let parent = tmp.join("pipewright-artifacts");
    let dir = parent.join(digest);
    if dir.is_dir() {
        return Ok(dir);
    }
    let io = |what: &str, e: std::io::Error| {
        IpcError::new(
            "E_WRITE_FILE",
            format!("cannot {what} in {}: {e}", parent.display()),
        )
    };
    std::fs::create_dir_all(&parent).map_err(|e| io("create a folder", e))?;
    // Materialize beside and rename, so a half-made copy is never taken for a whole one.
    let partial = parent.join(format!("{digest}.partial-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&partial);
    store
        .materialize(
            digest,
            &partial,
            pipewright_engine::artifacts::Materialize::WritableCopy,
        )
        .map_err(|e| IpcError::new(e.kind().code(), e.message().to_string()))?;
    if let Err(e) = std::fs::rename(&partial, &dir) {
        let _ = std::fs::remove_dir_all(&partial);
        if !dir.is_dir() {
            return Err(io("move the copy", e));
        }
    }
    Ok(dir)
}

/// Starts the file manager on `dir` (detached); false when none could be started. Tests never
/// start one.
fn open_folder(dir: &Path) -> bool {
    if cfg!(test) {
        return dir.is_dir();
    }
    let program = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program)
        .arg(dir)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_ok()
}

fn artifact_store(data_dir: &Path) -> HostResult<ArtifactStore> {
    ArtifactStore::open(&data_dir.join("artifacts")).map_err(|e| {
        IpcError::new(
            e.kind().code(),
            format!("cannot open the artifact store: {}", e.message()),
        )
    })
}

/// The API-shaped detail of an execution with what the run view, the action detail and the
/// timeline show: times and attempts, artifacts (and whether retention removed them),
/// variables, container details and the limits of the version it runs.
pub fn execution_view(
    store: &Store,
    data_dir: &Path,
    execution_id: &str,
) -> HostResult<ExecutionView> {
    let detail = store.execution_detail(execution_id).map_err(store_err)?;
    let e = detail.pipeline_execution;
    let document = store
        .get_pipeline(&e.pipeline_name, Some(e.pipeline_version))
        .map(|p| p.document)
        .ok();
    // Manual approvals: what each waits for or got.
    let approvals = super::approvals::approval_views(store, execution_id)?;
    // Opening creates the folders; a data folder without them simply has no artifacts.
    let artifacts = ArtifactStore::open(&data_dir.join("artifacts")).ok();
    let artifact = |r: ArtifactRecord| {
        let available = artifacts.as_ref().is_some_and(|s| s.exists(&r.digest));
        ArtifactView {
            path: artifacts
                .as_ref()
                .filter(|_| available)
                .map(|s| manifest_path(s, &r.digest)),
            name: r.name,
            digest: r.digest,
            size: r.size,
            file_count: r.file_count,
            available,
        }
    };
    Ok(ExecutionView {
        execution_id: e.pipeline_execution_id,
        status: e.status.as_str().to_string(),
        start_time: e.start_time,
        last_update_time: e.last_update_time,
        pipeline_name: Some(e.pipeline_name),
        pipeline_version: Some(e.pipeline_version),
        trigger: Some(TriggerView {
            trigger_type: e.trigger.trigger_type,
            trigger_detail: e.trigger.trigger_detail,
        }),
        source_revisions: Some(
            e.source_revisions
                .into_iter()
                .map(|r| SourceRevisionView {
                    action_name: r.action_name,
                    revision_id: r.revision_id,
                    revision_summary: r.revision_summary,
                    revision_url: r.revision_url,
                })
                .collect(),
        ),
        variables: Some(
            e.variables
                .into_iter()
                .map(|v| NamedValue {
                    name: v.name,
                    value: v.resolved_value,
                })
                .collect(),
        ),
        status_summary: e.status_summary,
        status_reason: e.status_reason,
        stages: detail
            .stage_states
            .into_iter()
            .map(|s| {
                let latest = s.latest_execution;
                let stage_name = s.stage_name;
                StageView {
                    status: latest.as_ref().map(|l| l.status.as_str().to_string()),
                    attempt: latest.as_ref().map(|l| l.attempt),
                    start_time: latest.as_ref().map(|l| l.start_time.clone()),
                    end_time: latest
                        .as_ref()
                        .filter(|l| !l.status.is_running())
                        .map(|l| l.last_status_change.clone()),
                    actions: s
                        .action_states
                        .into_iter()
                        .map(|a| {
                            let limits = document
                                .as_ref()
                                .and_then(|d| action_limits(d, &stage_name, &a.action_name));
                            let mut view = action_view(
                                a.action_name,
                                a.latest_execution,
                                limits,
                                data_dir,
                                &artifact,
                            );
                            view.approval = approvals
                                .get(&(stage_name.clone(), view.action_name.clone()))
                                .cloned();
                            view
                        })
                        .collect(),
                    stage_name,
                }
            })
            .collect(),
    })
}

fn action_view(
    action_name: String,
    latest: Option<ActionExecutionState>,
    limits: Option<ActionLimits>,
    data_dir: &Path,
    artifact: &impl Fn(ArtifactRecord) -> ArtifactView,
) -> ActionView {
    let Some(l) = latest else {
        return ActionView {
            action_name,
            status: None,
            summary: None,
            last_status_change: None,
            approval: None,
            attempt: None,
            start_time: None,
            end_time: None,
            exit_code: None,
            error_summary: None,
            image: None,
            container_id: None,
            input_artifacts: None,
            output_artifacts: None,
            output_variables: None,
            limits,
            log_available: None,
            debug_container_id: None,
        };
    };
    let ended = l.status != ActionExecutionStatus::InProgress;
    ActionView {
        action_name,
        status: Some(l.status.as_str().to_string()),
        summary: l.summary,
        end_time: ended.then(|| l.last_status_change.clone()),
        last_status_change: Some(l.last_status_change),
        approval: None,
        attempt: Some(l.attempt),
        start_time: Some(l.start_time),
        exit_code: l.exit_code,
        error_summary: l.error_details.map(|d| d.message).filter(|m| !m.is_empty()),
        image: l.image,
        container_id: l.container_id,
        input_artifacts: Some(l.input_artifacts.into_iter().map(artifact).collect()),
        output_artifacts: Some(l.output_artifacts.into_iter().map(artifact).collect()),
        output_variables: Some(
            l.output_variables
                .into_iter()
                .map(|(name, value)| NamedValue { name, value })
                .collect(),
        ),
        limits,
        log_available: l.log_path.map(|p| data_dir.join(p).is_file()),
        debug_container_id: l.debug_container_id,
    }
}

/// `pipewright.cpus` / `.memory` of an action in the version's document.
fn action_limits(doc: &PipelineDocument, stage: &str, action: &str) -> Option<ActionLimits> {
    let local = doc
        .pipeline
        .stages
        .iter()
        .find(|s| s.name == stage)?
        .actions
        .iter()
        .find(|a| a.name == action)?
        .pipewright
        .as_ref()?;
    (local.cpus.is_some() || local.memory.is_some()).then(|| ActionLimits {
        cpus: local.cpus,
        memory: local.memory.clone(),
    })
}

/// Where a revision's manifest lies (the store keeps it private; this mirrors its layout).
fn manifest_path(store: &ArtifactStore, digest: &str) -> String {
    store
        .root()
        .join("manifests")
        .join(format!("{digest}.json"))
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    /// A Directory source, then a Directory deploy into `target` (blocked while a file sits
    /// where its parent folder should be).
    fn pipeline(src: &Path, target: &Path) -> String {
        format!(
            "pipeline:
  name: retried
  roleArn: arn:aws:iam::123456789012:role/pipewright
  artifactStore: {{type: S3, location: bucket}}
  stages:
    - name: Source
      actions:
        - name: Src
          actionTypeId: {{category: Source, owner: Custom, provider: Directory, version: \"1\"}}
          configuration: {{Path: {}}}
          outputArtifacts: [{{name: SourceOut}}]
    - name: Deploy
      actions:
        - name: Out
          actionTypeId: {{category: Deploy, owner: Custom, provider: Directory, version: \"1\"}}
          configuration: {{TargetPath: {}}}
          inputArtifacts: [{{name: SourceOut}}]
",
            src.display(),
            target.display()
        )
    }

    fn wait_ended(host: &Host, id: &str) -> ExecutionView {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let view = host
                .get_execution(ExecutionArgs {
                    execution_id: id.to_string(),
                })
                .expect("get");
            if !matches!(view.status.as_str(), "InProgress" | "Stopping") {
                return view;
            }
            assert!(Instant::now() < deadline, "still running: {view:?}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    #[test]
    fn a_really_failed_stage_is_retried_by_a_worker_and_the_view_tells_the_attempts() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("data");
        let src = dir.path().join("src");
        std::fs::create_dir_all(&src).expect("src");
        std::fs::write(src.join("input.txt"), "hello\n").expect("write");
        let blocker = dir.path().join("blocked");
        std::fs::write(&blocker, "not a folder").expect("blocker");
        let host = Host::open(&data).expect("host");
        let saved = host
            .import_pipeline(ImportArgs {
                text: pipeline(&src, &blocker.join("site")),
                name: None,
                draft: false,
                source_path: None,
            })
            .expect("import");
        assert!(saved.saved.is_some(), "{:?}", saved.diagnostics);

        let id = host
            .run_pipeline(RunPipelineArgs {
                name: "retried".into(),
                variables: vec![],
            })
            .expect("run")
            .execution_id;
        let failed = wait_ended(&host, &id);
        assert_eq!(failed.status, "Failed", "{failed:?}");
        assert_eq!(failed.pipeline_name.as_deref(), Some("retried"));
        assert_eq!(failed.pipeline_version, Some(1));
        let trigger = failed.trigger.clone().expect("trigger");
        assert_eq!(trigger.trigger_type, "StartPipelineExecution");
        let source = &failed.stages[0];
        assert_eq!(source.status.as_deref(), Some("Succeeded"));
        assert_eq!(source.attempt, Some(1));
        assert!(source.start_time.is_some() && source.end_time.is_some());
        let out = &source.actions[0]
            .output_artifacts
            .as_ref()
            .expect("outputs")[0];
        assert_eq!(out.name, "SourceOut");
        assert!(out.available, "{out:?}");
        assert_eq!((out.size, out.file_count), (6, 1));
        assert!(Path::new(out.path.as_deref().expect("path")).is_file());
        let files = host
            .artifact_files(ArtifactFilesArgs {
                digest: out.digest.clone(),
            })
            .expect("files");
        assert!(files.available);
        assert_eq!(files.files.len(), 1);
        assert_eq!(
            (files.files[0].path.as_str(), files.files[0].size),
            ("input.txt", 6)
        );
        let tmp = dir.path().join("tmp");
        let copy = artifact_copy(&data, &tmp, &out.digest).expect("copy");
        assert_eq!(
            std::fs::read_to_string(copy.join("input.txt")).expect("copied"),
            "hello\n"
        );
        // Made once: a second open reuses the folder.
        assert_eq!(
            artifact_copy(&data, &tmp, &out.digest).expect("again"),
            copy
        );
        let opened = host
            .open_artifact(ArtifactFilesArgs {
                digest: out.digest.clone(),
            })
            .expect("open");
        assert!(Path::new(&opened.path).join("input.txt").is_file());
        let deploy = &failed.stages[1];
        assert_eq!(deploy.status.as_deref(), Some("Failed"));
        let action = &deploy.actions[0];
        assert_eq!(action.attempt, Some(1));
        assert!(action.error_summary.is_some(), "{action:?}");
        assert_eq!(
            action.input_artifacts.as_ref().expect("inputs")[0].digest,
            out.digest
        );
        assert_eq!(action.log_available, Some(true), "{action:?}");

        // Unknown stages are refused with the CLI's code; nothing starts.
        let err = host
            .retry_stage(RetryStageArgs {
                execution_id: id.clone(),
                stage_name: "NoSuchStage".into(),
                all_actions: false,
            })
            .expect_err("unknown stage");
        assert_eq!(err.code, "E_STAGE_UNKNOWN");

        std::fs::remove_file(&blocker).expect("unblock");
        let started = host
            .retry_stage(RetryStageArgs {
                execution_id: id.clone(),
                stage_name: "Deploy".into(),
                all_actions: false,
            })
            .expect("retry");
        assert_eq!(started.execution_id, id);
        let done = wait_ended(&host, &id);
        assert_eq!(done.status, "Succeeded", "{done:?}");
        assert_eq!(
            done.stages[0].attempt,
            Some(1),
            "the source did not run again"
        );
        assert_eq!(done.stages[1].attempt, Some(2));
        assert_eq!(done.stages[1].actions[0].attempt, Some(2));
        assert_eq!(
            done.stages[1].actions[0].status.as_deref(),
            Some("Succeeded")
        );
        assert!(blocker.join("site/input.txt").is_file());

        // A Succeeded execution has nothing to retry.
        let err = host
            .retry_stage(RetryStageArgs {
                execution_id: id,
                stage_name: "Deploy".into(),
                all_actions: true,
            })
            .expect_err("succeeded");
        assert_eq!(err.code, "E_INVALID_TRANSITION");
    }

    #[test]
    fn removed_artifacts_are_reported_unavailable_not_as_errors() {
        let dir = tempfile::tempdir().expect("tempdir");
        let host = Host::open(dir.path()).expect("host");
        let files = host
            .artifact_files(ArtifactFilesArgs {
                digest: "0".repeat(64),
            })
            .expect("files");
        assert!(!files.available && files.files.is_empty());
        let err = host
            .open_artifact(ArtifactFilesArgs {
                digest: "0".repeat(64),
            })
            .expect_err("removed");
        assert_eq!(err.code, "E_ARTIFACT_REMOVED");
        let err = host
            .open_artifact(ArtifactFilesArgs {
                digest: "../etc".into(),
            })
            .expect_err("not a digest");
        assert_eq!(err.code, "E_INVALID_DIGEST");
    }

    #[test]
    fn limits_come_from_the_action_s_local_settings() {
        let yaml = "pipeline:
  name: l
  roleArn: arn:aws:iam::123456789012:role/pipewright
  artifactStore: {type: S3, location: bucket}
  stages:
    - name: Build
      actions:
        - name: Make
          actionTypeId: {category: Build, owner: Custom, provider: Container, version: \"1\"}
          configuration: {Image: alpine}
          pipewright: {cpus: 0.5, memory: 256m}
        - name: Plain
          actionTypeId: {category: Build, owner: Custom, provider: Container, version: \"1\"}
          configuration: {Image: alpine}
";
        let (doc, _) = pipewright_core::check_bytes(
            yaml.as_bytes(),
            &pipewright_core::ParseOptions::default(),
            None,
        );
        let doc = doc.expect("parsed");
        assert_eq!(
            action_limits(&doc, "Build", "Make"),
            Some(ActionLimits {
                cpus: Some(0.5),
                memory: Some("256m".into())
            })
        );
        assert_eq!(action_limits(&doc, "Build", "Plain"), None);
        assert_eq!(action_limits(&doc, "Nope", "Make"), None);
    }
}
