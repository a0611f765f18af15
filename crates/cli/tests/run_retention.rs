//! Retention on the real daemon: the automatic pass after a run, and `pipewright gc` keeping
//! the newest `artifacts.keepExecutions` executions' artifacts (and the deployed revision) while
//! removing older ones and the lock files of ended executions.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use support::*;

fn files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default()
}

/// Make every file under `dir` two hours old, past the pass's grace period.
fn age(dir: &Path) {
    let o = Command::new("find")
        .arg(dir)
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
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
}

#[test]
fn old_executions_artifacts_and_lock_files_are_collected_the_newest_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, src) = (tmp.path().join("data"), tmp.path().join("src"));
    std::fs::create_dir_all(&src).unwrap();
    let name = unique_name("retention", tmp.path());
    let stages = format!(
        "    - name: Build\n      actions:\n{}",
        container_action(
            "Copy",
            &["SourceOut"],
            &["cp input.txt built.txt"],
            "          outputArtifacts: [{name: B, files: [\"built.txt\"]}]\n"
        )
    );
    let yaml = pipeline_yaml(&name, &src, &stages);
    let file = tmp.path().join("p.yaml");
    std::fs::write(&file, yaml).unwrap();
    for args in [
        vec!["config", "set", "images.pull", "never"],
        vec!["config", "set", "artifacts.keepExecutions", "1"],
        vec!["import", file.to_str().unwrap()],
    ] {
        let o = cli(&data, &args);
        assert!(o.status.success(), "{args:?}: {}", text(&o.stderr));
    }

    // Three runs over three different sources: six revisions (source + build each).
    for i in 0..3 {
        std::fs::write(src.join("input.txt"), format!("run {i}\n")).unwrap();
        let o = cli(&data, &["run", &name, "--wait"]);
        assert!(o.status.success(), "{}", text(&o.stderr));
    }
    let manifests = data.join("artifacts").join("manifests");
    assert_eq!(files(&manifests).len(), 6, "{:?}", files(&manifests));
    // The automatic pass ran after the first run (and is not due again for an hour): it
    // removed that run's lock file; the revisions were too young for it to remove.
    assert!(data.join("artifacts").join("gc.last").is_file());
    assert_eq!(
        files(&data.join("locks")).len(),
        2,
        "{:?}",
        files(&data.join("locks"))
    );

    age(&data.join("artifacts"));
    let o = cli(&data, &["gc"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let said = text(&o.stdout);
    assert!(
        said.starts_with("removed 4 revisions"),
        "two older executions' revisions go: {said}"
    );
    assert!(said.contains("2 lock files"), "{said}");
    assert_eq!(files(&manifests).len(), 2);
    assert!(files(&data.join("locks")).is_empty());

    // What is kept is what the newest execution recorded: its build output is still readable.
    let o = cli(&data, &["executions", &name, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["pipelineExecutionSummaries"].as_array().unwrap().len(), 3);
    // A new run after gc works on the same store (unchanged files are stored again as needed).
    let o = cli(&data, &["run", &name, "--wait"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
}
