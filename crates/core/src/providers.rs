//! The provider schema: one description per action type (category set, owner, provider) of the
//! configuration keys it takes, how many artifacts it consumes and produces, and which of the
//! action-level fields (`commands`, `outputArtifacts[].files`, `outputVariables`,
//! `environmentVariables`) it accepts.
//!
//! Validation reads it (`validate`), the parser reads it (which configuration keys are paths),
//! and the UI renders its forms from it: every type here derives `Serialize` and `TS`.
//!
//! Local providers (`owner: Custom`) follow design.md's table; AWS providers follow
//! CodePipeline's action structure reference. An action type that is not listed here is not an
//! error: validation reports it as information and checks only what the API itself requires.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;
use ts_rs::TS;

/// The API's `ActionCategory` enum.
pub const CATEGORIES: &[&str] = &[
    "Source", "Build", "Deploy", "Test", "Invoke", "Approval", "Compute",
];
/// The API's `ActionOwner` enum.
pub const OWNERS: &[&str] = &["AWS", "ThirdParty", "Custom"];
/// Local providers (`owner: Custom`) of design.md. AWS refuses them on export: they are not
/// registered custom action types there.
pub const LOCAL_PROVIDERS: &[&str] = &[
    "Directory",
    "Git",
    "Container",
    "DockerBuild",
    "DockerRun",
    "Webhook",
    "Pipeline",
];
/// Rule providers CodePipeline offers for stage conditions.
pub const RULE_PROVIDERS: &[&str] = &[
    "CloudWatchAlarm",
    "Commands",
    "DeploymentWindow",
    "LambdaInvoke",
    "VariableCheck",
];

/// True for the local providers of design.md (`owner: Custom` and a name in [`LOCAL_PROVIDERS`]).
pub fn is_local_provider(owner: &str, provider: &str) -> bool {
    owner == "Custom" && LOCAL_PROVIDERS.contains(&provider)
}

/// One action type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProviderSchema {
    /// `AWS`, `ThirdParty` or `Custom`.
    pub owner: String,
    pub provider: String,
    /// Categories this provider may be used in with this schema (e.g. `Directory` is a Source
    /// with `Path` and, separately, a Deploy with `TargetPath`).
    pub categories: Vec<String>,
    /// Always "1" today (design.md).
    pub version: String,
    /// One line for the palette and the form header.
    pub description: String,
    /// A local provider of design.md (AWS refuses it on export).
    pub local: bool,
    /// Pipewright can run it on this machine (a local provider or an AWS provider with a
    /// faithful local stand-in).
    pub runs_locally: bool,
    pub configuration: Vec<ConfigKeySchema>,
    pub input_artifacts: ArtifactCount,
    pub output_artifacts: ArtifactCount,
    /// Whether the action's `commands` list is forbidden, optional or required.
    pub commands: Support,
    /// Whether `outputArtifacts[].files` (globs) may be given.
    pub output_files: bool,
    /// Whether the action's `outputVariables` list may be given.
    pub output_variables: bool,
    /// Whether the action's `environmentVariables` list may be given.
    pub environment_variables: bool,
    /// The variables the action emits in its namespace.
    pub variables: ProviderVariables,
}

/// Inclusive bounds on a number of artifacts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ArtifactCount {
    pub min: u32,
    pub max: u32,
}

impl ArtifactCount {
    pub const fn new(min: u32, max: u32) -> Self {
        Self { min, max }
    }
    pub fn contains(&self, n: usize) -> bool {
        n >= self.min as usize && n <= self.max as usize
    }
    /// "exactly 1", "0 to 5", "none"
    pub fn describe(&self) -> String {
        match (self.min, self.max) {
            (0, 0) => "none".to_string(),
            (a, b) if a == b => format!("exactly {a}"),
            (a, b) => format!("{a} to {b}"),
        }
    }
}

/// Whether an optional part of an action is accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Support {
    Forbidden,
    Optional,
    Required,
}

