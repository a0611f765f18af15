//! The store itself: layout, blobs and manifests written atomically, and the GC lock.
//!
//! ```text
//! <root>/blobs/ab/abcdef…      file content, read-only (0444), named by its sha256
//! <root>/blobs/ab/abcdef….x    the same for executable files (0555): a hard link shares the
//!                              inode's mode, so each exec bit has its own inode
//! <root>/manifests/<digest>.json
//! <root>/tmp/                  temp files, renamed into place when complete
//! <root>/cache/                stat caches, so unchanged files are not hashed again
//! <root>/gc.lock               shared by writers, exclusive by GC (flock)
//! ```
//!
//! Writes go to a temp file in `tmp/` and are renamed into place, so a crash never leaves a
//! half-written blob or manifest under its final name (a power loss may, as nothing is
//! fsynced: sizes are checked when a blob is used). Blobs are written before the manifest that
//! names them, and GC removes manifests before blobs, so an existing manifest always has its
//! blobs.

use super::error::{ArtifactError, ArtifactErrorKind, IoContext};
use super::manifest::{is_digest, validate, Manifest, ManifestBuilder};
use super::Revision;
use sha2::{Digest, Sha256};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

pub(crate) const BLOBS: &str = "blobs";
pub(crate) const MANIFESTS: &str = "manifests";
pub(crate) const TMP: &str = "tmp";
pub(crate) const CACHE: &str = "cache";
const GC_LOCK: &str = "gc.lock";

/// Content up to this size is read into memory, hashed, and written only when its blob is
/// missing; larger content is hashed while it is copied to a temp file.
const IN_MEMORY_LIMIT: usize = 8 << 20;
const CHUNK: usize = 1 << 20;

/// The content-addressed artifact store rooted at `<data dir>/artifacts`. Cheap to clone;
/// every method is synchronous (call it through `spawn_blocking` from async code) and safe to
/// use from several threads and processes at once.
#[derive(Debug, Clone)]
pub struct ArtifactStore {
    root: PathBuf,
}

impl ArtifactStore {
    /// Open the store at `root`, creating its folders when needed.
    pub fn open(root: &Path) -> Result<Self, ArtifactError> {
        for sub in [BLOBS, MANIFESTS, TMP, CACHE] {
            let p = root.join(sub);
            fs::create_dir_all(&p)
                .map_err(|e| ArtifactError::store_io(e, "creating the folder", &p, root))?;
        }
        let lock = root.join(GC_LOCK);
        OpenOptions::new()
            .create(true)
            .append(true)
            .open(&lock)
            .map_err(|e| ArtifactError::store_io(e, "creating the lock file", &lock, root))?;
        Ok(Self {
            root: root.to_path_buf(),
        })
    }

    /// The folder the store lives in.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// True when the revision's manifest exists.
    pub fn exists(&self, digest: &str) -> bool {
        is_digest(digest) && self.manifest_path(digest).is_file()
    }

