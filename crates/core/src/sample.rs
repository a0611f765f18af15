//! The first-run sample: a tiny project and a Source → Build (two parallel actions) → Test →
//! Deploy pipeline over it. Only content lives here; the store writes it into the data folder.

use crate::format::{parse_document, ParseOptions};
use crate::model::PipelineDocument;

/// The sample pipeline's name.
pub const PIPELINE_NAME: &str = "sample-pipeline";

const PIPELINE: &str = include_str!("sample/pipeline.yaml");

/// The sample project's files: (path relative to the project folder, contents, executable).
pub const PROJECT_FILES: &[(&str, &str, bool)] = &[
    ("README.md", include_str!("sample/project/README.md"), false),
    ("VERSION", include_str!("sample/project/VERSION"), false),
    (
        "src/greet.sh",
        include_str!("sample/project/src/greet.sh"),
        true,
    ),
    (
        "src/index.html",
        include_str!("sample/project/src/index.html"),
        false,
    ),
    (
        "tests/greet_test.sh",
        include_str!("sample/project/tests/greet_test.sh"),
        true,
    ),
];

/// The sample pipeline reading `project_dir`, deploying into `deploy_dir` and running its
/// container actions in `image` (absolute paths, as design.md requires of configuration).
pub fn pipeline(project_dir: &str, deploy_dir: &str, image: &str) -> PipelineDocument {
    let mut doc = parse_document(PIPELINE, &ParseOptions::default())
        .document
        .expect("the embedded sample pipeline parses (tested)");
    for action in doc
        .pipeline
        .stages
        .iter_mut()
        .flat_map(|s| s.actions.iter_mut())
    {
        let key = match action.action_type_id.provider.as_str() {
            "Directory" if action.action_type_id.category == "Source" => "Path",
            "Directory" => "TargetPath",
            "Container" => "Image",
            _ => continue,
        };
        let value = match key {
            "Path" => project_dir,
            "TargetPath" => deploy_dir,
            _ => image,
        };
        action
            .configuration
            .get_or_insert_with(Default::default)
            .insert(key.to_string(), value.to_string());
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{is_valid, validate};

    #[test]
    fn the_sample_is_valid_and_filled_in() {
        let doc = pipeline("/data/sample/project", "/data/sample/deployed", "img:1");
        assert_eq!(doc.pipeline.name, PIPELINE_NAME);
        let diagnostics = validate(&doc);
        assert!(is_valid(&diagnostics), "{diagnostics:#?}");
        let config = |stage: usize, action: usize, key: &str| {
            doc.pipeline.stages[stage].actions[action]
                .configuration
                .as_ref()
                .and_then(|c| c.get(key))
                .cloned()
        };
        assert_eq!(
            config(0, 0, "Path").as_deref(),
            Some("/data/sample/project")
        );
        assert_eq!(config(1, 0, "Image").as_deref(), Some("img:1"));
        assert_eq!(config(1, 1, "Image").as_deref(), Some("img:1"));
        assert_eq!(config(2, 0, "Image").as_deref(), Some("img:1"));
        assert_eq!(
            config(3, 0, "TargetPath").as_deref(),
            Some("/data/sample/deployed")
        );
        // Build has two actions side by side.
        let build = &doc.pipeline.stages[1].actions;
        assert_eq!(build.len(), 2);
        assert_eq!(build[0].run_order, build[1].run_order);
    }

    #[test]
    fn project_files_are_relative_and_distinct() {
        let mut seen = std::collections::HashSet::new();
        for (path, contents, _) in PROJECT_FILES {
            assert!(!path.starts_with('/') && !path.contains(".."), "{path}");
            assert!(!contents.is_empty(), "{path}");
            assert!(seen.insert(*path), "{path}");
        }
    }
}
