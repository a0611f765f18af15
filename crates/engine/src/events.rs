//! Live announcement of execution events. Every event is appended to the store by the
//! transaction that makes its transition; only then does the scheduler publish it here, so
//! a subscriber that looks the execution up always finds the state the event announces.

use pipewright_store::execution::EventRecord;
use tokio::sync::broadcast;

/// An event as the store appended it (detail-type, state, EventBridge detail).
pub type ExecutionEvent = EventRecord;

/// How many events a slow subscriber may fall behind before it loses some (it can catch up
/// from the store with `events_after`).
const CAPACITY: usize = 1024;

/// Fan-out of committed events to subscribers in this process (UI channels, `--follow`).
#[derive(Debug, Clone)]
pub struct EventBus {
    tx: broadcast::Sender<ExecutionEvent>,
}

impl Default for EventBus {
    fn default() -> Self {
        Self::new()
    }
}

impl EventBus {
    pub fn new() -> Self {
        Self {
            tx: broadcast::channel(CAPACITY).0,
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<ExecutionEvent> {
        self.tx.subscribe()
    }

    /// Announce events that are committed to the store already.
    pub(crate) fn publish(&self, events: Vec<ExecutionEvent>) {
        for event in events {
            tracing::debug!(
                execution = %event.execution_id,
                stage = ?event.stage_name,
                action = ?event.action_name,
                "{} {}",
                event.detail_type,
                event.state
            );
            // No subscriber is not an error.
            let _ = self.tx.send(event);
        }
    }
}
