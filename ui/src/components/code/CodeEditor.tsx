// The CodeMirror editor behind CodeView (loaded lazily). Text ↔ document:
// - a valid edit is committed as a new document ("Edit YAML"/"Edit JSON") after a short pause;
// - text that does not parse, or lacks the {pipeline: …} shape, is marked at its line and not committed;
// - a document changed from outside replaces the text, unless the user has unsaved text:
//   then a bar offers "Reload text" (or "Apply my text");
// - the validator's diagnostics are marked at the line their JSON pointer names.
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { json } from "@codemirror/lang-json";
import { yaml } from "@codemirror/lang-yaml";
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, setDiagnostics, type Diagnostic as LintDiagnostic } from "@codemirror/lint";
import { Annotation, Compartment, EditorState } from "@codemirror/state";
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from "@codemirror/view";
import { Copy, RotateCcw } from "lucide-react";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { PipelineDocument } from "../../ipc/bindings";
import { documentToText, parseText, pointerRange, sameDocument, type CodeFormat, type TextProblem } from "../../model/inspector/codeText";
import { copyText } from "../../platform";
import type { CodeViewProps } from "./CodeView";

/** How long the text must rest before it is parsed and committed. */
export const COMMIT_DELAY_MS = 400;

const FORMATS: { id: CodeFormat; label: string }[] = [
  { id: "yaml", label: "YAML" },
  { id: "json", label: "JSON" },
];

/** Marks transactions that put the document's text in (not the user's typing). */
const external = Annotation.define<boolean>();

/**
 * CodeMirror's look, in its own style sheet. The editor lives in a shadow root so that
 * CodeMirror's styles go into an adopted (constructed) style sheet: a `<style>` element, which
 * it uses in a plain document, is refused by the app's `style-src 'self'` CSP. CSS custom
 * properties of app.css still reach in.
 */
const theme = EditorView.theme({
  "&": { flex: "1", minWidth: "0", height: "100%", fontSize: "12.5px", color: "var(--text)", backgroundColor: "var(--surface)" },
  "&.cm-focused": { outline: "none", boxShadow: "inset 0 0 0 2px var(--primary-ring)" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.55" },
  ".cm-gutters": { backgroundColor: "var(--surface-2)", color: "var(--faint)", borderRight: "1px solid var(--border)" },
  ".cm-activeLine": { backgroundColor: "rgba(9, 114, 211, 0.05)" },
  ".cm-activeLineGutter": { backgroundColor: "rgba(9, 114, 211, 0.08)" },
  ".cm-tooltip": { fontFamily: "var(--font)", fontSize: "13px" },
});

const editorLabel = (format: CodeFormat) => (format === "yaml" ? "Pipeline YAML" : "Pipeline JSON");
const languageFor = (format: CodeFormat) => (format === "yaml" ? yaml() : json());

export default function CodeEditor({ document, diagnostics, onCommit }: CodeViewProps) {
  const [format, setFormat] = useState<CodeFormat>("yaml");
  /** The document the text should show (the prop, or what the user's text was committed as). */
  const [textDoc, setTextDoc] = useState<PipelineDocument>(document);
  /** The user has typed since the text last matched `textDoc`. */
  const [dirty, setDirty] = useState(false);
  const [problem, setProblem] = useState<TextProblem | null>(null);
  const [note, setNote] = useState<string | null>(null);
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
          theme,
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
      setNote(null);
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

  const switchTo = (next: CodeFormat) => {
    if (next === format) return;
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

  const copy = async () => {
    const text = viewRef.current?.state.doc.toString() ?? "";
    try {
      await copyText(text);
      setNote("Copied to the clipboard");
    } catch (e) {
      setNote(`Could not copy: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = FORMATS.findIndex((f) => f.id === format);
    let next: number | undefined;
    if (e.key === "ArrowRight") next = (i + 1) % FORMATS.length;
    else if (e.key === "ArrowLeft") next = (i - 1 + FORMATS.length) % FORMATS.length;
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = FORMATS.length - 1;
    if (next === undefined) return;
    e.preventDefault();
    const f = FORMATS[next];
    if (!f) return;
    switchTo(f.id);
    window.document.getElementById(`${tabsId}-${f.id}`)?.focus();
  };

  return (
    <section className="code-view" aria-label="Code view">
      <div className="code-toolbar">
        <div className="code-tabs" role="tablist" aria-label="Code format">
          {FORMATS.map((f) => (
            <button
              key={f.id}
              id={`${tabsId}-${f.id}`}
              type="button"
              role="tab"
              className={`code-tab${f.id === format ? " active" : ""}`}
              aria-selected={f.id === format}
              aria-controls={`${tabsId}-panel`}
              tabIndex={f.id === format ? 0 : -1}
              onClick={() => switchTo(f.id)}
              onKeyDown={onTabKey}
            >
              {f.label}
            </button>
          ))}
        </div>
        <span className="code-state" role="status">
          {note ?? (problem ? "Not applied: the text has an error" : dirty ? "Editing…" : "In sync with the canvas")}
        </span>
        <button type="button" className="button button-small" onClick={() => void copy()}>
          <Copy size={14} aria-hidden="true" />
          Copy
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
      <div id={`${tabsId}-panel`} role="tabpanel" aria-labelledby={`${tabsId}-${format}`} className="code-panel">
        <div ref={hostRef} className="code-host" />
      </div>
      {problem && (
        <p className="code-problem" role="alert">
          <code>Line {problem.line}</code> {problem.message}
        </p>
      )}
    </section>
  );
}