/// The variables an action emits, referenced downstream as `#{Namespace.Name}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ProviderVariables {
    /// The action emits no variables.
    None,
    /// Exactly these names.
    Fixed { names: Vec<String> },
    /// These names at least; others depend on the action's run (e.g. exported build variables).
    Open { names: Vec<String> },
    /// The names listed in the action's `outputVariables`.
    OutputVariables,
}

/// One configuration key of a provider.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConfigKeySchema {
    pub name: String,
    pub required: bool,
    pub kind: ConfigValueKind,
    pub description: String,
    /// The value used when the key is absent, if there is one.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
}

/// The kind of a configuration value. Values are strings as in the API; the kind says which
/// strings are accepted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum ConfigValueKind {
    /// Any text.
    String,
    /// "true" or "false".
    Bool,
    /// A whole number within the optional bounds.
    Integer { min: Option<i32>, max: Option<i32> },
    /// One of the listed values.
    Enum { values: Vec<String> },
    /// An absolute path on this machine (import resolves relative ones against the file's folder).
    AbsolutePath,
    /// An `http://` or `https://` URL.
    Url,
    /// A URL (`https://…`, `ssh://…`, `git@host:repo`, `file://…`) or an absolute path.
    PathOrUrl,
    /// JSON text.
    Json,
}

impl ConfigValueKind {
    /// True for kinds whose relative values are resolved against the imported file's folder.
    pub fn is_path(&self) -> bool {
        matches!(self, Self::AbsolutePath | Self::PathOrUrl)
    }
}

/// Every provider schema, in palette order (local providers first).
pub fn provider_schemas() -> &'static [ProviderSchema] {
    &registry().schemas
}

/// The schema for an action type, if Pipewright knows it.
pub fn find_provider(
    category: &str,
    owner: &str,
    provider: &str,
) -> Option<&'static ProviderSchema> {
    providers_named(owner, provider).find(|s| s.categories.iter().any(|c| c == category))
}

/// Every schema with this owner and provider (one per category set).
pub fn providers_named<'a>(
    owner: &'a str,
    provider: &'a str,
) -> impl Iterator<Item = &'static ProviderSchema> + 'a {
    let reg = registry();
    reg.by_name
        .get(&(owner.to_string(), provider.to_string()))
        .into_iter()
        .flatten()
        .map(move |&i| &reg.schemas[i])
}

/// The schema of a configuration key, if the provider lists it.
pub fn config_key<'a>(schema: &'a ProviderSchema, key: &str) -> Option<&'a ConfigKeySchema> {
    schema.configuration.iter().find(|k| k.name == key)
}

struct Registry {
    schemas: Vec<ProviderSchema>,
    by_name: HashMap<(String, String), Vec<usize>>,
}

fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let schemas = build_schemas();
        let mut by_name: HashMap<(String, String), Vec<usize>> = HashMap::new();
        for (i, s) in schemas.iter().enumerate() {
            by_name
                .entry((s.owner.clone(), s.provider.clone()))
                .or_default()
                .push(i);
        }
        Registry { schemas, by_name }
    })
}

// ---- the table -------------------------------------------------------------------------------

fn key(name: &str, required: bool, kind: ConfigValueKind, description: &str) -> ConfigKeySchema {
    ConfigKeySchema {
        name: name.to_string(),
        required,
        kind,
        description: description.to_string(),
        default: None,
    }
}

fn key_default(
    name: &str,
    kind: ConfigValueKind,
    default: &str,
    description: &str,
) -> ConfigKeySchema {
    ConfigKeySchema {
        default: Some(default.to_string()),
        ..key(name, false, kind, description)
    }
}

fn enum_of(values: &[&str]) -> ConfigValueKind {
    ConfigValueKind::Enum {
        values: values.iter().map(|v| v.to_string()).collect(),
    }
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|v| v.to_string()).collect()
}

use ConfigValueKind::{AbsolutePath, Bool, Json, PathOrUrl, Url};
const TEXT: ConfigValueKind = ConfigValueKind::String;

/// A schema with the common defaults: no commands, files, output or environment variables.
struct Entry {
    owner: &'static str,
    provider: &'static str,
    categories: &'static [&'static str],
    description: &'static str,
    runs_locally: bool,
    configuration: Vec<ConfigKeySchema>,
    inputs: ArtifactCount,
    outputs: ArtifactCount,
    variables: ProviderVariables,
}

