//! The engine's error: a stable code (crossing IPC as `{code, message}` and deciding the
//! CLI's exit code) and a message that says what to do.

use crate::runtime::RuntimeError;
use crate::variables::VariableError;
use pipewright_store::StoreError;

/// Codes the engine adds to the store's.
pub mod codes {
    /// The pipeline version to run is invalid (run `validate` for its diagnostics).
    pub const INVALID_PIPELINE: &str = "E_INVALID_PIPELINE";
    /// A variable override or reference is wrong.
    pub const VARIABLE: &str = "E_VARIABLE";
    /// Something this version of Pipewright does not do yet (e.g. SECRETS_MANAGER).
    pub const UNSUPPORTED: &str = "E_UNSUPPORTED";
    /// Another process runs this execution.
    pub const OWNED: &str = "E_OWNED";
    /// A stage the execution's pipeline version does not have.
    pub const STAGE_UNKNOWN: &str = "E_STAGE_UNKNOWN";
    /// A rerun needs artifacts that retention has removed.
    pub const ARTIFACTS_REMOVED: &str = "E_ARTIFACTS_REMOVED";
    /// An execution id that is not a uuid.
    pub const INVALID_ID: &str = "E_INVALID_ID";
    /// The data folder (locks, logs) cannot be written.
    pub const IO: &str = "E_IO";
    /// The container runtime failed.
    pub const RUNTIME: &str = "E_RUNTIME";
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct EngineError {
    code: &'static str,
    message: String,
    environment: bool,
}

impl EngineError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            environment: false,
        }
    }

    pub fn code(&self) -> &'static str {
        self.code
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    /// The environment failed (data folder, disk, database, Docker): the CLI exits 3.
    pub fn is_environment(&self) -> bool {
        self.environment
    }

    pub(crate) fn io(what: &str, e: std::io::Error) -> Self {
        Self {
            code: codes::IO,
            message: format!("{what}: {e}"),
            environment: true,
        }
    }
}

impl From<StoreError> for EngineError {
    fn from(e: StoreError) -> Self {
        Self {
            code: e.code(),
            environment: e.is_environment(),
            message: e.message().to_string(),
        }
    }
}

impl From<crate::artifacts::ArtifactError> for EngineError {
    fn from(e: crate::artifacts::ArtifactError) -> Self {
        use crate::artifacts::ArtifactErrorKind as K;
        Self {
            code: e.kind.code(),
            environment: matches!(e.kind, K::DiskFull | K::Io),
            message: e.message,
        }
    }
}

impl From<VariableError> for EngineError {
    fn from(e: VariableError) -> Self {
        let code = match e {
            VariableError::Secret { .. } => codes::UNSUPPORTED,
            _ => codes::VARIABLE,
        };
        Self::new(code, e.to_string())
    }
}

impl From<RuntimeError> for EngineError {
    fn from(e: RuntimeError) -> Self {
        Self {
            code: codes::RUNTIME,
            environment: e.is_environment(),
            message: e.message,
        }
    }
}

impl From<EngineError> for pipewright_core::api::IpcError {
    fn from(e: EngineError) -> Self {
        pipewright_core::api::IpcError::new(e.code, e.message)
    }
}
