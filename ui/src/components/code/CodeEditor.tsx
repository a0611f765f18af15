// The CodeMirror editor behind CodeView (loaded lazily). Text ↔ document:
// - a valid edit is committed as a new document ("Edit YAML"/"Edit JSON") after a short pause;
// - text that does not parse, or lacks the {pipeline: …} shape, is marked at its line and not committed;
// - a document changed from outside replaces the text, unless the user has unsaved text:
//   then a bar offers "Reload text" (or "Apply my text");
// - the validator's diagnostics are marked at the line their JSON pointer names;
// - a third, read-only tab shows the CodePipeline JSON export of the same (unsaved) document;
//   Copy copies the text of the tab shown; "Export CodePipeline JSON" saves that export.
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { json } from "@codemirror/lang-json";
import { yaml } from "@codemirror/lang-yaml";
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, setDiagnostics, type Diagnostic as LintDiagnostic } from "@codemirror/lint";
import { Annotation, Compartment, EditorState } from "@codemirror/state";
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from "@codemirror/view";
import { Copy, Download, RotateCcw } from "lucide-react";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { PipelineDocument } from "../../ipc/bindings";
import { documentToText, parseText, pointerRange, sameDocument, type CodeFormat, type TextProblem } from "../../model/inspector/codeText";
import { copyText, isTauri, saveFileDialog } from "../../platform";
import { showError, showSuccess } from "../../state/toasts";
import { DiagnosticList } from "../DiagnosticList";
import { codeTheme } from "./codeTheme";
import type { CodeViewProps } from "./CodeView";
import { exportDocument, useDocumentExport } from "./documentExport";
import { ReadOnlyCode } from "./ReadOnlyCode";
import "../../styles/designer-code.css";

/** How long the text must rest before it is parsed and committed. */
export const COMMIT_DELAY_MS = 400;

/** The tabs: the two editable formats, then the read-only CodePipeline JSON export. */
type CodeTab = CodeFormat | "codepipeline";

const TABS: { id: CodeTab; label: string }[] = [
  { id: "yaml", label: "YAML" },
  { id: "json", label: "JSON" },
  { id: "codepipeline", label: "CodePipeline JSON" },
];

/** Marks transactions that put the document's text in (not the user's typing). */
const external = Annotation.define<boolean>();

const editorLabel = (format: CodeFormat) => (format === "yaml" ? "Pipeline YAML" : "Pipeline JSON");
const languageFor = (format: CodeFormat) => (format === "yaml" ? yaml() : json());

