//! `pipewright config` on the desktop notification switches: the global one and the
//! per-pipeline `notifications.enabled.NAME` the app's toggle writes.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_pipewright");

fn run(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .output()
        .expect("run pipewright");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn per_pipeline_notifications_are_set_read_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (code, out, err) = run(d, &["config", "get", "notifications.enabled.web-app"]);
    assert_eq!((code, out.trim()), (0, "true"), "{err}");
    let (code, out, err) = run(
        d,
        &["config", "set", "notifications.enabled.web-app", "false"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "notifications.enabled.web-app = false");
    let (_, out, _) = run(d, &["config", "get", "notifications.enabled.web-app"]);
    assert_eq!(out.trim(), "false");
    // Other pipelines follow the global switch.
    run(d, &["config", "set", "notifications.enabled", "off"]);
    let (_, out, _) = run(d, &["config", "get", "notifications.enabled.docs"]);
    assert_eq!(out.trim(), "false");
    let (code, out, _) = run(d, &["config", "list", "--json"]);
    assert_eq!(code, 0);
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    let entry = list["settings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "notifications.enabled.web-app")
        .expect("the override is listed");
    assert_eq!(entry["value"], "false");
    assert_eq!(entry["default"], "false");
}

#[test]
fn bad_notification_keys_and_values_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run(
        dir.path(),
        &["config", "set", "notifications.enabled.web-app", "maybe"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.starts_with("error[E_SETTING_VALUE]"), "{err}");
    let (code, _, err) = run(
        dir.path(),
        &["config", "set", "notifications.enabled.bad name", "true"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.starts_with("error[E_SETTING_UNKNOWN]"), "{err}");
}
