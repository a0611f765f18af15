//! Helpers shared by the CLI's integration tests that run pipelines on the real Docker daemon
//! (each test file uses some of them).
#![allow(dead_code)]

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_pipewright");
/// The local image `scripts/test.sh` builds from busybox-static; tests never pull.
pub const IMAGE: &str = "pipewright/busybox:local";

pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A command's stdout as JSON; on failure the panic shows both streams.
pub fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", text(&o.stdout), text(&o.stderr)))
}

/// The `pipelineExecutionId` of `run --json` or `retry --json` output.
pub fn execution_id(o: &Output) -> String {
    json(o)["pipelineExecutionId"]
        .as_str()
        .unwrap_or_else(|| panic!("no id: {}\n{}", text(&o.stdout), text(&o.stderr)))
        .to_string()
}

/// `prefix-<the temp dir's name>`: a pipeline name no other test run uses, so its container
/// labels are its own.
pub fn unique_name(prefix: &str, tmp: &Path) -> String {
    let id: String = tmp
        .file_name()
        .unwrap()
        .to_string_lossy()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    format!("{prefix}-{}", id.to_lowercase())
}

/// `pipewright --data-dir DATA ARGS…`
pub fn cli(data: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .unwrap()
}

/// Prepare a test's data folder and source: `images.pull=never`, and `src/input.txt`.
pub fn prepare(data: &Path, src: &Path) {
    std::fs::create_dir_all(src).unwrap();
    std::fs::write(src.join("input.txt"), "hello\n").unwrap();
    let o = cli(data, &["config", "set", "images.pull", "never"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
}

/// Pipeline `name` in YAML: a Directory source over `src` (output `SourceOut`), then `stages`
/// (YAML of the later stages, at the depth of `stages` items).
pub fn pipeline_yaml(name: &str, src: &Path, stages: &str) -> String {
    format!(
        "pipeline:
  name: {name}
  roleArn: arn:aws:iam::123456789012:role/pipewright
  artifactStore: {{type: S3, location: bucket}}
  stages:
    - name: Source
      actions:
        - name: Src
          actionTypeId: {{category: Source, owner: Custom, provider: Directory, version: \"1\"}}
          configuration: {{Path: {}}}
          outputArtifacts: [{{name: SourceOut}}]
{stages}",
        src.display()
    )
}

/// Write `yaml` next to the data folder and import it; asserts success.
pub fn import_yaml(data: &Path, yaml: &str) {
    let file = data.with_extension(format!("{}.yaml", std::process::id()));
    std::fs::write(&file, yaml).unwrap();
    let o = cli(data, &["import", file.to_str().unwrap()]);
    assert!(o.status.success(), "import: {}", text(&o.stderr));
}

/// A Container action in the local image (YAML list item at the depth of a stage's actions).
pub fn container_action(name: &str, inputs: &[&str], commands: &[&str], extra: &str) -> String {
    let inputs: Vec<String> = inputs.iter().map(|i| format!("{{name: {i}}}")).collect();
    let commands: Vec<String> = commands
        .iter()
        .map(|c| serde_json::to_string(c).unwrap())
        .collect();
    format!(
        "        - name: {name}
          actionTypeId: {{category: Build, owner: Custom, provider: Container, version: \"1\"}}
          configuration: {{Image: \"{IMAGE}\"}}
          inputArtifacts: [{}]
          commands: [{}]
{extra}",
        inputs.join(", "),
        commands.join(", ")
    )
}

/// No container of pipeline `name` is left (by the labels every container gets).
pub fn assert_no_containers(name: &str) {
    let o = Command::new("docker")
        .args(["ps", "-aq", "--filter", "label=dev.pipewright.app"])
        .args(["--filter", &format!("label=dev.pipewright.pipeline={name}")])
        .output()
        .unwrap();
    assert!(o.status.success());
    assert_eq!(
        text(&o.stdout).trim(),
        "",
        "containers of {name} left behind"
    );
}

/// Poll `f` every 100 ms until it gives a value; fails after 60 s, naming `what`.
pub fn wait_for<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let started = std::time::Instant::now();
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "timed out waiting for {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// The decisions waiting (`approvals --json`).
pub fn pending(data: &Path) -> Vec<Value> {
    let o = cli(data, &["approvals", "--json"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    json(&o).as_array().unwrap().clone()
}

/// The first decision asked for, once there is one.
pub fn wait_pending(data: &Path) -> Value {
    wait_for("a decision to be asked", || {
        pending(data).into_iter().next()
    })
}

/// `execution ID --json` once the execution has ended.
pub fn wait_ended(data: &Path, id: &str) -> Value {
    wait_for("the execution to end", || {
        let d = json(&cli(data, &["execution", id, "--json"]));
        let status = d["pipelineExecution"]["status"].as_str().unwrap_or("");
        (!["InProgress", "Stopping"].contains(&status)).then_some(d)
    })
}

/// The latest execution of `stage/action` in `execution --json` output.
pub fn action_state<'a>(detail: &'a Value, stage: &str, action: &str) -> &'a Value {
    let stages = detail["stageStates"].as_array().unwrap();
    let s = stages.iter().find(|s| s["stageName"] == stage).unwrap();
    let a = s["actionStates"].as_array().unwrap();
    &a.iter().find(|a| a["actionName"] == action).unwrap()["latestExecution"]
}
