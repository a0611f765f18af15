//! Pipewright's execution engine: runs a pipeline version in Docker containers with
//! CodePipeline's semantics and records every step in the store.
//!
//! - `runtime`: the `ContainerRuntime` trait and its bollard implementation.
//! - `artifacts`: the content-addressed artifact store, snapshots, safe unpacking, deploys, GC.
//! - `sources`: Directory and Git source providers.
//! - `scheduler`: the [`Engine`]: start, drive, stop, retry, recover (the state machine).
//! - `providers`: the `ActionProvider` trait and the registry the scheduler uses.
//! - `model`: execution statuses (shared with the store) and [`FinalStatus`].
//! - `ownership`: the per-execution lock file and start-up recovery.
//! - `variables`: pipeline variables and `#{…}` resolution.
//! - `logs`: per-action log files, live followers, `read_log`.
//! - `events`: committed events announced to subscribers.

pub mod artifacts;
pub mod debug;
pub mod events;
pub mod logs;
pub mod model;
pub mod notifications;
pub mod ownership;
pub mod providers;
pub mod retention;
pub mod runtime;
pub mod scheduler;
pub mod sources;
pub mod variables;

pub use model::{ExecutionId, FinalStatus};
pub use scheduler::{Engine, EngineConfig, EngineError, Handoff, SharedStore};
