/**
 * Terminals into kept containers in the mock backend: a tiny fake shell that echoes what is
 * typed and, on Enter, answers a few commands (`pwd`, `ls`, `echo`, `whoami`, `exit`), enough
 * for browser tests to type a command and read its answer.
 */
import type { TerminalEvent } from "../bindings";

export const MOCK_PROMPT = "/pipewright/src # ";

interface Session {
  executionId: string;
  stageName: string;
  actionName: string;
  send: (event: TerminalEvent) => void;
  line: string;
  ended: boolean;
  cols: number;
  rows: number;
}

/** What the fake shell prints for one command line (`\r\n` line ends), or that it exits. */
export function shellAnswer(line: string): { output: string } | { exit: number } {
  const [cmd = "", ...rest] = line.trim().split(/\s+/);
  switch (cmd) {
    case "":
      return { output: "" };
    case "pwd":
      return { output: "/pipewright/src\r\n" };
    case "ls":
      return { output: "Makefile  README.md  package.json  src\r\n" };
    case "whoami":
      return { output: "root\r\n" };
    case "echo":
      return { output: `${rest.join(" ")}\r\n` };
    case "exit": {
      const code = Number.parseInt(rest[0] ?? "0", 10);
      return { exit: Number.isNaN(code) ? 0 : code };
    }
    default:
      return { output: `sh: ${cmd}: not found\r\n` };
  }
}

export class MockTerminals {
  private sessions = new Map<string, Session>();

  clear(): void {
    this.sessions.clear();
  }

  /** Whether a session with this id is open. */
  has(sessionId: string): boolean {
    return this.sessions.has(sessionId);
  }

  open(sessionId: string, at: { executionId: string; stageName: string; actionName: string }, size: { cols: number; rows: number }, send: (event: TerminalEvent) => void): void {
    this.sessions.set(sessionId, { ...at, ...size, send, line: "", ended: false });
    send({ kind: "output", data: MOCK_PROMPT });
  }

  /** Keys typed into a session; returns an error message when there is no such live session. */
  input(sessionId: string, data: string): string | null {
    const s = this.sessions.get(sessionId);
    if (!s) return `there is no terminal session ${sessionId}`;
    if (s.ended) return `the shell of terminal session ${sessionId} has ended`;
    let echo = "";
    for (const ch of data) {
      if (ch === "\r" || ch === "\n") {
        const answer = shellAnswer(s.line);
        s.line = "";
        echo += "\r\n";
        if ("exit" in answer) {
          s.send({ kind: "output", data: `${echo}exit\r\n` });
          s.send({ kind: "exit", data: "", exitCode: answer.exit });
          s.ended = true;
          return null;
        }
        echo += answer.output + MOCK_PROMPT;
      } else if (ch === "\u007f" || ch === "\b") {
        if (s.line.length > 0) {
          s.line = s.line.slice(0, -1);
          echo += "\b \b";
        }
      } else if (ch === "\u0003") {
        s.line = "";
        echo += `^C\r\n${MOCK_PROMPT}`;
      } else if (ch >= " ") {
        s.line += ch;
        echo += ch;
      }
    }
    if (echo !== "") s.send({ kind: "output", data: echo });
    return null;
  }

  resize(sessionId: string, cols: number, rows: number): string | null {
    const s = this.sessions.get(sessionId);
    if (!s) return `there is no terminal session ${sessionId}`;
    s.cols = cols;
    s.rows = rows;
    return null;
  }

  /** The size a session was last given (tests). */
  size(sessionId: string): { cols: number; rows: number } | undefined {
    const s = this.sessions.get(sessionId);
    return s ? { cols: s.cols, rows: s.rows } : undefined;
  }

  /** Closes a session: returns where it pointed, or undefined when there is none. */
  close(sessionId: string): { executionId: string; stageName: string; actionName: string } | undefined {
    const s = this.sessions.get(sessionId);
    if (!s) return undefined;
    this.sessions.delete(sessionId);
    if (!s.ended) s.send({ kind: "exit", data: "" });
    return { executionId: s.executionId, stageName: s.stageName, actionName: s.actionName };
  }

  /** The container of `executionId`'s action is gone (Continue, Stop): its shells end. */
  endAction(executionId: string, stageName?: string, actionName?: string): void {
    for (const [id, s] of this.sessions) {
      if (s.executionId !== executionId || (stageName !== undefined && (s.stageName !== stageName || s.actionName !== actionName))) continue;
      if (!s.ended) {
        s.send({ kind: "output", data: "\r\n[the container was removed]\r\n" });
        s.send({ kind: "exit", data: "" });
      }
      this.sessions.delete(id);
    }
  }
}
