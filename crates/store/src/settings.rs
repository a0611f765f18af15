//! Settings shared by the app's settings screen and `pipewright config`: a fixed set of known
//! keys, each with a default, a description and a validation rule. Only values that were set
//! are stored; an unset key reads as its default.

use crate::error::{codes, StoreError};
use crate::{now_rfc3339, Store};
use rusqlite::OptionalExtension;
use serde::Serialize;

/// A known setting with its current value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Setting {
    pub key: String,
    pub value: String,
    pub default: String,
    pub description: String,
}

/// `images.pull`: when to pull images for container actions.
pub const IMAGES_PULL: &str = "images.pull";
/// `images.default`: the image for AWS actions (CodeBuild, Commands) without `pipewright.image`.
pub const IMAGES_DEFAULT: &str = "images.default";
/// `artifacts.keepExecutions`: how many executions' artifacts to keep per pipeline.
pub const ARTIFACTS_KEEP_EXECUTIONS: &str = "artifacts.keepExecutions";
/// `notifications.enabled`: desktop notifications when an execution ends or waits for a
/// decision ("true"/"false"); `notifications.enabled.<PIPELINE>` overrides it per pipeline.
pub const NOTIFICATIONS_ENABLED: &str = "notifications.enabled";

struct SettingDef {
    key: &'static str,
    default: &'static str,
    description: &'static str,
    /// Returns the normalized value, or what is wrong with it.
    check: fn(&str) -> Result<String, String>,
}

const DEFS: &[SettingDef] = &[
    SettingDef {
        key: IMAGES_PULL,
        default: "missing",
        description: "When to pull container images: never, missing (only when not present locally) or always",
        check: check_pull,
    },
    SettingDef {
        key: IMAGES_DEFAULT,
        default: "pipewright/busybox:local",
        description: "Image for AWS actions such as CodeBuild and Commands that set no pipewright.image",
        check: check_image,
    },
    SettingDef {
        key: ARTIFACTS_KEEP_EXECUTIONS,
        default: "10",
        description: "How many executions' artifacts to keep per pipeline (older ones are removed)",
        check: check_positive,
    },
    SettingDef {
        key: NOTIFICATIONS_ENABLED,
        default: "true",
        description: "Desktop notifications when an execution ends or waits for approval (true or false); notifications.enabled.PIPELINE overrides it for one pipeline",
        check: check_bool,
    },
];

fn check_pull(value: &str) -> Result<String, String> {
    match value.trim() {
        v @ ("never" | "missing" | "always") => Ok(v.to_string()),
        _ => Err("must be one of never, missing, always".into()),
    }
}

fn check_image(value: &str) -> Result<String, String> {
    let v = value.trim();
    if v.is_empty() {
        Err("must name an image, e.g. pipewright/busybox:local".into())
    } else if v.chars().any(char::is_whitespace) {
        Err("an image reference cannot contain spaces".into())
    } else {
        Ok(v.to_string())
    }
}

fn check_positive(value: &str) -> Result<String, String> {
    match value.trim().parse::<u32>() {
        Ok(n) if n > 0 => Ok(n.to_string()),
        _ => Err("must be a whole number of at least 1".into()),
    }
}

/// `true`/`false` (also on/off, yes/no, 1/0, any case), stored as `true` or `false`.
pub fn parse_bool(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "on" | "yes" | "1" => Some(true),
        "false" | "off" | "no" | "0" => Some(false),
        _ => None,
    }
}

fn check_bool(value: &str) -> Result<String, String> {
    parse_bool(value)
        .map(|b| b.to_string())
        .ok_or_else(|| "must be true or false".into())
}

fn def(key: &str) -> Result<&'static SettingDef, StoreError> {
    DEFS.iter()
        .find(|d| d.key == key)
        .or_else(|| {
            // `notifications.enabled.<PIPELINE>`: the same rule as the global switch.
            per_pipeline_notifications(key).map(|_| notifications_def())
        })
        .ok_or_else(|| {
            let known: Vec<&str> = DEFS.iter().map(|d| d.key).collect();
            StoreError::new(
                codes::SETTING_UNKNOWN,
                format!(
                    "there is no setting `{key}`; known settings: {} (and {NOTIFICATIONS_ENABLED}.PIPELINE)",
                    known.join(", ")
                ),
            )
        })
}

