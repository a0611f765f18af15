//! Engine benchmarks through the whole CLI (`run --wait`), each beside a baseline measured in
//! the same run, printing both medians and the ratio. Ignored by default: run with
//! `cargo test -p pipewright-cli --test run_bench -- --ignored --nocapture` (scripts/bench.sh
//! sections 7-9). Needs Docker and the local image `pipewright/busybox:local`.

mod support;

use std::process::{Command, Output};
use std::time::Instant;
use support::*;

const RUNS: usize = 5;

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
        prepare(&env.tmp.path().join("data"), &env.tmp.path().join("src"));
        // The file the chained stages append to (one line to start with).
        std::fs::write(env.tmp.path().join("src/f"), "source\n").unwrap();
        env
    }
    fn cli(&self, args: &[&str]) -> Output {
        cli(&self.tmp.path().join("data"), args)
    }
    /// Import pipeline `name`: a Directory source, then `stages` (YAML of the stages after it).
    fn import(&self, name: &str, stages: &str) {
        let yaml = pipeline_yaml(name, &self.tmp.path().join("src"), stages);
        import_yaml(&self.tmp.path().join("data"), &yaml);
    }
    /// `run NAME --wait --json`, asserting success; returns the execution id.
    fn run_ok(&self, name: &str) -> String {
        let o = self.cli(&["run", name, "--wait", "--json"]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        execution_id(&o)
    }
}

