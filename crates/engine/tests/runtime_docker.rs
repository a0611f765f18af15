//! `DockerRuntime` against the real daemon (and the local image `pipewright/busybox:local`).
//! Every test labels its containers with a fresh execution id and removes them, also when it
//! fails (a guard removes leftovers by label through the docker CLI).

use futures_util::StreamExt;
use pipewright_engine::runtime::{
    reap, ContainerRuntime, ContainerSpec, DockerRuntime, LogChunk, LogStream, Mount, NetworkMode,
    PullPolicy, RuntimeErrorKind, APP_LABEL_VALUE, LABEL_ACTION, LABEL_APP, LABEL_EXECUTION,
    LABEL_PIPELINE,
};
use std::collections::BTreeMap;
use std::process::Command;
use std::time::{Duration, Instant};

const IMAGE: &str = "pipewright/busybox:local";

async fn runtime() -> DockerRuntime {
    DockerRuntime::connect()
        .await
        .expect("a Docker daemon for the runtime tests")
}

/// Labels unique to one test; removes every container carrying them when dropped.
struct Scope {
    execution: String,
}

impl Scope {
    fn new() -> Self {
        Scope {
            execution: format!("test-{}", uuid::Uuid::new_v4()),
        }
    }

    fn labels(&self) -> BTreeMap<String, String> {
        BTreeMap::from([
            (LABEL_EXECUTION.to_string(), self.execution.clone()),
            (LABEL_PIPELINE.to_string(), "runtime-tests".to_string()),
            (LABEL_ACTION.to_string(), "Stage/Action".to_string()),
        ])
    }

    fn spec(&self, script: &str) -> ContainerSpec {
        ContainerSpec {
            image: IMAGE.to_string(),
            cmd: vec!["sh".into(), "-c".into(), script.into()],
            env: vec![],
            working_dir: None,
            mounts: vec![],
            network: NetworkMode::None,
            labels: self.labels(),
            user: None,
            cpus: None,
            memory_bytes: None,
        }
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        let filter = format!("label={LABEL_EXECUTION}={}", self.execution);
        let Ok(out) = Command::new("docker")
            .args(["ps", "-aq", "--filter", &filter])
            .output()
        else {
            return;
        };
        let ids: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .map(str::to_string)
            .collect();
        if !ids.is_empty() {
            let _ = Command::new("docker")
                .args(["rm", "-f"])
                .args(&ids)
                .output();
        }
    }
}

