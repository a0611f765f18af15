//! Terminals into kept debug containers: `docker exec` with a TTY through the engine's
//! [`TerminalSession`], one per `sessionId` the UI picked. Output streams to the caller's
//! sink as UTF-8 text; closing a terminal ends debugging (the kept container is removed and
//! the held execution moves on, through `pipewright continue`).

use super::{store_err, Host, HostResult};
use futures_util::StreamExt;
use pipewright_core::api::{
    CloseTerminalArgs, IpcError, OpenTerminalArgs, TerminalEvent, TerminalInputArgs,
    TerminalResizeArgs,
};
use pipewright_engine::debug::terminal::{TerminalSession, Utf8Pieces};
use pipewright_engine::providers::container::SRC_DIR;
use pipewright_engine::runtime::DockerRuntime;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

struct Open {
    session: Arc<TerminalSession>,
    execution_id: String,
    stage_name: String,
    action_name: String,
}

/// The open terminal sessions and the runtime their I/O runs on.
#[derive(Default)]
pub struct Terminals {
    runtime: std::sync::OnceLock<tokio::runtime::Runtime>,
    open: Arc<Mutex<HashMap<String, Open>>>,
}

fn runtime_err(e: pipewright_engine::runtime::RuntimeError) -> IpcError {
    IpcError::new(e.kind.code(), e.message)
}

impl Terminals {
    fn rt(&self) -> HostResult<&tokio::runtime::Runtime> {
        if let Some(rt) = self.runtime.get() {
            return Ok(rt);
        }
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("terminal")
            .enable_all()
            .build()
            .map_err(|e| IpcError::new("E_INTERNAL", format!("cannot start terminal I/O: {e}")))?;
        Ok(self.runtime.get_or_init(|| rt))
    }

    /// Run `work` on the terminal runtime and wait for it. Callable from any thread, a
    /// tokio worker included (the commands run on Tauri's async runtime, off the main thread).
    fn run<T: Send + 'static>(
        &self,
        work: impl std::future::Future<Output = T> + Send + 'static,
    ) -> HostResult<T> {
        let (tx, rx) = std::sync::mpsc::channel();
        self.rt()?.spawn(async move {
            let _ = tx.send(work.await);
        });
        rx.recv()
            .map_err(|_| IpcError::new("E_INTERNAL", "the terminal I/O runtime stopped"))
    }

    fn session(&self, id: &str) -> HostResult<Arc<TerminalSession>> {
        self.open
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(id)
            .map(|o| o.session.clone())
            .ok_or_else(|| {
                IpcError::new(
                    "E_NOT_FOUND",
                    format!("there is no open terminal {id} (it was closed or its shell ended)"),
                )
            })
    }
}

impl Host {
    /// The kept container of the latest attempt of `stage/action`, or why there is none.
    fn debug_container(&self, args: &OpenTerminalArgs) -> HostResult<String> {
        let actions = self
            .store()?
            .action_executions(&args.execution_id)
            .map_err(store_err)?;
        let latest = actions
            .iter()
            .filter(|a| a.stage_name == args.stage_name && a.action_name == args.action_name)
            .max_by_key(|a| a.attempt);
        latest
            .and_then(|a| a.debug_container_id.clone())
            .ok_or_else(|| {
                IpcError::new(
                    "E_NOT_FOUND",
                    format!(
                        "{}/{} of execution {} has no kept container: keep failed containers was off when it failed, or debugging has ended",
                        args.stage_name, args.action_name, args.execution_id
                    ),
                )
            })
    }

