//! Variables, as CodePipeline resolves them:
//! - pipeline variables: the declared defaults, overridden at start (an undeclared name is
//!   refused); referenced as `#{variables.name}`;
//! - `#{codepipeline.PipelineExecutionId}`;
//! - `#{Namespace.Name}`: an output variable of the upstream action with that namespace.
//!
//! References are resolved in configuration values, commands and environment variable
//! values. Something like `#{…}` that is not `#{Namespace.Name}` is passed on literally (the
//! validator warns about it). Environment variables of type SECRETS_MANAGER are refused
//! until the secret store exists.

use pipewright_core::model::{ActionDeclaration, PipelineDocument, PipelineVariableDeclaration};
use pipewright_store::execution::ResolvedVariable;
use std::collections::BTreeMap;

/// Output variables of succeeded upstream actions, by namespace.
pub type Namespaces = BTreeMap<String, BTreeMap<String, String>>;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VariableError {
    #[error("the pipeline declares no variable `{name}` ({}); declare it in the pipeline's `variables` or drop the override", declared_list(declared))]
    Undeclared { name: String, declared: Vec<String> },
    #[error("{reference} in {place} cannot be resolved: {why}")]
    Unresolved {
        reference: String,
        place: String,
        why: String,
    },
    #[error("environment variable `{name}` of action `{action}` has type SECRETS_MANAGER: secret stores come in a later version; use a PLAINTEXT value for local runs for now")]
    Secret { action: String, name: String },
}

fn declared_list(names: &[String]) -> String {
    if names.is_empty() {
        "it declares none".to_string()
    } else {
        format!("it declares {}", names.join(", "))
    }
}

/// The pipeline variables of a new execution: every declared default, overridden by
/// `overrides`. A declared variable without default nor override is left out (a reference
/// to it fails, naming it).
pub fn resolve_pipeline_variables(
    declared: Option<&[PipelineVariableDeclaration]>,
    overrides: &BTreeMap<String, String>,
) -> Result<Vec<ResolvedVariable>, VariableError> {
    let declared = declared.unwrap_or_default();
    if let Some(name) = overrides
        .keys()
        .find(|name| !declared.iter().any(|d| &d.name == *name))
    {
        return Err(VariableError::Undeclared {
            name: name.clone(),
            declared: declared.iter().map(|d| d.name.clone()).collect(),
        });
    }
    Ok(declared
        .iter()
        .filter_map(|d| {
            let value = overrides.get(&d.name).or(d.default_value.as_ref())?;
            Some(ResolvedVariable {
                name: d.name.clone(),
                resolved_value: value.clone(),
            })
        })
        .collect())
}

/// Refuse environment variables of type SECRETS_MANAGER anywhere in the pipeline.
pub fn check_secrets(doc: &PipelineDocument) -> Result<(), VariableError> {
    for stage in &doc.pipeline.stages {
        for action in &stage.actions {
            check_action_secrets(&format!("{}/{}", stage.name, action.name), action)?;
        }
    }
    Ok(())
}

fn check_action_secrets(label: &str, action: &ActionDeclaration) -> Result<(), VariableError> {
    for env in action.environment_variables.iter().flatten() {
        if env.var_type.as_deref() == Some("SECRETS_MANAGER") {
            return Err(VariableError::Secret {
                action: label.to_string(),
                name: env.name.clone(),
            });
        }
    }
    Ok(())
}

/// What references resolve against for one action.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    pub execution_id: &'a str,
    pub pipeline_variables: &'a [ResolvedVariable],
    /// Every variable the pipeline declares (to tell "undeclared" from "no value").
    pub declared: &'a [PipelineVariableDeclaration],
    pub namespaces: &'a Namespaces,
}

impl Scope<'_> {
    fn lookup(&self, namespace: &str, name: &str) -> Result<String, String> {
        match namespace {
            "codepipeline" => match name {
                "PipelineExecutionId" => Ok(self.execution_id.to_string()),
                _ => Err("the codepipeline namespace only has PipelineExecutionId".to_string()),
            },
            "variables" => {
                if let Some(v) = self.pipeline_variables.iter().find(|v| v.name == name) {
                    Ok(v.resolved_value.clone())
                } else if self.declared.iter().any(|d| d.name == name) {
                    Err(format!(
                        "pipeline variable `{name}` has no default value and none was given at start; pass one (--var {name}=VALUE)"
                    ))
                } else {
                    Err(format!("the pipeline declares no variable `{name}`"))
                }
            }
            _ => match self.namespaces.get(namespace) {
                Some(vars) => vars.get(name).cloned().ok_or_else(|| {
                    let known: Vec<&str> = vars.keys().map(String::as_str).collect();
                    format!(
                        "the action with namespace `{namespace}` produced no variable `{name}` (it produced {})",
                        if known.is_empty() { "none".to_string() } else { known.join(", ") }
                    )
                }),
                None => Err(format!(
                    "no upstream action with namespace `{namespace}` has succeeded in this execution"
                )),
            },
        }
    }
}

