//! Mapping bollard's errors to [`RuntimeError`]s whose messages name the cause and the fix.

use super::host::DockerHost;
use super::{RuntimeError, RuntimeErrorKind};
use bollard::errors::Error as BollardError;
use std::error::Error as _;
use std::io;
use std::sync::Arc;

/// The fix for an unreachable daemon.
pub(crate) const FIX_UNREACHABLE: &str =
    "start Docker, e.g. `sudo systemctl start docker`, or set DOCKER_HOST to a running daemon";

/// The fix for a socket this user may not use.
pub(crate) const FIX_PERMISSION: &str =
    "add your user to the docker group: `sudo usermod -aG docker $USER`, then log in again (or set DOCKER_HOST to a socket you may use, such as rootless Docker's or Podman's)";

/// What a transport-level failure says about the daemon.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Transport {
    PermissionDenied,
    Unreachable(String),
    TimedOut,
}

/// Maps errors with the daemon's address at hand (messages name it). Cheap to clone.
#[derive(Debug, Clone)]
pub(crate) struct ErrorMapper {
    host: Arc<DockerHost>,
    /// The bollard request timeout, for "did not answer within" messages.
    timeout_secs: u64,
}

impl ErrorMapper {
    pub(crate) fn new(host: DockerHost, timeout_secs: u64) -> Self {
        Self {
            host: Arc::new(host),
            timeout_secs,
        }
    }

    pub(crate) fn host(&self) -> &DockerHost {
        &self.host
    }

    pub(crate) fn unreachable(&self, cause: &str) -> RuntimeError {
        RuntimeError::new(
            RuntimeErrorKind::Unreachable,
            format!(
                "Docker is not reachable at {}: {cause}. To fix: {FIX_UNREACHABLE}",
                self.host.described()
            ),
        )
    }

    pub(crate) fn permission_denied(&self) -> RuntimeError {
        let what = match self.host.socket_path() {
            Some(path) => format!("the Docker socket {}", path.display()),
            None => self.host.described(),
        };
        RuntimeError::new(
            RuntimeErrorKind::PermissionDenied,
            format!("permission denied on {what}. To fix: {FIX_PERMISSION}"),
        )
    }

    pub(crate) fn timed_out(&self, secs: u64) -> RuntimeError {
        self.unreachable(&format!("the daemon did not answer within {secs} s"))
    }

    /// Map a transport failure (the daemon cannot be talked to), if `err` is one.
    pub(crate) fn transport(&self, err: &BollardError) -> Option<RuntimeError> {
        transport_failure(err).map(|t| match t {
            Transport::PermissionDenied => self.permission_denied(),
            Transport::Unreachable(cause) => self.unreachable(&cause),
            Transport::TimedOut => self.timed_out(self.timeout_secs),
        })
    }

    /// Map any bollard error; `context` says what was being done ("cannot start container x").
    pub(crate) fn map(&self, err: BollardError, context: &str) -> RuntimeError {
        if let Some(mapped) = self.transport(&err) {
            return mapped;
        }
        match err {
            BollardError::DockerResponseServerError {
                status_code,
                message,
            } => {
                let kind = match status_code {
                    404 => RuntimeErrorKind::NotFound,
                    _ => RuntimeErrorKind::Other,
                };
                let message = if message.trim().is_empty() {
                    format!("the daemon answered HTTP {status_code}")
                } else {
                    message.trim().to_string()
                };
                RuntimeError::new(kind, format!("{context}: {message}"))
            }
            BollardError::DockerStreamError { error } => RuntimeError::new(
                RuntimeErrorKind::Other,
                format!("{context}: {}", error.trim()),
            ),
            other => RuntimeError::new(RuntimeErrorKind::Other, format!("{context}: {other}")),
        }
    }
}

/// The daemon's HTTP status, for server errors.
pub(crate) fn status_code(err: &BollardError) -> Option<u16> {
    match err {
        BollardError::DockerResponseServerError { status_code, .. } => Some(*status_code),
        _ => None,
    }
}

