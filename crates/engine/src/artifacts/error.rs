//! The artifact store's error: a kind callers match on, and a message for people that says
//! what went wrong and, where it can, how to fix it.

use std::io;
use std::path::Path;

/// What kind of failure an [`ArtifactError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArtifactErrorKind {
    /// The disk holding the data folder (or a deploy target) has no space left.
    DiskFull,
    /// Something unpacked from outside (an archive, a tree) would escape its folder or holds
    /// entries that are never accepted (hard links, devices, fifos, absolute paths, `..`).
    Unsafe,
    /// A revision, a blob, a folder or a previous deploy does not exist.
    NotFound,
    /// An output glob matched no file.
    NoMatch,
    /// Any other file-system failure.
    Io,
}

impl ArtifactErrorKind {
    /// A stable code for the kind, in the project's `E_…` style.
    pub fn code(self) -> &'static str {
        match self {
            ArtifactErrorKind::DiskFull => "E_DISK_FULL",
            ArtifactErrorKind::Unsafe => "E_ARTIFACT_UNSAFE",
            ArtifactErrorKind::NotFound => "E_ARTIFACT_NOT_FOUND",
            ArtifactErrorKind::NoMatch => "E_ARTIFACT_NO_MATCH",
            ArtifactErrorKind::Io => "E_ARTIFACT_IO",
        }
    }
}

/// An error from the artifact store, snapshots, archives or deploys.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ArtifactError {
    pub kind: ArtifactErrorKind,
    pub message: String,
}

impl ArtifactError {
    pub fn new(kind: ArtifactErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    pub fn kind(&self) -> ArtifactErrorKind {
        self.kind
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    pub(crate) fn unsafe_entry(entry: &str, why: impl std::fmt::Display) -> Self {
        Self::new(
            ArtifactErrorKind::Unsafe,
            format!("refused unsafe entry {entry:?}: {why}"),
        )
    }

    pub(crate) fn not_found(message: impl Into<String>) -> Self {
        Self::new(ArtifactErrorKind::NotFound, message)
    }

    /// Map an IO failure of `what` (a sentence fragment such as "writing a blob") on `path`.
    /// ENOSPC and EDQUOT become [`ArtifactErrorKind::DiskFull`].
    pub(crate) fn io(e: io::Error, what: &str, path: &Path) -> Self {
        if is_disk_full(&e) {
            return Self::new(
                ArtifactErrorKind::DiskFull,
                format!(
                    "no space left on the disk holding {} ({what}): free space there, then retry; \
                     if it is the disk of the data folder, `pipewright gc` removes artifacts no \
                     execution keeps and a lower `artifacts.keepExecutions` keeps fewer",
                    path.display()
                ),
            );
        }
        Self::plain_io(e, what, path)
    }

    /// Like [`ArtifactError::io`], for failures inside the artifact store rooted at `root`.
    pub(crate) fn store_io(e: io::Error, what: &str, path: &Path, root: &Path) -> Self {
        if is_disk_full(&e) {
            return Self::new(
                ArtifactErrorKind::DiskFull,
                format!(
                    "the disk holding the data folder is full ({what} in {}): free space with \
                     `pipewright gc` (removes artifacts no execution keeps) or keep fewer with \
                     `pipewright config set artifacts.keepExecutions N`, then retry",
                    root.display()
                ),
            );
        }
        Self::plain_io(e, what, path)
    }

    fn plain_io(e: io::Error, what: &str, path: &Path) -> Self {
        let kind = if e.kind() == io::ErrorKind::NotFound {
            ArtifactErrorKind::NotFound
        } else {
            ArtifactErrorKind::Io
        };
        Self::new(kind, format!("{what} {}: {e}", path.display()))
    }
}

/// True for "no space left on device" and "disk quota exceeded".
pub(crate) fn is_disk_full(e: &io::Error) -> bool {
    matches!(e.raw_os_error(), Some(libc::ENOSPC) | Some(libc::EDQUOT))
        || e.kind() == io::ErrorKind::StorageFull
}

/// Attach a description and a path to an IO result.
pub(crate) trait IoContext<T> {
    fn ctx(self, what: &str, path: &Path) -> Result<T, ArtifactError>;
}

impl<T> IoContext<T> for io::Result<T> {
    fn ctx(self, what: &str, path: &Path) -> Result<T, ArtifactError> {
        self.map_err(|e| ArtifactError::io(e, what, path))
    }
}
