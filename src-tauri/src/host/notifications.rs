//! Handlers of the per-pipeline desktop notifications switch (`notifications.enabled.<NAME>`,
//! the same setting as `pipewright config set notifications.enabled.NAME false`).

use super::{store_err, Host, HostResult};
use pipewright_core::api::{NameArgs, SetNotificationsArgs};
use pipewright_store::pipeline_notifications_key;

impl Host {
    /// Whether desktop notifications about this pipeline are shown: its own switch when
    /// set, else the global `notifications.enabled`.
    pub fn get_notifications(&self, args: NameArgs) -> HostResult<bool> {
        let store = self.store()?;
        store.get_pipeline(&args.name, None).map_err(store_err)?;
        let settings = store.notification_settings().map_err(store_err)?;
        Ok(settings.enabled_for(&args.name))
    }

    /// Turn this pipeline's desktop notifications on or off (an unknown pipeline is refused).
    pub fn set_notifications(&self, args: SetNotificationsArgs) -> HostResult<()> {
        let mut store = self.store()?;
        store.get_pipeline(&args.name, None).map_err(store_err)?;
        store
            .set_setting(
                &pipeline_notifications_key(&args.name),
                &args.enabled.to_string(),
            )
            .map_err(store_err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pipewright_core::api::CreatePipelineArgs;
    use pipewright_store::Store;

    #[test]
    fn the_switch_is_per_pipeline_and_shared_with_the_settings() {
        let dir = tempfile::tempdir().unwrap();
        let host = Host::open(dir.path()).unwrap();
        for name in ["app", "docs"] {
            host.create_pipeline(CreatePipelineArgs {
                name: name.into(),
                template: "source-build-test-deploy".into(),
            })
            .unwrap();
        }
        let get = |name: &str| host.get_notifications(NameArgs { name: name.into() });
        assert!(get("app").unwrap(), "on by default");
        host.set_notifications(SetNotificationsArgs {
            name: "app".into(),
            enabled: false,
        })
        .unwrap();
        assert!(!get("app").unwrap());
        assert!(get("docs").unwrap());
        // The same setting as `pipewright config set notifications.enabled.app …`.
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(
            store.get_setting("notifications.enabled.app").unwrap(),
            "false"
        );
        host.set_notifications(SetNotificationsArgs {
            name: "app".into(),
            enabled: true,
        })
        .unwrap();
        assert!(get("app").unwrap());
    }

    #[test]
    fn an_unknown_pipeline_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let host = Host::open(dir.path()).unwrap();
        let err = host
            .set_notifications(SetNotificationsArgs {
                name: "missing".into(),
                enabled: false,
            })
            .unwrap_err();
        assert!(err.message.contains("missing"), "{err:?}");
        let err = host
            .get_notifications(NameArgs {
                name: "missing".into(),
            })
            .unwrap_err();
        assert_eq!(err.code, "E_NOT_FOUND", "{err:?}");
    }
}
