//! Build/Test `Custom/Container` and Compute `AWS/Commands`: the action's commands run by one
//! `sh -e` in a container (design.md's container layout):
//!
//! - the working directory `/pipewright/src` is a writable copy of the first input artifact,
//!   in `<data>/work/<action execution id>/src`, owned by the invoking user (the container runs
//!   as that uid:gid unless the process is root);
//! - every input artifact is also mounted read-only at `/pipewright/artifacts/<Name>`
//!   (hard links into the artifact store);
//! - `outputVariables` are written by a trailer to `/pipewright/src/.pipewright-vars/<NAME>`
//!   and read back; `outputArtifacts[].files` globs are collected from the working directory;
//! - the container is labelled, killed on cancel, and always removed; the work folder too.

use super::{ActionContext, ActionProvider, ActionResult, Report};
use crate::artifacts::{ArtifactStore, Materialize, Revision, TarOptions};
use crate::runtime::{
    ContainerRuntime, ContainerSpec, Mount, NetworkMode, PullPolicy, APP_LABEL_VALUE, LABEL_ACTION,
    LABEL_APP, LABEL_EXECUTION, LABEL_PIPELINE,
};
use async_trait::async_trait;
use futures_util::StreamExt;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// The working directory inside the container.
pub const SRC_DIR: &str = "/pipewright/src";
/// Where input artifacts are mounted read-only.
pub const ARTIFACTS_DIR: &str = "/pipewright/artifacts";
/// The folder (in the working directory) the output-variable trailer writes to.
const VARS_DIR: &str = ".pipewright-vars";
/// After the container ended, how long its log stream may go without a chunk before the rest
/// of its output is given up on.
const LOG_STALL_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Settings read from the store once per execution (the CLI and the app read them when they
/// build the registry).
#[derive(Debug, Clone)]
pub struct ContainerSettings {
    /// `images.pull`.
    pub pull: PullPolicy,
    /// `images.default`: the image of AWS actions without `pipewright.image`.
    pub default_image: Option<String>,
}

impl Default for ContainerSettings {
    fn default() -> Self {
        Self {
            pull: PullPolicy::Missing,
            default_image: None,
        }
    }
}

/// Which action type a [`ContainerProvider`] serves (only the image's source differs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerKind {
    /// `Custom/Container`: configuration `Image`.
    Container,
    /// `AWS/Commands`: `pipewright.image`, else the `images.default` setting.
    Commands,
}

pub struct ContainerProvider {
    runtime: Arc<dyn ContainerRuntime>,
    artifacts: Arc<ArtifactStore>,
    settings: ContainerSettings,
    kind: ContainerKind,
    /// Whether the daemon is remote (no bind mounts), asked once.
    remote: tokio::sync::OnceCell<bool>,
}

impl ContainerProvider {
    pub fn new(
        runtime: Arc<dyn ContainerRuntime>,
        artifacts: Arc<ArtifactStore>,
        settings: ContainerSettings,
        kind: ContainerKind,
    ) -> Self {
        Self {
            runtime,
            artifacts,
            settings,
            kind,
            remote: tokio::sync::OnceCell::new(),
        }
    }

    /// True when the daemon cannot bind-mount our folders (a `tcp://` DOCKER_HOST).
    async fn is_remote(&self) -> Result<bool, String> {
        self.remote
            .get_or_try_init(|| async {
                self.runtime
                    .info()
                    .await
                    .map(|i| i.remote)
                    .map_err(|e| e.message)
            })
            .await
            .copied()
    }

    fn image(&self, ctx: &ActionContext) -> Result<String, String> {
        let image = match self.kind {
            ContainerKind::Container => ctx
                .action
                .configuration
                .as_ref()
                .and_then(|c| c.get("Image"))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
            ContainerKind::Commands => ctx
                .action
                .pipewright
                .as_ref()
                .and_then(|p| p.image.as_ref())
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .or_else(|| {
                    self.settings
                        .default_image
                        .as_ref()
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                }),
        };
        image.ok_or_else(|| match self.kind {
            ContainerKind::Container => {
                "the Container action has no Image: set configuration Image".to_string()
            }
            ContainerKind::Commands => "the Commands action has no image: set pipewright.image \
                 or the images.default setting (`pipewright config set images.default IMAGE`)"
                .to_string(),
        })
    }

