//! Saving an action's whole log: the host copies the log file to the path the user chose in
//! the save dialog, so a 50 MiB log never crosses IPC as one string.

use super::{store_err, Host, HostResult};
use pipewright_core::api::{IpcError, SaveActionLogArgs, SavedLog};

impl Host {
    /// Copy the log of an action (the given attempt, else its latest) to `args.path`.
    pub fn save_action_log(&self, args: SaveActionLogArgs) -> HostResult<SavedLog> {
        let rel = {
            let store = self.store()?;
            let actions = store
                .action_executions(&args.execution_id)
                .map_err(store_err)?;
            let found = actions.iter().rev().find(|a| {
                a.stage_name == args.stage_name
                    && a.action_name == args.action_name
                    && args.attempt.is_none_or(|n| a.attempt == n)
            });
            let which = match args.attempt {
                Some(n) => format!("attempt {n} of {}/{}", args.stage_name, args.action_name),
                None => format!("{}/{}", args.stage_name, args.action_name),
            };
            let action = found.ok_or_else(|| {
                IpcError::new(
                    "E_NOT_FOUND",
                    format!("{which} did not run in execution {}", args.execution_id),
                )
            })?;
            action
                .log_path
                .clone()
                .ok_or_else(|| IpcError::new("E_NOT_FOUND", format!("{which} has no log yet")))?
        };
        let from = self.data_dir.join(rel);
        let bytes = std::fs::copy(&from, &args.path).map_err(|e| {
            let cause = if e.kind() == std::io::ErrorKind::NotFound && !from.exists() {
                format!("the log {} does not exist", from.display())
            } else {
                e.to_string()
            };
            IpcError::new(
                "E_WRITE_FILE",
                format!("cannot save the log to {}: {cause}", args.path),
            )
        })?;
        Ok(SavedLog {
            path: args.path,
            bytes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pipewright_core::api::ImportArgs;
    use pipewright_store::execution::*;
    use pipewright_store::Store;

    const PIPELINE: &str = r#"
pipeline:
  name: logs
  stages:
    - name: Source
      actions:
        - name: Checkout
          actionTypeId: {category: Source, owner: Custom, provider: Directory, version: "1"}
          configuration: {Path: /tmp}
          outputArtifacts: [{name: Src}]
    - name: Build
      actions:
        - name: Compile
          actionTypeId: {category: Build, owner: Custom, provider: Container, version: "1"}
          configuration: {Image: busybox}
          inputArtifacts: [{name: Src}]
"#;

    /// A host with one running execution whose Source/Checkout ran twice (attempts 1 and 2),
    /// each with its own log file.
    fn host_with_logs() -> (tempfile::TempDir, Host, String) {
        let dir = tempfile::tempdir().expect("tempdir");
        let host = Host::open(dir.path()).expect("host");
        let saved = host
            .import_pipeline(ImportArgs {
                text: PIPELINE.into(),
                name: None,
                draft: true,
                source_path: None,
            })
            .expect("import")
            .saved
            .expect("saved");
        let mut store = Store::open(dir.path()).expect("store");
        let id = "11111111-2222-3333-4444-666666666666".to_string();
        store
            .create_execution(&NewExecution {
                id: id.clone(),
                pipeline_name: saved.name,
                pipeline_version: saved.version,
                trigger: Trigger::manual(Some("test".into())),
                variables: vec![],
            })
            .expect("create");
        store.start_stage(&id, "Source", 0, None).expect("stage");
        for attempt in [1, 2] {
            let rel = format!("logs/{id}/Source/Checkout.{attempt}.log");
            let path = dir.path().join(&rel);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(
                &path,
                format!("2026-11-25T14:22:47.123Z stdout attempt {attempt}\n"),
            )
            .expect("write");
            store
                .start_action(&NewActionExecution {
                    id: format!("a{attempt}"),
                    execution_id: id.clone(),
                    stage_name: "Source".into(),
                    action_name: "Checkout".into(),
                    attempt,
                    action_type: ActionType {
                        category: "Source".into(),
                        owner: "Custom".into(),
                        provider: "Directory".into(),
                        version: "1".into(),
                    },
                    log_path: Some(rel),
                    inputs: vec![],
                })
                .expect("action");
        }
        (dir, host, id)
    }

    fn args(
        id: &str,
        action: &str,
        attempt: Option<i64>,
        path: &std::path::Path,
    ) -> SaveActionLogArgs {
        SaveActionLogArgs {
            execution_id: id.into(),
            stage_name: "Source".into(),
            action_name: action.into(),
            attempt,
            path: path.display().to_string(),
        }
    }

    #[test]
    fn saves_the_latest_or_the_asked_attempt_and_refuses_what_did_not_run() {
        let (dir, host, id) = host_with_logs();
        let out = dir.path().join("saved.log");
        let saved = host
            .save_action_log(args(&id, "Checkout", None, &out))
            .expect("save latest");
        let text = std::fs::read_to_string(&out).expect("read");
        assert_eq!(text, "2026-11-25T14:22:47.123Z stdout attempt 2\n");
        assert_eq!(saved.bytes, text.len() as u64);
        host.save_action_log(args(&id, "Checkout", Some(1), &out))
            .expect("save attempt 1");
        assert!(std::fs::read_to_string(&out)
            .expect("read")
            .ends_with("attempt 1\n"));

        // Streaming reads the same attempt: the latest, or the one asked for.
        let store = Store::open(dir.path()).expect("store");
        let read = |attempt| {
            crate::host::read_log_page(
                &store,
                dir.path(),
                &pipewright_core::api::ReadLogArgs {
                    execution_id: id.clone(),
                    stage_name: "Source".into(),
                    action_name: "Checkout".into(),
                    offset: 0,
                    attempt,
                },
            )
            .expect("read")
            .text
        };
        assert!(read(None).ends_with("attempt 2\n"));
        assert!(read(Some(1)).ends_with("attempt 1\n"));

        let err = host
            .save_action_log(args(&id, "Checkout", Some(3), &out))
            .expect_err("no attempt 3");
        assert_eq!(err.code, "E_NOT_FOUND");
        assert!(err.message.contains("attempt 3"), "{}", err.message);
        let err = host
            .save_action_log(args(&id, "Nope", None, &out))
            .expect_err("never ran");
        assert_eq!(err.code, "E_NOT_FOUND");

        let err = host
            .save_action_log(args(
                &id,
                "Checkout",
                None,
                &dir.path().join("no/such/dir/x.log"),
            ))
            .expect_err("unwritable");
        assert_eq!(err.code, "E_WRITE_FILE");
        assert!(err.message.contains("no/such/dir"), "{}", err.message);
    }
}
