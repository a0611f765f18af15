//! One negative and one positive case for every validation rule.

mod common;

use common::*;
use pipewright_core::{is_valid, Severity};
use serde_json::{json, Value};

/// The rule fires on `bad` at `path` and not on `good`.
fn rule(code: &str, path: &str, bad: Value, good: Value) {
    let d = check(&bad);
    assert!(has(&d, code, path), "expected {code} at {path}, got {d:#?}");
    let d = check(&good);
    assert!(
        !has_code(&d, code),
        "unexpected {code} in the positive case: {d:#?}"
    );
}

fn b(f: impl FnOnce(&mut Value)) -> Value {
    with(base(), f)
}

#[test]
fn base_pipeline_is_clean() {
    let d = check(&base());
    assert!(d.is_empty(), "{d:#?}");
}

// ---- names ----

#[test]
fn pipeline_name_pattern_and_length() {
    rule(
        "E_PIPELINE_NAME_INVALID",
        "/name",
        b(|v| set(v, "/pipeline/name", json!("my pipeline"))),
        b(|v| set(v, "/pipeline/name", json!("my.pipe@line-1_x"))),
    );
    rule(
        "E_PIPELINE_NAME_INVALID",
        "/name",
        b(|v| set(v, "/pipeline/name", json!("x".repeat(101)))),
        b(|v| set(v, "/pipeline/name", json!("x".repeat(100)))),
    );
    let d = check(&b(|v| set(v, "/pipeline/name", json!("my pipeline"))));
    assert!(find(&d, "E_PIPELINE_NAME_INVALID")
        .message
        .contains("a space"));
}

#[test]
fn stage_and_action_name_patterns() {
    rule(
        "E_STAGE_NAME_INVALID",
        "/stages/1/name",
        b(|v| set(v, "/pipeline/stages/1/name", json!("Build/All"))),
        b(|v| set(v, "/pipeline/stages/1/name", json!("Build_All"))),
    );
    rule(
        "E_ACTION_NAME_INVALID",
        &format!("{}/name", apath(1, 0)),
        b(|v| set(v, &format!("{}/name", action(1, 0)), json!(""))),
        b(|v| set(v, &format!("{}/name", action(1, 0)), json!("Compile.v2"))),
    );
}

#[test]
fn artifact_name_pattern() {
    let rename = |name: &str| {
        let name = name.to_string();
        b(move |v| {
            set(
                v,
                &format!("{}/outputArtifacts/0/name", action(1, 0)),
                json!(name),
            );
            set(
                v,
                &format!("{}/inputArtifacts/0/name", action(1, 1)),
                json!(name),
            );
            set(
                v,
                &format!("{}/inputArtifacts/0/name", action(2, 1)),
                json!(name),
            );
        })
    };
    rule(
        "E_ARTIFACT_NAME_INVALID",
        &format!("{}/outputArtifacts/0/name", apath(1, 0)),
        rename("Build.Out"),
        rename("Build-Out_2"),
    );
}

#[test]
fn namespace_pattern() {
    rule(
        "E_NAMESPACE_INVALID",
        &format!("{}/namespace", apath(0, 1)),
        b(|v| {
            set(
                v,
                &format!("{}/namespace", action(0, 1)),
                json!("Repo.Vars"),
            )
        }),
        b(|v| {
            set(
                v,
                &format!("{}/namespace", action(0, 1)),
                json!("Repo@Vars-1"),
            )
        }),
    );
}

#[test]
fn stage_names_unique() {
    rule(
        "E_STAGE_NAME_DUPLICATE",
        "/stages/2/name",
        b(|v| set(v, "/pipeline/stages/2/name", json!("Build"))),
        base(),
    );
}

#[test]
fn action_names_unique_within_a_stage_only() {
    rule(
        "E_ACTION_NAME_DUPLICATE",
        &format!("{}/name", apath(1, 1)),
        b(|v| set(v, &format!("{}/name", action(1, 1)), json!("Compile"))),
        // The same name in two stages is valid, as in CodePipeline.
        b(|v| set(v, &format!("{}/name", action(2, 1)), json!("Compile"))),
    );
}

// ---- structure ----

#[test]
fn at_least_two_stages() {
    rule(
        "E_TOO_FEW_STAGES",
        "/stages",
        b(|v| {
            let s = v["pipeline"]["stages"][0].clone();
            set(v, "/pipeline/stages", json!([s]));
            remove(v, "/pipeline/triggers");
        }),
        base(),
    );
}

#[test]
fn stages_need_actions() {
    rule(
        "E_STAGE_EMPTY",
        "/stages/2/actions",
        b(|v| set(v, "/pipeline/stages/2/actions", json!([]))),
        base(),
    );
}

#[test]
fn source_actions_only_and_all_in_the_first_stage() {
    rule(
        "E_SOURCE_NOT_FIRST",
        &format!("{}/actionTypeId/category", apath(1, 1)),
        b(|v| {
            let src = v["pipeline"]["stages"][0]["actions"][0].clone();
            let mut src = src;
            src["name"] = json!("Late");
            src["outputArtifacts"] = json!([{"name": "LateOut"}]);
            src["namespace"] = json!("LateVars");
            set(v, &action(1, 1), src);
        }),
        base(),
    );
    rule(
        "E_FIRST_STAGE_NOT_SOURCE",
        &format!("{}/actionTypeId/category", apath(0, 2)),
        b(|v| {
            let mut build = v["pipeline"]["stages"][1]["actions"][1].clone();
            build["inputArtifacts"] = json!([{"name": "SourceOut"}]);
            set(v, &action(0, 2), build);
        }),
        base(),
    );
}

#[test]
fn run_order_range() {
    let p = format!("{}/runOrder", apath(1, 1));
    rule(
        "E_RUN_ORDER_RANGE",
        &p,
        b(|v| set(v, &format!("{}/runOrder", action(1, 1)), json!(0))),
        base(),
    );
    rule(
        "E_RUN_ORDER_RANGE",
        &p,
        b(|v| set(v, &format!("{}/runOrder", action(1, 1)), json!(1000))),
        b(|v| set(v, &format!("{}/runOrder", action(1, 1)), json!(999))),
    );
}

