// CodeMirror's look for the code view's editors (the editable one and the read-only export).
import { EditorView } from "@codemirror/view";

/**
 * In its own style sheet: the editors live in a shadow root so that CodeMirror's styles go
 * into an adopted (constructed) style sheet; a `<style>` element, which it uses in a plain
 * document, is refused by the app's `style-src 'self'` CSP. CSS custom properties of app.css
 * still reach in.
 */
export const codeTheme = EditorView.theme({
  "&": { flex: "1", minWidth: "0", height: "100%", fontSize: "12.5px", color: "var(--text)", backgroundColor: "var(--surface)" },
  "&.cm-focused": { outline: "none", boxShadow: "inset 0 0 0 2px var(--primary-ring)" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.55" },
  ".cm-gutters": { backgroundColor: "var(--surface-2)", color: "var(--faint)", borderRight: "1px solid var(--border)" },
  ".cm-activeLine": { backgroundColor: "rgba(9, 114, 211, 0.05)" },
  ".cm-activeLineGutter": { backgroundColor: "rgba(9, 114, 211, 0.08)" },
  ".cm-tooltip": { fontFamily: "var(--font)", fontSize: "13px" },
});
