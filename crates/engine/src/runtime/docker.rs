//! [`DockerRuntime`]: the [`ContainerRuntime`] over bollard, for Docker and Docker-compatible
//! daemons (Podman's socket) on a unix socket or plain tcp.

use super::errors::{status_code, ErrorMapper};
use super::host::{DockerHost, Endpoint};
use super::{
    ContainerRuntime, ContainerSpec, LogChunk, LogStream, NetworkMode, PullPolicy, RuntimeError,
    RuntimeErrorKind, RuntimeInfo, RuntimeResult, APP_LABEL_VALUE, LABEL_APP,
};
use async_trait::async_trait;
use bollard::container::LogOutput;
use bollard::errors::Error as BollardError;
use bollard::models::{
    ContainerCreateBody, CreateImageInfo, HostConfig, Mount as DockerMount, MountType,
};
use bollard::query_parameters::{
    AttachContainerOptions, CreateContainerOptions, CreateImageOptions,
    DownloadFromContainerOptions, KillContainerOptions, ListContainersOptions,
    RemoveContainerOptions, UploadToContainerOptions, WaitContainerOptions,
};
use bollard::{ClientVersion, Docker, API_DEFAULT_VERSION};
use futures_util::stream::{BoxStream, StreamExt};
use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

/// Connecting (and negotiating the API version) gives up after this long.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// bollard's per-request timeout (until the response headers arrive) for ordinary requests;
/// wait, logs, pulls and archive copies use their own (below).
const REQUEST_TIMEOUT_SECS: u64 = 120;

/// Request timeout for the archive endpoints, whose request body (a whole artifact) is sent
/// before the answer comes.
const ARCHIVE_TIMEOUT: Duration = Duration::from_secs(3600);

/// Request timeout for wait and logs, which last as long as the container: Docker sends their
/// headers at once, but a daemon that waits for the end before answering must not be cut off
/// (the engine bounds actions with its own timeouts).
const FOLLOW_TIMEOUT: Duration = Duration::from_secs(365 * 24 * 3600);

/// A pull with no message from the daemon for this long is given up.
pub const DEFAULT_PULL_STALL_TIMEOUT: Duration = Duration::from_secs(300);

/// At most one progress line per layer and interval, unless the layer's status changes.
const PROGRESS_INTERVAL: Duration = Duration::from_millis(1000);

/// A Docker-compatible daemon, connected and with its API version negotiated.
#[derive(Debug, Clone)]
pub struct DockerRuntime {
    docker: Docker,
    errors: ErrorMapper,
    pull_stall_timeout: Duration,
}

impl DockerRuntime {
    /// Connect to `DOCKER_HOST` (unix://, tcp://, or a bare socket path such as Podman's), else
    /// the default socket (or a rootless Docker / Podman socket when that is missing).
    pub async fn connect() -> RuntimeResult<DockerRuntime> {
        Self::connect_host(DockerHost::from_env()?).await
    }

    /// Connect to `host`, written as DOCKER_HOST would be; the environment is not read.
    pub async fn connect_to(host: &str) -> RuntimeResult<DockerRuntime> {
        Self::connect_host(DockerHost::parse(host)?).await
    }

    /// Connect to a parsed address: negotiate the API version, within [`CONNECT_TIMEOUT`].
    pub async fn connect_host(host: DockerHost) -> RuntimeResult<DockerRuntime> {
        let errors = ErrorMapper::new(host, REQUEST_TIMEOUT_SECS);
        let docker = match tokio::time::timeout(CONNECT_TIMEOUT, negotiate(&errors)).await {
            Ok(result) => result?,
            Err(_) => return Err(errors.timed_out(CONNECT_TIMEOUT.as_secs())),
        };
        tracing::debug!(host = %errors.host(), api = %docker.client_version(), "connected to the container daemon");
        Ok(DockerRuntime {
            docker,
            errors,
            pull_stall_timeout: DEFAULT_PULL_STALL_TIMEOUT,
        })
    }

    /// Give up a pull when the daemon sends nothing for `timeout` (default 5 min).
    pub fn with_pull_stall_timeout(mut self, timeout: Duration) -> Self {
        self.pull_stall_timeout = timeout;
        self
    }

    /// The daemon's address.
    pub fn host(&self) -> &DockerHost {
        self.errors.host()
    }

    /// True for a `tcp://` daemon: bind mounts are not possible, use `copy_in`/`copy_out`.
    pub fn is_remote(&self) -> bool {
        self.errors.host().is_remote()
    }