// ---- artifacts ----

#[test]
fn input_artifacts_must_be_produced() {
    let p = format!("{}/inputArtifacts/0", apath(1, 1));
    rule(
        "E_ARTIFACT_UNDEFINED",
        &p,
        b(|v| {
            set(
                v,
                &format!("{}/inputArtifacts/0/name", action(1, 1)),
                json!("BuildOutt"),
            )
        }),
        base(),
    );
    let d = check(&b(|v| {
        set(
            v,
            &format!("{}/inputArtifacts/0/name", action(1, 1)),
            json!("BuildOutt"),
        )
    }));
    assert!(find(&d, "E_ARTIFACT_UNDEFINED")
        .message
        .contains("Did you mean `BuildOut`?"));
}

#[test]
fn input_artifacts_must_be_produced_earlier() {
    let p = format!("{}/inputArtifacts/0", apath(1, 1));
    // Same runOrder as the producer: runs in parallel, not after.
    rule(
        "E_ARTIFACT_PRODUCED_LATER",
        &p,
        b(|v| set(v, &format!("{}/runOrder", action(1, 1)), json!(1))),
        base(),
    );
    // Produced in a later stage.
    rule(
        "E_ARTIFACT_PRODUCED_LATER",
        &format!("{}/inputArtifacts/0", apath(1, 0)),
        b(|v| {
            set(
                v,
                &format!("{}/outputArtifacts", action(2, 1)),
                json!([{"name": "Late"}]),
            );
            set(
                v,
                &format!("{}/inputArtifacts/0/name", action(1, 0)),
                json!("Late"),
            );
            set(
                v,
                &format!("{}/provider", action(2, 1) + "/actionTypeId"),
                json!("Pipeline"),
            );
        }),
        base(),
    );
    // By the action itself.
    let d = check(&b(|v| {
        set(
            v,
            &format!("{}/inputArtifacts/0/name", action(1, 0)),
            json!("BuildOut"),
        )
    }));
    assert!(find(&d, "E_ARTIFACT_PRODUCED_LATER")
        .message
        .contains("this same action"));
}

#[test]
fn output_artifact_names_unique() {
    rule(
        "E_ARTIFACT_DUPLICATE",
        &format!("{}/outputArtifacts/0/name", apath(1, 1)),
        b(|v| {
            set(
                v,
                &format!("{}/outputArtifacts", action(1, 1)),
                json!([{"name": "SourceOut"}]),
            )
        }),
        b(|v| {
            set(
                v,
                &format!("{}/outputArtifacts", action(1, 1)),
                json!([{"name": "TestOut"}]),
            )
        }),
    );
}

#[test]
fn artifact_counts_per_provider() {
    rule(
        "E_INPUT_ARTIFACTS_COUNT",
        &apath(2, 1),
        b(|v| remove(v, &format!("{}/inputArtifacts", action(2, 1)))),
        base(),
    );
    rule(
        "E_OUTPUT_ARTIFACTS_COUNT",
        &format!("{}/outputArtifacts", apath(0, 0)),
        b(|v| {
            set(
                v,
                &format!("{}/outputArtifacts/1", action(0, 0)),
                json!({"name": "Second"}),
            )
        }),
        base(),
    );
    // CodeBuild takes 1 to 5 inputs.
    rule(
        "E_INPUT_ARTIFACTS_COUNT",
        &format!("{}/inputArtifacts", apath(1, 1)),
        b(|v| set(v, &format!("{}/inputArtifacts", action(1, 1)), json!([]))),
        b(|v| {
            set(
                v,
                &format!("{}/inputArtifacts/1", action(1, 1)),
                json!({"name": "SourceOut"}),
            );
            set(
                v,
                &format!("{}/configuration/PrimarySource", action(1, 1)),
                json!("BuildOut"),
            );
        }),
    );
}

#[test]
fn files_only_on_commands_style_actions() {
    rule(
        "E_FILES_NOT_ALLOWED",
        &format!("{}/outputArtifacts/0/files", apath(1, 1)),
        b(|v| {
            set(
                v,
                &format!("{}/outputArtifacts", action(1, 1)),
                json!([{"name": "T", "files": ["x"]}]),
            )
        }),
        base(),
    );
}

// ---- enums ----

#[test]
fn enums() {
    let t = |f: &str| format!("{}/actionTypeId/{f}", action(1, 1));
    let tp = |f: &str| format!("{}/actionTypeId/{f}", apath(1, 1));
    rule(
        "E_ENUM_VALUE",
        &tp("category"),
        b(|v| set(v, &t("category"), json!("Tst"))),
        base(),
    );
    rule(
        "E_ENUM_VALUE",
        &tp("owner"),
        b(|v| set(v, &t("owner"), json!("Amazon"))),
        base(),
    );
    rule(
        "E_ENUM_VALUE",
        "/executionMode",
        b(|v| set(v, "/pipeline/executionMode", json!("FAST"))),
        base(),
    );
    rule(
        "E_ENUM_VALUE",
        "/pipelineType",
        b(|v| set(v, "/pipeline/pipelineType", json!("V3"))),
        base(),
    );
    rule(
        "E_ENUM_VALUE",
        "/stages/1/onFailure/retryConfiguration/retryMode",
        b(|v| {
            set(
                v,
                "/pipeline/stages/1/onFailure",
                json!({"result": "RETRY", "retryConfiguration": {"retryMode": "SOME"}}),
            )
        }),
        b(|v| {
            set(
                v,
                "/pipeline/stages/1/onFailure",
                json!({"result": "RETRY", "retryConfiguration": {"retryMode": "ALL_ACTIONS"}}),
            )
        }),
    );
    rule(
        "E_ENUM_VALUE",
        "/stages/1/onFailure/result",
        b(|v| {
            set(
                v,
                "/pipeline/stages/1/onFailure",
                json!({"result": "RETRI"}),
            )
        }),
        b(|v| {
            set(
                v,
                "/pipeline/stages/1/onFailure",
                json!({"result": "RETRY"}),
            )
        }),
    );
    let d = check(&b(|v| set(v, &t("category"), json!("Tst"))));
    assert!(find(&d, "E_ENUM_VALUE")
        .message
        .contains("Did you mean `Test`?"));
}