export default function CodeEditor({ document, diagnostics, onCommit }: CodeViewProps) {
  const [format, setFormat] = useState<CodeFormat>("yaml");
  /** The tab shown: `format`'s editor, or the CodePipeline JSON export. */
  const [tab, setTab] = useState<CodeTab>("yaml");
  const exported = useDocumentExport(document, "codepipeline", tab === "codepipeline");
  /** The document the text should show (the prop, or what the user's text was committed as). */
  const [textDoc, setTextDoc] = useState<PipelineDocument>(document);
  /** The user has typed since the text last matched `textDoc`. */
  const [dirty, setDirty] = useState(false);
  const [problem, setProblem] = useState<TextProblem | null>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const language = useRef(new Compartment());
  const label = useRef(new Compartment());
  /** What the editor's text was last generated from (document and format). */
  const source = useRef<{ doc: PipelineDocument; format: CodeFormat } | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef({ document, format, onCommit, dirty });
  const tabsId = useId();

  // The document changed from outside while the text is clean: show it.
  if (!dirty && document !== textDoc) setTextDoc(document);
  const stale = dirty && document !== textDoc && !sameDocument(document, textDoc);

  useEffect(() => {
    latest.current = { document, format, onCommit, dirty };
  });

  // The editor, created once.
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    // Reused when React mounts the effect twice (StrictMode): a host has one shadow root.
    const shadow = host.shadowRoot ?? host.attachShadow({ mode: "open" });
    const view = new EditorView({
      parent: shadow,
      root: shadow,
      state: EditorState.create({
        doc: "",
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightActiveLine(),
          history(),
          drawSelection(),
          bracketMatching(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          // Tab moves the focus on (no indentWithTab): the editor must not trap the keyboard.
          keymap.of([...defaultKeymap, ...historyKeymap]),
          lintGutter(),
          codeTheme,
          language.current.of(languageFor("yaml")),
          label.current.of(EditorView.contentAttributes.of({ "aria-label": editorLabel("yaml") })),
          EditorState.tabSize.of(2),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged || update.transactions.some((t) => t.annotation(external) === true)) return;
            onUserEdit();
          }),
        ],
      }),
    });
    viewRef.current = view;

    function onUserEdit() {
      setDirty(true);
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(check, COMMIT_DELAY_MS);
    }

    function check() {
      const { format: fmt, document: current, onCommit: commit } = latest.current;
      const parsed = parseText(view.state.doc.toString(), fmt);
      if (!parsed.ok) {
        setProblem(parsed.problem);
        return;
      }
      setProblem(null);
      const base = source.current?.doc;
      if (base !== undefined && sameDocument(parsed.doc, base)) {
        // Back to what it was (formatting aside): nothing to commit.
        setDirty(false);
        return;
      }
      if (base !== undefined && current !== base && !sameDocument(current, base)) {
        // The canvas changed meanwhile: the user chooses (Reload text / Apply my text).
        return;
      }
      source.current = { doc: parsed.doc, format: fmt };
      setTextDoc(parsed.doc);
      setDirty(false);
      commit(parsed.doc, fmt === "yaml" ? "Edit YAML" : "Edit JSON");
    }

    return () => {
      window.clearTimeout(timer.current);
      view.destroy();
      viewRef.current = null;
      source.current = null;
    };
  }, []);

  // Put the document's text in when the document to show or the format changed.
  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    if (source.current?.doc === textDoc && source.current.format === format) return;
    source.current = { doc: textDoc, format };
    view.dispatch({
      changes: { from: 0, to: view.state.doc.length, insert: documentToText(textDoc, format) },
      effects: [
        language.current.reconfigure(languageFor(format)),
        label.current.reconfigure(EditorView.contentAttributes.of({ "aria-label": editorLabel(format) })),
      ],
      annotations: external.of(true),
    });
  }, [textDoc, format]);

  // Inline marks: the parse problem, else the validator's diagnostics where the text matches.
  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    const text = view.state.doc.toString();
    let marks: LintDiagnostic[] = [];
    if (problem) {
      marks = [{ from: problem.from, to: problem.to, severity: "error", source: "syntax", message: problem.message }];
    } else if (!dirty) {
      marks = diagnostics.map((d) => {
        const range = pointerRange(text, format, d.path) ?? { from: 0, to: Math.max(0, text.indexOf("\n")) };
        return { from: range.from, to: range.to, severity: d.severity, source: d.code, message: `${d.code}: ${d.message}` };
      });
    }
    view.dispatch(setDiagnostics(view.state, marks));
  }, [problem, diagnostics, dirty, format, textDoc]);

  const switchTo = (next: CodeTab) => {
    setTab(next);
    // The export tab only hides the editor: its text (and a pending commit) stays as it is.
    if (next === "codepipeline" || next === format) return;
    window.clearTimeout(timer.current);
    setFormat(next);
    setDirty(false);
    setProblem(null);
    setTextDoc(document);
  };

  const reload = () => {
    window.clearTimeout(timer.current);
    setDirty(false);
    setProblem(null);
    // Force the text in even if `document` is what was shown last.
    source.current = null;
    setTextDoc(document);
  };

  const applyMine = () => {
    const view = viewRef.current;
    if (!view) return;
    const parsed = parseText(view.state.doc.toString(), format);
    if (!parsed.ok) {
      setProblem(parsed.problem);
      return;
    }
    source.current = { doc: parsed.doc, format };
    setTextDoc(parsed.doc);
    setDirty(false);
    onCommit(parsed.doc, format === "yaml" ? "Edit YAML" : "Edit JSON");
  };

  /** Copies the text of the tab shown (for the export, once it is there). */
  const copy = async () => {
    let text: string;
    if (tab === "codepipeline") {
      if (exported.state !== "done") return;
      text = exported.result.text;
    } else {
      text = viewRef.current?.state.doc.toString() ?? "";
    }
    try {
      await copyText(text);
      showSuccess("Copied to the clipboard");
    } catch (e) {
      showError(e);
    }
  };

  /** Saves the edited document's CodePipeline JSON (a save dialog in the app, a download in a browser). */
  const exportCodePipeline = async () => {
    try {
      const result = await exportDocument(document, "codepipeline");
      const where = await saveFileDialog(result.fileName, result.text);
      if (where !== null) showSuccess(isTauri() ? `Saved to ${where}` : `Downloaded ${where}`);
    } catch (e) {
      showError(e);
    }
  };

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = TABS.findIndex((f) => f.id === tab);
    let next: number | undefined;
    if (e.key === "ArrowRight") next = (i + 1) % TABS.length;
    else if (e.key === "ArrowLeft") next = (i - 1 + TABS.length) % TABS.length;
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = TABS.length - 1;
    if (next === undefined) return;
    e.preventDefault();
    const f = TABS[next];
    if (!f) return;
    switchTo(f.id);
    window.document.getElementById(`${tabsId}-${f.id}`)?.focus();
  };

  return (
    <section className="code-view" aria-label="Code view">
      <div className="code-toolbar">
        <div className="code-tabs" role="tablist" aria-label="Code format">
          {TABS.map((f) => (
            <button
              key={f.id}
              id={`${tabsId}-${f.id}`}
              type="button"
              role="tab"
              className={`code-tab${f.id === tab ? " active" : ""}`}
              aria-selected={f.id === tab}
              aria-controls={`${tabsId}-${f.id === "codepipeline" ? "export" : "panel"}`}
              tabIndex={f.id === tab ? 0 : -1}
              onClick={() => switchTo(f.id)}
              onKeyDown={onTabKey}
            >
              {f.label}
            </button>
          ))}
        </div>
        <span className="code-state" role="status">
          {problem ? "Not applied: the text has an error" : dirty ? "Editing…" : "In sync with the canvas"}
        </span>
        <button
          type="button"
          className="button button-small"
          onClick={() => void copy()}
          disabled={tab === "codepipeline" && exported.state !== "done"}
          title={`Copy the ${TABS.find((t) => t.id === tab)?.label ?? ""} text`}
        >
          <Copy size={14} aria-hidden="true" />
          Copy
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => void exportCodePipeline()}
          title="Save this (unsaved) document as CodePipeline JSON, for aws codepipeline create-pipeline"
        >
          <Download size={14} aria-hidden="true" />
          Export CodePipeline JSON
        </button>
      </div>
      {stale && (
        <div className="code-stale" role="alert">
          <span>The canvas changed while you were editing the text.</span>
          <button type="button" className="button button-small" onClick={reload}>
            <RotateCcw size={14} aria-hidden="true" />
            Reload text
          </button>
          <button type="button" className="button button-small" onClick={applyMine}>
            Apply my text
          </button>
        </div>
      )}
      <div id={`${tabsId}-panel`} role="tabpanel" aria-labelledby={`${tabsId}-${format}`} className="code-panel" hidden={tab === "codepipeline"}>
        <div ref={hostRef} className="code-host" />
      </div>
      {tab === "codepipeline" && (
        <div id={`${tabsId}-export`} role="tabpanel" aria-labelledby={`${tabsId}-codepipeline`} className="code-panel code-export">
          <p className="code-export-hint">
            Read-only: what <code>aws codepipeline create-pipeline --cli-input-json</code> takes, local settings removed. It follows your edits,
            saved or not.
          </p>
          {exported.state === "failed" ? (
            <p className="code-problem" role="alert">
              <code>{exported.error.code}</code> {exported.error.message}
            </p>
          ) : (
            <ReadOnlyCode
              text={exported.state === "done" ? exported.result.text : (exported.previous?.text ?? "")}
              label="Pipeline CodePipeline JSON"
            />
          )}
          {exported.state === "done" && exported.result.diagnostics.length > 0 && (
            <div className="code-export-warnings">
              <DiagnosticList diagnostics={exported.result.diagnostics} document={document} label="Export warnings" />
            </div>
          )}
        </div>
      )}
      {problem && (
        <p className="code-problem" role="alert">
          <code>Line {problem.line}</code> {problem.message}
        </p>
      )}
    </section>
  );
}
