//! The metrics dashboard: the store's one `metrics` function (also `pipewright metrics`) over
//! the selected time range.

use super::{store_err, Host, HostResult};
use pipewright_core::api::{Metrics, MetricsArgs};

impl Host {
    pub fn get_metrics(&self, args: MetricsArgs) -> HostResult<Metrics> {
        let since = args.range.span().map(pipewright_store::rfc3339_ago);
        self.store()?
            .metrics(args.pipeline.as_deref(), since.as_deref())
            .map_err(store_err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pipewright_core::api::{CreatePipelineArgs, MetricsRange};

    #[test]
    fn metrics_of_a_pipeline_of_all_and_of_an_unknown_one() {
        let dir = tempfile::tempdir().unwrap();
        let host = Host::open(dir.path()).unwrap();
        let template = host.list_templates()[0].id.clone();
        host.create_pipeline(CreatePipelineArgs {
            name: "web".into(),
            template,
        })
        .unwrap();
        let m = host
            .get_metrics(MetricsArgs {
                pipeline: Some("web".into()),
                range: MetricsRange::Last7Days,
            })
            .unwrap();
        assert_eq!(m.pipeline_name.as_deref(), Some("web"));
        assert_eq!(m.executions.total, 0);
        assert!(m.since.is_some(), "7d is a lower bound");
        let all = host
            .get_metrics(MetricsArgs {
                pipeline: None,
                range: MetricsRange::All,
            })
            .unwrap();
        assert_eq!((all.pipeline_name, all.since), (None, None));
        let err = host
            .get_metrics(MetricsArgs {
                pipeline: Some("nope".into()),
                range: MetricsRange::All,
            })
            .unwrap_err();
        assert_eq!(err.code, "E_NOT_FOUND");
    }
}
