//! Snapshots of folders: a Directory source (`snapshot_dir`) and an action's output
//! (`collect`, by globs). Files are hashed on a few threads; files the stat cache knows are not
//! read at all.

use super::cache::{now_ns, StatCache, StatKey};
use super::error::{ArtifactError, ArtifactErrorKind};
use super::manifest::{check_symlink_target, Entry, ManifestBuilder};
use super::store::ArtifactStore;
use super::Revision;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use std::collections::HashMap;
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

/// A walked file that still needs its digest.
struct FileItem {
    rel: String,
    abs: PathBuf,
    key: StatKey,
    executable: bool,
    digest: Option<String>,
}

/// What a walk found.
#[derive(Default)]
struct Walked {
    files: Vec<FileItem>,
    symlinks: Vec<(String, String)>,
    dirs: Vec<String>,
}

enum Filter {
    /// Everything (subject to the walk's ignore rules).
    All,
    /// Entries matching one of the globs (or lying in a folder that does).
    Globs {
        set: GlobSet,
        used: Vec<bool>,
        dir_matches: HashMap<String, Vec<usize>>,
    },
}

impl Filter {
    /// Whether the entry at `rel` is included; records which globs matched.
    fn includes(&mut self, rel: &str, is_dir: bool) -> bool {
        match self {
            Filter::All => true,
            Filter::Globs {
                set,
                used,
                dir_matches,
                ..
            } => {
                let mut matched = set.matches(rel);
                if let Some((parent, _)) = rel.rsplit_once('/') {
                    if let Some(inherited) = dir_matches.get(parent) {
                        matched.extend_from_slice(inherited);
                    }
                }
                for &i in &matched {
                    used[i] = true;
                }
                let included = !matched.is_empty();
                if is_dir && included {
                    matched.sort_unstable();
                    matched.dedup();
                    dir_matches.insert(rel.to_string(), matched);
                }
                included
            }
        }
    }
}

impl ArtifactStore {
    /// Snapshot the folder `dir` as a new artifact revision. `.git` is always left out; with
    /// `respect_gitignore`, so is whatever `.gitignore` files (in the folder and its parents)
    /// and `.git/info/exclude` ignore, as `git status` would. Hidden files are included.
    /// Symlinks are stored as symlinks, never followed; those that point outside the folder
    /// (absolute, or climbing out with `..`) are left out with a warning, as are sockets,
    /// fifos and devices.
    pub fn snapshot_dir(
        &self,
        dir: &Path,
        respect_gitignore: bool,
    ) -> Result<Revision, ArtifactError> {
        check_dir(dir)?;
        let started = now_ns();
        let cache = StatCache::load(self, dir);
        let mut walked = self.walk(dir, respect_gitignore, true, &mut Filter::All)?;
        // Under the lock: GC removes stray temp files, including a cache being written.
        self.with_lock(false, || {
            let rev = self.finish(&mut walked, &cache)?;
            StatCache::save(
                self,
                dir,
                started,
                walked
                    .files
                    .iter()
                    .filter_map(|f| f.digest.as_deref().map(|d| (f.rel.as_str(), f.key, d))),
            );
            Ok(rev)
        })
    }

