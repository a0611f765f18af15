//! Desktop notifications: a background thread with its own store connection looks at the
//! event log and the pending approvals every second and shows what the engine's rules
//! ([`NotificationWatch`]) say, through the notification plugin. It starts at the end of
//! the log, so nothing from before the app started is announced. Failures are logged and
//! never stop the app (without a notification server, e.g. under Xvfb, nothing is shown).

use pipewright_engine::notifications::{pending_approval, Notification, NotificationWatch};
use pipewright_store::{Store, StoreError};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How often the store is looked at.
pub const EVERY: Duration = Duration::from_secs(1);

/// At most this many events are read per look (a larger backlog is read on the next ones).
const PAGE: usize = 1000;

/// The store side of the watcher: what to notify since the last look.
pub struct Watcher {
    store: Store,
    watch: NotificationWatch,
}

impl Watcher {
    /// Open its own connection to the data folder and start at the end of the event log,
    /// with the approvals pending now counted as announced.
    pub fn open(data_dir: &Path) -> Result<Self, StoreError> {
        let store = Store::open(data_dir)?;
        let cursor = store.last_event_seq()?;
        let pending: Vec<_> = store
            .pending_approvals()?
            .iter()
            .map(pending_approval)
            .collect();
        Ok(Self {
            watch: NotificationWatch::new(cursor, &pending),
            store,
        })
    }

    /// What to notify about: the events after the cursor, the approvals pending now, and the
    /// settings as they are now.
    pub fn poll(&mut self) -> Result<Vec<Notification>, StoreError> {
        let events = self.store.events_after(self.watch.cursor(), PAGE)?;
        let pending: Vec<_> = self
            .store
            .pending_approvals()?
            .iter()
            .map(pending_approval)
            .collect();
        let settings = self.store.notification_settings()?;
        Ok(self.watch.step(&events, &pending, &settings))
    }
}

/// Hands notifications to `send`; the first failure is logged (as a warning), later ones
/// only at debug level, so a missing notification server does not fill the log.
pub struct Deliver<F> {
    send: F,
    failed_before: bool,
}

impl<F: FnMut(&Notification) -> Result<(), String>> Deliver<F> {
    pub fn new(send: F) -> Self {
        Self {
            send,
            failed_before: false,
        }
    }

    /// Send each; returns how many were handed over without an error.
    pub fn all(&mut self, list: &[Notification]) -> usize {
        let mut sent = 0;
        for n in list {
            match (self.send)(n) {
                Ok(()) => sent += 1,
                Err(e) if !self.failed_before => {
                    self.failed_before = true;
                    tracing::warn!("cannot show a desktop notification ({e}); later failures are logged at debug level");
                }
                Err(e) => tracing::debug!("cannot show a desktop notification: {e}"),
            }
        }
        sent
    }
}

/// Start the watcher thread on `data_dir`, sending through `send`. It runs until the app
/// exits; a store error is logged (once until it changes) and the next look tries again.
pub fn spawn<F>(data_dir: PathBuf, send: F) -> std::io::Result<std::thread::JoinHandle<()>>
where
    F: FnMut(&Notification) -> Result<(), String> + Send + 'static,
{
    // On its own thread: asking the session bus may wait for a server to be started.
    std::thread::Builder::new()
        .name("notification-server".into())
        .spawn(log_notification_server)?;
    std::thread::Builder::new()
        .name("notifications".into())
        .spawn(move || run(&data_dir, send))
}

fn run<F: FnMut(&Notification) -> Result<(), String>>(data_dir: &Path, send: F) {
    let mut deliver = Deliver::new(send);
    let mut watcher: Option<Watcher> = None;
    let mut last_error: Option<String> = None;
    loop {
        let result = match watcher.as_mut() {
            Some(w) => w.poll(),
            None => Watcher::open(data_dir).map(|w| {
                watcher = Some(w);
                Vec::new()
            }),
        };
        match result {
            Ok(list) => {
                if last_error.take().is_some() {
                    tracing::info!("desktop notifications: the store can be read again");
                }
                deliver.all(&list);
            }
            Err(e) => {
                let text = e.to_string();
                if last_error.as_deref() != Some(text.as_str()) {
                    tracing::warn!(code = e.code(), "desktop notifications: {text}");
                    last_error = Some(text);
                }
            }
        }
        std::thread::sleep(EVERY);
    }
}

/// Say in the log once whether a notification server is there to show them (Linux: on the
/// D-Bus session bus; without one, e.g. under Xvfb, notifications are dropped quietly).
fn log_notification_server() {
    #[cfg(target_os = "linux")]
    match notify_rust::get_server_information() {
        Ok(info) => tracing::info!(
            "desktop notifications are shown by {} {} ({})",
            info.name,
            info.version,
            info.vendor
        ),
        Err(e) => tracing::warn!(
            "no desktop notification server answers on the session bus ({e}); notifications will not be shown"
        ),
    }
}

#[cfg(test)]
#[path = "notify_tests.rs"]
mod tests;
