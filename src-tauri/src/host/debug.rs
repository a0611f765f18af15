//! A pipeline's local debug settings in the app (pause points, keeping failed containers):
//! the same store rows as `pipewright debug NAME`.

use super::{store_err, Host, HostResult};
use pipewright_core::api::{
    DebugSettings, NameArgs, PausePoint, SetKeepFailedArgs, SetPauseBeforeArgs,
};

fn view(s: pipewright_store::debug::DebugSettings) -> DebugSettings {
    DebugSettings {
        pause_points: s
            .pause_points
            .into_iter()
            .map(|(stage_name, action_name)| PausePoint {
                stage_name,
                action_name,
            })
            .collect(),
        keep_failed_containers: s.keep_failed_containers,
    }
}

impl Host {
    pub fn get_debug_settings(&self, args: NameArgs) -> HostResult<DebugSettings> {
        let store = self.store()?;
        store
            .debug_settings(&args.name)
            .map(view)
            .map_err(store_err)
    }

    /// Mark or unmark an action "pause before" (read by executions when they reach it).
    pub fn set_pause_before(&self, args: SetPauseBeforeArgs) -> HostResult<DebugSettings> {
        let mut store = self.store()?;
        store
            .set_pause_before(
                &args.pipeline_name,
                &args.stage_name,
                &args.action_name,
                args.paused,
            )
            .map(view)
            .map_err(store_err)
    }

    pub fn set_keep_failed_containers(&self, args: SetKeepFailedArgs) -> HostResult<DebugSettings> {
        let mut store = self.store()?;
        store
            .set_keep_failed_containers(&args.pipeline_name, args.keep)
            .map(view)
            .map_err(store_err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pipewright_core::api::ImportArgs;

    #[test]
    fn pause_points_follow_the_latest_version_and_unknown_actions_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let host = Host::open(dir.path()).unwrap();
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../tests/fixtures/sample-codepipeline.json"),
        )
        .unwrap();
        let imported = host
            .import_pipeline(ImportArgs {
                text,
                name: None,
                draft: false,
                source_path: None,
            })
            .unwrap();
        let name = imported.saved.unwrap().name;
        let doc = host
            .get_pipeline(pipewright_core::api::GetPipelineArgs {
                name: name.clone(),
                version: None,
            })
            .unwrap()
            .document;
        let stage = doc.pipeline.stages[1].name.clone();
        let action = doc.pipeline.stages[1].actions[0].name.clone();
        let set = |paused| {
            host.set_pause_before(SetPauseBeforeArgs {
                pipeline_name: name.clone(),
                stage_name: stage.clone(),
                action_name: action.clone(),
                paused,
            })
        };
        let on = set(true).unwrap();
        assert_eq!(
            on.pause_points,
            vec![PausePoint {
                stage_name: stage.clone(),
                action_name: action.clone()
            }]
        );
        assert!(!on.keep_failed_containers);
        let kept = host
            .set_keep_failed_containers(SetKeepFailedArgs {
                pipeline_name: name.clone(),
                keep: true,
            })
            .unwrap();
        assert!(kept.keep_failed_containers);
        assert_eq!(kept.pause_points.len(), 1);
        assert!(set(false).unwrap().pause_points.is_empty());
        let unknown = host
            .set_pause_before(SetPauseBeforeArgs {
                pipeline_name: name.clone(),
                stage_name: stage.clone(),
                action_name: "NoSuchAction".into(),
                paused: true,
            })
            .unwrap_err();
        assert_eq!(unknown.code, "E_NOT_FOUND");
        assert!(
            unknown.message.contains("NoSuchAction"),
            "{}",
            unknown.message
        );
        let no_pipeline = host
            .get_debug_settings(NameArgs {
                name: "missing".into(),
            })
            .unwrap_err();
        assert_eq!(no_pipeline.code, "E_NOT_FOUND");
    }
}
