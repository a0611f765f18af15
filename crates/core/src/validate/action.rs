//! Action-level rules: type, placement, runOrder, configuration against the provider schema,
//! artifacts, commands, variables, namespace, timeouts and local settings.

use super::suggest::did_you_mean;
use super::{checks, limits, push_key, Position, Validator, ENV_VAR_TYPES, RESERVED_NAMESPACES};
use crate::format::{classify_path, PathClass};
use crate::model::ActionDeclaration;
use crate::providers::{
    providers_named, ConfigValueKind, ProviderSchema, Support, CATEGORIES, OWNERS,
};

impl Validator<'_> {
    pub(super) fn action(&mut self, si: usize, ai: usize, a: &ActionDeclaration, path: &str) {
        let pos = Position::of(si, a);
        let own = Some((si, ai));
        self.pattern(
            "E_ACTION_NAME_INVALID",
            format!("{path}/name"),
            &a.name,
            &checks::NAME,
            "the action name",
        );

        // actionTypeId
        let t = &a.action_type_id;
        let tpath = format!("{path}/actionTypeId");
        let category_ok = self.enum_value(
            format!("{tpath}/category"),
            &t.category,
            CATEGORIES,
            "category",
        );
        let owner_ok = self.enum_value(format!("{tpath}/owner"), &t.owner, OWNERS, "owner");
        self.pattern(
            "E_VALUE_INVALID",
            format!("{tpath}/provider"),
            &t.provider,
            &checks::PROVIDER,
            "the provider",
        );
        self.pattern(
            "E_VALUE_INVALID",
            format!("{tpath}/version"),
            &t.version,
            &checks::VERSION,
            "the version",
        );
        if category_ok {
            if si == 0 && t.category != "Source" {
                self.error(
                    "E_FIRST_STAGE_NOT_SOURCE",
                    format!("{tpath}/category"),
                    format!(
                        "action `{}` is a {} action in the first stage; the first stage may only hold Source actions: move it to a later stage",
                        a.name, t.category
                    ),
                );
            } else if si > 0 && t.category == "Source" {
                self.error(
                    "E_SOURCE_NOT_FIRST",
                    format!("{tpath}/category"),
                    format!("action `{}` is a Source action outside the first stage; move it to the first stage", a.name),
                );
            }
        }
        let schema = self.schema_for(a);
        if schema.is_none() && category_ok && owner_ok {
            let others: Vec<&ProviderSchema> = providers_named(&t.owner, &t.provider).collect();
            if others.is_empty() {
                if checks::PROVIDER.problem(&t.provider).is_none() {
                    self.info(
                        "I_PROVIDER_UNKNOWN",
                        format!("{tpath}/provider"),
                        format!(
                            "Pipewright has no schema for {}/{}; its configuration and artifacts are not checked, and it cannot run locally",
                            t.owner, t.provider
                        ),
                    );
                }
            } else {
                let cats: Vec<&str> = others
                    .iter()
                    .flat_map(|s| s.categories.iter().map(String::as_str))
                    .collect();
                self.error(
                    "E_PROVIDER_CATEGORY",
                    format!("{tpath}/category"),
                    format!(
                        "{}/{} cannot be a {} action; use category {}",
                        t.owner,
                        t.provider,
                        t.category,
                        cats.join(" or ")
                    ),
                );
            }
        }
        if t.owner == "AWS" && t.provider == "Commands" {
            self.requires_v2(format!("{tpath}/provider"), "a Commands action");
        }

        if let Some(r) = a.run_order {
            if !(1..=999).contains(&r) {
                self.error(
                    "E_RUN_ORDER_RANGE",
                    format!("{path}/runOrder"),
                    format!("runOrder {r} is out of range; use 1 to 999 (actions with the same runOrder run in parallel)"),
                );
            }
        }

        self.configuration(a, schema, path, pos, own);
        self.commands(a, schema, path, pos, own);
        self.output_artifacts(si, ai, a, schema, path);
        let inputs = a.input_artifacts.as_deref().unwrap_or(&[]);
        if let Some(s) = schema {
            if !s.input_artifacts.contains(inputs.len()) {
                self.error(
                    "E_INPUT_ARTIFACTS_COUNT",
                    if a.input_artifacts.is_some() {
                        format!("{path}/inputArtifacts")
                    } else {
                        path.to_string()
                    },
                    format!(
                        "{}/{} takes {} input artifact(s), this action has {}; {}",
                        s.owner,
                        s.provider,
                        s.input_artifacts.describe(),
                        inputs.len(),
                        if inputs.len() < s.input_artifacts.min as usize {
                            "add inputArtifacts"
                        } else {
                            "remove some inputArtifacts"
                        }
                    ),
                );
            }
        }
        for (i, input) in inputs.iter().enumerate() {
            self.input_artifact(format!("{path}/inputArtifacts/{i}"), &input.name, pos, own);
        }
        if let Some(vars) = &a.output_variables {
            let vpath = format!("{path}/outputVariables");
            if schema.is_some_and(|s| !s.output_variables) {
                self.error(
                    "E_OUTPUT_VARIABLES_NOT_ALLOWED",
                    vpath.clone(),
                    format!("{}/{} does not take outputVariables (only Commands-style actions do); remove them", t.owner, t.provider),
                );
            }
            self.list_len(
                &vpath,
                vars.len(),
                limits::OUTPUT_VARIABLES,
                "outputVariables",
            );
            for (i, v) in vars.iter().enumerate() {
                if v.is_empty() {
                    self.error(
                        "E_VALUE_INVALID",
                        format!("{vpath}/{i}"),
                        "an output variable name is empty; remove it",
                    );
                } else if v.chars().count() > 128 {
                    self.aws_limit(
                        format!("{vpath}/{i}"),
                        "an output variable name has more than 128 characters".to_string(),
                    );
                }
            }
        }
        if let Some(arn) = &a.role_arn {
            self.role_arn(format!("{path}/roleArn"), arn);
        }
        if let Some(region) = &a.region {
            let rpath = format!("{path}/region");
            self.region(rpath.clone(), region);
            match (&self.p.artifact_stores, &self.p.artifact_store) {
                (Some(stores), _) if !stores.contains_key(region) => self.error(
                    "E_REGION_NO_ARTIFACT_STORE",
                    rpath,
                    format!("action region `{region}` has no entry in the pipeline's artifactStores; add an artifact store for {region}"),
                ),
                (None, _) => self.warning(
                    "W_REGION_NEEDS_ARTIFACT_STORES",
                    rpath,
                    format!("action region `{region}`: cross-region actions need artifactStores (one S3 bucket per region) instead of artifactStore"),
                ),
                _ => {}
            }
        }
        if let Some(ns) = &a.namespace {
            self.namespace(si, ai, ns, &format!("{path}/namespace"));
        }
        if let Some(minutes) = a.timeout_in_minutes {
            let mpath = format!("{path}/timeoutInMinutes");
            if !(t.category == "Approval" && t.owner == "AWS" && t.provider == "Manual") {
                self.error(
                    "E_TIMEOUT_NOT_ALLOWED",
                    mpath,
                    "timeoutInMinutes is only available on Manual approval actions; for a local run timeout use `pipewright: {timeoutMinutes: …}`",
                );
            } else if !(5..=86400).contains(&minutes) {
                self.error(
                    "E_TIMEOUT_RANGE",
                    mpath,
                    format!("timeoutInMinutes {minutes} is out of range; use 5 to 86400 minutes (60 days)"),
                );
            }
        }
        if let Some(env) = &a.environment_variables {
            let epath = format!("{path}/environmentVariables");
            if schema.is_some_and(|s| !s.environment_variables) {
                self.warning(
                    "W_ENVIRONMENT_VARIABLES_IGNORED",
                    epath.clone(),
                    format!("{}/{} does not use environmentVariables (Commands-style actions do); remove them or set them in the provider's configuration", t.owner, t.provider),
                );
            }
            self.list_len(
                &epath,
                env.len(),
                limits::ENVIRONMENT_VARIABLES,
                "environmentVariables",
            );
            for (i, e) in env.iter().enumerate() {
                let p = format!("{epath}/{i}");
                self.pattern(
                    "E_VALUE_INVALID",
                    format!("{p}/name"),
                    &e.name,
                    &checks::ENV_NAME,
                    "the environment variable name",
                );
                if !checks::len_between(&e.value, 1, 2000) {
                    self.error(
                        "E_VALUE_INVALID",
                        format!("{p}/value"),
                        format!(
                            "environment variable `{}` must have a value of 1–2000 characters",
                            e.name
                        ),
                    );
                }
                if let Some(ty) = &e.var_type {
                    self.enum_value(
                        format!("{p}/type"),
                        ty,
                        ENV_VAR_TYPES,
                        "environment variable type",
                    );
                }
                self.variable_refs(&format!("{p}/value"), &e.value, pos, own);
            }
        }
        if let Some(local) = &a.pipewright {
            let lpath = format!("{path}/pipewright");
            if let Some(m) = local.timeout_minutes {
                if !(m.is_finite() && m > 0.0) {
                    self.error(
                        "E_LOCAL_TIMEOUT",
                        format!("{lpath}/timeoutMinutes"),
                        format!("pipewright.timeoutMinutes {m} must be a positive number of minutes (fractions allowed)"),
                    );
                }
            }
            if let Some(cpus) = local.cpus {
                if !(cpus.is_finite() && cpus > 0.0 && cpus <= 1024.0) {
                    self.error(
                        "E_LOCAL_LIMIT",
                        format!("{lpath}/cpus"),
                        format!("pipewright.cpus {cpus} must be a number of CPUs above 0 (fractions allowed, e.g. 0.5)"),
                    );
                }
            }
            if let Some(memory) = &local.memory {
                if let Err(why) = crate::model::parse_memory(memory) {
                    self.error(
                        "E_LOCAL_LIMIT",
                        format!("{lpath}/memory"),
                        format!("pipewright.memory {why}"),
                    );
                }
            }
            if let Some(image) = &local.image {
                if image.trim().is_empty() {
                    self.error(
                        "E_VALUE_INVALID",
                        format!("{lpath}/image"),
                        "pipewright.image is empty; name an image or remove it",
                    );
                }
            }
            if let Some(repo) = &local.repository {
                if matches!(classify_path(repo), PathClass::Relative | PathClass::Home)
                    || repo.trim().is_empty()
                {
                    self.error(
                        "E_LOCAL_REPOSITORY",
                        format!("{lpath}/repository"),
                        format!("pipewright.repository `{repo}` must be an absolute path or a URL"),
                    );
                }
            }
        }
    }

    fn configuration(
        &mut self,
        a: &ActionDeclaration,
        schema: Option<&'static ProviderSchema>,
        path: &str,
        pos: Position,
        own: Option<(usize, usize)>,
    ) {
        let cpath = format!("{path}/configuration");
        if let Some(config) = &a.configuration {
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
                        format!("configuration `{k}` is empty; give it a value or remove the key"),
                    );
                } else if v.chars().count() > limits::CONFIG_VALUE_CHARS {
                    self.error(
                        "E_CONFIG_TOO_LONG",
                        kpath.clone(),
                        format!(
                            "configuration `{k}` has {} characters; values may have at most {} (move long content into a file in the source)",
                            v.chars().count(),
                            limits::CONFIG_VALUE_CHARS
                        ),
                    );
                }
                if let Some(s) = schema {
                    match crate::providers::config_key(s, k) {
                        None => {
                            let hint =
                                did_you_mean(k, s.configuration.iter().map(|c| c.name.as_str()))
                                    .map(|x| format!(" Did you mean `{x}`?"))
                                    .unwrap_or_default();
                            let known = if s.configuration.is_empty() {
                                "it takes no configuration".to_string()
                            } else {
                                format!(
                                    "it takes {}",
                                    s.configuration
                                        .iter()
                                        .map(|c| c.name.as_str())
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                )
                            };
                            self.warning(
                                "W_CONFIG_UNKNOWN_KEY",
                                kpath.clone(),
                                format!("{}/{} has no configuration key `{k}` ({known}); remove it or fix the name.{hint}", s.owner, s.provider),
                            );
                        }
                        Some(key) if !v.is_empty() && !v.contains("#{") => {
                            if let Some(problem) = kind_problem(&key.kind, v) {
                                self.error(
                                    "E_CONFIG_VALUE_INVALID",
                                    kpath.clone(),
                                    format!(
                                        "configuration `{k}` is `{}`, but {problem}",
                                        shorten(v)
                                    ),
                                );
                            }
                        }
                        Some(_) => {}
                    }
                }
                self.variable_refs(&kpath, v, pos, own);
            }
        }
        if let Some(s) = schema {
            for key in s.configuration.iter().filter(|k| k.required) {
                if !a
                    .configuration
                    .as_ref()
                    .is_some_and(|c| c.contains_key(&key.name))
                {
                    self.error(
                        "E_CONFIG_REQUIRED",
                        if a.configuration.is_some() {
                            cpath.clone()
                        } else {
                            path.to_string()
                        },
                        format!(
                            "{}/{} needs configuration `{}` ({}); add it",
                            s.owner,
                            s.provider,
                            key.name,
                            key.description.trim_end_matches('.')
                        ),
                    );
                }
            }
        }
    }

    fn commands(
        &mut self,
        a: &ActionDeclaration,
        schema: Option<&'static ProviderSchema>,
        path: &str,
        pos: Position,
        own: Option<(usize, usize)>,
    ) {
        let t = &a.action_type_id;
        let cpath = format!("{path}/commands");
        match (schema.map(|s| s.commands), &a.commands) {
            (Some(Support::Forbidden), Some(_)) => self.error(
                "E_COMMANDS_NOT_ALLOWED",
                cpath.clone(),
                format!(
                    "{}/{} does not run `commands`; remove them or use a Commands (AWS) or Container (local) action",
                    t.owner, t.provider
                ),
            ),
            (Some(Support::Required), None) => self.error(
                "E_COMMANDS_REQUIRED",
                path,
                format!("{}/{} needs a `commands` list; add the shell commands to run", t.owner, t.provider),
            ),
            _ => {}
        }
        if let Some(commands) = &a.commands {
            self.list_len(&cpath, commands.len(), limits::COMMANDS, "commands");
            for (i, c) in commands.iter().enumerate() {
                let p = format!("{cpath}/{i}");
                if c.trim().is_empty() {
                    self.error(
                        "E_VALUE_INVALID",
                        p.clone(),
                        "a command is empty; remove it",
                    );
                } else if c.chars().count() > limits::COMMAND_CHARS {
                    self.aws_limit(
                        p.clone(),
                        format!(
                            "a command has more than {} characters",
                            limits::COMMAND_CHARS
                        ),
                    );
                }
                self.variable_refs(&p, c, pos, own);
            }
        }
    }

    fn output_artifacts(
        &mut self,
        si: usize,
        ai: usize,
        a: &ActionDeclaration,
        schema: Option<&'static ProviderSchema>,
        path: &str,
    ) {
        let outputs = a.output_artifacts.as_deref().unwrap_or(&[]);
        if let Some(s) = schema {
            if !s.output_artifacts.contains(outputs.len()) {
                self.error(
                    "E_OUTPUT_ARTIFACTS_COUNT",
                    if a.output_artifacts.is_some() {
                        format!("{path}/outputArtifacts")
                    } else {
                        path.to_string()
                    },
                    format!(
                        "{}/{} produces {} output artifact(s), this action declares {}; {}",
                        s.owner,
                        s.provider,
                        s.output_artifacts.describe(),
                        outputs.len(),
                        if outputs.len() < s.output_artifacts.min as usize {
                            "add outputArtifacts"
                        } else {
                            "remove some outputArtifacts"
                        }
                    ),
                );
            }
        }
        for (i, o) in outputs.iter().enumerate() {
            let opath = format!("{path}/outputArtifacts/{i}");
            self.pattern(
                "E_ARTIFACT_NAME_INVALID",
                format!("{opath}/name"),
                &o.name,
                &checks::ARTIFACT_NAME,
                "the artifact name",
            );
            if let Some(first) = self.index.producers.get(o.name.as_str()).copied() {
                if (first.stage, first.action) != (si, ai)
                    || outputs[..i].iter().any(|p| p.name == o.name)
                {
                    let by = &self.p.stages[first.stage].actions[first.action].name;
                    self.error(
                        "E_ARTIFACT_DUPLICATE",
                        format!("{opath}/name"),
                        format!("output artifact `{}` is already produced by action `{by}`; output artifact names must be unique in the pipeline: rename one", o.name),
                    );
                }
            }
            if let Some(files) = &o.files {
                let fpath = format!("{opath}/files");
                if schema.is_some_and(|s| !s.output_files) {
                    let t = &a.action_type_id;
                    self.error(
                        "E_FILES_NOT_ALLOWED",
                        fpath.clone(),
                        format!("{}/{} does not take `files` on output artifacts (Commands-style actions do); remove them", t.owner, t.provider),
                    );
                }
                self.list_len(&fpath, files.len(), limits::FILES, "files");
                for (fi, f) in files.iter().enumerate() {
                    if f.is_empty() {
                        self.error(
                            "E_VALUE_INVALID",
                            format!("{fpath}/{fi}"),
                            "a file pattern is empty; remove it",
                        );
                    } else if f.chars().count() > 128 {
                        self.aws_limit(
                            format!("{fpath}/{fi}"),
                            "a file pattern has more than 128 characters".to_string(),
                        );
                    }
                }
            }
        }
    }

    fn namespace(&mut self, si: usize, ai: usize, ns: &str, path: &str) {
        self.pattern(
            "E_NAMESPACE_INVALID",
            path,
            ns,
            &checks::NAMESPACE,
            "the namespace",
        );
        if RESERVED_NAMESPACES
            .iter()
            .any(|r| r.eq_ignore_ascii_case(ns))
        {
            self.error(
                "E_NAMESPACE_RESERVED",
                path,
                format!("the namespace `{ns}` is reserved by CodePipeline (codepipeline, variables); choose another, e.g. `{ns}Vars`"),
            );
        }
        if let Some(first) = self.index.namespaces.get(ns).copied() {
            if (first.stage, first.action) != (si, ai) {
                let by = &self.p.stages[first.stage].actions[first.action].name;
                self.error(
                    "E_NAMESPACE_DUPLICATE",
                    path,
                    format!("the namespace `{ns}` is already used by action `{by}`; namespaces must be unique in the pipeline: rename one"),
                );
            }
        }
        if self.index.producers.contains_key(ns) {
            self.error(
                "E_NAMESPACE_CONFLICT",
                path,
                format!("the namespace `{ns}` is also an artifact name; CodePipeline requires them to differ: rename the namespace"),
            );
        }
    }
}

