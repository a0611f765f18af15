//! Waits across processes on the real Docker daemon. Manual approvals: a detached worker parks
//! the execution; `pipewright approve` (another process) decides and a worker drives it on;
//! `run --wait` waits through the approval; a timeout fails the stage. Disabled transitions:
//! executions wait before the stage until `enable-transition`.

mod support;

use serde_json::Value;
use std::path::PathBuf;
use std::process::Output;
use std::time::{Duration, Instant};
use support::*;

struct Env {
    tmp: tempfile::TempDir,
    name: String,
}

impl Env {
    fn new(prefix: &str, timeout: &str) -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let env = Env {
            name: unique_name(prefix, tmp.path()),
            tmp,
        };
        prepare(&env.path("data"), &env.path("src"));
        let build = container_action(
            "Make",
            &["SourceOut"],
            &["echo built > out.txt"],
            "          outputArtifacts: [{name: Built, files: [\"out.txt\"]}]\n",
        );
        let deploy = container_action("Ship", &["Built"], &["cat out.txt"], "");
        let yaml = pipeline_yaml(
            &env.name,
            &env.path("src"),
            &format!(
                "    - name: Build
      actions:
{build}    - name: Approve
      actions:
        - name: Gate
          actionTypeId: {{category: Approval, owner: AWS, provider: Manual, version: \"1\"}}
          configuration: {{CustomData: \"Deploy to prod?\"}}
{timeout}    - name: Deploy
      actions:
{deploy}"
            ),
        );
        import_yaml(&env.path("data"), &yaml);
        env
    }
    fn path(&self, rel: &str) -> PathBuf {
        self.tmp.path().join(rel)
    }
    fn pending(&self) -> Vec<Value> {
        pending(&self.path("data"))
    }
    fn wait_pending(&self) -> Value {
        wait_pending(&self.path("data"))
    }
    fn wait_ended(&self, id: &str) -> Value {
        wait_ended(&self.path("data"), id)
    }
    fn cli(&self, args: &[&str]) -> Output {
        cli(&self.path("data"), args)
    }
}

#[test]
fn approve_from_another_process_runs_the_rest() {
    let env = Env::new("approve", "");
    let o = env.cli(&["run", &env.name, "--json"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let id = json(&o)["pipelineExecutionId"]
        .as_str()
        .unwrap()
        .to_string();
    let p = env.wait_pending();
    assert_eq!(p["executionId"], id.as_str());
    assert_eq!(p["stageName"], "Approve");
    assert_eq!(p["customData"], "Deploy to prod?");
    // Build ran; Deploy did not.
    let d = json(&env.cli(&["execution", &id, "--json"]));
    assert_eq!(d["pipelineExecution"]["status"], "InProgress");
    assert_eq!(action_state(&d, "Build", "Make")["status"], "Succeeded");
    assert_eq!(action_state(&d, "Approve", "Gate")["status"], "InProgress");

    let o = env.cli(&[
        "approve",
        &id,
        "Approve/Gate",
        "--comment",
        "ship it",
        "--wait",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(json(&o)["status"], "Succeeded");
    let d = env.wait_ended(&id);
    assert_eq!(action_state(&d, "Deploy", "Ship")["status"], "Succeeded");
    let logs = env.cli(&["logs", &id, "--action", "Deploy/Ship"]);
    assert!(
        text(&logs.stdout).contains("built"),
        "{}",
        text(&logs.stdout)
    );
    assert!(env.pending().is_empty());
    assert_no_containers(&env.name);
}

#[test]
fn run_wait_waits_through_a_rejection_and_fails() {
    let env = Env::new("reject", "");
    let data = env.path("data");
    let name = env.name.clone();
    let waiting = std::thread::spawn(move || cli(&data, &["run", &name, "--wait", "--json"]));
    let p = env.wait_pending();
    let id = p["executionId"].as_str().unwrap().to_string();
    let o = env.cli(&[
        "approve",
        &id,
        "Approve/Gate",
        "--reject",
        "--comment",
        "not now",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        text(&o.stdout).contains("rejected by"),
        "{}",
        text(&o.stdout)
    );
    let o = waiting.join().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let v = json(&o);
    assert_eq!(v["status"], "Failed");
    assert!(
        v["statusSummary"]
            .as_str()
            .unwrap_or("")
            .contains("not now"),
        "{v}"
    );
    // Deciding twice is refused with the earlier decision.
    let o = env.cli(&["approve", &id, "Approve/Gate"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("rejected"), "{}", text(&o.stderr));
    assert_no_containers(&env.name);
}

#[test]
fn an_approval_times_out_and_fails_the_stage() {
    // 0.02 minutes: 1.2 s.
    let env = Env::new("timeout", "          pipewright: {timeoutMinutes: 0.02}\n");
    let o = env.cli(&["run", &env.name, "--json"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let id = json(&o)["pipelineExecutionId"]
        .as_str()
        .unwrap()
        .to_string();
    env.wait_pending();
    std::thread::sleep(Duration::from_millis(1500));
    // Any command's start-up times it out; `approvals` then lists nothing.
    assert!(env.pending().is_empty());
    let d = env.wait_ended(&id);
    assert_eq!(d["pipelineExecution"]["status"], "Failed");
    let gate = action_state(&d, "Approve", "Gate");
    assert_eq!(gate["status"], "Failed");
    assert!(
        gate["errorDetails"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("timed out"),
        "{gate}"
    );
    let o = env.cli(&["approve", &id, "Approve/Gate", "--reject", "--comment", "x"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("timed out"), "{}", text(&o.stderr));
}

#[test]
fn approve_usage_errors_are_clear() {
    let env = Env::new("approveusage", "");
    let o = env.cli(&["approve", "nope", "Approve"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("STAGE/ACTION"),
        "{}",
        text(&o.stderr)
    );
    let o = env.cli(&["approve", "00000000-0000-4000-8000-000000000000", "A/B"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("00000000"), "{}", text(&o.stderr));
}

#[test]
fn a_disabled_transition_holds_runs_until_enabled() {
    let env = Env::new("transition", "");
    let o = env.cli(&[
        "disable-transition",
        &env.name,
        "Approve",
        "--reason",
        "change freeze",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = env.cli(&["transitions", &env.name, "--json"]);
    let listed = json(&o);
    assert_eq!(listed[0]["stageName"], "Approve");
    assert_eq!(listed[0]["reason"], "change freeze");
    let o = env.cli(&["disable-transition", &env.name, "Source", "--reason", "x"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("first stage"),
        "{}",
        text(&o.stderr)
    );

    let o = env.cli(&["run", &env.name, "--json"]);
    let id = json(&o)["pipelineExecutionId"]
        .as_str()
        .unwrap()
        .to_string();
    // Build runs, then the execution waits before Approve.
    let started = Instant::now();
    loop {
        let d = json(&env.cli(&["execution", &id, "--json"]));
        if action_state(&d, "Build", "Make")["status"] == "Succeeded" {
            let stages = d["stageStates"].as_array().unwrap();
            let approve = stages.iter().find(|s| s["stageName"] == "Approve").unwrap();
            assert!(approve["latestExecution"].is_null(), "{approve}");
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "{d}");
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_millis(300));
    assert!(env.pending().is_empty(), "nothing entered Approve");
    let o = env.cli(&["enable-transition", &env.name, "Approve"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        text(&o.stdout).contains("1 waiting execution goes on"),
        "{}",
        text(&o.stdout)
    );
    let p = env.wait_pending();
    assert_eq!(p["executionId"], id.as_str());
    let o = env.cli(&["approve", &id, "Approve/Gate", "--wait"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_no_containers(&env.name);
}
