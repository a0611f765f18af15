//! Reading pipeline files: shapes accepted, normalization, and bad input of every kind —
//! always diagnostics, never a panic.

mod common;

use common::*;
use pipewright_core::format::{parse_value, MAX_DOCUMENT_BYTES};
use pipewright_core::{export, parse_bytes, ExportFormat, ParseOptions, Severity};
use serde_json::{json, Value};

const MINIMAL_YAML: &str = "\
pipeline:
  name: p
  stages:
    - name: Source
      actions:
        - name: Src
          actionTypeId: {category: Source, owner: Custom, provider: Directory, version: \"1\"}
          configuration: {Path: /srv/src}
          outputArtifacts: [{name: Out}]
    - name: Deploy
      actions:
        - name: Put
          actionTypeId: {category: Deploy, owner: Custom, provider: Directory, version: \"1\"}
          configuration: {TargetPath: /srv/out}
          inputArtifacts: [{name: Out}]
";

fn only_error(text: &str) -> pipewright_core::Diagnostic {
    let out = parse(text);
    assert!(
        out.document.is_none(),
        "expected no document for {:.80?}",
        text
    );
    let errors: Vec<_> = out.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(!errors.is_empty(), "no error for {:.80?}", text);
    errors[0].clone()
}

// ---- accepted shapes ----

#[test]
fn yaml_and_json_wrapped() {
    let out = parse(MINIMAL_YAML);
    assert!(out.diagnostics.is_empty(), "{:#?}", out.diagnostics);
    let doc = out.document.expect("document");
    assert_eq!(doc.pipeline.stages.len(), 2);
    let (json, _) = export(&doc, ExportFormat::Json);
    let again = parse(&json);
    assert!(again.diagnostics.is_empty());
    assert_eq!(again.document, Some(doc));
}

#[test]
fn bare_declaration_gets_a_note() {
    let v: Value = serde_yaml_ng::from_str(MINIMAL_YAML).expect("yaml");
    let bare = v["pipeline"].to_string();
    let out = parse(&bare);
    assert!(out.document.is_some());
    assert_eq!(out.diagnostics.len(), 1);
    assert_eq!(out.diagnostics[0].code, "I_BARE_DECLARATION");
    assert_eq!(out.diagnostics[0].severity, Severity::Info);
}

#[test]
fn get_pipeline_output_drops_metadata_silently() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/codepipeline/get-pipeline-metadata.json"
    ))
    .expect("fixture");
    let out = parse(&text);
    assert!(out.diagnostics.is_empty(), "{:#?}", out.diagnostics);
    let (exported, _) = export(&out.document.expect("doc"), ExportFormat::CodePipeline);
    assert!(!exported.contains("metadata"));
    assert!(!exported.contains("pipelineArn"));
}

#[test]
fn unknown_top_level_keys_warn() {
    let v: Value = serde_yaml_ng::from_str(MINIMAL_YAML).expect("yaml");
    let mut v = v;
    v["pipelines"] = json!(1);
    let out = parse(&v.to_string());
    assert!(out.document.is_some());
    let w = find(&out.diagnostics, "W_UNKNOWN_TOP_LEVEL_KEY");
    assert!(w.message.contains("`pipelines`"));
    assert!(
        w.message.contains("Did you mean `pipeline`?"),
        "{}",
        w.message
    );
}

#[test]
fn byte_order_mark_and_yaml_flow_style() {
    let out = parse(&format!("\u{feff}{MINIMAL_YAML}"));
    assert!(out.document.is_some(), "{:#?}", out.diagnostics);
    // YAML flow mappings start with `{` but are not JSON.
    let flow = "{pipeline: {name: p, stages: []}}";
    let out = parse(flow);
    assert_eq!(out.document.expect("flow yaml").pipeline.name, "p");
}

