//! Action providers: the trait every provider implements, what it is given and returns, and
//! the registry the scheduler looks providers up in by `owner/provider`. Concrete
//! Docker-backed providers live beside this module and register themselves later.

use crate::logs::LogSink;
use async_trait::async_trait;
use pipewright_core::model::{ActionDeclaration, ActionTypeId};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

pub use crate::artifacts::Revision as ArtifactRevision;

/// Why a running action is asked to stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CancelReason {
    /// The execution was stopped with abandon: kill containers and return.
    Abandon,
    /// The action ran past its local timeout (`pipewright.timeoutMinutes`).
    Timeout,
}

/// Tells a provider to stop early. Providers select on [`CancelSignal::cancelled`] while
/// they wait for their work, kill what they started, and return promptly; the scheduler
/// records the action as Abandoned or timed out whatever the provider returns.
#[derive(Debug, Clone)]
pub struct CancelSignal {
    rx: watch::Receiver<Option<CancelReason>>,
}

impl CancelSignal {
    /// A pair: the sender the scheduler keeps, the signal the provider gets.
    pub fn new() -> (watch::Sender<Option<CancelReason>>, CancelSignal) {
        let (tx, rx) = watch::channel(None);
        (tx, CancelSignal { rx })
    }

    /// Why it was cancelled, if it was.
    pub fn reason(&self) -> Option<CancelReason> {
        *self.rx.borrow()
    }

    pub fn is_cancelled(&self) -> bool {
        self.reason().is_some()
    }

    /// Wait until cancelled. Never returns when the scheduler drops its sender without
    /// cancelling (the action then simply runs to its end).
    pub async fn cancelled(&mut self) -> CancelReason {
        loop {
            if let Some(reason) = *self.rx.borrow_and_update() {
                return reason;
            }
            if self.rx.changed().await.is_err() {
                std::future::pending::<()>().await;
            }
        }
    }
}

/// What a provider reports while it runs; recorded on its action execution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    /// The container it runs in, and the image.
    Container { id: String, image: String },
    /// The container kept after the action failed (keep failed containers is on): it runs
    /// an idle shell in the failed container's filesystem, for a terminal.
    DebugContainer { id: String },
    /// A link to and a summary of what it ran elsewhere.
    External {
        url: Option<String>,
        summary: Option<String>,
    },
}

/// Passes a provider's [`Report`]s to the store.
#[derive(Clone)]
pub struct Reporter {
    sink: Arc<dyn Fn(Report) + Send + Sync>,
}

impl Reporter {
    pub fn new(sink: impl Fn(Report) + Send + Sync + 'static) -> Self {
        Self {
            sink: Arc::new(sink),
        }
    }

    /// A reporter that drops everything (tests, dry runs).
    pub fn discard() -> Self {
        Self::new(|_| {})
    }

    pub fn report(&self, report: Report) {
        (self.sink)(report)
    }
}

impl fmt::Debug for Reporter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Reporter")
    }
}

/// Everything a provider needs to run one action execution.
#[derive(Debug)]
pub struct ActionContext {
    pub execution_id: String,
    pub action_execution_id: String,
    pub pipeline_name: String,
    pub pipeline_version: i64,
    pub stage_name: String,
    pub action_name: String,
    /// The stage attempt this runs in (1, then +1 per retry).
    pub attempt: i64,
    /// The declaration with every `#{…}` in configuration, commands and environment
    /// variable values resolved.
    pub action: ActionDeclaration,
    /// The revision of each input artifact, by name (the declaration keeps their order).
    pub inputs: BTreeMap<String, ArtifactRevision>,
    /// Where the action's output goes (file, followers).
    pub log: LogSink,
    pub cancel: CancelSignal,
    /// The local timeout; the scheduler enforces it too.
    pub timeout: Option<Duration>,
    pub data_dir: PathBuf,
    pub reporter: Reporter,
    /// When its container fails, keep it for debugging (report [`Report::DebugContainer`])
    /// instead of removing it.
    pub keep_failed: bool,
}

/// How an action ended, as the provider saw it.
#[derive(Debug, Clone, PartialEq)]
pub enum ActionResult {
    Succeeded {
        /// Every declared output artifact, by name.
        outputs: BTreeMap<String, ArtifactRevision>,
        /// Output variables (exported under the action's namespace).
        variables: BTreeMap<String, String>,
    },
    Failed {
        /// One line saying what went wrong, e.g. "exit status 2" or "image … not found".
        summary: String,
        exit_code: Option<i64>,
    },
}

impl ActionResult {
    pub fn succeeded() -> Self {
        ActionResult::Succeeded {
            outputs: BTreeMap::new(),
            variables: BTreeMap::new(),
        }
    }

    pub fn failed(summary: impl Into<String>, exit_code: Option<i64>) -> Self {
        ActionResult::Failed {
            summary: summary.into(),
            exit_code,
        }
    }
}

/// Runs actions of one action type.
#[async_trait]
pub trait ActionProvider: Send + Sync {
    async fn run(&self, ctx: ActionContext) -> ActionResult;
}

/// Providers by `owner/provider` (e.g. `Custom/Container`, `AWS/Commands`).
#[derive(Clone, Default)]
pub struct ProviderRegistry {
    providers: HashMap<(String, String), Arc<dyn ActionProvider>>,
}

impl ProviderRegistry {
    pub fn new() -> Self {
        Self::default()
    }

    /// Register (or replace) the provider for `owner/provider`.
    pub fn register(
        &mut self,
        owner: &str,
        provider: &str,
        implementation: Arc<dyn ActionProvider>,
    ) -> &mut Self {
        self.providers
            .insert((owner.to_string(), provider.to_string()), implementation);
        self
    }

    /// The provider for an action type, if one runs locally.
    pub fn get(&self, type_id: &ActionTypeId) -> Option<Arc<dyn ActionProvider>> {
        self.providers
            .get(&(type_id.owner.clone(), type_id.provider.clone()))
            .cloned()
    }

    /// Registered `owner/provider` names, sorted.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .providers
            .keys()
            .map(|(o, p)| format!("{o}/{p}"))
            .collect();
        names.sort();
        names
    }
}

impl fmt::Debug for ProviderRegistry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.names()).finish()
    }
}

pub mod builtin;
pub mod container;
pub mod directory_deploy;
pub mod directory_source;
pub mod git_source;

pub use builtin::builtin_registry;
pub use container::{ContainerKind, ContainerSettings};