    /// The negotiated API version, e.g. "1.41".
    pub fn api_version(&self) -> String {
        self.docker.client_version().to_string()
    }

    /// The bollard client, for what the trait does not cover (e.g. inspecting a container).
    pub fn client(&self) -> &Docker {
        &self.docker
    }

    /// True when `image` is present locally.
    pub async fn image_present(&self, image: &str) -> RuntimeResult<bool> {
        match self.docker.inspect_image(image).await {
            Ok(_) => Ok(true),
            Err(e) if status_code(&e) == Some(404) => Ok(false),
            Err(e) => Err(self.errors.map(e, &format!("cannot look up image {image}"))),
        }
    }

    async fn pull(
        &self,
        image: &str,
        progress: &(dyn for<'a> Fn(&'a str) + Send + Sync),
    ) -> RuntimeResult<()> {
        let reference = pull_reference(image);
        let options = CreateImageOptions {
            from_image: Some(reference.clone()),
            ..Default::default()
        };
        let docker = self.docker.clone().with_timeout(self.pull_stall_timeout);
        let mut stream = docker.create_image(Some(options), None, None);
        let mut lines = PullProgress::new(PROGRESS_INTERVAL);
        progress(&format!("Pulling {reference}"));
        loop {
            match tokio::time::timeout(self.pull_stall_timeout, stream.next()).await {
                Err(_) => {
                    return Err(RuntimeError::new(
                        RuntimeErrorKind::ImageUnavailable,
                        format!(
                            "cannot pull image {image}: the daemon reported no progress for {} s",
                            self.pull_stall_timeout.as_secs()
                        ),
                    ))
                }
                Ok(None) => break,
                Ok(Some(Ok(info))) => {
                    if let Some(line) = lines.line(&info) {
                        progress(&line);
                    }
                }
                Ok(Some(Err(e))) => return Err(self.pull_error(image, e)),
            }
        }
        if self.image_present(image).await? {
            Ok(())
        } else {
            Err(RuntimeError::new(
                RuntimeErrorKind::ImageUnavailable,
                format!("cannot pull image {image}: the pull ended but the image is not present"),
            ))
        }
    }

    fn pull_error(&self, image: &str, err: BollardError) -> RuntimeError {
        if matches!(err, BollardError::RequestTimeoutError) {
            return RuntimeError::new(
                RuntimeErrorKind::ImageUnavailable,
                format!(
                    "cannot pull image {image}: the daemon reported no progress for {} s",
                    self.pull_stall_timeout.as_secs()
                ),
            );
        }
        if let Some(transport) = self.errors.transport(&err) {
            return transport;
        }
        let cause = match err {
            BollardError::DockerResponseServerError { message, .. } => message,
            BollardError::DockerStreamError { error } => error,
            other => other.to_string(),
        };
        RuntimeError::new(
            RuntimeErrorKind::ImageUnavailable,
            format!("cannot pull image {image}: {}", cause.trim()),
        )
    }

    fn container_body(&self, spec: &ContainerSpec) -> RuntimeResult<ContainerCreateBody> {
        if self.is_remote() && !spec.mounts.is_empty() {
            return Err(RuntimeError::new(
                RuntimeErrorKind::Other,
                format!(
                    "bind mounts are not possible with the remote daemon at {}; copy files with the archive API instead",
                    self.host()
                ),
            ));
        }
        let mut env = Vec::with_capacity(spec.env.len());
        for (key, value) in &spec.env {
            if key.is_empty() || key.contains('=') || key.contains('\0') {
                return Err(RuntimeError::new(
                    RuntimeErrorKind::Other,
                    format!("invalid environment variable name {key:?}"),
                ));
            }
            env.push(format!("{key}={value}"));
        }
        let mut mounts = Vec::with_capacity(spec.mounts.len());
        for m in &spec.mounts {
            let Some(source) = m.source.to_str().filter(|_| m.source.is_absolute()) else {
                return Err(RuntimeError::new(
                    RuntimeErrorKind::Other,
                    format!(
                        "cannot mount {}: the host path must be absolute and valid UTF-8",
                        m.source.display()
                    ),
                ));
            };
            mounts.push(DockerMount {
                target: Some(m.target.clone()),
                source: Some(source.to_string()),
                typ: Some(MountType::BIND),
                read_only: Some(m.read_only),
                ..Default::default()
            });
        }
        let mut labels: HashMap<String, String> = spec
            .labels
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        labels.insert(LABEL_APP.to_string(), APP_LABEL_VALUE.to_string());
        let nano_cpus = match spec.cpus {
            Some(cpus) if !(cpus.is_finite() && cpus > 0.0) => {
                return Err(RuntimeError::new(
                    RuntimeErrorKind::Other,
                    format!("invalid CPU limit {cpus}"),
                ))
            }
            Some(cpus) => Some((cpus * 1e9).round() as i64),
            None => None,
        };
        if let Some(memory) = spec.memory_bytes.filter(|m| *m <= 0) {
            return Err(RuntimeError::new(
                RuntimeErrorKind::Other,
                format!("invalid memory limit {memory}"),
            ));
        }
        let host_config = HostConfig {
            mounts: Some(mounts),
            network_mode: Some(network_mode(spec.network).to_string()),
            nano_cpus,
            memory: spec.memory_bytes,
            // The limit is the limit: no extra swap on top (Docker's default doubles it).
            memory_swap: spec.memory_bytes,
            auto_remove: Some(false),
            ..Default::default()
        };
        Ok(ContainerCreateBody {
            image: Some(spec.image.clone()),
            cmd: if spec.cmd.is_empty() {
                None
            } else {
                Some(spec.cmd.clone())
            },
            env: Some(env),
            working_dir: spec.working_dir.clone(),
            user: spec.user.clone(),
            labels: Some(labels),
            attach_stdin: Some(false),
            attach_stdout: Some(true),
            attach_stderr: Some(true),
            tty: Some(false),
            open_stdin: Some(false),
            host_config: Some(host_config),
            ..Default::default()
        })
    }
}