    /// Collect an action's output artifact from `workdir`: the files matching `globs`
    /// (relative to `workdir`; `*` stays within a folder, `**` crosses folders, a glob that
    /// names a folder takes everything in it). No globs (or only empty ones) take the whole
    /// folder. A glob that matches nothing fails with [`ArtifactErrorKind::NoMatch`] naming it,
    /// as CodePipeline fails the action then.
    pub fn collect(&self, workdir: &Path, globs: &[String]) -> Result<Revision, ArtifactError> {
        check_dir(workdir)?;
        let globs: Vec<String> = globs
            .iter()
            .map(|g| g.trim())
            .filter(|g| !g.is_empty())
            .map(normalize_glob)
            .collect();
        let mut filter = if globs.is_empty() {
            Filter::All
        } else {
            let mut b = GlobSetBuilder::new();
            for g in &globs {
                let glob = GlobBuilder::new(g)
                    .literal_separator(true)
                    .build()
                    .map_err(|e| {
                        ArtifactError::new(
                            ArtifactErrorKind::NoMatch,
                            format!("the output artifact glob {g:?} is not valid: {e}"),
                        )
                    })?;
                b.add(glob);
            }
            let set = b.build().map_err(|e| {
                ArtifactError::new(
                    ArtifactErrorKind::NoMatch,
                    format!("the output artifact globs are not valid: {e}"),
                )
            })?;
            Filter::Globs {
                set,
                used: vec![false; globs.len()],
                dir_matches: HashMap::new(),
            }
        };
        let cache = StatCache::load(self, workdir);
        let mut walked = self.walk(workdir, false, false, &mut filter)?;
        if let Filter::Globs { used, .. } = &filter {
            let unmatched: Vec<&str> = used
                .iter()
                .zip(&globs)
                .filter(|(u, _)| !**u)
                .map(|(_, g)| g.as_str())
                .collect();
            if !unmatched.is_empty() {
                return Err(ArtifactError::new(
                    ArtifactErrorKind::NoMatch,
                    format!(
                        "no file in {} matches the output artifact {} {}",
                        workdir.display(),
                        if unmatched.len() == 1 {
                            "glob"
                        } else {
                            "globs"
                        },
                        unmatched
                            .iter()
                            .map(|g| format!("{g:?}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
        }
        self.with_lock(false, || self.finish(&mut walked, &cache))
    }

    /// Walk `root`, stat'ing files; symlinks are checked, never followed.
    fn walk(
        &self,
        root: &Path,
        respect_gitignore: bool,
        skip_git: bool,
        filter: &mut Filter,
    ) -> Result<Walked, ArtifactError> {
        // Never snapshot the store itself (a data folder inside a source folder).
        let store_id = fs::metadata(self.root()).ok().map(|m| (m.dev(), m.ino()));
        let mut builder = ignore::WalkBuilder::new(root);
        builder
            .standard_filters(false)
            .hidden(false)
            .follow_links(false)
            .git_ignore(respect_gitignore)
            .git_exclude(respect_gitignore)
            .parents(respect_gitignore)
            .require_git(false)
            .filter_entry(move |e| {
                if e.depth() == 0 {
                    return true;
                }
                if skip_git && e.file_name() == ".git" {
                    return false;
                }
                if let (Some((dev, ino)), Some(ft)) = (store_id, e.file_type()) {
                    if ft.is_dir() && e.ino() == Some(ino) {
                        return e.metadata().map(|m| m.dev() != dev).unwrap_or(true);
                    }
                }
                true
            });
        let mut out = Walked::default();
        for item in builder.build() {
            let entry = item.map_err(|e| {
                let kind = match e.io_error().map(|io| io.kind()) {
                    Some(std::io::ErrorKind::NotFound) => ArtifactErrorKind::NotFound,
                    _ => ArtifactErrorKind::Io,
                };
                ArtifactError::new(kind, format!("reading {}: {e}", root.display()))
            })?;
            if entry.depth() == 0 {
                continue;
            }
            let rel = rel_path(root, entry.path())?;
            let Some(ft) = entry.file_type() else {
                continue;
            };
            if ft.is_dir() {
                if filter.includes(&rel, true) {
                    out.dirs.push(rel);
                }
            } else if ft.is_symlink() {
                if !filter.includes(&rel, false) {
                    continue;
                }
                let target = fs::read_link(entry.path())
                    .map_err(|e| ArtifactError::io(e, "reading the symlink", entry.path()))?;
                let Some(target) = target.to_str() else {
                    tracing::warn!(
                        "left out {}: its target is not valid UTF-8",
                        entry.path().display()
                    );
                    continue;
                };
                match check_symlink_target(&rel, target) {
                    Ok(t) => out.symlinks.push((rel, t)),
                    Err(why) => {
                        tracing::warn!("left out {}: {why}", entry.path().display());
                    }
                }
            } else if ft.is_file() {
                if !filter.includes(&rel, false) {
                    continue;
                }
                let meta = match entry.metadata() {
                    Ok(m) => m,
                    Err(e)
                        if e.io_error().map(|io| io.kind())
                            == Some(std::io::ErrorKind::NotFound) =>
                    {
                        continue; // removed while we walked
                    }
                    Err(e) => {
                        return Err(ArtifactError::new(
                            ArtifactErrorKind::Io,
                            format!("reading {}: {e}", entry.path().display()),
                        ))
                    }
                };
                out.files.push(FileItem {
                    rel,
                    abs: entry.into_path(),
                    key: StatKey::of(&meta),
                    executable: meta.permissions().mode() & 0o111 != 0,
                    digest: None,
                });
            } else {
                tracing::warn!(
                    "left out {}: sockets, fifos and devices are not stored in artifacts",
                    entry.path().display()
                );
            }
        }
        Ok(out)
    }

    /// Hash what the cache does not know (in parallel), store blobs, write the manifest.
    /// Runs under the shared GC lock.
    fn finish(&self, walked: &mut Walked, cache: &StatCache) -> Result<Revision, ArtifactError> {
        let mut todo = Vec::new();
        for (i, f) in walked.files.iter_mut().enumerate() {
            match cache.lookup(&f.rel, &f.key) {
                Some(d) if self.has_blob(d, f.executable) => f.digest = Some(d.to_string()),
                _ => todo.push(i),
            }
        }
        let sizes = self.hash_files(&walked.files, &todo)?;
        for (&i, result) in todo.iter().zip(sizes) {
            let f = &mut walked.files[i];
            match result {
                Some((digest, size)) => {
                    f.key.size = size;
                    f.digest = Some(digest);
                }
                None => f.digest = None, // vanished while we walked
            }
        }
        let mut b = ManifestBuilder::new();
        for f in &walked.files {
            if let Some(d) = &f.digest {
                b.insert(Entry::file(
                    f.rel.clone(),
                    d.clone(),
                    f.key.size,
                    f.executable,
                ));
            }
        }
        for (p, t) in &walked.symlinks {
            b.insert(Entry::symlink(p.clone(), t.clone()));
        }
        for d in &walked.dirs {
            b.insert(Entry::dir(d.clone()));
        }
        self.commit_manifest(b)
    }

    /// Store the files at `indices` on a few threads. `None` for a file that vanished.
    #[allow(clippy::type_complexity)]
    fn hash_files(
        &self,
        files: &[FileItem],
        indices: &[usize],
    ) -> Result<Vec<Option<(String, u64)>>, ArtifactError> {
        if indices.is_empty() {
            return Ok(Vec::new());
        }
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2)
            .clamp(1, 8)
            .min(indices.len().max(1));
        let next = AtomicUsize::new(0);
        let failed = AtomicBool::new(false);
        let results: Mutex<Vec<Option<(String, u64)>>> = Mutex::new(vec![None; indices.len()]);
        let first_error: Mutex<Option<ArtifactError>> = Mutex::new(None);
        std::thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| loop {
                    if failed.load(Ordering::Relaxed) {
                        break;
                    }
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&i) = indices.get(n) else { break };
                    let f = &files[i];
                    match self.put_file(&f.abs, f.executable, f.key.size) {
                        Ok(r) => {
                            if let Ok(mut v) = results.lock() {
                                v[n] = r;
                            }
                        }
                        Err(e) => {
                            failed.store(true, Ordering::Relaxed);
                            if let Ok(mut slot) = first_error.lock() {
                                slot.get_or_insert(e);
                            }
                            break;
                        }
                    }
                });
            }
        });
        if let Some(e) = first_error.into_inner().ok().flatten() {
            return Err(e);
        }
        results
            .into_inner()
            .map_err(|_| ArtifactError::new(ArtifactErrorKind::Io, "a hashing thread panicked"))
    }
}

fn check_dir(dir: &Path) -> Result<(), ArtifactError> {
    match fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(ArtifactError::not_found(format!(
            "{} is not a folder",
            dir.display()
        ))),
        Err(e) => Err(ArtifactError::io(e, "reading the folder", dir)),
    }
}

fn rel_path(root: &Path, path: &Path) -> Result<String, ArtifactError> {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.to_str().map(str::to_string).ok_or_else(|| {
        ArtifactError::new(
            ArtifactErrorKind::Io,
            format!(
                "the file name {} is not valid UTF-8; rename it to store it in an artifact",
                path.display()
            ),
        )
    })
}

/// `./dist/` → `dist/**`; `./x` → `x`.
fn normalize_glob(g: &str) -> String {
    let mut g = g;
    while let Some(rest) = g.strip_prefix("./") {
        g = rest;
    }
    if g.ends_with('/') {
        format!("{g}**")
    } else {
        g.to_string()
    }
}
