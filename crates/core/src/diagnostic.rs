//! Diagnostics: every problem found in a pipeline carries a stable code, a JSON-pointer path
//! into the `pipeline` object, a severity and a message that says how to fix it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Diagnostic {
    /// Stable code such as `E_ARTIFACT_UNDEFINED` or `W_UNKNOWN_FIELD`.
    pub code: String,
    pub severity: Severity,
    /// JSON pointer relative to the pipeline declaration, e.g. `/stages/1/actions/0/inputArtifacts/0`.
    /// Empty for the whole document.
    pub path: String,
    pub message: String,
}

impl Diagnostic {
    pub fn new(
        code: &str,
        severity: Severity,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            code: code.to_string(),
            severity,
            path: path.into(),
            message: message.into(),
        }
    }
    pub fn error(code: &str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Error, path, message)
    }
    pub fn warning(code: &str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Warning, path, message)
    }
    pub fn info(code: &str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Info, path, message)
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// True when none of the diagnostics is an error.
pub fn is_valid(diagnostics: &[Diagnostic]) -> bool {
    !diagnostics.iter().any(Diagnostic::is_error)
}