#[async_trait]
impl ContainerRuntime for DockerRuntime {
    async fn info(&self) -> RuntimeResult<RuntimeInfo> {
        let version = match tokio::time::timeout(CONNECT_TIMEOUT, self.docker.version()).await {
            Ok(result) => {
                result.map_err(|e| self.errors.map(e, "cannot read the daemon's version"))?
            }
            Err(_) => return Err(self.errors.timed_out(CONNECT_TIMEOUT.as_secs())),
        };
        Ok(RuntimeInfo {
            api_version: self.api_version(),
            server_version: version.version.unwrap_or_default(),
            remote: self.is_remote(),
        })
    }

    async fn ensure_image(
        &self,
        image: &str,
        policy: PullPolicy,
        progress: &(dyn for<'a> Fn(&'a str) + Send + Sync),
    ) -> RuntimeResult<()> {
        match policy {
            PullPolicy::Never => {
                if self.image_present(image).await? {
                    Ok(())
                } else {
                    Err(RuntimeError::new(
                        RuntimeErrorKind::ImageUnavailable,
                        format!(
                            "image {image} is not present locally and images.pull is `never`; build or load it (e.g. `docker load`), or set images.pull to `missing`"
                        ),
                    ))
                }
            }
            PullPolicy::Missing => {
                if self.image_present(image).await? {
                    Ok(())
                } else {
                    self.pull(image, progress).await
                }
            }
            PullPolicy::Always => self.pull(image, progress).await,
        }
    }

    async fn create(&self, spec: &ContainerSpec) -> RuntimeResult<String> {
        let body = self.container_body(spec)?;
        match self
            .docker
            .create_container(None::<CreateContainerOptions>, body)
            .await
        {
            Ok(created) => {
                for warning in created.warnings.iter().filter(|w| !w.is_empty()) {
                    tracing::warn!(container = %short(&created.id), "{warning}");
                }
                Ok(created.id)
            }
            Err(e) if status_code(&e) == Some(404) => Err(RuntimeError::new(
                RuntimeErrorKind::ImageUnavailable,
                format!(
                    "cannot create a container: image {} is not present locally ({})",
                    spec.image, e
                ),
            )),
            Err(e) => Err(self.errors.map(
                e,
                &format!("cannot create a container from image {}", spec.image),
            )),
        }
    }

    async fn start(&self, id: &str) -> RuntimeResult<()> {
        self.docker.start_container(id, None).await.map_err(|e| {
            self.errors
                .map(e, &format!("cannot start container {}", short(id)))
        })
    }

    async fn attach(&self, id: &str) -> RuntimeResult<BoxStream<'static, RuntimeResult<LogChunk>>> {
        let options = AttachContainerOptions {
            stdout: true,
            stderr: true,
            stream: true,
            // No replay of the log file: attached before start there is nothing to replay, and
            // a replay racing the start sends the first lines twice (seen with 1M lines).
            logs: false,
            ..Default::default()
        };
        let errors = self.errors.clone();
        let context = format!("cannot read the output of container {}", short(id));
        let attached = self
            .docker
            .clone()
            .with_timeout(FOLLOW_TIMEOUT)
            .attach_container(id, Some(options))
            .await
            .map_err(|e| {
                self.errors
                    .map(e, &format!("cannot attach to container {}", short(id)))
            })?;
        Ok(attached
            .output
            .filter_map(move |item| {
                let chunk = match item {
                    Ok(LogOutput::StdOut { message }) | Ok(LogOutput::Console { message }) => {
                        Some(Ok(LogChunk {
                            stream: LogStream::Stdout,
                            bytes: message,
                        }))
                    }
                    Ok(LogOutput::StdErr { message }) => Some(Ok(LogChunk {
                        stream: LogStream::Stderr,
                        bytes: message,
                    })),
                    Ok(LogOutput::StdIn { .. }) => None,
                    Err(e) => Some(Err(errors.map(e, &context))),
                };
                futures_util::future::ready(chunk)
            })
            .boxed())
    }

    async fn wait(&self, id: &str) -> RuntimeResult<i64> {
        // "not-running" answers at once for a container that already ended (call after start).
        let options = WaitContainerOptions {
            condition: "not-running".to_string(),
        };
        let docker = self.docker.clone().with_timeout(FOLLOW_TIMEOUT);
        let mut stream = docker.wait_container(id, Some(options));
        match stream.next().await {
            Some(Ok(response)) => Ok(response.status_code),
            // bollard turns a non-zero exit into this error variant; it is still an exit code.
            Some(Err(BollardError::DockerContainerWaitError { code, .. })) => Ok(code),
            Some(Err(e)) => Err(self
                .errors
                .map(e, &format!("cannot wait for container {}", short(id)))),
            None => Err(RuntimeError::new(
                RuntimeErrorKind::Other,
                format!(
                    "the daemon ended the wait for container {} without an exit code",
                    short(id)
                ),
            )),
        }
    }

    async fn kill(&self, id: &str) -> RuntimeResult<()> {
        let options = KillContainerOptions {
            signal: "SIGKILL".to_string(),
        };
        match self.docker.kill_container(id, Some(options)).await {
            Ok(()) => Ok(()),
            Err(e) if matches!(status_code(&e), Some(404) | Some(409)) || is_not_running(&e) => {
                Ok(())
            }
            Err(e) => Err(self
                .errors
                .map(e, &format!("cannot kill container {}", short(id)))),
        }
    }

    async fn remove(&self, id: &str) -> RuntimeResult<()> {
        // `v`: also remove the anonymous volumes an image's VOLUME lines made.
        let options = RemoveContainerOptions {
            force: true,
            v: true,
            link: false,
        };
        match self.docker.remove_container(id, Some(options)).await {
            Ok(()) => Ok(()),
            Err(e) if status_code(&e) == Some(404) || is_removal_in_progress(&e) => Ok(()),
            Err(e) => Err(self
                .errors
                .map(e, &format!("cannot remove container {}", short(id)))),
        }
    }

    async fn copy_in(&self, id: &str, path: &str, tar: bytes::Bytes) -> RuntimeResult<()> {
        let options = UploadToContainerOptions {
            path: path.to_string(),
            ..Default::default()
        };
        self.docker
            .clone()
            .with_timeout(ARCHIVE_TIMEOUT)
            .upload_to_container(id, Some(options), bollard::body_full(tar))
            .await
            .map_err(|e| {
                self.errors.map(
                    e,
                    &format!("cannot copy files into container {} at {path}", short(id)),
                )
            })
    }

    async fn copy_out(&self, id: &str, path: &str) -> RuntimeResult<bytes::Bytes> {
        let options = DownloadFromContainerOptions {
            path: path.to_string(),
        };
        let docker = self.docker.clone().with_timeout(ARCHIVE_TIMEOUT);
        let mut stream = docker.download_from_container(id, Some(options));
        let mut out = bytes::BytesMut::new();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| {
                self.errors.map(
                    e,
                    &format!("cannot copy {path} out of container {}", short(id)),
                )
            })?;
            out.extend_from_slice(&chunk);
        }
        Ok(out.freeze())
    }

    async fn commit(&self, id: &str, reference: &str) -> RuntimeResult<()> {
        let (repo, tag) = reference.rsplit_once(':').unwrap_or((reference, "latest"));
        let options = bollard::query_parameters::CommitContainerOptions {
            container: Some(id.to_string()),
            repo: Some(repo.to_string()),
            tag: Some(tag.to_string()),
            comment: Some("kept by Pipewright for debugging a failed action".to_string()),
            pause: false,
            ..Default::default()
        };
        self.docker
            .commit_container(options, bollard::models::ContainerConfig::default())
            .await
            .map(|_| ())
            .map_err(|e| {
                self.errors.map(
                    e,
                    &format!("cannot save container {} as an image", short(id)),
                )
            })
    }

    async fn remove_image(&self, reference: &str) -> RuntimeResult<()> {
        let options = bollard::query_parameters::RemoveImageOptions {
            force: true,
            noprune: false,
            ..Default::default()
        };
        match self
            .docker
            .remove_image(reference, Some(options), None)
            .await
        {
            Ok(_) => Ok(()),
            Err(e) if status_code(&e) == Some(404) => Ok(()),
            Err(e) => Err(self
                .errors
                .map(e, &format!("cannot remove image {reference}"))),
        }
    }

    async fn list_by_labels(
        &self,
        labels: &BTreeMap<String, String>,
    ) -> RuntimeResult<Vec<String>> {
        let mut filters = HashMap::new();
        filters.insert(
            "label".to_string(),
            labels
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>(),
        );
        let options = ListContainersOptions {
            all: true,
            filters: Some(filters),
            ..Default::default()
        };
        let containers = self
            .docker
            .list_containers(Some(options))
            .await
            .map_err(|e| self.errors.map(e, "cannot list containers"))?;
        Ok(containers.into_iter().filter_map(|c| c.id).collect())
    }
}

