//! Import then export of real CodePipeline documents gives back an equivalent document.
//!
//! Every fixture in `tests/fixtures/codepipeline/` must parse without errors or warnings,
//! validate without errors or warnings, and export (`--format codepipeline`) to JSON equal to
//! the input's `pipeline` (get-pipeline's `metadata` is dropped). YAML and JSON exports must
//! read back to the same document.
//!
//! With `PIPEWRIGHT_EXPORT_DIR` set, the CodePipeline exports are also written there for
//! `tests/aws_model/check_exports.py`, which checks them against botocore's model.

use pipewright_core::{
    export, parse_document, validate, Diagnostic, ExportFormat, ParseOptions, Severity,
};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixtures() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/codepipeline");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("fixtures folder")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let name = p.file_stem().expect("stem").to_string_lossy().to_string();
            (name, std::fs::read_to_string(&p).expect("read fixture"))
        })
        .collect();
    out.sort();
    out
}

fn not_info(d: &[Diagnostic]) -> Vec<&Diagnostic> {
    d.iter().filter(|d| d.severity != Severity::Info).collect()
}

#[test]
fn there_are_enough_varied_fixtures() {
    assert!(fixtures().len() >= 12);
}

#[test]
fn every_fixture_round_trips() {
    for (name, text) in fixtures() {
        let outcome = parse_document(&text, &ParseOptions::default());
        assert!(
            not_info(&outcome.diagnostics).is_empty(),
            "{name}: parse: {:#?}",
            outcome.diagnostics
        );
        let doc = outcome
            .document
            .unwrap_or_else(|| panic!("{name}: no document"));

        let diags = validate(&doc);
        assert!(not_info(&diags).is_empty(), "{name}: validate: {diags:#?}");

        let (exported, export_diags) = export(&doc, ExportFormat::CodePipeline);
        assert!(export_diags.is_empty(), "{name}: export: {export_diags:#?}");
        let exported: Value = serde_json::from_str(&exported).expect("export is JSON");
        let input: Value = serde_json::from_str(&text).expect("fixture is JSON");
        assert_eq!(
            exported.as_object().map(|o| o.len()),
            Some(1),
            "{name}: only `pipeline` at the top"
        );
        assert_eq!(
            exported["pipeline"], input["pipeline"],
            "{name}: export differs from input"
        );

        // The same order of stages and actions, not just equal sets.
        let order = |v: &Value| -> Vec<String> {
            v["pipeline"]["stages"]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|s| {
                    let stage = s["name"].as_str().unwrap_or("").to_string();
                    s["actions"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(move |a| format!("{stage}/{}", a["name"]))
                })
                .collect()
        };
        assert_eq!(order(&exported), order(&input), "{name}: order");

        // Native formats read back to the same document.
        for format in [ExportFormat::Yaml, ExportFormat::Json] {
            let (text, d) = export(&doc, format);
            assert!(d.is_empty());
            let back = parse_document(&text, &ParseOptions::default());
            assert!(
                not_info(&back.diagnostics).is_empty(),
                "{name} {format:?}: {:#?}",
                back.diagnostics
            );
            assert_eq!(
                back.document.as_ref(),
                Some(&doc),
                "{name} {format:?}: re-read differs"
            );
        }
    }
}

/// Writes every fixture's CodePipeline export to `$PIPEWRIGHT_EXPORT_DIR` (when set) for the
/// botocore model check: `tests/aws_model/check_exports.py "$PIPEWRIGHT_EXPORT_DIR"`.
#[test]
fn write_exports_for_the_aws_model_check() {
    let Some(dir) = std::env::var_os("PIPEWRIGHT_EXPORT_DIR") else {
        return;
    };
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir).expect("create export dir");
    for (name, text) in fixtures() {
        let doc = parse_document(&text, &ParseOptions::default())
            .document
            .expect("parses");
        let (exported, _) = export(&doc, ExportFormat::CodePipeline);
        std::fs::write(dir.join(format!("{name}.json")), exported).expect("write export");
    }
    // A native pipeline with local providers and settings: its export must pass the model too
    // (AWS would still refuse the unregistered Custom providers, which export warns about).
    let template =
        pipewright_core::templates::instantiate("source-build-test-deploy", "from-template")
            .expect("template");
    let (exported, warnings) = export(&template, ExportFormat::CodePipeline);
    assert!(warnings.iter().any(|w| w.code == "W_EXPORT_LOCAL_PROVIDER"));
    std::fs::write(dir.join("template-source-build-test-deploy.json"), exported)
        .expect("write export");
}

#[test]
fn templates_are_valid_and_clean() {
    for t in pipewright_core::templates::list() {
        let doc =
            pipewright_core::templates::instantiate(&t.id, "new-pipeline").expect("instantiates");
        let d = validate(&doc);
        assert!(d.is_empty(), "{}: {d:#?}", t.id);
    }
}
