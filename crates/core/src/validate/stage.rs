//! Stage-level rules: names, counts, source placement, conditions and rules; triggers.

use super::{checks, limits, push_key, Position, Validator, RESULTS, RETRY_MODES};
use crate::model::{Condition, PipelineTriggerDeclaration, RuleDeclaration, StageDeclaration};
use crate::providers::RULE_PROVIDERS;
use std::collections::HashSet;

/// Which condition block a condition sits in: decides the allowed results and which
/// actions' variables and artifacts it may use.
#[derive(Clone, Copy)]
enum Block {
    BeforeEntry,
    OnSuccess,
    OnFailure,
}

impl Block {
    fn allowed_results(self) -> &'static [&'static str] {
        match self {
            Block::BeforeEntry => &["FAIL", "SKIP"],
            Block::OnSuccess => &["ROLLBACK", "FAIL"],
            Block::OnFailure => &["ROLLBACK"],
        }
    }
    fn name(self) -> &'static str {
        match self {
            Block::BeforeEntry => "beforeEntry",
            Block::OnSuccess => "onSuccess",
            Block::OnFailure => "onFailure",
        }
    }
    /// Entry conditions run before any action of the stage; the others after all of them.
    fn position(self, stage: usize) -> Position {
        Position {
            stage,
            run_order: match self {
                Block::BeforeEntry => i64::MIN,
                _ => i64::MAX,
            },
        }
    }
}

