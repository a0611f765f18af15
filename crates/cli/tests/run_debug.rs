//! Local debugging on the real Docker daemon, across processes: a "pause before" point holds
//! an execution before its action until `pipewright continue` (another process) lets it run;
//! with keep failed containers on, a failed action's container is kept (idle, with the
//! failed filesystem and the work folder) and the execution holds until `continue` or `stop`,
//! either of which removes the container and its image.

mod support;

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};
use support::*;

struct Env {
    tmp: tempfile::TempDir,
    name: String,
}

impl Env {
    /// Build/Make writes out.txt (and fails with `fail`), Deploy/Ship prints it.
    fn new(prefix: &str, fail: bool) -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let env = Env {
            name: unique_name(prefix, tmp.path()),
            tmp,
        };
        prepare(&env.path("data"), &env.path("src"));
        let mut make = vec!["echo built > out.txt", "echo state > marker.txt"];
        if fail {
            make.push("exit 3");
        }
        let build = container_action(
            "Make",
            &["SourceOut"],
            &make,
            "          outputArtifacts: [{name: Built, files: [\"out.txt\"]}]\n",
        );
        let deploy = container_action("Ship", &["Built"], &["cat out.txt"], "");
        let yaml = pipeline_yaml(
            &env.name,
            &env.path("src"),
            &format!(
                "    - name: Build
      actions:
{build}    - name: Deploy
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
    fn wait_pending(&self) -> Value {
        wait_pending(&self.path("data"))
    }
    fn wait_ended(&self, id: &str) -> Value {
        wait_ended(&self.path("data"), id)
    }
    fn cli(&self, args: &[&str]) -> Output {
        cli(&self.path("data"), args)
    }
    fn ok(&self, args: &[&str]) -> Output {
        let o = self.cli(args);
        assert!(o.status.success(), "{args:?}: {}", text(&o.stderr));
        o
    }
    fn run(&self) -> String {
        let o = self.ok(&["run", &self.name, "--json"]);
        json(&o)["pipelineExecutionId"]
            .as_str()
            .unwrap()
            .to_string()
    }
    fn detail(&self, id: &str) -> Value {
        json(&self.ok(&["execution", id, "--json"]))
    }
    fn logs(&self, id: &str, action: &str) -> String {
        text(&self.ok(&["logs", id, "--action", action]).stdout)
    }
}

fn stage_status(detail: &Value, stage: &str) -> String {
    let stages = detail["stageStates"].as_array().unwrap();
    let s = stages.iter().find(|s| s["stageName"] == stage).unwrap();
    s["latestExecution"]["status"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

fn docker(args: &[&str]) -> Output {
    Command::new("docker").args(args).output().unwrap()
}

fn running(container: &str) -> bool {
    let o = docker(&["inspect", "-f", "{{.State.Running}}", container]);
    o.status.success() && text(&o.stdout).trim() == "true"
}

fn exists(kind: &str, what: &str) -> bool {
    docker(&[kind, "inspect", what]).status.success()
}

#[test]
fn a_pause_point_holds_the_action_until_continue_runs_it() {
    let env = Env::new("pause", false);
    let o = env.ok(&[
        "debug",
        &env.name,
        "--pause-before",
        "Deploy/Ship",
        "--json",
    ]);
    assert_eq!(
        json(&o)["pausePoints"],
        serde_json::json!([{"stageName": "Deploy", "actionName": "Ship"}])
    );
    let id = env.run();
    let p = env.wait_pending();
    assert_eq!(p["executionId"], id.as_str());
    assert_eq!(p["kind"], "PAUSE");
    assert_eq!(p["stageName"], "Deploy");
    assert_eq!(p["actionName"], "Ship");
    assert!(
        p["deadline"].is_null(),
        "a pause point never times out: {p}"
    );

    // Build ran, Ship has not: no container output in its log yet.
    let d = env.detail(&id);
    assert_eq!(d["pipelineExecution"]["status"], "InProgress");
    assert_eq!(action_state(&d, "Build", "Make")["status"], "Succeeded");
    assert_eq!(action_state(&d, "Deploy", "Ship")["status"], "InProgress");
    let before = env.logs(&id, "Deploy/Ship");
    assert!(before.contains("paused before this action"), "{before}");
    assert!(!before.contains("built"), "{before}");

    let o = env.cli(&["continue", &id, "Deploy/Ship", "--wait", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(json(&o)["status"], "Succeeded");
    let d = env.wait_ended(&id);
    assert_eq!(action_state(&d, "Deploy", "Ship")["status"], "Succeeded");
    // One action execution: the paused one ran (its log kept what came before).
    let after = env.logs(&id, "Deploy/Ship");
    assert!(after.contains("paused before this action"), "{after}");
    assert!(after.contains("continued"), "{after}");
    assert!(after.contains("built"), "{after}");

    // Unmarked: the next run does not stop there.
    let o = env.ok(&["debug", &env.name, "--no-pause-before", "Deploy/Ship"]);
    assert!(text(&o.stdout).contains("pause before: none"));
    let o = env.cli(&["run", &env.name, "--wait", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
}

#[test]
fn rejecting_a_pause_fails_the_stage_without_running_the_action() {
    let env = Env::new("pausereject", false);
    env.ok(&["debug", &env.name, "--pause-before", "Deploy/Ship"]);
    let id = env.run();
    env.wait_pending();
    let o = env.cli(&[
        "approve",
        &id,
        "Deploy/Ship",
        "--reject",
        "--comment",
        "found it",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let d = env.wait_ended(&id);
    assert_eq!(d["pipelineExecution"]["status"], "Failed");
    let ship = action_state(&d, "Deploy", "Ship");
    assert_eq!(ship["status"], "Failed");
    let message = ship["errorDetails"]["message"].as_str().unwrap();
    assert!(message.contains("pause rejected by"), "{message}");
    assert!(message.contains("found it"), "{message}");
    assert!(!env.logs(&id, "Deploy/Ship").contains("built"));
}

#[test]
fn a_kept_failed_container_holds_the_execution_until_continue_removes_it() {
    let env = Env::new("keep", true);
    let o = env.ok(&["debug", &env.name, "--keep-failed", "on"]);
    assert!(text(&o.stdout).contains("keep failed containers: on"));
    let id = env.run();
    let p = env.wait_pending();
    assert_eq!(p["kind"], "PAUSE");
    assert_eq!(p["stageName"], "Build");
    assert!(p["customData"].as_str().unwrap().contains("kept"), "{p}");

    let d = env.detail(&id);
    assert_eq!(d["pipelineExecution"]["status"], "InProgress");
    let make = action_state(&d, "Build", "Make");
    assert_eq!(make["status"], "Failed");
    assert_eq!(make["exitCode"], 3);
    let container = make["debugContainerId"].as_str().expect("kept").to_string();
    let image = format!(
        "pipewright-debug:{}",
        make["actionExecutionId"].as_str().unwrap()
    );
    assert!(running(&container), "the kept container runs idle");
    // Its filesystem is the failed one's, in the action's working directory.
    let o = docker(&["exec", &container, "cat", "marker.txt"]);
    assert_eq!(text(&o.stdout).trim(), "state", "{}", text(&o.stderr));
    assert!(exists("image", &image));
    assert!(env.logs(&id, "Build/Make").contains("docker exec -it"));
    let shown = text(&env.ok(&["execution", &id]).stdout);
    assert!(
        shown.contains(&format!("docker exec -it {}", &container[..12]))
            && shown.contains(&format!("pipewright continue {id} Build/Make")),
        "{shown}"
    );

    let o = env.cli(&["continue", &id, "Build/Make", "--wait"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "the execution fails: {}",
        text(&o.stderr)
    );
    let d = env.wait_ended(&id);
    assert_eq!(d["pipelineExecution"]["status"], "Failed");
    assert_eq!(stage_status(&d, "Build"), "Failed");
    assert_eq!(stage_status(&d, "Deploy"), "");
    assert!(action_state(&d, "Build", "Make")["debugContainerId"].is_null());
    assert!(!exists("container", &container), "the container is removed");
    assert!(!exists("image", &image), "its image is removed");
    assert_no_containers(&env.name);
}

#[test]
fn stopping_a_held_execution_removes_the_kept_container() {
    let env = Env::new("keepstop", true);
    env.ok(&["debug", &env.name, "--keep-failed", "on"]);
    let id = env.run();
    env.wait_pending();
    let d = env.detail(&id);
    let container = action_state(&d, "Build", "Make")["debugContainerId"]
        .as_str()
        .expect("kept")
        .to_string();
    assert!(running(&container));
    env.ok(&["stop", &id]);
    let d = env.wait_ended(&id);
    assert_eq!(d["pipelineExecution"]["status"], "Stopped");
    assert_eq!(action_state(&d, "Build", "Make")["status"], "Failed");
    assert!(!exists("container", &container));
    assert_no_containers(&env.name);
}

#[test]
fn debug_settings_refuse_unknown_actions_and_bad_values() {
    let env = Env::new("debugusage", false);
    let o = env.cli(&["debug", &env.name, "--pause-before", "Deploy/Nope"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("no action `Nope`"),
        "{}",
        text(&o.stderr)
    );
    let o = env.cli(&["debug", &env.name, "--pause-before", "Deploy"]);
    assert_eq!(o.status.code(), Some(2));
    let o = env.cli(&["debug", &env.name, "--keep-failed", "maybe"]);
    assert_eq!(o.status.code(), Some(2));
    let o = env.cli(&["debug", "missing-pipeline"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn a_continued_pause_whose_action_fails_is_held_for_debugging_too() {
    let env = Env::new("pausekeep", true);
    env.ok(&[
        "debug",
        &env.name,
        "--pause-before",
        "Build/Make",
        "--keep-failed",
        "on",
    ]);
    let id = env.run();
    let p = env.wait_pending();
    assert!(p["customData"]
        .as_str()
        .unwrap()
        .starts_with("Paused before"));
    env.ok(&["continue", &id, "Build/Make"]);
    // The same action execution now waits again: held with its kept container.
    let container = wait_for("the kept container", || {
        let d = env.detail(&id);
        action_state(&d, "Build", "Make")["debugContainerId"]
            .as_str()
            .map(str::to_string)
    });
    let p = env.wait_pending();
    assert!(p["customData"].as_str().unwrap().contains("kept"), "{p}");
    let o = env.cli(&["continue", &id, "Build/Make", "--wait"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert_eq!(env.wait_ended(&id)["pipelineExecution"]["status"], "Failed");
    assert!(!exists("container", &container));
    assert_no_containers(&env.name);
}

#[test]
fn stopping_while_the_group_still_runs_removes_the_kept_container_too() {
    // Make fails (its container is kept) while Slow still runs: the owner is busy, so the
    // stop is picked up by it, and the kept container goes when the execution ends.
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let src = tmp.path().join("src");
    let name = unique_name("keepgroup", tmp.path());
    prepare(&data, &src);
    let make = container_action("Make", &["SourceOut"], &["exit 2"], "");
    let slow = container_action("Slow", &["SourceOut"], &["sleep 30"], "");
    import_yaml(
        &data,
        &pipeline_yaml(
            &name,
            &src,
            &format!("    - name: Build\n      actions:\n{make}{slow}"),
        ),
    );
    assert!(cli(&data, &["debug", &name, "--keep-failed", "on"])
        .status
        .success());
    let id = execution_id(&cli(&data, &["run", &name, "--json"]));
    let container = wait_for("the kept container", || {
        let d = json(&cli(&data, &["execution", &id, "--json"]));
        action_state(&d, "Build", "Make")["debugContainerId"]
            .as_str()
            .map(str::to_string)
    });
    assert!(running(&container));
    let o = cli(&data, &["stop", &id, "--abandon"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let d = wait_ended(&data, &id);
    assert_eq!(d["pipelineExecution"]["status"], "Stopped");
    wait_for("the kept container to go", || {
        (!exists("container", &container)).then_some(())
    });
    assert_no_containers(&name);
}
