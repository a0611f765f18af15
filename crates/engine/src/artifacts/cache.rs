//! Stat caches: for a folder that is snapshotted again and again (a Directory source, or a
//! working copy the store made itself), remember which content digest each file had, keyed by
//! (size, mtime, ctime, inode, device). A file whose key is unchanged is not read again, so the
//! snapshot of an unchanged tree costs a walk and a stat per file.
//!
//! Racy entries (git's "racy clean" problem): a file changed within the same timestamp tick as
//! the stat we recorded would keep its key. So an entry is trusted only when its mtime or its
//! ctime lies safely before the moment the recording operation started: any later change then
//! stamps a time that differs from the recorded one. "Safely" allows for the kernel's coarse
//! timestamp clock (20 ms) and, for file systems with whole-second timestamps, 3 s.
//!
//! Caches live in `<store>/cache/<sha256 of the folder's path>.json`; they are only a speed-up:
//! a missing or damaged cache means files are hashed again, and GC drops caches of folders
//! that no longer exist.

use super::manifest::sha256_hex;
use super::store::{ArtifactStore, CACHE};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs::{self, Metadata};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

const FINE_MARGIN_NS: i64 = 20_000_000;
const COARSE_MARGIN_NS: i64 = 3_000_000_000;

/// What identifies an unchanged file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StatKey {
    pub size: u64,
    pub mtime_ns: i64,
    pub ctime_ns: i64,
    pub ino: u64,
    pub dev: u64,
}

impl StatKey {
    pub fn of(m: &Metadata) -> Self {
        Self {
            size: m.size(),
            mtime_ns: m.mtime().saturating_mul(1_000_000_000) + m.mtime_nsec(),
            ctime_ns: m.ctime().saturating_mul(1_000_000_000) + m.ctime_nsec(),
            ino: m.ino(),
            dev: m.dev(),
        }
    }

    /// True when a change after `recorded_at_ns` is bound to change this key.
    fn settled_before(&self, recorded_at_ns: i64) -> bool {
        let safe = |t: i64| {
            let margin = if t % 1_000_000_000 == 0 {
                COARSE_MARGIN_NS
            } else {
                FINE_MARGIN_NS
            };
            t.saturating_add(margin) < recorded_at_ns
        };
        safe(self.mtime_ns) || safe(self.ctime_ns)
    }
}

pub(crate) fn now_ns() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as i64)
        .unwrap_or(0)
}

#[derive(Serialize, Deserialize)]
struct CacheFile {
    dir: String,
    recorded_at_ns: i64,
    entries: Vec<Row>,
}

#[derive(Serialize, Deserialize)]
struct Row {
    p: String,
    d: String,
    s: u64,
    m: i64,
    c: i64,
    i: u64,
    v: u64,
}

/// A loaded cache: relative path → (key, digest), with the time it was recorded.
#[derive(Default)]
pub(crate) struct StatCache {
    recorded_at_ns: i64,
    map: HashMap<String, (StatKey, String)>,
}

impl StatCache {
    /// Load the cache of `dir` (empty when there is none or it cannot be read).
    pub fn load(store: &ArtifactStore, dir: &Path) -> Self {
        let Some(path) = cache_path(store, dir) else {
            return Self::default();
        };
        let Ok(bytes) = fs::read(&path) else {
            return Self::default();
        };
        let Ok(file) = serde_json::from_slice::<CacheFile>(&bytes) else {
            return Self::default();
        };
        let map = file
            .entries
            .into_iter()
            .map(|r| {
                let key = StatKey {
                    size: r.s,
                    mtime_ns: r.m,
                    ctime_ns: r.c,
                    ino: r.i,
                    dev: r.v,
                };
                (r.p, (key, r.d))
            })
            .collect();
        Self {
            recorded_at_ns: file.recorded_at_ns,
            map,
        }
    }

    /// The digest of `rel` when its key is unchanged and was settled when recorded.
    pub fn lookup(&self, rel: &str, key: &StatKey) -> Option<&str> {
        let (k, d) = self.map.get(rel)?;
        (k == key && k.settled_before(self.recorded_at_ns)).then_some(d.as_str())
    }

    /// Replace the cache of `dir` with `rows` (relative path, key, digest), recorded by an
    /// operation that started at `recorded_at_ns`. Failures are logged and otherwise ignored:
    /// the cache is only a speed-up.
    pub fn save<'a>(
        store: &ArtifactStore,
        dir: &Path,
        recorded_at_ns: i64,
        rows: impl Iterator<Item = (&'a str, StatKey, &'a str)>,
    ) {
        let Some(path) = cache_path(store, dir) else {
            return;
        };
        let file = CacheFile {
            dir: canonical(dir).to_string_lossy().into_owned(),
            recorded_at_ns,
            entries: rows
                .map(|(p, k, d)| Row {
                    p: p.to_string(),
                    d: d.to_string(),
                    s: k.size,
                    m: k.mtime_ns,
                    c: k.ctime_ns,
                    i: k.ino,
                    v: k.dev,
                })
                .collect(),
        };
        let bytes = match serde_json::to_vec(&file) {
            Ok(b) => b,
            Err(_) => return,
        };
        if let Err(e) = store.write_atomic(&path, &bytes) {
            tracing::warn!("could not save the stat cache of {}: {e}", dir.display());
        }
    }
}

fn canonical(dir: &Path) -> PathBuf {
    fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())
}

fn cache_path(store: &ArtifactStore, dir: &Path) -> Option<PathBuf> {
    let dir = fs::canonicalize(dir).ok()?;
    let name = sha256_hex(dir.as_os_str().as_encoded_bytes());
    Some(store.root().join(CACHE).join(format!("{name}.json")))
}

impl ArtifactStore {
    /// Drop what the store remembers about the files in `dir` (call it before removing a
    /// working directory; GC also drops caches of folders that are gone).
    pub fn forget_dir_cache(&self, dir: &Path) {
        if let Some(p) = cache_path(self, dir) {
            let _ = fs::remove_file(p);
        }
    }
}

/// GC: remove caches whose folder no longer exists; returns how many were removed.
pub(crate) fn prune(store: &ArtifactStore) -> u64 {
    let Ok(rd) = fs::read_dir(store.root().join(CACHE)) else {
        return 0;
    };
    let mut removed = 0;
    for entry in rd.flatten() {
        let path = entry.path();
        let keep = fs::read(&path)
            .ok()
            .and_then(|b| serde_json::from_slice::<CacheFile>(&b).ok())
            .is_some_and(|f| Path::new(&f.dir).is_dir());
        if !keep && fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}
