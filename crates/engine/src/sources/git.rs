//! Source `Git` (basic): fetch one branch of a repository (a local path or a URL) with git2
//! and store the tree at its tip as an artifact, with CodePipeline's source variables.
//!
//! The branch is fetched into a bare repository under the caller's `work` folder (kept
//! between runs, so later fetches are incremental), and the tree is read straight from the
//! object database into the artifact store: no working copy, no `.git` in the artifact.
//! Blob contents are stored as committed (no clean/smudge filters, no LFS). Submodules are
//! left out with a warning, as are symlinks that point outside the tree.

use super::{SourceError, SourceErrorKind};
use crate::artifacts::{
    check_symlink_target, normalize_rel_path, ArtifactStore, Entry, ManifestBuilder, Revision,
};
use git2::{AutotagOption, Direction, ErrorClass, ErrorCode, FetchOptions, ObjectType, Oid};
use std::collections::HashMap;
use std::fs::{self, OpenOptions};
use std::path::Path;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// The source variables of the commit taken, named as CodePipeline's CodeCommit and
/// CodeStarSourceConnection source actions name theirs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitVariables {
    /// `CommitId`: the full SHA-1 of the commit.
    pub commit_id: String,
    /// `BranchName`.
    pub branch_name: String,
    /// `CommitMessage`: the full message, without its trailing newline.
    pub commit_message: String,
    /// `AuthorDate`: ISO-8601 (RFC 3339, UTC).
    pub author_date: String,
    /// `CommitterDate`: ISO-8601 (RFC 3339, UTC).
    pub committer_date: String,
    /// `AuthorDisplayName`: the author's name (not a CodeCommit variable; a Pipewright one).
    pub author_display_name: String,
    /// `RepositoryName`: the last part of the path or URL, without `.git`.
    pub repository_name: String,
    /// `FullRepositoryName`: `owner/name` for a URL, the path for a local repository.
    pub full_repository_name: String,
}

impl GitVariables {
    /// The variables as (name, value) pairs, in a stable order.
    pub fn to_map(&self) -> Vec<(String, String)> {
        [
            ("CommitId", &self.commit_id),
            ("BranchName", &self.branch_name),
            ("CommitMessage", &self.commit_message),
            ("AuthorDate", &self.author_date),
            ("CommitterDate", &self.committer_date),
            ("AuthorDisplayName", &self.author_display_name),
            ("RepositoryName", &self.repository_name),
            ("FullRepositoryName", &self.full_repository_name),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
    }
}

/// Fetch `branch` (default `main`) of `repository` into `work` and store the tree at its tip.
/// `depth` asks for a shallow fetch; transports that cannot (the local one) fetch everything.
pub fn checkout(
    store: &ArtifactStore,
    repository: &str,
    branch: &str,
    depth: Option<u32>,
    work: &Path,
) -> Result<(Revision, GitVariables), SourceError> {
    let url = resolve_repository(repository)?;
    let branch = match branch.trim() {
        "" => "main",
        b => b.strip_prefix("refs/heads/").unwrap_or(b),
    };
    fs::create_dir_all(work).map_err(|e| {
        SourceError::new(
            SourceErrorKind::Artifact(crate::artifacts::ArtifactErrorKind::Io),
            format!("cannot create the Git work folder {}: {e}", work.display()),
        )
    })?;
    // One checkout per work folder at a time.
    let lock_path = work.join("pipewright.lock");
    let lock_err = |e: std::io::Error| {
        SourceError::new(
            SourceErrorKind::Git,
            format!("cannot lock {}: {e}", lock_path.display()),
        )
    };
    let lock_file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&lock_path)
        .map_err(lock_err)?;
    let mut lock = fd_lock::RwLock::new(lock_file);
    let _guard = lock.write().map_err(lock_err)?;
    let repo = open_mirror(work)?;

