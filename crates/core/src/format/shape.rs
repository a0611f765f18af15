//! The model's shape as data, and the walk that normalizes a parsed value against it before it
//! is deserialized:
//!
//! - every value's type is checked, so each wrong type becomes an `E_TYPE` diagnostic with its
//!   JSON-pointer path (all of them, in document order), and each missing required field an
//!   `E_MISSING_FIELD`;
//! - fields the model does not know are reported (`W_UNKNOWN_FIELD`, with "did you mean" when a
//!   known field is close) and kept;
//! - configuration values that are YAML/JSON scalars (`true`, `3`) become their string form;
//! - `null` in an optional field means "absent";
//! - the short form of blog posts (`actionType`/`provider` on the action, artifacts as plain
//!   names) is expanded (`I_SHORT_FORM_EXPANDED`);
//! - relative paths in local providers' path settings are resolved against the file's folder
//!   (`I_PATH_RESOLVED`), or reported when there is no folder (`W_RELATIVE_PATH`).
//!
//! The shape must list exactly the fields of `crate::model` (a test checks it).

use super::ParseOptions;
use crate::diagnostic::Diagnostic;
use crate::providers::{self, find_provider, is_local_provider, LOCAL_PROVIDERS};
use crate::validate::suggest::did_you_mean;
use serde_json::{Map, Value};