    fn network(ctx: &ActionContext) -> Result<NetworkMode, String> {
        let value = ctx
            .action
            .configuration
            .as_ref()
            .and_then(|c| c.get("Network"))
            .map(|s| s.trim().to_ascii_lowercase())
            .unwrap_or_default();
        match value.as_str() {
            "" | "none" => Ok(NetworkMode::None),
            "bridge" => Ok(NetworkMode::Bridge),
            "host" => Ok(NetworkMode::Host),
            other => Err(format!(
                "Network {other:?} is not one of none, bridge, host"
            )),
        }
    }
}

/// The script `sh -e -c` runs: the commands, one per line, then the output-variable trailer.
pub fn script(commands: &[String], output_variables: &[String]) -> String {
    let mut s = commands.join("\n");
    if !output_variables.is_empty() {
        s.push_str(&format!("\nmkdir -p {SRC_DIR}/{VARS_DIR}\n"));
        for name in output_variables {
            s.push_str(&format!(
                "printf '%s' \"${{{name}-}}\" > {SRC_DIR}/{VARS_DIR}/{name}\n"
            ));
        }
    }
    s
}

/// An output variable name the trailer can use safely (a shell variable name).
fn valid_var_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

/// The invoking user's uid and gid, or `None` when we are root (containers then keep the
/// image's user).
fn owner() -> Option<(u32, u32)> {
    // SAFETY: getuid and getgid cannot fail and touch no memory.
    let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
    (uid != 0).then_some((uid, gid))
}

/// The uid:gid containers run as.
fn user() -> Option<String> {
    owner().map(|(uid, gid)| format!("{uid}:{gid}"))
}

/// One tar (to unpack at `/`) with the first input at `pipewright/src` and every input at
/// `pipewright/artifacts/<Name>`, owned by `owner` (root when `None`).
fn input_tar(
    store: &ArtifactStore,
    inputs: &[(String, Revision)],
    owner: Option<(u32, u32)>,
) -> Result<Vec<u8>, String> {
    let (uid, gid) = owner.unwrap_or((0, 0));
    let io = |e: std::io::Error| format!("packing the inputs: {e}");
    let mut builder = tar::Builder::new(Vec::new());
    let dir = |builder: &mut tar::Builder<Vec<u8>>, path: &str| {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Directory);
        h.set_mode(0o755);
        h.set_size(0);
        h.set_uid(u64::from(uid));
        h.set_gid(u64::from(gid));
        h.set_cksum();
        builder.append_data(&mut h, path, std::io::empty())
    };
    for d in ["pipewright", "pipewright/src", "pipewright/artifacts"] {
        dir(&mut builder, d).map_err(io)?;
    }
    let options = TarOptions {
        uid_gid: owner,
        mtime: 0,
    };
    for (i, (name, revision)) in inputs.iter().enumerate() {
        let mut raw = Vec::new();
        store
            .write_tar(&revision.digest, &mut raw, &options)
            .map_err(|e| e.message)?;
        let mut prefixes = vec![format!("pipewright/artifacts/{name}")];
        if i == 0 {
            prefixes.push("pipewright/src".to_string());
        }
        for prefix in prefixes {
            if prefix != "pipewright/src" {
                dir(&mut builder, &prefix).map_err(io)?;
            }
            let mut archive = tar::Archive::new(&raw[..]);
            for entry in archive.entries().map_err(io)? {
                let mut entry = entry.map_err(io)?;
                let path = entry.path().map_err(io)?.to_string_lossy().into_owned();
                let target = format!("{prefix}/{}", path.trim_start_matches("./"));
                let mut header = entry.header().clone();
                if header.entry_type().is_symlink() {
                    let link = entry
                        .link_name()
                        .map_err(io)?
                        .map(|l| l.into_owned())
                        .unwrap_or_default();
                    builder
                        .append_link(&mut header, &target, &link)
                        .map_err(io)?;
                } else {
                    builder
                        .append_data(&mut header, &target, &mut entry)
                        .map_err(io)?;
                }
            }
        }
    }
    builder.into_inner().map_err(io)
}

