//! `pipewright validate FILE [--json]`: check a file without saving it. Exit 1 when invalid.

use super::{check, read_input};
use crate::args::ValidateArgs;
use crate::error::{CliResult, Exit};
use crate::output::{counts, diagnostic_line, out, out_json};
use pipewright_core::is_valid;
use serde_json::json;

pub fn run(args: ValidateArgs) -> CliResult {
    let input = read_input(&args.file)?;
    let (doc, diagnostics) = check(&input, None);
    let valid = doc.is_some() && is_valid(&diagnostics);
    if args.json {
        out_json(&json!({ "valid": valid, "diagnostics": diagnostics }))?;
    } else {
        let mut text: Vec<String> = diagnostics.iter().map(diagnostic_line).collect();
        let verdict = if valid { "valid" } else { "invalid" };
        let detail = counts(&diagnostics);
        text.push(if detail.is_empty() {
            format!("{}: {verdict}", input.label)
        } else {
            format!("{}: {verdict} ({detail})", input.label)
        });
        out(&text.join("\n"))?;
    }
    Ok(if valid { Exit::Success } else { Exit::Domain })
}