#[derive(Clone, Copy)]
enum Kind {
    Str,
    Int,
    Num,
    /// `configuration`: string → string; scalars are read as strings.
    Config,
    StrList,
    Struct(&'static Shape),
    List(&'static Shape),
    Map(&'static Shape),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tag {
    Pipeline,
    Stage,
    Action,
    ActionTypeId,
    Rule,
    RuleTypeId,
    ActionLocal,
    Other,
}

struct Field {
    name: &'static str,
    kind: Kind,
    required: bool,
    /// `null` accepted (an `Option` in the model): it is removed, meaning absent.
    nullable: bool,
}

struct Shape {
    tag: Tag,
    /// "an action", "a stage": used in messages.
    what: &'static str,
    fields: &'static [Field],
}

const fn req(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        required: true,
        nullable: false,
    }
}
const fn opt(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        required: false,
        nullable: true,
    }
}
/// A list the model defaults to empty (`#[serde(default)] Vec`): may be absent, not null.
const fn list_default(name: &'static str, shape: &'static Shape) -> Field {
    Field {
        name,
        kind: Kind::List(shape),
        required: false,
        nullable: false,
    }
}

use Kind::{Config, Int, Num, Str, StrList};

static PIPELINE: Shape = Shape {
    tag: Tag::Pipeline,
    what: "the pipeline",
    fields: &[
        req("name", Str),
        opt("roleArn", Str),
        opt("artifactStore", Kind::Struct(&ARTIFACT_STORE)),
        opt("artifactStores", Kind::Map(&ARTIFACT_STORE)),
        list_default("stages", &STAGE),
        opt("version", Int),
        opt("executionMode", Str),
        opt("pipelineType", Str),
        opt("variables", Kind::List(&VARIABLE)),
        opt("triggers", Kind::List(&TRIGGER)),
        opt("pipewright", Kind::Struct(&PIPELINE_LOCAL)),
    ],
};
static ARTIFACT_STORE: Shape = Shape {
    tag: Tag::Other,
    what: "an artifact store",
    fields: &[
        req("type", Str),
        req("location", Str),
        opt("encryptionKey", Kind::Struct(&ENCRYPTION_KEY)),
    ],
};
static ENCRYPTION_KEY: Shape = Shape {
    tag: Tag::Other,
    what: "an encryption key",
    fields: &[req("id", Str), req("type", Str)],
};
static STAGE: Shape = Shape {
    tag: Tag::Stage,
    what: "a stage",
    fields: &[
        req("name", Str),
        opt("blockers", Kind::List(&BLOCKER)),
        list_default("actions", &ACTION),
        opt("onFailure", Kind::Struct(&FAILURE)),
        opt("onSuccess", Kind::Struct(&SUCCESS)),
        opt("beforeEntry", Kind::Struct(&SUCCESS)),
    ],
};
static BLOCKER: Shape = Shape {
    tag: Tag::Other,
    what: "a blocker",
    fields: &[req("name", Str), req("type", Str)],
};
static FAILURE: Shape = Shape {
    tag: Tag::Other,
    what: "`onFailure`",
    fields: &[
        opt("result", Str),
        opt("retryConfiguration", Kind::Struct(&RETRY)),
        opt("conditions", Kind::List(&CONDITION)),
    ],
};
static RETRY: Shape = Shape {
    tag: Tag::Other,
    what: "`retryConfiguration`",
    fields: &[opt("retryMode", Str)],
};
static SUCCESS: Shape = Shape {
    tag: Tag::Other,
    what: "a stage condition block",
    fields: &[req("conditions", Kind::List(&CONDITION))],
};
static CONDITION: Shape = Shape {
    tag: Tag::Other,
    what: "a condition",
    fields: &[opt("result", Str), opt("rules", Kind::List(&RULE))],
};
static RULE: Shape = Shape {
    tag: Tag::Rule,
    what: "a rule",
    fields: &[
        req("name", Str),
        req("ruleTypeId", Kind::Struct(&RULE_TYPE_ID)),
        opt("configuration", Config),
        opt("commands", StrList),
        opt("inputArtifacts", Kind::List(&INPUT_ARTIFACT)),
        opt("roleArn", Str),
        opt("region", Str),
        opt("timeoutInMinutes", Int),
    ],
};
static RULE_TYPE_ID: Shape = Shape {
    tag: Tag::RuleTypeId,
    what: "`ruleTypeId`",
    fields: &[
        req("category", Str),
        opt("owner", Str),
        req("provider", Str),
        opt("version", Str),
    ],
};
static ACTION: Shape = Shape {
    tag: Tag::Action,
    what: "an action",
    fields: &[
        req("name", Str),
        req("actionTypeId", Kind::Struct(&ACTION_TYPE_ID)),
        opt("runOrder", Int),
        opt("configuration", Config),
        opt("commands", StrList),
        opt("outputArtifacts", Kind::List(&OUTPUT_ARTIFACT)),
        opt("inputArtifacts", Kind::List(&INPUT_ARTIFACT)),
        opt("outputVariables", StrList),
        opt("roleArn", Str),
        opt("region", Str),
        opt("namespace", Str),
        opt("timeoutInMinutes", Int),
        opt("environmentVariables", Kind::List(&ENV_VAR)),
        opt("pipewright", Kind::Struct(&ACTION_LOCAL)),
    ],
};
static ACTION_TYPE_ID: Shape = Shape {
    tag: Tag::ActionTypeId,
    what: "`actionTypeId`",
    fields: &[
        req("category", Str),
        req("owner", Str),
        req("provider", Str),
        req("version", Str),
    ],
};
static INPUT_ARTIFACT: Shape = Shape {
    tag: Tag::Other,
    what: "an input artifact",
    fields: &[req("name", Str)],
};
static OUTPUT_ARTIFACT: Shape = Shape {
    tag: Tag::Other,
    what: "an output artifact",
    fields: &[req("name", Str), opt("files", StrList)],
};
static ENV_VAR: Shape = Shape {
    tag: Tag::Other,
    what: "an environment variable",
    fields: &[req("name", Str), req("value", Str), opt("type", Str)],
};
static VARIABLE: Shape = Shape {
    tag: Tag::Other,
    what: "a pipeline variable",
    fields: &[
        req("name", Str),
        opt("defaultValue", Str),
        opt("description", Str),
    ],
};
static TRIGGER: Shape = Shape {
    tag: Tag::Other,
    what: "a trigger",
    fields: &[
        req("providerType", Str),
        req("gitConfiguration", Kind::Struct(&GIT_CONFIGURATION)),
    ],
};
static GIT_CONFIGURATION: Shape = Shape {
    tag: Tag::Other,
    what: "`gitConfiguration`",
    fields: &[
        req("sourceActionName", Str),
        opt("push", Kind::List(&PUSH_FILTER)),
        opt("pullRequest", Kind::List(&PULL_REQUEST_FILTER)),
    ],
};
static PUSH_FILTER: Shape = Shape {
    tag: Tag::Other,
    what: "a push filter",
    fields: &[
        opt("tags", Kind::Struct(&FILTER_PATTERNS)),
        opt("branches", Kind::Struct(&FILTER_PATTERNS)),
        opt("filePaths", Kind::Struct(&FILTER_PATTERNS)),
    ],
};
static PULL_REQUEST_FILTER: Shape = Shape {
    tag: Tag::Other,
    what: "a pull request filter",
    fields: &[
        opt("events", StrList),
        opt("branches", Kind::Struct(&FILTER_PATTERNS)),
        opt("filePaths", Kind::Struct(&FILTER_PATTERNS)),
    ],
};
static FILTER_PATTERNS: Shape = Shape {
    tag: Tag::Other,
    what: "a filter",
    fields: &[opt("includes", StrList), opt("excludes", StrList)],
};
static PIPELINE_LOCAL: Shape = Shape {
    tag: Tag::Other,
    what: "the pipeline's `pipewright` settings",
    fields: &[],
};
static ACTION_LOCAL: Shape = Shape {
    tag: Tag::ActionLocal,
    what: "an action's `pipewright` settings",
    fields: &[
        opt("image", Str),
        opt("buildspec", Str),
        opt("timeoutMinutes", Num),
        opt("repository", Str),
    ],
};

/// Normalize a pipeline declaration in place, appending diagnostics in document order.
pub(super) fn normalize(decl: &mut Value, options: &ParseOptions, diags: &mut Vec<Diagnostic>) {
    let mut w = Walker {
        options,
        diags,
        path: String::new(),
    };
    w.walk_struct(&PIPELINE, decl);
}

struct Walker<'a> {
    options: &'a ParseOptions,
    diags: &'a mut Vec<Diagnostic>,
    /// JSON pointer of the value being walked, relative to the declaration.
    path: String,
}

