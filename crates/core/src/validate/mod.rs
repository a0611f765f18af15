//! Validation: CodePipeline's own rules plus the provider schema (`crate::providers`).
//!
//! Every diagnostic has a stable code (listed with its meaning in [`codes::CODES`]), a JSON
//! pointer into the pipeline declaration, a severity and a message that says how to fix it.
//! Errors make a pipeline invalid (it cannot run or be exported for CodePipeline); warnings
//! flag what AWS would refuse although Pipewright can run it locally (`W_AWS_LIMIT`), or what
//! is probably a mistake; infos are notes.
//!
//! The work is linear in the size of the pipeline: one pass builds indexes (artifact producers,
//! namespaces, names), a second walks the declaration in document order and emits diagnostics.

mod action;
mod checks;
pub mod codes;
mod refs;
mod stage;
pub(crate) mod suggest;

use crate::diagnostic::Diagnostic;
use crate::model::{ActionDeclaration, PipelineDeclaration, PipelineDocument};
use crate::providers::find_provider;
use crate::providers::ProviderSchema;
use checks::Pattern;
use std::collections::{HashMap, HashSet};
use suggest::did_you_mean;

/// The API's `ExecutionMode` enum.
pub const EXECUTION_MODES: &[&str] = &["QUEUED", "SUPERSEDED", "PARALLEL"];
/// The API's `PipelineType` enum.
pub const PIPELINE_TYPES: &[&str] = &["V1", "V2"];
/// The API's `Result` enum (stage conditions and `onFailure`).
pub const RESULTS: &[&str] = &["ROLLBACK", "FAIL", "RETRY", "SKIP"];
/// The API's `StageRetryMode` enum.
pub const RETRY_MODES: &[&str] = &["FAILED_ACTIONS", "ALL_ACTIONS"];
/// The API's `EnvironmentVariableType` enum.
pub const ENV_VAR_TYPES: &[&str] = &["PLAINTEXT", "SECRETS_MANAGER"];
/// Namespaces CodePipeline reserves: `codepipeline` (execution variables) and `variables`
/// (pipeline-level variables).
pub const RESERVED_NAMESPACES: &[&str] = &["codepipeline", "variables"];
/// Variables of the reserved `codepipeline` namespace.
pub const CODEPIPELINE_VARIABLES: &[&str] = &["PipelineExecutionId"];

/// CodePipeline quotas that are warnings here (AWS would refuse; Pipewright runs them).
pub mod limits {
    pub const STAGES: usize = 50;
    pub const ACTIONS_PER_STAGE: usize = 50;
    pub const COMMANDS: usize = 50;
    pub const COMMAND_CHARS: usize = 1000;
    pub const OUTPUT_VARIABLES: usize = 15;
    pub const FILES: usize = 10;
    pub const ENVIRONMENT_VARIABLES: usize = 10;
    pub const PIPELINE_VARIABLES: usize = 50;
    pub const TRIGGERS: usize = 50;
    pub const RULES_PER_CONDITION: usize = 5;
    pub const CONDITIONS: usize = 1;
    pub const GIT_FILTERS: usize = 3;
    pub const GIT_PATTERNS: usize = 8;
    /// Configuration values: at most 1,000 characters (an error: design.md's contract).
    pub const CONFIG_VALUE_CHARS: usize = 1000;
    pub const RULE_CONFIG_VALUE_CHARS: usize = 10000;
}

/// Validate a document; returns every diagnostic, errors and warnings, in document order.
pub fn validate(doc: &PipelineDocument) -> Vec<Diagnostic> {
    let p = &doc.pipeline;
    let mut v = Validator {
        p,
        index: Index::build(p),
        out: Vec::new(),
    };
    v.pipeline();
    v.out
}

/// Where an action runs: stage index, then runOrder (1 when absent).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(crate) struct Position {
    stage: usize,
    run_order: i64,
}