/// Classify a failure to talk to the daemon at all (as opposed to an answer it gave).
pub(crate) fn transport_failure(err: &BollardError) -> Option<Transport> {
    match err {
        BollardError::SocketNotFoundError(path) => Some(Transport::Unreachable(format!(
            "there is no socket at {path}"
        ))),
        BollardError::RequestTimeoutError => Some(Transport::TimedOut),
        BollardError::IOError { .. }
        | BollardError::HyperLegacyError { .. }
        | BollardError::HyperResponseError { .. } => {
            if let Some(io) = find_io_error(err) {
                return Some(match io.kind() {
                    io::ErrorKind::PermissionDenied => Transport::PermissionDenied,
                    io::ErrorKind::ConnectionRefused => {
                        Transport::Unreachable("connection refused (no daemon is listening)".into())
                    }
                    io::ErrorKind::NotFound => {
                        Transport::Unreachable("the socket does not exist".into())
                    }
                    io::ErrorKind::ConnectionReset
                    | io::ErrorKind::ConnectionAborted
                    | io::ErrorKind::BrokenPipe
                    | io::ErrorKind::NotConnected
                    | io::ErrorKind::AddrNotAvailable
                    | io::ErrorKind::HostUnreachable
                    | io::ErrorKind::NetworkUnreachable
                    | io::ErrorKind::TimedOut
                    | io::ErrorKind::UnexpectedEof => Transport::Unreachable(io.to_string()),
                    _ => return None,
                });
            }
            match err {
                BollardError::HyperLegacyError { err } if err.is_connect() => {
                    Some(Transport::Unreachable(chain(err)))
                }
                BollardError::HyperResponseError { err }
                    if err.is_closed() || err.is_incomplete_message() =>
                {
                    Some(Transport::Unreachable(format!(
                        "the connection closed unexpectedly ({err})"
                    )))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// The first `io::Error` in `err`'s source chain (the error itself included).
fn find_io_error(err: &BollardError) -> Option<&io::Error> {
    if let BollardError::IOError { err } = err {
        return Some(err);
    }
    let mut source = err.source();
    while let Some(e) = source {
        if let Some(io) = e.downcast_ref::<io::Error>() {
            return Some(io);
        }
        source = e.source();
    }
    None
}

/// An error and its causes on one line.
fn chain(err: &dyn std::error::Error) -> String {
    let mut out = err.to_string();
    let mut source = err.source();
    while let Some(e) = source {
        let s = e.to_string();
        if !out.contains(&s) {
            out.push_str(": ");
            out.push_str(&s);
        }
        source = e.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapper() -> ErrorMapper {
        ErrorMapper::new(
            DockerHost::parse("unix:///var/run/docker.sock").unwrap(),
            120,
        )
    }

    #[test]
    fn io_permission_denied_gives_the_group_fix() {
        let err = BollardError::IOError {
            err: io::Error::from(io::ErrorKind::PermissionDenied),
        };
        let mapped = mapper().map(err, "ctx");
        assert_eq!(mapped.kind, RuntimeErrorKind::PermissionDenied);
        assert!(
            mapped.message.contains("usermod -aG docker"),
            "{}",
            mapped.message
        );
        assert!(
            mapped.message.contains("/var/run/docker.sock"),
            "{}",
            mapped.message
        );
        assert!(mapped.is_environment());
    }

    #[test]
    fn refused_missing_and_timeouts_are_unreachable_with_the_fix() {
        for err in [
            BollardError::IOError {
                err: io::Error::from(io::ErrorKind::ConnectionRefused),
            },
            BollardError::SocketNotFoundError("/nope.sock".into()),
            BollardError::RequestTimeoutError,
        ] {
            let mapped = mapper().map(err, "ctx");
            assert_eq!(mapped.kind, RuntimeErrorKind::Unreachable);
            assert!(
                mapped.message.contains("systemctl start docker"),
                "{}",
                mapped.message
            );
            assert!(mapped.message.contains("DOCKER_HOST"), "{}", mapped.message);
        }
    }

    #[test]
    fn server_errors_map_by_status() {
        let m = mapper();
        let nf = m.map(
            BollardError::DockerResponseServerError {
                status_code: 404,
                message: "No such container: x".into(),
            },
            "cannot start container x",
        );
        assert_eq!(nf.kind, RuntimeErrorKind::NotFound);
        assert_eq!(nf.message, "cannot start container x: No such container: x");
        let other = m.map(
            BollardError::DockerResponseServerError {
                status_code: 500,
                message: String::new(),
            },
            "c",
        );
        assert_eq!(other.kind, RuntimeErrorKind::Other);
        assert!(other.message.contains("HTTP 500"));
        assert_eq!(status_code(&BollardError::RequestTimeoutError), None);
    }
}
