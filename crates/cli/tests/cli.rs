//! The `pipewright` binary end to end, each test with its own temporary `--data-dir`.

use serde_json::{json, Value};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_pipewright");

/// A valid pipeline using local providers only.
const VALID: &str = r#"
pipeline:
  name: web
  stages:
    - name: Source
      actions:
        - name: Checkout
          actionTypeId: {category: Source, owner: Custom, provider: Directory, version: "1"}
          runOrder: 1
          configuration:
            Path: /tmp/pipewright-cli-test-src
          outputArtifacts:
            - name: SourceOutput
    - name: Build
      actions:
        - name: Compile
          actionTypeId: {category: Build, owner: Custom, provider: Container, version: "1"}
          runOrder: 1
          configuration:
            Image: pipewright/busybox:local
          commands:
            - echo build
          inputArtifacts:
            - name: SourceOutput
          outputArtifacts:
            - name: BuildOutput
        - name: Lint
          actionTypeId: {category: Test, owner: Custom, provider: Container, version: "1"}
          runOrder: 1
          configuration:
            Image: pipewright/busybox:local
          commands:
            - echo lint
          inputArtifacts:
            - name: SourceOutput
"#;

/// Parses, but is invalid: one stage, and an input artifact nobody produces.
const INVALID: &str = r#"
pipeline:
  name: broken
  stages:
    - name: Build
      actions:
        - name: Compile
          actionTypeId: {category: Build, owner: Custom, provider: Container, version: "1"}
          configuration:
            Image: pipewright/busybox:local
          commands: [echo hi]
          inputArtifacts:
            - name: Nowhere
"#;

struct Env {
    tmp: tempfile::TempDir,
}

impl Env {
    fn new() -> Self {
        Env {
            tmp: tempfile::tempdir().unwrap(),
        }
    }

    fn data(&self) -> PathBuf {
        self.tmp.path().join("data")
    }

    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.tmp.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    fn run(&self, args: &[&str]) -> Out {
        run_with(&self.data(), args, None)
    }

    fn run_stdin(&self, args: &[&str], stdin: &str) -> Out {
        run_with(&self.data(), args, Some(stdin))
    }

    fn import_valid(&self) -> Out {
        let file = self.file("web.yaml", VALID);
        let out = self.run(&["import", file.to_str().unwrap()]);
        out.ok();
        out
    }
}

#[derive(Debug)]
struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Out {
    fn ok(&self) -> &Self {
        assert_eq!(self.code, 0, "expected success: {self:#?}");
        self
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {self:#?}"))
    }

    /// Exit code `code` and exactly one `error[CODE]: message` line on stderr, the last one.
    fn fails(&self, code: i32, error_code: &str) -> &Self {
        assert_eq!(self.code, code, "exit code: {self:#?}");
        let error_lines: Vec<&str> = self
            .stderr
            .lines()
            .filter(|l| l.starts_with("error["))
            .collect();
        assert_eq!(error_lines.len(), 1, "one error line: {self:#?}");
        let line = error_lines[0];
        assert_eq!(
            self.stderr.lines().last(),
            Some(line),
            "the error line comes last: {self:#?}"
        );
        let prefix = format!("error[{error_code}]: ");
        assert!(
            line.starts_with(&prefix) && line.len() > prefix.len() + 10,
            "{line:?} should start with {prefix:?}"
        );
        assert!(
            !self.stderr.contains("panicked") && !self.stderr.contains("RUST_BACKTRACE"),
            "{self:#?}"
        );
        self
    }
}

fn run_with(data: &Path, args: &[&str], stdin: Option<&str>) -> Out {
    let mut cmd = Command::new(BIN);
    cmd.arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("PIPEWRIGHT_DATA_DIR");
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run pipewright");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    output(child.wait_with_output().unwrap())
}

fn output(o: Output) -> Out {
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8(o.stdout).unwrap(),
        stderr: String::from_utf8(o.stderr).unwrap(),
    }
}