impl Position {
    fn of(stage: usize, action: &ActionDeclaration) -> Self {
        Self {
            stage,
            run_order: action.run_order.unwrap_or(1),
        }
    }
    /// Strictly before: an earlier stage, or an earlier runOrder of the same stage.
    fn before(self, other: Position) -> bool {
        self.stage < other.stage || (self.stage == other.stage && self.run_order < other.run_order)
    }
}

#[derive(Clone, Copy)]
struct ActionRef {
    stage: usize,
    action: usize,
    pos: Position,
}

struct Index<'a> {
    v2: bool,
    /// First producer of each output artifact, in document order.
    producers: HashMap<&'a str, ActionRef>,
    /// First declarer of each namespace.
    namespaces: HashMap<&'a str, ActionRef>,
    variables: HashSet<&'a str>,
    /// Action names of the first stage (sources), for triggers.
    first_stage_actions: HashMap<&'a str, usize>,
}

impl<'a> Index<'a> {
    fn build(p: &'a PipelineDeclaration) -> Self {
        let mut producers = HashMap::new();
        let mut namespaces = HashMap::new();
        let mut first_stage_actions = HashMap::new();
        for (si, stage) in p.stages.iter().enumerate() {
            for (ai, a) in stage.actions.iter().enumerate() {
                let r = ActionRef {
                    stage: si,
                    action: ai,
                    pos: Position::of(si, a),
                };
                for o in a.output_artifacts.iter().flatten() {
                    producers.entry(o.name.as_str()).or_insert(r);
                }
                if let Some(ns) = &a.namespace {
                    namespaces.entry(ns.as_str()).or_insert(r);
                }
                if si == 0 {
                    first_stage_actions.entry(a.name.as_str()).or_insert(ai);
                }
            }
        }
        let variables = p
            .variables
            .iter()
            .flatten()
            .map(|v| v.name.as_str())
            .collect();
        Index {
            v2: p.pipeline_type.as_deref() == Some("V2"),
            producers,
            namespaces,
            variables,
            first_stage_actions,
        }
    }
}

pub(crate) struct Validator<'a> {
    p: &'a PipelineDeclaration,
    index: Index<'a>,
    out: Vec<Diagnostic>,
}

impl<'a> Validator<'a> {
    fn error(&mut self, code: &str, path: impl Into<String>, message: impl Into<String>) {
        self.out.push(Diagnostic::error(code, path, message));
    }
    fn warning(&mut self, code: &str, path: impl Into<String>, message: impl Into<String>) {
        self.out.push(Diagnostic::warning(code, path, message));
    }
    fn info(&mut self, code: &str, path: impl Into<String>, message: impl Into<String>) {
        self.out.push(Diagnostic::info(code, path, message));
    }

    /// Pattern and length check; `what` reads like "the pipeline name".
    fn pattern(
        &mut self,
        code: &str,
        path: impl Into<String>,
        value: &str,
        pat: &Pattern,
        what: &str,
    ) {
        if let Some(problem) = pat.problem(value) {
            self.error(
                code,
                path,
                format!("{what} `{value}` is not valid: {problem}"),
            );
        }
    }

    fn enum_value(
        &mut self,
        path: impl Into<String>,
        value: &str,
        allowed: &[&str],
        what: &str,
    ) -> bool {
        if allowed.contains(&value) {
            return true;
        }
        let hint = did_you_mean(value, allowed.iter().copied())
            .map(|s| format!(" Did you mean `{s}`?"))
            .unwrap_or_default();
        self.error(
            "E_ENUM_VALUE",
            path,
            format!(
                "{what} `{value}` is not one of {}.{hint}",
                allowed.join(", ")
            ),
        );
        false
    }

    fn requires_v2(&mut self, path: impl Into<String>, what: &str) {
        if !self.index.v2 {
            self.error(
                "E_REQUIRES_V2",
                path,
                format!("{what} needs pipelineType V2; set `pipelineType: V2` on the pipeline or remove it"),
            );
        }
    }

