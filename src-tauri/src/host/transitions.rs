//! Disabled stage transitions and reruns in the app: the list from the store; enabling,
//! disabling and reruns go
//! through the `pipewright` CLI, whose process hands the executions waiting at an enabled
//! transition to workers.

use super::{store_err, Host, HostResult};
use pipewright_core::api::{
    DisabledTransitionView, IpcError, NameArgs, RerunArgs, RunStarted, SetTransitionArgs,
};

impl Host {
    pub fn list_transitions(&self, args: NameArgs) -> HostResult<Vec<DisabledTransitionView>> {
        let store = self.store()?;
        store.get_pipeline(&args.name, None).map_err(store_err)?;
        Ok(store
            .disabled_transitions(&args.name)
            .map_err(store_err)?
            .into_iter()
            .map(|d| DisabledTransitionView {
                stage_name: d.stage_name,
                reason: d.reason,
                disabled_by: d.disabled_by,
                disabled_time: d.disabled_time,
            })
            .collect())
    }

    pub fn set_transition(&self, args: SetTransitionArgs) -> HostResult<()> {
        if args.enabled {
            self.run_cli(["enable-transition", &args.name, &args.stage_name])?;
            return Ok(());
        }
        let reason = args.reason.unwrap_or_default();
        if reason.trim().is_empty() {
            return Err(IpcError::new(
                "E_INVALID_INPUT",
                "say why the transition is disabled (a reason is required)",
            ));
        }
        self.run_cli([
            "disable-transition",
            &args.name,
            &args.stage_name,
            "--reason",
            &reason,
        ])?;
        Ok(())
    }

    /// `pipewright rerun ID [--from STAGE] --json`: the rerun runs in a worker.
    pub fn rerun_execution(&self, args: RerunArgs) -> HostResult<RunStarted> {
        let mut cli = vec!["rerun".to_string(), args.execution_id];
        if let Some(stage) = args.from_stage {
            cli.push("--from".into());
            cli.push(stage);
        }
        cli.push("--json".into());
        let output = self.run_cli(cli)?;
        super::started_execution(&output, "rerun")
    }
}
