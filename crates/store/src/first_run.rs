//! The first-run sample: the first time the app opens a data folder that holds no pipeline, it
//! writes the sample project into `<data>/sample/project` and saves the sample pipeline, which
//! deploys into `<data>/sample/deployed`. It happens once per folder: deleting the sample does
//! not bring it back, and a folder that already had pipelines never gets it.

use crate::error::{codes, StoreError};
use crate::{now_rfc3339, SaveBase, Store};
use pipewright_core::{is_valid, sample, validate};
use rusqlite::OptionalExtension;
use std::path::{Path, PathBuf};

const SAMPLE_KEY: &str = "firstRun.sample";
/// The value recorded when the folder already had pipelines.
const SKIPPED: &str = "";

/// Where the sample lives in a data folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SamplePaths {
    pub project: PathBuf,
    pub deployed: PathBuf,
}

impl SamplePaths {
    pub fn in_data_dir(data_dir: &Path) -> Self {
        let root = data_dir.join("sample");
        SamplePaths {
            project: root.join("project"),
            deployed: root.join("deployed"),
        }
    }
}

impl Store {
    /// The name of the sample pipeline this folder was given, if any (whether or not it still
    /// exists).
    pub fn sample_pipeline(&self) -> Result<Option<String>, StoreError> {
        Ok(self.sample_decision()?.filter(|v| v != SKIPPED))
    }

    /// What was decided about the sample for this folder: its name, [`SKIPPED`], or nothing yet.
    fn sample_decision(&self) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row(
                "SELECT value FROM app_state WHERE key = ?1",
                [SAMPLE_KEY],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sql_err(e))
    }

    /// On the first open of a folder without pipelines, create the sample (project files and
    /// pipeline, its container actions in `image`). Returns the sample's name when it was
    /// created by this call. Safe to call on every start and from two processes at once.
    pub fn ensure_sample(
        &mut self,
        data_dir: &Path,
        image: &str,
    ) -> Result<Option<String>, StoreError> {
        if self.sample_decision()?.is_some() {
            return Ok(None);
        }
        if !self.list_pipelines()?.is_empty() {
            self.record_sample(SKIPPED)?;
            return Ok(None);
        }
        let paths = SamplePaths::in_data_dir(data_dir);
        write_project(&paths.project)?;
        let doc = sample::pipeline(
            &path_text(&paths.project)?,
            &path_text(&paths.deployed)?,
            image,
        );
        let valid = is_valid(&validate(&doc));
        match self.save_pipeline(&doc, valid, SaveBase::New) {
            Ok(_) => {}
            // Another process made it first.
            Err(e) if e.code() == codes::EXISTS => {
                self.record_sample(sample::PIPELINE_NAME)?;
                return Ok(None);
            }
            Err(e) => return Err(e),
        }
        self.record_sample(sample::PIPELINE_NAME)?;
        Ok(Some(sample::PIPELINE_NAME.to_string()))
    }

    fn record_sample(&self, value: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO app_state (key, value, updated) VALUES (?1, ?2, ?3)
                 ON CONFLICT(key) DO NOTHING",
                (SAMPLE_KEY, value, now_rfc3339()),
            )
            .map_err(|e| self.sql_err(e))?;
        Ok(())
    }
}

fn path_text(path: &Path) -> Result<String, StoreError> {
    path.to_str().map(str::to_string).ok_or_else(|| {
        StoreError::new(
            codes::DATA_DIR,
            format!(
                "cannot create the sample pipeline: the path {} is not valid UTF-8",
                path.display()
            ),
        )
    })
}

/// Write the sample project, leaving files the user already has (a re-created sample keeps
/// their edits).
fn write_project(dir: &Path) -> Result<(), StoreError> {
    let fail = |path: &Path, e: std::io::Error| {
        let code = if e.raw_os_error() == Some(28) {
            codes::DISK_FULL
        } else {
            codes::DATA_DIR
        };
        StoreError::new(
            code,
            format!(
                "cannot write the sample project file {}: {e}",
                path.display()
            ),
        )
    };
    for (relative, contents, executable) in sample::PROJECT_FILES {
        let path = dir.join(relative);
        if path.exists() {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| fail(parent, e))?;
        }
        std::fs::write(&path, contents).map_err(|e| fail(&path, e))?;
        if *executable {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
                .map_err(|e| fail(&path, e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_folder_gets_the_sample_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        assert_eq!(
            store.ensure_sample(dir.path(), "img:1").unwrap().as_deref(),
            Some(sample::PIPELINE_NAME)
        );
        let listed = store.list_pipelines().unwrap();
        assert_eq!(listed.len(), 1);
        assert!(listed[0].valid);
        let paths = SamplePaths::in_data_dir(dir.path());
        for (relative, contents, _) in sample::PROJECT_FILES {
            assert_eq!(
                std::fs::read_to_string(paths.project.join(relative)).unwrap(),
                *contents
            );
        }
        assert_eq!(
            store.sample_pipeline().unwrap().as_deref(),
            Some(sample::PIPELINE_NAME)
        );
        // Deleted, it does not come back.
        store.delete_pipeline(sample::PIPELINE_NAME).unwrap();
        assert_eq!(store.ensure_sample(dir.path(), "img:1").unwrap(), None);
        assert!(store.list_pipelines().unwrap().is_empty());
    }

    #[test]
    fn a_folder_with_pipelines_never_gets_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let doc: pipewright_core::PipelineDocument =
            serde_json::from_value(serde_json::json!({"pipeline": {"name": "mine", "stages": []}}))
                .unwrap();
        store.save_pipeline(&doc, false, SaveBase::New).unwrap();
        assert_eq!(store.ensure_sample(dir.path(), "img:1").unwrap(), None);
        store.delete_pipeline("mine").unwrap();
        assert_eq!(store.ensure_sample(dir.path(), "img:1").unwrap(), None);
        assert_eq!(store.sample_pipeline().unwrap(), None);
        assert!(!dir.path().join("sample").exists());
    }

    #[test]
    fn edited_project_files_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let paths = SamplePaths::in_data_dir(dir.path());
        std::fs::create_dir_all(&paths.project).unwrap();
        std::fs::write(paths.project.join("VERSION"), "9.9.9\n").unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        store.ensure_sample(dir.path(), "img:1").unwrap();
        assert_eq!(
            std::fs::read_to_string(paths.project.join("VERSION")).unwrap(),
            "9.9.9\n"
        );
    }
}
