//! Where the Docker-compatible daemon is: `DOCKER_HOST` (unix socket, tcp, a bare socket path
//! such as Podman's), else the default socket, else a rootless Docker or Podman socket that
//! exists.

use super::{RuntimeError, RuntimeErrorKind, RuntimeResult};
use std::fmt;
use std::path::{Path, PathBuf};

/// The default Docker socket.
pub const DEFAULT_SOCKET: &str = "/var/run/docker.sock";

/// The port a `tcp://host` without a port means (the Docker CLI's default without TLS).
const DEFAULT_TCP_PORT: u16 = 2375;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Endpoint {
    Unix(PathBuf),
    /// `host:port`, without a scheme.
    Tcp(String),
}

/// A daemon address and where it came from (for messages that say what to fix).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DockerHost {
    pub(crate) endpoint: Endpoint,
    /// True when the address came from `DOCKER_HOST`.
    pub(crate) from_env: bool,
}

impl DockerHost {
    /// Parse a `DOCKER_HOST`-style address: `unix:///path`, a bare absolute socket path,
    /// `tcp://host[:port]` or `http://host[:port]`.
    pub fn parse(host: &str) -> RuntimeResult<DockerHost> {
        let host = host.trim();
        let endpoint = if let Some(path) = host.strip_prefix("unix://") {
            if path.is_empty() {
                return Err(unsupported(host, "the unix:// address has no socket path"));
            }
            Endpoint::Unix(PathBuf::from(path))
        } else if host.starts_with('/') {
            Endpoint::Unix(PathBuf::from(host))
        } else if let Some(rest) = host
            .strip_prefix("tcp://")
            .or_else(|| host.strip_prefix("http://"))
        {
            let authority = rest.trim_end_matches('/');
            if authority.is_empty() || authority.contains('/') {
                return Err(unsupported(host, "expected tcp://HOST[:PORT]"));
            }
            if has_port(authority) {
                Endpoint::Tcp(authority.to_string())
            } else {
                Endpoint::Tcp(format!("{authority}:{DEFAULT_TCP_PORT}"))
            }
        } else {
            let scheme = host.split("://").next().unwrap_or(host);
            return Err(unsupported(
                host,
                &format!("the `{scheme}` scheme is not supported (use unix:// or tcp://; TLS and ssh:// are not supported yet)"),
            ));
        };
        Ok(DockerHost {
            endpoint,
            from_env: false,
        })
    }

    /// `DOCKER_HOST` when it is set and not empty, else [`DockerHost::default_local`].
    pub fn from_env() -> RuntimeResult<DockerHost> {
        match std::env::var_os("DOCKER_HOST") {
            Some(value) if !value.is_empty() => {
                let Some(value) = value.to_str() else {
                    return Err(RuntimeError::new(
                        RuntimeErrorKind::Unreachable,
                        "DOCKER_HOST is not valid UTF-8; set it to unix:///path/to/docker.sock or tcp://HOST:PORT",
                    ));
                };
                let mut host = DockerHost::parse(value)?;
                host.from_env = true;
                Ok(host)
            }
            _ => Ok(DockerHost::default_local()),
        }
    }

    /// The default socket when it exists; otherwise the first existing rootless Docker or
    /// Podman socket; otherwise the default socket (which then reports it is missing).
    pub fn default_local() -> DockerHost {
        let mut candidates = vec![PathBuf::from(DEFAULT_SOCKET)];
        if let Some(runtime_dir) = std::env::var_os("XDG_RUNTIME_DIR").filter(|d| !d.is_empty()) {
            let runtime_dir = PathBuf::from(runtime_dir);
            candidates.push(runtime_dir.join("docker.sock"));
            candidates.push(runtime_dir.join("podman/podman.sock"));
        }
        candidates.push(PathBuf::from("/run/podman/podman.sock"));
        let path = candidates
            .into_iter()
            .find(|p| p.exists())
            .unwrap_or_else(|| PathBuf::from(DEFAULT_SOCKET));
        DockerHost {
            endpoint: Endpoint::Unix(path),
            from_env: false,
        }
    }