#[test]
fn yaml_anchors_and_merge_keys() {
    let text = "\
x-type: &build {category: Build, owner: Custom, provider: Container, version: \"1\"}
pipeline:
  name: p
  stages:
    - name: S
      actions:
        - name: A
          actionTypeId: *build
";
    let out = parse(text);
    let doc = out.document.expect("document");
    assert_eq!(
        doc.pipeline.stages[0].actions[0].action_type_id.provider,
        "Container"
    );
    assert!(has_code(&out.diagnostics, "W_UNKNOWN_TOP_LEVEL_KEY"));
    let merged = "\
base: &base {name: A, runOrder: 2}
pipeline:
  name: p
  stages:
    - name: S
      actions:
        - <<: *base
          actionTypeId: {category: Build, owner: Custom, provider: Container, version: \"1\"}
";
    let doc = parse(merged).document.expect("merge keys");
    assert_eq!(doc.pipeline.stages[0].actions[0].run_order, Some(2));
}

// ---- normalization ----

#[test]
fn configuration_scalars_become_strings() {
    let text = "\
pipeline:
  name: p
  stages:
    - name: S
      actions:
        - name: A
          actionTypeId: {category: Deploy, owner: AWS, provider: ECS, version: '1'}
          configuration: {Extract: true, DeploymentTimeout: 15, Ratio: 1.5, Name: plain}
";
    let out = parse(text);
    assert!(out.diagnostics.is_empty(), "{:#?}", out.diagnostics);
    let doc = out.document.expect("doc");
    let config = doc.pipeline.stages[0].actions[0]
        .configuration
        .clone()
        .expect("config");
    assert_eq!(config["Extract"], "true");
    assert_eq!(config["DeploymentTimeout"], "15");
    assert_eq!(config["Ratio"], "1.5");
    assert_eq!(config["Name"], "plain");
}

#[test]
fn configuration_objects_are_type_errors() {
    let mut v = base();
    set(
        &mut v,
        &format!("{}/configuration/Image", action(1, 0)),
        json!({"name": "busybox"}),
    );
    set(
        &mut v,
        &format!("{}/configuration/Network", action(1, 0)),
        json!(null),
    );
    let out = parse(&v.to_string());
    assert!(out.document.is_none());
    let errors: Vec<_> = out
        .diagnostics
        .iter()
        .filter(|d| d.code == "E_TYPE")
        .collect();
    assert_eq!(errors.len(), 2, "{:#?}", out.diagnostics);
    assert_eq!(
        errors[0].path,
        format!("{}/configuration/Image", apath(1, 0))
    );
    assert!(errors[0].message.contains("configuration values are text"));
    assert_eq!(
        errors[1].path,
        format!("{}/configuration/Network", apath(1, 0))
    );
}

#[test]
fn wrong_types_are_reported_with_paths_all_at_once() {
    let mut v = base();
    set(&mut v, &format!("{}/runOrder", action(1, 1)), json!("2"));
    set(&mut v, "/pipeline/stages/2/name", json!(3));
    set(
        &mut v,
        &format!("{}/outputVariables", action(1, 0)),
        json!("VERSION"),
    );
    let out = parse(&v.to_string());
    assert!(out.document.is_none());
    let types: Vec<(&str, &str)> = out
        .diagnostics
        .iter()
        .filter(|d| d.code == "E_TYPE")
        .map(|d| (d.path.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(types.len(), 3, "{types:#?}");
    assert_eq!(types[0].0, format!("{}/outputVariables", apath(1, 0)));
    assert_eq!(types[1].0, format!("{}/runOrder", apath(1, 1)));
    assert!(
        types[1].1.contains("whole number") && types[1].1.contains("without quotes"),
        "{}",
        types[1].1
    );
    assert_eq!(types[2].0, "/stages/2/name");
    assert!(types[2].1.contains("in quotes"));
    // No Rust or serde jargon in messages.
    for (_, m) in &types {
        assert!(!m.contains("i64") && !m.contains("invalid type"), "{m}");
    }
}

#[test]
fn missing_required_fields() {
    let mut v = base();
    remove(&mut v, &format!("{}/name", action(1, 1)));
    remove(&mut v, &format!("{}/actionTypeId/provider", action(1, 0)));
    let out = parse(&v.to_string());
    assert!(out.document.is_none());
    assert!(has(
        &out.diagnostics,
        "E_MISSING_FIELD",
        &format!("{}/actionTypeId", apath(1, 0))
    ));
    assert!(has(&out.diagnostics, "E_MISSING_FIELD", &apath(1, 1)));
    let mut v = base();
    set(&mut v, &format!("{}/Name", action(1, 1)), json!("Test"));
    remove(&mut v, &format!("{}/name", action(1, 1)));
    let out = parse(&v.to_string());
    let m = find(&out.diagnostics, "E_MISSING_FIELD");
    assert!(m.message.contains("`Name` is there"), "{}", m.message);
}

#[test]
fn nulls_in_optional_fields_mean_absent() {
    let mut v = base();
    set(&mut v, &format!("{}/namespace", action(1, 1)), json!(null));
    set(&mut v, "/pipeline/roleArn", json!(null));
    let out = parse(&v.to_string());
    assert!(out.diagnostics.is_empty(), "{:#?}", out.diagnostics);
    let doc = out.document.expect("doc");
    assert!(doc.pipeline.role_arn.is_none());
    assert!(doc.pipeline.stages[1].actions[1].namespace.is_none());
}

#[test]
fn unknown_fields_warn_with_suggestions_and_are_kept() {
    let mut v = base();
    let run_order = v["pipeline"]["stages"][1]["actions"][1]["runOrder"].clone();
    remove(&mut v, &format!("{}/runOrder", action(1, 1)));
    set(&mut v, &format!("{}/runorder", action(1, 1)), run_order);
    set(
        &mut v,
        "/pipeline/stages/0/colour",
        json!({"nested": [1, 2]}),
    );
    set(
        &mut v,
        &format!("{}/pipewright", action(1, 0)),
        json!({"imagee": "x"}),
    );
    let out = parse(&v.to_string());
    let warnings: Vec<_> = out
        .diagnostics
        .iter()
        .filter(|d| d.code == "W_UNKNOWN_FIELD")
        .collect();
    assert_eq!(warnings.len(), 3, "{:#?}", out.diagnostics);
    assert_eq!(warnings[0].path, "/stages/0/colour");
    assert_eq!(
        warnings[1].path,
        format!("{}/pipewright/imagee", apath(1, 0))
    );
    assert!(warnings[1].message.contains("Did you mean `image`?"));
    assert_eq!(warnings[2].path, format!("{}/runorder", apath(1, 1)));
    assert!(
        warnings[2].message.contains("Did you mean `runOrder`?"),
        "{}",
        warnings[2].message
    );
    let doc = out.document.expect("unknown fields do not stop parsing");
    // Kept verbatim through every export.
    for format in [
        ExportFormat::Yaml,
        ExportFormat::Json,
        ExportFormat::CodePipeline,
    ] {
        let (text, _) = export(&doc, format);
        let back: Value = serde_yaml_ng::from_str(&text).expect("export reads back");
        assert_eq!(
            back["pipeline"]["stages"][1]["actions"][1]["runorder"],
            json!(2),
            "{format:?}"
        );
        assert_eq!(
            back["pipeline"]["stages"][0]["colour"],
            json!({"nested": [1, 2]}),
            "{format:?}"
        );
    }
}

#[test]
fn short_form_is_expanded_with_a_note() {
    let text = "\
pipeline:
  name: blog
  pipelineType: V2
  stages:
    - name: Source
      actions:
        - name: Checkout
          actionType: Source
          provider: CodeStarSourceConnection
          configuration: {ConnectionArn: arn, FullRepositoryId: o/r, BranchName: main}
          outputArtifacts:
            - SourceOutput
    - name: Build
      actions:
        - name: Build
          actionType: Build
          provider: CodeBuild
          configuration: {ProjectName: app}
          inputArtifacts:
            - name: SourceOutput
          outputArtifacts: [BuildOutput]
        - name: Local
          category: Test
          provider: Container
          version: 1
          runOrder: 2
          configuration: {Image: busybox}
          commands: [make test]
          inputArtifacts: [BuildOutput]
        - name: Compute
          actionTypeId: {provider: Commands}
          runOrder: 2
          commands: [make]
          inputArtifacts: [BuildOutput]
";
    let out = parse(text);
    let notes: Vec<_> = out
        .diagnostics
        .iter()
        .filter(|d| d.code == "I_SHORT_FORM_EXPANDED")
        .collect();
    assert_eq!(notes.len(), 4, "{:#?}", out.diagnostics);
    assert_eq!(notes[0].path, "/stages/0/actions/0");
    assert!(
        out.diagnostics.iter().all(|d| d.severity == Severity::Info),
        "{:#?}",
        out.diagnostics
    );
    let doc = out.document.expect("doc");
    let ids: Vec<Value> = doc
        .pipeline
        .stages
        .iter()
        .flat_map(|s| s.actions.iter())
        .map(|a| serde_json::to_value(&a.action_type_id).expect("json"))
        .collect();
    assert_eq!(
        ids[0],
        json!({"category": "Source", "owner": "AWS", "provider": "CodeStarSourceConnection", "version": "1"})
    );
    assert_eq!(
        ids[1],
        json!({"category": "Build", "owner": "AWS", "provider": "CodeBuild", "version": "1"})
    );
    assert_eq!(
        ids[2],
        json!({"category": "Test", "owner": "Custom", "provider": "Container", "version": "1"})
    );
    // The category of a provider with only one is filled in.
    assert_eq!(
        ids[3],
        json!({"category": "Compute", "owner": "AWS", "provider": "Commands", "version": "1"})
    );
    let a = &doc.pipeline.stages[1].actions[0];
    assert_eq!(
        a.output_artifacts.as_ref().expect("outputs")[0].name,
        "BuildOutput"
    );
    assert!(a.extra.is_empty());
    // The full form is what gets written back.
    let (yaml, _) = export(&doc, ExportFormat::Yaml);
    assert!(
        yaml.contains("actionTypeId") && !yaml.contains("actionType:"),
        "{yaml}"
    );
    assert!(pipewright_core::is_valid(&pipewright_core::validate(&doc)));
}

#[test]
fn short_form_without_a_category_that_can_be_inferred() {
    let text = "\
pipeline:
  name: p
  stages:
    - name: S
      actions:
        - name: A
          provider: CodeBuild
";
    let out = parse(text);
    assert!(has(
        &out.diagnostics,
        "E_MISSING_FIELD",
        "/stages/0/actions/0/actionTypeId"
    ));
}

#[test]
fn numeric_versions_are_read_as_text() {
    let text = MINIMAL_YAML.replacen("version: \"1\"", "version: 1", 1);
    let out = parse(&text);
    let note = find(&out.diagnostics, "I_VALUE_CONVERTED");
    assert_eq!(note.path, "/stages/0/actions/0/actionTypeId/version");
    assert_eq!(
        out.document.expect("doc").pipeline.stages[0].actions[0]
            .action_type_id
            .version,
        "1"
    );
}

#[test]
fn relative_paths_are_resolved_against_the_file_folder() {
    let text = MINIMAL_YAML
        .replace("Path: /srv/src", "Path: ./app")
        .replace("TargetPath: /srv/out", "TargetPath: ../deploy");
    let out = parse_with(&text, Some("/home/me/pipelines"));
    let notes: Vec<_> = out
        .diagnostics
        .iter()
        .filter(|d| d.code == "I_PATH_RESOLVED")
        .collect();
    assert_eq!(notes.len(), 2, "{:#?}", out.diagnostics);
    assert_eq!(notes[0].path, "/stages/0/actions/0/configuration/Path");
    let doc = out.document.expect("doc");
    let config = |s: usize| {
        doc.pipeline.stages[s].actions[0]
            .configuration
            .clone()
            .expect("config")
    };
    assert_eq!(config(0)["Path"], "/home/me/pipelines/app");
    assert_eq!(config(1)["TargetPath"], "/home/me/deploy");
    assert!(pipewright_core::validate(&doc).is_empty());

    // Pasted text: no folder, so a warning; validation then refuses the relative path.
    let out = parse_with(&text, None);
    let w = find(&out.diagnostics, "W_RELATIVE_PATH");
    assert!(w.message.contains("absolute"));
    let d = pipewright_core::validate(&out.document.expect("doc"));
    assert!(has(
        &d,
        "E_CONFIG_VALUE_INVALID",
        "/stages/0/actions/0/configuration/Path"
    ));

    // A relative base folder cannot make anything absolute.
    let out = parse_with(&text, Some("pipelines"));
    assert!(has_code(&out.diagnostics, "W_RELATIVE_PATH"));
    assert!(!has_code(&out.diagnostics, "I_PATH_RESOLVED"));

    // Absolute paths, URLs and variable references are left alone.
    let git = "\
pipeline:
  name: p
  stages:
    - name: S
      actions:
        - {name: A, actionTypeId: {category: Source, owner: Custom, provider: Git, version: '1'},
           configuration: {Repository: 'https://example.com/r.git'}, outputArtifacts: [{name: O}]}
        - {name: B, actionTypeId: {category: Source, owner: AWS, provider: CodeCommit, version: '1'},
           configuration: {RepositoryName: r, BranchName: main}, outputArtifacts: [{name: P}],
           pipewright: {repository: ../local-clone}}
        - {name: C, actionTypeId: {category: Source, owner: Custom, provider: Directory, version: '1'},
           configuration: {Path: '#{variables.dir}'}, outputArtifacts: [{name: Q}]}
";
    let out = parse_with(git, Some("/w/p"));
    let notes: Vec<_> = out
        .diagnostics
        .iter()
        .filter(|d| d.code == "I_PATH_RESOLVED")
        .collect();
    assert_eq!(notes.len(), 1, "{:#?}", out.diagnostics);
    assert_eq!(notes[0].path, "/stages/0/actions/1/pipewright/repository");
    let doc = out.document.expect("doc");
    assert_eq!(
        doc.pipeline.stages[0].actions[1]
            .pipewright
            .as_ref()
            .and_then(|l| l.repository.clone())
            .as_deref(),
        Some("/w/local-clone")
    );
}

// ---- bad input ----

#[test]
fn malformed_json_has_line_and_column() {
    let e = only_error("{\n  \"pipeline\": {\n    \"name\": \"x\",\n  }\n}");
    assert_eq!(e.code, "E_SYNTAX");
    assert!(e.message.contains("line 4"), "{}", e.message);
    assert!(e.message.contains("column"), "{}", e.message);
    let e = only_error("{\"pipeline\": {\"name\": \"x\"");
    assert_eq!(e.code, "E_SYNTAX");
    assert!(e.message.contains("ends too early"), "{}", e.message);
}

#[test]
fn malformed_yaml_has_line_and_column() {
    let e = only_error("pipeline:\n  name: x\n  stages: [\n    - a\n");
    assert_eq!(e.code, "E_SYNTAX");
    assert!(e.message.contains("line"), "{}", e.message);
    let e = only_error("pipeline:\n  name: x\n   bad: indentation\n");
    assert_eq!(e.code, "E_SYNTAX");
    let e = only_error("pipeline:\n  name: a\n  name: b\n");
    assert_eq!(e.code, "E_SYNTAX", "duplicate keys");
}

#[test]
fn empty_input() {
    for text in ["", "   \n\t", "# only a comment\n", "---\n", "~"] {
        assert_eq!(only_error(text).code, "E_EMPTY", "{text:?}");
    }
}

#[test]
fn not_an_object() {
    for text in ["[1, 2]", "\"pipeline\"", "42", "- a\n- b\n", "true"] {
        assert_eq!(only_error(text).code, "E_NOT_OBJECT", "{text:?}");
    }
    assert_eq!(only_error("{\"foo\": 1}").code, "E_NO_PIPELINE");
    let e = only_error("{\"Pipeline\": {\"Name\": \"x\", \"Stages\": []}}");
    assert!(e.message.contains("CloudFormation"), "{}", e.message);
    assert_eq!(only_error("{\"pipeline\": [1]}").code, "E_TYPE");
    assert_eq!(only_error("{\"pipeline\": {\"stages\": 3}}").code, "E_TYPE");
}

#[test]
fn ten_megabytes_is_too_large() {
    let big = format!(
        "{{\"pipeline\": {{\"name\": \"{}\"}}}}",
        "x".repeat(10 * 1024 * 1024)
    );
    let e = only_error(&big);
    assert_eq!(e.code, "E_TOO_LARGE");
    assert!(e.message.contains("MiB"));
    let out = parse_bytes(big.as_bytes(), &ParseOptions::default());
    assert_eq!(out.diagnostics[0].code, "E_TOO_LARGE");
    // Just under the limit still parses (slowly but fine).
    let ok = format!(
        "{{\"pipeline\": {{\"name\": \"p\", \"description\": \"{}\"}}}}",
        "x".repeat(MAX_DOCUMENT_BYTES - 100)
    );
    assert!(parse(&ok).document.is_some());
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    // Far beyond the parsers' own recursion limits.
    let deep_json = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(only_error(&deep_json).code, "E_TOO_DEEP");
    let deep_obj = format!("{}1{}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
    assert_eq!(only_error(&deep_obj).code, "E_TOO_DEEP");
    let deep_flow_yaml = format!("pipeline: {}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(only_error(&deep_flow_yaml).code, "E_TOO_DEEP");
    let mut deep_block_yaml = String::from("pipeline:\n");
    for i in 0..2000 {
        deep_block_yaml.push_str(&" ".repeat(i + 1));
        deep_block_yaml.push_str("a:\n");
    }
    assert_eq!(only_error(&deep_block_yaml).code, "E_TOO_DEEP");
    // Within the parsers' limits but beyond ours, inside an unknown field.
    let nested = format!(
        "{{\"pipeline\": {{\"name\": \"p\", \"x\": {}1{}}}}}",
        "[".repeat(80),
        "]".repeat(80)
    );
    assert_eq!(only_error(&nested).code, "E_TOO_DEEP");
    let v: Value = serde_json::from_str(&nested).expect("serde_json accepts 82 levels");
    assert_eq!(
        parse_value(v, &ParseOptions::default()).diagnostics[0].code,
        "E_TOO_DEEP"
    );
}

#[test]
fn deep_nesting_on_a_small_stack() {
    // The app parses on worker threads; make sure nothing needs a big stack.
    let handle = std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(|| {
            let deep = format!("pipeline: {}{}", "[".repeat(10_000), "]".repeat(10_000));
            let refused = parse(&deep).diagnostics[0].code.clone();
            // As deep as is accepted, in an unknown field (kept verbatim).
            let ok = format!(
                "{{\"pipeline\": {{\"name\": \"p\", \"x\": {}1{}}}}}",
                "[".repeat(60),
                "]".repeat(60)
            );
            let yaml_ok = format!(
                "pipeline:\n  name: p\n  x: {}1{}\n",
                "[".repeat(60),
                "]".repeat(60)
            );
            (
                refused,
                parse(&ok).document.is_some(),
                parse(&yaml_ok).document.is_some(),
            )
        })
        .expect("spawn");
    assert_eq!(
        handle.join().expect("no stack overflow"),
        ("E_TOO_DEEP".to_string(), true, true)
    );
}

#[test]
fn yaml_alias_bombs_are_refused() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        text.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            [prev.as_str(); 10].join(", ")
        ));
    }
    text.push_str("pipeline: {name: p, stages: *a9}\n");
    let e = only_error(&text);
    assert!(
        matches!(e.code.as_str(), "E_TOO_LARGE" | "E_SYNTAX"),
        "{e:?}"
    );
}

#[test]
fn yaml_tags_are_refused() {
    let e = only_error("pipeline:\n  name: !Ref PipelineName\n  stages: []\n");
    assert_eq!(e.code, "E_YAML_TAG");
    assert!(e.message.contains("!Ref"), "{}", e.message);
}

#[test]
fn invalid_utf8() {
    let mut bytes = MINIMAL_YAML.as_bytes().to_vec();
    bytes.insert(20, 0xff);
    let out = parse_bytes(&bytes, &ParseOptions::default());
    assert!(out.document.is_none());
    assert_eq!(out.diagnostics[0].code, "E_INVALID_UTF8");
    assert!(out.diagnostics[0].message.contains("offset 20"));
    // Valid bytes go through.
    assert!(
        parse_bytes(MINIMAL_YAML.as_bytes(), &ParseOptions::default())
            .document
            .is_some()
    );
}

#[test]
fn no_panic_on_truncated_or_mangled_input() {
    let (yaml, _) = export(
        &parse(&base().to_string()).document.expect("doc"),
        ExportFormat::Yaml,
    );
    let json = base().to_string();
    for text in [&yaml, &json] {
        let bytes = text.as_bytes();
        for cut in (0..bytes.len()).step_by(7) {
            let out = parse_bytes(&bytes[..cut], &ParseOptions::default());
            assert_codes_documented(&out.diagnostics);
            assert_eq!(
                out.document.is_some(),
                !out.diagnostics.iter().any(|d| d.is_error())
            );
        }
        // Byte flips from a fixed-seed generator.
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..2000 {
            let mut b = bytes.to_vec();
            for _ in 0..3 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let i = (seed >> 33) as usize % b.len();
                let alphabet = b"{}[]:,\"'-# \n\t0aZ!&*|>";
                let replacement = alphabet[(seed >> 20) as usize % alphabet.len()];
                b[i] = replacement;
            }
            let out = parse_bytes(&b, &ParseOptions::default());
            assert_codes_documented(&out.diagnostics);
            if let Some(doc) = &out.document {
                let _ = pipewright_core::validate(doc);
                let _ = export(doc, ExportFormat::CodePipeline);
            }
        }
    }
}
