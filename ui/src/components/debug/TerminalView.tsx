// A terminal (xterm.js) into the kept container of a failed action: `open_terminal` streams its
// output, keys go to `terminal_input`, size changes to `terminal_resize`. "Close terminal"
// calls `close_terminal`, which ends debugging (the container is removed).
import { FitAddon } from "@xterm/addon-fit";
import { Terminal } from "@xterm/xterm";
import "@xterm/xterm/css/xterm.css";
import { X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import type { IpcError } from "../../ipc/bindings";
import { toIpcError } from "../../ipc/client";
import { openTerminal, type TerminalSession, type TerminalTarget } from "../../ipc/debug";
import { routeStyleElements } from "./adoptedStyles";

interface TerminalViewProps {
  target: TerminalTarget;
  /** After Close terminal succeeded (debugging ended). */
  onClosed: () => void;
}

type State = { kind: "opening" } | { kind: "open" } | { kind: "exited"; exitCode?: number };

export function TerminalView({ target, onClosed }: TerminalViewProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const sessionRef = useRef<TerminalSession | null>(null);
  const [state, setState] = useState<State>({ kind: "opening" });
  const [error, setError] = useState<IpcError | null>(null);
  const [closing, setClosing] = useState(false);
  const { executionId, stageName, actionName } = target;

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const restoreStyles = routeStyleElements(document);
    const term = new Terminal({
      cursorBlink: true,
      fontFamily: 'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace',
      fontSize: 13,
      scrollback: 2000,
      theme: { background: "#16191f", foreground: "#e9ebed", cursor: "#e9ebed" },
    });
    // Tab goes to the shell (completion); Shift+Tab leaves the terminal, so focus is not trapped.
    term.attachCustomKeyEventHandler((e) => !(e.key === "Tab" && e.shiftKey));
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(host);
    fit.fit();
    let session: TerminalSession | null = null;
    let exited = false;
    let disposed = false;
    const fail = (e: unknown) => {
      if (!disposed) setError(toIpcError(e));
    };
    // Opened a tick later: React's StrictMode mounts twice, and a session, once open, only ends
    // with close_terminal (which ends debugging).
    const opening = window.setTimeout(() => {
      openTerminal({ executionId, stageName, actionName }, { cols: term.cols, rows: term.rows }, (event) => {
        if (event.kind === "output") term.write(event.data);
        else if (event.kind === "exit") {
          exited = true;
          setState(event.exitCode === undefined ? { kind: "exited" } : { kind: "exited", exitCode: event.exitCode });
        }
      })
        .then((s) => {
          if (disposed) {
            s.detach();
            return;
          }
          session = s;
          sessionRef.current = s;
          setState((old) => (old.kind === "exited" ? old : { kind: "open" }));
          // The panel may have changed size while it opened.
          if (term.cols > 0 || term.rows > 0) void s.resize(term.cols, term.rows).catch(fail);
        })
        .catch(fail);
    }, 0);
    const data = term.onData((keys) => {
      if (session && !exited) session.input(keys).catch(fail);
    });
    const resize = term.onResize(({ cols, rows }) => {
      if (session && !exited) session.resize(cols, rows).catch(fail);
    });
    const observer = new ResizeObserver(() => {
      if (host.clientWidth > 0) fit.fit();
    });
    observer.observe(host);
    term.focus();
    return () => {
      disposed = true;
      window.clearTimeout(opening);
      observer.disconnect();
      data.dispose();
      resize.dispose();
      session?.detach();
      sessionRef.current = null;
      term.dispose();
      restoreStyles();
    };
  }, [executionId, stageName, actionName]);

  const close = () => {
    const s = sessionRef.current;
    if (!s || closing) return;
    setClosing(true);
    s.close()
      .then(onClosed)
      .catch((e: unknown) => {
        setClosing(false);
        setError(toIpcError(e));
      });
  };

  return (
    <div className="debug-terminal">
      <div className="debug-terminal-bar">
        <span className="debug-terminal-title">
          {state.kind === "opening" ? "Opening a shell…" : state.kind === "open" ? "Shell in the container" : `The shell ended${state.exitCode !== undefined ? ` (exit code ${state.exitCode})` : ""}`}
        </span>
        <button type="button" className="button button-small" onClick={close} disabled={closing || state.kind === "opening"} title="Closes the shell and removes the container: the stage then ends Failed">
          <X size={14} aria-hidden="true" />
          Close terminal
        </button>
      </div>
      <div ref={hostRef} className="debug-terminal-screen" role="group" aria-label="Terminal" />
      <p className="details-note">Closing removes the container, and the stage ends Failed.</p>
      {error && (
        <p className="inline-error" role="alert">
          <code>{error.code}</code> {error.message}
        </p>
      )}
    </div>
  );
}