#[test]
fn environment_variable_type_enum() {
    let compile = action(1, 0);
    rule(
        "E_ENUM_VALUE",
        &format!("{}/environmentVariables/0/type", apath(1, 0)),
        b(|v| {
            set(
                v,
                &format!("{compile}/environmentVariables"),
                json!([{"name": "A", "value": "b", "type": "SECRET"}]),
            )
        }),
        b(|v| {
            set(
                v,
                &format!("{compile}/environmentVariables"),
                json!([{"name": "A", "value": "b", "type": "SECRETS_MANAGER"}]),
            )
        }),
    );
}

// ---- V2 ----

#[test]
fn v2_features_need_pipeline_type_v2() {
    let v1 = b(|v| set(v, "/pipeline/pipelineType", json!("V1")));
    let d = check(&v1);
    for path in ["/executionMode", "/variables", "/triggers"] {
        assert!(has(&d, "E_REQUIRES_V2", path), "{path}: {d:#?}");
    }
    // Absent pipelineType means V1, as in the API.
    let none = b(|v| remove(v, "/pipeline/pipelineType"));
    assert!(has(&check(&none), "E_REQUIRES_V2", "/executionMode"));
    // SUPERSEDED is fine on V1.
    let ok = b(|v| {
        set(v, "/pipeline/pipelineType", json!("V1"));
        set(v, "/pipeline/executionMode", json!("SUPERSEDED"));
        remove(v, "/pipeline/variables");
        remove(v, "/pipeline/triggers");
        set(
            v,
            &format!("{}/configuration/CustomData", action(2, 0)),
            json!("ok"),
        );
    });
    assert!(check(&ok).is_empty(), "{:#?}", check(&ok));
    rule(
        "E_REQUIRES_V2",
        "/executionMode",
        b(|v| set(v, "/pipeline/pipelineType", json!("V1"))),
        base(),
    );
    // PARALLEL too.
    rule(
        "E_REQUIRES_V2",
        "/executionMode",
        b(|v| {
            set(v, "/pipeline/pipelineType", json!("V1"));
            set(v, "/pipeline/executionMode", json!("PARALLEL"));
        }),
        b(|v| set(v, "/pipeline/executionMode", json!("PARALLEL"))),
    );
}

#[test]
fn conditions_need_v2() {
    let cond = json!({"conditions": [{"result": "FAIL", "rules": [
        {"name": "W", "ruleTypeId": {"category": "Rule", "owner": "AWS", "provider": "DeploymentWindow", "version": "1"},
         "configuration": {"Cron": "0 9 * * ? *"}}]}]});
    let c2 = cond.clone();
    rule(
        "E_REQUIRES_V2",
        "/stages/2/beforeEntry",
        b(move |v| {
            set(v, "/pipeline/stages/2/beforeEntry", c2);
            set(v, "/pipeline/pipelineType", json!("V1"));
        }),
        b(|v| set(v, "/pipeline/stages/2/beforeEntry", cond)),
    );
    rule(
        "E_REQUIRES_V2",
        "/stages/2/onFailure",
        b(|v| {
            set(
                v,
                "/pipeline/stages/2/onFailure",
                json!({"result": "ROLLBACK"}),
            );
            set(v, "/pipeline/pipelineType", json!("V1"));
        }),
        b(|v| {
            set(
                v,
                "/pipeline/stages/2/onFailure",
                json!({"result": "ROLLBACK"}),
            )
        }),
    );
}

#[test]
fn commands_action_needs_v2() {
    let commands = |v: &mut Value| {
        set(
            v,
            &action(1, 1),
            json!({"name": "Cmd", "actionTypeId": {"category": "Compute", "owner": "AWS", "provider": "Commands", "version": "1"},
                   "runOrder": 2, "commands": ["make test"], "inputArtifacts": [{"name": "BuildOut"}]}),
        )
    };
    rule(
        "E_REQUIRES_V2",
        &format!("{}/actionTypeId/provider", apath(1, 1)),
        b(|v| {
            commands(v);
            set(v, "/pipeline/pipelineType", json!("V1"));
        }),
        b(commands),
    );
}

#[test]
fn parallel_forbids_rollback() {
    rule(
        "E_PARALLEL_ROLLBACK",
        "/stages/2/onFailure/result",
        b(|v| {
            set(v, "/pipeline/executionMode", json!("PARALLEL"));
            set(
                v,
                "/pipeline/stages/2/onFailure",
                json!({"result": "ROLLBACK"}),
            );
        }),
        b(|v| {
            set(
                v,
                "/pipeline/stages/2/onFailure",
                json!({"result": "ROLLBACK"}),
            )
        }),
    );
}

