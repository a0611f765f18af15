//! Templates for new pipelines.

use crate::api::TemplateInfo;
use crate::format::{parse_document, ParseOptions};
use crate::model::PipelineDocument;

const SOURCE_BUILD_TEST_DEPLOY: &str = include_str!("templates/source-build-test-deploy.yaml");

pub fn list() -> Vec<TemplateInfo> {
    vec![TemplateInfo {
        id: "source-build-test-deploy".into(),
        title: "Source → Build → Test → Deploy".into(),
        description:
            "A folder as source, a build and a test in a container, and a deploy into a folder."
                .into(),
    }]
}

/// A new pipeline document from a template, named `name`. `None` for an unknown template id.
pub fn instantiate(id: &str, name: &str) -> Option<PipelineDocument> {
    let text = match id {
        "source-build-test-deploy" => SOURCE_BUILD_TEST_DEPLOY,
        _ => return None,
    };
    let mut doc = parse_document(text, &ParseOptions::default()).document?;
    doc.pipeline.name = name.to_string();
    Some(doc)
}
