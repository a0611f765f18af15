//! The container runtime: one trait, implemented with bollard for Docker-compatible daemons
//! (unix socket, tcp, Podman's Docker-compatible socket). The scheduler only sees the trait, so
//! its unit tests can use a fake.

mod docker;
mod errors;
mod host;
mod reap;

pub use docker::{DockerRuntime, CONNECT_TIMEOUT, DEFAULT_PULL_STALL_TIMEOUT};
pub use host::{DockerHost, DEFAULT_SOCKET};
pub use reap::reap;

use async_trait::async_trait;
use futures_util::stream::BoxStream;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Labels every container Pipewright creates carries (testcontainers-style), so leftovers can
/// be reaped by label and nobody else's containers are touched.
pub const LABEL_APP: &str = "dev.pipewright.app";
pub const LABEL_PIPELINE: &str = "dev.pipewright.pipeline";
pub const LABEL_EXECUTION: &str = "dev.pipewright.execution";
pub const LABEL_ACTION: &str = "dev.pipewright.action";
/// On the container kept after an action failed (for a terminal), beside the other labels.
pub const LABEL_DEBUG: &str = "dev.pipewright.debug";
/// The value of [`LABEL_APP`] on every container Pipewright creates.
pub const APP_LABEL_VALUE: &str = "pipewright";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PullPolicy {
    Never,
    Missing,
    Always,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkMode {
    None,
    Bridge,
    Host,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Mount {
    /// Host path (local daemons only; remote daemons get files through `copy_in`).
    pub source: PathBuf,
    /// Path inside the container.
    pub target: String,
    pub read_only: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ContainerSpec {
    pub image: String,
    /// The command (e.g. `["sh", "-e", "-c", script]`).
    pub cmd: Vec<String>,
    pub env: Vec<(String, String)>,
    pub working_dir: Option<String>,
    pub mounts: Vec<Mount>,
    pub network: NetworkMode,
    pub labels: BTreeMap<String, String>,
    /// `uid:gid`, or `None` for the image's user.
    pub user: Option<String>,
    /// CPUs (e.g. 1.5), or no limit.
    pub cpus: Option<f64>,
    /// Bytes, or no limit.
    pub memory_bytes: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogStream {
    Stdout,
    Stderr,
}

/// A piece of a container's output, as the daemon sent it.
#[derive(Debug, Clone, PartialEq)]
pub struct LogChunk {
    pub stream: LogStream,
    pub bytes: bytes::Bytes,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RuntimeInfo {
    /// The API version negotiated with the daemon.
    pub api_version: String,
    pub server_version: String,
    /// True when bind mounts are not possible (a `tcp://` DOCKER_HOST).
    pub remote: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuntimeErrorKind {
    /// No daemon answers at DOCKER_HOST (or the default socket).
    Unreachable,
    /// The socket exists but this user may not use it.
    PermissionDenied,
    /// The image is not present and the pull policy forbids pulling (or the pull failed).
    ImageUnavailable,
    /// The container or image named does not exist (any more).
    NotFound,
    Other,
}

impl RuntimeErrorKind {
    /// A stable code for the kind, in the project's `E_…` style.
    pub fn code(self) -> &'static str {
        match self {
            RuntimeErrorKind::Unreachable => "E_DOCKER_UNREACHABLE",
            RuntimeErrorKind::PermissionDenied => "E_DOCKER_PERMISSION",
            RuntimeErrorKind::ImageUnavailable => "E_IMAGE_UNAVAILABLE",
            RuntimeErrorKind::NotFound => "E_CONTAINER_NOT_FOUND",
            RuntimeErrorKind::Other => "E_RUNTIME",
        }
    }
}

/// A runtime failure with a message that names the cause and, where there is one, the fix.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct RuntimeError {
    pub kind: RuntimeErrorKind,
    pub message: String,
}

impl RuntimeError {
    pub fn new(kind: RuntimeErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }
    /// Environment failures (exit code 3 in the CLI): the daemon is unreachable or refuses us.
    pub fn is_environment(&self) -> bool {
        matches!(
            self.kind,
            RuntimeErrorKind::Unreachable | RuntimeErrorKind::PermissionDenied
        )
    }
}

pub type RuntimeResult<T> = Result<T, RuntimeError>;

#[async_trait]
pub trait ContainerRuntime: Send + Sync {
    /// Connect and negotiate the API version.
    async fn info(&self) -> RuntimeResult<RuntimeInfo>;
    /// Make `image` available by `policy`; `progress` receives human-readable pull progress.
    ///
    /// The callback's `for<'a>` is spelled out on purpose: `#[async_trait]` names every elided
    /// lifetime in the arguments, so `dyn Fn(&str)` would become `dyn Fn(&'life3 str)` and an
    /// implementation could never pass it a line it built itself.
    async fn ensure_image(
        &self,
        image: &str,
        policy: PullPolicy,
        progress: &(dyn for<'a> Fn(&'a str) + Send + Sync),
    ) -> RuntimeResult<()>;
    /// Create (not start) a container; returns its id.
    async fn create(&self, spec: &ContainerSpec) -> RuntimeResult<String>;
    async fn start(&self, id: &str) -> RuntimeResult<()>;
    /// Attach to stdout and stderr, as `docker run` does: call it before `start`, so nothing
    /// the container prints is missed however soon it ends; the stream ends with the
    /// container. Only what is printed after the attach comes through.
    async fn attach(&self, id: &str) -> RuntimeResult<BoxStream<'static, RuntimeResult<LogChunk>>>;
    /// Wait for the container to end; returns its exit code (137 when killed). Call it after
    /// `start`: a container that never started counts as ended.
    async fn wait(&self, id: &str) -> RuntimeResult<i64>;
    /// Kill a running container (no error when it already ended).
    async fn kill(&self, id: &str) -> RuntimeResult<()>;
    /// Remove a container, forcibly (no error when it is already gone).
    async fn remove(&self, id: &str) -> RuntimeResult<()>;
    /// Put a tar archive into the container at `path` (remote daemons: instead of mounts).
    async fn copy_in(&self, id: &str, path: &str, tar: bytes::Bytes) -> RuntimeResult<()>;
    /// Read `path` out of the container as a tar archive.
    async fn copy_out(&self, id: &str, path: &str) -> RuntimeResult<bytes::Bytes>;
    /// Ids of the containers (running or not) carrying every one of `labels`.
    async fn list_by_labels(&self, labels: &BTreeMap<String, String>)
        -> RuntimeResult<Vec<String>>;
    /// Save a container's filesystem as the image `reference` (`repo:tag`); keeping a failed
    /// container for debugging uses it. Runtimes without images refuse.
    async fn commit(&self, id: &str, reference: &str) -> RuntimeResult<()> {
        let _ = (id, reference);
        Err(RuntimeError::new(
            RuntimeErrorKind::Other,
            "this container runtime cannot save a container as an image",
        ))
    }
    /// Remove the image `reference` (no error when it is already gone).
    async fn remove_image(&self, reference: &str) -> RuntimeResult<()> {
        let _ = reference;
        Ok(())
    }
}