#[test]
fn condition_results_per_block() {
    let rules = json!([{"name": "A", "ruleTypeId": {"category": "Rule", "owner": "AWS", "provider": "CloudWatchAlarm", "version": "1"},
                         "configuration": {"AlarmName": "a"}}]);
    let block = |name: &str, result: &str| {
        let (name, result, rules) = (name.to_string(), result.to_string(), rules.clone());
        b(move |v| {
            let value = if name == "onFailure" {
                json!({"result": "ROLLBACK", "conditions": [{"result": result, "rules": rules}]})
            } else {
                json!({"conditions": [{"result": result, "rules": rules}]})
            };
            set(v, &format!("/pipeline/stages/2/{name}"), value);
        })
    };
    rule(
        "E_CONDITION_RESULT",
        "/stages/2/beforeEntry/conditions/0/result",
        block("beforeEntry", "ROLLBACK"),
        block("beforeEntry", "SKIP"),
    );
    rule(
        "E_CONDITION_RESULT",
        "/stages/2/onSuccess/conditions/0/result",
        block("onSuccess", "SKIP"),
        block("onSuccess", "FAIL"),
    );
    rule(
        "E_CONDITION_RESULT",
        "/stages/2/onFailure/conditions/0/result",
        block("onFailure", "FAIL"),
        block("onFailure", "ROLLBACK"),
    );
    rule(
        "E_CONDITION_RESULT",
        "/stages/2/onFailure/result",
        b(|v| set(v, "/pipeline/stages/2/onFailure", json!({"result": "SKIP"}))),
        b(|v| {
            set(
                v,
                "/pipeline/stages/2/onFailure",
                json!({"result": "RETRY"}),
            )
        }),
    );
}

#[test]
fn retry_configuration_needs_retry() {
    rule(
        "W_RETRY_CONFIG_IGNORED",
        "/stages/2/onFailure/retryConfiguration",
        b(|v| {
            set(
                v,
                "/pipeline/stages/2/onFailure",
                json!({"result": "ROLLBACK", "retryConfiguration": {"retryMode": "ALL_ACTIONS"}}),
            )
        }),
        b(|v| {
            set(
                v,
                "/pipeline/stages/2/onFailure",
                json!({"result": "RETRY", "retryConfiguration": {"retryMode": "ALL_ACTIONS"}}),
            )
        }),
    );
}

#[test]
fn rules_in_conditions() {
    let rule_at = |name: &str, provider: &str, extra: Value| {
        let mut r = json!({"name": name, "ruleTypeId": {"category": "Rule", "owner": "AWS", "provider": provider, "version": "1"}});
        if let (Value::Object(r), Value::Object(e)) = (&mut r, extra) {
            r.extend(e);
        }
        r
    };
    let cond = |block: &str, rules: Vec<Value>| {
        let (block, rules) = (block.to_string(), rules);
        b(move |v| {
            let result = if block == "beforeEntry" {
                "FAIL"
            } else {
                "ROLLBACK"
            };
            set(
                v,
                &format!("/pipeline/stages/1/{block}"),
                json!({"conditions": [{"result": result, "rules": rules}]}),
            );
        })
    };
    rule(
        "E_RULE_NAME_INVALID",
        "/stages/1/beforeEntry/conditions/0/rules/0/name",
        cond(
            "beforeEntry",
            vec![rule_at("bad name", "CloudWatchAlarm", json!({}))],
        ),
        cond(
            "beforeEntry",
            vec![rule_at("good-name", "CloudWatchAlarm", json!({}))],
        ),
    );
    rule(
        "E_RULE_NAME_DUPLICATE",
        "/stages/1/beforeEntry/conditions/0/rules/1/name",
        cond(
            "beforeEntry",
            vec![
                rule_at("A", "CloudWatchAlarm", json!({})),
                rule_at("A", "VariableCheck", json!({})),
            ],
        ),
        cond(
            "beforeEntry",
            vec![
                rule_at("A", "CloudWatchAlarm", json!({})),
                rule_at("B", "VariableCheck", json!({})),
            ],
        ),
    );
    let d = check(&cond(
        "beforeEntry",
        vec![rule_at("A", "Astrology", json!({}))],
    ));
    assert!(has(
        &d,
        "I_RULE_PROVIDER_UNKNOWN",
        "/stages/1/beforeEntry/conditions/0/rules/0/ruleTypeId/provider"
    ));
    assert!(is_valid(&d), "an unknown rule provider is not an error");
    // An entry condition runs before the stage's actions: it cannot use their artifacts…
    let uses_build_out = || {
        rule_at(
            "C",
            "Commands",
            json!({"commands": ["test -d dist"], "inputArtifacts": [{"name": "BuildOut"}]}),
        )
    };
    rule(
        "E_ARTIFACT_PRODUCED_LATER",
        "/stages/1/beforeEntry/conditions/0/rules/0/inputArtifacts/0",
        cond("beforeEntry", vec![uses_build_out()]),
        // …an onSuccess condition runs after them and can.
        cond("onSuccess", vec![uses_build_out()]),
    );
    rule(
        "E_LIST_EMPTY",
        "/stages/1/beforeEntry/conditions/0/rules",
        cond("beforeEntry", vec![]),
        cond(
            "beforeEntry",
            vec![rule_at("A", "CloudWatchAlarm", json!({}))],
        ),
    );
    let six: Vec<Value> = (0..6)
        .map(|i| rule_at(&format!("R{i}"), "CloudWatchAlarm", json!({})))
        .collect();
    let five: Vec<Value> = six[..5].to_vec();
    rule(
        "W_AWS_LIMIT",
        "/stages/1/beforeEntry/conditions/0/rules",
        cond("beforeEntry", six),
        cond("beforeEntry", five),
    );
}

// ---- timeouts ----

#[test]
fn timeout_in_minutes_only_on_manual_approval() {
    rule(
        "E_TIMEOUT_NOT_ALLOWED",
        &format!("{}/timeoutInMinutes", apath(1, 0)),
        b(|v| set(v, &format!("{}/timeoutInMinutes", action(1, 0)), json!(10))),
        base(),
    );
}

#[test]
fn timeout_in_minutes_range() {
    let p = format!("{}/timeoutInMinutes", apath(2, 0));
    let t = format!("{}/timeoutInMinutes", action(2, 0));
    rule(
        "E_TIMEOUT_RANGE",
        &p,
        b(|v| set(v, &t, json!(4))),
        b(|v| set(v, &t, json!(5))),
    );
    rule(
        "E_TIMEOUT_RANGE",
        &p,
        b(|v| set(v, &t, json!(86401))),
        b(|v| set(v, &t, json!(86400))),
    );
}

