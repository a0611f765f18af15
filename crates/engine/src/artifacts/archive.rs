//! Tar archives, for daemons that cannot bind-mount (the Docker archive API): write a revision
//! as a tar, and ingest a tar from outside, checking every entry.

use super::error::{ArtifactError, ArtifactErrorKind};
use super::manifest::{
    check_symlink_target, normalize_rel_path, Entry, EntryType, ManifestBuilder,
};
use super::store::ArtifactStore;
use super::Revision;
use std::collections::BTreeSet;
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::Path;
use tar::{EntryType as TarType, Header};

/// Options for [`ArtifactStore::write_tar`].
#[derive(Debug, Clone, Default)]
pub struct TarOptions {
    /// Owner recorded for every entry (default root, 0:0). Docker keeps it when it unpacks
    /// the archive, so set it to the uid/gid the container runs as for a writable copy.
    pub uid_gid: Option<(u32, u32)>,
    /// Modification time of every entry, in seconds since the epoch (default 0).
    pub mtime: u64,
}

impl ArtifactStore {
    /// The revision as an in-memory tar (files, folders, symlinks; paths relative, no
    /// leading `./`). For large revisions prefer [`ArtifactStore::write_tar`].
    pub fn to_tar(&self, digest: &str) -> Result<Vec<u8>, ArtifactError> {
        let mut out = Vec::new();
        self.write_tar(digest, &mut out, &TarOptions::default())?;
        Ok(out)
    }

    /// Stream the revision as a tar into `w`.
    pub fn write_tar<W: Write>(
        &self,
        digest: &str,
        w: W,
        options: &TarOptions,
    ) -> Result<(), ArtifactError> {
        let manifest = self.manifest(digest)?;
        let (uid, gid) = options.uid_gid.unwrap_or((0, 0));
        let tar_err = |e: io::Error| {
            if super::error::is_disk_full(&e) {
                ArtifactError::io(
                    e,
                    "writing the archive",
                    Path::new("the archive's destination"),
                )
            } else {
                ArtifactError::new(ArtifactErrorKind::Io, format!("writing the archive: {e}"))
            }
        };
        self.with_lock(false, || {
            let mut builder = tar::Builder::new(w);
            // Every folder gets its own entry, so its owner and mode are set too.
            let mut dirs = BTreeSet::new();
            for e in &manifest.entries {
                let mut p = e.path.as_str();
                if e.kind == EntryType::Dir {
                    dirs.insert(p);
                }
                while let Some((parent, _)) = p.rsplit_once('/') {
                    dirs.insert(parent);
                    p = parent;
                }
            }
            let header = |kind: TarType, mode: u32, size: u64| {
                let mut h = Header::new_gnu();
                h.set_entry_type(kind);
                h.set_mode(mode);
                h.set_size(size);
                h.set_uid(uid as u64);
                h.set_gid(gid as u64);
                h.set_mtime(options.mtime);
                h
            };
            for d in &dirs {
                let mut h = header(TarType::Directory, 0o755, 0);
                builder
                    .append_data(&mut h, format!("{d}/"), io::empty())
                    .map_err(tar_err)?;
            }
            for e in &manifest.entries {
                match e.kind {
                    EntryType::Dir => {}
                    EntryType::Symlink => {
                        let mut h = header(TarType::Symlink, 0o777, 0);
                        builder
                            .append_link(&mut h, &e.path, e.target.as_deref().unwrap_or_default())
                            .map_err(tar_err)?;
                    }
                    EntryType::File => {
                        let digest = e.digest.as_deref().unwrap_or_default();
                        let blob = self.blob_path(digest, e.executable);
                        let file = File::open(&blob).map_err(|err| {
                            ArtifactError::not_found(format!(
                                "the artifact store is missing the content of {:?} (blob {}): \
                                 {err}",
                                e.path,
                                blob.display()
                            ))
                        })?;
                        let mode = if e.executable { 0o755 } else { 0o644 };
                        let mut h = header(TarType::Regular, mode, e.size);
                        builder
                            .append_data(&mut h, &e.path, file.take(e.size))
                            .map_err(tar_err)?;
                    }
                }
            }
            builder
                .into_inner()
                .map_err(tar_err)?
                .flush()
                .map_err(tar_err)?;
            Ok(())
        })
    }

