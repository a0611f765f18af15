//! The baseline the start-up benchmark compares the app with: an empty Tauri window built the
//! same way. It prints `pipewright-ready ms=<ms since start>` when its page has loaded, and
//! exits then when PIPEWRIGHT_SMOKE=1 (PIPEWRIGHT_SMOKE=print keeps it open, for memory).

use std::time::Instant;
use tauri::Manager;

fn main() {
    let started = Instant::now();
    prefer_cpu_compositing_without_gpu();
    let exit_when_ready = std::env::var("PIPEWRIGHT_SMOKE")
        .map(|v| v == "1")
        .unwrap_or(false);
    let result = tauri::Builder::default()
        .on_page_load(move |webview, payload| {
            if payload.event() == tauri::webview::PageLoadEvent::Finished {
                println!(
                    "pipewright-ready ms={:.0}",
                    started.elapsed().as_secs_f64() * 1000.0
                );
                if exit_when_ready {
                    webview.app_handle().exit(0);
                }
            }
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("error[E_APP]: {e}");
        std::process::exit(3);
    }
}

/// The app's rendering choice (`pipewright_app::prefer_cpu_compositing_without_gpu`), copied so
/// the baseline stays an empty window built and configured the same way.
fn prefer_cpu_compositing_without_gpu() {
    #[cfg(target_os = "linux")]
    {
        const CHOICES: [&str; 2] = [
            "WEBKIT_DISABLE_COMPOSITING_MODE",
            "WEBKIT_FORCE_COMPOSITING_MODE",
        ];
        if CHOICES.iter().any(|v| std::env::var_os(v).is_some()) {
            return;
        }
        let has_render_node = std::fs::read_dir("/dev/dri")
            .map(|dir| {
                dir.flatten()
                    .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
            })
            .unwrap_or(false);
        if !has_render_node {
            std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
        }
    }
}