fn notifications_def() -> &'static SettingDef {
    // NOTIFICATIONS_ENABLED is one of DEFS; the fallback only keeps this total.
    DEFS.iter()
        .find(|d| d.key == NOTIFICATIONS_ENABLED)
        .unwrap_or(&DEFS[0])
}

/// The pipeline a `notifications.enabled.<PIPELINE>` key is about, when `key` is one (the
/// name follows CodePipeline's rule: `[A-Za-z0-9.@-_]`, 1–100 characters).
pub fn per_pipeline_notifications(key: &str) -> Option<&str> {
    let name = key.strip_prefix(NOTIFICATIONS_ENABLED)?.strip_prefix('.')?;
    let usable = (1..=100).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '@' | '-' | '_'));
    usable.then_some(name)
}

/// The key of a pipeline's own notifications switch.
pub fn pipeline_notifications_key(pipeline: &str) -> String {
    format!("{NOTIFICATIONS_ENABLED}.{pipeline}")
}

/// Whether desktop notifications are on: the global switch and the per-pipeline overrides.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NotificationSettings {
    /// `notifications.enabled`: for pipelines without an override.
    pub enabled: bool,
    /// `notifications.enabled.<PIPELINE>` values that were set, by pipeline.
    pub pipelines: std::collections::BTreeMap<String, bool>,
}

impl NotificationSettings {
    /// Whether notifications about `pipeline` are shown.
    pub fn enabled_for(&self, pipeline: &str) -> bool {
        self.pipelines
            .get(pipeline)
            .copied()
            .unwrap_or(self.enabled)
    }
}

/// The keys of every known setting.
pub fn known_keys() -> Vec<&'static str> {
    DEFS.iter().map(|d| d.key).collect()
}