    /// Open a shell in the kept container; `send` gets its output, then one `exit` event
    /// (it returns false once nobody listens).
    pub fn open_terminal(
        &self,
        args: OpenTerminalArgs,
        send: impl Fn(TerminalEvent) -> bool + Send + 'static,
    ) -> HostResult<()> {
        let container = self.debug_container(&args)?;
        let terminals = &self.terminals;
        let (cols, rows) = (args.cols, args.rows);
        let (session, mut output) = terminals.run(async move {
            let runtime = DockerRuntime::connect().await.map_err(runtime_err)?;
            TerminalSession::open(&runtime, &container, SRC_DIR, cols, rows)
                .await
                .map_err(runtime_err)
        })??;
        let session = Arc::new(session);
        terminals
            .open
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(
                args.session_id.clone(),
                Open {
                    session: session.clone(),
                    execution_id: args.execution_id.clone(),
                    stage_name: args.stage_name.clone(),
                    action_name: args.action_name.clone(),
                },
            );
        terminals.rt()?.spawn(async move {
            let mut text = Utf8Pieces::default();
            while let Some(chunk) = output.next().await {
                let data = match chunk {
                    Ok(bytes) => text.push(&bytes),
                    Err(e) => format!("\r\n[{}]\r\n", e.message),
                };
                if !data.is_empty() && !send(output_event(data)) {
                    break;
                }
            }
            let rest = text.finish();
            if !rest.is_empty() {
                send(output_event(rest));
            }
            let exit_code = session.exit_code().await;
            // The session stays listed until it is closed: closing a terminal whose shell
            // exited still ends debugging.
            send(TerminalEvent {
                kind: "exit".into(),
                data: String::new(),
                exit_code,
            });
        });
        Ok(())
    }

    pub fn terminal_input(&self, args: TerminalInputArgs) -> HostResult<()> {
        let session = self.terminals.session(&args.session_id)?;
        let data = args.data.into_bytes();
        self.terminals
            .run(async move { session.write(&data).await })?
            .map_err(runtime_err)
    }

    pub fn terminal_resize(&self, args: TerminalResizeArgs) -> HostResult<()> {
        let session = self.terminals.session(&args.session_id)?;
        let (cols, rows) = (args.cols, args.rows);
        self.terminals
            .run(async move { session.resize(cols, rows).await })?
            .map_err(runtime_err)
    }

    /// Close the terminal and end debugging: its shell is told to exit, and the held
    /// execution is continued (which removes the kept container). Closing a terminal whose
    /// debugging already ended only closes it.
    pub fn close_terminal(&self, args: CloseTerminalArgs) -> HostResult<()> {
        let open = self
            .terminals
            .open
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&args.session_id);
        let Some(open) = open else {
            return Ok(());
        };
        // Ctrl-D, then `exit` for shells that ignore EOF; the container goes anyway.
        let session = open.session.clone();
        let _ = self
            .terminals
            .run(async move { session.write(b"\x04exit\n").await });
        let pending = self
            .store()?
            .approvals_of(&open.execution_id)
            .map_err(store_err)?
            .into_iter()
            .any(|a| {
                a.stage_name == open.stage_name
                    && a.action_name == open.action_name
                    && a.kind == "PAUSE"
                    && a.status == "PENDING"
            });
        if pending {
            self.run_cli([
                "continue".to_string(),
                open.execution_id,
                format!("{}/{}", open.stage_name, open.action_name),
            ])?;
        }
        Ok(())
    }
}

fn output_event(data: String) -> TerminalEvent {
    TerminalEvent {
        kind: "output".into(),
        data,
        exit_code: None,
    }
}

