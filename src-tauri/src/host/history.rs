//! The History view's pages: executions of one pipeline or of every pipeline, newest first,
//! read from the store directly (the store's keyset pages; filters as the CLI's flags read them).

use super::{store_err, Host, HostResult};
use pipewright_core::api::*;
use pipewright_store::execution::history::{elapsed_ms, ExecutionFilter, TriggerKind};
use pipewright_store::execution::shapes::PipelineExecutionSummary;

impl Host {
    pub fn list_executions(&self, args: ListExecutionsArgs) -> HostResult<ExecutionPage> {
        let limit = args.limit.unwrap_or(DEFAULT_EXECUTION_PAGE);
        if !(1..=MAX_EXECUTION_PAGE).contains(&limit) {
            return Err(IpcError::new(
                "E_INVALID_FILTER",
                format!("a page holds 1 to {MAX_EXECUTION_PAGE} executions, not {limit}"),
            ));
        }
        let filter = ExecutionFilter::parse(
            args.pipeline.as_deref(),
            args.statuses.as_deref().unwrap_or_default(),
            args.triggers.as_deref().unwrap_or_default(),
            args.branch.as_deref(),
            args.since.as_deref(),
            args.until.as_deref(),
        )
        .map_err(store_err)?;
        let page = self
            .store()?
            .list_execution_page(
                &filter,
                Some(limit as usize),
                args.next_token.as_deref().filter(|t| !t.is_empty()),
            )
            .map_err(store_err)?;
        let pipeline = filter.pipeline_name.unwrap_or_default();
        Ok(ExecutionPage {
            executions: page
                .pipeline_execution_summaries
                .into_iter()
                .map(|s| summary_view(s, &pipeline))
                .collect(),
            next_token: page.next_token,
        })
    }
}

/// A listing's row as the History view shows it (`pipeline`: the listed pipeline's name, for
/// rows that do not carry one).
fn summary_view(s: PipelineExecutionSummary, pipeline: &str) -> ExecutionSummaryView {
    let kind = TriggerKind::of(&s.trigger.trigger_type, s.trigger.trigger_detail.as_deref())
        .map_or("other", TriggerKind::as_str);
    ExecutionSummaryView {
        duration_ms: if s.status.is_running() {
            None
        } else {
            elapsed_ms(&s.start_time, &s.last_update_time)
        },
        execution_id: s.pipeline_execution_id,
        pipeline_name: s.pipeline_name.unwrap_or_else(|| pipeline.to_string()),
        pipeline_version: s.pipeline_version,
        status: s.status.to_string(),
        status_summary: s.status_summary,
        trigger_kind: kind.to_string(),
        trigger: TriggerView {
            trigger_type: s.trigger.trigger_type,
            trigger_detail: s.trigger.trigger_detail,
        },
        source_revisions: s
            .source_revisions
            .into_iter()
            .map(|r| SourceRevisionView {
                action_name: r.action_name,
                revision_id: r.revision_id,
                revision_summary: r.revision_summary,
                revision_url: r.revision_url,
            })
            .collect(),
        branch: s.branch_name,
        variables: s
            .variables
            .into_iter()
            .map(|v| NamedValue {
                name: v.name,
                value: v.resolved_value,
            })
            .collect(),
        start_time: s.start_time,
        last_update_time: s.last_update_time,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pipewright_store::execution::{NewExecution, Trigger};
    use pipewright_store::SaveBase;

    fn host_with_runs() -> (tempfile::TempDir, Host) {
        let dir = tempfile::tempdir().expect("tempdir");
        let host = Host::open(dir.path()).expect("open");
        {
            let mut store = host.store().expect("store");
            for name in ["a", "b"] {
                let doc = serde_json::from_value(
                    serde_json::json!({"pipeline": {"name": name, "stages": []}}),
                )
                .expect("doc");
                store
                    .save_pipeline(&doc, true, SaveBase::New)
                    .expect("save");
            }
            for (id, pipeline, detail) in [
                ("x1", "a", None),
                ("x2", "b", Some("pipeline/a/x1".to_string())),
                ("x3", "a", None),
            ] {
                store
                    .create_execution(&NewExecution {
                        id: id.into(),
                        pipeline_name: pipeline.into(),
                        pipeline_version: 1,
                        trigger: Trigger::manual(detail),
                        variables: vec![],
                    })
                    .expect("create");
                // Distinct start times: executions created in one millisecond tie.
                std::thread::sleep(std::time::Duration::from_millis(3));
            }
        }
        (dir, host)
    }

    #[test]
    fn pages_name_their_pipeline_and_group_triggers() {
        let (_dir, host) = host_with_runs();
        let all = host.list_executions(ListExecutionsArgs::default()).unwrap();
        let rows: Vec<_> = all
            .executions
            .iter()
            .map(|e| {
                (
                    e.execution_id.as_str(),
                    e.pipeline_name.as_str(),
                    e.trigger_kind.as_str(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("x3", "a", "manual"),
                ("x2", "b", "pipeline"),
                ("x1", "a", "manual")
            ]
        );
        assert!(
            all.executions.iter().all(|e| e.duration_ms.is_none()),
            "running"
        );

        let one = host
            .list_executions(ListExecutionsArgs {
                pipeline: Some("a".into()),
                limit: Some(1),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(one.executions[0].pipeline_name, "a");
        let next = host
            .list_executions(ListExecutionsArgs {
                pipeline: Some("a".into()),
                limit: Some(1),
                next_token: one.next_token,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(next.executions[0].execution_id, "x1");
        assert_eq!(next.next_token, None);

        let by_pipeline = host
            .list_executions(ListExecutionsArgs {
                triggers: Some(vec!["pipeline".into()]),
                statuses: Some(vec!["InProgress".into()]),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(by_pipeline.executions.len(), 1);
    }

    #[test]
    fn refusals_cross_as_codes() {
        let (_dir, host) = host_with_runs();
        let code = |args: ListExecutionsArgs| host.list_executions(args).unwrap_err().code;
        assert_eq!(
            code(ListExecutionsArgs {
                limit: Some(0),
                ..Default::default()
            }),
            "E_INVALID_FILTER"
        );
        assert_eq!(
            code(ListExecutionsArgs {
                statuses: Some(vec!["Done".into()]),
                ..Default::default()
            }),
            "E_INVALID_FILTER"
        );
        assert_eq!(
            code(ListExecutionsArgs {
                next_token: Some("zz".into()),
                ..Default::default()
            }),
            "E_INVALID_TOKEN"
        );
        assert_eq!(
            code(ListExecutionsArgs {
                pipeline: Some("nope".into()),
                ..Default::default()
            }),
            "E_NOT_FOUND"
        );
    }
}
