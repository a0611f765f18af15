//! Every diagnostic code the core emits, with its severity and meaning. Codes are stable:
//! the CLI, the UI and outside tools match on them. The first letter is the severity
//! (E error, W warning, I info).

use crate::diagnostic::Severity;
use Severity::{Error as E, Info as I, Warning as W};

/// `(code, severity, meaning)`, grouped by where they come from.
pub const CODES: &[(&str, Severity, &str)] = &[
    // ---- reading a file (format) ----
    ("E_SYNTAX", E, "Malformed JSON or YAML; the message gives line and column."),
    ("E_EMPTY", E, "The file is empty or holds only comments."),
    ("E_TOO_LARGE", E, "The file exceeds 5 MiB (or YAML aliases expand beyond reason)."),
    ("E_TOO_DEEP", E, "Objects and lists nest deeper than 64 levels."),
    ("E_INVALID_UTF8", E, "The bytes are not UTF-8."),
    ("E_NOT_OBJECT", E, "The top level is not an object."),
    ("E_NO_PIPELINE", E, "No `pipeline` key and no bare declaration (`name`/`stages`)."),
    ("E_YAML_TAG", E, "A YAML tag such as !Ref (CloudFormation) is not supported."),
    ("E_TYPE", E, "A value has the wrong type (text, number, list, object)."),
    ("E_MISSING_FIELD", E, "A field the API requires is missing."),
    ("W_UNKNOWN_FIELD", W, "A field the model does not know; kept verbatim, with a suggestion when close."),
    ("W_UNKNOWN_TOP_LEVEL_KEY", W, "A top-level key besides `pipeline`/`metadata`; ignored."),
    ("W_RELATIVE_PATH", W, "A relative path that could not be resolved (no file folder, or `~`)."),
    ("I_BARE_DECLARATION", I, "The file was a bare declaration without the `pipeline` wrapper."),
    ("I_SHORT_FORM_EXPANDED", I, "The blog-post short form was expanded to the full form."),
    ("I_PATH_RESOLVED", I, "A relative path was resolved against the file's folder."),
    ("I_VALUE_CONVERTED", I, "A number was read as text where the API expects text (version)."),
    // ---- export ----
    ("W_PLACEHOLDER", W, "CodePipeline export filled a placeholder roleArn or artifactStore."),
    ("W_EXPORT_LOCAL_PROVIDER", W, "CodePipeline export of a local (Custom) provider AWS would refuse."),
    ("W_EXPORT_COMMANDS", W, "CodePipeline export of `commands` outside a Commands action."),
    // ---- names ----
    ("E_PIPELINE_NAME_INVALID", E, "Pipeline name: [A-Za-z0-9.@-_], 1–100."),
    ("E_STAGE_NAME_INVALID", E, "Stage name: [A-Za-z0-9.@-_], 1–100."),
    ("E_ACTION_NAME_INVALID", E, "Action name: [A-Za-z0-9.@-_], 1–100."),
    ("E_RULE_NAME_INVALID", E, "Rule name: [A-Za-z0-9.@-_], 1–100."),
    ("E_ARTIFACT_NAME_INVALID", E, "Artifact name: [A-Za-z0-9_-], 1–100."),
    ("E_NAMESPACE_INVALID", E, "Namespace: [A-Za-z0-9@_-], 1–100."),
    ("E_VARIABLE_NAME_INVALID", E, "Pipeline variable name: [A-Za-z0-9@_-], 1–128."),
    ("E_STAGE_NAME_DUPLICATE", E, "Two stages share a name."),
    ("E_ACTION_NAME_DUPLICATE", E, "Two actions of one stage share a name."),
    ("E_RULE_NAME_DUPLICATE", E, "Two rules of one condition share a name."),
    ("E_VARIABLE_DUPLICATE", E, "Two pipeline variables share a name."),
    // ---- structure ----
    ("E_TOO_FEW_STAGES", E, "Fewer than two stages."),
    ("E_STAGE_EMPTY", E, "A stage without actions."),
    ("E_FIRST_STAGE_NOT_SOURCE", E, "A non-Source action in the first stage."),
    ("E_SOURCE_NOT_FIRST", E, "A Source action outside the first stage."),
    ("E_RUN_ORDER_RANGE", E, "runOrder outside 1–999."),
    ("E_ENUM_VALUE", E, "A value outside the API's enum (category, owner, executionMode, …)."),
    ("E_VALUE_INVALID", E, "A value breaks the API's pattern or length (provider, version, region, …)."),
    ("E_LIST_EMPTY", E, "A list the API requires to be non-empty is empty."),
    ("E_ROLE_ARN_INVALID", E, "roleArn is not an IAM role ARN."),
    ("E_ARTIFACT_STORE_CONFLICT", E, "Both artifactStore and artifactStores."),
    ("E_REGION_NO_ARTIFACT_STORE", E, "An action region without an artifactStores entry."),
    ("W_REGION_NEEDS_ARTIFACT_STORES", W, "An action region with a single artifactStore."),
    // ---- artifacts ----
    ("E_ARTIFACT_UNDEFINED", E, "An input artifact no action produces."),
    ("E_ARTIFACT_PRODUCED_LATER", E, "An input artifact produced later (or by the action itself)."),
    ("E_ARTIFACT_DUPLICATE", E, "Two output artifacts share a name."),
    ("E_INPUT_ARTIFACTS_COUNT", E, "Input artifact count outside the provider's range."),
    ("E_OUTPUT_ARTIFACTS_COUNT", E, "Output artifact count outside the provider's range."),
    ("E_FILES_NOT_ALLOWED", E, "outputArtifacts[].files on a provider that does not take them."),
    // ---- providers ----
    ("I_PROVIDER_UNKNOWN", I, "No schema for this provider; configuration not checked."),
    ("E_PROVIDER_CATEGORY", E, "A known provider used in a category it does not support."),
    ("E_CONFIG_REQUIRED", E, "A required configuration key is missing."),
    ("E_CONFIG_VALUE_INVALID", E, "A configuration value of the wrong kind (bool, integer, enum, path, URL, JSON)."),
    ("E_CONFIG_VALUE_EMPTY", E, "An empty configuration value."),
    ("E_CONFIG_TOO_LONG", E, "A configuration value over 1,000 characters (10,000 for rules)."),
    ("E_CONFIG_KEY_INVALID", E, "A configuration key outside 1–50 characters."),
    ("W_CONFIG_UNKNOWN_KEY", W, "A configuration key the provider does not list."),
    ("E_COMMANDS_NOT_ALLOWED", E, "`commands` on a provider that does not run them."),
    ("E_COMMANDS_REQUIRED", E, "A Commands/Container action without `commands`."),
    ("E_OUTPUT_VARIABLES_NOT_ALLOWED", E, "outputVariables on a provider that does not take them."),
    ("W_ENVIRONMENT_VARIABLES_IGNORED", W, "environmentVariables on a provider that does not use them."),
    ("E_TIMEOUT_NOT_ALLOWED", E, "timeoutInMinutes on anything but a Manual approval."),
    ("E_TIMEOUT_RANGE", E, "timeoutInMinutes outside 5–86400."),
    ("E_LOCAL_TIMEOUT", E, "pipewright.timeoutMinutes not a positive number."),
    ("E_LOCAL_REPOSITORY", E, "pipewright.repository neither an absolute path nor a URL."),
    ("E_LOCAL_LIMIT", E, "pipewright.cpus or pipewright.memory not a limit Docker accepts."),
    // ---- V2 features ----
    ("E_REQUIRES_V2", E, "QUEUED/PARALLEL, variables, triggers, stage conditions or Commands without pipelineType V2."),
    ("E_PARALLEL_ROLLBACK", E, "ROLLBACK in PARALLEL execution mode."),
    ("E_CONDITION_RESULT", E, "A result not allowed in this condition block."),
    ("W_RETRY_CONFIG_IGNORED", W, "retryConfiguration without onFailure result RETRY."),
    ("E_TRIGGER_SOURCE_UNKNOWN", E, "A trigger names no action of the first stage."),
    ("W_TRIGGER_PROVIDER", W, "A trigger on a source other than CodeStarSourceConnection."),
    ("I_RULE_PROVIDER_UNKNOWN", I, "A rule provider Pipewright does not know."),
    // ---- variables ----
    ("E_NAMESPACE_RESERVED", E, "Namespace `codepipeline` or `variables`."),
    ("E_NAMESPACE_DUPLICATE", E, "Two actions share a namespace."),
    ("E_NAMESPACE_CONFLICT", E, "A namespace equal to an artifact name."),
    ("E_VARIABLE_UNRESOLVED", E, "A #{…} reference that does not resolve upstream."),
    ("W_VARIABLE_UNKNOWN", W, "A #{Namespace.Name} the producing provider does not emit."),
    ("W_VARIABLE_SYNTAX", W, "Something like #{…} that is not #{Namespace.Name}."),
    // ---- AWS quotas ----
    ("W_AWS_LIMIT", W, "Beyond a CodePipeline quota (50 stages, 50 actions a stage, 50 commands, …): AWS would refuse the export."),
];

/// The severity and meaning of a code, if the core emits it.
pub fn describe(code: &str) -> Option<(Severity, &'static str)> {
    CODES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, s, m)| (*s, *m))
}