    /// A list the API bounds: empty is an error, over the quota a warning.
    fn list_len(&mut self, path: &str, len: usize, max: usize, what: &str) {
        if len == 0 {
            self.error(
                "E_LIST_EMPTY",
                path,
                format!("{what} is an empty list; remove it or add at least one entry"),
            );
        } else if len > max {
            self.aws_limit(
                path,
                format!("{what} has {len} entries; CodePipeline allows at most {max}"),
            );
        }
    }

    fn aws_limit(&mut self, path: impl Into<String>, what: String) {
        self.warning(
            "W_AWS_LIMIT",
            path,
            format!("{what}: Pipewright runs it, but AWS would refuse this pipeline on export; reduce it to stay within the quota"),
        );
    }

    fn role_arn(&mut self, path: impl Into<String>, value: &str) {
        if !checks::is_role_arn(value) {
            self.error(
                "E_ROLE_ARN_INVALID",
                path,
                format!("roleArn `{value}` is not an IAM role ARN; use arn:aws:iam::<12-digit account>:role/<name>"),
            );
        }
    }

    fn region(&mut self, path: impl Into<String>, value: &str) {
        if !checks::len_between(value, 4, 30) {
            self.error(
                "E_VALUE_INVALID",
                path,
                format!(
                    "region `{value}` is not an AWS region name (4–30 characters, e.g. us-east-1)"
                ),
            );
        }
    }

    fn pipeline(&mut self) {
        let p = self.p;
        self.pattern(
            "E_PIPELINE_NAME_INVALID",
            "/name",
            &p.name,
            &checks::NAME,
            "the pipeline name",
        );
        if let Some(arn) = &p.role_arn {
            self.role_arn("/roleArn", arn);
        }
        if let Some(store) = &p.artifact_store {
            if p.artifact_stores.is_some() {
                self.error(
                    "E_ARTIFACT_STORE_CONFLICT",
                    "/artifactStore",
                    "the pipeline has both artifactStore and artifactStores; keep artifactStore for a single-region pipeline or artifactStores for cross-region actions",
                );
            }
            self.artifact_store("/artifactStore", store);
        }
        if let Some(stores) = &p.artifact_stores {
            for (region, store) in stores {
                let path = pointer(&["artifactStores", region]);
                self.region(path.clone(), region);
                self.artifact_store(&path, store);
            }
        }
        self.stages();
        if let Some(version) = p.version {
            if version < 1 {
                self.error(
                    "E_VALUE_INVALID",
                    "/version",
                    format!("version {version} must be 1 or more"),
                );
            }
        }
        if let Some(mode) = &p.execution_mode {
            if self.enum_value("/executionMode", mode, EXECUTION_MODES, "executionMode")
                && mode != "SUPERSEDED"
            {
                self.requires_v2("/executionMode", &format!("executionMode {mode}"));
            }
        }
        if let Some(t) = &p.pipeline_type {
            self.enum_value("/pipelineType", t, PIPELINE_TYPES, "pipelineType");
        }
        if let Some(vars) = &p.variables {
            self.pipeline_variables(vars);
        }
        if let Some(triggers) = &p.triggers {
            self.triggers(triggers);
        }
    }

    fn artifact_store(&mut self, path: &str, store: &crate::model::ArtifactStore) {
        self.enum_value(
            format!("{path}/type"),
            &store.store_type,
            &["S3"],
            "artifact store type",
        );
        self.pattern(
            "E_VALUE_INVALID",
            format!("{path}/location"),
            &store.location,
            &checks::STORE_LOCATION,
            "the artifact store location (an S3 bucket name)",
        );
        if let Some(key) = &store.encryption_key {
            if !checks::len_between(&key.id, 1, 400) {
                self.error(
                    "E_VALUE_INVALID",
                    format!("{path}/encryptionKey/id"),
                    "the encryption key id must be a KMS key id, ARN or alias of 1–400 characters",
                );
            }
            self.enum_value(
                format!("{path}/encryptionKey/type"),
                &key.key_type,
                &["KMS"],
                "encryption key type",
            );
        }
    }

