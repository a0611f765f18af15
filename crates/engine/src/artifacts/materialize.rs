//! Materialize a revision into a folder: read-only hard links to the blobs (inputs mounted
//! read-only into containers) or real, writable copies (the working directory, deploys).

use super::cache::{now_ns, StatCache, StatKey};
use super::error::{ArtifactError, ArtifactErrorKind};
use super::manifest::{EntryType, Manifest};
use super::store::ArtifactStore;
use std::collections::HashSet;
use std::fs::{self, File, FileTimes, OpenOptions};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// How [`ArtifactStore::materialize`] lays files out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Materialize {
    /// Hard links to the blobs: no data is copied. The files are read-only (0444, or 0555 when
    /// executable) and share their inode with the store, so they must only ever be exposed
    /// read-only (a read-only bind mount): whoever can write through them changes the store.
    /// Falls back to copies when `dest` is on another file system than the store (or a blob
    /// has too many links).
    ReadOnlyLinks,
    /// Real copies (0644, or 0755 when executable) that can be changed and removed freely.
    /// The store records their stat, so a later [`ArtifactStore::collect`] of the same folder
    /// does not read files that were left unchanged.
    WritableCopy,
}

impl ArtifactStore {
    /// Put revision `digest` into `dest`, which must not exist or be an empty folder. Files get
    /// the modification time of their blob (when their content first entered the store). On
    /// failure nothing is left in `dest`.
    pub fn materialize(
        &self,
        digest: &str,
        dest: &Path,
        mode: Materialize,
    ) -> Result<(), ArtifactError> {
        self.materialize_owned(digest, dest, mode, None)
    }

    /// [`ArtifactStore::materialize`], with the folders (and, for `WritableCopy`, the files)
    /// owned by `uid_gid`, so a working directory written by a container running as the user
    /// stays removable by the user. Changing the owner to someone else needs root.
    pub fn materialize_owned(
        &self,
        digest: &str,
        dest: &Path,
        mode: Materialize,
        uid_gid: Option<(u32, u32)>,
    ) -> Result<(), ArtifactError> {
        self.materialize_inner(
            digest,
            dest,
            mode,
            uid_gid,
            mode == Materialize::WritableCopy,
        )
    }

    pub(crate) fn materialize_inner(
        &self,
        digest: &str,
        dest: &Path,
        mode: Materialize,
        uid_gid: Option<(u32, u32)>,
        record_cache: bool,
    ) -> Result<(), ArtifactError> {
        let started = now_ns();
        let manifest = self.manifest(digest)?;
        let existed = match fs::read_dir(dest) {
            Ok(mut rd) => {
                if rd.next().is_some() {
                    return Err(ArtifactError::new(
                        ArtifactErrorKind::Io,
                        format!(
                            "cannot put artifact {digest} into {}: the folder is not empty",
                            dest.display()
                        ),
                    ));
                }
                true
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                fs::create_dir_all(dest)
                    .map_err(|e| ArtifactError::io(e, "creating the folder", dest))?;
                false
            }
            Err(e) => return Err(ArtifactError::io(e, "opening the folder", dest)),
        };
        let mut rows: Vec<(String, StatKey, String)> = Vec::new();
        let result = self.with_lock(false, || {
            self.write_entries(
                &manifest,
                dest,
                mode,
                uid_gid,
                record_cache.then_some(&mut rows),
            )?;
            if record_cache {
                StatCache::save(
                    self,
                    dest,
                    started,
                    rows.iter().map(|(p, k, d)| (p.as_str(), *k, d.as_str())),
                );
            }
            Ok(())
        });
        if let Err(e) = result {
            let _ = super::deploy::remove_tree(dest);
            if existed {
                let _ = fs::create_dir(dest);
            }
            return Err(e);
        }
        Ok(())
    }

