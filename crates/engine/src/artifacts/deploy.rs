//! Deploy `Directory`: put a revision into a target folder atomically, keeping the previous
//! content for rollback.
//!
//! Next to `<parent>/<name>` live (all on the target's file system, so renames are atomic):
//! - `.<name>.pipewright-new-<id>`: the new content, built aside;
//! - `.<name>.pipewright-previous`: what the target held before the last deploy or rollback;
//! - `.<name>.pipewright-lock`: serializes deploys and rollbacks of the same target.
//!
//! The switch is one `renameat2(RENAME_EXCHANGE)` (Linux): a reader opening the target sees
//! either the old or the new folder, never a missing or half-written one. Where the file system
//! or kernel does not support the exchange (EINVAL, ENOSYS, EOPNOTSUPP) the fallback is two
//! renames, target → previous then new → target, with a window of a few microseconds in
//! which the target does not exist.

use super::error::{ArtifactError, ArtifactErrorKind};
use super::materialize::Materialize;
use super::store::ArtifactStore;
use std::fs::{self, OpenOptions};
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// What a deploy did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeployOutcome {
    /// Where the previous content now is (for rollback); `None` when the target did not
    /// exist before.
    pub previous: Option<PathBuf>,
}

/// Put revision `digest` into `target` (created with its parents when missing), atomically.
/// The previous content is kept as `.<name>.pipewright-previous` (replacing an older one).
/// Files are real copies, owned by the current user.
pub fn deploy_directory(
    store: &ArtifactStore,
    digest: &str,
    target: &Path,
) -> Result<DeployOutcome, ArtifactError> {
    let names = Names::of(target)?;
    fs::create_dir_all(&names.parent)
        .map_err(|e| ArtifactError::io(e, "creating the folder", &names.parent))?;
    names.locked(|| {
        names.remove_leftovers();
        let staging = names.sibling(&format!("new-{}", uuid::Uuid::new_v4().simple()));
        store.materialize_inner(digest, &staging, Materialize::WritableCopy, None, false)?;
        let result = switch(&names, &staging);
        if result.is_err() {
            let _ = remove_tree(&staging);
        }
        result
    })
}

/// Swap the previous content back into `target`. What was deployed becomes the previous
/// content, so a second rollback rolls forward again.
pub fn rollback_directory(target: &Path) -> Result<(), ArtifactError> {
    let names = Names::of(target)?;
    names.locked(|| {
        let previous = names.previous();
        if !is_real_dir(&previous) {
            return Err(ArtifactError::not_found(format!(
                "there is no previous deploy of {} to roll back to",
                target.display()
            )));
        }
        if !exists(&names.target) {
            return rename(&previous, &names.target);
        }
        check_target_is_dir(&names.target)?;
        match exchange(&previous, &names.target) {
            Ok(()) => Ok(()),
            Err(e) if exchange_unsupported(&e) => {
                let aside = names.sibling(&format!("old-{}", uuid::Uuid::new_v4().simple()));
                rename(&names.target, &aside)?;
                if let Err(e) = rename(&previous, &names.target) {
                    let _ = rename(&aside, &names.target);
                    return Err(e);
                }
                rename(&aside, &previous)
            }
            Err(e) => Err(ArtifactError::io(e, "switching", &names.target)),
        }
    })
}

/// Where the previous content of `target` is kept.
pub fn previous_path(target: &Path) -> Result<PathBuf, ArtifactError> {
    Ok(Names::of(target)?.previous())
}

fn switch(names: &Names, staging: &Path) -> Result<DeployOutcome, ArtifactError> {
    if !exists(&names.target) {
        rename(staging, &names.target)?;
        return Ok(DeployOutcome { previous: None });
    }
    check_target_is_dir(&names.target)?;
    let previous = names.previous();
    // Move an older previous aside first, so its slot is free once the switch is done.
    let old = names.sibling(&format!("old-{}", uuid::Uuid::new_v4().simple()));
    let had_previous = exists(&previous);
    if had_previous {
        rename(&previous, &old)?;
    }
    let restore_previous = || {
        if had_previous {
            let _ = fs::rename(&old, &previous);
        }
    };
    match exchange(staging, &names.target) {
        Ok(()) => {
            // `staging` now holds the old content.
            if let Err(e) = rename(staging, &previous) {
                tracing::warn!("the deploy of {} succeeded but {e}", names.target.display());
            }
        }
        Err(e) if exchange_unsupported(&e) => {
            if let Err(e) = rename(&names.target, &previous) {
                restore_previous();
                return Err(e);
            }
            // The window: the target does not exist until the next rename.
            if let Err(e) = rename(staging, &names.target) {
                let _ = fs::rename(&previous, &names.target);
                restore_previous();
                return Err(e);
            }
        }
        Err(e) => {
            restore_previous();
            return Err(ArtifactError::io(e, "switching", &names.target));
        }
    }
    if had_previous {
        if let Err(e) = remove_tree(&old) {
            tracing::warn!("could not remove {}: {e}", old.display());
        }
    }
    Ok(DeployOutcome {
        previous: Some(previous),
    })
}

struct Names {
    target: PathBuf,
    parent: PathBuf,
    name: String,
}