impl Walker<'_> {
    fn push(&mut self, key: &str) -> usize {
        let len = self.path.len();
        push_pointer(&mut self.path, key);
        len
    }
    fn push_index(&mut self, i: usize) -> usize {
        let len = self.path.len();
        self.path.push('/');
        self.path.push_str(&i.to_string());
        len
    }

    fn type_error(&mut self, expected: &str, found: &Value) {
        self.type_error_of(None, expected, found)
    }

    /// `subject` names the value when its key does not ("A stage" for `/stages/2`).
    fn type_error_of(&mut self, subject: Option<&str>, expected: &str, found: &Value) {
        let here = self.path.clone();
        let field = here.rsplit('/').next().unwrap_or("");
        let name = if field.is_empty() || field.chars().all(|c| c.is_ascii_digit()) {
            subject.map_or_else(|| "This value".to_string(), capitalize)
        } else {
            format!("`{}`", unescape(field))
        };
        let hint = match (expected, found) {
            ("a whole number", Value::String(s)) if s.trim().parse::<i64>().is_ok() => {
                format!("; write it without quotes: {}", s.trim())
            }
            ("text", Value::Number(n)) => format!("; write it in quotes: \"{n}\""),
            ("text", Value::Bool(b)) => format!("; write it in quotes: \"{b}\""),
            _ => String::new(),
        };
        self.diags.push(Diagnostic::error(
            "E_TYPE",
            here,
            format!("{name} must be {expected}, not {}{hint}", describe(found)),
        ));
    }

    fn walk(&mut self, kind: Kind, v: &mut Value) {
        match kind {
            Kind::Str => {
                if !v.is_string() {
                    self.type_error("text", v)
                }
            }
            Kind::Int => {
                if v.as_i64().is_none() {
                    self.type_error("a whole number", v)
                }
            }
            Kind::Num => {
                if !v.is_number() {
                    self.type_error("a number", v)
                }
            }
            Kind::StrList => match v {
                Value::Array(items) => {
                    for (i, item) in items.iter_mut().enumerate() {
                        if !item.is_string() {
                            let len = self.push_index(i);
                            self.type_error("text", item);
                            self.path.truncate(len);
                        }
                    }
                }
                _ => self.type_error("a list of text values", v),
            },
            Kind::Config => self.walk_config(v),
            Kind::Struct(shape) => self.walk_struct(shape, v),
            Kind::List(shape) => match v {
                Value::Array(items) => {
                    for (i, item) in items.iter_mut().enumerate() {
                        let len = self.push_index(i);
                        self.walk_struct(shape, item);
                        self.path.truncate(len);
                    }
                }
                _ => self.type_error("a list", v),
            },
            Kind::Map(shape) => match v {
                Value::Object(map) => {
                    for (k, item) in map.iter_mut() {
                        let len = self.push(k);
                        self.walk_struct(shape, item);
                        self.path.truncate(len);
                    }
                }
                _ => self.type_error("an object", v),
            },
        }
    }

    fn walk_config(&mut self, v: &mut Value) {
        let Value::Object(map) = v else {
            self.type_error("an object of names to text values", v);
            return;
        };
        for (k, item) in map.iter_mut() {
            match item {
                Value::String(_) => {}
                Value::Bool(b) => *item = Value::String(b.to_string()),
                Value::Number(n) => *item = Value::String(n.to_string()),
                Value::Null => {
                    let len = self.push(k);
                    let here = self.path.clone();
                    self.path.truncate(len);
                    self.diags.push(Diagnostic::error(
                        "E_TYPE",
                        here,
                        format!("configuration `{k}` has no value; give it a text value or remove the key"),
                    ));
                }
                Value::Array(_) | Value::Object(_) => {
                    let len = self.push(k);
                    let here = self.path.clone();
                    self.path.truncate(len);
                    self.diags.push(Diagnostic::error(
                        "E_TYPE",
                        here,
                        format!(
                            "configuration `{k}` is {}, but configuration values are text, as in the CodePipeline API; write it as a string (JSON inside a string if the provider expects JSON)",
                            describe(item)
                        ),
                    ));
                }
            }
        }
    }

    fn walk_struct(&mut self, shape: &'static Shape, v: &mut Value) {
        let Value::Object(map) = v else {
            self.type_error_of(Some(shape.what), "an object", v);
            return;
        };
        match shape.tag {
            Tag::Action => self.expand_action_short_form(map),
            Tag::Rule if expand_artifact_names(map, "inputArtifacts") => {
                self.diags.push(Diagnostic::info(
                    "I_SHORT_FORM_EXPANDED",
                    self.path.clone(),
                    "read input artifacts given as plain names as {name: …}",
                ));
            }
            Tag::ActionTypeId | Tag::RuleTypeId => self.version_number_to_string(map),
            _ => {}
        }
        // Nulls in optional fields mean "absent".
        map.retain(|k, val| {
            !(val.is_null()
                && shape
                    .fields
                    .iter()
                    .any(|f| f.name == k.as_str() && f.nullable))
        });
        for (k, item) in map.iter_mut() {
            let len = self.push(k);
            match shape.fields.iter().find(|f| f.name == k.as_str()) {
                Some(field) => self.walk(field.kind, item),
                None => self.unknown_field(shape, k),
            }
            self.path.truncate(len);
        }
        for field in shape.fields.iter().filter(|f| f.required) {
            if !map.contains_key(field.name) {
                let close = map
                    .keys()
                    .find(|k| did_you_mean(k, [field.name]).is_some())
                    .map(|k| format!(" (`{k}` is there: check its spelling)"))
                    .unwrap_or_default();
                self.diags.push(Diagnostic::error(
                    "E_MISSING_FIELD",
                    self.path.clone(),
                    format!(
                        "{} needs `{}`{close}; add it",
                        capitalize(shape.what),
                        field.name
                    ),
                ));
            }
        }
        if shape.tag == Tag::Action {
            self.resolve_action_paths(map);
        }
    }

    fn unknown_field(&mut self, shape: &Shape, key: &str) {
        let hint = did_you_mean(key, shape.fields.iter().map(|f| f.name))
            .map(|s| format!(" Did you mean `{s}`?"))
            .unwrap_or_default();
        let local = matches!(shape.tag, Tag::ActionLocal) || shape.fields.is_empty();
        let consequence = if local {
            "it is kept as is but Pipewright does not use it"
        } else {
            "it is kept as is, but Pipewright ignores it and AWS would reject it"
        };
        self.diags.push(Diagnostic::warning(
            "W_UNKNOWN_FIELD",
            self.path.clone(),
            format!(
                "`{key}` is not a field of {}; {consequence}.{hint}",
                shape.what
            ),
        ));
    }

    fn version_number_to_string(&mut self, map: &mut Map<String, Value>) {
        if let Some(v) = map.get_mut("version") {
            if let Some(n) = v.as_u64() {
                *v = Value::String(n.to_string());
                let len = self.push("version");
                self.diags.push(Diagnostic::info(
                    "I_VALUE_CONVERTED",
                    self.path.clone(),
                    format!("read version {n} as the text \"{n}\", as the API expects"),
                ));
                self.path.truncate(len);
            }
        }
    }

    /// `actionType: Build` / `category`, `provider`, `owner`, `version` on the action itself,
    /// artifacts as plain names, and an `actionTypeId` without owner or version.
    fn expand_action_short_form(&mut self, map: &mut Map<String, Value>) {
        let mut notes: Vec<&str> = Vec::new();
        const SHORT: [&str; 5] = ["actionType", "category", "provider", "owner", "version"];
        if !map.contains_key("actionTypeId") && SHORT.iter().any(|k| map.contains_key(*k)) {
            let mut id = Map::new();
            let category = map
                .shift_remove("actionType")
                .or_else(|| map.shift_remove("category"));
            let provider = map.shift_remove("provider");
            let owner = map.shift_remove("owner");
            let version = map.shift_remove("version");
            if let Some(c) = category {
                id.insert("category".into(), c);
            }
            if let Some(o) = owner {
                id.insert("owner".into(), o);
            }
            if let Some(p) = provider {
                id.insert("provider".into(), p);
            }
            if let Some(v) = version {
                id.insert("version".into(), v);
            }
            map.insert("actionTypeId".into(), Value::Object(id));
            notes.push("`actionType`/`provider` on the action → `actionTypeId`");
        }
        if let Some(Value::Object(id)) = map.get_mut("actionTypeId") {
            let provider = id
                .get("provider")
                .and_then(Value::as_str)
                .map(str::to_string);
            if !id.contains_key("category") {
                if let Some(p) = &provider {
                    let mut cats = providers::provider_schemas()
                        .iter()
                        .filter(|s| &s.provider == p)
                        .flat_map(|s| s.categories.iter());
                    if let (Some(c), None) = (cats.next(), cats.next()) {
                        id.insert("category".into(), Value::String(c.clone()));
                        notes.push("category taken from the provider");
                    }
                }
            }
            if !id.contains_key("owner") {
                if let Some(p) = &provider {
                    let owner = if LOCAL_PROVIDERS.contains(&p.as_str()) {
                        "Custom"
                    } else {
                        "AWS"
                    };
                    id.insert("owner".into(), Value::String(owner.into()));
                    notes.push(if owner == "Custom" {
                        "owner Custom (a local provider)"
                    } else {
                        "owner AWS"
                    });
                }
            }
            if !id.contains_key("version") {
                id.insert("version".into(), Value::String("1".into()));
                notes.push("version \"1\"");
            }
            // Keep the API's field order: category, owner, provider, version.
            let mut ordered = Map::new();
            for k in ["category", "owner", "provider", "version"] {
                if let Some(v) = id.shift_remove(k) {
                    ordered.insert(k.into(), v);
                }
            }
            ordered.append(id);
            *id = ordered;
        }
        let inputs = expand_artifact_names(map, "inputArtifacts");
        let outputs = expand_artifact_names(map, "outputArtifacts");
        if inputs || outputs {
            notes.push("artifacts given as plain names → {name: …}");
        }
        if !notes.is_empty() {
            self.diags.push(Diagnostic::info(
                "I_SHORT_FORM_EXPANDED",
                self.path.clone(),
                format!(
                    "expanded the short form to CodePipeline's full form: {}; saved and exported files use the full form",
                    notes.join("; ")
                ),
            ));
        }
    }

    /// Resolve relative paths in local providers' path settings and in `pipewright.repository`.
    fn resolve_action_paths(&mut self, map: &mut Map<String, Value>) {
        let type_id = map.get("actionTypeId");
        let field = |k: &str| {
            type_id
                .and_then(|t| t.get(k))
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        let (category, owner, provider) = (field("category"), field("owner"), field("provider"));
        if is_local_provider(&owner, &provider) {
            if let Some(schema) = find_provider(&category, &owner, &provider) {
                if let Some(Value::Object(config)) = map.get_mut("configuration") {
                    let base = self.push("configuration");
                    for key in schema.configuration.iter().filter(|k| k.kind.is_path()) {
                        if let Some(Value::String(value)) = config.get_mut(&key.name) {
                            let len = self.push(&key.name);
                            self.resolve(value, &format!("`{}`", key.name));
                            self.path.truncate(len);
                        }
                    }
                    self.path.truncate(base);
                }
            }
        }
        if let Some(Value::Object(local)) = map.get_mut("pipewright") {
            if let Some(Value::String(value)) = local.get_mut("repository") {
                let base = self.push("pipewright");
                let len = self.push("repository");
                self.resolve(value, "`pipewright.repository`");
                self.path.truncate(len);
                self.path.truncate(base);
            }
        }
    }

    fn resolve(&mut self, value: &mut String, what: &str) {
        match classify_path(value) {
            PathClass::Absolute | PathClass::Url | PathClass::Skip => {}
            PathClass::Home => self.diags.push(Diagnostic::warning(
                "W_RELATIVE_PATH",
                self.path.clone(),
                format!(
                    "{what} is `{value}`; `~` is not expanded: write the absolute path (e.g. /home/you/…)"
                ),
            )),
            PathClass::Relative => match &self.options.base_dir {
                Some(base) if !is_absolute(base) => self.diags.push(Diagnostic::warning(
                    "W_RELATIVE_PATH",
                    self.path.clone(),
                    format!(
                        "{what} is `{value}`, a relative path, and the file's folder `{base}` is not absolute either, so it cannot be resolved; write an absolute path (or import the file by its absolute path)"
                    ),
                )),
                Some(base) => {
                    let resolved = join_path(base, value);
                    self.diags.push(Diagnostic::info(
                        "I_PATH_RESOLVED",
                        self.path.clone(),
                        format!(
                            "{what} is `{value}`, a relative path: resolved it against the imported file's folder to `{resolved}`"
                        ),
                    ));
                    *value = resolved;
                }
                None => self.diags.push(Diagnostic::warning(
                    "W_RELATIVE_PATH",
                    self.path.clone(),
                    format!(
                        "{what} is `{value}`, a relative path, and there is no file folder to resolve it against (pasted text); write an absolute path"
                    ),
                )),
            },
        }
    }
}