/// A Container action (YAML list item at the depth of a stage's `actions`).
fn action(name: &str, input: &str, commands: &[&str], output: Option<&str>) -> String {
    let commands: Vec<String> = commands
        .iter()
        .map(|c| serde_json::to_string(c).unwrap())
        .collect();
    let output = output.map_or(String::new(), |o| {
        format!("          outputArtifacts: [{{name: {o}, files: [f]}}]\n")
    });
    format!(
        "        - name: {name}
          actionTypeId: {{category: Build, owner: Custom, provider: Container, version: \"1\"}}
          configuration: {{Image: \"{IMAGE}\"}}
          inputArtifacts: [{{name: {input}}}]
          commands: [{}]
{output}",
        commands.join(", ")
    )
}

fn docker(args: &[&str]) -> Output {
    let o = Command::new("docker").args(args).output().unwrap();
    assert!(o.status.success(), "docker {args:?}: {}", text(&o.stderr));
    o
}

fn ms(f: impl FnOnce()) -> f64 {
    let t = Instant::now();
    f();
    t.elapsed().as_secs_f64() * 1000.0
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn report(what: &str, ours: &str, o: f64, base: &str, b: f64, goal: f64) {
    let ratio = o / b;
    let verdict = if ratio <= goal { "met" } else { "NOT met" };
    let build = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    println!(
        "\n{what} [{build} CLI]: {ours} {o:.0} ms; {base} {b:.0} ms; ratio {ratio:.2} \
         (goal <= {goal:.2}: {verdict})"
    );
}

/// Figure 7: one stage of four Container actions with the same runOrder, each `sleep 1`, vs the
/// same pipeline with one such action: the whole CLI `run --wait`, medians of alternating runs.
#[test]
#[ignore]
fn bench_four_parallel_actions() {
    let env = Env::new("par");
    let sleeper = |n: usize| {
        let actions: String = (1..=n)
            .map(|i| action(&format!("S{i}"), "SourceOut", &["sleep 1"], None))
            .collect();
        format!("    - name: Build\n      actions:\n{actions}")
    };
    let (four, one) = (format!("{}-4", env.name), format!("{}-1", env.name));
    env.import(&four, &sleeper(4));
    env.import(&one, &sleeper(1));
    env.run_ok(&four); // warm-up: page cache, image layers
    let (mut ours, mut base) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        ours.push(ms(|| {
            env.run_ok(&four);
        }));
        base.push(ms(|| {
            env.run_ok(&one);
        }));
    }
    report(
        "7. four parallel 1 s actions (whole CLI, run --wait)",
        "four",
        median(ours),
        "one",
        median(base),
        1.15,
    );
    // For reference, what the daemon itself allows on this machine: four parallel
    // `docker run --rm ... sleep 1` vs one.
    let sleep = || docker(&["run", "--rm", "--network", "none", IMAGE, "sleep", "1"]);
    let (mut four, mut one) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        four.push(ms(|| {
            std::thread::scope(|s| {
                for _ in 0..4 {
                    s.spawn(sleep);
                }
            })
        }));
        one.push(ms(|| {
            sleep();
        }));
    }
    let (f, o) = (median(four), median(one));
    println!(
        "\n   reference: four parallel docker run --rm sleep 1 {f:.0} ms; one {o:.0} ms; ratio {:.2}",
        f / o
    );
}

/// Figure 8: Source → A → B → C, each Container action appending a line to `f` and handing it on as
/// its output artifact, vs three chained `docker run --rm` appending to a file in one named volume
/// (created before and removed after the three runs, outside the measured time).
#[test]
#[ignore]
fn bench_three_chained_stages() {
    let env = Env::new("chain");
    let stage = |name: &str, input: &str, extra: &[&str]| {
        let mut commands = vec!["echo x >> f"];
        commands.extend_from_slice(extra);
        format!(
            "    - name: {name}\n      actions:\n{}",
            action(name, input, &commands, Some(&format!("{name}Out")))
        )
    };
    let stages = stage("A", "SourceOut", &[])
        + &stage("B", "AOut", &[])
        + &stage("C", "BOut", &["test $(wc -l < f) -eq 4"]);
    env.import(&env.name, &stages);
    env.run_ok(&env.name); // warm-up
    let volume = format!("pipewright-bench-{}", env.name);
    let (mut ours, mut base) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        ours.push(ms(|| {
            env.run_ok(&env.name);
        }));
        docker(&["volume", "create", &volume]);
        base.push(ms(|| {
            for _ in 0..3 {
                docker(&[
                    "run",
                    "--rm",
                    "--network",
                    "none",
                    "-v",
                    &format!("{volume}:/w"),
                    IMAGE,
                    "sh",
                    "-c",
                    "echo x >> /w/f",
                ]);
            }
        }));
        docker(&["volume", "rm", &volume]);
    }
    report(
        "8. three chained stages appending to an artifact (whole CLI, run --wait)",
        "pipewright",
        median(ours),
        "3 chained docker run --rm on a named volume",
        median(base),
        1.0,
    );
}

/// Milliseconds since the epoch of an RFC 3339 UTC time as the CLI prints it
/// (`2026-11-25T11:48:50.720Z`).
fn epoch_ms(t: &str) -> f64 {
    let n = |r: std::ops::Range<usize>| t[r].parse::<i64>().unwrap();
    let (y, m, d) = (n(0..4), n(5..7), n(8..10));
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let days = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
    let secs: f64 = t[17..t.len() - 1].parse().unwrap();
    ((days * 86400 + n(11..13) * 3600 + n(14..16) * 60) as f64 + secs) * 1000.0
}

/// Figure 9: a million lines from one Container action (`seq 1000000`) into the stored log,
/// vs the same container's output read with `docker logs`. The fair comparison is the same
/// work: the engine creates and starts the container, follows its log to the end while it
/// runs, and removes it; the baseline does that with the docker CLI (`docker run -d`, then
/// `docker logs -f` to the end, output discarded, then `docker rm`). Reading the log only
/// after the container ended would serialize what the engine overlaps. Ours is the action's
/// time from the execution's timestamps (without the CLI's start-up and the source snapshot);
/// the whole `run --wait` is printed too. One run each (a run takes seconds); the stored log
/// is checked to hold all the lines.
#[test]
#[ignore]
fn bench_a_million_log_lines() {
    let env = Env::new("flood");
    env.import(
        &env.name,
        &format!(
            "    - name: Build\n      actions:\n{}",
            action("A", "SourceOut", &["seq 1000000"], None)
        ),
    );
    let mut id = String::new();
    let wall = ms(|| id = env.run_ok(&env.name));
    let detail = json(&env.cli(&["execution", &id, "--json"]));
    let a = &detail["stageStates"][1]["actionStates"][0]["latestExecution"];
    let ours = epoch_ms(a["lastStatusChange"].as_str().unwrap())
        - epoch_ms(a["startTime"].as_str().unwrap());
    let log = env.cli(&["logs", &id, "--action", "Build/A"]);
    let lines = text(&log.stdout)
        .lines()
        .filter(|l| l.contains(" stdout "))
        .count();
    assert_eq!(lines, 1_000_000, "stored stdout lines");

    let base = ms(|| {
        let o = docker(&["run", "-d", "--network", "none", IMAGE, "seq", "1000000"]);
        let container = text(&o.stdout).trim().to_string();
        let status = Command::new("docker")
            .args(["logs", "-f", &container])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
        docker(&["rm", &container]);
    });
    report(
        "9. 1,000,000 log lines to storage",
        &format!(
            "action (create, follow the log into the store, remove; whole run --wait {wall:.0} ms)"
        ),
        ours,
        "docker run -d + docker logs -f >/dev/null + docker rm",
        base,
        1.5,
    );
}