/// Attach to a created container, start it and read its output while waiting; returns (exit
/// code, stdout, stderr).
async fn start_and_collect(rt: &DockerRuntime, id: &str) -> (i64, String, String) {
    let output = rt.attach(id).await.expect("attach");
    rt.start(id).await.expect("start");
    let (chunks, code) = tokio::join!(output.collect::<Vec<_>>(), rt.wait(id));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    for chunk in chunks {
        let LogChunk { stream, bytes } = chunk.expect("log chunk");
        match stream {
            LogStream::Stdout => out.extend_from_slice(&bytes),
            LogStream::Stderr => err.extend_from_slice(&bytes),
        }
    }
    (
        code.expect("wait"),
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

async fn run(rt: &DockerRuntime, spec: &ContainerSpec) -> (i64, String, String) {
    let id = rt.create(spec).await.expect("create");
    let result = start_and_collect(rt, &id).await;
    rt.remove(&id).await.expect("remove");
    result
}

fn docker_cli(args: &[&str]) -> String {
    let out = Command::new("docker")
        .args(args)
        .output()
        .expect("docker CLI");
    assert!(
        out.status.success(),
        "docker {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[tokio::test]
async fn info_reports_the_negotiated_version() {
    let rt = runtime().await;
    let info = rt.info().await.unwrap();
    assert_eq!(
        info.api_version,
        docker_cli(&["version", "--format", "{{.Server.APIVersion}}"])
    );
    assert!(!info.server_version.is_empty());
    assert!(!info.remote);
    assert!(!rt.is_remote());
}

#[tokio::test]
async fn streams_exit_code_labels_and_removal() {
    let rt = runtime().await;
    let scope = Scope::new();
    let id = rt
        .create(&scope.spec("echo hello; echo oops >&2; exit 3"))
        .await
        .unwrap();

    // Our labels, plus the app label that is always added.
    let mut with_app = scope.labels();
    with_app.insert(LABEL_APP.into(), APP_LABEL_VALUE.into());
    assert_eq!(
        rt.list_by_labels(&with_app).await.unwrap(),
        vec![id.clone()]
    );

    let (code, out, err) = start_and_collect(&rt, &id).await;
    assert_eq!(code, 3);
    assert_eq!(out, "hello\n");
    assert_eq!(err, "oops\n");

    rt.remove(&id).await.unwrap();
    assert!(rt.list_by_labels(&scope.labels()).await.unwrap().is_empty());
    // Removing, killing again: no error for a container that is gone.
    rt.remove(&id).await.unwrap();
    rt.kill(&id).await.unwrap();
    // Other calls on a missing container say NotFound.
    assert_eq!(
        rt.start(&id).await.unwrap_err().kind,
        RuntimeErrorKind::NotFound
    );
    assert_eq!(
        rt.wait(&id).await.unwrap_err().kind,
        RuntimeErrorKind::NotFound
    );
}

#[tokio::test]
async fn bind_mounts_read_only_and_writable() {
    let rt = runtime().await;
    let scope = Scope::new();
    let host = tempfile::tempdir().unwrap();
    let input = host.path().join("in");
    let output = host.path().join("out");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::create_dir_all(&output).unwrap();
    std::fs::write(input.join("in.txt"), "from the host\n").unwrap();

    let mut spec = scope.spec(
        "cat /in/in.txt; echo written > /out/o.txt; if echo x > /in/new; then echo WROTE-RO; exit 1; fi; echo ro-refused",
    );
    spec.mounts = vec![
        Mount {
            source: input.clone(),
            target: "/in".into(),
            read_only: true,
        },
        Mount {
            source: output.clone(),
            target: "/out".into(),
            read_only: false,
        },
    ];
    let (code, out, err) = run(&rt, &spec).await;
    assert_eq!((code, out.as_str()), (0, "from the host\nro-refused\n"));
    assert!(err.contains("Read-only file system"), "{err}");
    assert_eq!(
        std::fs::read_to_string(output.join("o.txt")).unwrap(),
        "written\n"
    );
    assert!(!input.join("new").exists());
}

#[tokio::test]
async fn network_none_has_only_loopback() {
    let rt = runtime().await;
    let scope = Scope::new();
    let (code, out, _) = run(&rt, &scope.spec("ls /sys/class/net")).await;
    assert_eq!(code, 0);
    assert_eq!(out.split_whitespace().collect::<Vec<_>>(), vec!["lo"]);
}

#[tokio::test]
async fn env_working_dir_and_user() {
    let rt = runtime().await;
    let scope = Scope::new();
    let mut spec = scope.spec(r#"echo "$FOO|$EMPTY|$PIPEWRIGHT_STAGE"; pwd; id -u; id -g"#);
    spec.env = vec![
        ("FOO".into(), "bar baz = qux".into()),
        ("EMPTY".into(), String::new()),
        ("PIPEWRIGHT_STAGE".into(), "Build".into()),
    ];
    spec.working_dir = Some("/tmp/work".into());
    spec.user = Some("1234:2345".into());
    let (code, out, err) = run(&rt, &spec).await;
    assert_eq!(err, "");
    assert_eq!(code, 0);
    assert_eq!(out, "bar baz = qux||Build\n/tmp/work\n1234\n2345\n");

    spec.env = vec![("BAD=NAME".into(), "x".into())];
    assert_eq!(
        rt.create(&spec).await.unwrap_err().kind,
        RuntimeErrorKind::Other
    );
}

#[tokio::test]
async fn memory_and_cpu_limits_are_applied() {
    let rt = runtime().await;
    let scope = Scope::new();
    let mut spec = scope.spec("true");
    spec.memory_bytes = Some(64 * 1024 * 1024);
    spec.cpus = Some(0.5);
    let id = rt.create(&spec).await.unwrap();
    let inspect = rt.client().inspect_container(&id, None).await.unwrap();
    let host = inspect.host_config.unwrap();
    assert_eq!(host.memory, Some(64 * 1024 * 1024));
    assert_eq!(host.memory_swap, Some(64 * 1024 * 1024));
    assert_eq!(host.nano_cpus, Some(500_000_000));
    assert_eq!(host.network_mode.as_deref(), Some("none"));
    assert_eq!(host.auto_remove, Some(false));
    let config = inspect.config.unwrap();
    assert_eq!(config.tty, Some(false));
    assert_eq!(
        config.labels.unwrap().get(LABEL_APP).map(String::as_str),
        Some(APP_LABEL_VALUE)
    );
    let (code, _, _) = start_and_collect(&rt, &id).await;
    assert_eq!(code, 0);
    rt.remove(&id).await.unwrap();
}

#[tokio::test]
async fn kill_ends_a_sleeping_container_quickly() {
    let rt = runtime().await;
    let scope = Scope::new();
    let id = rt.create(&scope.spec("sleep 30")).await.unwrap();
    rt.start(&id).await.unwrap();
    let waiter = {
        let rt = rt.clone();
        let id = id.clone();
        tokio::spawn(async move { rt.wait(&id).await })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    let killed_at = Instant::now();
    rt.kill(&id).await.unwrap();
    let code = tokio::time::timeout(Duration::from_secs(10), waiter)
        .await
        .expect("wait returns")
        .unwrap()
        .unwrap();
    assert_eq!(code, 137, "SIGKILL is 128 + 9");
    assert!(killed_at.elapsed() < Duration::from_secs(10));
    // Killing an ended container is not an error.
    rt.kill(&id).await.unwrap();
    rt.remove(&id).await.unwrap();
}

#[tokio::test]
async fn copy_in_and_out_round_trip() {
    let rt = runtime().await;
    let scope = Scope::new();
    let id = rt
        .create(&scope.spec("cat /tmp/dir/hello.txt; echo made > /tmp/dir/made.txt"))
        .await
        .unwrap();

    let mut builder = tar::Builder::new(Vec::new());
    let content = b"hello through the archive API\n";
    let mut header = tar::Header::new_gnu();
    header.set_size(content.len() as u64);
    header.set_mode(0o644);
    header.set_cksum();
    builder
        .append_data(&mut header, "dir/hello.txt", &content[..])
        .unwrap();
    let archive = builder.into_inner().unwrap();
    rt.copy_in(&id, "/tmp", archive.into()).await.unwrap();

    let (code, out, _) = start_and_collect(&rt, &id).await;
    assert_eq!((code, out.as_str()), (0, "hello through the archive API\n"));

    let tar_bytes = rt.copy_out(&id, "/tmp/dir").await.unwrap();
    let mut files = BTreeMap::new();
    let mut archive = tar::Archive::new(&tar_bytes[..]);
    for entry in archive.entries().unwrap() {
        let mut entry = entry.unwrap();
        if entry.header().entry_type().is_file() {
            let path = entry.path().unwrap().to_string_lossy().into_owned();
            let mut text = String::new();
            std::io::Read::read_to_string(&mut entry, &mut text).unwrap();
            files.insert(path, text);
        }
    }
    assert_eq!(
        files,
        BTreeMap::from([
            (
                "dir/hello.txt".to_string(),
                "hello through the archive API\n".to_string()
            ),
            ("dir/made.txt".to_string(), "made\n".to_string()),
        ])
    );
    assert_eq!(
        rt.copy_out(&id, "/no/such/path").await.unwrap_err().kind,
        RuntimeErrorKind::NotFound
    );
    rt.remove(&id).await.unwrap();
}

#[tokio::test]
async fn never_policy_refuses_a_missing_image() {
    let rt = runtime().await;
    let lines = std::sync::Mutex::new(Vec::<String>::new());
    let record = |l: &str| lines.lock().unwrap().push(l.to_string());
    rt.ensure_image(IMAGE, PullPolicy::Never, &record)
        .await
        .unwrap();
    rt.ensure_image(IMAGE, PullPolicy::Missing, &record)
        .await
        .unwrap();
    assert!(
        lines.lock().unwrap().is_empty(),
        "a present image is not pulled"
    );

    let missing = "pipewright/definitely-missing:none";
    let err = rt
        .ensure_image(missing, PullPolicy::Never, &record)
        .await
        .unwrap_err();
    assert_eq!(err.kind, RuntimeErrorKind::ImageUnavailable);
    assert!(
        err.message.contains(missing) && err.message.contains("images.pull is `never`"),
        "{}",
        err.message
    );
    assert!(!err.is_environment());

    // Creating from a missing image says so too.
    let scope = Scope::new();
    let mut spec = scope.spec("true");
    spec.image = missing.into();
    assert_eq!(
        rt.create(&spec).await.unwrap_err().kind,
        RuntimeErrorKind::ImageUnavailable
    );
}

#[tokio::test]
async fn failing_pull_is_reported_quickly() {
    let rt = runtime().await;
    let image = "127.0.0.1:1/none:tag";
    for policy in [PullPolicy::Missing, PullPolicy::Always] {
        let lines = std::sync::Mutex::new(Vec::<String>::new());
        let record = |l: &str| lines.lock().unwrap().push(l.to_string());
        let started = Instant::now();
        let err = tokio::time::timeout(
            Duration::from_secs(30),
            rt.ensure_image(image, policy, &record),
        )
        .await
        .expect("a failing pull must not hang")
        .unwrap_err();
        assert_eq!(
            err.kind,
            RuntimeErrorKind::ImageUnavailable,
            "{policy:?}: {}",
            err.message
        );
        assert!(err.message.contains(image), "{}", err.message);
        assert!(
            err.message.len() > format!("cannot pull image {image}: ").len(),
            "names the cause: {}",
            err.message
        );
        assert!(started.elapsed() < Duration::from_secs(30));
        assert_eq!(
            lines.lock().unwrap().first().map(String::as_str),
            Some("Pulling 127.0.0.1:1/none:tag")
        );
        eprintln!(
            "{policy:?}: failed in {:?}: {}",
            started.elapsed(),
            err.message
        );
    }
}

#[tokio::test]
async fn dead_sockets_are_unreachable_with_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    // A socket file nobody listens on any more.
    let stale = dir.path().join("stale.sock");
    drop(std::os::unix::net::UnixListener::bind(&stale).unwrap());

    for host in [
        "unix:///tmp/definitely-not-a-socket".to_string(),
        format!("unix://{}", stale.display()),
        "tcp://127.0.0.1:1".to_string(),
    ] {
        let started = Instant::now();
        let err = DockerRuntime::connect_to(&host).await.unwrap_err();
        assert_eq!(
            err.kind,
            RuntimeErrorKind::Unreachable,
            "{host}: {}",
            err.message
        );
        assert!(err.is_environment());
        assert!(
            err.message.contains(host.trim_start_matches("unix://")),
            "{}",
            err.message
        );
        assert!(
            err.message.contains("sudo systemctl start docker")
                && err.message.contains("set DOCKER_HOST"),
            "{}",
            err.message
        );
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{host}: {:?}",
            started.elapsed()
        );
    }

    let err = DockerRuntime::connect_to("ssh://me@box").await.unwrap_err();
    assert_eq!(err.kind, RuntimeErrorKind::Unreachable);
}

/// A `tcp://` daemon (here: a loopback TCP port forwarded to the local socket) is remote: no
/// bind mounts, files go through the archive API.
#[tokio::test]
async fn tcp_daemons_are_remote_and_use_the_archive_api() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let proxy = tokio::spawn(async move {
        while let Ok((mut tcp, _)) = listener.accept().await {
            tokio::spawn(async move {
                if let Ok(mut unix) = tokio::net::UnixStream::connect("/var/run/docker.sock").await
                {
                    let _ = tokio::io::copy_bidirectional(&mut tcp, &mut unix).await;
                }
            });
        }
    });
    let rt = DockerRuntime::connect_to(&format!("tcp://127.0.0.1:{port}"))
        .await
        .unwrap();
    let info = rt.info().await.unwrap();
    assert!(info.remote && rt.is_remote());
    assert_eq!(
        info.api_version,
        docker_cli(&["version", "--format", "{{.Server.APIVersion}}"])
    );

    let scope = Scope::new();
    let mut spec = scope.spec("cat /tmp/in.txt");
    spec.mounts = vec![Mount {
        source: "/tmp".into(),
        target: "/host".into(),
        read_only: true,
    }];
    let err = rt.create(&spec).await.unwrap_err();
    assert!(
        err.message.contains("bind mounts are not possible"),
        "{}",
        err.message
    );

    spec.mounts.clear();
    let id = rt.create(&spec).await.unwrap();
    let mut builder = tar::Builder::new(Vec::new());
    let mut header = tar::Header::new_gnu();
    header.set_size(7);
    header.set_mode(0o644);
    header.set_cksum();
    builder
        .append_data(&mut header, "in.txt", &b"via tcp"[..])
        .unwrap();
    rt.copy_in(&id, "/tmp", builder.into_inner().unwrap().into())
        .await
        .unwrap();
    rt.start(&id).await.unwrap();
    assert_eq!(rt.wait(&id).await.unwrap(), 0, "cat found the copied file");
    // Read it back through the archive API too (the logs of a container that ends at once
    // can come back empty over a follow request: see the engine notes on attach-before-start).
    let archive = rt.copy_out(&id, "/tmp/in.txt").await.unwrap();
    let mut tar = tar::Archive::new(&archive[..]);
    let mut entry = tar.entries().unwrap().next().unwrap().unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut entry, &mut text).unwrap();
    assert_eq!(text, "via tcp");
    rt.remove(&id).await.unwrap();
    proxy.abort();
}

/// `connect()` reads DOCKER_HOST; the variable is set only in a child process, never here.
#[test]
fn connect_honours_docker_host_from_the_environment() {
    let exe = std::env::current_exe().unwrap();
    let out = Command::new(&exe)
        .args([
            "connect_from_env_child",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("DOCKER_HOST", "unix:///tmp/definitely-not-a-socket")
        .env("PIPEWRIGHT_ENV_CHILD", "1")
        .output()
        .expect("re-run the test binary");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "child failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("1 passed"), "{stdout}");
}

#[tokio::test]
#[ignore = "run by connect_honours_docker_host_from_the_environment with DOCKER_HOST set"]
async fn connect_from_env_child() {
    if std::env::var_os("PIPEWRIGHT_ENV_CHILD").is_none() {
        return;
    }
    let err = DockerRuntime::connect().await.unwrap_err();
    eprintln!("{}", err.message);
    assert_eq!(err.kind, RuntimeErrorKind::Unreachable);
    assert!(
        err.message
            .contains("DOCKER_HOST=unix:///tmp/definitely-not-a-socket"),
        "{}",
        err.message
    );
    assert!(
        err.message.contains("sudo systemctl start docker"),
        "{}",
        err.message
    );
}

#[tokio::test]
async fn a_daemon_that_never_answers_times_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("silent.sock");
    let listener = tokio::net::UnixListener::bind(&path).unwrap();
    // Accept connections and never answer.
    let server = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            held.push(stream);
        }
    });
    let started = Instant::now();
    let err = DockerRuntime::connect_to(&format!("unix://{}", path.display()))
        .await
        .unwrap_err();
    assert_eq!(err.kind, RuntimeErrorKind::Unreachable, "{}", err.message);
    assert!(err.message.contains("did not answer"), "{}", err.message);
    assert!(started.elapsed() < Duration::from_secs(15));
    server.abort();
}

