//! Whole pipelines through the built-in providers on the real Docker daemon, with the local
//! test image `pipewright/busybox:local` (never pulled).

use pipewright_core::PipelineDocument;
use pipewright_engine::artifacts::ArtifactStore;
use pipewright_engine::model::{ActionExecutionStatus, PipelineExecutionStatus, Trigger};
use pipewright_engine::providers::{builtin_registry, ContainerSettings};
use pipewright_engine::runtime::{DockerRuntime, PullPolicy};
use pipewright_engine::{Engine, EngineConfig};
use pipewright_store::{SaveBase, Store};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const IMAGE: &str = "pipewright/busybox:local";

struct Harness {
    tmp: tempfile::TempDir,
    engine: Engine,
    name: String,
}

impl Harness {
    async fn new(prefix: &str) -> Self {
        Self::with_runtime(prefix, DockerRuntime::connect().await.unwrap()).await
    }

    async fn with_runtime(prefix: &str, runtime: DockerRuntime) -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        let store = Store::open(&data).unwrap();
        let runtime = Arc::new(runtime);
        let artifacts = Arc::new(ArtifactStore::open(&data.join("artifacts")).unwrap());
        let settings = ContainerSettings {
            pull: PullPolicy::Never,
            default_image: Some(IMAGE.to_string()),
        };
        let registry = builtin_registry(runtime.clone(), artifacts, settings);
        let config = EngineConfig {
            stop_poll_interval: Duration::from_millis(50),
            cancel_grace: Duration::from_secs(5),
            ..EngineConfig::default()
        };
        let engine = Engine::with_config(
            Arc::new(Mutex::new(store)),
            &data,
            runtime,
            registry,
            config,
        );
        let name = format!(
            "{prefix}-{}",
            tmp.path()
                .file_name()
                .unwrap()
                .to_string_lossy()
                .to_lowercase()
                .replace(|c: char| !c.is_ascii_alphanumeric(), "")
        );
        std::fs::create_dir_all(tmp.path().join("src")).unwrap();
        std::fs::write(tmp.path().join("src/input.txt"), "hello\n").unwrap();
        Harness { tmp, engine, name }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.tmp.path().join(rel)
    }

    fn save(&self, stages: Value) {
        let doc: PipelineDocument = serde_json::from_value(json!({"pipeline": {
            "name": self.name,
            "pipelineType": "V2",
            "roleArn": "arn:aws:iam::123456789012:role/pipewright",
            "artifactStore": {"type": "S3", "location": "bucket"},
            "stages": stages,
        }}))
        .unwrap();
        let diagnostics = pipewright_core::validate::validate(&doc);
        let valid = !diagnostics
            .iter()
            .any(|d| d.severity == pipewright_core::Severity::Error);
        assert!(valid, "{diagnostics:?}");
        self.engine
            .store()
            .lock()
            .unwrap()
            .save_pipeline(&doc, true, SaveBase::Latest)
            .unwrap();
    }

    fn source_stage(&self) -> Value {
        json!({"name": "Source", "actions": [{
            "name": "Src",
            "actionTypeId": {"category": "Source", "owner": "Custom", "provider": "Directory", "version": "1"},
            "configuration": {"Path": self.path("src").display().to_string()},
            "outputArtifacts": [{"name": "SourceOut"}],
        }]})
    }

    fn actions(&self, id: &str) -> BTreeMap<String, (ActionExecutionStatus, Option<String>)> {
        self.engine
            .store()
            .lock()
            .unwrap()
            .action_executions(id)
            .unwrap()
            .into_iter()
            .map(|a| {
                (
                    format!("{}/{}", a.stage_name, a.action_name),
                    (a.status, a.error_summary),
                )
            })
            .collect()
    }

    fn assert_no_containers(&self) {
        assert_no_containers(&self.name);
        let work = self.path("data/work");
        assert!(
            !work.exists() || std::fs::read_dir(&work).unwrap().next().is_none(),
            "work folders left behind"
        );
    }
}

fn assert_no_containers(pipeline: &str) {
    let o = Command::new("docker")
        .args(["ps", "-aq", "--filter", "label=dev.pipewright.app"])
        .args([
            "--filter",
            &format!("label=dev.pipewright.pipeline={pipeline}"),
        ])
        .output()
        .unwrap();
    assert!(o.status.success());
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        "",
        "containers left behind"
    );
}

