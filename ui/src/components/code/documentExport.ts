// The edited (possibly unsaved) document in an export format, through `export_document`: the
// same conversion and warnings as exporting a saved version.
import { useEffect, useState } from "react";
import type { ExportFormatArg, ExportResult, IpcError, PipelineDocument } from "../../ipc/bindings";
import { call, toIpcError } from "../../ipc/client";

/** While a new export is pending, `previous` is the last one (shown until the new one is there). */
export type DocumentExport =
  | { state: "pending"; previous?: ExportResult }
  | { state: "done"; result: ExportResult }
  | { state: "failed"; error: IpcError };

export function exportDocument(document: PipelineDocument, format: ExportFormatArg): Promise<ExportResult> {
  return call("export_document", { document, format });
}

/** Exports `document` whenever it changes, while `enabled` (the export tab is shown). */
export function useDocumentExport(document: PipelineDocument, format: ExportFormatArg, enabled: boolean): DocumentExport {
  const [shown, setShown] = useState<{ document: PipelineDocument; result: DocumentExport } | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    exportDocument(document, format).then(
      (result) => {
        if (live) setShown({ document, result: { state: "done", result } });
      },
      (error: unknown) => {
        if (live) setShown({ document, result: { state: "failed", error: toIpcError(error).toJSON() } });
      },
    );
    return () => {
      live = false;
    };
  }, [document, format, enabled]);
  if (shown?.document === document) return shown.result;
  return { state: "pending", previous: shown?.result.state === "done" ? shown.result.result : undefined };
}
