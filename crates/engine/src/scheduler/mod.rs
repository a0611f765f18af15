//! The scheduler: CodePipeline's execution semantics over the store's state machine.
//!
//! - `start`: a new execution (lock first, then InProgress).
//! - `drive`: stages in order, each entered through its stage lock (QUEUED, SUPERSEDED);
//!   `stage`: runOrder groups, actions of a group concurrently; `action`: one provider run
//!   with its timeout, cancellation, log and records.
//! - `stop`: stop requests (rows any process writes; the owner polls them).
//! - `retry`: a new attempt of a failed stage, manual or automatic (`onFailure: RETRY`).
//! - `progress`: what earlier actions produced (artifacts, variables), read from the store.
//! - `wait`: waiting for an execution another process moves on.
//!
//! Every status change goes through the store, which commits it with its event; the events
//! are published only after the commit, and executions granted a stage lock are handed off.

mod action;
pub mod approval;
mod drive;
mod error;
mod progress;
pub mod rerun;
mod retry;
mod stage;
mod start;
mod stop;
mod transitions;
mod wait;

pub use error::{codes, EngineError};

use crate::events::{EventBus, ExecutionEvent};
use crate::logs::{LogChunk, LogHub, LOG_CAP_BYTES};
use crate::ownership::{self, lock_store, OwnershipGuard, RecoveryReport};
use crate::providers::ProviderRegistry;
use crate::runtime::ContainerRuntime;
use pipewright_store::execution::Transition;
use pipewright_store::{Store, StoreError};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::broadcast;

/// The store, shared by the engine's tasks (every call is short and synchronous).
pub type SharedStore = Arc<Mutex<Store>>;

/// Called with an execution that someone should drive now (it was granted a stage lock, or
/// recovery found it READY). The default drives it in this process on a tokio task; the CLI
/// hands it to a detached worker instead.
pub type Handoff = Arc<dyn Fn(&Engine, String) + Send + Sync>;

/// Tunables (the defaults suit real runs; tests shorten them).
#[derive(Debug, Clone)]
pub struct EngineConfig {
    /// How often an owner looks for stop requests while actions run.
    pub stop_poll_interval: Duration,
    /// How long a cancelled (abandoned or timed out) provider gets to return.
    pub cancel_grace: Duration,
    /// The size cap of one action's log.
    pub log_cap_bytes: u64,
}

impl Default for EngineConfig {
    fn default() -> Self {
        Self {
            stop_poll_interval: Duration::from_millis(200),
            cancel_grace: Duration::from_secs(10),
            log_cap_bytes: LOG_CAP_BYTES,
        }
    }
}

/// Runs executions. Cheap to clone (all clones are one engine).
#[derive(Clone)]
pub struct Engine {
    inner: Arc<Inner>,
}

struct Inner {
    store: SharedStore,
    data_dir: PathBuf,
    runtime: Arc<dyn ContainerRuntime>,
    providers: ProviderRegistry,
    config: EngineConfig,
    events: EventBus,
    logs: LogHub,
    /// Locks of executions this engine started or took over and has not let go.
    owned: Mutex<HashMap<String, OwnershipGuard>>,
    handoff: Mutex<Option<Handoff>>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("data_dir", &self.inner.data_dir)
            .field("providers", &self.inner.providers)
            .finish()
    }
}

impl Engine {
    pub fn new(
        store: SharedStore,
        data_dir: impl Into<PathBuf>,
        runtime: Arc<dyn ContainerRuntime>,
        providers: ProviderRegistry,
    ) -> Self {
        Self::with_config(store, data_dir, runtime, providers, EngineConfig::default())
    }

    pub fn with_config(
        store: SharedStore,
        data_dir: impl Into<PathBuf>,
        runtime: Arc<dyn ContainerRuntime>,
        providers: ProviderRegistry,
        config: EngineConfig,
    ) -> Self {
        Self {
            inner: Arc::new(Inner {
                store,
                data_dir: data_dir.into(),
                runtime,
                providers,
                config,
                events: EventBus::new(),
                logs: LogHub::new(),
                owned: Mutex::new(HashMap::new()),
                handoff: Mutex::new(None),
            }),
        }
    }

