//! Shared by the scheduler tests: a fake provider driven by its action's configuration, a
//! fake container runtime, pipelines saved straight into a temporary store, and waits.
#![allow(dead_code)]

use async_trait::async_trait;
use futures_util::stream::{self, BoxStream};
use pipewright_core::PipelineDocument;
use pipewright_engine::providers::{
    ActionContext, ActionProvider, ActionResult, ArtifactRevision, CancelReason, ProviderRegistry,
};
use pipewright_engine::runtime::{
    ContainerRuntime, ContainerSpec, LogChunk, PullPolicy, RuntimeInfo, RuntimeResult,
};
use pipewright_engine::{Engine, EngineConfig, SharedStore};
use pipewright_store::execution::{ExecutionRecord, PipelineExecutionStatus};
use pipewright_store::{SaveBase, Store};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// One call of the fake provider.
#[derive(Debug, Clone)]
pub struct Call {
    pub execution_id: String,
    pub stage: String,
    pub action: String,
    pub attempt: i64,
    pub configuration: BTreeMap<String, String>,
    pub commands: Vec<String>,
    pub env: BTreeMap<String, String>,
    pub inputs: BTreeMap<String, ArtifactRevision>,
    pub started: Instant,
    pub ended: Option<Instant>,
    pub cancelled: Option<CancelReason>,
}

/// Behaves as its action's `configuration` says:
/// - `SleepMs`: take that long (cancellable unless `IgnoreCancel` is "true");
/// - `Gate`: wait until the test opens the gate of that name;
/// - `Fail`: "true" to fail (exit code 3); `FailUntilAttempt`: fail while attempt <= N;
/// - `Vars`: "k=v,k2=v2" output variables.
///
/// Produces every declared output artifact with a digest unique to the call.
#[derive(Default)]
pub struct FakeProvider {
    pub calls: Mutex<Vec<Call>>,
    gates: Mutex<HashMap<String, watch::Sender<bool>>>,
}

impl FakeProvider {
    fn gate(&self, name: &str) -> watch::Receiver<bool> {
        let mut gates = self.gates.lock().unwrap();
        gates
            .entry(name.to_string())
            .or_insert_with(|| watch::channel(false).0)
            .subscribe()
    }

    pub fn open(&self, name: &str) {
        let mut gates = self.gates.lock().unwrap();
        gates
            .entry(name.to_string())
            .or_insert_with(|| watch::channel(false).0)
            .send_replace(true);
    }

    pub fn calls(&self) -> Vec<Call> {
        self.calls.lock().unwrap().clone()
    }

    pub fn calls_of(&self, action: &str) -> Vec<Call> {
        self.calls()
            .into_iter()
            .filter(|c| c.action == action)
            .collect()
    }

    /// Wait until `action` has been called `n` times (of any execution).
    pub async fn wait_called(&self, action: &str, n: usize) {
        wait_until(&format!("{action} called {n} times"), || {
            self.calls_of(action).len() >= n
        })
        .await;
    }
}

fn digest(seed: &str) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    seed.hash(&mut h);
    format!("{:016x}", h.finish()).repeat(4)
}

