//! `pipewright run --wait` and the execution listings on the real Docker daemon, with the
//! local test image `pipewright/busybox:local` and `images.pull=never`.

mod support;

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::Instant;
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
        prepare(&env.data(), &env.src());
        env
    }
    fn data(&self) -> PathBuf {
        self.tmp.path().join("data")
    }
    fn src(&self) -> PathBuf {
        self.tmp.path().join("src")
    }
    fn deploy(&self) -> PathBuf {
        self.tmp.path().join("deploy")
    }
    fn cli(&self, args: &[&str]) -> Output {
        self.cli_env(args, &[])
    }
    fn cli_env(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut cmd = Command::new(BIN);
        cmd.arg("--data-dir").arg(self.data()).args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    }
    fn import(&self, yaml: &str) {
        import_yaml(&self.data(), yaml);
    }
    /// No container of this test's pipeline is left.
    fn assert_no_containers(&self) {
        assert_no_containers(&self.name);
    }
}

fn header(env: &Env) -> String {
    pipeline_yaml(&env.name, &env.src(), "")
}

/// Source → Build (two parallel Container actions) → Test → Deploy.
fn full_pipeline(env: &Env, build_b_fails: bool) -> String {
    let b_commands: Vec<&str> = if build_b_fails {
        vec!["mkdir -p dist", "echo about to fail", "exit 7"]
    } else {
        vec![
            "mkdir -p dist",
            "cd dist",
            "echo b > b.txt",
            "export VERSION=1.2.3",
        ]
    };
    format!(
        "{}    - name: Build
      actions:
{}{}    - name: Test
      actions:
{}    - name: Deploy
      actions:
        - name: Out
          actionTypeId: {{category: Deploy, owner: Custom, provider: Directory, version: \"1\"}}
          configuration: {{TargetPath: {}}}
          inputArtifacts: [{{name: Tested}}]
",
        header(env),
        container_action(
            "A",
            &["SourceOut"],
            &["mkdir -p dist", "cp input.txt dist/a.txt", "echo built A"],
            "          outputArtifacts: [{name: BuildA, files: [\"dist/**\"]}]\n"
        ),
        container_action(
            "B",
            &["SourceOut"],
            &b_commands,
            "          outputArtifacts: [{name: BuildB, files: [\"dist/**\"]}]
          outputVariables: [VERSION]
          namespace: BVars
"
        ),
        container_action(
            "Check",
            &["BuildA", "BuildB"],
            &[
                "test -f dist/a.txt",
                "test -f /pipewright/artifacts/BuildB/dist/b.txt",
                "test \"#{BVars.VERSION}\" = 1.2.3",
                "cp /pipewright/artifacts/BuildB/dist/b.txt dist/",
                "echo $PIPEWRIGHT_STAGE/$PIPEWRIGHT_ACTION > dist/who.txt",
            ],
            "          outputArtifacts: [{name: Tested, files: [\"dist/**\"]}]\n"
        )
        .replace("category: Build", "category: Test"),
        env.deploy().display()
    )
}

fn statuses(detail: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for stage in detail["stageStates"].as_array().unwrap() {
        for action in stage["actionStates"].as_array().unwrap() {
            let status = action["latestExecution"]["status"]
                .as_str()
                .unwrap_or("Not started")
                .to_string();
            out.push((
                format!(
                    "{}/{}",
                    stage["stageName"].as_str().unwrap(),
                    action["actionName"].as_str().unwrap()
                ),
                status,
            ));
        }
    }
    out
}

#[test]
fn source_build_test_deploy_succeeds() {
    let env = Env::new("full");
    env.import(&full_pipeline(&env, false));
    let o = env.cli(&["run", &env.name, "--wait", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let run = json(&o);
    assert_eq!(run["status"], "Succeeded");
    let id = run["pipelineExecutionId"].as_str().unwrap().to_string();

    assert_eq!(
        std::fs::read_to_string(env.deploy().join("dist/a.txt")).unwrap(),
        "hello\n"
    );
    assert_eq!(
        std::fs::read_to_string(env.deploy().join("dist/b.txt")).unwrap(),
        "b\n"
    );
    assert_eq!(
        std::fs::read_to_string(env.deploy().join("dist/who.txt")).unwrap(),
        "Test/Check\n"
    );

    let o = env.cli(&["execution", &id, "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let detail = json(&o);
    assert_eq!(detail["pipelineExecution"]["status"], "Succeeded");
    let all = statuses(&detail);
    assert_eq!(all.len(), 5);
    assert!(all.iter().all(|(_, s)| s == "Succeeded"), "{all:?}");

    let o = env.cli(&["executions", &env.name, "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let list = json(&o);
    let summaries = list["pipelineExecutionSummaries"].as_array().unwrap();
    assert_eq!(summaries.len(), 1);
    assert_eq!(summaries[0]["pipelineExecutionId"], id.as_str());
    assert_eq!(
        summaries[0]["trigger"]["triggerType"],
        "StartPipelineExecution"
    );

    let o = env.cli(&["logs", &id, "--action", "Build/A"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(text(&o.stdout).contains("built A"), "{}", text(&o.stdout));

    // The work folders are cleaned up.
    let work = env.data().join("work");
    assert!(!work.exists() || std::fs::read_dir(&work).unwrap().next().is_none());
    env.assert_no_containers();
}

#[test]
fn failing_command_fails_the_execution() {
    let env = Env::new("fail");
    env.import(&full_pipeline(&env, true));
    let o = env.cli(&["run", &env.name, "--wait", "--json"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let run = json(&o);
    assert_eq!(run["status"], "Failed");
    let id = run["pipelineExecutionId"].as_str().unwrap();
    let detail = json(&env.cli(&["execution", id, "--json"]));
    let all: std::collections::BTreeMap<_, _> = statuses(&detail).into_iter().collect();
    assert_eq!(all["Build/B"], "Failed");
    assert_eq!(all["Build/A"], "Succeeded");
    assert_eq!(all["Test/Check"], "Not started");
    assert_eq!(all["Deploy/Out"], "Not started");
    let stages = detail["stageStates"].as_array().unwrap();
    assert!(
        stages[2].get("latestExecution").is_none(),
        "Test was entered"
    );
    let b = &stages[1]["actionStates"][1]["latestExecution"];
    assert_eq!(b["errorDetails"]["message"], "exit status 7", "{b}");
    assert!(!env.deploy().exists());
    env.assert_no_containers();
}

#[test]
fn missing_image_names_the_image() {
    let env = Env::new("noimage");
    let yaml = format!(
        "{}    - name: Build\n      actions:\n{}",
        header(&env),
        container_action("A", &["SourceOut"], &["true"], "")
    )
    .replace(IMAGE, "pipewright/does-not-exist:never");
    env.import(&yaml);
    let o = env.cli(&["run", &env.name, "--wait"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let id = text(&o.stdout)
        .split_whitespace()
        .nth(1)
        .unwrap()
        .trim_end_matches(':')
        .to_string();
    let detail = json(&env.cli(&["execution", &id, "--json"]));
    let summary = detail["stageStates"][1]["actionStates"][0]["latestExecution"]["errorDetails"]
        ["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        summary.contains("pipewright/does-not-exist:never"),
        "{summary}"
    );
    env.assert_no_containers();
}

#[test]
fn docker_unreachable_exits_3() {
    let env = Env::new("nodocker");
    env.import(&full_pipeline(&env, false));
    let o = env.cli_env(
        &["run", &env.name, "--wait"],
        &[("DOCKER_HOST", "unix:///tmp/nope.sock")],
    );
    assert_eq!(o.status.code(), Some(3), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(err.starts_with("error[E_DOCKER_UNREACHABLE]: "), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

#[test]
fn invalid_version_is_refused() {
    let env = Env::new("invalid");
    let yaml = format!(
        "{}    - name: Build\n      actions:\n{}",
        header(&env),
        container_action("A", &["Missing"], &["true"], "")
    );
    let file = env.tmp.path().join("bad.yaml");
    std::fs::write(&file, yaml).unwrap();
    let o = env.cli(&["import", file.to_str().unwrap(), "--draft"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = env.cli(&["run", &env.name, "--wait"]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(err.contains("error[E_INVALID_PIPELINE]"), "{err}");
    assert!(err.lines().count() >= 2, "diagnostics expected: {err}");
}

#[test]
fn run_without_wait_hands_off_to_a_worker() {
    let env = Env::new("detached");
    env.import(&full_pipeline(&env, false));
    let o = env.cli(&["run", &env.name, "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let id = json(&o)["pipelineExecutionId"]
        .as_str()
        .unwrap()
        .to_string();
    let started = Instant::now();
    loop {
        let detail = json(&env.cli(&["execution", &id, "--json"]));
        let status = detail["pipelineExecution"]["status"]
            .as_str()
            .unwrap()
            .to_string();
        if status != "InProgress" {
            assert_eq!(status, "Succeeded", "{detail}");
            break;
        }
        assert!(started.elapsed().as_secs() < 60, "worker did not finish");
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    assert!(env.deploy().join("dist/a.txt").exists());
    env.assert_no_containers();
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// Whole CLI `run --wait` of a one-action pipeline vs `docker run --rm`: run with
/// `cargo test -p pipewright-cli --test run_pipeline -- --ignored --nocapture`.
#[test]
#[ignore]
fn bench_one_action_overhead() {
    let env = Env::new("bench");
    let yaml = format!(
        "{}    - name: Build\n      actions:\n{}",
        header(&env),
        container_action("A", &["SourceOut"], &["true"], "")
    );
    env.import(&yaml);
    let time = |f: &dyn Fn()| {
        let t = Instant::now();
        f();
        t.elapsed().as_secs_f64() * 1000.0
    };
    let mut ours = Vec::new();
    let mut docker = Vec::new();
    for _ in 0..5 {
        ours.push(time(&|| {
            let o = env.cli(&["run", &env.name, "--wait", "--json"]);
            assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        }));
        docker.push(time(&|| {
            let o = Command::new("docker")
                .args(["run", "--rm", "--network", "none", IMAGE, "true"])
                .output()
                .unwrap();
            assert!(o.status.success());
        }));
    }
    let (o, d) = (median(ours), median(docker));
    println!(
        "one-action pipeline (whole CLI, run --wait): {o:.0} ms; docker run --rm: {d:.0} ms; ratio {:.2}",
        o / d
    );
    env.assert_no_containers();
}

/// Run as an ordinary user (uid/gid 65534, in the Docker socket's group), files written in
/// containers stay the user's: the deployed files are theirs and nothing is left in the data
/// folder that they cannot remove. Needs root to switch users; skipped otherwise.
#[test]
fn files_stay_the_invoking_user_s() {
    use std::os::unix::fs::MetadataExt;
    let me = std::fs::metadata("/proc/self")
        .map(|m| m.uid())
        .unwrap_or(1);
    let socket = std::fs::metadata("/var/run/docker.sock");
    let (true, Ok(socket)) = (me == 0, socket) else {
        eprintln!("skipped: needs root and /var/run/docker.sock");
        return;
    };
    if Command::new("setpriv").arg("--version").output().is_err() {
        eprintln!("skipped: no setpriv");
        return;
    }
    let env = Env::new("user");
    let (uid, gid) = (65534u32, 65534u32);
    env.import(&full_pipeline(&env, false));
    let chown = Command::new("chown")
        .args(["-R", &format!("{uid}:{gid}")])
        .arg(env.tmp.path())
        .status()
        .unwrap();
    assert!(chown.success());
    let o = Command::new("setpriv")
        .arg(format!("--reuid={uid}"))
        .arg(format!("--regid={gid}"))
        .arg(format!("--groups={}", socket.gid()))
        .arg("--")
        .arg(BIN)
        .arg("--data-dir")
        .arg(env.data())
        .args(["run", &env.name, "--wait", "--json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let mut stack = vec![env.tmp.path().to_path_buf()];
    while let Some(p) = stack.pop() {
        let m = std::fs::symlink_metadata(&p).unwrap();
        assert_eq!((m.uid(), m.gid()), (uid, gid), "{}", p.display());
        if m.is_dir() {
            for e in std::fs::read_dir(&p).unwrap() {
                stack.push(e.unwrap().path());
            }
        }
    }
    assert!(env.deploy().join("dist/b.txt").exists());
    env.assert_no_containers();
}

/// A user outside the Docker socket's group gets exit 3 and an error that says how to fix it.
/// Needs root to switch users; skipped otherwise.
#[test]
fn docker_permission_denied_exits_3() {
    use std::os::unix::fs::MetadataExt;
    let me = std::fs::metadata("/proc/self")
        .map(|m| m.uid())
        .unwrap_or(1);
    if me != 0 || Command::new("setpriv").arg("--version").output().is_err() {
        eprintln!("skipped: needs root and setpriv");
        return;
    }
    let env = Env::new("perm");
    env.import(&full_pipeline(&env, false));
    let chown = Command::new("chown")
        .args(["-R", "65534:65534"])
        .arg(env.tmp.path())
        .status()
        .unwrap();
    assert!(chown.success());
    let o = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(BIN)
        .arg("--data-dir")
        .arg(env.data())
        .args(["run", &env.name, "--wait"])
        .env("DOCKER_HOST", "unix:///var/run/docker.sock")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(err.starts_with("error[E_DOCKER_PERMISSION]: "), "{err}");
}

#[test]
fn cpu_and_memory_limits_reach_the_container() {
    let env = Env::new("limits");
    let read = "for f in /sys/fs/cgroup/memory.max /sys/fs/cgroup/memory/memory.limit_in_bytes \
                /sys/fs/cgroup/cpu.max /sys/fs/cgroup/cpu/cpu.cfs_quota_us; do \
                [ -r $f ] && echo \"$f=$(cat $f)\"; done; true";
    let yaml = format!(
        "{}    - name: Build\n      actions:\n{}",
        header(&env),
        container_action(
            "Limited",
            &["SourceOut"],
            &[read],
            "          pipewright: {cpus: 0.5, memory: 64m}\n"
        )
    );
    env.import(&yaml);
    let o = env.cli(&["run", &env.name, "--wait", "--json"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let id = json(&o)["pipelineExecutionId"]
        .as_str()
        .unwrap()
        .to_string();
    let log = text(&env.cli(&["logs", &id, "--action", "Build/Limited"]).stdout);
    assert!(log.contains("=67108864"), "64m as bytes: {log}");
    assert!(
        log.contains("=50000"),
        "half a CPU (50000 of 100000 µs): {log}"
    );
    env.assert_no_containers();

    // A limit Docker would refuse is a validation error: nothing runs.
    let bad = yaml.replace("memory: 64m", "memory: 1k");
    let file = env.tmp.path().join("bad.yaml");
    std::fs::write(&file, bad).unwrap();
    let o = env.cli(&["validate", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stdout).contains("E_LOCAL_LIMIT"),
        "{}",
        text(&o.stdout)
    );
}

#[test]
fn a_deploy_folder_per_environment_from_a_pipeline_variable() {
    let env = Env::new("envdeploy");
    let target = format!("{}/#{{variables.environment}}", env.deploy().display());
    let stages = format!(
        "    - name: Deploy
      actions:
        - name: Out
          actionTypeId: {{category: Deploy, owner: Custom, provider: Directory, version: \"1\"}}
          configuration: {{TargetPath: \"{target}\"}}
          inputArtifacts: [{{name: SourceOut}}]
"
    );
    let yaml = pipeline_yaml(&env.name, &env.src(), &stages).replace(
        "  stages:\n",
        "  pipelineType: V2\n  variables: [{name: environment, defaultValue: dev}]\n  stages:\n",
    );
    env.import(&yaml);
    for (args, folder) in [
        (vec!["run", &env.name, "--wait"], "dev"),
        (
            vec!["run", &env.name, "--var", "environment=qa", "--wait"],
            "qa",
        ),
    ] {
        let o = env.cli(&args);
        assert!(o.status.success(), "{}", text(&o.stderr));
        assert_eq!(
            std::fs::read_to_string(env.deploy().join(folder).join("input.txt")).unwrap(),
            "hello\n"
        );
    }
    env.assert_no_containers();
}
