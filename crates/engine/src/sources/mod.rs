//! Source providers: `Directory` (a snapshot of a local folder) and `Git` (the tree at a
//! branch tip, with CodePipeline's source variables). Both produce one artifact revision in
//! the [`crate::artifacts::ArtifactStore`]. Synchronous: call them through `spawn_blocking`.

pub mod directory;
pub mod git;

use crate::artifacts::{ArtifactError, ArtifactErrorKind};

/// What kind of failure a [`SourceError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceErrorKind {
    /// The configuration is unusable as given (an empty or relative path, an empty repository).
    Config,
    /// The folder or repository does not exist.
    NotFound,
    /// The path exists but is not a folder.
    NotAFolder,
    /// The path or URL is not a Git repository.
    NotARepository,
    /// The branch does not exist; the message lists the branches that do.
    BranchNotFound,
    /// Any other Git failure (network, damaged repository, …).
    Git,
    /// Storing the snapshot failed (a full disk, an unreadable file, …).
    Artifact(ArtifactErrorKind),
}

impl SourceErrorKind {
    /// A stable code, in the project's `E_…` style.
    pub fn code(self) -> &'static str {
        match self {
            SourceErrorKind::Config => "E_SOURCE_CONFIG",
            SourceErrorKind::NotFound => "E_SOURCE_NOT_FOUND",
            SourceErrorKind::NotAFolder => "E_SOURCE_NOT_A_FOLDER",
            SourceErrorKind::NotARepository => "E_SOURCE_NOT_A_REPOSITORY",
            SourceErrorKind::BranchNotFound => "E_SOURCE_BRANCH_NOT_FOUND",
            SourceErrorKind::Git => "E_SOURCE_GIT",
            SourceErrorKind::Artifact(k) => k.code(),
        }
    }
}

/// An error from a source provider, with a message that says what to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SourceError {
    pub kind: SourceErrorKind,
    pub message: String,
}

impl SourceError {
    pub fn new(kind: SourceErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    pub fn kind(&self) -> SourceErrorKind {
        self.kind
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

impl From<ArtifactError> for SourceError {
    fn from(e: ArtifactError) -> Self {
        Self {
            kind: SourceErrorKind::Artifact(e.kind),
            message: e.message,
        }
    }
}