// ---- usage and environment ---------------------------------------------------------------

#[test]
fn usage_errors_exit_2_with_one_error_line() {
    let env = Env::new();
    env.run(&[]).fails(2, "E_USAGE");
    env.run(&["frobnicate"]).fails(2, "E_USAGE");
    env.run(&["list", "--jsn"]).fails(2, "E_USAGE");
    env.run(&["validate"]).fails(2, "E_USAGE");
    env.run(&["export", "x", "--format", "xml"])
        .fails(2, "E_USAGE");
    env.run(&["export", "x", "--version", "0"])
        .fails(2, "E_USAGE");
    env.run(&["import", "f.yaml", "--name", " "])
        .fails(2, "E_USAGE");
    env.run(&["config", "set", "images.pul", "never"])
        .fails(2, "E_SETTING_UNKNOWN");
    env.run(&["config", "set", "images.pull", "sometimes"])
        .fails(2, "E_SETTING_VALUE");
    env.run(&["config", "get", "nope"])
        .fails(2, "E_SETTING_UNKNOWN");
}

#[test]
fn help_and_version_exit_0() {
    let env = Env::new();
    let out = env.run(&["--help"]);
    out.ok();
    assert!(out.stdout.contains("import"));
    let out = env.run(&["--version"]);
    out.ok();
    assert!(out.stdout.starts_with("pipewright "));
}

#[test]
fn a_data_folder_below_a_file_exits_3() {
    let env = Env::new();
    let file = env.file("plain-file", "x");
    let below = file.join("data");
    let out = run_with(&below, &["list"], None);
    out.fails(3, "E_DATA_DIR");
    assert!(
        out.stderr.contains("--data-dir"),
        "the fix is named: {out:#?}"
    );
    run_with(&file, &["config", "list"], None).fails(3, "E_DATA_DIR");
}

#[test]
fn a_database_from_a_newer_pipewright_exits_3() {
    let env = Env::new();
    env.run(&["list"]).ok();
    let conn = rusqlite::Connection::open(env.data().join("pipewright.db")).unwrap();
    conn.pragma_update(None, "user_version", 999).unwrap();
    drop(conn);
    let out = env.run(&["list", "--json"]);
    out.fails(3, "E_DB_NEWER");
    assert!(
        out.stderr.contains("newer Pipewright (schema 999"),
        "{out:#?}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_database_locked_by_another_writer_exits_3() {
    let env = Env::new();
    env.run(&["list"]).ok();
    let conn = rusqlite::Connection::open(env.data().join("pipewright.db")).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    // Waits out the 5 s busy timeout, then gives up.
    env.run(&["config", "set", "images.pull", "never"])
        .fails(3, "E_DB_LOCKED");
    conn.execute_batch("COMMIT").unwrap();
    env.run(&["config", "set", "images.pull", "never"]).ok();
}

#[test]
fn the_data_folder_comes_from_the_environment_when_no_flag_is_given() {
    let env = Env::new();
    let from_env = env.tmp.path().join("from-env");
    let out = Command::new(BIN)
        .args(["config", "set", "images.pull", "always"])
        .env("PIPEWRIGHT_DATA_DIR", &from_env)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(from_env.join("pipewright.db").is_file());
    // The flag wins over the environment.
    let flag = env.tmp.path().join("flag");
    let out = Command::new(BIN)
        .arg("--data-dir")
        .arg(&flag)
        .args(["config", "get", "images.pull"])
        .env("PIPEWRIGHT_DATA_DIR", &from_env)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "missing");
    assert!(flag.join("pipewright.db").is_file());
}

// ---- config --------------------------------------------------------------------------------