fn container(
    name: &str,
    category: &str,
    inputs: &[&str],
    commands: &[&str],
    extra: Value,
) -> Value {
    let mut a = json!({
        "name": name,
        "actionTypeId": {"category": category, "owner": "Custom", "provider": "Container", "version": "1"},
        "configuration": {"Image": IMAGE},
        "inputArtifacts": inputs.iter().map(|i| json!({"name": i})).collect::<Vec<_>>(),
        "commands": commands,
    });
    if let (Some(a), Some(extra)) = (a.as_object_mut(), extra.as_object()) {
        for (k, v) in extra {
            a.insert(k.clone(), v.clone());
        }
    }
    a
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn container_and_commands_actions_pass_artifacts_and_variables() {
    let h = Harness::new("engine-full").await;
    let deploy = h.path("deploy");
    h.save(json!([
        h.source_stage(),
        {"name": "Build", "actions": [
            container("A", "Build", &["SourceOut"], &[
                "mkdir -p dist", "cd dist", "cp ../input.txt a.txt",
                "GREETING=\"$(cat a.txt) from $PIPEWRIGHT_ACTION\"",
                "echo \"$MODE\" > mode.txt",
            ], json!({
                "outputArtifacts": [{"name": "BuildA", "files": ["dist/**"]}],
                "outputVariables": ["GREETING"],
                "namespace": "AVars",
                "environmentVariables": [{"name": "MODE", "value": "release", "type": "PLAINTEXT"}],
            })),
            {
                "name": "B",
                "actionTypeId": {"category": "Compute", "owner": "AWS", "provider": "Commands", "version": "1"},
                "inputArtifacts": [{"name": "SourceOut"}],
                "commands": ["mkdir -p out", "echo b > out/b.txt", "echo \"$PIPEWRIGHT_PIPELINE\" > out/pipeline.txt"],
                "outputArtifacts": [{"name": "BuildB", "files": ["out/*.txt"]}],
            },
        ]},
        {"name": "Test", "actions": [
            container("Check", "Test", &["BuildA", "BuildB"], &[
                "test -f dist/a.txt",
                "test \"$(cat /pipewright/artifacts/BuildB/out/b.txt)\" = b",
                "! touch /pipewright/artifacts/BuildB/out/x 2>/dev/null",
                "echo '#{AVars.GREETING}' > dist/greeting.txt",
                "cp /pipewright/artifacts/BuildB/out/pipeline.txt dist/",
            ], json!({"outputArtifacts": [{"name": "Tested", "files": ["dist/**"]}]})),
        ]},
        {"name": "Deploy", "actions": [{
            "name": "Out",
            "actionTypeId": {"category": "Deploy", "owner": "Custom", "provider": "Directory", "version": "1"},
            "configuration": {"TargetPath": deploy.display().to_string()},
            "inputArtifacts": [{"name": "Tested"}],
        }]},
    ]));
    let (id, status) = h
        .engine
        .run(&h.name, BTreeMap::new(), Trigger::manual(None))
        .await
        .unwrap();
    let actions = h.actions(&id);
    assert!(status.succeeded(), "{status:?} {actions:?}");
    assert_eq!(read(&deploy.join("dist/a.txt")), "hello\n");
    assert_eq!(read(&deploy.join("dist/mode.txt")), "release\n");
    assert_eq!(read(&deploy.join("dist/greeting.txt")), "hello from A\n");
    assert_eq!(
        read(&deploy.join("dist/pipeline.txt")),
        format!("{}\n", h.name)
    );
    // Only declared outputs travel: the source's input.txt is not in Tested.
    assert!(!deploy.join("input.txt").exists());
    let a = h
        .engine
        .store()
        .lock()
        .unwrap()
        .action_executions(&id)
        .unwrap()
        .into_iter()
        .find(|a| a.action_name == "A")
        .unwrap();
    assert_eq!(a.output_variables["GREETING"], "hello from A");
    assert_eq!(a.image.as_deref(), Some(IMAGE));
    assert!(a.container_id.is_some());
    h.assert_no_containers();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_command_fails_the_stage_and_stops_the_pipeline() {
    let h = Harness::new("engine-fail").await;
    h.save(json!([
        h.source_stage(),
        {"name": "Build", "actions": [
            container("Bad", "Build", &["SourceOut"], &["echo before", "false", "echo never"], json!({})),
        ]},
        {"name": "Test", "actions": [container("T", "Test", &["SourceOut"], &["true"], json!({}))]},
    ]));
    let (id, status) = h
        .engine
        .run(&h.name, BTreeMap::new(), Trigger::manual(None))
        .await
        .unwrap();
    assert_eq!(status.status(), Some(PipelineExecutionStatus::Failed));
    let actions = h.actions(&id);
    assert_eq!(actions["Build/Bad"].0, ActionExecutionStatus::Failed);
    assert_eq!(actions["Build/Bad"].1.as_deref(), Some("exit status 1"));
    assert!(!actions.contains_key("Test/T"));
    h.assert_no_containers();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timeout_and_abandon_kill_the_container() {
    let h = Harness::new("engine-cancel").await;
    h.save(json!([
        h.source_stage(),
        {"name": "Build", "actions": [
            container("Slow", "Build", &["SourceOut"], &["sleep 30"], json!({"pipewright": {"timeoutMinutes": 0.01}})),
        ]},
    ]));
    let started = Instant::now();
    let (id, status) = h
        .engine
        .run(&h.name, BTreeMap::new(), Trigger::manual(None))
        .await
        .unwrap();
    assert_eq!(status.status(), Some(PipelineExecutionStatus::Failed));
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "{:?}",
        started.elapsed()
    );
    let actions = h.actions(&id);
    assert_eq!(
        actions["Build/Slow"].0,
        ActionExecutionStatus::Failed,
        "{actions:?}"
    );
    h.assert_no_containers();

    // Abandon: stop the execution while a container runs.
    h.save(json!([
        h.source_stage(),
        {"name": "Build", "actions": [container("Slow", "Build", &["SourceOut"], &["sleep 30"], json!({}))]},
    ]));
    let id = h
        .engine
        .start(&h.name, BTreeMap::new(), Trigger::manual(None))
        .await
        .unwrap();
    let engine = h.engine.clone();
    let drive_id = id.clone();
    let driving = tokio::spawn(async move { engine.drive(&drive_id).await });
    let started = Instant::now();
    loop {
        let running = h
            .engine
            .store()
            .lock()
            .unwrap()
            .action_executions(&id)
            .unwrap()
            .iter()
            .any(|a| a.action_name == "Slow" && a.container_id.is_some());
        if running {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the container never started"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    h.engine
        .request_stop(&id, true, Some("test"))
        .await
        .unwrap();
    let status = tokio::time::timeout(Duration::from_secs(20), driving)
        .await
        .expect("drive did not end after abandon")
        .unwrap()
        .unwrap();
    assert_eq!(status.status(), Some(PipelineExecutionStatus::Stopped));
    assert_eq!(
        h.actions(&id)["Build/Slow"].0,
        ActionExecutionStatus::Abandoned
    );
    h.assert_no_containers();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_image_and_unknown_provider_fail_clearly() {
    let h = Harness::new("engine-missing").await;
    let mut missing = container("Missing", "Build", &["SourceOut"], &["true"], json!({}));
    missing["configuration"]["Image"] = json!("pipewright/not-here:never");
    h.save(json!([
        h.source_stage(),
        {"name": "Build", "actions": [missing]},
    ]));
    let (id, status) = h
        .engine
        .run(&h.name, BTreeMap::new(), Trigger::manual(None))
        .await
        .unwrap();
    assert_eq!(status.status(), Some(PipelineExecutionStatus::Failed));
    let summary = h.actions(&id)["Build/Missing"]
        .1
        .clone()
        .unwrap_or_default();
    assert!(summary.contains("pipewright/not-here:never"), "{summary}");

    h.save(json!([
        h.source_stage(),
        {"name": "Build", "actions": [{
            "name": "CB",
            "actionTypeId": {"category": "Build", "owner": "AWS", "provider": "CodeBuild", "version": "1"},
            "configuration": {"ProjectName": "p"},
            "inputArtifacts": [{"name": "SourceOut"}],
        }]},
    ]));
    let (id, status) = h
        .engine
        .run(&h.name, BTreeMap::new(), Trigger::manual(None))
        .await
        .unwrap();
    assert_eq!(status.status(), Some(PipelineExecutionStatus::Failed));
    let summary = h.actions(&id)["Build/CB"].1.clone().unwrap_or_default();
    assert!(summary.contains("cannot run locally"), "{summary}");
    h.assert_no_containers();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn git_source_exports_commit_variables() {
    let h = Harness::new("engine-git").await;
    let repo_dir = h.path("repo");
    let repo = git2::Repository::init(&repo_dir).unwrap();
    std::fs::write(repo_dir.join("f.txt"), "from git\n").unwrap();
    let mut index = repo.index().unwrap();
    index.add_path(Path::new("f.txt")).unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let sig = git2::Signature::now("T", "t@example.com").unwrap();
    let commit = repo
        .commit(
            Some("refs/heads/main"),
            &sig,
            &sig,
            "first commit",
            &tree,
            &[],
        )
        .unwrap();
    h.save(json!([
        {"name": "Source", "actions": [{
            "name": "Git",
            "actionTypeId": {"category": "Source", "owner": "Custom", "provider": "Git", "version": "1"},
            "configuration": {"Repository": repo_dir.display().to_string(), "Branch": "main"},
            "outputArtifacts": [{"name": "Code"}],
            "namespace": "SourceVariables",
        }]},
        {"name": "Build", "actions": [
            container("Check", "Build", &["Code"], &[
                "test \"$(cat f.txt)\" = 'from git'",
                "test '#{SourceVariables.CommitId}' = \"$EXPECTED\"",
            ], json!({"environmentVariables": [{"name": "EXPECTED", "value": commit.to_string()}]})),
        ]},
    ]));
    let (id, status) = h
        .engine
        .run(&h.name, BTreeMap::new(), Trigger::manual(None))
        .await
        .unwrap();
    assert!(status.succeeded(), "{:?}", h.actions(&id));
    h.assert_no_containers();
}

/// A `tcp://` daemon (a loopback port forwarded to the local socket) cannot bind-mount: the
/// working directory and the inputs go in, and the results come out, through the archive API.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn remote_daemons_get_files_through_the_archive_api() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let proxy = tokio::spawn(async move {
        while let Ok((mut tcp, _)) = listener.accept().await {
            tokio::spawn(async move {
                if let Ok(mut unix) = tokio::net::UnixStream::connect("/var/run/docker.sock").await
                {
                    let _ = tokio::io::copy_bidirectional(&mut tcp, &mut unix).await;
                }
            });
        }
    });
    let runtime = DockerRuntime::connect_to(&format!("tcp://127.0.0.1:{port}"))
        .await
        .unwrap();
    assert!(runtime.is_remote());
    let h = Harness::with_runtime("engine-remote", runtime).await;
    let deploy = h.path("deploy");
    h.save(json!([
        h.source_stage(),
        {"name": "Build", "actions": [
            container("A", "Build", &["SourceOut"], &[
                "test -f /pipewright/artifacts/SourceOut/input.txt",
                "mkdir -p dist", "cp input.txt dist/a.txt", "V=remote",
            ], json!({
                "outputArtifacts": [{"name": "Built", "files": ["dist/**"]}],
                "outputVariables": ["V"],
                "namespace": "AVars",
            })),
        ]},
        {"name": "Deploy", "actions": [{
            "name": "Out",
            "actionTypeId": {"category": "Deploy", "owner": "Custom", "provider": "Directory", "version": "1"},
            "configuration": {"TargetPath": deploy.display().to_string()},
            "inputArtifacts": [{"name": "Built"}],
        }]},
    ]));
    let (id, status) = h
        .engine
        .run(&h.name, BTreeMap::new(), Trigger::manual(None))
        .await
        .unwrap();
    assert!(status.succeeded(), "{status:?} {:?}", h.actions(&id));
    assert_eq!(read(&deploy.join("dist/a.txt")), "hello\n");
    let a = h
        .engine
        .store()
        .lock()
        .unwrap()
        .action_executions(&id)
        .unwrap()
        .into_iter()
        .find(|a| a.action_name == "A")
        .unwrap();
    assert_eq!(a.output_variables["V"], "remote");
    h.assert_no_containers();
    proxy.abort();
}