struct Workdir {
    root: PathBuf,
    /// Left in place for a kept debug container (removed with it).
    kept: bool,
}

impl Drop for Workdir {
    fn drop(&mut self) {
        if self.kept {
            return;
        }
        if let Err(e) = std::fs::remove_dir_all(&self.root) {
            if e.kind() != std::io::ErrorKind::NotFound {
                tracing::warn!("cannot remove the work folder {}: {e}", self.root.display());
            }
        }
    }
}

/// Lay out the working directory and the read-only inputs.
fn prepare(
    store: &ArtifactStore,
    root: &Path,
    inputs: &[(String, Revision)],
    remote: bool,
) -> Result<(PathBuf, Vec<(String, PathBuf)>), String> {
    let src = root.join("src");
    std::fs::create_dir_all(&src)
        .map_err(|e| format!("cannot create the work folder {}: {e}", src.display()))?;
    if remote {
        // The inputs go in through the archive API; `src` receives the result.
        return Ok((src, Vec::new()));
    }
    if let Some((_, first)) = inputs.first() {
        store
            .materialize(&first.digest, &src, Materialize::WritableCopy)
            .map_err(|e| e.message)?;
    }
    let mut mounted = Vec::new();
    for (name, revision) in inputs {
        let dest = root.join("inputs").join(name);
        std::fs::create_dir_all(&dest)
            .map_err(|e| format!("cannot create the folder {}: {e}", dest.display()))?;
        store
            .materialize(&revision.digest, &dest, Materialize::ReadOnlyLinks)
            .map_err(|e| e.message)?;
        mounted.push((name.clone(), dest));
    }
    Ok((src, mounted))
}

/// Read the output variables back, then remove their folder so it is not collected.
fn read_variables(src: &Path, names: &[String]) -> Result<BTreeMap<String, String>, String> {
    let dir = src.join(VARS_DIR);
    let mut vars = BTreeMap::new();
    for name in names {
        let path = dir.join(name);
        let value = std::fs::read(&path).map_err(|e| {
            format!(
                "cannot read output variable {name} from {}: {e}",
                path.display()
            )
        })?;
        vars.insert(name.clone(), String::from_utf8_lossy(&value).into_owned());
    }
    if dir.exists() {
        std::fs::remove_dir_all(&dir)
            .map_err(|e| format!("cannot remove {}: {e}", dir.display()))?;
    }
    Ok(vars)
}

