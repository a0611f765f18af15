//! The one function that decides the data folder, for the app and the CLI alike.

use crate::error::{codes, StoreError};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Environment variable naming the data folder when no `--data-dir` flag is given.
pub const DATA_DIR_ENV: &str = "PIPEWRIGHT_DATA_DIR";

/// The file name of the SQLite database inside the data folder.
pub const DATABASE_FILE: &str = "pipewright.db";

/// The data folder: the `--data-dir` flag, else `PIPEWRIGHT_DATA_DIR`, else the platform's
/// data folder for `pipewright` (e.g. `~/.local/share/pipewright` on Linux).
/// The folder is not created here; [`crate::Store::open`] does that.
pub fn resolve_data_dir(flag: Option<&Path>) -> Result<PathBuf, StoreError> {
    resolve_from(flag, std::env::var_os(DATA_DIR_ENV), platform_default)
}

/// Where the database lives inside a data folder.
pub fn database_path(data_dir: &Path) -> PathBuf {
    data_dir.join(DATABASE_FILE)
}

fn platform_default() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "pipewright").map(|d| d.data_dir().to_path_buf())
}

/// The precedence rule, with the environment and the platform default passed in (testable).
pub(crate) fn resolve_from(
    flag: Option<&Path>,
    env: Option<OsString>,
    default: impl FnOnce() -> Option<PathBuf>,
) -> Result<PathBuf, StoreError> {
    let chosen = if let Some(flag) = flag.filter(|p| !p.as_os_str().is_empty()) {
        flag.to_path_buf()
    } else if let Some(env) = env.filter(|v| !v.is_empty()) {
        PathBuf::from(env)
    } else {
        default().ok_or_else(|| {
            StoreError::new(
                codes::DATA_DIR,
                format!(
                    "cannot determine a data folder (no home folder found); pass --data-dir DIR or set {DATA_DIR_ENV}"
                ),
            )
        })?
    };
    // Absolute, so messages and the app's "data folder" line name the real place.
    Ok(std::path::absolute(&chosen).unwrap_or(chosen))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default() -> Option<PathBuf> {
        Some(PathBuf::from("/default/pipewright"))
    }

    #[test]
    fn flag_wins_over_env_and_default() {
        let got = resolve_from(Some(Path::new("/flag")), Some("/env".into()), default).unwrap();
        assert_eq!(got, PathBuf::from("/flag"));
    }

    #[test]
    fn env_wins_over_default() {
        let got = resolve_from(None, Some("/env".into()), default).unwrap();
        assert_eq!(got, PathBuf::from("/env"));
    }

    #[test]
    fn default_when_neither_is_set_or_both_are_empty() {
        assert_eq!(
            resolve_from(None, None, default).unwrap(),
            PathBuf::from("/default/pipewright")
        );
        assert_eq!(
            resolve_from(Some(Path::new("")), Some("".into()), default).unwrap(),
            PathBuf::from("/default/pipewright")
        );
    }

    #[test]
    fn no_default_is_a_data_dir_error() {
        let err = resolve_from(None, None, || None).unwrap_err();
        assert_eq!(err.code(), "E_DATA_DIR");
        assert!(err.is_environment());
        assert!(err.message().contains("--data-dir"), "{err}");
    }

    #[test]
    fn relative_paths_become_absolute() {
        let got = resolve_from(Some(Path::new("rel/dir")), None, default).unwrap();
        assert!(got.is_absolute());
        assert!(got.ends_with("rel/dir"));
    }

    #[test]
    fn platform_default_names_pipewright() {
        // HOME is set wherever these tests run; the folder name is ours.
        if let Some(dir) = platform_default() {
            assert!(
                dir.to_string_lossy().to_lowercase().contains("pipewright"),
                "{}",
                dir.display()
            );
        }
    }

    #[test]
    fn database_lives_in_the_data_dir() {
        assert_eq!(
            database_path(Path::new("/d")),
            PathBuf::from("/d/pipewright.db")
        );
    }
}
