//! Source `Directory`: a snapshot of a local folder (configuration `Path`,
//! `RespectGitignore`).

use super::{SourceError, SourceErrorKind};
use crate::artifacts::{ArtifactStore, Revision};
use std::io;
use std::path::Path;

/// Snapshot the folder at `path` (absolute, as design.md requires of configuration paths).
/// `.git` is always left out; with `respect_gitignore`, so is what `.gitignore` ignores.
pub fn snapshot(
    store: &ArtifactStore,
    path: &str,
    respect_gitignore: bool,
) -> Result<Revision, SourceError> {
    if path.trim().is_empty() {
        return Err(SourceError::new(
            SourceErrorKind::Config,
            "the Directory source has no Path: set it to the folder to take",
        ));
    }
    let dir = Path::new(path);
    if !dir.is_absolute() {
        return Err(SourceError::new(
            SourceErrorKind::Config,
            format!("the Directory source's Path {path:?} is relative: give an absolute path"),
        ));
    }
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            return Err(SourceError::new(
                SourceErrorKind::NotAFolder,
                format!("the Directory source's Path {path} is not a folder"),
            ))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(SourceError::new(
                SourceErrorKind::NotFound,
                format!("the Directory source's Path {path} does not exist"),
            ))
        }
        Err(e) => {
            return Err(SourceError::new(
                SourceErrorKind::NotFound,
                format!("cannot read the Directory source's Path {path}: {e}"),
            ))
        }
    }
    Ok(store.snapshot_dir(dir, respect_gitignore)?)
}