#[test]
fn local_timeout_positive() {
    let t = format!("{}/pipewright/timeoutMinutes", action(2, 1));
    let p = format!("{}/pipewright/timeoutMinutes", apath(2, 1));
    rule(
        "E_LOCAL_TIMEOUT",
        &p,
        b(|v| set(v, &t, json!(0))),
        b(|v| set(v, &t, json!(0.5))),
    );
    rule("E_LOCAL_TIMEOUT", &p, b(|v| set(v, &t, json!(-3))), base());
}

#[test]
fn local_repository_absolute_or_url() {
    let t = format!("{}/pipewright", action(0, 1));
    let p = format!("{}/pipewright/repository", apath(0, 1));
    rule(
        "E_LOCAL_REPOSITORY",
        &p,
        b(|v| set(v, &t, json!({"repository": "~/src/app"}))),
        b(|v| set(v, &t, json!({"repository": "https://example.com/app.git"}))),
    );
}

// ---- namespaces and variables ----

#[test]
fn reserved_namespaces() {
    let p = format!("{}/namespace", apath(0, 0));
    let t = format!("{}/namespace", action(0, 0));
    rule(
        "E_NAMESPACE_RESERVED",
        &p,
        b(|v| set(v, &t, json!("variables"))),
        base(),
    );
    rule(
        "E_NAMESPACE_RESERVED",
        &p,
        b(|v| set(v, &t, json!("codepipeline"))),
        b(|v| set(v, &t, json!("pipelineVars"))),
    );
}

#[test]
fn namespaces_unique_and_distinct_from_artifacts() {
    let p = format!("{}/namespace", apath(0, 1));
    let t = format!("{}/namespace", action(0, 1));
    rule(
        "E_NAMESPACE_DUPLICATE",
        &p,
        b(|v| {
            set(v, &t, json!("SrcVars"));
            set(v, &format!("{}/commands/1", action(1, 0)), json!("echo"));
        }),
        base(),
    );
    rule(
        "E_NAMESPACE_CONFLICT",
        &p,
        b(|v| {
            set(v, &t, json!("BuildOut"));
            set(v, &format!("{}/commands/1", action(1, 0)), json!("echo"));
        }),
        base(),
    );
}

#[test]
fn variable_references_resolve() {
    let cfg = format!("{}/configuration/CustomData", action(2, 0));
    let p = format!("{}/configuration/CustomData", apath(2, 0));
    for text in [
        "#{Nope.X}",
        "#{variables.Nope}",
        "#{codepipeline.PipelineName}",
    ] {
        rule(
            "E_VARIABLE_UNRESOLVED",
            &p,
            b(|v| set(v, &cfg, json!(text))),
            base(),
        );
    }
    // A namespace declared later (Ship runs at runOrder 2, after Approve).
    let later = b(|v| {
        set(v, &format!("{}/namespace", action(2, 1)), json!("ShipVars"));
        set(v, &cfg, json!("#{ShipVars.X}"));
    });
    assert!(find(&check(&later), "E_VARIABLE_UNRESOLVED")
        .message
        .contains("does not run before"));
    // Its own namespace.
    let own = b(|v| {
        set(
            v,
            &format!("{}/namespace", action(2, 0)),
            json!("ApproveVars"),
        );
        set(v, &cfg, json!("#{ApproveVars.X}"));
    });
    assert!(find(&check(&own), "E_VARIABLE_UNRESOLVED")
        .message
        .contains("own namespace"));
    // Suggestions.
    let typo = b(|v| set(v, &cfg, json!("#{BuildVar.VERSION}")));
    assert!(find(&check(&typo), "E_VARIABLE_UNRESOLVED")
        .message
        .contains("Did you mean `BuildVars`?"));
    // In commands and environment variable values too.
    rule(
        "E_VARIABLE_UNRESOLVED",
        &format!("{}/commands/1", apath(1, 0)),
        b(|v| {
            set(
                v,
                &format!("{}/commands/1", action(1, 0)),
                json!("echo #{BuildVars.VERSION}"),
            )
        }),
        base(),
    );
    rule(
        "E_VARIABLE_UNRESOLVED",
        &format!("{}/environmentVariables/0/value", apath(1, 0)),
        b(|v| {
            set(
                v,
                &format!("{}/environmentVariables", action(1, 0)),
                json!([{"name": "X", "value": "#{variables.Missing}"}]),
            )
        }),
        b(|v| {
            set(
                v,
                &format!("{}/environmentVariables", action(1, 0)),
                json!([{"name": "X", "value": "#{variables.Env}"}]),
            )
        }),
    );
}

#[test]
fn variable_names_a_provider_emits() {
    let cfg = format!("{}/configuration/CustomData", action(2, 0));
    let p = format!("{}/configuration/CustomData", apath(2, 0));
    // CodeStarSourceConnection has a fixed list.
    rule(
        "W_VARIABLE_UNKNOWN",
        &p,
        b(|v| set(v, &cfg, json!("#{RepoVars.CommitSha}"))),
        b(|v| set(v, &cfg, json!("#{RepoVars.BranchName}"))),
    );
    // Commands-style actions emit their outputVariables.
    rule(
        "W_VARIABLE_UNKNOWN",
        &p,
        b(|v| set(v, &cfg, json!("#{BuildVars.RELEASE}"))),
        base(),
    );
    rule(
        "W_VARIABLE_SYNTAX",
        &p,
        b(|v| set(v, &cfg, json!("value #{oops}"))),
        base(),
    );
}

