//! Manual approvals in the app: deciding goes through the `pipewright` CLI (`approve`), whose
//! process hands the execution to a detached worker, as `run` does; the list of pending
//! approvals comes from the store. Listing also times out approvals whose deadline passed
//! (through `pipewright approvals`, whose start-up recovery expires them and moves their
//! executions on), so the badge's polling keeps deadlines honest while the app is open.

use super::{store_err, Host, HostResult};
use pipewright_core::api::{ApprovalView, DecideApprovalArgs, PendingApproval};
use pipewright_store::execution::approvals::ApprovalRecord;
use pipewright_store::Store;
use std::collections::HashMap;

/// The IPC shape of an approval row.
pub fn approval_view(r: &ApprovalRecord) -> ApprovalView {
    ApprovalView {
        kind: r.kind.clone(),
        status: r.status.clone(),
        requested_time: r.requested_time.clone(),
        deadline: r.deadline.clone(),
        decided_time: r.decided_time.clone(),
        decided_by: r.decided_by.clone(),
        comment: r.comment.clone(),
        custom_data: r.custom_data.clone(),
        external_link: r.external_link.clone(),
    }
}

/// The latest approval of each (stage, action) of an execution, for its view.
pub fn approval_views(
    store: &Store,
    execution_id: &str,
) -> HostResult<HashMap<(String, String), ApprovalView>> {
    let mut out = HashMap::new();
    // Oldest first: a later request (after a retry) replaces an earlier one.
    for r in store.approvals_of(execution_id).map_err(store_err)? {
        out.insert(
            (r.stage_name.clone(), r.action_name.clone()),
            approval_view(&r),
        );
    }
    Ok(out)
}

impl Host {
    /// Approve or reject a pending approval (or continue past a pause point).
    pub fn decide_approval(&self, args: DecideApprovalArgs) -> HostResult<()> {
        let mut cli = vec![
            "approve".to_string(),
            args.execution_id,
            format!("{}/{}", args.stage_name, args.action_name),
            "--json".to_string(),
        ];
        if !args.approve {
            cli.push("--reject".into());
        }
        if let Some(c) = args.comment.filter(|c| !c.trim().is_empty()) {
            cli.push("--comment".into());
            cli.push(c);
        }
        self.run_cli(cli)?;
        Ok(())
    }

    /// Every pending approval of every pipeline, oldest first.
    pub fn pending_approvals(&self) -> HostResult<Vec<PendingApproval>> {
        let now = pipewright_store::rfc3339_ago(std::time::Duration::ZERO);
        let due = self
            .store()?
            .next_approval_deadline()
            .map_err(store_err)?
            .is_some_and(|d| d <= now);
        if due {
            // Its recovery times them out and hands their executions to workers.
            self.run_cli(["approvals", "--json"])?;
        }
        let pending = self.store()?.pending_approvals().map_err(store_err)?;
        Ok(pending
            .iter()
            .map(|r| PendingApproval {
                pipeline_name: r.pipeline_name.clone(),
                execution_id: r.execution_id.clone(),
                stage_name: r.stage_name.clone(),
                action_name: r.action_name.clone(),
                approval: approval_view(r),
            })
            .collect())
    }
}
