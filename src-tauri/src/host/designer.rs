//! Handlers of the designer: exporting the document being edited, saved or not.

use super::{Host, HostResult};
use pipewright_core::api::{ExportDocumentArgs, ExportFormatArg, ExportResult, IpcError};
use pipewright_core::{codepipeline_export_refusal, export, ExportFormat};

/// The core's export format for an IPC format, and the file name extension it suggests.
pub(super) fn export_format(arg: ExportFormatArg) -> (ExportFormat, &'static str) {
    match arg {
        ExportFormatArg::Yaml => (ExportFormat::Yaml, "yaml"),
        ExportFormatArg::Json => (ExportFormat::Json, "json"),
        ExportFormatArg::Codepipeline => (ExportFormat::CodePipeline, "codepipeline.json"),
    }
}

impl Host {
    /// Exports a draft with the core's conversion and warnings; CodePipeline JSON refuses a
    /// document with errors (`E_INVALID_PIPELINE`, naming the first), as the CLI does.
    pub fn export_document(&self, args: ExportDocumentArgs) -> HostResult<ExportResult> {
        let (format, ext) = export_format(args.format);
        let name = args.document.pipeline.name.clone();
        if format == ExportFormat::CodePipeline {
            if let Some(diagnostics) = codepipeline_export_refusal(&args.document, true) {
                let errors: Vec<_> = diagnostics.iter().filter(|d| d.is_error()).collect();
                let first = errors
                    .first()
                    .map(|d| format!(" ({}: {})", d.code, d.message))
                    .unwrap_or_default();
                let count = errors.len();
                let plural = if count == 1 { "" } else { "s" };
                return Err(IpcError::new(
                    "E_INVALID_PIPELINE",
                    format!("{name} has {count} error{plural} and cannot be exported for CodePipeline{first}; fix it first"),
                ));
            }
        }
        let (text, diagnostics) = export(&args.document, format);
        Ok(ExportResult {
            text,
            file_name: format!("{name}.{ext}"),
            diagnostics,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pipewright_core::api::{GetPipelineArgs, ImportArgs};

    fn host() -> (tempfile::TempDir, Host) {
        let dir = tempfile::tempdir().expect("tempdir");
        let host = Host::open(dir.path()).expect("open host");
        (dir, host)
    }

    const LOCAL: &str = r#"{"pipeline": {"name": "draft", "stages": [
      {"name": "Source", "actions": [{"name": "Src", "actionTypeId": {"category": "Source", "owner": "Custom", "provider": "Directory", "version": "1"},
         "configuration": {"Path": "/tmp/project"}, "outputArtifacts": [{"name": "Code"}]}]},
      {"name": "Build", "actions": [{"name": "Compile", "actionTypeId": {"category": "Build", "owner": "Custom", "provider": "Container", "version": "1"},
         "configuration": {"Image": "busybox"}, "commands": ["true"], "inputArtifacts": [{"name": "Code"}],
         "pipewright": {"image": "local:1"}}]}
    ]}}"#;

    /// Imports LOCAL and returns its document (as the designer holds it).
    fn draft(host: &Host) -> pipewright_core::PipelineDocument {
        host.import_pipeline(ImportArgs {
            text: LOCAL.into(),
            name: None,
            draft: false,
            source_path: None,
        })
        .expect("import");
        host.get_pipeline(GetPipelineArgs {
            name: "draft".into(),
            version: None,
        })
        .expect("get")
        .document
    }

    #[test]
    fn exports_an_unsaved_document_like_a_saved_one() {
        let (_dir, host) = host();
        let mut document = draft(&host);
        let saved = host
            .export_pipeline(pipewright_core::api::ExportArgs {
                name: "draft".into(),
                format: ExportFormatArg::Codepipeline,
                version: None,
            })
            .expect("export saved");
        let same = host
            .export_document(ExportDocumentArgs {
                document: document.clone(),
                format: ExportFormatArg::Codepipeline,
            })
            .expect("export document");
        assert_eq!(same, saved);
        assert_eq!(same.file_name, "draft.codepipeline.json");
        // Local providers: one warning per action; no `pipewright` object left (the text still
        // says "pipewright" in the documented placeholders for roleArn and the artifact store).
        assert!(!same.diagnostics.is_empty());
        assert!(!same.text.contains("\"pipewright\""), "{}", same.text);
        assert!(!same.text.contains("local:1"), "{}", same.text);
        assert!(
            same.text.contains("pipewright-placeholder"),
            "{}",
            same.text
        );

        // An unsaved edit is what gets exported.
        document.pipeline.stages[1].actions[0].name = "Renamed".into();
        let edited = host
            .export_document(ExportDocumentArgs {
                document: document.clone(),
                format: ExportFormatArg::Yaml,
            })
            .expect("yaml");
        assert!(edited.text.contains("Renamed"));
        assert!(edited.text.contains("image: local:1"), "{}", edited.text);
        assert_eq!(edited.file_name, "draft.yaml");
    }

    #[test]
    fn refuses_a_draft_with_errors_for_codepipeline_but_not_as_yaml() {
        let (_dir, host) = host();
        let mut document = draft(&host);
        // Consumes an artifact nobody produces: an error.
        document.pipeline.stages[1].actions[0].input_artifacts =
            Some(vec![pipewright_core::model::InputArtifact {
                name: "Missing".into(),
                extra: Default::default(),
            }]);
        let err = host
            .export_document(ExportDocumentArgs {
                document: document.clone(),
                format: ExportFormatArg::Codepipeline,
            })
            .unwrap_err();
        assert_eq!(err.code, "E_INVALID_PIPELINE");
        assert!(err.message.contains("Missing"), "{}", err.message);
        let json = host
            .export_document(ExportDocumentArgs {
                document,
                format: ExportFormatArg::Json,
            })
            .expect("json export of a draft");
        assert!(json.text.contains("Missing"));
    }
}
