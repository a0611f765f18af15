//! Pipewright's desktop shell: opens the store, registers the IPC commands and the dialog
//! plugin, and starts the window. No domain logic lives here.

pub mod commands;
pub mod host;
pub mod notify;
pub mod smoke;

use std::path::PathBuf;

/// Build and run the app. Returns the process exit code.
pub fn run() -> i32 {
    smoke::mark_start();
    prefer_cpu_compositing_without_gpu();
    let data_dir = match pipewright_store::resolve_data_dir(None) {
        Ok(dir) => dir,
        Err(e) => return fail(e.code(), &e.to_string()),
    };
    let _log_guard = init_logging(&data_dir);
    let host = match host::Host::open(&data_dir) {
        Ok(host) => host,
        Err(e) => return fail(&e.code, &e.message),
    };
    match host.ensure_sample() {
        Ok(Some(name)) => tracing::info!("first start: created the sample pipeline {name}"),
        Ok(None) => {}
        // Not fatal: the app works without the sample.
        Err(e) => tracing::warn!("cannot create the sample pipeline: {}", e.message),
    }
    let notify_dir = data_dir.clone();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .setup(move |app| {
            start_notifications(app.handle().clone(), notify_dir);
            Ok(())
        })
        .manage(host)
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!());
    match result {
        Ok(()) => 0,
        Err(e) => fail("E_APP", &format!("the window could not start: {e}")),
    }
}

/// Without a GPU (no DRM render node: virtual machines, containers, remote desktops, CI),
/// WebKitGTK's accelerated compositing runs on Mesa's software GL (llvmpipe): GL emulated on
/// the CPU, slower than WebKit's own CPU path and about 40 MB more memory in the web process
/// for this UI. Use the plain CPU path then, unless the user already chose with one of
/// WebKit's own variables. Call first thing in `main`, before any thread or webview exists.
pub fn prefer_cpu_compositing_without_gpu() {
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

/// Desktop notifications when an execution ends or waits for a decision (see `notify`),
/// shown from Rust: the webview may only ask whether they are allowed (the plugin's page script).
fn start_notifications(app: tauri::AppHandle, data_dir: PathBuf) {
    use tauri_plugin_notification::NotificationExt;
    let send = move |n: &pipewright_engine::notifications::Notification| {
        app.notification()
            .builder()
            .title(&n.title)
            .body(&n.body)
            .show()
            .map_err(|e| e.to_string())
    };
    if let Err(e) = notify::spawn(data_dir, send) {
        tracing::warn!("desktop notifications are off: cannot start their thread: {e}");
    }
}

fn fail(code: &str, message: &str) -> i32 {
    eprintln!("error[{code}]: {message}");
    3
}

/// Daily rolling log files in `<data dir>/logs`; stderr too when RUST_LOG is set.
fn init_logging(data_dir: &std::path::Path) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    use tracing_subscriber::prelude::*;
    let dir: PathBuf = data_dir.join("logs");
    std::fs::create_dir_all(&dir).ok()?;
    let appender = tracing_appender::rolling::daily(dir, "app.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter =
        tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into());
    let file_layer = tracing_subscriber::fmt::layer()
        .with_writer(writer)
        .with_ansi(false);
    tracing_subscriber::registry()
        .with(filter)
        .with(file_layer)
        .try_init()
        .ok()?;
    Some(guard)
}

#[cfg(test)]
mod tests;