    /// True for a `tcp://` daemon: bind mounts of local paths are not possible there.
    pub fn is_remote(&self) -> bool {
        matches!(self.endpoint, Endpoint::Tcp(_))
    }

    /// The address as a URI (`unix:///var/run/docker.sock`, `tcp://host:2375`).
    pub fn uri(&self) -> String {
        match &self.endpoint {
            Endpoint::Unix(path) => format!("unix://{}", path.display()),
            Endpoint::Tcp(authority) => format!("tcp://{authority}"),
        }
    }

    /// The socket path of a unix address.
    pub fn socket_path(&self) -> Option<&Path> {
        match &self.endpoint {
            Endpoint::Unix(path) => Some(path),
            Endpoint::Tcp(_) => None,
        }
    }

    /// How messages name this address: "DOCKER_HOST=unix:///x" or "the default socket ...".
    pub(crate) fn described(&self) -> String {
        if self.from_env {
            format!("DOCKER_HOST={}", self.uri())
        } else {
            match &self.endpoint {
                Endpoint::Unix(path) if path == Path::new(DEFAULT_SOCKET) => {
                    format!("the default socket {} (DOCKER_HOST is not set)", self.uri())
                }
                _ => self.uri(),
            }
        }
    }
}

impl fmt::Display for DockerHost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.uri())
    }
}

/// True when `authority` (`host`, `host:port`, `[v6]`, `[v6]:port`) carries a port.
fn has_port(authority: &str) -> bool {
    if let Some(rest) = authority.strip_prefix('[') {
        return rest
            .split_once(']')
            .is_some_and(|(_, after)| after.starts_with(':'));
    }
    authority.contains(':')
}

fn unsupported(host: &str, why: &str) -> RuntimeError {
    RuntimeError::new(
        RuntimeErrorKind::Unreachable,
        format!("cannot use DOCKER_HOST={host}: {why}. Set DOCKER_HOST to unix:///path/to/docker.sock or tcp://HOST:PORT, or unset it to use {DEFAULT_SOCKET}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_unix_tcp_and_bare_paths() {
        let h = DockerHost::parse("unix:///run/docker.sock").unwrap();
        assert_eq!(h.endpoint, Endpoint::Unix("/run/docker.sock".into()));
        assert!(!h.is_remote());
        assert_eq!(h.uri(), "unix:///run/docker.sock");

        let h = DockerHost::parse("/run/user/1000/podman/podman.sock").unwrap();
        assert_eq!(
            h.endpoint,
            Endpoint::Unix("/run/user/1000/podman/podman.sock".into())
        );

        let h = DockerHost::parse("tcp://10.0.0.5:2375").unwrap();
        assert_eq!(h.endpoint, Endpoint::Tcp("10.0.0.5:2375".into()));
        assert!(h.is_remote());

        let h = DockerHost::parse("tcp://docker.example").unwrap();
        assert_eq!(h.uri(), "tcp://docker.example:2375");
        let h = DockerHost::parse("tcp://[::1]").unwrap();
        assert_eq!(h.uri(), "tcp://[::1]:2375");
        let h = DockerHost::parse("http://[::1]:2376/").unwrap();
        assert_eq!(h.uri(), "tcp://[::1]:2376");
    }

    #[test]
    fn unsupported_schemes_say_what_to_do() {
        for bad in [
            "ssh://me@box",
            "npipe:////./pipe/docker_engine",
            "https://x:2376",
            "unix://",
            "tcp://",
            "docker.sock",
        ] {
            let err = DockerHost::parse(bad).unwrap_err();
            assert_eq!(err.kind, RuntimeErrorKind::Unreachable, "{bad}");
            assert!(err.message.contains("unix://"), "{}", err.message);
        }
    }

    #[test]
    fn descriptions_name_the_source() {
        let mut h = DockerHost::parse("unix:///tmp/x.sock").unwrap();
        assert_eq!(h.described(), "unix:///tmp/x.sock");
        h.from_env = true;
        assert_eq!(h.described(), "DOCKER_HOST=unix:///tmp/x.sock");
        let d = DockerHost {
            endpoint: Endpoint::Unix(DEFAULT_SOCKET.into()),
            from_env: false,
        };
        assert!(d.described().contains("DOCKER_HOST is not set"));
    }
}