#[test]
fn pipeline_variables() {
    rule(
        "E_VARIABLE_DUPLICATE",
        "/variables/1/name",
        b(|v| set(v, "/pipeline/variables/1", json!({"name": "Env"}))),
        b(|v| set(v, "/pipeline/variables/1", json!({"name": "Region"}))),
    );
    rule(
        "E_VARIABLE_NAME_INVALID",
        "/variables/1/name",
        b(|v| set(v, "/pipeline/variables/1", json!({"name": "my var"}))),
        b(|v| set(v, "/pipeline/variables/1", json!({"name": "my-var@x"}))),
    );
    rule(
        "E_VALUE_INVALID",
        "/variables/0/defaultValue",
        b(|v| set(v, "/pipeline/variables/0/defaultValue", json!(""))),
        base(),
    );
}

// ---- provider configuration ----

#[test]
fn required_configuration() {
    rule(
        "E_CONFIG_REQUIRED",
        &format!("{}/configuration", apath(1, 0)),
        b(|v| {
            set(
                v,
                &format!("{}/configuration", action(1, 0)),
                json!({"Network": "none"}),
            )
        }),
        base(),
    );
    rule(
        "E_CONFIG_REQUIRED",
        &apath(2, 1),
        b(|v| remove(v, &format!("{}/configuration", action(2, 1)))),
        base(),
    );
}

#[test]
fn configuration_kinds() {
    let cases: &[(usize, usize, &str, &str, &str)] = &[
        (0, 0, "RespectGitignore", "yes", "false"),
        (1, 0, "Network", "wifi", "host"),
        (0, 0, "Path", "relative/dir", "/abs/dir"),
        (
            2,
            0,
            "ExternalEntityLink",
            "example.com",
            "https://example.com",
        ),
        (
            1,
            1,
            "EnvironmentVariables",
            "[{\"name\": }",
            "[{\"name\":\"A\",\"value\":\"b\"}]",
        ),
    ];
    for &(s, a, key, bad, good) in cases {
        let t = format!("{}/configuration/{key}", action(s, a));
        rule(
            "E_CONFIG_VALUE_INVALID",
            &format!("{}/configuration/{key}", apath(s, a)),
            b(|v| set(v, &t, json!(bad))),
            b(|v| set(v, &t, json!(good))),
        );
    }
    // Integers with bounds (ECS DeploymentTimeout 1–60).
    let ecs = |timeout: &str| {
        let timeout = timeout.to_string();
        b(move |v| {
            set(
                v,
                &action(2, 1),
                json!({"name": "Ecs", "actionTypeId": {"category": "Deploy", "owner": "AWS", "provider": "ECS", "version": "1"},
                       "runOrder": 2, "configuration": {"ClusterName": "c", "ServiceName": "s", "DeploymentTimeout": timeout},
                       "inputArtifacts": [{"name": "BuildOut"}]}),
            )
        })
    };
    rule(
        "E_CONFIG_VALUE_INVALID",
        &format!("{}/configuration/DeploymentTimeout", apath(2, 1)),
        ecs("90"),
        ecs("60"),
    );
    // Values with variable references are checked at run time.
    assert!(!has_code(
        &check(&ecs("#{variables.Env}")),
        "E_CONFIG_VALUE_INVALID"
    ));
}

#[test]
fn unknown_configuration_keys() {
    let t = format!("{}/configuration/image", action(1, 0));
    let d = check(&b(|v| set(v, &t, json!("x"))));
    let w = find(&d, "W_CONFIG_UNKNOWN_KEY");
    assert_eq!(w.path, format!("{}/configuration/image", apath(1, 0)));
    assert!(w.message.contains("Did you mean `Image`?"), "{}", w.message);
    assert!(!has_code(&check(&base()), "W_CONFIG_UNKNOWN_KEY"));
}

#[test]
fn configuration_value_lengths() {
    let t = format!("{}/configuration/CustomData", action(2, 0));
    let p = format!("{}/configuration/CustomData", apath(2, 0));
    rule(
        "E_CONFIG_TOO_LONG",
        &p,
        b(|v| set(v, &t, json!("x".repeat(1001)))),
        b(|v| set(v, &t, json!("x".repeat(1000)))),
    );
    rule(
        "E_CONFIG_VALUE_EMPTY",
        &p,
        b(|v| set(v, &t, json!(""))),
        base(),
    );
    rule(
        "E_CONFIG_KEY_INVALID",
        &format!("{}/configuration/{}", apath(2, 0), "K".repeat(51)),
        b(|v| {
            set(
                v,
                &format!("{}/configuration/{}", action(2, 0), "K".repeat(51)),
                json!("x"),
            )
        }),
        base(),
    );
}

#[test]
fn provider_category_and_unknown_providers() {
    let cat = format!("{}/actionTypeId/category", action(2, 1));
    rule(
        "E_PROVIDER_CATEGORY",
        &format!("{}/actionTypeId/category", apath(2, 1)),
        b(|v| set(v, &cat, json!("Invoke"))),
        base(),
    );
    // An unknown AWS provider is a note, not an error.
    let d = check(&b(|v| {
        set(
            v,
            &action(1, 1),
            json!({"name": "Farm", "actionTypeId": {"category": "Test", "owner": "AWS", "provider": "DeviceFarm", "version": "1"},
                   "runOrder": 2, "configuration": {"ProjectId": "p"}, "inputArtifacts": [{"name": "BuildOut"}]}),
        )
    }));
    assert!(has(
        &d,
        "I_PROVIDER_UNKNOWN",
        &format!("{}/actionTypeId/provider", apath(1, 1))
    ));
    assert!(is_valid(&d));
    assert!(d.iter().all(|x| x.severity == Severity::Info), "{d:#?}");
}

#[test]
fn commands_rules() {
    rule(
        "E_COMMANDS_NOT_ALLOWED",
        &format!("{}/commands", apath(1, 1)),
        b(|v| set(v, &format!("{}/commands", action(1, 1)), json!(["make"]))),
        base(),
    );
    rule(
        "E_COMMANDS_REQUIRED",
        &apath(1, 0),
        b(|v| {
            remove(v, &format!("{}/commands", action(1, 0)));
        }),
        base(),
    );
    rule(
        "E_LIST_EMPTY",
        &format!("{}/commands", apath(1, 0)),
        b(|v| set(v, &format!("{}/commands", action(1, 0)), json!([]))),
        base(),
    );
    rule(
        "E_VALUE_INVALID",
        &format!("{}/commands/0", apath(1, 0)),
        b(|v| set(v, &format!("{}/commands/0", action(1, 0)), json!("  "))),
        base(),
    );
}

