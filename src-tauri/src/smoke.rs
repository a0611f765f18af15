//! Start-up timing and the smoke mode.
//!
//! `PIPEWRIGHT_SMOKE=1` makes the app print `pipewright-ready ms=<ms since process start>
//! pipelines=<n>` on stdout and exit 0 (`print`: print only) as soon as the UI reports its first painted pipeline
//! list, so a test can prove the launch command works without hanging, and the benchmark can
//! time a cold start to a populated list.

use std::sync::OnceLock;
use std::time::Instant;

static STARTED: OnceLock<Instant> = OnceLock::new();

/// Call first thing in `main`.
pub fn mark_start() {
    let _ = STARTED.set(Instant::now());
}

/// `PIPEWRIGHT_SMOKE`: `1` prints the ready line and exits; `print` only prints it (the
/// benchmark keeps the app open to measure its idle memory).
fn mode() -> Option<String> {
    std::env::var("PIPEWRIGHT_SMOKE")
        .ok()
        .filter(|v| v == "1" || v == "print")
}

pub fn on_ready(app: &tauri::AppHandle, listed_pipelines: i64) {
    let ms = STARTED
        .get()
        .map(|t| t.elapsed().as_secs_f64() * 1000.0)
        .unwrap_or(0.0);
    tracing::info!(ms, listed_pipelines, "first paint of the pipeline list");
    if let Some(mode) = mode() {
        println!("pipewright-ready ms={ms:.0} pipelines={listed_pipelines}");
        if mode == "1" {
            app.exit(0);
        }
    }
}