#[async_trait]
impl ActionProvider for FakeProvider {
    async fn run(&self, mut ctx: ActionContext) -> ActionResult {
        let config: BTreeMap<String, String> = ctx
            .action
            .configuration
            .clone()
            .unwrap_or_default()
            .into_iter()
            .collect();
        let index = {
            let mut calls = self.calls.lock().unwrap();
            calls.push(Call {
                execution_id: ctx.execution_id.clone(),
                stage: ctx.stage_name.clone(),
                action: ctx.action_name.clone(),
                attempt: ctx.attempt,
                configuration: config.clone(),
                commands: ctx.action.commands.clone().unwrap_or_default(),
                env: ctx
                    .action
                    .environment_variables
                    .iter()
                    .flatten()
                    .map(|e| (e.name.clone(), e.value.clone()))
                    .collect(),
                inputs: ctx.inputs.clone(),
                started: Instant::now(),
                ended: None,
                cancelled: None,
            });
            calls.len() - 1
        };
        ctx.log.write(
            pipewright_engine::runtime::LogStream::Stdout,
            format!("hello from {}\n", ctx.action_name).as_bytes(),
        );
        let ignore_cancel = config.get("IgnoreCancel").map(String::as_str) == Some("true");
        let mut cancelled = None;
        if let Some(ms) = config.get("SleepMs").and_then(|v| v.parse::<u64>().ok()) {
            let sleep = tokio::time::sleep(Duration::from_millis(ms));
            if ignore_cancel {
                sleep.await;
            } else {
                tokio::select! {
                    _ = sleep => {}
                    reason = ctx.cancel.cancelled() => cancelled = Some(reason),
                }
            }
        }
        if let Some(gate) = config.get("Gate") {
            let mut rx = self.gate(gate);
            tokio::select! {
                _ = rx.wait_for(|open| *open) => {}
                reason = ctx.cancel.cancelled(), if !ignore_cancel => cancelled = Some(reason),
            }
        }
        {
            let mut calls = self.calls.lock().unwrap();
            calls[index].ended = Some(Instant::now());
            calls[index].cancelled = cancelled;
        }
        if cancelled.is_some() {
            return ActionResult::failed("killed", Some(137));
        }
        let fail_until: i64 = config
            .get("FailUntilAttempt")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        if config.get("Fail").map(String::as_str) == Some("true") || ctx.attempt <= fail_until {
            return ActionResult::failed("failed on purpose", Some(3));
        }
        let outputs = ctx
            .action
            .output_artifacts
            .iter()
            .flatten()
            .map(|o| {
                (
                    o.name.clone(),
                    ArtifactRevision {
                        digest: digest(&format!(
                            "{}/{}/{}/{}",
                            ctx.execution_id, ctx.action_name, o.name, ctx.attempt
                        )),
                        size: 42,
                        file_count: 3,
                    },
                )
            })
            .collect();
        let variables = config
            .get("Vars")
            .map(|v| {
                v.split(',')
                    .filter_map(|kv| kv.split_once('='))
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect()
            })
            .unwrap_or_default();
        ActionResult::Succeeded { outputs, variables }
    }
}

/// A runtime with no daemon: remembers which containers it was asked to kill and remove.
#[derive(Default)]
pub struct FakeRuntime {
    /// Containers by label set, as `list_by_labels` reports them.
    pub containers: Mutex<Vec<(BTreeMap<String, String>, String)>>,
    pub killed: Mutex<Vec<String>>,
    pub removed: Mutex<Vec<String>>,
}

#[async_trait]
impl ContainerRuntime for FakeRuntime {
    async fn info(&self) -> RuntimeResult<RuntimeInfo> {
        Ok(RuntimeInfo {
            api_version: "1.41".into(),
            server_version: "fake".into(),
            remote: false,
        })
    }
    async fn ensure_image(
        &self,
        _: &str,
        _: PullPolicy,
        _: &(dyn for<'a> Fn(&'a str) + Send + Sync),
    ) -> RuntimeResult<()> {
        Ok(())
    }
    async fn create(&self, _: &ContainerSpec) -> RuntimeResult<String> {
        Ok("c".into())
    }
    async fn start(&self, _: &str) -> RuntimeResult<()> {
        Ok(())
    }
    async fn attach(&self, _: &str) -> RuntimeResult<BoxStream<'static, RuntimeResult<LogChunk>>> {
        Ok(Box::pin(stream::empty()))
    }
    async fn wait(&self, _: &str) -> RuntimeResult<i64> {
        Ok(0)
    }
    async fn kill(&self, id: &str) -> RuntimeResult<()> {
        self.killed.lock().unwrap().push(id.to_string());
        Ok(())
    }
    async fn remove(&self, id: &str) -> RuntimeResult<()> {
        self.removed.lock().unwrap().push(id.to_string());
        self.containers.lock().unwrap().retain(|(_, c)| c != id);
        Ok(())
    }
    async fn copy_in(&self, _: &str, _: &str, _: bytes::Bytes) -> RuntimeResult<()> {
        Ok(())
    }
    async fn copy_out(&self, _: &str, _: &str) -> RuntimeResult<bytes::Bytes> {
        Ok(bytes::Bytes::new())
    }
    async fn list_by_labels(
        &self,
        labels: &BTreeMap<String, String>,
    ) -> RuntimeResult<Vec<String>> {
        Ok(self
            .containers
            .lock()
            .unwrap()
            .iter()
            .filter(|(l, _)| labels.iter().all(|(k, v)| l.get(k) == Some(v)))
            .map(|(_, id)| id.clone())
            .collect())
    }
}

