//! A terminal into a kept debug container: `docker exec` of a shell with a TTY (bash when the
//! image has it, else sh), through bollard. The caller writes keys, reads output, resizes.

use crate::runtime::{DockerRuntime, RuntimeError, RuntimeErrorKind};
use bollard::container::LogOutput;
use bollard::exec::{CreateExecOptions, ResizeExecOptions, StartExecOptions, StartExecResults};
use bollard::Docker;
use futures_util::stream::{BoxStream, StreamExt};
use std::pin::Pin;
use tokio::io::{AsyncWrite, AsyncWriteExt};
use tokio::sync::Mutex;

/// The shell: bash when present, else sh; starts in the action's working directory.
const SHELL: &str = "if command -v bash >/dev/null 2>&1; then exec bash; else exec sh; fi";

/// One open shell in a container.
pub struct TerminalSession {
    docker: Docker,
    exec_id: String,
    input: Mutex<Pin<Box<dyn AsyncWrite + Send>>>,
}

/// The shell's output as raw bytes, until it ends.
pub type TerminalOutput = BoxStream<'static, Result<bytes::Bytes, RuntimeError>>;

fn other(context: &str, e: impl std::fmt::Display) -> RuntimeError {
    RuntimeError::new(RuntimeErrorKind::Other, format!("{context}: {e}"))
}

impl TerminalSession {
    /// Start a shell with a `cols` x `rows` TTY in `container`.
    pub async fn open(
        runtime: &DockerRuntime,
        container: &str,
        working_dir: &str,
        cols: u16,
        rows: u16,
    ) -> Result<(TerminalSession, TerminalOutput), RuntimeError> {
        let docker = runtime.client().clone();
        let created = docker
            .create_exec(
                container,
                CreateExecOptions {
                    attach_stdin: Some(true),
                    attach_stdout: Some(true),
                    attach_stderr: Some(true),
                    tty: Some(true),
                    env: Some(vec!["TERM=xterm-256color".to_string()]),
                    cmd: Some(vec!["sh".to_string(), "-c".to_string(), SHELL.to_string()]),
                    working_dir: Some(working_dir.to_string()),
                    ..Default::default()
                },
            )
            .await
            .map_err(|e| match &e {
                bollard::errors::Error::DockerResponseServerError {
                    status_code: 404, ..
                } => RuntimeError::new(
                    RuntimeErrorKind::NotFound,
                    format!("the debug container {container} is gone (debugging ended)"),
                ),
                bollard::errors::Error::DockerResponseServerError {
                    status_code: 409, ..
                } => RuntimeError::new(
                    RuntimeErrorKind::NotFound,
                    format!("the debug container {container} is not running (debugging ended)"),
                ),
                _ => other("cannot start a shell in the debug container", e),
            })?;
        let started = docker
            .start_exec(
                &created.id,
                Some(StartExecOptions {
                    detach: false,
                    tty: true,
                    output_capacity: None,
                }),
            )
            .await
            .map_err(|e| other("cannot attach to the shell", e))?;
        let StartExecResults::Attached { output, input } = started else {
            return Err(other(
                "cannot attach to the shell",
                "the daemon detached it",
            ));
        };
        let session = TerminalSession {
            docker,
            exec_id: created.id,
            input: Mutex::new(input),
        };
        // A fresh exec starts at 80x24 until told otherwise.
        if let Err(e) = session.resize(cols, rows).await {
            tracing::debug!("resizing a new terminal failed (it may have ended): {e}");
        }
        let output = output
            .filter_map(|item| {
                futures_util::future::ready(match item {
                    Ok(LogOutput::StdOut { message })
                    | Ok(LogOutput::StdErr { message })
                    | Ok(LogOutput::Console { message }) => Some(Ok(message)),
                    Ok(LogOutput::StdIn { .. }) => None,
                    Err(e) => Some(Err(other("the terminal's output broke off", e))),
                })
            })
            .boxed();
        Ok((session, output))
    }

    /// Send keys to the shell.
    pub async fn write(&self, data: &[u8]) -> Result<(), RuntimeError> {
        let mut input = self.input.lock().await;
        input
            .write_all(data)
            .await
            .map_err(|e| other("cannot send keys to the terminal", e))?;
        input
            .flush()
            .await
            .map_err(|e| other("cannot send keys to the terminal", e))
    }

    /// Resize the TTY to `cols` x `rows` cells.
    pub async fn resize(&self, cols: u16, rows: u16) -> Result<(), RuntimeError> {
        self.docker
            .resize_exec(
                &self.exec_id,
                ResizeExecOptions {
                    width: cols.max(1),
                    height: rows.max(1),
                },
            )
            .await
            .map_err(|e| other("cannot resize the terminal", e))
    }

    /// The shell's exit code once it has ended.
    pub async fn exit_code(&self) -> Option<i64> {
        self.docker
            .inspect_exec(&self.exec_id)
            .await
            .ok()
            .and_then(|i| i.exit_code)
    }
}

/// Turns a byte stream into UTF-8 text without splitting a character across two pieces: an
/// incomplete sequence at the end waits for the next bytes; invalid bytes become U+FFFD.
#[derive(Debug, Default)]
pub struct Utf8Pieces {
    carry: Vec<u8>,
}

impl Utf8Pieces {
    pub fn push(&mut self, bytes: &[u8]) -> String {
        self.carry.extend_from_slice(bytes);
        let mut out = String::new();
        loop {
            match std::str::from_utf8(&self.carry) {
                Ok(text) => {
                    out.push_str(text);
                    self.carry.clear();
                    return out;
                }
                Err(e) => {
                    let valid = e.valid_up_to();
                    out.push_str(std::str::from_utf8(&self.carry[..valid]).unwrap_or_default());
                    match e.error_len() {
                        // Incomplete at the end: keep it for the next piece.
                        None => {
                            self.carry.drain(..valid);
                            return out;
                        }
                        Some(bad) => {
                            out.push('\u{FFFD}');
                            self.carry.drain(..valid + bad);
                        }
                    }
                }
            }
        }
    }

    /// What is left when the stream ends (an incomplete sequence), lossily.
    pub fn finish(&mut self) -> String {
        let rest = String::from_utf8_lossy(&self.carry).into_owned();
        self.carry.clear();
        rest
    }
}

#[cfg(test)]
mod tests {
    use super::Utf8Pieces;

    #[test]
    fn characters_split_across_pieces_come_out_whole() {
        let text = "héllo → wörld";
        let bytes = text.as_bytes();
        for cut in 0..=bytes.len() {
            let mut pieces = Utf8Pieces::default();
            let mut out = pieces.push(&bytes[..cut]);
            out.push_str(&pieces.push(&bytes[cut..]));
            out.push_str(&pieces.finish());
            assert_eq!(out, text, "cut at {cut}");
        }
    }

    #[test]
    fn invalid_bytes_become_replacement_characters() {
        let mut pieces = Utf8Pieces::default();
        assert_eq!(pieces.push(b"a\xffb"), "a\u{FFFD}b");
        assert_eq!(pieces.push(b"\xe2\x82"), "");
        assert_eq!(pieces.finish(), "\u{FFFD}");
    }
}