    fn pipeline_variables(&mut self, vars: &[crate::model::PipelineVariableDeclaration]) {
        self.requires_v2("/variables", "pipeline-level variables");
        if vars.len() > limits::PIPELINE_VARIABLES {
            self.aws_limit(
                "/variables",
                format!(
                    "the pipeline declares {} variables; CodePipeline allows at most {}",
                    vars.len(),
                    limits::PIPELINE_VARIABLES
                ),
            );
        }
        let mut seen = HashSet::new();
        for (i, var) in vars.iter().enumerate() {
            let path = format!("/variables/{i}");
            self.pattern(
                "E_VARIABLE_NAME_INVALID",
                format!("{path}/name"),
                &var.name,
                &checks::VARIABLE_NAME,
                "the variable name",
            );
            if !seen.insert(var.name.as_str()) {
                self.error(
                    "E_VARIABLE_DUPLICATE",
                    format!("{path}/name"),
                    format!(
                        "the pipeline variable `{}` is declared twice; rename or remove one",
                        var.name
                    ),
                );
            }
            if let Some(d) = &var.default_value {
                if !checks::len_between(d, 1, 1000) {
                    self.error(
                        "E_VALUE_INVALID",
                        format!("{path}/defaultValue"),
                        "a variable's defaultValue must have 1–1000 characters; remove it rather than leave it empty",
                    );
                }
            }
            if let Some(d) = &var.description {
                if d.chars().count() > 200 {
                    self.error(
                        "E_VALUE_INVALID",
                        format!("{path}/description"),
                        "a variable's description may have at most 200 characters; shorten it",
                    );
                }
            }
        }
    }

    /// Resolve the variable references in `text` for a consumer at `pos`; `own` is the
    /// consuming action (its own namespace does not count).
    fn variable_refs(
        &mut self,
        path: &str,
        text: &str,
        pos: Position,
        own: Option<(usize, usize)>,
    ) {
        if !text.contains("#{") {
            return;
        }
        for r in refs::references(text) {
            match r {
                refs::Reference::Malformed(raw) => self.warning(
                    "W_VARIABLE_SYNTAX",
                    path,
                    format!("`{raw}` looks like a variable reference but is not #{{Namespace.Name}}; fix it or it is passed on literally"),
                ),
                refs::Reference::Var { namespace, name } => self.variable_ref(path, namespace, name, pos, own),
            }
        }
    }