/// Run as root, this re-executes the test binary as `nobody` (via setpriv), who may not use
/// the root:docker socket; otherwise it uses a socket file it made unusable (mode 000).
#[tokio::test]
async fn permission_denied_names_the_fix() {
    if unsafe { libc::geteuid() } != 0 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("locked.sock");
        let _listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
        std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o000))
            .unwrap();
        assert_permission_denied(&format!("unix://{}", path.display())).await;
        return;
    }
    let socket = "/var/run/docker.sock";
    let exe = std::env::current_exe().unwrap();
    let out = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(&exe)
        .args([
            "permission_denied_child",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("PIPEWRIGHT_PERMISSION_CHILD_SOCKET", socket)
        .output()
        .expect("setpriv");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "child failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("1 passed"), "{stdout}");
}

#[tokio::test]
#[ignore = "run by permission_denied_names_the_fix as an unprivileged user"]
async fn permission_denied_child() {
    let Some(socket) = std::env::var_os("PIPEWRIGHT_PERMISSION_CHILD_SOCKET") else {
        return;
    };
    assert_permission_denied(&format!("unix://{}", socket.to_string_lossy())).await;
}

async fn assert_permission_denied(host: &str) {
    let err = DockerRuntime::connect_to(host).await.unwrap_err();
    eprintln!("{}", err.message);
    assert_eq!(
        err.kind,
        RuntimeErrorKind::PermissionDenied,
        "{}",
        err.message
    );
    assert!(err.is_environment());
    assert!(
        err.message.contains("sudo usermod -aG docker $USER")
            && err.message.contains("log in again"),
        "{}",
        err.message
    );
    assert!(
        err.message.contains(host.trim_start_matches("unix://")),
        "{}",
        err.message
    );
}

#[tokio::test]
async fn reap_removes_only_our_labelled_containers() {
    let rt = runtime().await;
    let scope = Scope::new();
    let running = rt.create(&scope.spec("sleep 30")).await.unwrap();
    rt.start(&running).await.unwrap();
    let created = rt.create(&scope.spec("true")).await.unwrap();
    // Same execution label, but not created by us (no app label): reap must leave it alone.
    let foreign = docker_cli(&[
        "create",
        "--network",
        "none",
        "--label",
        &format!("{LABEL_EXECUTION}={}", scope.execution),
        IMAGE,
        "sleep",
        "30",
    ]);

    let only_app = BTreeMap::from([(LABEL_APP.to_string(), APP_LABEL_VALUE.to_string())]);
    assert_eq!(
        reap(&rt, &only_app).await.unwrap_err().kind,
        RuntimeErrorKind::Other
    );

    let by_execution = BTreeMap::from([(LABEL_EXECUTION.to_string(), scope.execution.clone())]);
    assert_eq!(reap(&rt, &by_execution).await.unwrap(), 2);
    let left = rt.list_by_labels(&by_execution).await.unwrap();
    assert_eq!(left.len(), 1);
    assert!(
        foreign.starts_with(&left[0]) || left[0].starts_with(&foreign),
        "{left:?} vs {foreign}"
    );
    for id in [&running, &created] {
        let err = rt.client().inspect_container(id, None).await.unwrap_err();
        assert!(
            matches!(
                err,
                bollard::errors::Error::DockerResponseServerError {
                    status_code: 404,
                    ..
                }
            ),
            "{err}"
        );
    }
    assert_eq!(reap(&rt, &by_execution).await.unwrap(), 0);
    docker_cli(&["rm", "-f", &foreign]);
}

#[tokio::test]
async fn a_hundred_thousand_lines_arrive_complete() {
    let rt = runtime().await;
    let scope = Scope::new();
    let id = rt.create(&scope.spec("seq 1 100000")).await.unwrap();
    let started = Instant::now();
    let (code, out, err) = start_and_collect(&rt, &id).await;
    let elapsed = started.elapsed();
    rt.remove(&id).await.unwrap();
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(out.lines().count(), 100_000);
    let expected: String = (1..=100_000).map(|n| format!("{n}\n")).collect();
    assert!(out == expected, "the lines arrive complete and in order");
    eprintln!(
        "100,000 log lines ({} bytes): start to end of logs in {elapsed:?}",
        out.len()
    );
}

/// `cargo test -p pipewright-engine --test runtime_docker -- --ignored --nocapture trivial`
#[tokio::test]
#[ignore = "a measurement, not a check; run with --ignored --nocapture"]
async fn bench_trivial_container_vs_docker_cli() {
    const RUNS: usize = 10;
    let rt = runtime().await;
    let scope = Scope::new();
    let spec = scope.spec("true");
    let spec = ContainerSpec {
        cmd: vec!["true".into()],
        ..spec
    };
    let phases = std::sync::Mutex::new(Vec::<[Duration; 4]>::new());
    let bollard_run = || async {
        let started = Instant::now();
        let id = rt.create(&spec).await.unwrap();
        let created = started.elapsed();
        let output = rt.attach(&id).await.unwrap();
        rt.start(&id).await.unwrap();
        let running = started.elapsed();
        let (chunks, code) = tokio::join!(output.collect::<Vec<_>>(), rt.wait(&id));
        assert!(chunks.is_empty());
        assert_eq!(code.unwrap(), 0);
        let ended = started.elapsed();
        rt.remove(&id).await.unwrap();
        let total = started.elapsed();
        phases
            .lock()
            .unwrap()
            .push([created, running - created, ended - running, total - ended]);
        total
    };
    let cli_run = || {
        let started = Instant::now();
        let status = Command::new("docker")
            .args(["run", "--rm", "--network", "none", IMAGE, "true"])
            .status()
            .unwrap();
        assert!(status.success());
        started.elapsed()
    };
    // Warm up both, then interleave so drift on a shared machine hits both alike.
    bollard_run().await;
    cli_run();
    let (mut ours, mut cli) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        ours.push(bollard_run().await);
        cli.push(cli_run());
    }
    fn median(v: &mut [Duration]) -> Duration {
        v.sort();
        (v[v.len() / 2 - 1] + v[v.len() / 2]) / 2
    }
    let (ours, cli) = (median(&mut ours), median(&mut cli));
    let mut phases = phases.into_inner().unwrap();
    phases.remove(0);
    let phase = |i: usize| median(&mut phases.iter().map(|p| p[i]).collect::<Vec<_>>());
    eprintln!(
        "bollard phases (median): create {:?}, start {:?}, logs+wait {:?}, remove {:?}",
        phase(0),
        phase(1),
        phase(2),
        phase(3)
    );
    eprintln!(
        "median of {RUNS}: bollard create+start+logs+wait+remove {ours:?}; `docker run --rm --network none` {cli:?}; ratio {:.2}",
        ours.as_secs_f64() / cli.as_secs_f64()
    );
}
