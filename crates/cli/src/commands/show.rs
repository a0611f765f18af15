//! `pipewright show NAME [--version N] [--json]`: summary, the stages and actions as a tree
//! (actions ordered by runOrder; the same runOrder runs in parallel), and diagnostics.

use crate::args::ShowArgs;
use crate::error::{CliResult, Exit};
use crate::output::{counts, diagnostic_line, out, out_json};
use pipewright_core::model::{ActionDeclaration, PipelineDeclaration};
use pipewright_core::{parse_document, validate, Diagnostic, ParseOptions, PipelineDocument};
use pipewright_store::Store;
use serde_json::json;

pub fn run(args: ShowArgs, store: &Store) -> CliResult {
    let stored = store.get_pipeline(&args.name, args.version)?;
    let latest = store
        .list_versions(&args.name)?
        .last()
        .map(|v| v.version)
        .unwrap_or(stored.summary.version);
    let diagnostics = diagnostics_of(&stored.document);
    let s = &stored.summary;
    if args.json {
        // `get-pipeline`'s shape (so it imports again), plus what Pipewright knows.
        out_json(&json!({
            "pipeline": stored.document.pipeline,
            "metadata": {
                "created": s.created,
                "updated": s.updated,
                "valid": s.valid,
                "latestVersion": latest,
                "executionCount": s.execution_count,
            },
            "diagnostics": diagnostics,
        }))?;
        return Ok(Exit::Success);
    }
    let mut lines = vec![
        format!(
            "{}  version {}{} · {} · {} · {}",
            s.name,
            s.version,
            if latest == s.version {
                " (latest)".to_string()
            } else {
                format!(" of {latest}")
            },
            s.pipeline_type,
            s.execution_mode,
            if s.valid { "valid" } else { "invalid (draft)" }
        ),
        format!(
            "created {}  updated {}  executions {}",
            s.created, s.updated, s.execution_count
        ),
        String::new(),
    ];
    tree(&stored.document.pipeline, &mut lines);
    lines.push(String::new());
    if diagnostics.is_empty() {
        lines.push("no diagnostics".into());
    } else {
        lines.push(format!("diagnostics ({}):", counts(&diagnostics)));
        lines.extend(
            diagnostics
                .iter()
                .map(|d| format!("  {}", diagnostic_line(d))),
        );
    }
    out(&lines.join("\n"))?;
    Ok(Exit::Success)
}

/// What the parser says about the stored text (unknown fields such as a `runorder` typo) and
/// what validation says about the document.
pub(super) fn diagnostics_of(doc: &PipelineDocument) -> Vec<Diagnostic> {
    let reparsed = serde_json::to_string(doc)
        .ok()
        .map(|text| parse_document(&text, &ParseOptions::default()));
    match reparsed {
        Some(outcome) if outcome.document.is_some() => {
            let mut diagnostics = outcome.diagnostics;
            diagnostics.extend(validate(doc));
            diagnostics
        }
        _ => validate(doc),
    }
}

fn tree(pipeline: &PipelineDeclaration, lines: &mut Vec<String>) {
    if pipeline.stages.is_empty() {
        lines.push("no stages".into());
    }
    for (i, stage) in pipeline.stages.iter().enumerate() {
        lines.push(format!("stage {}: {}", i + 1, stage.name));
        let mut actions: Vec<&ActionDeclaration> = stage.actions.iter().collect();
        actions.sort_by_key(|a| a.run_order.unwrap_or(1));
        for action in actions {
            lines.push(format!("  {}", action_line(action)));
        }
        if stage.actions.is_empty() {
            lines.push("  (no actions)".into());
        }
    }
}

fn action_line(a: &ActionDeclaration) -> String {
    let t = &a.action_type_id;
    let mut line = format!(
        "[{}] {}  {} · {}/{} v{}",
        a.run_order.unwrap_or(1),
        a.name,
        t.category,
        t.owner,
        t.provider,
        t.version
    );
    let names = |list: Vec<&str>| list.join(", ");
    if let Some(inputs) = a.input_artifacts.as_ref().filter(|l| !l.is_empty()) {
        line.push_str(&format!(
            "  in: {}",
            names(inputs.iter().map(|x| x.name.as_str()).collect())
        ));
    }
    if let Some(outputs) = a.output_artifacts.as_ref().filter(|l| !l.is_empty()) {
        line.push_str(&format!(
            "  out: {}",
            names(outputs.iter().map(|x| x.name.as_str()).collect())
        ));
    }
    if let Some(ns) = &a.namespace {
        line.push_str(&format!("  namespace: {ns}"));
    }
    line
}