/// Build a client for `host` speaking `version` (no request is sent).
fn client(errors: &ErrorMapper, version: &ClientVersion) -> RuntimeResult<Docker> {
    let built = match &errors.host().endpoint {
        Endpoint::Unix(path) => {
            let Some(path) = path.to_str() else {
                return Err(errors.unreachable("the socket path is not valid UTF-8"));
            };
            Docker::connect_with_unix(path, REQUEST_TIMEOUT_SECS, version)
        }
        Endpoint::Tcp(authority) => {
            Docker::connect_with_http(&format!("tcp://{authority}"), REQUEST_TIMEOUT_SECS, version)
        }
    };
    built.map_err(|e| errors.map(e, "cannot connect to Docker"))
}

/// Connect and settle on an API version both sides speak. bollard's `negotiate_version` asks
/// `/v<newest>/version`, which Docker before 25 refuses ("client version 1.53 is too new.
/// Maximum supported API version is 1.41"): then start again at the version it names.
async fn negotiate(errors: &ErrorMapper) -> RuntimeResult<Docker> {
    let docker = client(errors, API_DEFAULT_VERSION)?;
    match docker.negotiate_version().await {
        Ok(docker) => Ok(docker),
        Err(e) => match version_from_refusal(&e) {
            Some(version) => {
                tracing::debug!(%version, "the daemon refused bollard's API version; retrying with its own");
                client(errors, &version)?
                    .negotiate_version()
                    .await
                    .map_err(|e| errors.map(e, "cannot negotiate the Docker API version"))
            }
            None => Err(errors.map(e, "cannot negotiate the Docker API version")),
        },
    }
}

