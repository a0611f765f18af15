//! The app's command handlers as plain functions over the store, so they are tested without a
//! webview (the Tauri wrappers in `commands.rs` only move arguments across IPC).

use pipewright_core::api::*;
use pipewright_core::{
    check_bytes, export, is_valid, templates, validate, ExportFormat, ParseOptions,
};
use pipewright_store::{SaveBase, Store, StoreError};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Everything the commands share.
pub struct Host {
    store: Mutex<Store>,
    data_dir: PathBuf,
}

pub type HostResult<T> = Result<T, IpcError>;

fn store_err(e: StoreError) -> IpcError {
    IpcError::new(e.code(), e.to_string())
}

impl Host {
    pub fn open(data_dir: &Path) -> HostResult<Self> {
        let store = Store::open(data_dir).map_err(store_err)?;
        Ok(Self {
            store: Mutex::new(store),
            data_dir: data_dir.to_path_buf(),
        })
    }

    fn store(&self) -> HostResult<std::sync::MutexGuard<'_, Store>> {
        self.store.lock().map_err(|_| {
            IpcError::new(
                "E_INTERNAL",
                "the store is unavailable after an earlier failure; restart Pipewright",
            )
        })
    }

    pub fn app_info(&self) -> AppInfo {
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            data_dir: self.data_dir.display().to_string(),
        }
    }

    pub fn list_pipelines(&self) -> HostResult<Vec<PipelineSummary>> {
        self.store()?.list_pipelines().map_err(store_err)
    }

    pub fn get_pipeline(&self, args: GetPipelineArgs) -> HostResult<PipelineDetail> {
        let stored = self
            .store()?
            .get_pipeline(&args.name, args.version)
            .map_err(store_err)?;
        let (yaml, _) = export(&stored.document, ExportFormat::Yaml);
        let diagnostics = validate(&stored.document);
        Ok(PipelineDetail {
            summary: stored.summary,
            document: stored.document,
            yaml,
            diagnostics,
        })
    }

    pub fn list_templates(&self) -> Vec<TemplateInfo> {
        templates::list()
    }

    pub fn create_pipeline(&self, args: CreatePipelineArgs) -> HostResult<PipelineSummary> {
        let doc = templates::instantiate(&args.template, &args.name).ok_or_else(|| {
            IpcError::new(
                "E_TEMPLATE_UNKNOWN",
                format!("there is no template `{}`", args.template),
            )
        })?;
        let valid = is_valid(&validate(&doc));
        self.store()?
            .save_pipeline(&doc, valid, SaveBase::New)
            .map_err(store_err)
    }

    pub fn import_pipeline(&self, args: ImportArgs) -> HostResult<ImportResult> {
        let base_dir = args
            .source_path
            .as_deref()
            .and_then(|p| Path::new(p).parent())
            .map(|p| p.display().to_string());
        let name = args.name.as_deref().filter(|n| !n.trim().is_empty());
        let (document, diagnostics) =
            check_bytes(args.text.as_bytes(), &ParseOptions { base_dir }, name);
        let Some(doc) = document else {
            return Ok(ImportResult {
                saved: None,
                diagnostics,
            });
        };
        let valid = is_valid(&diagnostics);
        if !valid && !args.draft {
            return Ok(ImportResult {
                saved: None,
                diagnostics,
            });
        }
        let saved = self
            .store()?
            .save_pipeline(&doc, valid, SaveBase::Latest)
            .map_err(store_err)?;
        Ok(ImportResult {
            saved: Some(saved),
            diagnostics,
        })
    }

    pub fn read_import_file(&self, args: ReadImportFileArgs) -> HostResult<String> {
        let bytes = std::fs::read(&args.path)
            .map_err(|e| IpcError::new("E_READ_FILE", format!("cannot read {}: {e}", args.path)))?;
        String::from_utf8(bytes).map_err(|_| {
            IpcError::new(
                "E_INVALID_UTF8",
                format!(
                    "{} is not UTF-8 text; save it as UTF-8 and import again",
                    args.path
                ),
            )
        })
    }

    pub fn export_pipeline(&self, args: ExportArgs) -> HostResult<ExportResult> {
        let stored = self
            .store()?
            .get_pipeline(&args.name, args.version)
            .map_err(store_err)?;
        let (format, ext) = match args.format {
            ExportFormatArg::Yaml => (ExportFormat::Yaml, "yaml"),
            ExportFormatArg::Json => (ExportFormat::Json, "json"),
            ExportFormatArg::Codepipeline => (ExportFormat::CodePipeline, "codepipeline.json"),
        };
        if format == ExportFormat::CodePipeline && !stored.summary.valid {
            let diagnostics = validate(&stored.document);
            let first = diagnostics
                .iter()
                .find(|d| d.is_error())
                .map(|d| format!(" ({}: {})", d.code, d.message))
                .unwrap_or_default();
            return Err(IpcError::new(
                "E_INVALID_PIPELINE",
                format!("version {} of {} is invalid and cannot be exported for CodePipeline{first}; fix it first", stored.summary.version, args.name),
            ));
        }
        let (text, diagnostics) = export(&stored.document, format);
        Ok(ExportResult {
            text,
            file_name: format!("{}.{ext}", args.name),
            diagnostics,
        })
    }

    pub fn save_export(&self, args: SaveExportArgs) -> HostResult<()> {
        std::fs::write(&args.path, args.text.as_bytes())
            .map_err(|e| IpcError::new("E_WRITE_FILE", format!("cannot write {}: {e}", args.path)))
    }

    pub fn delete_pipeline(&self, args: NameArgs) -> HostResult<()> {
        self.store()?.delete_pipeline(&args.name).map_err(store_err)
    }

    pub fn validate_text(&self, args: ValidateArgs) -> ValidateResult {
        let (document, diagnostics) =
            check_bytes(args.text.as_bytes(), &ParseOptions::default(), None);
        let valid = document.is_some() && is_valid(&diagnostics);
        ValidateResult { valid, diagnostics }
    }
}