    fn variable_ref(
        &mut self,
        path: &str,
        namespace: &str,
        name: &str,
        pos: Position,
        own: Option<(usize, usize)>,
    ) {
        let full = format!("#{{{namespace}.{name}}}");
        if namespace == "codepipeline" {
            if !CODEPIPELINE_VARIABLES.contains(&name) {
                self.error(
                    "E_VARIABLE_UNRESOLVED",
                    path,
                    format!("{full}: the codepipeline namespace only has {}; use #{{codepipeline.PipelineExecutionId}}", CODEPIPELINE_VARIABLES.join(", ")),
                );
            }
            return;
        }
        if namespace == "variables" {
            if !self.index.variables.contains(name) {
                let hint = did_you_mean(name, self.index.variables.iter().copied())
                    .map(|s| format!(" Did you mean `{s}`?"))
                    .unwrap_or_default();
                self.error(
                    "E_VARIABLE_UNRESOLVED",
                    path,
                    format!("{full}: the pipeline declares no variable `{name}`; add it to the pipeline's `variables` or fix the name.{hint}"),
                );
            }
            return;
        }
        let Some(&decl) = self.index.namespaces.get(namespace) else {
            let hint = did_you_mean(namespace, self.index.namespaces.keys().copied())
                .map(|s| format!(" Did you mean `{s}`?"))
                .unwrap_or_default();
            self.error(
                "E_VARIABLE_UNRESOLVED",
                path,
                format!("{full}: no action declares the namespace `{namespace}`; set `namespace: {namespace}` on the upstream action that emits it.{hint}"),
            );
            return;
        };
        let producer = &self.p.stages[decl.stage].actions[decl.action];
        if own == Some((decl.stage, decl.action)) {
            self.error(
                "E_VARIABLE_UNRESOLVED",
                path,
                format!("{full}: `{namespace}` is this action's own namespace; an action can only use variables of actions that ran before it"),
            );
            return;
        }
        if !decl.pos.before(pos) {
            self.error(
                "E_VARIABLE_UNRESOLVED",
                path,
                format!(
                    "{full}: the namespace `{namespace}` belongs to action `{}` (stage `{}`), which does not run before this point; move that action earlier (an earlier stage or a lower runOrder)",
                    producer.name, self.p.stages[decl.stage].name
                ),
            );
            return;
        }
        let t = &producer.action_type_id;
        if let Some(schema) = find_provider(&t.category, &t.owner, &t.provider) {
            let known: Option<Vec<&str>> = match &schema.variables {
                crate::providers::ProviderVariables::None => Some(vec![]),
                crate::providers::ProviderVariables::Fixed { names } => {
                    Some(names.iter().map(String::as_str).collect())
                }
                crate::providers::ProviderVariables::Open { .. } => None,
                crate::providers::ProviderVariables::OutputVariables => Some(
                    producer
                        .output_variables
                        .iter()
                        .flatten()
                        .map(String::as_str)
                        .collect(),
                ),
            };
            if let Some(known) = known {
                if !known.contains(&name) {
                    let listed = if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    };
                    self.warning(
                        "W_VARIABLE_UNKNOWN",
                        path,
                        format!(
                            "{full}: action `{}` ({}/{}) does not emit `{name}` (it emits: {listed}); the reference would stay empty",
                            producer.name, t.owner, t.provider
                        ),
                    );
                }
            }
        }
    }

    /// Where an input artifact comes from; `pos` is the consumer's position.
    fn input_artifact(
        &mut self,
        path: String,
        name: &str,
        pos: Position,
        own: Option<(usize, usize)>,
    ) {
        self.pattern(
            "E_ARTIFACT_NAME_INVALID",
            format!("{path}/name"),
            name,
            &checks::ARTIFACT_NAME,
            "the artifact name",
        );
        match self.index.producers.get(name).copied() {
            None => {
                let hint = did_you_mean(name, self.index.producers.keys().copied())
                    .map(|s| format!(" Did you mean `{s}`?"))
                    .unwrap_or_default();
                self.error(
                    "E_ARTIFACT_UNDEFINED",
                    path,
                    format!("input artifact `{name}` is not produced by any action; add it to an upstream action's outputArtifacts or fix the name.{hint}"),
                );
            }
            Some(prod) if own == Some((prod.stage, prod.action)) => self.error(
                "E_ARTIFACT_PRODUCED_LATER",
                path,
                format!("input artifact `{name}` is an output of this same action; an action can only consume artifacts of actions that ran before it"),
            ),
            Some(prod) if !prod.pos.before(pos) => {
                let producer = &self.p.stages[prod.stage].actions[prod.action];
                let where_ = if prod.stage == pos.stage {
                    format!("runOrder {} of this stage", prod.pos.run_order)
                } else {
                    format!("stage `{}`", self.p.stages[prod.stage].name)
                };
                self.error(
                    "E_ARTIFACT_PRODUCED_LATER",
                    path,
                    format!(
                        "input artifact `{name}` is produced by action `{}` in {where_}, which does not run before this point; move the producer earlier or this action later (a later stage or a higher runOrder)",
                        producer.name
                    ),
                );
            }
            Some(_) => {}
        }
    }

    fn schema_for(&self, action: &ActionDeclaration) -> Option<&'static ProviderSchema> {
        let t = &action.action_type_id;
        find_provider(&t.category, &t.owner, &t.provider)
    }
}

/// A JSON pointer from raw segments (escaping `~` and `/`).
fn pointer(segments: &[&str]) -> String {
    let mut out = String::new();
    for s in segments {
        crate::format::push_pointer(&mut out, s);
    }
    out
}

/// Append an escaped key to a pointer.
fn push_key(path: &str, key: &str) -> String {
    let mut out = path.to_string();
    crate::format::push_pointer(&mut out, key);
    out
}