#[test]
fn output_variables_rules() {
    rule(
        "E_OUTPUT_VARIABLES_NOT_ALLOWED",
        &format!("{}/outputVariables", apath(1, 1)),
        b(|v| {
            set(
                v,
                &format!("{}/outputVariables", action(1, 1)),
                json!(["X"]),
            )
        }),
        base(),
    );
    rule(
        "E_LIST_EMPTY",
        &format!("{}/outputVariables", apath(1, 0)),
        b(|v| {
            set(v, &format!("{}/outputVariables", action(1, 0)), json!([]));
            set(
                v,
                &format!("{}/configuration/CustomData", action(2, 0)),
                json!("ok"),
            );
        }),
        base(),
    );
}

#[test]
fn environment_variables_rules() {
    let t = format!("{}/environmentVariables", action(1, 1));
    rule(
        "W_ENVIRONMENT_VARIABLES_IGNORED",
        &format!("{}/environmentVariables", apath(1, 1)),
        b(|v| set(v, &t, json!([{"name": "A", "value": "b"}]))),
        base(),
    );
    let c = format!("{}/environmentVariables", action(1, 0));
    rule(
        "E_VALUE_INVALID",
        &format!("{}/environmentVariables/0/name", apath(1, 0)),
        b(|v| set(v, &c, json!([{"name": "MY-VAR", "value": "b"}]))),
        b(|v| set(v, &c, json!([{"name": "MY_VAR", "value": "b"}]))),
    );
}

// ---- AWS-only limits ----

#[test]
fn aws_limits_are_warnings() {
    let cmds = format!("{}/commands", action(1, 0));
    let p = format!("{}/commands", apath(1, 0));
    rule(
        "W_AWS_LIMIT",
        &p,
        b(|v| set(v, &cmds, json!(vec!["true"; 51]))),
        b(|v| set(v, &cmds, json!(vec!["true"; 50]))),
    );
    let d = check(&b(|v| set(v, &cmds, json!(vec!["true"; 51]))));
    assert!(is_valid(&d), "a quota is not an error");
    assert!(find(&d, "W_AWS_LIMIT").message.contains("AWS would refuse"));

    // 51 stages.
    let many_stages = b(|v| {
        for i in 0..48 {
            set(
                v,
                &format!("/pipeline/stages/{}", 3 + i),
                json!({"name": format!("Extra{i}"), "actions": [
                    {"name": "Wait", "actionTypeId": {"category": "Approval", "owner": "AWS", "provider": "Manual", "version": "1"}}]}),
            );
        }
    });
    assert!(has(&check(&many_stages), "W_AWS_LIMIT", "/stages"));
    assert!(!has_code(
        &check(&b(|v| remove(
            v,
            "/pipeline/stages/2/actions/0/timeoutInMinutes"
        ))),
        "W_AWS_LIMIT"
    ));

    // 51 actions in a stage.
    let many_actions = b(|v| {
        for i in 0..50 {
            set(
                v,
                &action(2, 2 + i),
                json!({"name": format!("Wait{i}"), "actionTypeId": {"category": "Approval", "owner": "AWS", "provider": "Manual", "version": "1"}}),
            );
        }
    });
    assert!(has(
        &check(&many_actions),
        "W_AWS_LIMIT",
        "/stages/2/actions"
    ));
}

// ---- ARNs, stores, regions ----

#[test]
fn role_arns() {
    rule(
        "E_ROLE_ARN_INVALID",
        "/roleArn",
        b(|v| set(v, "/pipeline/roleArn", json!("arn:aws:iam::123:role/x"))),
        b(|v| {
            set(
                v,
                "/pipeline/roleArn",
                json!("arn:aws-cn:iam::123456789012:role/path/x"),
            )
        }),
    );
    rule(
        "E_ROLE_ARN_INVALID",
        &format!("{}/roleArn", apath(1, 1)),
        b(|v| set(v, &format!("{}/roleArn", action(1, 1)), json!("my-role"))),
        base(),
    );
}

#[test]
fn artifact_stores_and_regions() {
    let stores = json!({"us-east-1": {"type": "S3", "location": "a-east"}, "eu-west-1": {"type": "S3", "location": "a-west"}});
    let s2 = stores.clone();
    rule(
        "E_ARTIFACT_STORE_CONFLICT",
        "/artifactStore",
        b(move |v| set(v, "/pipeline/artifactStores", s2)),
        b(|v| {
            remove(v, "/pipeline/artifactStore");
            set(v, "/pipeline/artifactStores", stores);
        }),
    );
    let region = format!("{}/region", action(1, 1));
    let rp = format!("{}/region", apath(1, 1));
    rule(
        "E_REGION_NO_ARTIFACT_STORE",
        &rp,
        b(|v| {
            remove(v, "/pipeline/artifactStore");
            set(
                v,
                "/pipeline/artifactStores",
                json!({"us-east-1": {"type": "S3", "location": "a-east"}}),
            );
            set(v, &region, json!("eu-west-1"));
        }),
        b(|v| {
            remove(v, "/pipeline/artifactStore");
            set(
                v,
                "/pipeline/artifactStores",
                json!({"eu-west-1": {"type": "S3", "location": "a-west"}}),
            );
            set(v, &region, json!("eu-west-1"));
        }),
    );
    rule(
        "W_REGION_NEEDS_ARTIFACT_STORES",
        &rp,
        b(|v| set(v, &region, json!("eu-west-1"))),
        base(),
    );
    rule(
        "E_VALUE_INVALID",
        "/artifactStore/location",
        b(|v| set(v, "/pipeline/artifactStore/location", json!("s3://bucket"))),
        b(|v| set(v, "/pipeline/artifactStore/location", json!("my.bucket-1"))),
    );
    rule(
        "E_ENUM_VALUE",
        "/artifactStore/type",
        b(|v| set(v, "/pipeline/artifactStore/type", json!("GCS"))),
        base(),
    );
}

