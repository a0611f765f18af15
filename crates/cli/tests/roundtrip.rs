//! Every CodePipeline definition among the core's fixtures survives `import` then
//! `export --format codepipeline` unchanged (compared as JSON values).

use serde_json::Value;
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_pipewright");

fn fixtures() -> Option<Vec<std::path::PathBuf>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/codepipeline");
    let entries = std::fs::read_dir(&dir).ok()?;
    let mut files: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    Some(files)
}

/// `version` is the store's to assign (a fresh import is version 1), so it is left out of the
/// comparison; everything else must come back as it went in.
fn without_version(mut pipeline: Value) -> Value {
    if let Some(obj) = pipeline.as_object_mut() {
        obj.remove("version");
    }
    pipeline
}

#[test]
fn codepipeline_fixtures_round_trip_through_the_cli() {
    let Some(files) = fixtures() else {
        eprintln!("skipped: crates/core/tests/fixtures/codepipeline does not exist yet");
        return;
    };
    assert!(
        !files.is_empty(),
        "no JSON fixtures in crates/core/tests/fixtures/codepipeline"
    );
    let mut failures = Vec::new();
    for file in &files {
        let data = tempfile::tempdir().unwrap();
        let input: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let expected = without_version(input["pipeline"].clone());
        let name = expected["name"].as_str().unwrap_or_default().to_string();

        let import = Command::new(BIN)
            .arg("--data-dir")
            .arg(data.path())
            .arg("import")
            .arg(file)
            .output()
            .unwrap();
        if !import.status.success() {
            failures.push(format!(
                "{}: import failed: {}",
                file.display(),
                String::from_utf8_lossy(&import.stderr)
            ));
            continue;
        }
        let export = Command::new(BIN)
            .arg("--data-dir")
            .arg(data.path())
            .args(["export", &name, "--format", "codepipeline"])
            .output()
            .unwrap();
        if !export.status.success() {
            failures.push(format!(
                "{}: export failed: {}",
                file.display(),
                String::from_utf8_lossy(&export.stderr)
            ));
            continue;
        }
        let exported: Value = match serde_json::from_slice(&export.stdout) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!("{}: export is not JSON: {e}", file.display()));
                continue;
            }
        };
        if exported.as_object().map(|o| o.len()) != Some(1) {
            failures.push(format!(
                "{}: export should be exactly {{\"pipeline\": …}}",
                file.display()
            ));
        }
        let got = without_version(exported["pipeline"].clone());
        if got != expected {
            failures.push(format!(
                "{}: differs after the round trip\n  expected: {expected}\n  got:      {got}",
                file.display()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
