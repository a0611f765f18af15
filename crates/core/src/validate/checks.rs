//! The API's string patterns and lengths, from botocore's `codepipeline` service model
//! (`shape.metadata['pattern']`, `min`, `max`; patterns match the whole value).

/// A name-like string: allowed characters and length bounds.
pub(crate) struct Pattern {
    pub chars: fn(char) -> bool,
    /// "letters, digits, `.`, `@`, `-` and `_`"
    pub allowed: &'static str,
    pub min: usize,
    pub max: usize,
}

fn name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '@' | '-' | '_')
}
fn artifact_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_')
}
fn namespace_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '@' | '-' | '_')
}
fn env_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}
fn location_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '.')
}

const NAME_CHARS: &str = "letters, digits, `.`, `@`, `-` and `_`";

/// PipelineName, StageName, ActionName, RuleName: `[A-Za-z0-9.@\-_]+`, 1–100.
pub(crate) const NAME: Pattern = Pattern {
    chars: name_char,
    allowed: NAME_CHARS,
    min: 1,
    max: 100,
};
/// ArtifactName: `[a-zA-Z0-9_\-]+`, 1–100.
pub(crate) const ARTIFACT_NAME: Pattern = Pattern {
    chars: artifact_char,
    allowed: "letters, digits, `-` and `_`",
    min: 1,
    max: 100,
};
/// ActionNamespace: `[A-Za-z0-9@\-_]+`, 1–100.
pub(crate) const NAMESPACE: Pattern = Pattern {
    chars: namespace_char,
    allowed: "letters, digits, `@`, `-` and `_`",
    min: 1,
    max: 100,
};
/// PipelineVariableName: `[A-Za-z0-9@\-_]+`, 1–128.
pub(crate) const VARIABLE_NAME: Pattern = Pattern {
    chars: namespace_char,
    allowed: "letters, digits, `@`, `-` and `_`",
    min: 1,
    max: 128,
};
/// ActionProvider / RuleProvider: `[0-9A-Za-z_-]+`, 1–35.
pub(crate) const PROVIDER: Pattern = Pattern {
    chars: artifact_char,
    allowed: "letters, digits, `-` and `_`",
    min: 1,
    max: 35,
};
/// Version: `[0-9A-Za-z_-]+`, 1–9.
pub(crate) const VERSION: Pattern = Pattern {
    chars: artifact_char,
    allowed: "letters, digits, `-` and `_`",
    min: 1,
    max: 9,
};
/// EnvironmentVariableName: `[A-Za-z0-9_]+`, 1–128.
pub(crate) const ENV_NAME: Pattern = Pattern {
    chars: env_char,
    allowed: "letters, digits and `_`",
    min: 1,
    max: 128,
};
/// ArtifactStoreLocation: `[a-zA-Z0-9\-\.]+`, 3–63.
pub(crate) const STORE_LOCATION: Pattern = Pattern {
    chars: location_char,
    allowed: "letters, digits, `-` and `.`",
    min: 3,
    max: 63,
};

impl Pattern {
    /// `None` when `value` matches; otherwise what is wrong with it and how to fix it, for a
    /// message ("it contains a space; use only letters, digits, …").
    pub fn problem(&self, value: &str) -> Option<String> {
        let len = value.chars().count();
        if len < self.min {
            return Some(if len == 0 {
                "it is empty; give it a value".to_string()
            } else {
                format!("it has {len} characters; use at least {}", self.min)
            });
        }
        if len > self.max {
            return Some(format!("it has {len} characters; use at most {}", self.max));
        }
        if let Some(bad) = value.chars().find(|c| !(self.chars)(*c)) {
            let shown = if bad == ' ' {
                "a space".to_string()
            } else {
                format!("`{bad}`")
            };
            return Some(format!("it contains {shown}; use only {}", self.allowed));
        }
        None
    }
}

/// RoleArn: `arn:aws(-[\w]+)*:iam::[0-9]{12}:role/.*`, at most 1024 characters.
pub(crate) fn is_role_arn(s: &str) -> bool {
    if s.chars().count() > 1024 || s.contains('\n') || s.contains('\r') {
        return false;
    }
    let Some(mut rest) = s.strip_prefix("arn:aws") else {
        return false;
    };
    while let Some(after) = rest.strip_prefix('-') {
        let word = after
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        if word == 0 {
            return false;
        }
        rest = &after[word..];
    }
    let Some(rest) = rest.strip_prefix(":iam::") else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits == 12 && rest[12..].starts_with(":role/")
}

/// Length in characters between `min` and `max` (inclusive).
pub(crate) fn len_between(s: &str, min: usize, max: usize) -> bool {
    let n = s.chars().count();
    n >= min && n <= max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(NAME.problem("Build-1.x@y_z").is_none());
        assert!(NAME.problem("").is_some());
        assert!(NAME.problem("has space").unwrap().contains("a space"));
        assert!(NAME.problem(&"a".repeat(101)).is_some());
        assert!(ARTIFACT_NAME.problem("Out.put").is_some());
        assert!(NAMESPACE.problem("ns.x").is_some());
        assert!(STORE_LOCATION.problem("ab").is_some());
    }

    #[test]
    fn role_arns() {
        assert!(is_role_arn("arn:aws:iam::123456789012:role/x"));
        assert!(is_role_arn(
            "arn:aws-cn:iam::123456789012:role/service-role/x"
        ));
        assert!(is_role_arn("arn:aws-us-gov:iam::123456789012:role/x"));
        assert!(!is_role_arn("arn:aws:iam::12345678901:role/x"));
        assert!(!is_role_arn("arn:aws:iam::123456789012:user/x"));
        assert!(!is_role_arn("role/x"));
        assert!(!is_role_arn("arn:aws-:iam::123456789012:role/x"));
    }
}