#[test]
fn provider_and_version_patterns() {
    let t = format!("{}/actionTypeId", action(1, 1));
    rule(
        "E_VALUE_INVALID",
        &format!("{}/actionTypeId/version", apath(1, 1)),
        b(|v| set(v, &format!("{t}/version"), json!("1.0"))),
        b(|v| set(v, &format!("{t}/version"), json!("2"))),
    );
    rule(
        "E_VALUE_INVALID",
        &format!("{}/actionTypeId/provider", apath(1, 1)),
        b(|v| set(v, &format!("{t}/provider"), json!("Code Build"))),
        base(),
    );
}

// ---- triggers ----

#[test]
fn triggers_name_a_source_action() {
    rule(
        "E_TRIGGER_SOURCE_UNKNOWN",
        "/triggers/0/gitConfiguration/sourceActionName",
        b(|v| {
            set(
                v,
                "/pipeline/triggers/0/gitConfiguration/sourceActionName",
                json!("Compile"),
            )
        }),
        base(),
    );
    rule(
        "W_TRIGGER_PROVIDER",
        "/triggers/0/gitConfiguration/sourceActionName",
        b(|v| {
            set(
                v,
                "/pipeline/triggers/0/gitConfiguration/sourceActionName",
                json!("Src"),
            )
        }),
        base(),
    );
    rule(
        "E_ENUM_VALUE",
        "/triggers/0/gitConfiguration/pullRequest/0/events/0",
        b(|v| {
            set(
                v,
                "/pipeline/triggers/0/gitConfiguration/pullRequest",
                json!([{"events": ["MERGED"]}]),
            )
        }),
        b(|v| {
            set(
                v,
                "/pipeline/triggers/0/gitConfiguration/pullRequest",
                json!([{"events": ["CLOSED"]}]),
            )
        }),
    );
    rule(
        "W_AWS_LIMIT",
        "/triggers/0/gitConfiguration/push/0/branches/includes",
        b(|v| {
            set(
                v,
                "/pipeline/triggers/0/gitConfiguration/push/0/branches/includes",
                json!(vec!["b"; 9]),
            )
        }),
        b(|v| {
            set(
                v,
                "/pipeline/triggers/0/gitConfiguration/push/0/branches/includes",
                json!(vec!["b"; 8]),
            )
        }),
    );
}

// ---- order and scale ----

#[test]
fn diagnostics_come_in_document_order() {
    let doc = b(|v| {
        set(v, "/pipeline/name", json!("bad name"));
        set(v, &format!("{}/runOrder", action(1, 1)), json!(1000));
        set(
            v,
            &format!("{}/inputArtifacts/0/name", action(2, 1)),
            json!("Nope"),
        );
        set(v, "/pipeline/executionMode", json!("FAST"));
    });
    let paths: Vec<String> = check(&doc).into_iter().map(|d| d.path).collect();
    assert_eq!(
        paths,
        vec![
            "/name".to_string(),
            format!("{}/runOrder", apath(1, 1)),
            format!("{}/inputArtifacts/0", apath(2, 1)),
            "/executionMode".to_string(),
        ]
    );
}

/// 50 stages × 20 actions, artifacts chained stage to stage, variables referenced from the
/// first stage: valid, and no diagnostic at all.
pub fn big_pipeline() -> Value {
    let mut stages = Vec::new();
    for s in 0..50 {
        let actions: Vec<Value> = (0..20)
            .map(|a| {
                if s == 0 {
                    json!({"name": format!("Source{a}"),
                           "actionTypeId": {"category": "Source", "owner": "Custom", "provider": "Git", "version": "1"},
                           "runOrder": 1, "configuration": {"Repository": format!("/srv/repo{a}")},
                           "outputArtifacts": [{"name": format!("S0A{a}")}], "namespace": format!("Src{a}")})
                } else {
                    json!({"name": format!("Build{a}"),
                           "actionTypeId": {"category": "Build", "owner": "Custom", "provider": "Container", "version": "1"},
                           "runOrder": (a % 4) + 1, "configuration": {"Image": "busybox"},
                           "commands": [format!("echo #{{Src{a}.CommitId}}"), "make"],
                           "inputArtifacts": [{"name": format!("S{}A{a}", s - 1)}],
                           "outputArtifacts": [{"name": format!("S{s}A{a}"), "files": ["dist/**"]}]})
                }
            })
            .collect();
        stages.push(json!({"name": format!("Stage{s}"), "actions": actions}));
    }
    json!({"pipeline": {"name": "big", "pipelineType": "V2", "executionMode": "QUEUED", "stages": stages}})
}

#[test]
fn a_50_by_20_pipeline_is_valid() {
    let d = check(&big_pipeline());
    assert!(d.is_empty(), "{:#?}", &d[..d.len().min(5)]);
}

/// Timing, not a pass/fail gate (machines are noisy): `cargo test --release -p pipewright-core
/// --test validate_rules -- --ignored --nocapture validate_and_serialize_timing`.
#[test]
#[ignore]
fn validate_and_serialize_timing() {
    let doc = pipewright_core::parse_document(&big_pipeline().to_string(), &Default::default())
        .document
        .expect("parses");
    let mut times = Vec::new();
    for _ in 0..50 {
        let t = std::time::Instant::now();
        let d = pipewright_core::validate(&doc);
        let text = serde_json::to_string(&doc).expect("serializes");
        std::hint::black_box((d, text));
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "validate + serialize 50x20: median {:?}, max {:?}",
        times[times.len() / 2],
        times[times.len() - 1]
    );
}