/// What is wrong with a configuration value for its kind, if anything.
fn kind_problem(kind: &ConfigValueKind, v: &str) -> Option<String> {
    match kind {
        ConfigValueKind::String => None,
        ConfigValueKind::Bool => (!v.eq_ignore_ascii_case("true") && !v.eq_ignore_ascii_case("false"))
            .then(|| "it must be \"true\" or \"false\"".to_string()),
        ConfigValueKind::Integer { min, max } => match v.trim().parse::<i64>() {
            Err(_) => Some("it must be a whole number".to_string()),
            Ok(n) if min.is_some_and(|m| n < i64::from(m)) || max.is_some_and(|m| n > i64::from(m)) => Some(format!(
                "it must be between {} and {}",
                min.map_or("-∞".to_string(), |m| m.to_string()),
                max.map_or("∞".to_string(), |m| m.to_string())
            )),
            Ok(_) => None,
        },
        ConfigValueKind::Enum { values } => (!values.iter().any(|x| x == v)).then(|| {
            let hint = did_you_mean(v, values.iter().map(String::as_str))
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            format!("it must be one of {}{hint}", values.join(", "))
        }),
        ConfigValueKind::AbsolutePath => match classify_path(v) {
            PathClass::Absolute | PathClass::Skip => None,
            PathClass::Url => Some("it must be a path on this machine, not a URL".to_string()),
            PathClass::Relative | PathClass::Home => Some(
                "it must be an absolute path (import resolves relative paths against the file's folder; pasted text cannot)"
                    .to_string(),
            ),
        },
        ConfigValueKind::Url => {
            let ok = v.starts_with("http://") || v.starts_with("https://");
            (!ok).then(|| "it must be an http:// or https:// URL".to_string())
        }
        ConfigValueKind::PathOrUrl => match classify_path(v) {
            PathClass::Relative | PathClass::Home => Some("it must be an absolute path or a URL".to_string()),
            _ => None,
        },
        ConfigValueKind::Json => serde_json::from_str::<serde_json::Value>(v)
            .err()
            .map(|e| format!("it must be JSON text ({e})")),
    }
}

fn shorten(v: &str) -> String {
    let s: String = v.chars().take(60).collect();
    if s.len() < v.len() {
        format!("{s}…")
    } else {
        s
    }
}