/// The version a daemon names when it refuses ours as too new (its maximum) or too old (its
/// minimum).
fn version_from_refusal(err: &BollardError) -> Option<ClientVersion> {
    let BollardError::DockerResponseServerError {
        status_code: 400,
        message,
    } = err
    else {
        return None;
    };
    let rest = [
        "Maximum supported API version is ",
        "Minimum supported API version is ",
    ]
    .iter()
    .find_map(|marker| message.split_once(marker).map(|(_, rest)| rest))?;
    let token: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let (major, minor) = token.trim_end_matches('.').split_once('.')?;
    Some(ClientVersion {
        major_version: major.parse().ok()?,
        minor_version: minor.parse().ok()?,
    })
}

/// Docker pulls every tag of a name without one: pull `:latest` then, as `docker pull` does.
fn pull_reference(image: &str) -> String {
    if image.contains('@') {
        return image.to_string();
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    if last.contains(':') {
        image.to_string()
    } else {
        format!("{image}:latest")
    }
}

fn network_mode(network: NetworkMode) -> &'static str {
    match network {
        NetworkMode::None => "none",
        NetworkMode::Bridge => "bridge",
        NetworkMode::Host => "host",
    }
}

fn short(id: &str) -> &str {
    id.get(..12).unwrap_or(id)
}

