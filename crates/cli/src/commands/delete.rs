//! `pipewright delete NAME`: the pipeline, all its versions and its executions.

use crate::args::DeleteArgs;
use crate::error::{CliResult, Exit};
use crate::output::out;
use pipewright_store::Store;

pub fn run(args: DeleteArgs, store: &mut Store) -> CliResult {
    let deleted = store.delete_pipeline_counted(&args.name)?;
    let plural = |n: i64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    out(&format!(
        "deleted {} ({} and {} with it)",
        args.name,
        plural(deleted.versions, "version", "versions"),
        plural(deleted.executions, "execution", "executions")
    ))?;
    Ok(Exit::Success)
}