#[cfg(test)]
mod tests {
    //! Through the real `pipewright` CLI and the real Docker daemon: an action fails with
    //! keep failed containers on; a terminal into its kept container runs a command there;
    //! closing the terminal ends debugging (the container goes, the execution fails).
    use crate::host::Host;
    use pipewright_core::api::*;
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    fn pipeline(src: &std::path::Path) -> String {
        format!(
            "pipeline:
  name: debugged
  roleArn: arn:aws:iam::123456789012:role/r
  artifactStore: {{type: S3, location: bucket}}
  stages:
    - name: Source
      actions:
        - name: Src
          actionTypeId: {{category: Source, owner: Custom, provider: Directory, version: \"1\"}}
          configuration: {{Path: {}}}
          outputArtifacts: [{{name: Out}}]
    - name: Build
      actions:
        - name: Make
          actionTypeId: {{category: Build, owner: Custom, provider: Container, version: \"1\"}}
          configuration: {{Image: \"pipewright/busybox:local\"}}
          inputArtifacts: [{{name: Out}}]
          commands: [\"echo kept-state > marker.txt\", \"exit 4\"]
",
            src.display()
        )
    }

    fn wait_for<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
        let started = Instant::now();
        loop {
            if let Some(v) = f() {
                return v;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "timed out: {what}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn docker_has(container: &str) -> bool {
        std::process::Command::new("docker")
            .args(["inspect", container])
            .output()
            .unwrap()
            .status
            .success()
    }

    #[test]
    fn a_terminal_runs_commands_in_the_kept_container_and_closing_it_ends_debugging() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("src");
        std::fs::create_dir_all(&src).unwrap();
        std::fs::write(src.join("a.txt"), "a").unwrap();
        let host = Host::open(&dir.path().join("data")).unwrap();
        host.import_pipeline(ImportArgs {
            text: pipeline(&src),
            name: None,
            draft: false,
            source_path: None,
        })
        .unwrap()
        .saved
        .unwrap();
        host.set_keep_failed_containers(SetKeepFailedArgs {
            pipeline_name: "debugged".into(),
            keep: true,
        })
        .unwrap();
        let id = host
            .run_pipeline(RunPipelineArgs {
                name: "debugged".into(),
                variables: vec![],
            })
            .unwrap()
            .execution_id;
        let view = || {
            host.get_execution(ExecutionArgs {
                execution_id: id.clone(),
            })
            .unwrap()
        };
        let pending = wait_for("the debug hold", || {
            host.pending_approvals().unwrap().into_iter().next()
        });
        assert_eq!(pending.approval.kind, "PAUSE");
        let make = view().stages[1].actions[0].clone();
        assert_eq!(make.status.as_deref(), Some("Failed"));
        let container = make.debug_container_id.expect("kept");
        assert!(docker_has(&container));

        let args = |session: &str| OpenTerminalArgs {
            session_id: session.into(),
            execution_id: id.clone(),
            stage_name: "Build".into(),
            action_name: "Make".into(),
            cols: 100,
            rows: 30,
        };
        let events: Arc<Mutex<Vec<TerminalEvent>>> = Arc::default();
        let sink = events.clone();
        host.open_terminal(args("t1"), move |e| {
            sink.lock().unwrap().push(e);
            true
        })
        .unwrap();
        let output = || -> String {
            events
                .lock()
                .unwrap()
                .iter()
                .map(|e| e.data.as_str())
                .collect()
        };
        // From inside an async runtime, as Tauri's async commands call it.
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(async {
                host.terminal_resize(TerminalResizeArgs {
                    session_id: "t1".into(),
                    cols: 120,
                    rows: 40,
                })
            })
            .unwrap();
        host.terminal_input(TerminalInputArgs {
            session_id: "t1".into(),
            data: "cat marker.txt; pwd; stty size\n".into(),
        })
        .unwrap();
        wait_for("the command's output", || {
            let out = output();
            (out.contains("kept-state\r\n") && out.contains("/pipewright/src\r\n")).then_some(())
        });
        wait_for("the new size", || output().contains("40 120").then_some(()));

        // Unknown sessions and actions without a kept container are refused clearly.
        let unknown = host
            .terminal_input(TerminalInputArgs {
                session_id: "nope".into(),
                data: "x".into(),
            })
            .unwrap_err();
        assert_eq!(unknown.code, "E_NOT_FOUND");
        let mut source = args("t2");
        source.stage_name = "Source".into();
        source.action_name = "Src".into();
        let none = host.open_terminal(source, |_| true).unwrap_err();
        assert!(
            none.message.contains("no kept container"),
            "{}",
            none.message
        );

        // The shell exits by itself; closing the terminal afterwards still ends debugging.
        host.terminal_input(TerminalInputArgs {
            session_id: "t1".into(),
            data: "exit 7\n".into(),
        })
        .unwrap();
        let exit = wait_for("the exit event", || {
            events
                .lock()
                .unwrap()
                .iter()
                .find(|e| e.kind == "exit")
                .cloned()
        });
        assert_eq!(exit.exit_code, Some(7));
        assert!(
            docker_has(&container),
            "exiting the shell keeps the container"
        );
        host.close_terminal(CloseTerminalArgs {
            session_id: "t1".into(),
        })
        .unwrap();
        let ended = wait_for("the execution to end", || {
            let v = view();
            (v.status != "InProgress").then_some(v)
        });
        assert_eq!(ended.status, "Failed");
        assert!(ended.stages[1].actions[0].debug_container_id.is_none());
        assert!(!docker_has(&container), "the kept container is removed");
    }
}