#[test]
fn config_get_set_list() {
    let env = Env::new();
    assert_eq!(
        env.run(&["config", "get", "images.pull"]).stdout.trim(),
        "missing"
    );
    let out = env.run(&["config", "set", "images.pull", "never"]);
    out.ok();
    assert_eq!(out.stdout.trim(), "images.pull = never");
    assert_eq!(
        env.run(&["config", "get", "images.pull"]).stdout.trim(),
        "never"
    );
    env.run(&["config", "set", "artifacts.keepExecutions", "0"])
        .fails(2, "E_SETTING_VALUE");
    let list = env.run(&["config", "list", "--json"]).json();
    let settings = list["settings"].as_array().unwrap();
    let keys: Vec<&str> = settings
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys[..3],
        ["images.pull", "images.default", "artifacts.keepExecutions"]
    );
    assert!(keys.contains(&"notifications.enabled"), "{keys:?}");
    assert_eq!(
        settings[0],
        json!({"key": "images.pull", "value": "never", "default": "missing", "description": settings[0]["description"]})
    );
    let human = env.run(&["config", "list"]);
    human.ok();
    assert!(human
        .stdout
        .lines()
        .any(|l| l.starts_with("images.pull") && l.contains("never")));
}

// ---- list / show / export / delete without pipelines ---------------------------------------

#[test]
fn empty_list_and_missing_pipelines() {
    let env = Env::new();
    assert_eq!(
        env.run(&["list", "--json"]).json(),
        json!({"pipelines": []})
    );
    env.run(&["list"]).ok();
    env.run(&["show", "nope"]).fails(1, "E_NOT_FOUND");
    env.run(&["export", "nope"]).fails(1, "E_NOT_FOUND");
    env.run(&["delete", "nope"]).fails(1, "E_NOT_FOUND");
}

// ---- validate ------------------------------------------------------------------------------