/// Turn `- X` items of an artifact list into `{name: X}`. True when anything changed.
fn expand_artifact_names(map: &mut Map<String, Value>, key: &str) -> bool {
    let mut changed = false;
    if let Some(Value::Array(items)) = map.get_mut(key) {
        for item in items.iter_mut() {
            if let Value::String(name) = item {
                let mut obj = Map::new();
                obj.insert("name".into(), Value::String(std::mem::take(name)));
                *item = Value::Object(obj);
                changed = true;
            }
        }
    }
    changed
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum PathClass {
    Absolute,
    Url,
    Relative,
    /// Starts with `~`.
    Home,
    /// Empty, or holds a variable reference resolved at run time.
    Skip,
}

/// How a path-or-URL setting reads. Pure string inspection: no IO.
pub(crate) fn classify_path(value: &str) -> PathClass {
    let v = value.trim();
    if v.is_empty() || v.contains("#{") {
        return PathClass::Skip;
    }
    if v.contains("://") || is_scp_like(v) {
        return PathClass::Url;
    }
    if is_absolute(v) {
        return PathClass::Absolute;
    }
    if v == "~" || v.starts_with("~/") || v.starts_with("~\\") {
        return PathClass::Home;
    }
    PathClass::Relative
}

/// `/x`, `\\server\share`, `C:\x`, `C:/x`.
pub(crate) fn is_absolute(v: &str) -> bool {
    let b = v.as_bytes();
    v.starts_with('/')
        || v.starts_with("\\\\")
        || (b.len() >= 3
            && b[0].is_ascii_alphabetic()
            && b[1] == b':'
            && (b[2] == b'\\' || b[2] == b'/'))
}

/// `git@github.com:owner/repo.git`
fn is_scp_like(v: &str) -> bool {
    match (v.find('@'), v.find(':')) {
        (Some(at), Some(colon)) => at < colon && !v[..colon].contains('/') && at > 0,
        _ => false,
    }
}

/// Join a relative path onto a base folder, folding `.` and `..` segments lexically.
pub(crate) fn join_path(base: &str, rel: &str) -> String {
    let windows = base.contains('\\') && !base.contains('/');
    let sep = if windows { '\\' } else { '/' };
    let is_sep = |c: char| c == '/' || c == '\\';
    let (prefix, rest) = if windows {
        match base.find('\\') {
            Some(i) => (&base[..i], &base[i..]),
            None => (base, ""),
        }
    } else {
        ("", base)
    };
    let absolute = rest.starts_with(is_sep) || !windows && base.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for seg in rest.split(is_sep).chain(rel.split(is_sep)) {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = String::from(prefix);
    if absolute {
        out.push(sep);
    }
    out.push_str(&parts.join(&sep.to_string()));
    out
}

/// Append `/key` to a JSON pointer, escaping `~` and `/`.
pub(crate) fn push_pointer(path: &mut String, key: &str) {
    path.push('/');
    for c in key.chars() {
        match c {
            '~' => path.push_str("~0"),
            '/' => path.push_str("~1"),
            c => path.push(c),
        }
    }
}

fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// "the text \"abc\"", "the number 3", "a list", … for messages.
pub(crate) fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null (no value)".to_string(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => {
            let short: String = s.chars().take(40).collect();
            let more = if short.len() < s.len() { "…" } else { "" };
            format!("the text \"{short}{more}\"")
        }
        Value::Array(_) => "a list".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}