    // List the remote's branches first, so a missing one gets a useful error.
    {
        let mut remote = repo
            .remote_anonymous(&url)
            .map_err(|e| git_error(&e, repository))?;
        remote
            .connect(Direction::Fetch)
            .map_err(|e| git_error(&e, repository))?;
        let heads = remote.list().map_err(|e| git_error(&e, repository))?;
        let mut branches: Vec<String> = heads
            .iter()
            .filter_map(|h| h.name().strip_prefix("refs/heads/").map(str::to_string))
            .collect();
        if !branches.iter().any(|b| b == branch) {
            branches.sort();
            let available = if branches.is_empty() {
                "the repository has no branches (is it empty?)".to_string()
            } else {
                format!("available branches: {}", branches.join(", "))
            };
            return Err(SourceError::new(
                SourceErrorKind::BranchNotFound,
                format!("branch {branch:?} not found in {repository}; {available}"),
            ));
        }
        let _ = remote.disconnect();
    }

    let tracking = format!("refs/remotes/origin/{branch}");
    let refspec = format!("+refs/heads/{branch}:{tracking}");
    let fetch = |depth: Option<u32>| -> Result<(), git2::Error> {
        let mut remote = repo.remote_anonymous(&url)?;
        let mut opts = FetchOptions::new();
        opts.download_tags(AutotagOption::None);
        if let Some(d) = depth.filter(|d| *d > 0) {
            opts.depth(i32::try_from(d).unwrap_or(i32::MAX));
        }
        remote.fetch(&[&refspec], Some(&mut opts), None)
    };
    if let Err(e) = fetch(depth) {
        if depth.is_none() {
            return Err(git_error(&e, repository));
        }
        tracing::debug!(
            "shallow fetch of {repository} failed ({}); fetching fully",
            e.message()
        );
        fetch(None).map_err(|e| git_error(&e, repository))?;
    }

    let commit = repo
        .find_reference(&tracking)
        .and_then(|r| r.peel_to_commit())
        .map_err(|e| git_error(&e, repository))?;
    let tree = commit.tree().map_err(|e| git_error(&e, repository))?;

    let oid_cache_path = work.join("pipewright-oids.json");
    let mut oids: HashMap<String, String> = fs::read(&oid_cache_path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    let mut used: HashMap<String, String> = HashMap::new();
    let revision = store.with_lock(false, || {
        let mut builder = ManifestBuilder::new();
        let mut writer = TreeWriter {
            store,
            repo: &repo,
            builder: &mut builder,
            oids: &mut oids,
            used: &mut used,
        };
        writer.add_tree(&tree, "").map_err(|e| match e {
            WalkError::Artifact(a) => a,
            WalkError::Git(g) => crate::artifacts::ArtifactError::new(
                crate::artifacts::ArtifactErrorKind::Io,
                format!("reading the tree of {repository}: {}", g.message()),
            ),
        })?;
        store.commit_manifest(builder)
    })?;
    if let Ok(bytes) = serde_json::to_vec(&used) {
        let tmp = work.join("pipewright-oids.json.tmp");
        if fs::write(&tmp, bytes).is_ok() {
            let _ = fs::rename(&tmp, &oid_cache_path);
        }
    }

    let author = commit.author();
    let committer = commit.committer();
    let (repository_name, full_repository_name) = repository_names(repository);
    let variables = GitVariables {
        commit_id: commit.id().to_string(),
        branch_name: branch.to_string(),
        commit_message: commit
            .message()
            .map(|m| m.trim_end_matches('\n').to_string())
            .unwrap_or_else(|_| String::from_utf8_lossy(commit.message_bytes()).into_owned()),
        author_date: git_time(author.when()),
        committer_date: git_time(committer.when()),
        author_display_name: author
            .name()
            .map(str::to_string)
            .unwrap_or_else(|_| String::from_utf8_lossy(author.name_bytes()).into_owned()),
        repository_name,
        full_repository_name,
    };
    Ok((revision, variables))
}

enum WalkError {
    Git(git2::Error),
    Artifact(crate::artifacts::ArtifactError),
}

impl From<git2::Error> for WalkError {
    fn from(e: git2::Error) -> Self {
        WalkError::Git(e)
    }
}

impl From<crate::artifacts::ArtifactError> for WalkError {
    fn from(e: crate::artifacts::ArtifactError) -> Self {
        WalkError::Artifact(e)
    }
}

/// Writes a Git tree into the store. `oids` maps blob ids (with the exec bit) to content
/// digests from earlier checkouts, so unchanged files are neither inflated nor hashed again.
struct TreeWriter<'a> {
    store: &'a ArtifactStore,
    repo: &'a git2::Repository,
    builder: &'a mut ManifestBuilder,
    oids: &'a mut HashMap<String, String>,
    used: &'a mut HashMap<String, String>,
}