#[test]
fn validate_reports_valid_and_invalid_files() {
    let env = Env::new();
    let good = env.file("good.yaml", VALID);
    let out = env.run(&["validate", good.to_str().unwrap(), "--json"]);
    out.ok();
    let v = out.json();
    assert_eq!(v["valid"], json!(true), "{out:#?}");
    assert!(v["diagnostics"].is_array());

    let bad = env.file("bad.yaml", INVALID);
    let out = env.run(&["validate", bad.to_str().unwrap(), "--json"]);
    assert_eq!(out.code, 1, "{out:#?}");
    let v = out.json();
    assert_eq!(v["valid"], json!(false));
    let diagnostics = v["diagnostics"].as_array().unwrap();
    assert!(!diagnostics.is_empty());
    for d in diagnostics {
        let keys: Vec<&String> = d.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["code", "severity", "path", "message"]);
    }
    assert!(diagnostics.iter().any(|d| d["severity"] == "error"));

    let out = env.run(&["validate", bad.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    let last = out.stdout.lines().last().unwrap();
    assert!(last.contains("invalid"), "{out:#?}");
    assert!(
        out.stdout
            .lines()
            .any(|l| l.starts_with("error[E_") && l.contains(" /")),
        "{out:#?}"
    );

    let out = env.run(&["validate", good.to_str().unwrap()]);
    out.ok();
    assert!(
        out.stdout.lines().last().unwrap().ends_with(": valid") || out.stdout.contains(": valid ("),
        "{out:#?}"
    );
    // validate saves nothing and needs no data folder.
    assert!(!env.data().exists());
}

#[test]
fn validate_malformed_input_gives_diagnostics_not_a_crash() {
    let env = Env::new();
    for (name, text) in [
        ("a.yaml", "pipeline: [unclosed"),
        ("b.json", "{\"pipeline\": 3}"),
        ("c.yaml", ""),
    ] {
        let f = env.file(name, text);
        let out = env.run(&["validate", f.to_str().unwrap(), "--json"]);
        assert_eq!(out.code, 1, "{name}: {out:#?}");
        assert_eq!(out.json()["valid"], json!(false));
    }
    let f = env.tmp.path().join("bytes.yaml");
    std::fs::write(&f, [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let out = env.run(&["validate", f.to_str().unwrap(), "--json"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.json()["diagnostics"][0]["code"],
        json!("E_INVALID_UTF8")
    );
    env.run(&[
        "validate",
        env.tmp.path().join("missing.yaml").to_str().unwrap(),
    ])
    .fails(1, "E_READ_FILE");
}

// ---- import / export / list / show / delete --------------------------------------------------

#[test]
fn import_saves_versions_and_list_shows_the_latest() {
    let env = Env::new();
    let out = env.import_valid();
    assert_eq!(out.stdout.trim(), "imported web version 1");
    let out = env.import_valid();
    assert_eq!(out.stdout.trim(), "imported web version 2");

    let list = env.run(&["list", "--json"]).json();
    let pipelines = list["pipelines"].as_array().unwrap();
    assert_eq!(pipelines.len(), 1);
    let p = &pipelines[0];
    let keys: Vec<&String> = p.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "name",
            "version",
            "pipelineType",
            "executionMode",
            "created",
            "updated"
        ]
    );
    assert_eq!(
        (p["name"].clone(), p["version"].clone()),
        (json!("web"), json!(2))
    );
    assert_eq!(
        (p["pipelineType"].clone(), p["executionMode"].clone()),
        (json!("V1"), json!("SUPERSEDED"))
    );
    for t in [&p["created"], &p["updated"]] {
        let t = t.as_str().unwrap();
        assert!(
            t.len() >= 20 && t.ends_with('Z') && t.as_bytes()[10] == b'T',
            "RFC 3339 UTC: {t}"
        );
    }
    let human = env.run(&["list"]);
    human.ok();
    assert!(human.stdout.lines().next().unwrap().starts_with("NAME"));
    assert!(
        human
            .stdout
            .lines()
            .any(|l| l.starts_with("web ") && l.contains(" 2 ")),
        "{human:#?}"
    );
}

#[test]
fn import_with_a_name_and_from_stdin() {
    let env = Env::new();
    let out = env.run_stdin(&["import", "-", "--name", "from-stdin"], VALID);
    out.ok();
    assert_eq!(out.stdout.trim(), "imported from-stdin version 1");
    let exported = env.run(&["export", "from-stdin", "--format", "json"]);
    exported.ok();
    let v: Value = serde_json::from_str(&exported.stdout).unwrap();
    assert_eq!(v["pipeline"]["name"], json!("from-stdin"));
    assert_eq!(v["pipeline"]["version"], json!(1));
}

#[test]
fn an_invalid_file_saves_nothing_unless_draft() {
    let env = Env::new();
    let bad = env.file("bad.yaml", INVALID);
    let out = env.run(&["import", bad.to_str().unwrap()]);
    out.fails(1, "E_INVALID_PIPELINE");
    assert!(out.stderr.contains("--draft"), "the fix is named: {out:#?}");
    assert!(
        out.stderr
            .lines()
            .any(|l| l.trim_start().starts_with("error[E_") && l.starts_with("  ")),
        "diagnostics: {out:#?}"
    );
    assert!(out.stdout.is_empty());
    assert_eq!(
        env.run(&["list", "--json"]).json(),
        json!({"pipelines": []})
    );

    let out = env.run(&["import", bad.to_str().unwrap(), "--draft"]);
    out.ok();
    assert_eq!(out.stdout.trim(), "imported broken version 1");
    assert!(out.stderr.contains("draft"), "{out:#?}");
    let list = env.run(&["list", "--json"]).json();
    assert_eq!(list["pipelines"][0]["name"], json!("broken"));

    // A draft still exports as YAML or JSON, but never for CodePipeline.
    env.run(&["export", "broken", "--format", "yaml"]).ok();
    let out = env.run(&["export", "broken", "--format", "codepipeline"]);
    out.fails(1, "E_INVALID_PIPELINE");
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr
            .lines()
            .filter(|l| l.starts_with("  error[E_"))
            .count()
            >= 1,
        "its diagnostics: {out:#?}"
    );

    // Text that is not a pipeline at all saves nothing even as a draft.
    let junk = env.file("junk.yaml", "just: [a, list");
    env.run(&["import", junk.to_str().unwrap(), "--draft"])
        .fails(1, "E_INVALID_PIPELINE");
    assert_eq!(
        env.run(&["list", "--json"]).json()["pipelines"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn export_formats_and_versions() {
    let env = Env::new();
    env.import_valid();
    env.import_valid();
    let yaml = env.run(&["export", "web"]);
    yaml.ok();
    assert!(
        yaml.stdout.contains("pipeline:") && yaml.stdout.contains("Checkout"),
        "{yaml:#?}"
    );
    let json_v1: Value = serde_json::from_str(
        &env.run(&["export", "web", "--format", "json", "--version", "1"])
            .stdout,
    )
    .unwrap();
    assert_eq!(json_v1["pipeline"]["version"], json!(1));
    let cp = env.run(&["export", "web", "--format", "codepipeline"]);
    cp.ok();
    let cp: Value = serde_json::from_str(&cp.stdout).unwrap();
    assert_eq!(cp["pipeline"]["name"], json!("web"));
    assert!(!cp.to_string().contains("\"pipewright\""));
    env.run(&["export", "web", "--version", "3"])
        .fails(1, "E_NOT_FOUND");
}

#[test]
fn export_codepipeline_strips_local_settings() {
    let env = Env::new();
    let with_local = VALID.replace(
        "          commands:\n            - echo build\n",
        "          commands:\n            - echo build\n          pipewright:\n            timeoutMinutes: 5\n",
    );
    let f = env.file("local.yaml", &with_local);
    env.run(&["import", f.to_str().unwrap()]).ok();
    let json = env.run(&["export", "web", "--format", "json"]);
    assert!(json.stdout.contains("timeoutMinutes"), "{json:#?}");
    let cp = env.run(&["export", "web", "--format", "codepipeline"]);
    cp.ok();
    assert!(
        !cp.stdout.contains("timeoutMinutes") && !cp.stdout.contains("pipewright\""),
        "{cp:#?}"
    );
}

#[test]
fn show_prints_summary_tree_and_diagnostics() {
    let env = Env::new();
    env.import_valid();
    env.import_valid();
    let out = env.run(&["show", "web"]);
    out.ok();
    assert!(
        out.stdout.starts_with("web  version 2 (latest)"),
        "{out:#?}"
    );
    for needle in [
        "stage 1: Source",
        "stage 2: Build",
        "Checkout",
        "Compile",
        "Lint",
        "out: SourceOutput",
        "in: SourceOutput",
    ] {
        assert!(out.stdout.contains(needle), "{needle}: {out:#?}");
    }
    let out = env.run(&["show", "web", "--version", "1"]);
    out.ok();
    assert!(out.stdout.starts_with("web  version 1 of 2"), "{out:#?}");
    let v = env.run(&["show", "web", "--json"]).json();
    assert_eq!(v["pipeline"]["name"], json!("web"));
    assert_eq!(v["metadata"]["latestVersion"], json!(2));
    assert!(v["diagnostics"].is_array());
}

#[test]
fn delete_removes_every_version_and_says_what_went() {
    let env = Env::new();
    env.import_valid();
    env.import_valid();
    let out = env.run(&["delete", "web"]);
    out.ok();
    assert_eq!(
        out.stdout.trim(),
        "deleted web (2 versions and 0 executions with it)"
    );
    assert_eq!(
        env.run(&["list", "--json"]).json(),
        json!({"pipelines": []})
    );
    env.run(&["show", "web"]).fails(1, "E_NOT_FOUND");
    // The name starts over.
    assert_eq!(env.import_valid().stdout.trim(), "imported web version 1");
}

#[test]
fn a_closed_stdout_is_not_a_crash() {
    let env = Env::new();
    env.import_valid();
    let mut child = Command::new(BIN)
        .arg("--data-dir")
        .arg(env.data())
        .args(["config", "list", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = output(child.wait_with_output().unwrap());
    assert!(
        !out.stderr.contains("panicked") && !out.stderr.contains("E_INTERNAL"),
        "{out:#?}"
    );
}
