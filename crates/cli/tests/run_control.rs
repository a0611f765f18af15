//! `stop`, `retry`, `logs --follow` and `gc` across processes, on the real Docker daemon.

mod support;

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::{Duration, Instant};
use support::*;

struct Env {
    tmp: tempfile::TempDir,
    name: String,
}

impl Env {
    fn new(prefix: &str) -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let env = Env {
            name: unique_name(prefix, tmp.path()),
            tmp,
        };
        prepare(&env.path("data"), &env.path("src"));
        env
    }
    fn path(&self, rel: &str) -> PathBuf {
        self.tmp.path().join(rel)
    }
    fn cli(&self, args: &[&str]) -> Output {
        cli(&self.path("data"), args)
    }
    fn import(&self, stages: &str) {
        let yaml = pipeline_yaml(&self.name, &self.path("src"), stages);
        import_yaml(&self.path("data"), &yaml);
    }
    fn detail(&self, id: &str) -> Value {
        json(&self.cli(&["execution", id, "--json"]))
    }
    fn wait_status(&self, id: &str, until: impl Fn(&Value) -> bool) -> Value {
        let started = Instant::now();
        loop {
            let d = self.detail(id);
            if until(&d) {
                return d;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "timed out: {d}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    fn assert_no_containers(&self) {
        assert_no_containers(&self.name);
    }
}

#[test]
fn stop_abandon_from_another_process_kills_the_worker_s_container() {
    let env = Env::new("stop");
    env.import(&format!(
        "    - name: Build
      actions:
        - name: Slow
          actionTypeId: {{category: Build, owner: Custom, provider: Container, version: \"1\"}}
          configuration: {{Image: \"{IMAGE}\"}}
          inputArtifacts: [{{name: SourceOut}}]
          commands: [\"echo started\", \"sleep 30\"]
"
    ));
    let o = env.cli(&["run", &env.name, "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let id = json(&o)["pipelineExecutionId"]
        .as_str()
        .unwrap()
        .to_string();
    env.wait_status(&id, |d| {
        d["stageStates"][1]["actionStates"][0]["latestExecution"]["containerId"].is_string()
    });
    // logs --follow of the running action sees its output, and ends with the execution.
    let follower = Command::new(BIN)
        .arg("--data-dir")
        .arg(env.path("data"))
        .args(["logs", &id, "--action", "Build/Slow", "--follow"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let o = env.cli(&["stop", &id, "--abandon"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let started = Instant::now();
    let d = env.wait_status(&id, |d| {
        d["pipelineExecution"]["status"] != "InProgress"
            && d["pipelineExecution"]["status"] != "Stopping"
    });
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(d["pipelineExecution"]["status"], "Stopped", "{d}");
    assert_eq!(
        d["stageStates"][1]["actionStates"][0]["latestExecution"]["status"],
        "Abandoned"
    );
    let followed = follower.wait_with_output().unwrap();
    assert!(
        text(&followed.stdout).contains("started"),
        "{}",
        text(&followed.stdout)
    );
    env.assert_no_containers();
}

#[test]
fn retry_of_a_failed_stage_runs_it_again() {
    let env = Env::new("retry");
    // The deploy fails while a file blocks its target's parent folder.
    let blocker = env.path("blocked");
    std::fs::write(&blocker, "not a folder").unwrap();
    env.import(&format!(
        "    - name: Build
      actions:
        - name: Make
          actionTypeId: {{category: Build, owner: Custom, provider: Container, version: \"1\"}}
          configuration: {{Image: \"{IMAGE}\"}}
          inputArtifacts: [{{name: SourceOut}}]
          commands: [\"mkdir -p dist\", \"cp input.txt dist/\"]
          outputArtifacts: [{{name: Built, files: [\"dist/**\"]}}]
    - name: Deploy
      actions:
        - name: Out
          actionTypeId: {{category: Deploy, owner: Custom, provider: Directory, version: \"1\"}}
          configuration: {{TargetPath: {}}}
          inputArtifacts: [{{name: Built}}]
",
        blocker.join("site").display()
    ));
    let o = env.cli(&["run", &env.name, "--wait", "--json"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let id = json(&o)["pipelineExecutionId"]
        .as_str()
        .unwrap()
        .to_string();
    std::fs::remove_file(&blocker).unwrap();
    let o = env.cli(&["retry", &id, "Deploy", "--wait", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(json(&o)["status"], "Succeeded");
    assert_eq!(
        std::fs::read_to_string(blocker.join("site/dist/input.txt")).unwrap(),
        "hello\n"
    );
    let d = env.detail(&id);
    assert_eq!(d["stageStates"][2]["latestExecution"]["attempt"], 2, "{d}");
    // The build was not run again.
    assert_eq!(d["stageStates"][1]["latestExecution"]["attempt"], 1, "{d}");

    let o = env.cli(&["gc"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    env.assert_no_containers();
}

fn slow_stage() -> String {
    format!(
        "    - name: Build
      actions:
        - name: Slow
          actionTypeId: {{category: Build, owner: Custom, provider: Container, version: \"1\"}}
          configuration: {{Image: \"{IMAGE}\"}}
          inputArtifacts: [{{name: SourceOut}}]
          commands: [\"sleep 30\"]
"
    )
}

/// Start `run NAME --wait --json` and wait until its container runs; returns the child
/// and the execution id.
// The child is returned to the caller, which waits for it; clippy cannot see that.
#[allow(clippy::zombie_processes)]
fn start_slow(env: &Env) -> (std::process::Child, String) {
    let mut child = Command::new(BIN)
        .arg("--data-dir")
        .arg(env.path("data"))
        .args(["run", &env.name, "--wait", "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        let list = json(&env.cli(&["executions", &env.name, "--json"]));
        if let Some(id) = list["pipelineExecutionSummaries"][0]["pipelineExecutionId"].as_str() {
            let d = env.detail(id);
            if d["stageStates"][1]["actionStates"][0]["latestExecution"]["containerId"].is_string()
            {
                return (child, id.to_string());
            }
        }
        if started.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the action never started");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn interrupting_run_wait_stops_the_execution() {
    let env = Env::new("sigint");
    env.import(&slow_stage());
    let (child, id) = start_slow(&env);
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert_eq!(json(&o)["status"], "Stopped");
    let d = env.detail(&id);
    assert_eq!(
        d["stageStates"][1]["actionStates"][0]["latestExecution"]["status"],
        "Abandoned"
    );
    env.assert_no_containers();
}

#[test]
fn kill_9_of_the_owner_is_reconciled_at_the_next_start() {
    let env = Env::new("kill9");
    env.import(&slow_stage());
    let (mut child, id) = start_slow(&env);
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert_eq!(env.detail(&id)["pipelineExecution"]["status"], "InProgress");
    // Any command that starts an engine reconciles: here a stop request.
    let o = env.cli(&["stop", &id]);
    assert!(
        text(&o.stderr).contains("interrupted"),
        "{}",
        text(&o.stderr)
    );
    let d = env.detail(&id);
    assert_eq!(d["pipelineExecution"]["status"], "Failed", "{d}");
    assert_eq!(d["pipelineExecution"]["statusReason"], "interrupted", "{d}");
    assert_eq!(
        d["stageStates"][1]["actionStates"][0]["latestExecution"]["status"],
        "Abandoned"
    );
    env.assert_no_containers();
}

#[test]
fn retry_without_wait_runs_in_a_worker() {
    let env = Env::new("retryw");
    let blocker = env.path("blocked");
    std::fs::write(&blocker, "not a folder").unwrap();
    env.import(&format!(
        "    - name: Deploy
      actions:
        - name: Out
          actionTypeId: {{category: Deploy, owner: Custom, provider: Directory, version: \"1\"}}
          configuration: {{TargetPath: {}}}
          inputArtifacts: [{{name: SourceOut}}]
",
        blocker.join("site").display()
    ));
    let o = env.cli(&["run", &env.name, "--wait", "--json"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let id = json(&o)["pipelineExecutionId"]
        .as_str()
        .unwrap()
        .to_string();
    let o = env.cli(&["retry", &id, "NoSuchStage"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).starts_with("error[E_STAGE_UNKNOWN]"),
        "{}",
        text(&o.stderr)
    );
    std::fs::remove_file(&blocker).unwrap();
    let o = env.cli(&["retry", &id, "Deploy", "--all-actions"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let d = env.wait_status(&id, |d| d["pipelineExecution"]["status"] == "Succeeded");
    assert_eq!(d["stageStates"][1]["latestExecution"]["attempt"], 2, "{d}");
    assert!(blocker.join("site/input.txt").exists());
}

/// Build, then a Deploy that fails while a file blocks its target's parent folder.
fn build_then_blocked_deploy(env: &Env) -> PathBuf {
    let blocker = env.path("blocked");
    std::fs::write(&blocker, "not a folder").unwrap();
    env.import(&format!(
        "    - name: Build
      actions:
        - name: Make
          actionTypeId: {{category: Build, owner: Custom, provider: Container, version: \"1\"}}
          configuration: {{Image: \"{IMAGE}\"}}
          inputArtifacts: [{{name: SourceOut}}]
          commands: [\"mkdir -p dist\", \"cp input.txt dist/\", \"cat /proc/sys/kernel/random/uuid > dist/build-id\"]
          outputArtifacts: [{{name: Built, files: [\"dist/**\"]}}]
    - name: Deploy
      actions:
        - name: Out
          actionTypeId: {{category: Deploy, owner: Custom, provider: Directory, version: \"1\"}}
          configuration: {{TargetPath: {}}}
          inputArtifacts: [{{name: Built}}]
",
        blocker.join("site").display()
    ));
    blocker
}

fn output_digest(detail: &Value, stage: usize) -> String {
    detail["stageStates"][stage]["actionStates"][0]["latestExecution"]["outputArtifacts"][0]
        ["digest"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn rerun_from_a_stage_reuses_the_earlier_stages_results() {
    let env = Env::new("rerun");
    let blocker = build_then_blocked_deploy(&env);
    let o = env.cli(&["run", &env.name, "--wait", "--json"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let old = json(&o)["pipelineExecutionId"]
        .as_str()
        .unwrap()
        .to_string();
    let old_detail = env.detail(&old);
    std::fs::remove_file(&blocker).unwrap();
    // Unknown stage: a clear refusal.
    let o = env.cli(&["rerun", &old, "--from", "Nope"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("Source, Build, Deploy"),
        "{}",
        text(&o.stderr)
    );

    let o = env.cli(&["rerun", &old, "--from", "Deploy", "--wait", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let v = json(&o);
    assert_eq!(v["status"], "Succeeded");
    let new = v["pipelineExecutionId"].as_str().unwrap().to_string();
    assert_ne!(new, old);
    let d = env.detail(&new);
    // Build was reused, not run again: the same output revision (its build id is random).
    assert_eq!(output_digest(&d, 1), output_digest(&old_detail, 1));
    assert_eq!(
        d["pipelineExecution"]["artifactRevisions"],
        old_detail["pipelineExecution"]["artifactRevisions"]
    );
    assert_eq!(
        std::fs::read_to_string(blocker.join("site/dist/input.txt")).unwrap(),
        "hello\n"
    );
    let trigger = &d["pipelineExecution"]["trigger"]["triggerDetail"];
    assert!(
        trigger
            .as_str()
            .unwrap_or("")
            .contains(&format!("rerun of {old} from Deploy")),
        "{trigger}"
    );

    // The default reruns everything after the source stage: a new build of the same source.
    let o = env.cli(&["rerun", &old, "--wait", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let again = env.detail(json(&o)["pipelineExecutionId"].as_str().unwrap());
    assert_eq!(output_digest(&again, 0), output_digest(&old_detail, 0));
    assert_ne!(output_digest(&again, 1), output_digest(&old_detail, 1));
    env.assert_no_containers();
}

#[test]
fn rerun_says_when_retention_removed_what_it_needs() {
    let env = Env::new("rerunret");
    let blocker = build_then_blocked_deploy(&env);
    let o = env.cli(&["run", &env.name, "--wait", "--json"]);
    let old = json(&o)["pipelineExecutionId"]
        .as_str()
        .unwrap()
        .to_string();
    std::fs::remove_file(&blocker).unwrap();
    let o = env.cli(&["config", "set", "artifacts.keepExecutions", "1"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    for _ in 0..2 {
        let o = env.cli(&["run", &env.name, "--wait", "--json"]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    }
    // Past the collection's grace period (files newer than it are never removed).
    let aged = Command::new("find")
        .arg(env.path("data").join("artifacts"))
        .args([
            "-type",
            "f",
            "-exec",
            "touch",
            "-d",
            "2 hours ago",
            "{}",
            "+",
        ])
        .status()
        .unwrap();
    assert!(aged.success());
    let o = env.cli(&["gc"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = env.cli(&["rerun", &old, "--from", "Deploy", "--json"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stdout));
    let err = text(&o.stderr);
    assert!(err.contains("E_ARTIFACTS_REMOVED"), "{err}");
    assert!(err.contains("Built (from Build/Make)"), "{err}");
    // Rerunning from the first stage needs nothing kept.
    let o = env.cli(&["rerun", &old, "--from", "Source", "--wait", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
}
