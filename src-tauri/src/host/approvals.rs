//! Manual approvals in the app: deciding goes through the `pipewright` CLI (`approve`), whose
//! process hands the execution to a detached worker, as `run` does; the list of pending
//! approvals comes from the store. Listing also times out approvals whose deadline passed
//! (through `pipewright approvals`, whose start-up recovery expires them and moves their
//! executions on), so the badge's polling keeps deadlines honest while the app is open.

use super::{store_err, Host, HostResult};
use pipewright_core::api::{ApprovalView, DecideApprovalArgs, PendingApproval};
use pipewright_engine::notifications::pending_approval;
use pipewright_store::Store;
use std::collections::HashMap;

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
            pending_approval(&r).approval,
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
        Ok(pending.iter().map(pending_approval).collect())
    }
}

#[cfg(test)]
mod tests {
    //! Through the real `pipewright` CLI (built next to the tests by `cargo test`): a run that
    //! waits at a Manual approval and at a disabled transition, decided from the app.
    use crate::host::Host;
    use pipewright_core::api::*;
    use std::time::{Duration, Instant};

    fn pipeline(src: &std::path::Path) -> String {
        format!(
            "pipeline:
  name: waits
  roleArn: arn:aws:iam::123456789012:role/r
  artifactStore: {{type: S3, location: bucket}}
  stages:
    - name: Source
      actions:
        - name: Src
          actionTypeId: {{category: Source, owner: Custom, provider: Directory, version: \"1\"}}
          configuration: {{Path: {}}}
          outputArtifacts: [{{name: Out}}]
    - name: Approve
      actions:
        - name: Gate
          actionTypeId: {{category: Approval, owner: AWS, provider: Manual, version: \"1\"}}
          configuration: {{CustomData: \"Release?\"}}
",
            src.display()
        )
    }

    fn wait_for<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
        let started = Instant::now();
        loop {
            if let Some(v) = f() {
                return v;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "timed out: {what}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    #[test]
    fn a_run_waits_at_a_disabled_transition_then_an_approval_decided_in_the_app() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("src");
        std::fs::create_dir_all(&src).unwrap();
        std::fs::write(src.join("a.txt"), "a").unwrap();
        let host = Host::open(&dir.path().join("data")).unwrap();
        host.import_pipeline(ImportArgs {
            text: pipeline(&src),
            name: None,
            draft: false,
            source_path: None,
        })
        .unwrap()
        .saved
        .unwrap();
        let name = || NameArgs {
            name: "waits".into(),
        };

        let refused = host
            .set_transition(SetTransitionArgs {
                name: "waits".into(),
                stage_name: "Approve".into(),
                enabled: false,
                reason: Some(" ".into()),
            })
            .unwrap_err();
        assert_eq!(refused.code, "E_INVALID_INPUT");
        host.set_transition(SetTransitionArgs {
            name: "waits".into(),
            stage_name: "Approve".into(),
            enabled: false,
            reason: Some("freeze".into()),
        })
        .unwrap();
        let listed = host.list_transitions(name()).unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].reason, "freeze");

        let id = host
            .run_pipeline(RunPipelineArgs {
                name: "waits".into(),
                variables: vec![],
            })
            .unwrap()
            .execution_id;
        // Source runs, then it waits before Approve: nothing pending yet.
        wait_for("Source to succeed", || {
            let v = host
                .get_execution(ExecutionArgs {
                    execution_id: id.clone(),
                })
                .unwrap();
            (v.stages[0].status.as_deref() == Some("Succeeded")).then_some(())
        });
        std::thread::sleep(Duration::from_millis(300));
        assert!(host.pending_approvals().unwrap().is_empty());

        host.set_transition(SetTransitionArgs {
            name: "waits".into(),
            stage_name: "Approve".into(),
            enabled: true,
            reason: None,
        })
        .unwrap();
        assert!(host.list_transitions(name()).unwrap().is_empty());
        let pending = wait_for("the approval", || {
            host.pending_approvals().unwrap().into_iter().next()
        });
        assert_eq!(pending.execution_id, id);
        assert_eq!(pending.approval.custom_data.as_deref(), Some("Release?"));

        host.decide_approval(DecideApprovalArgs {
            execution_id: id.clone(),
            stage_name: "Approve".into(),
            action_name: "Gate".into(),
            approve: true,
            comment: Some("go".into()),
        })
        .unwrap();
        let view = wait_for("the run to end", || {
            let v = host
                .get_execution(ExecutionArgs {
                    execution_id: id.clone(),
                })
                .unwrap();
            (v.status != "InProgress").then_some(v)
        });
        assert_eq!(view.status, "Succeeded");
        let gate = &view.stages[1].actions[0];
        let approval = gate.approval.as_ref().expect("the view shows the decision");
        assert_eq!(approval.status, "APPROVED");
        assert_eq!(approval.comment.as_deref(), Some("go"));
        assert!(approval.decided_by.is_some());

        let again = host
            .decide_approval(DecideApprovalArgs {
                execution_id: id,
                stage_name: "Approve".into(),
                action_name: "Gate".into(),
                approve: false,
                comment: None,
            })
            .unwrap_err();
        assert!(again.message.contains("approved"), "{}", again.message);
    }
}