/// Replace every `#{Namespace.Name}` in `text`; `place` names where it is (for errors).
pub fn substitute(text: &str, scope: &Scope<'_>, place: &str) -> Result<String, VariableError> {
    if !text.contains("#{") {
        return Ok(text.to_string());
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("#{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            return Ok(out);
        };
        let inner = &after[..end];
        match parse(inner) {
            Some((namespace, name)) => {
                let value =
                    scope
                        .lookup(namespace, name)
                        .map_err(|why| VariableError::Unresolved {
                            reference: format!("#{{{inner}}}"),
                            place: place.to_string(),
                            why,
                        })?;
                out.push_str(&value);
            }
            None => out.push_str(&rest[start..start + 2 + end + 1]),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// `namespace.name`, by the same rules as the validator.
fn parse(inner: &str) -> Option<(&str, &str)> {
    let (namespace, name) = inner.split_once('.')?;
    let ns_ok = !namespace.is_empty()
        && namespace
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '@' | '-' | '_'));
    let name_ok = !name.is_empty() && !name.contains(|c: char| c.is_whitespace() || c == '{');
    (ns_ok && name_ok).then_some((namespace, name))
}

/// The action with every reference in its configuration values, commands and environment
/// variable values resolved. `label` is `Stage/Action`.
pub fn resolve_action(
    action: &ActionDeclaration,
    label: &str,
    scope: &Scope<'_>,
) -> Result<ActionDeclaration, VariableError> {
    check_action_secrets(label, action)?;
    let mut out = action.clone();
    if let Some(config) = out.configuration.as_mut() {
        for (key, value) in config.iter_mut() {
            *value = substitute(
                value,
                scope,
                &format!("configuration `{key}` of action `{label}`"),
            )?;
        }
    }
    if let Some(commands) = out.commands.as_mut() {
        for (i, command) in commands.iter_mut().enumerate() {
            *command = substitute(
                command,
                scope,
                &format!("command {} of action `{label}`", i + 1),
            )?;
        }
    }
    if let Some(env) = out.environment_variables.as_mut() {
        for var in env.iter_mut() {
            var.value = substitute(
                &var.value,
                scope,
                &format!("environment variable `{}` of action `{label}`", var.name),
            )?;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decl(name: &str, default: Option<&str>) -> PipelineVariableDeclaration {
        serde_json::from_value(serde_json::json!({"name": name, "defaultValue": default})).unwrap()
    }

    #[test]
    fn defaults_overrides_and_undeclared_names() {
        let declared = [
            decl("env", Some("dev")),
            decl("region", None),
            decl("tier", Some("1")),
        ];
        let overrides = BTreeMap::from([("tier".to_string(), "2".to_string())]);
        let resolved = resolve_pipeline_variables(Some(&declared), &overrides).unwrap();
        let pairs: Vec<_> = resolved
            .iter()
            .map(|v| (v.name.as_str(), v.resolved_value.as_str()))
            .collect();
        assert_eq!(pairs, [("env", "dev"), ("tier", "2")]);
        let overrides = BTreeMap::from([("colour".to_string(), "x".to_string())]);
        let err = resolve_pipeline_variables(Some(&declared), &overrides).unwrap_err();
        assert!(err.to_string().contains("no variable `colour`"), "{err}");
        assert!(err.to_string().contains("env, region, tier"), "{err}");
    }

    #[test]
    fn references_resolve_or_name_what_is_missing() {
        let declared = [decl("env", Some("dev")), decl("region", None)];
        let vars = resolve_pipeline_variables(Some(&declared), &BTreeMap::new()).unwrap();
        let namespaces = Namespaces::from([(
            "Src".to_string(),
            BTreeMap::from([("CommitId".to_string(), "abc".to_string())]),
        )]);
        let scope = Scope {
            execution_id: "e-1",
            pipeline_variables: &vars,
            declared: &declared,
            namespaces: &namespaces,
        };
        assert_eq!(
            substitute(
                "#{variables.env}/#{Src.CommitId}@#{codepipeline.PipelineExecutionId} #{x} #{open",
                &scope,
                "here"
            )
            .unwrap(),
            "dev/abc@e-1 #{x} #{open"
        );
        for (text, expect) in [
            (
                "#{Src.Nope}",
                "produced no variable `Nope` (it produced CommitId)",
            ),
            ("#{Build.Out}", "no upstream action with namespace `Build`"),
            ("#{variables.region}", "has no default value"),
            ("#{variables.zone}", "declares no variable `zone`"),
            ("#{codepipeline.Other}", "only has PipelineExecutionId"),
        ] {
            let err = substitute(text, &scope, "command 1 of action `B/A`")
                .unwrap_err()
                .to_string();
            assert!(err.contains(expect), "{text}: {err}");
            assert!(err.contains("command 1 of action `B/A`"), "{err}");
        }
    }
}
