//! Validate + save of a 50-stage × 20-action pipeline through the core and the store, against a
//! baseline measured in the same run: serializing the same document and inserting the text into
//! a plain SQLite table with the same pragmas (no validation, no versioning). Prints medians
//! and the ratio.

use pipewright_core::{is_valid, parse_document, validate, ParseOptions};
use pipewright_store::{SaveBase, Store};
use std::time::{Duration, Instant};

const STAGES: usize = 50;
const ACTIONS: usize = 20;
const RUNS: usize = 30;

fn big_pipeline_json() -> String {
    let mut stages = Vec::new();
    for s in 0..STAGES {
        let mut actions = Vec::new();
        for a in 0..ACTIONS {
            let action = if s == 0 {
                serde_json::json!({
                    "name": format!("Source{a}"),
                    "actionTypeId": {"category": "Source", "owner": "Custom", "provider": "Directory", "version": "1"},
                    "runOrder": 1,
                    "configuration": {"Path": format!("/srv/src/{a}")},
                    "outputArtifacts": [{"name": format!("S0A{a}")}],
                    "namespace": format!("Src{a}")
                })
            } else {
                serde_json::json!({
                    "name": format!("Build{a}"),
                    "actionTypeId": {"category": "Build", "owner": "Custom", "provider": "Container", "version": "1"},
                    "runOrder": (a % 4) + 1,
                    "configuration": {"Image": "pipewright/busybox:local"},
                    "commands": ["echo #{Src0.CommitId}", "make"],
                    "inputArtifacts": [{"name": format!("S{}A{a}", s - 1)}],
                    "outputArtifacts": [{"name": format!("S{s}A{a}"), "files": ["dist/**"]}]
                })
            };
            actions.push(action);
        }
        stages.push(serde_json::json!({"name": format!("Stage{s}"), "actions": actions}));
    }
    serde_json::json!({"pipeline": {"name": "big", "pipelineType": "V2", "executionMode": "QUEUED", "stages": stages}}).to_string()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort_unstable();
    v[v.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let text = big_pipeline_json();
    let doc = parse_document(&text, &ParseOptions::default())
        .document
        .ok_or("the generated pipeline did not parse")?;
    let diagnostics = validate(&doc);
    if !is_valid(&diagnostics) {
        return Err(format!(
            "the generated pipeline is invalid: {:?}",
            diagnostics.iter().find(|d| d.is_error())
        )
        .into());
    }

    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("store"))?;
    let baseline_db = rusqlite::Connection::open(dir.path().join("baseline.db"))?;
    baseline_db.execute_batch(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE docs (id INTEGER PRIMARY KEY, body TEXT NOT NULL);",
    )?;

    let (mut ours, mut base) = (Vec::new(), Vec::new());
    for i in 0..RUNS {
        let t = Instant::now();
        let valid = is_valid(&validate(&doc));
        let base_kind = if i == 0 {
            SaveBase::New
        } else {
            SaveBase::Latest
        };
        store.save_pipeline(&doc, valid, base_kind)?;
        ours.push(t.elapsed());

        let t = Instant::now();
        let body = serde_json::to_string(&doc)?;
        baseline_db.execute("INSERT INTO docs (body) VALUES (?1)", [body])?;
        base.push(t.elapsed());
    }
    let (ours, base) = (median(ours), median(base));
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("validate+save {STAGES}x{ACTIONS} pipeline: median {:.2} ms over {RUNS} runs (goal < 20 ms)", ms(ours));
    println!(
        "baseline (serialize + plain SQLite insert): median {:.2} ms",
        ms(base)
    );
    println!("ratio: {:.2}x", ms(ours) / ms(base));
    Ok(())
}
