//! Garbage collection: remove revisions nobody keeps and the blobs only they used.
//!
//! GC takes `<root>/gc.lock` exclusively; every writer (snapshot, collect, ingest) and reader
//! (materialize, tar) holds it shared for the whole operation. So no blob or manifest is
//! written while GC decides what is referenced, and nothing GC removes is being read. A
//! revision written just before GC starts but not yet recorded by its caller is protected by
//! the `grace` of [`ArtifactStore::gc_with_grace`].

use super::cache;
use super::error::ArtifactError;
use super::manifest::is_digest;
use super::store::{ArtifactStore, BLOBS, MANIFESTS, TMP};
use std::collections::HashSet;
use std::fs;
use std::io;
use std::time::{Duration, SystemTime};

/// What a GC pass removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct GcReport {
    pub manifests_removed: u64,
    pub blobs_removed: u64,
    /// Bytes of the removed blobs and manifests.
    pub bytes_freed: u64,
}

impl ArtifactStore {
    /// Remove every revision whose digest is not in `keep`, and every blob no kept revision
    /// uses. The caller passes every digest in use (recorded by an execution that is kept,
    /// deployed, or still running). Also removes temp files left by crashed writers and stat
    /// caches of folders that no longer exist.
    pub fn gc(&self, keep: &HashSet<String>) -> Result<GcReport, ArtifactError> {
        self.gc_with_grace(keep, Duration::ZERO)
    }

    /// [`ArtifactStore::gc`], also keeping revisions written less than `grace` ago: one a
    /// source or action has just produced may not be recorded yet by its execution. The
    /// automatic pass should use a grace of a few minutes.
    pub fn gc_with_grace(
        &self,
        keep: &HashSet<String>,
        grace: Duration,
    ) -> Result<GcReport, ArtifactError> {
        self.with_lock(true, || self.gc_locked(keep, grace))
    }

    fn gc_locked(
        &self,
        keep: &HashSet<String>,
        grace: Duration,
    ) -> Result<GcReport, ArtifactError> {
        let started = SystemTime::now();
        let mut report = GcReport::default();
        let young = |m: &fs::Metadata| {
            !grace.is_zero()
                && m.modified()
                    .ok()
                    .and_then(|t| started.duration_since(t).ok())
                    .is_none_or(|age| age < grace)
        };

        // 1. Manifests first: a crash halfway leaves unused blobs, never a manifest without
        //    its blobs.
        let mut referenced: HashSet<String> = HashSet::new();
        let manifests = self.root().join(MANIFESTS);
        for entry in read_dir(self, &manifests)? {
            let path = entry.path();
            let name = entry.file_name();
            let Some(digest) = name.to_str().and_then(|n| n.strip_suffix(".json")) else {
                continue;
            };
            if !is_digest(digest) {
                continue;
            }
            let meta = match entry.metadata() {
                Ok(m) => m,
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(self.err(e, "reading", &path)),
            };
            if keep.contains(digest) || young(&meta) {
                let manifest = self.manifest(digest)?;
                for (d, x) in manifest.blobs() {
                    referenced.insert(blob_name(d, x));
                }
            } else {
                match fs::remove_file(&path) {
                    Ok(()) => {
                        report.manifests_removed += 1;
                        report.bytes_freed += meta.len();
                    }
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(self.err(e, "removing", &path)),
                }
            }
        }

        // 2. Blobs nobody references.
        let blobs = self.root().join(BLOBS);
        for prefix in read_dir(self, &blobs)? {
            let dir = prefix.path();
            if !dir.is_dir() {
                continue;
            }
            for entry in read_dir(self, &dir)? {
                let name = entry.file_name();
                let Some(name) = name.to_str() else { continue };
                if referenced.contains(name) {
                    continue;
                }
                let path = entry.path();
                let meta = match entry.metadata() {
                    Ok(m) => m,
                    Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                    Err(e) => return Err(self.err(e, "reading", &path)),
                };
                // Belt and braces: nothing written since GC started is removed.
                if meta.modified().is_ok_and(|t| t >= started) {
                    continue;
                }
                match fs::remove_file(&path) {
                    Ok(()) => {
                        report.blobs_removed += 1;
                        report.bytes_freed += meta.len();
                    }
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(self.err(e, "removing", &path)),
                }
            }
            let _ = fs::remove_dir(&dir); // only succeeds when empty
        }

        // 3. Temp files: no writer runs while GC holds the lock, so all are left-overs.
        for entry in read_dir(self, &self.root().join(TMP))? {
            let _ = fs::remove_file(entry.path());
        }

        // 4. Stat caches of folders that are gone.
        cache::prune(self);
        Ok(report)
    }
}

fn blob_name(digest: &str, executable: bool) -> String {
    if executable {
        format!("{digest}.x")
    } else {
        digest.to_string()
    }
}

fn read_dir(
    store: &ArtifactStore,
    dir: &std::path::Path,
) -> Result<Vec<fs::DirEntry>, ArtifactError> {
    match fs::read_dir(dir) {
        Ok(rd) => rd
            .collect::<io::Result<Vec<_>>>()
            .map_err(|e| store.err(e, "reading the folder", dir)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(store.err(e, "reading the folder", dir)),
    }
}