impl Store {
    /// The value of a known setting, its default when unset (for a per-pipeline override,
    /// the value of the setting it overrides).
    pub fn get_setting(&self, key: &str) -> Result<String, StoreError> {
        let def = def(key)?;
        let stored: Option<String> = self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.sql_err(e))?;
        match stored {
            Some(v) => Ok(v),
            None if def.key != key => self.get_setting(def.key),
            None => Ok(def.default.to_string()),
        }
    }

    /// The notifications switch and every per-pipeline override that was set.
    pub fn notification_settings(&self) -> Result<NotificationSettings, StoreError> {
        let enabled = parse_bool(&self.get_setting(NOTIFICATIONS_ENABLED)?).unwrap_or(true);
        let prefix = format!("{NOTIFICATIONS_ENABLED}.");
        let mut stmt = self
            .conn
            .prepare("SELECT key, value FROM settings WHERE substr(key, 1, ?2) = ?1 ORDER BY key")
            .map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map((&prefix, prefix.len() as i64), |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })
            .map_err(|e| self.sql_err(e))?;
        let mut pipelines = std::collections::BTreeMap::new();
        for row in rows {
            let (key, value) = row.map_err(|e| self.sql_err(e))?;
            if let (Some(name), Some(on)) = (per_pipeline_notifications(&key), parse_bool(&value)) {
                pipelines.insert(name.to_string(), on);
            }
        }
        Ok(NotificationSettings { enabled, pipelines })
    }

    /// Set a known setting after checking its value (stored trimmed and normalized, e.g.
    /// `010` as `10`).
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        let def = def(key)?;
        let value = (def.check)(value).map_err(|why| {
            StoreError::new(
                codes::SETTING_VALUE,
                format!("`{value}` is not a valid value for {key}: it {why}"),
            )
        })?;
        self.conn
            .execute(
                "INSERT INTO settings (key, value, updated) VALUES (?1, ?2, ?3)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated = excluded.updated",
                (key, &value, now_rfc3339()),
            )
            .map_err(|e| self.sql_err(e))?;
        Ok(())
    }

    /// Every known setting with its current value, in a fixed order, then the per-pipeline
    /// notification overrides that were set (their default: the global switch).
    pub fn list_settings(&self) -> Result<Vec<Setting>, StoreError> {
        let mut list = DEFS
            .iter()
            .map(|d| {
                Ok(Setting {
                    key: d.key.to_string(),
                    value: self.get_setting(d.key)?,
                    default: d.default.to_string(),
                    description: d.description.to_string(),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let notifications = self.notification_settings()?;
        for (pipeline, on) in &notifications.pipelines {
            list.push(Setting {
                key: pipeline_notifications_key(pipeline),
                value: on.to_string(),
                default: notifications.enabled.to_string(),
                description: format!(
                    "Desktop notifications for {pipeline} (overrides {NOTIFICATIONS_ENABLED})"
                ),
            });
        }
        Ok(list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        (dir, store)
    }

    #[test]
    fn notifications_are_on_by_default_and_overridable_per_pipeline() {
        let (_dir, mut store) = store();
        assert_eq!(store.get_setting(NOTIFICATIONS_ENABLED).unwrap(), "true");
        // An unset override reads as the global switch.
        assert_eq!(
            store
                .get_setting("notifications.enabled.build-app")
                .unwrap(),
            "true"
        );
        store
            .set_setting("notifications.enabled.build-app", "Off")
            .unwrap();
        store.set_setting(NOTIFICATIONS_ENABLED, "no").unwrap();
        store
            .set_setting("notifications.enabled.docs.site", "1")
            .unwrap();
        assert_eq!(
            store
                .get_setting("notifications.enabled.build-app")
                .unwrap(),
            "false"
        );
        assert_eq!(store.get_setting(NOTIFICATIONS_ENABLED).unwrap(), "false");
        // Unset overrides follow the switch.
        assert_eq!(
            store.get_setting("notifications.enabled.other").unwrap(),
            "false"
        );
        let settings = store.notification_settings().unwrap();
        assert!(!settings.enabled);
        assert_eq!(
            settings.pipelines.into_iter().collect::<Vec<_>>(),
            [
                ("build-app".to_string(), false),
                ("docs.site".to_string(), true)
            ]
        );
        let s = store.notification_settings().unwrap();
        assert!(s.enabled_for("docs.site"));
        assert!(!s.enabled_for("build-app"));
        assert!(!s.enabled_for("other"));
    }

    #[test]
    fn overrides_are_listed_after_the_known_settings() {
        let (_dir, mut store) = store();
        store
            .set_setting("notifications.enabled.build-app", "false")
            .unwrap();
        let list = store.list_settings().unwrap();
        let keys: Vec<&str> = list.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(&keys[..DEFS.len()], known_keys().as_slice());
        let last = list.last().unwrap();
        assert_eq!(last.key, "notifications.enabled.build-app");
        assert_eq!(
            (last.value.as_str(), last.default.as_str()),
            ("false", "true")
        );
    }

    #[test]
    fn bad_keys_and_values_are_refused() {
        let (_dir, mut store) = store();
        for key in [
            "notifications.enabled.",
            "notifications.enabled.has space",
            "notifications.enabledx",
            "notifications.other",
        ] {
            let err = store.set_setting(key, "true").unwrap_err();
            assert_eq!(err.code(), "E_SETTING_UNKNOWN", "{key}: {err}");
        }
        let err = store
            .set_setting("notifications.enabled.build-app", "maybe")
            .unwrap_err();
        assert_eq!(err.code(), "E_SETTING_VALUE", "{err}");
        assert!(err.message().contains("true or false"), "{err}");
    }

    #[test]
    fn the_event_log_end_is_zero_when_empty() {
        let (_dir, store) = store();
        assert_eq!(store.last_event_seq().unwrap(), 0);
    }
}