#[async_trait]
impl ActionProvider for ContainerProvider {
    async fn run(&self, ctx: ActionContext) -> ActionResult {
        let image = match self.image(&ctx) {
            Ok(i) => i,
            Err(m) => return ActionResult::failed(m, None),
        };
        let network = match Self::network(&ctx) {
            Ok(n) => n,
            Err(m) => return ActionResult::failed(m, None),
        };
        let output_variables = ctx.action.output_variables.clone().unwrap_or_default();
        if let Some(bad) = output_variables.iter().find(|n| !valid_var_name(n)) {
            return ActionResult::failed(
                format!("output variable {bad:?} is not a shell variable name"),
                None,
            );
        }

        // The image, by the pull policy.
        let log = ctx.log.clone();
        let progress = move |line: &str| log.system(line);
        if let Err(e) = self
            .runtime
            .ensure_image(&image, self.settings.pull, &progress)
            .await
        {
            return ActionResult::failed(format!("image {image}: {}", e.message), None);
        }

        // The working directory and the inputs, in declaration order.
        let mut inputs: Vec<(String, Revision)> = Vec::new();
        for a in ctx.action.input_artifacts.iter().flatten() {
            match ctx.inputs.get(&a.name) {
                Some(r) => inputs.push((a.name.clone(), r.clone())),
                None => {
                    return ActionResult::failed(
                        format!("input artifact {} was not produced", a.name),
                        None,
                    )
                }
            }
        }
        let remote = match self.is_remote().await {
            Ok(r) => r,
            Err(m) => return ActionResult::failed(m, None),
        };
        let remote_inputs = inputs.clone();
        let root = ctx.data_dir.join("work").join(&ctx.action_execution_id);
        let mut workdir = Workdir {
            root: root.clone(),
            kept: false,
        };
        let store = self.artifacts.clone();
        let prepared =
            tokio::task::spawn_blocking(move || prepare(&store, &root, &inputs, remote)).await;
        let (src, mounted) = match prepared {
            Ok(Ok(p)) => p,
            Ok(Err(m)) => return ActionResult::failed(m, None),
            Err(e) => return ActionResult::failed(format!("preparing inputs failed: {e}"), None),
        };

        let mut mounts = Vec::new();
        if !remote {
            mounts.push(Mount {
                source: src.clone(),
                target: SRC_DIR.to_string(),
                read_only: false,
            });
        }
        for (name, path) in &mounted {
            mounts.push(Mount {
                source: path.clone(),
                target: format!("{ARTIFACTS_DIR}/{name}"),
                read_only: true,
            });
        }
        let mut env = vec![
            (
                "PIPEWRIGHT_EXECUTION_ID".to_string(),
                ctx.execution_id.clone(),
            ),
            ("PIPEWRIGHT_PIPELINE".to_string(), ctx.pipeline_name.clone()),
            ("PIPEWRIGHT_STAGE".to_string(), ctx.stage_name.clone()),
            ("PIPEWRIGHT_ACTION".to_string(), ctx.action_name.clone()),
        ];
        for v in ctx.action.environment_variables.iter().flatten() {
            env.push((v.name.clone(), v.value.clone()));
        }
        let labels = BTreeMap::from([
            (LABEL_APP.to_string(), APP_LABEL_VALUE.to_string()),
            (LABEL_PIPELINE.to_string(), ctx.pipeline_name.clone()),
            (LABEL_EXECUTION.to_string(), ctx.execution_id.clone()),
            (LABEL_ACTION.to_string(), ctx.action_execution_id.clone()),
        ]);
        let commands = ctx.action.commands.clone().unwrap_or_default();
        let local = ctx.action.pipewright.as_ref();
        // Validation refuses limits Docker would not take before a run starts.
        let memory_bytes = match local.and_then(|l| l.memory.as_deref()) {
            Some(text) => match pipewright_core::model::parse_memory(text) {
                Ok(bytes) => Some(bytes),
                Err(why) => return ActionResult::failed(format!("pipewright.memory {why}"), None),
            },
            None => None,
        };
        let spec = ContainerSpec {
            image: image.clone(),
            cmd: vec![
                "sh".into(),
                "-e".into(),
                "-c".into(),
                script(&commands, &output_variables),
            ],
            env,
            working_dir: Some(SRC_DIR.to_string()),
            mounts,
            network,
            labels,
            user: user(),
            cpus: local.and_then(|l| l.cpus),
            memory_bytes,
        };

        let id = match self.runtime.create(&spec).await {
            Ok(id) => id,
            Err(e) => {
                return ActionResult::failed(
                    format!("cannot create a container from {image}: {}", e.message),
                    None,
                )
            }
        };
        ctx.reporter.report(Report::Container {
            id: id.clone(),
            image: image.clone(),
        });
        let mut ran = Ok(0);
        if remote {
            ran = self.copy_inputs_in(&id, remote_inputs).await;
        }
        if ran.is_ok() {
            ran = self.run_container(&ctx, &id).await;
        }
        if remote && matches!(ran, Ok(0)) {
            if let Err(failed) = self.copy_src_out(&id, &src).await {
                ran = Err(failed);
            }
        }
        if ctx.keep_failed && matches!(ran, Ok(code) if code != 0) {
            match crate::debug::keep_for_debugging(
                self.runtime.as_ref(),
                &id,
                &spec,
                &ctx.action_execution_id,
            )
            .await
            {
                Ok(debug_id) => {
                    ctx.log.system(&format!(
                        "the failed container was kept for debugging as container {short}: open a terminal into it (or `docker exec -it {short} sh`), then Continue",
                        short = &debug_id[..debug_id.len().min(12)]
                    ));
                    ctx.reporter.report(Report::DebugContainer { id: debug_id });
                    workdir.kept = true;
                }
                Err(why) => ctx
                    .log
                    .system(&format!("cannot keep the failed container: {why}")),
            }
        }
        // Remove the container while the outputs are collected; wait for it before returning.
        let remover = {
            let runtime = self.runtime.clone();
            let id = id.clone();
            tokio::spawn(async move {
                if let Err(e) = runtime.remove(&id).await {
                    tracing::warn!(container = %id, "cannot remove the container: {e}");
                }
            })
        };
        let result = self.finish(ctx, ran, src, output_variables, workdir).await;
        if let Err(e) = remover.await {
            tracing::warn!(container = %id, "removing the container failed: {e}");
        }
        result
    }
}