/// Every field name the shape declares, per struct, for the consistency test.
#[cfg(test)]
pub(crate) fn all_field_names() -> Vec<(&'static str, Vec<&'static str>)> {
    let mut out = Vec::new();
    let mut stack: Vec<&'static Shape> = vec![&PIPELINE];
    let mut seen: Vec<*const Shape> = Vec::new();
    while let Some(s) = stack.pop() {
        if seen.contains(&(s as *const Shape)) {
            continue;
        }
        seen.push(s as *const Shape);
        out.push((s.what, s.fields.iter().map(|f| f.name).collect()));
        for f in s.fields {
            if let Kind::Struct(c) | Kind::List(c) | Kind::Map(c) = f.kind {
                stack.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_folds_dots() {
        assert_eq!(join_path("/home/u/proj", "src"), "/home/u/proj/src");
        assert_eq!(join_path("/home/u/proj/", "./a/../b"), "/home/u/proj/b");
        assert_eq!(join_path("/home/u/proj", "../x"), "/home/u/x");
        assert_eq!(
            join_path("C:\\work\\proj", "out\\dist"),
            "C:\\work\\proj\\out\\dist"
        );
    }

    #[test]
    fn classify() {
        assert_eq!(classify_path("/abs"), PathClass::Absolute);
        assert_eq!(classify_path("C:\\x"), PathClass::Absolute);
        assert_eq!(classify_path("https://example.com/r.git"), PathClass::Url);
        assert_eq!(classify_path("git@github.com:o/r.git"), PathClass::Url);
        assert_eq!(classify_path("rel/dir"), PathClass::Relative);
        assert_eq!(classify_path("~/x"), PathClass::Home);
        assert_eq!(classify_path("#{variables.dir}"), PathClass::Skip);
    }

    #[test]
    fn pointer_escapes() {
        let mut p = String::new();
        push_pointer(&mut p, "a/b~c");
        assert_eq!(p, "/a~1b~0c");
        assert_eq!(unescape("a~1b~0c"), "a/b~c");
    }

    #[test]
    fn shape_matches_model() {
        // Every field the model serializes must be known to the shape: a fully populated
        // document round-trips through the walk without unknown-field warnings.
        let text = include_str!("../../tests/fixtures/codepipeline/kitchen-sink.json");
        let mut v: Value = serde_json::from_str(text).expect("fixture parses");
        let decl = v.get_mut("pipeline").expect("pipeline");
        // Local settings are not in a CodePipeline fixture: add them with every field.
        decl["pipewright"] = serde_json::json!({});
        decl["stages"][1]["actions"][0]["pipewright"] = serde_json::json!({
            "image": "node:20", "buildspec": "buildspec.yml", "timeoutMinutes": 2.5,
            "repository": "/srv/repo"
        });
        let mut diags = Vec::new();
        normalize(decl, &ParseOptions::default(), &mut diags);
        assert!(diags.is_empty(), "{diags:#?}");
        let model: crate::model::PipelineDeclaration =
            serde_json::from_value(decl.clone()).expect("deserializes");
        assert!(model.extra.is_empty());
        assert_eq!(serde_json::to_value(&model).expect("serializes"), *decl);
        assert!(all_field_names().len() > 20);
    }
}