    fn write_entries(
        &self,
        manifest: &Manifest,
        dest: &Path,
        mode: Materialize,
        uid_gid: Option<(u32, u32)>,
        mut rows: Option<&mut Vec<(String, StatKey, String)>>,
    ) -> Result<(), ArtifactError> {
        let mut dirs: HashSet<PathBuf> = HashSet::new();
        let mut links_possible = mode == Materialize::ReadOnlyLinks;
        let ensure_parent = |path: &Path, dirs: &mut HashSet<PathBuf>| {
            let Some(parent) = path.parent() else {
                return Ok(());
            };
            if parent == dest || dirs.contains(parent) {
                return Ok(());
            }
            fs::create_dir_all(parent)
                .map_err(|e| ArtifactError::io(e, "creating the folder", parent))?;
            let mut p = parent;
            while p != dest && dirs.insert(p.to_path_buf()) {
                match p.parent() {
                    Some(pp) => p = pp,
                    None => break,
                }
            }
            Ok::<(), ArtifactError>(())
        };
        for entry in &manifest.entries {
            let path = dest.join(&entry.path);
            match entry.kind {
                EntryType::Dir => {
                    fs::create_dir_all(&path)
                        .map_err(|e| ArtifactError::io(e, "creating the folder", &path))?;
                    let mut p = path.as_path();
                    while p != dest && dirs.insert(p.to_path_buf()) {
                        match p.parent() {
                            Some(pp) => p = pp,
                            None => break,
                        }
                    }
                }
                EntryType::Symlink => {
                    ensure_parent(&path, &mut dirs)?;
                    let target = entry.target.as_deref().unwrap_or_default();
                    std::os::unix::fs::symlink(target, &path)
                        .map_err(|e| ArtifactError::io(e, "creating the symlink", &path))?;
                    if let Some((u, g)) = uid_gid {
                        std::os::unix::fs::lchown(&path, Some(u), Some(g))
                            .map_err(|e| ArtifactError::io(e, "changing the owner of", &path))?;
                    }
                }
                EntryType::File => {
                    ensure_parent(&path, &mut dirs)?;
                    let digest = entry.digest.as_deref().unwrap_or_default();
                    let blob = self.blob_path(digest, entry.executable);
                    let meta = match fs::metadata(&blob) {
                        Ok(m) => m,
                        Err(e) if e.kind() == io::ErrorKind::NotFound => {
                            return Err(ArtifactError::not_found(format!(
                                "the artifact store is missing the content of {:?} (blob {}); \
                                 the revision cannot be used",
                                entry.path,
                                blob.display()
                            )))
                        }
                        Err(e) => return Err(self.err(e, "reading", &blob)),
                    };
                    if meta.len() != entry.size {
                        return Err(ArtifactError::new(
                            ArtifactErrorKind::Io,
                            format!(
                                "the blob {} holding {:?} is damaged ({} bytes instead of {}); \
                                 remove it and run the source again",
                                blob.display(),
                                entry.path,
                                meta.len(),
                                entry.size
                            ),
                        ));
                    }
                    if links_possible {
                        match fs::hard_link(&blob, &path) {
                            Ok(()) => continue,
                            Err(e) if e.raw_os_error() == Some(libc::EXDEV) => {
                                links_possible = false;
                            }
                            Err(e)
                                if matches!(
                                    e.raw_os_error(),
                                    Some(libc::EMLINK) | Some(libc::EPERM)
                                ) => {}
                            Err(e) => return Err(ArtifactError::io(e, "linking", &path)),
                        }
                    }
                    let (file_mode, owner, times) = match mode {
                        Materialize::ReadOnlyLinks => {
                            (super::store::blob_mode(entry.executable), None, None)
                        }
                        Materialize::WritableCopy => (
                            if entry.executable { 0o755 } else { 0o644 },
                            uid_gid,
                            meta.modified().ok(),
                        ),
                    };
                    let written = copy_file(&blob, &path, file_mode, owner, times)?;
                    if let Some(rows) = rows.as_deref_mut() {
                        rows.push((
                            entry.path.clone(),
                            StatKey::of(&written),
                            digest.to_string(),
                        ));
                    }
                }
            }
        }
        if let Some((u, g)) = uid_gid {
            for d in dirs.iter().map(PathBuf::as_path).chain([dest]) {
                std::os::unix::fs::chown(d, Some(u), Some(g))
                    .map_err(|e| ArtifactError::io(e, "changing the owner of", d))?;
            }
        }
        Ok(())
    }
}

/// Copy `src` to the new file `dst` (in-kernel where possible), then set its times and owner;
/// returns its metadata after all that.
pub(crate) fn copy_file(
    src: &Path,
    dst: &Path,
    mode: u32,
    owner: Option<(u32, u32)>,
    modified: Option<std::time::SystemTime>,
) -> Result<fs::Metadata, ArtifactError> {
    let mut from = File::open(src).map_err(|e| ArtifactError::io(e, "reading", src))?;
    let mut to = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(dst)
        .map_err(|e| ArtifactError::io(e, "creating", dst))?;
    io::copy(&mut from, &mut to).map_err(|e| ArtifactError::io(e, "writing", dst))?;
    if let Some(t) = modified {
        to.set_times(FileTimes::new().set_modified(t).set_accessed(t))
            .map_err(|e| ArtifactError::io(e, "setting the times of", dst))?;
    }
    if let Some((u, g)) = owner {
        std::os::unix::fs::fchown(&to, Some(u), Some(g))
            .map_err(|e| ArtifactError::io(e, "changing the owner of", dst))?;
    }
    to.metadata()
        .map_err(|e| ArtifactError::io(e, "reading", dst))
}
