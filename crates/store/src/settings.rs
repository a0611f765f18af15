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

fn def(key: &str) -> Result<&'static SettingDef, StoreError> {
    DEFS.iter().find(|d| d.key == key).ok_or_else(|| {
        let known: Vec<&str> = DEFS.iter().map(|d| d.key).collect();
        StoreError::new(
            codes::SETTING_UNKNOWN,
            format!(
                "there is no setting `{key}`; known settings: {}",
                known.join(", ")
            ),
        )
    })
}

/// The keys of every known setting.
pub fn known_keys() -> Vec<&'static str> {
    DEFS.iter().map(|d| d.key).collect()
}

impl Store {
    /// The value of a known setting, its default when unset.
    pub fn get_setting(&self, key: &str) -> Result<String, StoreError> {
        let def = def(key)?;
        let stored: Option<String> = self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.sql_err(e))?;
        Ok(stored.unwrap_or_else(|| def.default.to_string()))
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

    /// Every known setting with its current value, in a fixed order.
    pub fn list_settings(&self) -> Result<Vec<Setting>, StoreError> {
        DEFS.iter()
            .map(|d| {
                Ok(Setting {
                    key: d.key.to_string(),
                    value: self.get_setting(d.key)?,
                    default: d.default.to_string(),
                    description: d.description.to_string(),
                })
            })
            .collect()
    }
}