impl TreeWriter<'_> {
    fn add_tree(&mut self, tree: &git2::Tree<'_>, prefix: &str) -> Result<(), WalkError> {
        for entry in tree.iter() {
            let Ok(name) = entry.name() else {
                tracing::warn!("left out a file under {prefix:?}: its name is not valid UTF-8");
                continue;
            };
            if name == ".git" {
                continue;
            }
            let joined = if prefix.is_empty() {
                name.to_string()
            } else {
                format!("{prefix}/{name}")
            };
            let path = match normalize_rel_path(&joined) {
                Ok(Some(p)) if p == joined => p,
                _ => {
                    return Err(crate::artifacts::ArtifactError::new(
                        crate::artifacts::ArtifactErrorKind::Unsafe,
                        format!("refused unsafe entry {joined:?} in the Git tree"),
                    )
                    .into())
                }
            };
            let mode = entry.filemode();
            match entry.kind() {
                Some(ObjectType::Tree) => {
                    let sub = self.repo.find_tree(entry.id())?;
                    self.add_tree(&sub, &path)?;
                }
                Some(ObjectType::Blob) if mode == 0o120000 => {
                    let blob = self.repo.find_blob(entry.id())?;
                    let target = String::from_utf8_lossy(blob.content()).into_owned();
                    match check_symlink_target(&path, &target) {
                        Ok(t) => self.builder.insert(Entry::symlink(path, t)),
                        Err(why) => tracing::warn!("left out {path}: {why}"),
                    }
                }
                Some(ObjectType::Blob) => {
                    let executable = mode & 0o111 != 0;
                    let (digest, size) = self.blob(entry.id(), executable)?;
                    self.builder
                        .insert(Entry::file(path, digest, size, executable));
                }
                Some(ObjectType::Commit) => {
                    tracing::warn!("left out the submodule {path}: submodules are not fetched");
                }
                _ => tracing::warn!("left out {path}: unexpected object in the tree"),
            }
        }
        Ok(())
    }

    fn blob(&mut self, id: Oid, executable: bool) -> Result<(String, u64), WalkError> {
        let key = format!("{id}{}", if executable { ".x" } else { "" });
        if let Some(known) = self.oids.get(&key) {
            if let Some((digest, size)) = known.split_once(':') {
                if let Ok(size) = size.parse::<u64>() {
                    if self.store.has_blob(digest, executable) {
                        let r = (digest.to_string(), size);
                        self.used.insert(key, known.clone());
                        return Ok(r);
                    }
                }
            }
        }
        let blob = self.repo.find_blob(id)?;
        let content = blob.content();
        let digest = self.store.put_bytes(content, executable)?;
        let size = content.len() as u64;
        let value = format!("{digest}:{size}");
        self.oids.insert(key.clone(), value.clone());
        self.used.insert(key, value);
        Ok((digest, size))
    }
}