    /// Replace how executions granted a stage lock are driven on (see [`Handoff`]).
    pub fn set_handoff(&self, handoff: Handoff) {
        *self.inner.handoff.lock().unwrap_or_else(|p| p.into_inner()) = Some(handoff);
    }

    pub fn store(&self) -> &SharedStore {
        &self.inner.store
    }

    pub fn data_dir(&self) -> &Path {
        &self.inner.data_dir
    }

    pub fn runtime(&self) -> &Arc<dyn ContainerRuntime> {
        &self.inner.runtime
    }

    /// Events, each published after it is committed.
    pub fn subscribe_events(&self) -> broadcast::Receiver<ExecutionEvent> {
        self.inner.events.subscribe()
    }

    /// Live action output of every execution this engine runs.
    pub fn subscribe_logs(&self) -> broadcast::Receiver<LogChunk> {
        self.inner.logs.subscribe()
    }

    /// Reconcile at start-up: running executions whose owner died are marked Failed
    /// ("interrupted") and their containers removed (see [`ownership::recover`]); executions
    /// left READY (a stage lock freed here, or never picked up) are handed off.
    pub async fn recover(&self) -> Result<RecoveryReport, EngineError> {
        let report = ownership::recover(
            &self.inner.store,
            self.inner.runtime.as_ref(),
            &self.inner.data_dir,
        )
        .await?;
        self.inner.events.publish(report.events.clone());
        for id in &report.ready {
            self.hand_off(id.clone());
        }
        // Approvals whose deadline passed while no process watched them: their stage fails.
        self.expire_due_approvals()?;
        // Kept debug containers whose debugging ended while no process looked.
        if let Err(e) = self.remove_ended_debug_containers(None).await {
            tracing::warn!("removing kept debug containers failed: {e}");
        }
        Ok(report)
    }

    /// Let go of an execution this engine started without driving it: park it READY for a
    /// worker process (which calls `drive`), and free its lock.
    pub fn release(&self, execution_id: &str) -> Result<(), EngineError> {
        self.db(|s| s.park_ready(execution_id))?;
        self.owned().remove(execution_id);
        Ok(())
    }

    // ---- helpers shared by the scheduler's parts ----

    fn owned(&self) -> std::sync::MutexGuard<'_, HashMap<String, OwnershipGuard>> {
        self.inner.owned.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A store call.
    pub(crate) fn db<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, StoreError>,
    ) -> Result<T, EngineError> {
        let mut store = lock_store(&self.inner.store);
        Ok(f(&mut store)?)
    }

    /// A store transition: committed, then its events published and its granted stage
    /// locks handed off.
    pub(crate) fn commit(
        &self,
        f: impl FnOnce(&mut Store) -> Result<Transition, StoreError>,
    ) -> Result<(), EngineError> {
        let transition = self.db(f)?;
        self.announce(transition);
        Ok(())
    }

    pub(crate) fn announce(&self, transition: Transition) {
        self.inner.events.publish(transition.events);
        for id in transition.granted {
            self.hand_off(id);
        }
    }

    pub(crate) fn hand_off(&self, execution_id: String) {
        let custom = self
            .inner
            .handoff
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        match custom {
            Some(handoff) => handoff(self, execution_id),
            None => drive_in_background(self, execution_id),
        }
    }
}

/// The default handoff: drive the execution on a task of the current tokio runtime. An
/// execution another process took first is left to it.
fn drive_in_background(engine: &Engine, execution_id: String) {
    let Ok(handle) = tokio::runtime::Handle::try_current() else {
        tracing::warn!(execution = %execution_id, "no tokio runtime to drive a ready execution on; it stays parked READY for the next start-up");
        return;
    };
    let engine = engine.clone();
    handle.spawn(async move {
        match engine.drive(&execution_id).await {
            Ok(status) => tracing::debug!(execution = %execution_id, ?status, "handed-off execution"),
            Err(e) if e.code() == codes::OWNED => {
                tracing::debug!(execution = %execution_id, "handed-off execution is driven elsewhere")
            }
            Err(e) => tracing::warn!(execution = %execution_id, "driving a handed-off execution failed: {e}"),
        }
    });
}