impl Entry {
    fn build(self) -> ProviderSchema {
        ProviderSchema {
            owner: self.owner.to_string(),
            provider: self.provider.to_string(),
            categories: names(self.categories),
            version: "1".to_string(),
            description: self.description.to_string(),
            local: is_local_provider(self.owner, self.provider),
            runs_locally: self.runs_locally,
            configuration: self.configuration,
            input_artifacts: self.inputs,
            output_artifacts: self.outputs,
            commands: Support::Forbidden,
            output_files: false,
            output_variables: false,
            environment_variables: false,
            variables: self.variables,
        }
    }
}

/// Commands-style actions: `commands` required, `files`, `outputVariables` and
/// `environmentVariables` accepted, variables are the `outputVariables`.
fn with_commands(mut s: ProviderSchema) -> ProviderSchema {
    s.commands = Support::Required;
    s.output_files = true;
    s.output_variables = true;
    s.environment_variables = true;
    s.variables = ProviderVariables::OutputVariables;
    s
}

const fn n(min: u32, max: u32) -> ArtifactCount {
    ArtifactCount::new(min, max)
}

fn open() -> ProviderVariables {
    ProviderVariables::Open { names: vec![] }
}

fn build_schemas() -> Vec<ProviderSchema> {
    let network = || {
        key_default(
            "Network",
            enum_of(&["none", "bridge", "host"]),
            "none",
            "Container networking: none (default), bridge or host.",
        )
    };
    vec![
        // ---- local providers (design.md) ----
        Entry {
            owner: "Custom",
            provider: "Directory",
            categories: &["Source"],
            description: "A folder on this machine; its snapshot is the output artifact.",
            runs_locally: true,
            configuration: vec![
                key(
                    "Path",
                    true,
                    AbsolutePath,
                    "Absolute path of the folder to snapshot.",
                ),
                key(
                    "RespectGitignore",
                    false,
                    Bool,
                    "\"true\" to leave out files that .gitignore ignores.",
                ),
            ],
            inputs: n(0, 0),
            outputs: n(1, 1),
            variables: open(),
        }
        .build(),
        Entry {
            owner: "Custom",
            provider: "Git",
            categories: &["Source"],
            description: "A Git repository (local path or URL); its tree is the output artifact.",
            runs_locally: true,
            configuration: vec![
                key(
                    "Repository",
                    true,
                    PathOrUrl,
                    "Absolute path or URL of the repository.",
                ),
                key_default("Branch", TEXT, "main", "Branch to check out."),
                key(
                    "Depth",
                    false,
                    ConfigValueKind::Integer {
                        min: Some(1),
                        max: None,
                    },
                    "Shallow clone depth (whole history when absent).",
                ),
            ],
            inputs: n(0, 0),
            outputs: n(1, 1),
            variables: ProviderVariables::Open {
                names: names(&["CommitId", "BranchName", "CommitMessage"]),
            },
        }
        .build(),
        with_commands(
            Entry {
                owner: "Custom",
                provider: "Container",
                categories: &["Build", "Test"],
                description:
                    "Runs the action's commands in a container, in order, with one `sh -e`.",
                runs_locally: true,
                configuration: vec![
                    key("Image", true, TEXT, "Image to run the commands in."),
                    network(),
                ],
                inputs: n(0, 10),
                outputs: n(0, 5),
                variables: ProviderVariables::OutputVariables,
            }
            .build(),
        ),
        Entry {
            owner: "Custom",
            provider: "Directory",
            categories: &["Deploy"],
            description: "Puts its input artifact into a folder, swapped in atomically.",
            runs_locally: true,
            configuration: vec![key(
                "TargetPath",
                true,
                AbsolutePath,
                "Absolute path of the folder to deploy into.",
            )],
            inputs: n(1, 1),
            outputs: n(0, 0),
            variables: ProviderVariables::None,
        }
        .build(),
        Entry {
            owner: "Custom",
            provider: "DockerBuild",
            categories: &["Build"],
            description: "Builds a Docker image from its input artifact.",
            runs_locally: true,
            configuration: vec![
                key(
                    "ImageName",
                    true,
                    TEXT,
                    "Name (and tag) of the image to build.",
                ),
                key_default(
                    "Dockerfile",
                    TEXT,
                    "Dockerfile",
                    "Dockerfile path relative to the context.",
                ),
                key_default(
                    "Context",
                    TEXT,
                    ".",
                    "Build context relative to the input artifact.",
                ),
                key("BuildArgs", false, Json, "JSON object of build arguments."),
                key("Target", false, TEXT, "Build stage to stop at."),
            ],
            inputs: n(1, 1),
            outputs: n(0, 1),
            variables: ProviderVariables::Open {
                names: names(&["ImageId", "ImageName"]),
            },
        }
        .build(),
        Entry {
            owner: "Custom",
            provider: "DockerRun",
            categories: &["Deploy"],
            description: "Runs a container from an image, with a health check and rollback.",
            runs_locally: true,
            configuration: vec![
                key("Image", true, TEXT, "Image to run."),
                key(
                    "ContainerName",
                    false,
                    TEXT,
                    "Name of the container to replace.",
                ),
                key(
                    "Ports",
                    false,
                    TEXT,
                    "Port mappings such as \"8080:80,8443:443\".",
                ),
                key(
                    "Environment",
                    false,
                    Json,
                    "JSON object of environment variables.",
                ),
                key(
                    "HealthCheckUrl",
                    false,
                    Url,
                    "URL that must answer 2xx after start.",
                ),
                network(),
            ],
            inputs: n(0, 1),
            outputs: n(0, 0),
            variables: open(),
        }
        .build(),
        Entry {
            owner: "Custom",
            provider: "Webhook",
            categories: &["Invoke"],
            description: "Calls a URL.",
            runs_locally: true,
            configuration: vec![
                key("Url", true, Url, "URL to call."),
                key_default(
                    "Method",
                    enum_of(&["GET", "POST", "PUT", "PATCH", "DELETE"]),
                    "POST",
                    "HTTP method.",
                ),
                key("Body", false, TEXT, "Request body."),
                key(
                    "Headers",
                    false,
                    Json,
                    "JSON object of header names to values.",
                ),
            ],
            inputs: n(0, 1),
            outputs: n(0, 0),
            variables: ProviderVariables::Open {
                names: names(&["StatusCode"]),
            },
        }
        .build(),
        Entry {
            owner: "Custom",
            provider: "Pipeline",
            categories: &["Invoke"],
            description: "Starts another Pipewright pipeline.",
            runs_locally: true,
            configuration: vec![
                key("PipelineName", true, TEXT, "Name of the pipeline to start."),
                key_default(
                    "Wait",
                    Bool,
                    "false",
                    "\"true\" to wait for the started execution to finish.",
                ),
            ],
            inputs: n(0, 0),
            outputs: n(0, 0),
            variables: ProviderVariables::Open {
                names: names(&["PipelineExecutionId"]),
            },
        }
        .build(),
        // ---- AWS providers ----
        Entry {
            owner: "AWS",
            provider: "Manual",
            categories: &["Approval"],
            description: "Waits for someone to approve or reject.",
            runs_locally: true,
            configuration: vec![
                key("CustomData", false, TEXT, "Text shown to the approver."),
                key(
                    "ExternalEntityLink",
                    false,
                    Url,
                    "Link shown to the approver.",
                ),
                key(
                    "NotificationArn",
                    false,
                    TEXT,
                    "SNS topic ARN (kept as is; not used locally).",
                ),
            ],
            inputs: n(0, 0),
            outputs: n(0, 0),
            variables: ProviderVariables::None,
        }
        .build(),
        with_commands(
            Entry {
                owner: "AWS",
                provider: "Commands",
                categories: &["Compute"],
                description:
                    "Runs shell commands; locally in `pipewright.image` or the default image.",
                runs_locally: true,
                configuration: vec![],
                inputs: n(1, 10),
                outputs: n(0, 1),
                variables: ProviderVariables::OutputVariables,
            }
            .build(),
        ),
        Entry {
            owner: "AWS",
            provider: "CodeBuild",
            categories: &["Build", "Test"],
            description: "Runs a CodeBuild project; locally its buildspec in `pipewright.image`.",
            runs_locally: true,
            configuration: vec![
                key("ProjectName", true, TEXT, "Name of the CodeBuild project."),
                key(
                    "PrimarySource",
                    false,
                    TEXT,
                    "Input artifact used as the primary source when there are several.",
                ),
                key(
                    "BatchEnabled",
                    false,
                    Bool,
                    "\"true\" to run a batch build.",
                ),
                key(
                    "CombineArtifacts",
                    false,
                    Bool,
                    "\"true\" to combine batch build artifacts.",
                ),
                key(
                    "EnvironmentVariables",
                    false,
                    Json,
                    "JSON array of {name, value, type} objects.",
                ),
            ],
            inputs: n(1, 5),
            outputs: n(0, 5),
            variables: open(),
        }
        .build(),
        Entry {
            owner: "AWS",
            provider: "CodeCommit",
            categories: &["Source"],
            description: "A CodeCommit repository branch.",
            runs_locally: false,
            configuration: vec![
                key("RepositoryName", true, TEXT, "Name of the repository."),
                key("BranchName", true, TEXT, "Branch to watch."),
                key(
                    "PollForSourceChanges",
                    false,
                    Bool,
                    "\"true\" to poll for changes.",
                ),
                key(
                    "OutputArtifactFormat",
                    false,
                    enum_of(&["CODE_ZIP", "CODEBUILD_CLONE_REF"]),
                    "CODE_ZIP (default) or CODEBUILD_CLONE_REF.",
                ),
            ],
            inputs: n(0, 0),
            outputs: n(1, 1),
            variables: ProviderVariables::Fixed {
                names: names(&[
                    "AuthorDate",
                    "BranchName",
                    "CommitId",
                    "CommitMessage",
                    "CommitterDate",
                    "RepositoryName",
                ]),
            },
        }
        .build(),
        Entry {
            owner: "AWS",
            provider: "S3",
            categories: &["Source"],
            description: "An object in an S3 bucket.",
            runs_locally: false,
            configuration: vec![
                key("S3Bucket", true, TEXT, "Bucket name."),
                key("S3ObjectKey", true, TEXT, "Object key of the source zip."),
                key(
                    "PollForSourceChanges",
                    false,
                    Bool,
                    "\"true\" to poll for changes.",
                ),
                key(
                    "AllowOverrideForS3ObjectKey",
                    false,
                    Bool,
                    "\"true\" to allow overriding the key at start.",
                ),
            ],
            inputs: n(0, 0),
            outputs: n(1, 1),
            variables: ProviderVariables::Fixed {
                names: names(&["ETag", "VersionId"]),
            },
        }
        .build(),
        Entry {
            owner: "AWS",
            provider: "ECR",
            categories: &["Source"],
            description: "An image in an ECR repository.",
            runs_locally: false,
            configuration: vec![
                key("RepositoryName", true, TEXT, "Name of the ECR repository."),
                key_default("ImageTag", TEXT, "latest", "Image tag to watch."),
            ],
            inputs: n(0, 0),
            outputs: n(1, 1),
            variables: ProviderVariables::Fixed {
                names: names(&[
                    "ImageDigest",
                    "ImageTag",
                    "ImageURI",
                    "RegistryId",
                    "RepositoryName",
                ]),
            },
        }
        .build(),
        Entry {
            owner: "AWS",
            provider: "CodeStarSourceConnection",
            categories: &["Source"],
            description: "A GitHub, GitLab or Bitbucket repository through a connection.",
            runs_locally: false,
            configuration: vec![
                key("ConnectionArn", true, TEXT, "ARN of the connection."),
                key("FullRepositoryId", true, TEXT, "owner/repository."),
                key("BranchName", true, TEXT, "Branch to watch."),
                key(
                    "OutputArtifactFormat",
                    false,
                    enum_of(&["CODE_ZIP", "CODEBUILD_CLONE_REF"]),
                    "CODE_ZIP (default) or CODEBUILD_CLONE_REF.",
                ),
                key(
                    "DetectChanges",
                    false,
                    Bool,
                    "\"false\" to not start on changes.",
                ),
            ],
            inputs: n(0, 0),
            outputs: n(1, 1),
            variables: ProviderVariables::Fixed {
                names: names(&[
                    "AuthorDate",
                    "BranchName",
                    "CommitId",
                    "CommitMessage",
                    "ConnectionArn",
                    "FullRepositoryName",
                ]),
            },
        }
        .build(),
        Entry {
            owner: "AWS",
            provider: "S3",
            categories: &["Deploy"],
            description: "Copies its input artifact to an S3 bucket.",
            runs_locally: false,
            configuration: vec![
                key("BucketName", true, TEXT, "Bucket name."),
                key(
                    "Extract",
                    true,
                    Bool,
                    "\"true\" to unzip the artifact into the bucket.",
                ),
                key(
                    "ObjectKey",
                    false,
                    TEXT,
                    "Object key (required when Extract is \"false\").",
                ),
                key(
                    "KMSEncryptionKeyARN",
                    false,
                    TEXT,
                    "KMS key ARN for the uploaded objects.",
                ),
                key(
                    "CannedACL",
                    false,
                    enum_of(&[
                        "private",
                        "public-read",
                        "public-read-write",
                        "aws-exec-read",
                        "authenticated-read",
                        "bucket-owner-read",
                        "bucket-owner-full-control",
                        "log-delivery-write",
                    ]),
                    "Canned ACL for the uploaded objects.",
                ),
                key(
                    "CacheControl",
                    false,
                    TEXT,
                    "Cache-Control header for the uploaded objects.",
                ),
            ],
            inputs: n(1, 1),
            outputs: n(0, 0),
            variables: ProviderVariables::None,
        }
        .build(),
        Entry {
            owner: "AWS",
            provider: "ECS",
            categories: &["Deploy"],
            description: "Deploys to an ECS service.",
            runs_locally: false,
            configuration: vec![
                key("ClusterName", true, TEXT, "ECS cluster name."),
                key("ServiceName", true, TEXT, "ECS service name."),
                key_default(
                    "FileName",
                    TEXT,
                    "imagedefinitions.json",
                    "Image definitions file in the input artifact.",
                ),
                key(
                    "DeploymentTimeout",
                    false,
                    ConfigValueKind::Integer {
                        min: Some(1),
                        max: Some(60),
                    },
                    "Timeout in minutes (1 to 60).",
                ),
            ],
            inputs: n(1, 1),
            outputs: n(0, 0),
            variables: ProviderVariables::None,
        }
        .build(),
        Entry {
            owner: "AWS",
            provider: "CodeDeploy",
            categories: &["Deploy"],
            description: "Deploys with a CodeDeploy application and deployment group.",
            runs_locally: false,
            configuration: vec![
                key(
                    "ApplicationName",
                    true,
                    TEXT,
                    "CodeDeploy application name.",
                ),
                key("DeploymentGroupName", true, TEXT, "Deployment group name."),
            ],
            inputs: n(1, 1),
            outputs: n(0, 0),
            variables: ProviderVariables::None,
        }
        .build(),
        Entry {
            owner: "AWS",
            provider: "Lambda",
            categories: &["Invoke"],
            description: "Invokes a Lambda function.",
            runs_locally: false,
            configuration: vec![
                key("FunctionName", true, TEXT, "Name of the function."),
                key(
                    "UserParameters",
                    false,
                    TEXT,
                    "Text passed to the function.",
                ),
            ],
            inputs: n(0, 5),
            outputs: n(0, 5),
            variables: open(),
        }
        .build(),
        Entry {
            owner: "AWS",
            provider: "CloudFormation",
            categories: &["Deploy"],
            description: "Creates, updates or deletes a CloudFormation stack or change set.",
            runs_locally: false,
            configuration: vec![
                key(
                    "ActionMode",
                    true,
                    enum_of(&[
                        "CHANGE_SET_EXECUTE",
                        "CHANGE_SET_REPLACE",
                        "CREATE_UPDATE",
                        "DELETE_ONLY",
                        "REPLACE_ON_FAILURE",
                    ]),
                    "What to do with the stack.",
                ),
                key("StackName", true, TEXT, "Stack name."),
                key(
                    "Capabilities",
                    false,
                    TEXT,
                    "e.g. CAPABILITY_IAM,CAPABILITY_NAMED_IAM.",
                ),
                key("ChangeSetName", false, TEXT, "Change set name."),
                key("RoleArn", false, TEXT, "Role CloudFormation assumes."),
                key(
                    "TemplatePath",
                    false,
                    TEXT,
                    "ArtifactName::path/to/template.yaml.",
                ),
                key(
                    "TemplateConfiguration",
                    false,
                    TEXT,
                    "ArtifactName::path/to/config.json.",
                ),
                key(
                    "OutputFileName",
                    false,
                    TEXT,
                    "File for the stack outputs in the output artifact.",
                ),
                key(
                    "ParameterOverrides",
                    false,
                    Json,
                    "JSON object of parameter values.",
                ),
            ],
            inputs: n(0, 10),
            outputs: n(0, 1),
            variables: open(),
        }
        .build(),
        Entry {
            owner: "AWS",
            provider: "StepFunctions",
            categories: &["Invoke"],
            description: "Starts a Step Functions state machine.",
            runs_locally: false,
            configuration: vec![
                key("StateMachineArn", true, TEXT, "ARN of the state machine."),
                key(
                    "ExecutionNamePrefix",
                    false,
                    TEXT,
                    "Prefix of the execution name.",
                ),
                key_default(
                    "InputType",
                    enum_of(&["Literal", "FilePath"]),
                    "Literal",
                    "How Input is read.",
                ),
                key(
                    "Input",
                    false,
                    TEXT,
                    "JSON input, or a file path in the input artifact.",
                ),
            ],
            inputs: n(0, 1),
            outputs: n(0, 1),
            variables: open(),
        }
        .build(),
        Entry {
            owner: "AWS",
            provider: "ElasticBeanstalk",
            categories: &["Deploy"],
            description: "Deploys to an Elastic Beanstalk environment.",
            runs_locally: false,
            configuration: vec![
                key("ApplicationName", true, TEXT, "Application name."),
                key("EnvironmentName", true, TEXT, "Environment name."),
            ],
            inputs: n(1, 1),
            outputs: n(0, 0),
            variables: ProviderVariables::None,
        }
        .build(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_distinguish_categories() {
        let src = find_provider("Source", "Custom", "Directory").expect("directory source");
        assert!(config_key(src, "Path").is_some());
        let dep = find_provider("Deploy", "Custom", "Directory").expect("directory deploy");
        assert!(config_key(dep, "TargetPath").is_some());
        assert!(find_provider("Build", "Custom", "Directory").is_none());
        assert_eq!(providers_named("AWS", "S3").count(), 2);
        assert!(find_provider("Build", "AWS", "Nope").is_none());
    }

    #[test]
    fn every_schema_is_consistent() {
        for s in provider_schemas() {
            assert!(!s.categories.is_empty(), "{}", s.provider);
            for c in &s.categories {
                assert!(CATEGORIES.contains(&c.as_str()), "{c}");
            }
            assert!(OWNERS.contains(&s.owner.as_str()));
            assert!(s.input_artifacts.min <= s.input_artifacts.max);
            assert!(s.output_artifacts.min <= s.output_artifacts.max);
            assert_eq!(s.local, s.owner == "Custom");
            let json = serde_json::to_string(s).expect("serializes");
            let back: ProviderSchema = serde_json::from_str(&json).expect("deserializes");
            assert_eq!(&back, s);
        }
        // The TypeScript declarations the UI will use can be generated.
        let cfg = ts_rs::Config::default();
        assert!(ProviderSchema::decl(&cfg).contains("configuration"));
        assert!(ConfigValueKind::decl(&cfg).contains("absolutePath"));
    }
}