fn is_not_running(err: &BollardError) -> bool {
    matches!(err, BollardError::DockerResponseServerError { message, .. } if message.contains("is not running"))
}

fn is_removal_in_progress(err: &BollardError) -> bool {
    matches!(err, BollardError::DockerResponseServerError { status_code: 409, message } if message.contains("already in progress"))
}

/// Turns the daemon's pull messages into throttled human-readable lines.
struct PullProgress {
    interval: Duration,
    /// Per layer: the last status reported and when.
    layers: HashMap<String, (String, Instant)>,
}

impl PullProgress {
    fn new(interval: Duration) -> Self {
        Self {
            interval,
            layers: HashMap::new(),
        }
    }

    fn line(&mut self, info: &CreateImageInfo) -> Option<String> {
        let status = info
            .status
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())?;
        let detail = info
            .progress_detail
            .as_ref()
            .and_then(|d| match (d.current, d.total) {
                (Some(current), Some(total)) if total > 0 => {
                    Some(format!(" {} / {}", human(current), human(total)))
                }
                (Some(current), _) if current > 0 => Some(format!(" {}", human(current))),
                _ => None,
            })
            .unwrap_or_default();
        match info.id.as_deref().filter(|id| !id.is_empty()) {
            Some(id) => {
                let now = Instant::now();
                let due = match self.layers.get(id) {
                    Some((last, at)) => last != status || now.duration_since(*at) >= self.interval,
                    None => true,
                };
                if !due {
                    return None;
                }
                self.layers
                    .insert(id.to_string(), (status.to_string(), now));
                Some(format!("{id}: {status}{detail}"))
            }
            None => Some(format!("{status}{detail}")),
        }
    }
}

/// Bytes the way Docker prints them (decimal units).
fn human(bytes: i64) -> String {
    const UNITS: [&str; 5] = ["B", "kB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bollard::models::ProgressDetail;

    #[test]
    fn refusals_name_the_version_to_use() {
        let too_new = BollardError::DockerResponseServerError {
            status_code: 400,
            message: "client version 1.53 is too new. Maximum supported API version is 1.41".into(),
        };
        assert_eq!(
            version_from_refusal(&too_new),
            Some(ClientVersion {
                major_version: 1,
                minor_version: 41
            })
        );
        let too_old = BollardError::DockerResponseServerError {
            status_code: 400,
            message: "client version 1.24 is too old. Minimum supported API version is 1.44, please upgrade".into(),
        };
        assert_eq!(
            version_from_refusal(&too_old),
            Some(ClientVersion {
                major_version: 1,
                minor_version: 44
            })
        );
        let other = BollardError::DockerResponseServerError {
            status_code: 500,
            message: "boom".into(),
        };
        assert_eq!(version_from_refusal(&other), None);
    }

    #[test]
    fn untagged_references_pull_latest() {
        assert_eq!(pull_reference("busybox"), "busybox:latest");
        assert_eq!(
            pull_reference("localhost:5000/team/app"),
            "localhost:5000/team/app:latest"
        );
        assert_eq!(
            pull_reference("127.0.0.1:1/none:tag"),
            "127.0.0.1:1/none:tag"
        );
        assert_eq!(pull_reference("debian@sha256:abc"), "debian@sha256:abc");
    }

    #[test]
    fn progress_is_throttled_per_layer_but_status_changes_pass() {
        let mut p = PullProgress::new(Duration::from_secs(3600));
        let msg = |id: Option<&str>, status: &str, cur: Option<i64>| CreateImageInfo {
            id: id.map(str::to_string),
            status: Some(status.to_string()),
            progress_detail: Some(ProgressDetail {
                current: cur,
                total: cur.map(|_| 2_500_000),
            }),
            ..Default::default()
        };
        assert_eq!(
            p.line(&msg(None, "Pulling from library/x", None))
                .as_deref(),
            Some("Pulling from library/x")
        );
        assert_eq!(
            p.line(&msg(Some("abc"), "Downloading", Some(1000)))
                .as_deref(),
            Some("abc: Downloading 1.0 kB / 2.5 MB")
        );
        assert_eq!(p.line(&msg(Some("abc"), "Downloading", Some(2000))), None);
        assert!(p.line(&msg(Some("def"), "Downloading", Some(1))).is_some());
        assert_eq!(
            p.line(&msg(Some("abc"), "Pull complete", None)).as_deref(),
            Some("abc: Pull complete")
        );
        assert_eq!(human(999), "999 B");
        assert_eq!(human(1_500_000_000), "1.5 GB");
    }
}
