//! Manifests: the canonical description of one artifact revision, and the rules every entry
//! obeys (relative paths without `..`, symlinks that stay inside the tree).

use super::error::{ArtifactError, ArtifactErrorKind};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};

/// The manifest format version written today.
pub const MANIFEST_VERSION: u32 = 1;

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryType {
    File,
    Symlink,
    /// Only empty folders are listed; the others follow from the paths of their contents.
    Dir,
}

/// One entry of a manifest. Paths are relative, `/`-separated, without `.` or `..`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    #[serde(rename = "type")]
    pub kind: EntryType,
    /// Files: the sha256 (lower-case hex) of the content, which names the blob.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
    /// Files: the size in bytes.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub size: u64,
    /// Files: the exec bit (the only part of the mode an artifact keeps).
    #[serde(default, skip_serializing_if = "is_false")]
    pub executable: bool,
    /// Symlinks: the relative target, which stays inside the tree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Entry {
    pub fn file(path: String, digest: String, size: u64, executable: bool) -> Self {
        Self {
            path,
            kind: EntryType::File,
            digest: Some(digest),
            size,
            executable,
            target: None,
        }
    }

    pub fn symlink(path: String, target: String) -> Self {
        Self {
            path,
            kind: EntryType::Symlink,
            digest: None,
            size: 0,
            executable: false,
            target: Some(target),
        }
    }

    pub fn dir(path: String) -> Self {
        Self {
            path,
            kind: EntryType::Dir,
            digest: None,
            size: 0,
            executable: false,
            target: None,
        }
    }
}

/// The content of an artifact revision: its entries sorted by path. Its canonical JSON (as
/// written to `manifests/<digest>.json`) hashes to the revision digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    pub entries: Vec<Entry>,
}

impl Manifest {
    /// The canonical bytes: compact JSON of the sorted entries.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        // Serializing plain structs and strings cannot fail.
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// sha256 of the canonical bytes, lower-case hex.
    pub fn digest(&self) -> String {
        sha256_hex(&self.canonical_bytes())
    }

    /// Total size of the files in bytes.
    pub fn size(&self) -> u64 {
        self.entries.iter().map(|e| e.size).sum()
    }

    /// Number of files and symlinks (folders are not counted).
    pub fn file_count(&self) -> u64 {
        self.entries
            .iter()
            .filter(|e| e.kind != EntryType::Dir)
            .count() as u64
    }

    /// The blobs this manifest needs, as (digest, executable).
    pub fn blobs(&self) -> impl Iterator<Item = (&str, bool)> {
        self.entries
            .iter()
            .filter_map(|e| e.digest.as_deref().map(|d| (d, e.executable)))
    }
}

