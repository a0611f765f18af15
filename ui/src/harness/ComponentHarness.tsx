// TEST HARNESS, browser mock build only (`?mock=default&component=inspector|code`): shows the
// Inspector or the code view alone, on the seeded web-app document, with local state as the
// "history" (each commit replaces the document) and the committed labels listed, so browser
// tests can drive these components before the designer wires them in. main.tsx loads this
// module only on the mock transport; the app never renders it.
import { useEffect, useState } from "react";
import type { Diagnostic, PipelineDocument, ProviderSchema } from "../ipc/bindings";
import { call } from "../ipc/client";
import { renameAction, updateAction } from "../model/editing";
import { Inspector } from "../components/inspector/Inspector";
import { CodeView } from "../components/code/CodeView";

type Selection = { stage: number; action: number } | { stage: number };

/** `select=1.0` is stage 1, action 0; `select=3` is stage 3. */
export function selectionFrom(search: string): Selection {
  const raw = new URLSearchParams(search).get("select") ?? "1.0";
  const [s, a] = raw.split(".").map(Number);
  const stage = Number.isInteger(s) ? (s ?? 0) : 0;
  return a !== undefined && Number.isInteger(a) ? { stage, action: a } : { stage };
}

const selectionKey = (s: Selection) => ("action" in s ? `${s.stage}.${s.action}` : `${s.stage}`);

export function ComponentHarness({ component, search }: { component: string; search: string }) {
  const [doc, setDoc] = useState<PipelineDocument | null>(null);
  const [providers, setProviders] = useState<ProviderSchema[]>([]);
  const [diagnostics, setDiagnostics] = useState<Diagnostic[]>([]);
  const [commits, setCommits] = useState<string[]>([]);
  const [selection, setSelection] = useState<Selection>(() => selectionFrom(search));
  const [closed, setClosed] = useState(false);

  useEffect(() => {
    void Promise.all([call("get_pipeline", { name: "web-app" }), call("list_providers", null)]).then(([detail, schemas]) => {
      setDoc(detail.document);
      setProviders(schemas);
    });
  }, []);

  useEffect(() => {
    if (!doc) return;
    let live = true;
    void call("validate_document", { document: doc }).then((d) => {
      if (live) setDiagnostics(d);
    });
    return () => {
      live = false;
    };
  }, [doc]);

  if (!doc) return <p className="muted harness-loading">Loading the harness…</p>;

  const commit = (next: PipelineDocument, label: string) => {
    setDoc(next);
    setCommits((c) => [...c, label]);
  };

  // Stand-ins for edits made elsewhere (the canvas), to see the components follow the document.
  const externalRename = () => {
    const r = renameAction(doc, { stage: 1, action: 0 }, doc.pipeline.stages[1]?.actions[0]?.name === "Compile" ? "CompileApp" : "Compile");
    if (r.ok) commit(r.doc, `${r.label} (canvas)`);
  };
  const externalImage = () => {
    const r = updateAction(doc, { stage: 1, action: 0 }, { configuration: { ...doc.pipeline.stages[1]?.actions[0]?.configuration, Image: "node:22-bookworm" } });
    if (r.ok) commit(r.doc, `${r.label} (canvas)`);
  };

  const options = doc.pipeline.stages.flatMap((stage, s) => [
    { key: `${s}`, label: `Stage ${stage.name}` },
    ...stage.actions.map((a, i) => ({ key: `${s}.${i}`, label: `  ${stage.name} › ${a.name}` })),
  ]);

  return (
    <div className="harness">
      <header className="harness-header">
        <strong>Test harness</strong>
        <span className="muted">{component === "code" ? "Code view" : "Inspector"} on the mock backend · not part of the app</span>
        {component !== "code" && (
          <label className="harness-select">
            Selection{" "}
            <select
              className="input"
              value={selectionKey(selection)}
              onChange={(e) => {
                setSelection(selectionFrom(`?select=${e.currentTarget.value}`));
                setClosed(false);
              }}
            >
              {options.map((o) => (
                <option key={o.key} value={o.key}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" className="button button-small" onClick={externalRename}>
          Canvas: rename Compile
        </button>
        <button type="button" className="button button-small" onClick={externalImage}>
          Canvas: set Compile image
        </button>
      </header>
      <div className="harness-body">
        <section className="harness-side" aria-label="Harness state">
          <h2 className="subheading">Commits</h2>
          <ol className="harness-commits" aria-label="Commits">
            {commits.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ol>
          <h2 className="subheading">Diagnostics</h2>
          <p className="muted" data-testid="diagnostic-count">
            {diagnostics.length}
          </p>
          {closed && <p role="status">Inspector closed</p>}
        </section>
        {component === "code" ? (
          <div className="harness-code">
            <CodeView document={doc} diagnostics={diagnostics} onCommit={commit} />
          </div>
        ) : (
          !closed && (
            <Inspector document={doc} selection={selection} providers={providers} diagnostics={diagnostics} onCommit={commit} onClose={() => setClosed(true)} />
          )
        )}
      </div>
    </div>
  );
}
