//! The first-run sample (created by the app on a fresh data folder) runs as shipped: Source →
//! Build (two parallel containers) → Test → Deploy, and the deploy folder gets the built
//! files. Real Docker, the local image, `images.pull=never`.

mod support;

use pipewright_store::{SamplePaths, Store};
use support::*;

#[test]
fn the_sample_runs_and_deploys_then_a_broken_test_fails_it() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let name = {
        let mut store = Store::open(&data).unwrap();
        store.ensure_sample(&data, IMAGE).unwrap().expect("created")
    };
    assert!(cli(&data, &["config", "set", "images.pull", "never"])
        .status
        .success());

    let o = cli(&data, &["run", &name, "--wait", "--json"]);
    assert!(o.status.success(), "{}{}", text(&o.stdout), text(&o.stderr));
    let started: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let id = started["pipelineExecutionId"].as_str().unwrap().to_string();

    let paths = SamplePaths::in_data_dir(&data);
    let html = std::fs::read_to_string(paths.deployed.join("dist/index.html")).unwrap();
    assert!(html.contains("Version 1.0.0"), "{html}");
    let info = std::fs::read_to_string(paths.deployed.join("dist/BUILD_INFO")).unwrap();
    assert!(info.contains(&id), "{info}");
    let log = cli(&data, &["logs", &id, "--action", "Test/UnitTests"]);
    assert!(text(&log.stdout).contains("testing version 1.0.0"));
    assert!(text(&log.stdout).contains("PASS: greet says hello"));

    // A change to the project that breaks the test fails the run at Test; Deploy keeps the
    // previous content.
    std::fs::write(
        paths.project.join("src/greet.sh"),
        "#!/bin/sh\necho \"Goodbye, ${1:-world}!\"\n",
    )
    .unwrap();
    let o = cli(&data, &["run", &name, "--wait", "--json"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let failed: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let failed_id = failed["pipelineExecutionId"].as_str().unwrap();
    let detail = cli(&data, &["execution", failed_id, "--json"]);
    let detail: serde_json::Value = serde_json::from_slice(&detail.stdout).unwrap();
    let stages = detail["stageStates"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let status_of = |stage: &str| {
        stages
            .iter()
            .find(|s| s["stageName"] == stage)
            .and_then(|s| s["latestExecution"]["status"].as_str().map(str::to_string))
    };
    assert_eq!(status_of("Test").as_deref(), Some("Failed"), "{detail:#}");
    assert_eq!(status_of("Deploy"), None, "{detail:#}");
    let info_after = std::fs::read_to_string(paths.deployed.join("dist/BUILD_INFO")).unwrap();
    assert_eq!(info, info_after, "the failed run did not deploy");

    // The two runs in the metrics: one success, one failure at Test/UnitTests.
    let o = cli(&data, &["metrics", &name, "--since", "1d", "--json"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let m: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(m["executions"]["total"], 2, "{m:#}");
    assert_eq!(m["successRate"], 0.5);
    assert_eq!(m["failureHotspots"][0]["actionName"], "UnitTests", "{m:#}");
    assert!(m["duration"]["p50Ms"].as_f64().unwrap() > 0.0);
    let o = cli(&data, &["metrics", "--since", "yesterday"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));

    assert_no_containers(&name);
}