pub struct Harness {
    pub tmp: tempfile::TempDir,
    pub store: SharedStore,
    pub provider: Arc<FakeProvider>,
    pub runtime: Arc<FakeRuntime>,
    pub engine: Engine,
}

impl Harness {
    pub fn new() -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let store = Arc::new(Mutex::new(Store::open(tmp.path()).unwrap()));
        let provider = Arc::new(FakeProvider::default());
        let runtime = Arc::new(FakeRuntime::default());
        let engine = Self::engine_over(&store, tmp.path(), &provider, &runtime);
        Harness {
            tmp,
            store,
            provider,
            runtime,
            engine,
        }
    }

    /// Another engine on the same data folder and database (as another process would be,
    /// with its own connection).
    pub fn second_engine(&self) -> Engine {
        let store = Arc::new(Mutex::new(Store::open(self.tmp.path()).unwrap()));
        Self::engine_over(&store, self.tmp.path(), &self.provider, &self.runtime)
    }

    fn engine_over(
        store: &SharedStore,
        dir: &std::path::Path,
        provider: &Arc<FakeProvider>,
        runtime: &Arc<FakeRuntime>,
    ) -> Engine {
        let mut providers = ProviderRegistry::new();
        providers.register("Custom", "Fake", provider.clone());
        let config = EngineConfig {
            stop_poll_interval: Duration::from_millis(20),
            cancel_grace: Duration::from_secs(2),
            ..EngineConfig::default()
        };
        Engine::with_config(store.clone(), dir, runtime.clone(), providers, config)
    }

    /// Save a pipeline (valid) from its stages; returns its version.
    pub fn save(&self, name: &str, mode: &str, stages: Value) -> i64 {
        self.save_with(name, json!({"executionMode": mode, "stages": stages}))
    }

    /// Save a pipeline from the fields of its declaration (name and pipelineType added).
    pub fn save_with(&self, name: &str, mut fields: Value) -> i64 {
        fields["name"] = json!(name);
        fields["pipelineType"] = json!("V2");
        let doc: PipelineDocument = serde_json::from_value(json!({"pipeline": fields})).unwrap();
        self.store
            .lock()
            .unwrap()
            .save_pipeline(&doc, true, SaveBase::Latest)
            .unwrap()
            .version
    }

    pub fn execution(&self, id: &str) -> ExecutionRecord {
        self.store.lock().unwrap().get_execution(id).unwrap()
    }

    /// Wait until the execution has ended; returns its status.
    pub async fn wait_ended(&self, id: &str) -> PipelineExecutionStatus {
        let mut status = self.execution(id).status;
        wait_until(&format!("execution {id} to end"), || {
            status = self.execution(id).status;
            status.is_terminal()
        })
        .await;
        status
    }
}

/// An action of the fake provider.
pub fn action(name: &str, run_order: i64, configuration: Value) -> Value {
    json!({
        "name": name,
        "runOrder": run_order,
        "actionTypeId": {"category": "Build", "owner": "Custom", "provider": "Fake", "version": "1"},
        "configuration": configuration,
    })
}

pub fn stage(name: &str, actions: Vec<Value>) -> Value {
    json!({"name": name, "actions": actions})
}

/// Poll `done` every 10 ms for up to 10 s.
pub async fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}