impl Validator<'_> {
    pub(super) fn stages(&mut self) {
        let stages = &self.p.stages;
        if stages.len() < 2 {
            self.error(
                "E_TOO_FEW_STAGES",
                "/stages",
                format!(
                    "a pipeline needs at least two stages (a source stage and one more); it has {}: add a stage",
                    stages.len()
                ),
            );
        }
        if stages.len() > limits::STAGES {
            self.aws_limit(
                "/stages",
                format!(
                    "the pipeline has {} stages; CodePipeline allows at most {}",
                    stages.len(),
                    limits::STAGES
                ),
            );
        }
        let mut names = HashSet::new();
        for (si, stage) in stages.iter().enumerate() {
            let path = format!("/stages/{si}");
            if !names.insert(stage.name.as_str()) {
                self.error(
                    "E_STAGE_NAME_DUPLICATE",
                    format!("{path}/name"),
                    format!("another stage is already named `{}`; stage names must be unique in a pipeline: rename one", stage.name),
                );
            }
            self.stage(si, stage, &path);
        }
    }

    fn stage(&mut self, si: usize, stage: &StageDeclaration, path: &str) {
        self.pattern(
            "E_STAGE_NAME_INVALID",
            format!("{path}/name"),
            &stage.name,
            &checks::NAME,
            "the stage name",
        );
        for (bi, b) in stage.blockers.iter().flatten().enumerate() {
            if !checks::len_between(&b.name, 1, 100) {
                self.error(
                    "E_VALUE_INVALID",
                    format!("{path}/blockers/{bi}/name"),
                    "a blocker name must have 1–100 characters",
                );
            }
            self.enum_value(
                format!("{path}/blockers/{bi}/type"),
                &b.blocker_type,
                &["Schedule"],
                "blocker type",
            );
        }
        if stage.actions.is_empty() {
            self.error(
                "E_STAGE_EMPTY",
                format!("{path}/actions"),
                format!("stage `{}` has no actions; add one (a stage needs at least one) or remove the stage", stage.name),
            );
        }
        if stage.actions.len() > limits::ACTIONS_PER_STAGE {
            self.aws_limit(
                format!("{path}/actions"),
                format!(
                    "stage `{}` has {} actions; CodePipeline allows at most {} per stage",
                    stage.name,
                    stage.actions.len(),
                    limits::ACTIONS_PER_STAGE
                ),
            );
        }
        let mut action_names = HashSet::new();
        for (ai, action) in stage.actions.iter().enumerate() {
            let apath = format!("{path}/actions/{ai}");
            if !action_names.insert(action.name.as_str()) {
                self.error(
                    "E_ACTION_NAME_DUPLICATE",
                    format!("{apath}/name"),
                    format!(
                        "stage `{}` already has an action named `{}`; action names must be unique within a stage: rename one",
                        stage.name, action.name
                    ),
                );
            }
            self.action(si, ai, action, &apath);
        }
        if let Some(f) = &stage.on_failure {
            let fpath = format!("{path}/onFailure");
            self.requires_v2(fpath.clone(), "onFailure");
            if let Some(result) = &f.result {
                let rpath = format!("{fpath}/result");
                if self.enum_value(rpath.clone(), result, RESULTS, "onFailure result") {
                    if !["ROLLBACK", "RETRY"].contains(&result.as_str()) {
                        self.error(
                            "E_CONDITION_RESULT",
                            rpath.clone(),
                            format!("onFailure result `{result}` is not allowed; a failed stage can only ROLLBACK or RETRY"),
                        );
                    }
                    self.parallel_rollback(&rpath, result);
                }
            }
            if let Some(retry) = &f.retry_configuration {
                let rpath = format!("{fpath}/retryConfiguration");
                if let Some(mode) = &retry.retry_mode {
                    self.enum_value(format!("{rpath}/retryMode"), mode, RETRY_MODES, "retryMode");
                }
                if f.result.as_deref() != Some("RETRY") {
                    self.warning(
                        "W_RETRY_CONFIG_IGNORED",
                        rpath,
                        "retryConfiguration only applies when onFailure result is RETRY; set `result: RETRY` or remove it",
                    );
                }
            }
            if let Some(conditions) = &f.conditions {
                self.conditions(
                    si,
                    &format!("{fpath}/conditions"),
                    conditions,
                    Block::OnFailure,
                );
            }
        }
        if let Some(s) = &stage.on_success {
            let spath = format!("{path}/onSuccess");
            self.requires_v2(spath.clone(), "onSuccess conditions");
            self.conditions(
                si,
                &format!("{spath}/conditions"),
                &s.conditions,
                Block::OnSuccess,
            );
        }
        if let Some(b) = &stage.before_entry {
            let bpath = format!("{path}/beforeEntry");
            self.requires_v2(bpath.clone(), "beforeEntry conditions");
            self.conditions(
                si,
                &format!("{bpath}/conditions"),
                &b.conditions,
                Block::BeforeEntry,
            );
        }
    }

    fn parallel_rollback(&mut self, path: &str, result: &str) {
        if result == "ROLLBACK" && self.p.execution_mode.as_deref() == Some("PARALLEL") {
            self.error(
                "E_PARALLEL_ROLLBACK",
                path,
                "rollback is not available in PARALLEL execution mode; use executionMode QUEUED or SUPERSEDED, or another result",
            );
        }
    }

    fn conditions(&mut self, si: usize, path: &str, conditions: &[Condition], block: Block) {
        if conditions.is_empty() {
            self.error(
                "E_LIST_EMPTY",
                path,
                format!(
                    "{} has an empty list of conditions; add one condition or remove {}",
                    block.name(),
                    block.name()
                ),
            );
        } else if conditions.len() > limits::CONDITIONS {
            self.aws_limit(
                path,
                format!("{} has {} conditions; CodePipeline allows exactly one (put several rules in it)", block.name(), conditions.len()),
            );
        }
        for (ci, c) in conditions.iter().enumerate() {
            let cpath = format!("{path}/{ci}");
            if let Some(result) = &c.result {
                let rpath = format!("{cpath}/result");
                if self.enum_value(rpath.clone(), result, RESULTS, "condition result") {
                    let allowed = block.allowed_results();
                    if !allowed.contains(&result.as_str()) {
                        self.error(
                            "E_CONDITION_RESULT",
                            rpath.clone(),
                            format!(
                                "a {} condition cannot have result `{result}`; use {}",
                                block.name(),
                                allowed.join(" or ")
                            ),
                        );
                    }
                    self.parallel_rollback(&rpath, result);
                }
            }
            if let Some(rules) = &c.rules {
                let rpath = format!("{cpath}/rules");
                self.list_len(&rpath, rules.len(), limits::RULES_PER_CONDITION, "rules");
                let mut names = HashSet::new();
                for (ri, rule) in rules.iter().enumerate() {
                    let p = format!("{rpath}/{ri}");
                    if !names.insert(rule.name.as_str()) {
                        self.error(
                            "E_RULE_NAME_DUPLICATE",
                            format!("{p}/name"),
                            format!(
                                "another rule of this condition is named `{}`; rename one",
                                rule.name
                            ),
                        );
                    }
                    self.rule(si, &p, rule, block);
                }
            }
        }
    }

    fn rule(&mut self, si: usize, path: &str, rule: &RuleDeclaration, block: Block) {
        self.pattern(
            "E_RULE_NAME_INVALID",
            format!("{path}/name"),
            &rule.name,
            &checks::NAME,
            "the rule name",
        );
        let t = &rule.rule_type_id;
        let tpath = format!("{path}/ruleTypeId");
        self.enum_value(
            format!("{tpath}/category"),
            &t.category,
            &["Rule"],
            "rule category",
        );
        if let Some(owner) = &t.owner {
            self.enum_value(format!("{tpath}/owner"), owner, &["AWS"], "rule owner");
        }
        self.pattern(
            "E_VALUE_INVALID",
            format!("{tpath}/provider"),
            &t.provider,
            &checks::PROVIDER,
            "the rule provider",
        );
        if checks::PROVIDER.problem(&t.provider).is_none()
            && !RULE_PROVIDERS.contains(&t.provider.as_str())
        {
            self.info(
                "I_RULE_PROVIDER_UNKNOWN",
                format!("{tpath}/provider"),
                format!(
                    "Pipewright does not know the rule provider `{}` (known: {}); its configuration is not checked and it cannot be evaluated locally",
                    t.provider,
                    RULE_PROVIDERS.join(", ")
                ),
            );
        }
        if let Some(v) = &t.version {
            self.pattern(
                "E_VALUE_INVALID",
                format!("{tpath}/version"),
                v,
                &checks::VERSION,
                "the rule version",
            );
        }
        let pos = block.position(si);
        if let Some(config) = &rule.configuration {
            let cpath = format!("{path}/configuration");
            if config.len() > 200 {
                self.aws_limit(
                    cpath.clone(),
                    format!(
                        "the rule has {} configuration keys; CodePipeline allows at most 200",
                        config.len()
                    ),
                );
            }
            for (k, v) in config {
                let kpath = push_key(&cpath, k);
                if !checks::len_between(k, 1, 50) {
                    self.error(
                        "E_CONFIG_KEY_INVALID",
                        kpath.clone(),
                        format!("configuration key `{k}` must have 1–50 characters"),
                    );
                }
                if v.is_empty() {
                    self.error(
                        "E_CONFIG_VALUE_EMPTY",
                        kpath.clone(),
                        format!("configuration `{k}` is empty; give it a value or remove it"),
                    );
                } else if v.chars().count() > limits::RULE_CONFIG_VALUE_CHARS {
                    self.error(
                        "E_CONFIG_TOO_LONG",
                        kpath.clone(),
                        format!(
                            "configuration `{k}` has more than {} characters; shorten it",
                            limits::RULE_CONFIG_VALUE_CHARS
                        ),
                    );
                }
                self.variable_refs(&kpath, v, pos, None);
            }
        }
        if let Some(commands) = &rule.commands {
            let cpath = format!("{path}/commands");
            self.list_len(&cpath, commands.len(), limits::COMMANDS, "commands");
            for (i, c) in commands.iter().enumerate() {
                self.variable_refs(&format!("{cpath}/{i}"), c, pos, None);
            }
        }
        for (i, a) in rule.input_artifacts.iter().flatten().enumerate() {
            self.input_artifact(format!("{path}/inputArtifacts/{i}"), &a.name, pos, None);
        }
        if let Some(arn) = &rule.role_arn {
            self.role_arn(format!("{path}/roleArn"), arn);
        }
        if let Some(region) = &rule.region {
            self.region(format!("{path}/region"), region);
        }
        if let Some(t) = rule.timeout_in_minutes {
            if !(5..=86400).contains(&t) {
                self.error(
                    "E_TIMEOUT_RANGE",
                    format!("{path}/timeoutInMinutes"),
                    format!("timeoutInMinutes {t} is out of range; use 5 to 86400 minutes"),
                );
            }
        }
    }

    pub(super) fn triggers(&mut self, triggers: &[PipelineTriggerDeclaration]) {
        self.requires_v2("/triggers", "triggers");
        if triggers.len() > limits::TRIGGERS {
            self.aws_limit(
                "/triggers",
                format!(
                    "the pipeline has {} triggers; CodePipeline allows at most {}",
                    triggers.len(),
                    limits::TRIGGERS
                ),
            );
        }
        for (ti, t) in triggers.iter().enumerate() {
            let path = format!("/triggers/{ti}");
            self.enum_value(
                format!("{path}/providerType"),
                &t.provider_type,
                &["CodeStarSourceConnection"],
                "trigger providerType",
            );
            let g = &t.git_configuration;
            let gpath = format!("{path}/gitConfiguration");
            let spath = format!("{gpath}/sourceActionName");
            self.pattern(
                "E_ACTION_NAME_INVALID",
                spath.clone(),
                &g.source_action_name,
                &checks::NAME,
                "the source action name",
            );
            match self
                .index
                .first_stage_actions
                .get(g.source_action_name.as_str())
                .copied()
            {
                None => {
                    let hint = super::did_you_mean(
                        &g.source_action_name,
                        self.index.first_stage_actions.keys().copied(),
                    )
                    .map(|s| format!(" Did you mean `{s}`?"))
                    .unwrap_or_default();
                    self.error(
                        "E_TRIGGER_SOURCE_UNKNOWN",
                        spath,
                        format!(
                            "the trigger names source action `{}`, but the first stage has no action of that name; use the name of a source action.{hint}",
                            g.source_action_name
                        ),
                    );
                }
                Some(ai) => {
                    let a = &self.p.stages[0].actions[ai];
                    let at = &a.action_type_id;
                    if at.category == "Source" && at.provider != "CodeStarSourceConnection" {
                        self.warning(
                            "W_TRIGGER_PROVIDER",
                            spath,
                            format!(
                                "the trigger's source action `{}` uses {}/{}; CodePipeline only accepts triggers on CodeStarSourceConnection source actions",
                                a.name, at.owner, at.provider
                            ),
                        );
                    }
                }
            }
            if let Some(push) = &g.push {
                let ppath = format!("{gpath}/push");
                self.list_len(&ppath, push.len(), limits::GIT_FILTERS, "push filters");
                for (i, f) in push.iter().enumerate() {
                    let fp = format!("{ppath}/{i}");
                    for (name, pats) in [
                        ("tags", &f.tags),
                        ("branches", &f.branches),
                        ("filePaths", &f.file_paths),
                    ] {
                        if let Some(pats) = pats {
                            self.git_patterns(&format!("{fp}/{name}"), pats);
                        }
                    }
                }
            }
            if let Some(prs) = &g.pull_request {
                let ppath = format!("{gpath}/pullRequest");
                self.list_len(
                    &ppath,
                    prs.len(),
                    limits::GIT_FILTERS,
                    "pull request filters",
                );
                for (i, f) in prs.iter().enumerate() {
                    let fp = format!("{ppath}/{i}");
                    if let Some(events) = &f.events {
                        self.list_len(&format!("{fp}/events"), events.len(), 3, "events");
                        for (ei, e) in events.iter().enumerate() {
                            self.enum_value(
                                format!("{fp}/events/{ei}"),
                                e,
                                &["OPEN", "UPDATED", "CLOSED"],
                                "pull request event",
                            );
                        }
                    }
                    for (name, pats) in [("branches", &f.branches), ("filePaths", &f.file_paths)] {
                        if let Some(pats) = pats {
                            self.git_patterns(&format!("{fp}/{name}"), pats);
                        }
                    }
                }
            }
        }
    }

    fn git_patterns(&mut self, path: &str, pats: &crate::model::GitFilterPatterns) {
        for (name, list) in [("includes", &pats.includes), ("excludes", &pats.excludes)] {
            if let Some(list) = list {
                let lp = format!("{path}/{name}");
                self.list_len(&lp, list.len(), limits::GIT_PATTERNS, name);
                for (i, p) in list.iter().enumerate() {
                    if !checks::len_between(p, 1, 255) {
                        self.error(
                            "E_VALUE_INVALID",
                            format!("{lp}/{i}"),
                            "a filter pattern must have 1–255 characters",
                        );
                    }
                }
            }
        }
    }
}
