//! Artifacts: a per-file content-addressed store in `<data dir>/artifacts`.
//!
//! - A **blob** per distinct file content (sha256), stored once however many revisions use it.
//! - A **manifest** per artifact revision: the sorted entries (path, blob digest, size, exec
//!   bit, or the target of a symlink that stays inside the tree). The revision digest is the
//!   sha256 of the canonical manifest, so the same tree always gives the same digest.
//! - [`ArtifactStore::snapshot_dir`] (Directory source) and [`ArtifactStore::collect`] (action
//!   output by globs) make revisions; a stat cache means unchanged files are not read again.
//! - [`ArtifactStore::materialize`] lays a revision out as read-only hard links (inputs) or
//!   writable copies (the working directory); [`deploy::deploy_directory`] swaps one into a
//!   target folder atomically.
//! - [`ArtifactStore::write_tar`] / [`ArtifactStore::ingest_tar_reader`] move revisions through
//!   remote daemons' archive API; everything unpacked from outside is checked.
//! - [`ArtifactStore::gc`] removes what no kept revision uses.
//!
//! Everything is synchronous std code: call it from async code through `spawn_blocking`.

mod archive;
mod cache;
pub mod deploy;
mod error;
mod gc;
mod manifest;
mod materialize;
mod snapshot;
mod store;

pub use archive::TarOptions;
pub use error::{ArtifactError, ArtifactErrorKind};
pub use gc::GcReport;
pub use manifest::{is_digest, Entry, EntryType, Manifest, MANIFEST_VERSION};
pub use materialize::Materialize;
pub use store::ArtifactStore;

pub(crate) use manifest::{check_symlink_target, normalize_rel_path, ManifestBuilder};

use serde::{Deserialize, Serialize};

/// One artifact revision, as an execution records it for every artifact an action consumed
/// or produced.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Revision {
    /// sha256 of the canonical manifest (64 lower-case hex digits).
    pub digest: String,
    /// Total bytes of the files.
    pub size: u64,
    /// Files and symlinks (folders are not counted).
    pub file_count: u64,
}
