//! Failure paths of `pipewright run --wait` on the real Docker daemon (local image
//! `pipewright/busybox:local`, `images.pull=never`): a flood of output, and a data folder
//! whose disk fills up during the run.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;
use support::*;

struct Env {
    tmp: tempfile::TempDir,
    data: PathBuf,
    name: String,
}

impl Env {
    fn new(prefix: &str) -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        Self::with_data(prefix, tmp, data)
    }
    fn with_data(prefix: &str, tmp: tempfile::TempDir, data: PathBuf) -> Self {
        let env = Env {
            name: unique_name(prefix, tmp.path()),
            tmp,
            data,
        };
        prepare(&env.data, &env.src());
        env
    }
    fn src(&self) -> PathBuf {
        self.tmp.path().join("src")
    }
    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.arg("--data-dir").arg(&self.data).args(args);
        cmd
    }
    fn cli(&self, args: &[&str]) -> Output {
        cli(&self.data, args)
    }
    /// Import a pipeline of this test's name: a Directory source, then one Build stage with
    /// one Container action `A` running `commands`.
    fn import_one_action(&self, name: &str, commands: &[&str], extra: &str) {
        let stages = format!(
            "    - name: Build\n      actions:\n{}",
            container_action("A", &["SourceOut"], commands, extra)
        );
        import_yaml(&self.data, &pipeline_yaml(name, &self.src(), &stages));
    }
    /// No container of pipeline `name` is left.
    fn assert_no_containers(&self, name: &str) {
        assert_no_containers(name);
    }
}