impl Names {
    fn of(target: &Path) -> Result<Self, ArtifactError> {
        let invalid = || {
            ArtifactError::new(
                ArtifactErrorKind::Io,
                format!(
                    "the deploy target {} does not name a folder",
                    target.display()
                ),
            )
        };
        let name = target
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(invalid)?
            .to_string();
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            Some(_) => PathBuf::from("."),
            None => return Err(invalid()),
        };
        Ok(Self {
            target: target.to_path_buf(),
            parent,
            name,
        })
    }

    fn sibling(&self, suffix: &str) -> PathBuf {
        self.parent
            .join(format!(".{}.pipewright-{suffix}", self.name))
    }

    fn previous(&self) -> PathBuf {
        self.sibling("previous")
    }

    /// Run `f` holding the target's deploy lock.
    fn locked<T>(&self, f: impl FnOnce() -> Result<T, ArtifactError>) -> Result<T, ArtifactError> {
        let path = self.sibling("lock");
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|e| ArtifactError::io(e, "creating the lock file", &path))?;
        let mut lock = fd_lock::RwLock::new(file);
        let _guard = lock
            .write()
            .map_err(|e| ArtifactError::io(e, "locking", &path))?;
        f()
    }

    /// Remove what a crashed deploy left (new content built aside, an old previous moved
    /// aside). Runs under the lock, so no other deploy is using them.
    fn remove_leftovers(&self) {
        let Ok(rd) = fs::read_dir(&self.parent) else {
            return;
        };
        let new = format!(".{}.pipewright-new-", self.name);
        let old = format!(".{}.pipewright-old-", self.name);
        for entry in rd.flatten() {
            let n = entry.file_name();
            let Some(n) = n.to_str() else { continue };
            if n.starts_with(&new) || n.starts_with(&old) {
                let _ = remove_tree(&entry.path());
            }
        }
    }
}

fn exists(p: &Path) -> bool {
    fs::symlink_metadata(p).is_ok()
}

fn is_real_dir(p: &Path) -> bool {
    fs::symlink_metadata(p).is_ok_and(|m| m.is_dir())
}

fn check_target_is_dir(target: &Path) -> Result<(), ArtifactError> {
    if is_real_dir(target) {
        Ok(())
    } else {
        Err(ArtifactError::new(
            ArtifactErrorKind::Io,
            format!(
                "the deploy target {} exists and is not a folder; remove it or choose another \
                 TargetPath",
                target.display()
            ),
        ))
    }
}

fn rename(from: &Path, to: &Path) -> Result<(), ArtifactError> {
    fs::rename(from, to)
        .map_err(|e| ArtifactError::io(e, &format!("renaming {} to", from.display()), to))
}

fn exchange_unsupported(e: &io::Error) -> bool {
    matches!(
        e.raw_os_error(),
        Some(libc::EINVAL) | Some(libc::ENOSYS) | Some(libc::EOPNOTSUPP)
    )
}

#[cfg(test)]
thread_local! {
    /// Tests of the fallback: behave as a file system without RENAME_EXCHANGE.
    static NO_EXCHANGE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Atomically exchange two paths (both must exist).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    #[cfg(test)]
    if NO_EXCHANGE.get() {
        return Err(io::Error::from_raw_os_error(libc::EINVAL));
    }
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call; the syscall
    // takes no other pointers. Arguments are widened to `c_long` as the variadic ABI expects.
    let r = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD as libc::c_long,
            a.as_ptr(),
            libc::AT_FDCWD as libc::c_long,
            b.as_ptr(),
            libc::RENAME_EXCHANGE as libc::c_long,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::from_raw_os_error(libc::ENOSYS))
}

/// `remove_dir_all`, making folders writable first when their mode refuses it.
pub(crate) fn remove_tree(path: &Path) -> io::Result<()> {
    match fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            make_dirs_writable(path);
            fs::remove_dir_all(path)
        }
        Err(e) => Err(e),
    }
}

fn make_dirs_writable(path: &Path) {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return;
    };
    if !meta.is_dir() {
        return;
    }
    let _ = fs::set_permissions(
        path,
        fs::Permissions::from_mode(meta.permissions().mode() | 0o700),
    );
    if let Ok(rd) = fs::read_dir(path) {
        for e in rd.flatten() {
            make_dirs_writable(&e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fallback_without_rename_exchange() {
        NO_EXCHANGE.set(true);
        let tmp = tempfile::tempdir().unwrap();
        let store = ArtifactStore::open(&tmp.path().join("artifacts")).unwrap();
        let mut digests = Vec::new();
        for v in ["one", "two"] {
            let src = tmp.path().join(v);
            fs::create_dir_all(&src).unwrap();
            fs::write(src.join("v"), v).unwrap();
            digests.push(store.snapshot_dir(&src, false).unwrap().digest);
        }
        let target = tmp.path().join("t");
        assert_eq!(
            deploy_directory(&store, &digests[0], &target)
                .unwrap()
                .previous,
            None
        );
        let out = deploy_directory(&store, &digests[1], &target).unwrap();
        let previous = out.previous.unwrap();
        assert_eq!(fs::read(target.join("v")).unwrap(), b"two");
        assert_eq!(fs::read(previous.join("v")).unwrap(), b"one");
        deploy_directory(&store, &digests[0], &target).unwrap();
        assert_eq!(fs::read(previous.join("v")).unwrap(), b"two");
        rollback_directory(&target).unwrap();
        assert_eq!(fs::read(target.join("v")).unwrap(), b"two");
        assert_eq!(fs::read(previous.join("v")).unwrap(), b"one");
        NO_EXCHANGE.set(false);
    }
}