impl ContainerProvider {
    /// After the container ended: its exit code, then output variables and artifacts.
    async fn finish(
        &self,
        ctx: ActionContext,
        ran: Result<i64, ActionResult>,
        src: PathBuf,
        output_variables: Vec<String>,
        workdir: Workdir,
    ) -> ActionResult {
        let code = match ran {
            Ok(code) => code,
            Err(result) => return result,
        };
        if code != 0 {
            return ActionResult::failed(format!("exit status {code}"), Some(code));
        }

        // Output variables, then output artifacts.
        let store = self.artifacts.clone();
        let outputs_decl: Vec<(String, Vec<String>)> = ctx
            .action
            .output_artifacts
            .iter()
            .flatten()
            .map(|o| (o.name.clone(), o.files.clone().unwrap_or_default()))
            .collect();
        let collected = tokio::task::spawn_blocking(move || {
            let variables = read_variables(&src, &output_variables)?;
            let mut outputs = BTreeMap::new();
            for (name, globs) in outputs_decl {
                let revision = store.collect(&src, &globs).map_err(|e| e.message)?;
                outputs.insert(name, revision);
            }
            Ok::<_, String>((outputs, variables))
        })
        .await;
        drop(workdir);
        match collected {
            Ok(Ok((outputs, variables))) => ActionResult::Succeeded { outputs, variables },
            Ok(Err(m)) => ActionResult::failed(m, None),
            Err(e) => ActionResult::failed(format!("collecting outputs failed: {e}"), None),
        }
    }

    /// Remote daemons: put the working directory and the inputs into the created container.
    async fn copy_inputs_in(
        &self,
        id: &str,
        inputs: Vec<(String, Revision)>,
    ) -> Result<i64, ActionResult> {
        let store = self.artifacts.clone();
        let tar = tokio::task::spawn_blocking(move || input_tar(&store, &inputs, owner()))
            .await
            .map_err(|e| ActionResult::failed(format!("packing the inputs failed: {e}"), None))?
            .map_err(|m| ActionResult::failed(m, None))?;
        self.runtime
            .copy_in(id, "/", tar.into())
            .await
            .map_err(|e| {
                ActionResult::failed(
                    format!("cannot copy the inputs into the container: {}", e.message),
                    None,
                )
            })?;
        Ok(0)
    }

    /// Remote daemons: bring `/pipewright/src` back into the local work folder.
    async fn copy_src_out(&self, id: &str, src: &Path) -> Result<(), ActionResult> {
        let archive = self.runtime.copy_out(id, SRC_DIR).await.map_err(|e| {
            ActionResult::failed(
                format!(
                    "cannot copy the results out of the container: {}",
                    e.message
                ),
                None,
            )
        })?;
        let store = self.artifacts.clone();
        let src = src.to_path_buf();
        tokio::task::spawn_blocking(move || {
            let revision = store
                .ingest_tar_reader(&archive[..], 1)
                .map_err(|e| e.message)?;
            store
                .materialize(&revision.digest, &src, Materialize::WritableCopy)
                .map_err(|e| e.message)
        })
        .await
        .map_err(|e| ActionResult::failed(format!("unpacking the results failed: {e}"), None))?
        .map_err(|m| ActionResult::failed(m, None))
    }

