// The code view: the pipeline as YAML or JSON text, edited both ways. CodeMirror is large, so
// the editor is loaded on demand: importing this module does not load it, rendering it does.
import { lazy, Suspense } from "react";
import type { Diagnostic, PipelineDocument } from "../../ipc/bindings";

export interface CodeViewProps {
  document: PipelineDocument;
  diagnostics: Diagnostic[];
  onCommit: (doc: PipelineDocument, label: string) => void;
}

const CodeEditor = lazy(() => import("./CodeEditor"));

export function CodeView(props: CodeViewProps) {
  return (
    <Suspense
      fallback={
        <section className="code-view" aria-label="Code view" aria-busy="true">
          <p className="muted code-loading">Loading the editor…</p>
        </section>
      }
    >
      <CodeEditor {...props} />
    </Suspense>
  );
}
