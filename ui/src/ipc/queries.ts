// Server state: TanStack Query over the typed client. Components use these hooks; the cache
// keys live here so invalidation stays in one place.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import type {
  CreateEnvironmentSetArgs,
  CreatePipelineArgs,
  Diagnostic,
  DuplicatePipelineArgs,
  ExportFormatArg,
  ImportArgs,
  PipelineDocument,
  SavePipelineArgs,
} from "./bindings";
import { call, type IpcCallError } from "./client";

declare module "@tanstack/react-query" {
  interface Register {
    defaultError: IpcCallError;
  }
}

export const keys = {
  pipelines: ["pipelines"] as const,
  pipeline: (name: string) => ["pipeline", name] as const,
  templates: ["templates"] as const,
  appInfo: ["app-info"] as const,
  exportText: (name: string, version: number, format: ExportFormatArg) => ["export", name, version, format] as const,
  versions: (name: string) => ["versions", name] as const,
  providers: ["providers"] as const,
  diff: (name: string, from: number, to: number) => ["diff", name, from, to] as const,
};

export function usePipelines() {
  return useQuery({ queryKey: keys.pipelines, queryFn: () => call("list_pipelines", null) });
}

export function usePipeline(name: string | undefined) {
  return useQuery({
    queryKey: keys.pipeline(name ?? ""),
    queryFn: () => call("get_pipeline", { name: name ?? "" }),
    enabled: name !== undefined,
  });
}

export function useTemplates() {
  return useQuery({ queryKey: keys.templates, queryFn: () => call("list_templates", null), staleTime: Infinity });
}

export function useAppInfo() {
  return useQuery({ queryKey: keys.appInfo, queryFn: () => call("app_info", null), staleTime: Infinity });
}

export function useExportText(name: string, version: number, format: ExportFormatArg) {
  return useQuery({
    queryKey: keys.exportText(name, version, format),
    queryFn: () => call("export_pipeline", { name, format }),
    retry: false,
  });
}

/** Refetches the list and the given pipeline after a change. */
function useInvalidate() {
  const qc = useQueryClient();
  return async (name?: string) => {
    await qc.invalidateQueries({ queryKey: keys.pipelines });
    if (name !== undefined) {
      await qc.invalidateQueries({ queryKey: keys.pipeline(name) });
      await qc.invalidateQueries({ queryKey: ["export", name] });
      await qc.invalidateQueries({ queryKey: keys.versions(name) });
    }
  };
}

export function useCreatePipeline() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (args: CreatePipelineArgs) => call("create_pipeline", args),
    onSuccess: (summary) => invalidate(summary.name),
  });
}

export function useCreateEnvironmentSet() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (args: CreateEnvironmentSetArgs) => call("create_environment_set", args),
    onSuccess: () => invalidate(),
  });
}

export function useDuplicatePipeline() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (args: DuplicatePipelineArgs) => call("duplicate_pipeline", args),
    onSuccess: (summary) => invalidate(summary.name),
  });
}

export function useImportPipeline() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (args: ImportArgs) => call("import_pipeline", args),
    onSuccess: (result) => invalidate(result.saved?.name),
  });
}

export function useDeletePipeline() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => call("delete_pipeline", { name }),
    onSuccess: async (_, name) => {
      qc.removeQueries({ queryKey: keys.pipeline(name) });
      qc.removeQueries({ queryKey: ["export", name] });
      await qc.invalidateQueries({ queryKey: keys.pipelines });
    },
  });
}

export function useValidateText(text: string, enabled: boolean) {
  return useQuery({
    queryKey: ["validate", text],
    queryFn: () => call("validate_text", { text }),
    enabled: enabled && text.trim() !== "",
    staleTime: Infinity,
    gcTime: 10_000,
  });
}

/** Every saved version of a pipeline, newest first, with what changed in each. */
export function useVersions(name: string) {
  return useQuery({ queryKey: keys.versions(name), queryFn: () => call("list_versions", { name }) });
}

/** The structural diff between two versions (versions never change, so it is cached). */
export function useVersionDiff(name: string, from: number | undefined, to: number | undefined) {
  return useQuery({
    queryKey: keys.diff(name, from ?? 0, to ?? 0),
    queryFn: () => call("diff_versions", { name, from: from ?? 0, to: to ?? 0 }),
    enabled: from !== undefined && to !== undefined,
    staleTime: Infinity,
  });
}

export function useRestoreVersion() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (args: { name: string; version: number }) => call("restore_version", args),
    onSuccess: (summary) => invalidate(summary.name),
  });
}

/** Every provider schema (the designer's palette; later the inspector's forms). */
export function useProviders(enabled = true) {
  return useQuery({ queryKey: keys.providers, queryFn: () => call("list_providers", null), staleTime: Infinity, enabled });
}

/** Saves an edited document on top of `baseVersion` (E_CONFLICT when another save came first). */
export function useSavePipeline() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (args: SavePipelineArgs) => call("save_pipeline", args),
    onSuccess: (result) => invalidate(result.saved.name),
  });
}

/** Fetches a pipeline's latest saved version now (not from the cache), refreshing the cache. */
export function useFetchLatest() {
  const qc = useQueryClient();
  return useCallback(
    (name: string) => qc.query({ queryKey: keys.pipeline(name), queryFn: () => call("get_pipeline", { name }), staleTime: 0 }),
    [qc],
  );
}

/** How long the designer waits after an edit before validating (a burst of edits validates once). */
export const VALIDATE_DEBOUNCE_MS = 150;

/**
 * Live diagnostics of a document being edited: `validate_document` runs VALIDATE_DEBOUNCE_MS
 * after the document last changed, and only the answer for the latest document is kept.
 * `known` gives diagnostics already known for one document (the saved version's), used without
 * a call. Until the first answer for a new document arrives, the previous diagnostics stay.
 */
export function useLiveDiagnostics(doc: PipelineDocument | undefined, known: { doc: PipelineDocument; diagnostics: Diagnostic[] } | undefined) {
  const [result, setResult] = useState<{ doc: PipelineDocument; diagnostics: Diagnostic[] } | undefined>(undefined);
  const latest = useRef(0);
  useEffect(() => {
    const seq = ++latest.current;
    if (!doc || doc === known?.doc) return;
    const timer = setTimeout(() => {
      call("validate_document", { document: doc })
        .then((diagnostics) => {
          if (seq === latest.current) setResult({ doc, diagnostics });
        })
        .catch(() => {
          // Keep the previous diagnostics: the next edit validates again.
        });
    }, VALIDATE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [doc, known?.doc]);
  if (doc !== undefined && known && doc === known.doc) return known.diagnostics;
  return result?.diagnostics ?? known?.diagnostics ?? [];
}