    /// Store the content of a tar from outside as a new revision. See
    /// [`ArtifactStore::ingest_tar_reader`].
    pub fn ingest_tar(&self, tar: &[u8]) -> Result<Revision, ArtifactError> {
        self.ingest_tar_reader(tar, 0)
    }

    /// Store the content of a tar read from `r` as a new revision, dropping the first
    /// `strip_components` path components of every entry (Docker's archive API puts the
    /// copied folder's own name first). Every entry is checked: absolute paths, `..`, symlinks
    /// that point outside the tree, hard links, devices and fifos are refused with
    /// [`ArtifactErrorKind::Unsafe`] naming the entry. Owners and times are not kept; of the
    /// mode only the exec bit is.
    pub fn ingest_tar_reader<R: Read>(
        &self,
        r: R,
        strip_components: usize,
    ) -> Result<Revision, ArtifactError> {
        let mut archive = tar::Archive::new(r);
        let read_err = |e: io::Error| {
            ArtifactError::new(ArtifactErrorKind::Io, format!("reading the archive: {e}"))
        };
        self.with_lock(false, || {
            let mut b = ManifestBuilder::new();
            for item in archive.entries().map_err(read_err)? {
                let mut entry = item.map_err(read_err)?;
                let raw = entry.path_bytes().into_owned();
                let name = String::from_utf8_lossy(&raw).into_owned();
                let Ok(path_str) = std::str::from_utf8(&raw) else {
                    return Err(ArtifactError::unsafe_entry(
                        &name,
                        "the path is not valid UTF-8",
                    ));
                };
                let kind = entry.header().entry_type();
                if matches!(
                    kind,
                    TarType::XGlobalHeader
                        | TarType::XHeader
                        | TarType::GNULongName
                        | TarType::GNULongLink
                ) {
                    continue;
                }
                let normalized = normalize_rel_path(path_str)
                    .map_err(|why| ArtifactError::unsafe_entry(&name, why))?;
                let Some(path) = normalized.and_then(|p| strip(&p, strip_components)) else {
                    if kind == TarType::Directory {
                        continue; // the root folder itself
                    }
                    return Err(ArtifactError::unsafe_entry(
                        &name,
                        "the entry has no name inside the artifact",
                    ));
                };
                match kind {
                    TarType::Regular | TarType::Continuous => {
                        let executable = entry
                            .header()
                            .mode()
                            .map(|m| m & 0o111 != 0)
                            .unwrap_or(false);
                        let size = entry.size();
                        let (digest, size) =
                            self.put_reader(&mut entry, executable, size, Path::new(&name))?;
                        b.insert(Entry::file(path, digest, size, executable));
                    }
                    TarType::Directory => b.insert(Entry::dir(path)),
                    TarType::Symlink => {
                        let target = entry
                            .link_name_bytes()
                            .map(|t| t.into_owned())
                            .unwrap_or_default();
                        let Ok(target) = String::from_utf8(target) else {
                            return Err(ArtifactError::unsafe_entry(
                                &name,
                                "the symlink target is not valid UTF-8",
                            ));
                        };
                        let target = check_symlink_target(&path, &target)
                            .map_err(|why| ArtifactError::unsafe_entry(&name, why))?;
                        b.insert(Entry::symlink(path, target));
                    }
                    TarType::Link => {
                        return Err(ArtifactError::unsafe_entry(
                            &name,
                            "hard links are not accepted in artifacts",
                        ))
                    }
                    TarType::Char | TarType::Block => {
                        return Err(ArtifactError::unsafe_entry(
                            &name,
                            "device files are not accepted in artifacts",
                        ))
                    }
                    TarType::Fifo => {
                        return Err(ArtifactError::unsafe_entry(
                            &name,
                            "fifos are not accepted in artifacts",
                        ))
                    }
                    other => {
                        return Err(ArtifactError::unsafe_entry(
                            &name,
                            format!("entries of type {other:?} are not accepted in artifacts"),
                        ))
                    }
                }
            }
            self.commit_manifest(b)
        })
    }
}

/// Drop the first `n` components of a normalized path; `None` when nothing is left.
fn strip(path: &str, n: usize) -> Option<String> {
    let rest: Vec<&str> = path.split('/').skip(n).collect();
    (!rest.is_empty()).then(|| rest.join("/"))
}
