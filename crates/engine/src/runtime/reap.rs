//! Crash recovery's clean-up: remove the containers of an execution (or an action) by label.

use super::{
    ContainerRuntime, RuntimeError, RuntimeErrorKind, RuntimeResult, APP_LABEL_VALUE, LABEL_APP,
};
use std::collections::BTreeMap;

/// Kill and remove every container carrying all of `labels` and Pipewright's app label, and
/// return how many there were. The app label is always added to the filter, so nobody else's
/// containers are touched; `labels` must narrow the set further (an execution id, say), so one
/// process never reaps the live containers of every other. All containers are attempted; the
/// first failure is returned after that.
pub async fn reap(
    runtime: &dyn ContainerRuntime,
    labels: &BTreeMap<String, String>,
) -> RuntimeResult<usize> {
    if !labels.keys().any(|k| k != LABEL_APP) {
        return Err(RuntimeError::new(
            RuntimeErrorKind::Other,
            "refusing to reap containers by the app label alone; name an execution, pipeline or action label",
        ));
    }
    let mut filter = labels.clone();
    filter.insert(LABEL_APP.to_string(), APP_LABEL_VALUE.to_string());
    let ids = runtime.list_by_labels(&filter).await?;
    let mut first_error = None;
    for id in &ids {
        let result = match runtime.kill(id).await {
            Ok(()) => runtime.remove(id).await,
            Err(e) => Err(e),
        };
        if let Err(e) = result {
            tracing::warn!(container = %id, "cannot reap container: {e}");
            first_error.get_or_insert(e);
        }
    }
    match first_error {
        Some(e) => Err(e),
        None => Ok(ids.len()),
    }
}