/// Check a manifest read back from disk: every path normalized, every file naming a valid
/// digest, every symlink staying inside the tree. Returns what is wrong.
pub(crate) fn validate(m: &Manifest) -> Result<(), String> {
    for e in &m.entries {
        if normalize_rel_path(&e.path).ok().flatten().as_deref() != Some(e.path.as_str()) {
            return Err(format!("the entry path {:?} is not valid", e.path));
        }
        match e.kind {
            EntryType::File => {
                if !e.digest.as_deref().is_some_and(is_digest) {
                    return Err(format!("the file {:?} has no valid digest", e.path));
                }
            }
            EntryType::Symlink => {
                let target = e.target.as_deref().unwrap_or_default();
                check_symlink_target(&e.path, target)?;
            }
            EntryType::Dir => {}
        }
    }
    Ok(())
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// True for a 64-character lower-case hex string (a sha256 digest); anything else is never
/// used to build a path in the store.
pub fn is_digest(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Normalize a relative entry path: `/`-separated, no empty or `.` components. Returns `None`
/// for the root itself (e.g. `./`). Absolute paths, `..` and NUL are refused with the reason.
pub(crate) fn normalize_rel_path(path: &str) -> Result<Option<String>, &'static str> {
    if path.starts_with('/') {
        return Err("absolute paths are not allowed");
    }
    if path.contains('\0') {
        return Err("the path contains a NUL byte");
    }
    let mut parts = Vec::new();
    for c in path.split('/') {
        match c {
            "" | "." => {}
            ".." => return Err("`..` components are not allowed"),
            c => parts.push(c),
        }
    }
    if parts.is_empty() {
        Ok(None)
    } else {
        Ok(Some(parts.join("/")))
    }
}

/// Check that a symlink at `link_path` (normalized) with `target` resolves inside the tree.
///
/// The rule is deliberately simple so it holds whatever the other entries are: the target is
/// relative, consists of some leading `..` (no more than the link's depth) followed by plain
/// names, and (checked by [`ManifestBuilder::finish`]) no entry lies below a symlink. Then
/// resolution only climbs real folders of the tree and descends from there, so it cannot leave
/// the tree. Returns the normalized target.
pub(crate) fn check_symlink_target(link_path: &str, target: &str) -> Result<String, String> {
    if target.is_empty() {
        return Err("the symlink has an empty target".into());
    }
    if target.starts_with('/') {
        return Err(format!(
            "the symlink points to the absolute path {target:?}, outside the artifact"
        ));
    }
    if target.contains('\0') {
        return Err("the symlink target contains a NUL byte".into());
    }
    let depth = link_path.split('/').count() - 1;
    let mut ups = 0usize;
    let mut names = Vec::new();
    for c in target.split('/') {
        match c {
            "" | "." => {}
            ".." if names.is_empty() => ups += 1,
            ".." => {
                return Err(format!(
                    "the symlink target {target:?} goes back up with `..` after a name; only \
                     leading `..` are accepted"
                ))
            }
            c => names.push(c),
        }
    }
    if ups > depth {
        return Err(format!(
            "the symlink points to {target:?}, outside the artifact's folder"
        ));
    }
    if ups == 0 && names.is_empty() {
        return Err(format!("the symlink target {target:?} points to itself"));
    }
    let mut out: Vec<&str> = std::iter::repeat_n("..", ups).collect();
    out.extend(names);
    Ok(out.join("/"))
}

/// Collects entries (a later entry for the same path replaces an earlier one, as in tar) and
/// produces a canonical, checked [`Manifest`].
#[derive(Debug, Default)]
pub(crate) struct ManifestBuilder {
    entries: BTreeMap<String, Entry>,
}

impl ManifestBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn insert(&mut self, entry: Entry) {
        self.entries.insert(entry.path.clone(), entry);
    }

    pub fn finish(self) -> Result<Manifest, ArtifactError> {
        let mut has_children: HashSet<&str> = HashSet::new();
        for path in self.entries.keys() {
            let mut end = path.len();
            while let Some(i) = path[..end].rfind('/') {
                let parent = &path[..i];
                if let Some(p) = self.entries.get(parent) {
                    if p.kind != EntryType::Dir {
                        return Err(ArtifactError::new(
                            ArtifactErrorKind::Unsafe,
                            format!(
                                "refused unsafe entry {path:?}: it lies below {parent:?}, which \
                                 is a {}",
                                if p.kind == EntryType::Symlink {
                                    "symlink"
                                } else {
                                    "file"
                                }
                            ),
                        ));
                    }
                }
                if !has_children.insert(parent) {
                    break; // its ancestors were recorded by a sibling already
                }
                end = i;
            }
        }
        let entries = self
            .entries
            .iter()
            .filter(|(p, e)| e.kind != EntryType::Dir || !has_children.contains(p.as_str()))
            .map(|(_, e)| e.clone())
            .collect();
        Ok(Manifest {
            version: MANIFEST_VERSION,
            entries,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalized_and_checked() {
        assert_eq!(normalize_rel_path("./a//b/").unwrap().unwrap(), "a/b");
        assert_eq!(normalize_rel_path("./").unwrap(), None);
        assert!(normalize_rel_path("/etc/passwd").is_err());
        assert!(normalize_rel_path("a/../../b").is_err());
    }

    #[test]
    fn symlink_targets() {
        assert_eq!(check_symlink_target("a/b/l", "../x/y").unwrap(), "../x/y");
        assert_eq!(check_symlink_target("l", "./x").unwrap(), "x");
        assert!(check_symlink_target("l", "../x").is_err());
        assert!(check_symlink_target("a/l", "../../x").is_err());
        assert!(check_symlink_target("a/l", "/etc").is_err());
        assert!(check_symlink_target("a/b/l", "x/../../..").is_err());
        assert!(check_symlink_target("l", ".").is_err());
    }

    #[test]
    fn builder_drops_non_empty_dirs_and_refuses_entries_below_symlinks() {
        let mut b = ManifestBuilder::new();
        b.insert(Entry::dir("a".into()));
        b.insert(Entry::dir("empty".into()));
        b.insert(Entry::file("a/f".into(), "0".repeat(64), 1, false));
        let m = b.finish().unwrap();
        let paths: Vec<_> = m.entries.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["a/f", "empty"]);

        let mut b = ManifestBuilder::new();
        b.insert(Entry::symlink("l".into(), "d".into()));
        b.insert(Entry::file("l/x".into(), "0".repeat(64), 1, false));
        assert_eq!(b.finish().unwrap_err().kind, ArtifactErrorKind::Unsafe);
    }
}