/// Run `cmd` to its end, polling the child's peak resident memory (VmHWM, which only grows,
/// so the last reading before exit is the peak). Returns the output and the peak in KiB.
fn output_with_peak_rss(mut cmd: Command) -> (Output, u64) {
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status_file = format!("/proc/{}/status", child.id());
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let poller = {
        let done = done.clone();
        std::thread::spawn(move || {
            let mut peak = 0u64;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                if let Ok(s) = std::fs::read_to_string(&status_file) {
                    if let Some(kb) = s
                        .lines()
                        .find_map(|l| l.strip_prefix("VmHWM:"))
                        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
                    {
                        peak = peak.max(kb);
                    }
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            peak
        })
    };
    let out = child.wait_with_output().unwrap();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    (out, poller.join().unwrap())
}

/// A million lines from a real container reach the stored log whole (about 35 MB with the
/// prefixes, under the 50 MiB cap), the run succeeds, and the CLI's memory stays bounded:
/// output is streamed to the file, never held.
#[test]
fn a_million_lines_are_stored_whole_with_bounded_memory() {
    let env = Env::new("flood");
    env.import_one_action(&env.name, &["seq 1000000"], "");
    let (o, peak_kib) = output_with_peak_rss(env.command(&["run", &env.name, "--wait", "--json"]));
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(json(&o)["status"], "Succeeded");
    let id = execution_id(&o);

    let detail = json(&env.cli(&["execution", &id, "--json"]));
    assert_eq!(detail["pipelineExecution"]["status"], "Succeeded");

    let o = env.cli(&["logs", &id, "--action", "Build/A"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let log = text(&o.stdout);
    assert!(
        !log.contains("[log truncated"),
        "1M short lines fit under the cap"
    );
    let mut expected = 1u64;
    for line in log.lines() {
        if let Some(value) = line.split_once(" stdout ").map(|(_, v)| v) {
            assert_eq!(value, expected.to_string(), "lines lost or out of order");
            expected += 1;
        }
    }
    assert_eq!(expected - 1, 1_000_000, "stored stdout lines");
    assert!(
        peak_kib > 0 && peak_kib < 200 * 1024,
        "peak memory of the CLI: {peak_kib} KiB"
    );
    eprintln!("peak memory of `run --wait`: {} MiB", peak_kib / 1024);
    env.assert_no_containers(&env.name);
}

/// A tmpfs mounted for the test, unmounted (lazily if busy) when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Option<Self> {
        std::fs::create_dir_all(dir).unwrap();
        let o = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .output()
            .ok()?;
        if !o.status.success() {
            eprintln!("cannot mount a tmpfs: {}", text(&o.stderr));
            return None;
        }
        Some(Tmpfs(dir.to_path_buf()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let ok = Command::new("umount")
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            let _ = Command::new("umount").arg("-l").arg(&self.0).status();
        }
    }
}

/// Run pipeline `name` (one action writing `mb` MB into its output artifact) on a full-to-be
/// data folder: exit 1, a Failed execution and action, nothing left running. Returns the
/// action's error message and its log.
fn run_filling_the_disk(env: &Env, name: &str, mb: u32) -> (String, String) {
    env.import_one_action(
        name,
        &[&format!("dd if=/dev/zero of=big bs=1M count={mb}")],
        "          outputArtifacts: [{name: Big, files: [\"**/*\"]}]\n",
    );
    let o = env.cli(&["run", name, "--wait", "--json"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert_eq!(json(&o)["status"], "Failed");
    let id = execution_id(&o);

    let o = env.cli(&["execution", &id, "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let detail = json(&o);
    assert_eq!(detail["pipelineExecution"]["status"], "Failed", "{detail}");
    let action = &detail["stageStates"][1]["actionStates"][0]["latestExecution"];
    assert_eq!(action["status"], "Failed", "{action}");
    let message = action["errorDetails"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let o = env.cli(&["logs", &id, "--action", "Build/A"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    env.assert_no_containers(name);
    (message, text(&o.stdout))
}

/// The data folder is a 16 MiB tmpfs and an action writes into its output artifact more than
/// fits: the run ends with exit 1 and a Failed execution whose failed action says the disk is
/// full. With 40 MB the container's own write may hit ENOSPC first (its working folder is in
/// the data folder): then the action fails on its exit status and its log says why. With
/// 10 MB the write fits and copying it into the artifact store fails: E_DISK_FULL's message.
/// Nothing is left running, and the data folder works again afterwards.
#[test]
fn a_full_disk_fails_the_action_clearly() {
    use std::os::unix::fs::MetadataExt;
    // The test command runs as root (it installs packages); mounting needs it.
    assert_eq!(
        std::fs::metadata("/proc/self").map_or(1, |m| m.uid()),
        0,
        "this test mounts a tmpfs and needs root, as scripts/test.sh runs"
    );
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let mount = Tmpfs::mount(&data, "16m").expect("mount a 16 MiB tmpfs");
    let env = Env::with_data("diskfull", tmp, data);
    // Declared after `env`, so dropped (unmounted) before its tempdir is removed.
    let _unmount_first = mount;
    let disk_full = |s: &str| {
        let s = s.to_lowercase();
        s.contains("no space left") || s.contains("disk") && s.contains("full")
    };

    let (message, log) = run_filling_the_disk(&env, &env.name, 40);
    if message.starts_with("exit status") {
        assert!(disk_full(&log), "message {message:?}, log:\n{log}");
    } else {
        assert!(disk_full(&message), "{message:?}");
    }

    let (message, log) = run_filling_the_disk(&env, &format!("{}-10", env.name), 10);
    assert!(
        message.starts_with("the disk holding the data folder is full"),
        "{message:?}"
    );
    assert!(log.contains(&message), "the log ends with why: {log}");

    let o = env.cli(&["executions", &env.name, "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(
        json(&o)["pipelineExecutionSummaries"][0]["status"],
        "Failed"
    );

    // A disk that is already full before a run: a clear E_DISK_FULL (exit 3), not a vague
    // database error, and nothing half-written; freeing space is enough to go on.
    let filler = env.data.join("filler");
    let _ = Command::new("dd")
        .args(["if=/dev/zero", "bs=1M", "count=64"])
        .arg(format!("of={}", filler.display()))
        .output()
        .unwrap();
    let o = env.cli(&["run", &env.name, "--wait", "--json"]);
    assert_eq!(o.status.code(), Some(3), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("E_DISK_FULL"),
        "{}",
        text(&o.stderr)
    );
    std::fs::remove_file(&filler).unwrap();

    // The failed runs' work folders are gone, so there is space again: a small pipeline runs
    // on the same data folder.
    let small = format!("{}-small", env.name);
    env.import_one_action(&small, &["echo ok > ok.txt"], "");
    let o = env.cli(&["run", &small, "--wait", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(json(&o)["status"], "Succeeded");
    env.assert_no_containers(&small);
}