    /// Attach to the container, start it, stream its output into the log and wait for it (or kill it when
    /// cancelled). Returns its exit code; the caller removes it.
    async fn run_container(&self, ctx: &ActionContext, id: &str) -> Result<i64, ActionResult> {
        // Attach first, as `docker run` does, so no output of a short-lived container is lost.
        let mut logs = match self.runtime.attach(id).await {
            Ok(stream) => stream,
            Err(e) => {
                return Err(ActionResult::failed(
                    format!("cannot attach to the container: {}", e.message),
                    None,
                ))
            }
        };
        if let Err(e) = self.runtime.start(id).await {
            return Err(ActionResult::failed(
                format!("cannot start the container: {}", e.message),
                None,
            ));
        }
        let log = ctx.log.clone();
        let received = Arc::new(AtomicU64::new(0));
        let counter = received.clone();
        let mut pump = tokio::spawn(async move {
            while let Some(chunk) = logs.next().await {
                counter.fetch_add(1, Ordering::Relaxed);
                match chunk {
                    Ok(c) => log.write(c.stream, &c.bytes),
                    Err(e) => {
                        log.system(&format!("reading the container's output failed: {e}"));
                        break;
                    }
                }
            }
        });
        let mut cancel = ctx.cancel.clone();
        let waited = tokio::select! {
            w = self.runtime.wait(id) => Some(w),
            reason = cancel.cancelled() => {
                ctx.log.system(&format!("cancelled ({reason:?}): killing the container"));
                if let Err(e) = self.runtime.kill(id).await {
                    tracing::warn!(container = %id, "cannot kill the container: {e}");
                }
                None
            }
        };
        // The log stream ends once the daemon has sent all of the container's output, which
        // can be many seconds after the process ended (a flood of lines is a backlog in the
        // daemon's log). Keep reading while it makes progress; give up, visibly, only when it
        // stalls, so a stuck stream cannot hold the action forever.
        let mut seen = received.load(Ordering::Relaxed);
        loop {
            if tokio::time::timeout(LOG_STALL_TIMEOUT, &mut pump)
                .await
                .is_ok()
            {
                break;
            }
            let now = received.load(Ordering::Relaxed);
            if now == seen {
                pump.abort();
                ctx.log.system(&format!(
                    "the container's output stopped arriving for {} s after it ended; \
                     the log may be incomplete",
                    LOG_STALL_TIMEOUT.as_secs()
                ));
                break;
            }
            seen = now;
        }
        match waited {
            Some(Ok(code)) => Ok(code),
            Some(Err(e)) => Err(ActionResult::failed(
                format!("waiting for the container failed: {}", e.message),
                None,
            )),
            None => Err(ActionResult::failed("cancelled", None)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_joins_commands_and_appends_the_variable_trailer() {
        let commands = vec!["cd dist".to_string(), "X=1".to_string()];
        assert_eq!(script(&commands, &[]), "cd dist\nX=1");
        let s = script(&commands, &["X".to_string()]);
        assert!(s.starts_with("cd dist\nX=1\nmkdir -p /pipewright/src/.pipewright-vars\n"));
        assert!(s.ends_with("printf '%s' \"${X-}\" > /pipewright/src/.pipewright-vars/X\n"));
    }

    #[test]
    fn output_variable_names_must_be_shell_names() {
        assert!(valid_var_name("VERSION"));
        assert!(valid_var_name("_a1"));
        assert!(!valid_var_name("1A"));
        assert!(!valid_var_name("A-B"));
        assert!(!valid_var_name("A;rm"));
        assert!(!valid_var_name(""));
    }

    #[test]
    fn variables_are_read_back_and_their_folder_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join(VARS_DIR);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("A"), "line 1\nline 2").unwrap();
        let vars = read_variables(tmp.path(), &["A".to_string()]).unwrap();
        assert_eq!(vars["A"], "line 1\nline 2");
        assert!(!dir.exists());
        assert!(read_variables(tmp.path(), &["B".to_string()]).is_err());
    }
}
