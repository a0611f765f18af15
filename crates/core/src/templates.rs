//! Templates for new pipelines, and sets of one pipeline per environment.

use crate::api::TemplateInfo;
use crate::format::{parse_document, ParseOptions};
use crate::model::{PipelineDocument, PipelineVariableDeclaration};

const SOURCE_BUILD_TEST_DEPLOY: &str = include_str!("templates/source-build-test-deploy.yaml");
const SOURCE_BUILD_TEST_APPROVE_DEPLOY: &str =
    include_str!("templates/source-build-test-approve-deploy.yaml");

/// The pipeline variable an environment set differs in.
pub const ENVIRONMENT_VARIABLE: &str = "environment";

pub fn list() -> Vec<TemplateInfo> {
    vec![
        TemplateInfo {
            id: "source-build-test-deploy".into(),
            title: "Source → Build → Test → Deploy".into(),
            description:
                "A folder as source, a build and a test in a container, and a deploy into a folder."
                    .into(),
        },
        TemplateInfo {
            id: "source-build-test-approve-deploy".into(),
            title: "Source → Build → Test → Approve → Deploy".into(),
            description: "The same with a manual approval before the deploy, as a release gate."
                .into(),
        },
    ]
}

/// A new pipeline document from a template, named `name`. `None` for an unknown template id.
pub fn instantiate(id: &str, name: &str) -> Option<PipelineDocument> {
    let text = match id {
        "source-build-test-deploy" => SOURCE_BUILD_TEST_DEPLOY,
        "source-build-test-approve-deploy" => SOURCE_BUILD_TEST_APPROVE_DEPLOY,
        _ => return None,
    };
    let mut doc = parse_document(text, &ParseOptions::default()).document?;
    doc.pipeline.name = name.to_string();
    Some(doc)
}

/// `doc` as the pipeline of one environment: named `<name>-<environment>`, with the pipeline
/// variable `environment` defaulting to it (declared when missing; V2, since variables are).
pub fn for_environment(
    doc: &PipelineDocument,
    base_name: &str,
    environment: &str,
) -> PipelineDocument {
    let mut copy = doc.clone();
    copy.pipeline.name = format!("{base_name}-{environment}");
    copy.pipeline.version = None;
    set_variable_default(&mut copy, ENVIRONMENT_VARIABLE, environment);
    copy
}

/// One definition for several environments: Directory deploys go to a folder per environment
/// (`…/#{variables.environment}`), then one copy per environment (see [`for_environment`]).
pub fn environment_set(
    doc: &PipelineDocument,
    base_name: &str,
    environments: &[String],
) -> Vec<PipelineDocument> {
    let mut shared = doc.clone();
    let reference = format!("#{{variables.{ENVIRONMENT_VARIABLE}}}");
    for action in shared
        .pipeline
        .stages
        .iter_mut()
        .flat_map(|s| s.actions.iter_mut())
    {
        let id = &action.action_type_id;
        if id.category != "Deploy" || id.owner != "Custom" || id.provider != "Directory" {
            continue;
        }
        if let Some(target) = action
            .configuration
            .as_mut()
            .and_then(|c| c.get_mut("TargetPath"))
        {
            if !target.contains(&reference) {
                *target = format!("{}/{reference}", target.trim_end_matches('/'));
            }
        }
    }
    environments
        .iter()
        .map(|env| for_environment(&shared, base_name, env))
        .collect()
}

/// Set (or declare) pipeline variable `name` with `value` as its default. Variables need
/// pipelineType V2, so a V1 document becomes V2.
pub fn set_variable_default(doc: &mut PipelineDocument, name: &str, value: &str) {
    doc.pipeline.pipeline_type = Some("V2".into());
    let variables = doc.pipeline.variables.get_or_insert_with(Vec::new);
    match variables.iter_mut().find(|v| v.name == name) {
        Some(v) => v.default_value = Some(value.to_string()),
        None => variables.push(PipelineVariableDeclaration {
            name: name.to_string(),
            default_value: Some(value.to_string()),
            description: Some(format!("The {name} this copy of the pipeline is for")),
            extra: Default::default(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{is_valid, validate};

    #[test]
    fn every_template_is_valid() {
        for t in list() {
            let doc = instantiate(&t.id, "p").unwrap();
            assert!(is_valid(&validate(&doc)), "{}: {:#?}", t.id, validate(&doc));
        }
        let approve = instantiate("source-build-test-approve-deploy", "p").unwrap();
        let names: Vec<&str> = approve
            .pipeline
            .stages
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(names, ["Source", "Build", "Test", "Approve", "Deploy"]);
    }

    #[test]
    fn an_environment_copy_differs_in_its_variable_only() {
        let doc = instantiate("source-build-test-deploy", "web").unwrap();
        let dev = for_environment(&doc, "web", "dev");
        let prod = for_environment(&doc, "web", "prod");
        assert_eq!(
            (dev.pipeline.name.as_str(), prod.pipeline.name.as_str()),
            ("web-dev", "web-prod")
        );
        let default = |d: &PipelineDocument| {
            d.pipeline.variables.as_ref().unwrap()[0]
                .default_value
                .clone()
        };
        assert_eq!(default(&dev).as_deref(), Some("dev"));
        assert_eq!(default(&prod).as_deref(), Some("prod"));
        assert_eq!(dev.pipeline.stages, prod.pipeline.stages);
        assert!(is_valid(&validate(&dev)), "{:#?}", validate(&dev));
        let set = environment_set(&doc, "web", &["dev".into(), "prod".into()]);
        let target = |d: &PipelineDocument| {
            d.pipeline.stages[3].actions[0]
                .configuration
                .as_ref()
                .unwrap()["TargetPath"]
                .clone()
        };
        assert_eq!(
            target(&set[0]),
            "/tmp/pipewright-deploy/#{variables.environment}"
        );
        assert_eq!(
            set[0].pipeline.stages, set[1].pipeline.stages,
            "only the variables differ"
        );
        assert!(is_valid(&validate(&set[1])), "{:#?}", validate(&set[1]));
        // An existing declaration gets a new default, not a second declaration.
        let again = for_environment(&dev, "web", "staging");
        assert_eq!(again.pipeline.variables.as_ref().unwrap().len(), 1);
        assert_eq!(default(&again).as_deref(), Some("staging"));
    }
}