    /// The manifest of a revision.
    pub fn manifest(&self, digest: &str) -> Result<Manifest, ArtifactError> {
        if !is_digest(digest) {
            return Err(ArtifactError::not_found(format!(
                "{digest:?} is not an artifact revision digest (64 hex digits)"
            )));
        }
        let path = self.manifest_path(digest);
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(ArtifactError::not_found(format!(
                    "artifact revision {digest} is not in the store ({}); it may have been \
                     removed by garbage collection",
                    self.root.display()
                )))
            }
            Err(e) => return Err(self.err(e, "reading the manifest", &path)),
        };
        let damaged = |why: String| {
            ArtifactError::new(
                ArtifactErrorKind::Io,
                format!("the manifest {} is damaged: {why}", path.display()),
            )
        };
        let manifest: Manifest =
            serde_json::from_slice(&bytes).map_err(|e| damaged(e.to_string()))?;
        validate(&manifest).map_err(damaged)?;
        Ok(manifest)
    }

    /// Digest, size and file count of a stored revision.
    pub fn revision(&self, digest: &str) -> Result<Revision, ArtifactError> {
        let m = self.manifest(digest)?;
        Ok(Revision {
            digest: digest.to_string(),
            size: m.size(),
            file_count: m.file_count(),
        })
    }

    /// Where the blob with `digest` lives (`executable` selects the 0555 copy). Files
    /// materialized with [`super::Materialize::ReadOnlyLinks`] are hard links to it.
    pub fn blob_path(&self, digest: &str, executable: bool) -> PathBuf {
        let name = if executable {
            format!("{digest}.x")
        } else {
            digest.to_string()
        };
        self.root.join(BLOBS).join(&digest[..2]).join(name)
    }

    pub(crate) fn manifest_path(&self, digest: &str) -> PathBuf {
        self.root.join(MANIFESTS).join(format!("{digest}.json"))
    }

    pub(crate) fn has_blob(&self, digest: &str, executable: bool) -> bool {
        self.blob_path(digest, executable).exists()
    }

    /// Map an IO error inside the store (DiskFull names the data folder).
    pub(crate) fn err(&self, e: io::Error, what: &str, path: &Path) -> ArtifactError {
        ArtifactError::store_io(e, what, path, &self.root)
    }

    /// Run `f` holding the GC lock: shared for writers and readers, exclusive for GC.
    pub(crate) fn with_lock<T>(
        &self,
        exclusive: bool,
        f: impl FnOnce() -> Result<T, ArtifactError>,
    ) -> Result<T, ArtifactError> {
        let path = self.root.join(GC_LOCK);
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|e| self.err(e, "opening the lock file", &path))?;
        let mut lock = fd_lock::RwLock::new(file);
        if exclusive {
            let _guard = lock.write().map_err(|e| self.err(e, "locking", &path))?;
            f()
        } else {
            let _guard = lock.read().map_err(|e| self.err(e, "locking", &path))?;
            f()
        }
    }

    /// A new temp file in `tmp/`, removed when dropped unless persisted.
    pub(crate) fn temp_file(&self, mode: u32) -> Result<TempFile, ArtifactError> {
        let path = self
            .root
            .join(TMP)
            .join(format!("{}.tmp", uuid::Uuid::new_v4().simple()));
        let open = || {
            OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(mode)
                .open(&path)
        };
        let file = match open() {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                // Someone removed `tmp/`: make it again.
                let dir = self.root.join(TMP);
                fs::create_dir_all(&dir).map_err(|e| self.err(e, "creating the folder", &dir))?;
                open().map_err(|e| self.err(e, "creating a temp file", &path))?
            }
            Err(e) => return Err(self.err(e, "creating a temp file", &path)),
        };
        Ok(TempFile {
            path,
            file: Some(file),
        })
    }

    /// Store the content of the file at `path`; returns (digest, size), or `None` when the
    /// file no longer exists (removed while a folder was walked). `size_hint` sizes the read
    /// buffer.
    pub(crate) fn put_file(
        &self,
        path: &Path,
        executable: bool,
        size_hint: u64,
    ) -> Result<Option<(String, u64)>, ArtifactError> {
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(ArtifactError::io(e, "reading", path)),
        };
        self.put_reader(file, executable, size_hint, path).map(Some)
    }

    /// Store content read from `r`; returns (digest, size). `source` names it in errors.
    pub(crate) fn put_reader(
        &self,
        r: impl Read,
        executable: bool,
        size_hint: u64,
        source: &Path,
    ) -> Result<(String, u64), ArtifactError> {
        let cap = (size_hint as usize).saturating_add(1).min(IN_MEMORY_LIMIT);
        let mut buf = Vec::with_capacity(cap);
        let mut r = r;
        (&mut r)
            .take(IN_MEMORY_LIMIT as u64)
            .read_to_end(&mut buf)
            .ctx("reading", source)?;
        if buf.len() < IN_MEMORY_LIMIT {
            let digest = self.put_bytes(&buf, executable)?;
            return Ok((digest, buf.len() as u64));
        }
        // Large: hash while copying into a temp file.
        let mut temp = self.temp_file(blob_mode(executable))?;
        let mut hasher = Sha256::new();
        let mut size = buf.len() as u64;
        hasher.update(&buf);
        temp.write_all(&buf)
            .map_err(|e| self.err(e, "writing", &temp.path))?;
        buf.resize(CHUNK, 0);
        loop {
            let n = match r.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(ArtifactError::io(e, "reading", source)),
            };
            hasher.update(&buf[..n]);
            temp.write_all(&buf[..n])
                .map_err(|e| self.err(e, "writing", &temp.path))?;
            size += n as u64;
        }
        let digest = hex::encode(hasher.finalize());
        if !self.has_blob(&digest, executable) {
            self.persist(temp, &self.blob_path(&digest, executable))?;
        }
        Ok((digest, size))
    }

    /// Store `bytes` unless their blob exists; returns the digest.
    pub(crate) fn put_bytes(
        &self,
        bytes: &[u8],
        executable: bool,
    ) -> Result<String, ArtifactError> {
        let digest = hex::encode(Sha256::digest(bytes));
        let dest = self.blob_path(&digest, executable);
        if !dest.exists() {
            let mut temp = self.temp_file(blob_mode(executable))?;
            temp.write_all(bytes)
                .map_err(|e| self.err(e, "writing", &temp.path))?;
            self.persist(temp, &dest)?;
        }
        Ok(digest)
    }

    /// Rename a complete temp file to `dest`, creating `dest`'s folder when needed.
    fn persist(&self, mut temp: TempFile, dest: &Path) -> Result<(), ArtifactError> {
        drop(temp.file.take()); // close before renaming
        match fs::rename(&temp.path, dest) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(parent) = dest.parent() {
                    fs::create_dir_all(parent)
                        .map_err(|e| self.err(e, "creating the folder", parent))?;
                }
                fs::rename(&temp.path, dest).map_err(|e| self.err(e, "storing", dest))?;
            }
            Err(e) => return Err(self.err(e, "storing", dest)),
        }
        temp.path = PathBuf::new(); // persisted: nothing to clean up
        Ok(())
    }

    /// Write the manifest (unless that revision exists) and return its revision. The caller
    /// holds the shared lock and has stored every blob the manifest names.
    pub(crate) fn commit_manifest(
        &self,
        builder: ManifestBuilder,
    ) -> Result<Revision, ArtifactError> {
        let manifest = builder.finish()?;
        let bytes = manifest.canonical_bytes();
        let digest = hex::encode(Sha256::digest(&bytes));
        let dest = self.manifest_path(&digest);
        match File::open(&dest) {
            // Produced again: mark it fresh, so GC's grace protects it like a new one.
            Ok(f) => {
                let _ = f.set_modified(std::time::SystemTime::now());
            }
            Err(_) => {
                let mut temp = self.temp_file(0o444)?;
                temp.write_all(&bytes)
                    .map_err(|e| self.err(e, "writing", &temp.path))?;
                self.persist(temp, &dest)?;
            }
        }
        Ok(Revision {
            digest,
            size: manifest.size(),
            file_count: manifest.file_count(),
        })
    }

    /// Write `bytes` to `dest` atomically (temp file + rename).
    pub(crate) fn write_atomic(&self, dest: &Path, bytes: &[u8]) -> Result<(), ArtifactError> {
        let mut temp = self.temp_file(0o644)?;
        temp.write_all(bytes)
            .map_err(|e| self.err(e, "writing", &temp.path))?;
        self.persist(temp, dest)
    }
}

pub(crate) fn blob_mode(executable: bool) -> u32 {
    if executable {
        0o555
    } else {
        0o444
    }
}

/// A temp file that is removed when dropped, unless it was renamed into place.
pub(crate) struct TempFile {
    path: PathBuf,
    file: Option<File>,
}

impl TempFile {
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self.file.as_mut() {
            Some(f) => f.write_all(bytes),
            None => Err(io::Error::other("temp file already closed")),
        }
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        drop(self.file.take());
        if !self.path.as_os_str().is_empty() {
            let _ = fs::remove_file(&self.path);
        }
    }
}