/// A URL stays as it is; a local path must exist and be a repository.
fn resolve_repository(repository: &str) -> Result<String, SourceError> {
    let repository = repository.trim();
    if repository.is_empty() {
        return Err(SourceError::new(
            SourceErrorKind::Config,
            "the Git source has no Repository: set it to a local path or a URL",
        ));
    }
    if is_url(repository) {
        return Ok(repository.to_string());
    }
    let path = Path::new(repository);
    if !path.exists() {
        return Err(SourceError::new(
            SourceErrorKind::NotFound,
            format!("the Git repository {repository} does not exist"),
        ));
    }
    if let Err(e) = git2::Repository::open(path) {
        return Err(SourceError::new(
            SourceErrorKind::NotARepository,
            format!("{repository} is not a Git repository ({})", e.message()),
        ));
    }
    let abs = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    Ok(abs.to_string_lossy().into_owned())
}

fn is_url(s: &str) -> bool {
    if s.contains("://") {
        return true;
    }
    // scp-like `user@host:path`
    match s.split_once(':') {
        Some((host, _)) => !host.is_empty() && !host.contains('/') && host.contains('@'),
        None => false,
    }
}

/// The bare repository the branches are fetched into.
fn open_mirror(work: &Path) -> Result<git2::Repository, SourceError> {
    let path = work.join("repo.git");
    if path.exists() {
        if let Ok(r) = git2::Repository::open_bare(&path) {
            return Ok(r);
        }
        let _ = fs::remove_dir_all(&path); // damaged: start over
    }
    git2::Repository::init_bare(&path).map_err(|e| {
        SourceError::new(
            SourceErrorKind::Git,
            format!(
                "cannot create a repository in {}: {}",
                path.display(),
                e.message()
            ),
        )
    })
}

fn git_error(e: &git2::Error, repository: &str) -> SourceError {
    let not_repo = e.code() == ErrorCode::NotFound
        || (e.class() == ErrorClass::Repository && e.code() != ErrorCode::Locked);
    if not_repo {
        SourceError::new(
            SourceErrorKind::NotARepository,
            format!(
                "{repository} is not a Git repository or cannot be reached: {}",
                e.message()
            ),
        )
    } else {
        SourceError::new(
            SourceErrorKind::Git,
            format!("Git failed on {repository}: {}", e.message()),
        )
    }
}

fn git_time(t: git2::Time) -> String {
    OffsetDateTime::from_unix_timestamp(t.seconds())
        .ok()
        .and_then(|d| d.format(&Rfc3339).ok())
        .unwrap_or_default()
}

/// (`RepositoryName`, `FullRepositoryName`).
fn repository_names(repository: &str) -> (String, String) {
    let trimmed = repository.trim().trim_end_matches('/');
    let strip_git = |s: &str| s.strip_suffix(".git").unwrap_or(s).to_string();
    let name = strip_git(trimmed.rsplit(['/', ':']).next().unwrap_or(trimmed));
    let full = if let Some((_, rest)) = trimmed.split_once("://") {
        // scheme://host/owner/name(.git) → owner/name; file:///path → /path
        if let Some(path) = rest.strip_prefix('/') {
            format!("/{}", strip_git(path))
        } else {
            let path = rest.split_once('/').map(|(_, p)| p).unwrap_or("");
            strip_git(path)
        }
    } else if is_url(trimmed) {
        strip_git(trimmed.split_once(':').map(|(_, p)| p).unwrap_or(trimmed))
    } else {
        trimmed.to_string()
    };
    (name, full)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_repositories() {
        assert_eq!(
            repository_names("https://github.com/acme/app.git"),
            ("app".into(), "acme/app".into())
        );
        assert_eq!(
            repository_names("git@github.com:acme/app.git"),
            ("app".into(), "acme/app".into())
        );
        assert_eq!(
            repository_names("/srv/repos/app"),
            ("app".into(), "/srv/repos/app".into())
        );
        assert_eq!(
            repository_names("file:///srv/app.git"),
            ("app".into(), "/srv/app".into())
        );
        assert!(is_url("git@host:x"));
        assert!(!is_url("/a/b:c"));
    }
}
