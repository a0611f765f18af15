//! Retention on the real daemon: the automatic pass after a run, and `pipewright gc` keeping
//! the newest `artifacts.keepExecutions` executions' artifacts (and the deployed revision) while
//! removing older ones and the lock files of ended executions.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_pipewright");
const IMAGE: &str = "pipewright/busybox:local";

fn cli(data: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

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
    let name = format!(
        "retention-{}",
        tmp.path()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace(['.', '_'], "")
    );
    let yaml = format!(
        r#"pipeline:
  name: {name}
  stages:
    - name: Source
      actions:
        - name: Src
          actionTypeId: {{category: Source, owner: Custom, provider: Directory, version: "1"}}
          configuration: {{Path: {src}}}
          outputArtifacts: [{{name: S}}]
    - name: Build
      actions:
        - name: Copy
          actionTypeId: {{category: Build, owner: Custom, provider: Container, version: "1"}}
          configuration: {{Image: "{IMAGE}"}}
          inputArtifacts: [{{name: S}}]
          commands: ["cp input.txt built.txt"]
          outputArtifacts: [{{name: B, files: ["built.txt"]}}]
"#,
        src = src.display()
    );
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
