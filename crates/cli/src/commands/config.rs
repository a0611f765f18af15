//! `pipewright config get KEY | set KEY VALUE | list [--json]`.

use crate::args::ConfigCommand;
use crate::error::{CliResult, Exit};
use crate::output::{out, out_json, table};
use pipewright_store::Store;
use serde_json::json;

pub fn run(cmd: ConfigCommand, store: &mut Store) -> CliResult {
    match cmd {
        ConfigCommand::Get { key } => out(&store.get_setting(&key)?)?,
        ConfigCommand::Set { key, value } => {
            store.set_setting(&key, &value)?;
            out(&format!("{key} = {}", store.get_setting(&key)?))?;
        }
        ConfigCommand::List { json } => {
            let settings = store.list_settings()?;
            if json {
                out_json(&json!({ "settings": settings }))?;
            } else {
                let rows: Vec<Vec<String>> = settings
                    .iter()
                    .map(|s| {
                        vec![
                            s.key.clone(),
                            s.value.clone(),
                            s.default.clone(),
                            s.description.clone(),
                        ]
                    })
                    .collect();
                out(&table(&["KEY", "VALUE", "DEFAULT", "DESCRIPTION"], &rows))?;
            }
        }
    }
    Ok(Exit::Success)
}
