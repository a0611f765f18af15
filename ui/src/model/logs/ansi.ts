// ANSI escape sequences of one log line: SGR colours and styles become styled segments; every
// other sequence (cursor moves, erase, OSC titles and hyperlinks, charset switches) is dropped.
//
// A small parser rather than ansi_up or anser: both build HTML strings (the app renders React
// spans, never innerHTML), anser's JSON mode leaves OSC sequences (hyperlinks, titles) in the
// text and names 256-colour entries only by class. Lines are parsed on their own, when shown,
// so a colour never carries from one line to the next (as in GitHub's and GitLab's log views).

/** A colour: 0–15 is an ANSI palette entry (drawn with the `ansi-fg-N` / `ansi-bg-N` classes), else a CSS colour. */
export type AnsiColor = number | string;

export interface AnsiStyle {
  fg?: AnsiColor;
  bg?: AnsiColor;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  inverse?: boolean;
  hidden?: boolean;
}

/** A run of text in one style; `start` is its offset in the line's plain text. */
export interface AnsiSegment {
  text: string;
  start: number;
  style: AnsiStyle;
}

const ESC = "\x1b";

/** True when the line holds something [`parseAnsi`] would change (an escape or a carriage return). */
export function needsParsing(line: string): boolean {
  return line.includes(ESC) || line.includes("\r");
}

/** The 6×6×6 cube and grey ramp of the 256-colour palette (entries 16–255) as CSS colours. */
export function palette256(n: number): AnsiColor {
  if (n < 16) return n;
  if (n < 232) {
    const i = n - 16;
    const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
    return `rgb(${level(Math.floor(i / 36))}, ${level(Math.floor(i / 6) % 6)}, ${level(i % 6)})`;
  }
  const g = 8 + (n - 232) * 10;
  return `rgb(${g}, ${g}, ${g})`;
}

/** Where the escape sequence starting at `i` (an ESC) ends (exclusive), and its SGR parameters if it is one. */
function scanEscape(s: string, i: number): { end: number; sgr?: string } {
  const kind = s[i + 1];
  if (kind === "[") {
    // CSI: parameter bytes 0x30–0x3F, intermediates 0x20–0x2F, one final byte 0x40–0x7E.
    let j = i + 2;
    while (j < s.length && s.charCodeAt(j) >= 0x30 && s.charCodeAt(j) <= 0x3f) j++;
    const params = s.slice(i + 2, j);
    while (j < s.length && s.charCodeAt(j) >= 0x20 && s.charCodeAt(j) <= 0x2f) j++;
    if (j >= s.length) return { end: s.length };
    const final = s[j];
    return final === "m" ? { end: j + 1, sgr: params } : { end: j + 1 };
  }
  if (kind === "]" || kind === "P" || kind === "_" || kind === "^" || kind === "X") {
    // OSC / DCS / APC / PM / SOS: up to BEL or ST (ESC \).
    for (let j = i + 2; j < s.length; j++) {
      if (s[j] === "\x07") return { end: j + 1 };
      if (s[j] === ESC && s[j + 1] === "\\") return { end: j + 2 };
    }
    return { end: s.length };
  }
  if (kind === "(" || kind === ")" || kind === "*" || kind === "+" || kind === "#" || kind === "%") {
    return { end: Math.min(s.length, i + 3) };
  }
  return { end: Math.min(s.length, i + 2) };
}

/** Extended colour after 38/48 (`;5;n`, `;2;r;g;b`, or the colon forms); returns the colour and how many codes it used. */
function extendedColor(codes: string[], k: number): { color?: AnsiColor; used: number } {
  const first = codes[k] ?? "";
  if (first.includes(":")) {
    const parts = first.split(":").map((p) => (p === "" ? NaN : Number(p)));
    if (parts[1] === 5 && Number.isInteger(parts[2])) return { color: palette256(clampByte(parts[2] ?? 0)), used: 0 };
    if (parts[1] === 2) {
      // 38:2::r:g:b (with a colour-space id) or 38:2:r:g:b.
      const rgb = parts.length >= 6 ? parts.slice(3, 6) : parts.slice(2, 5);
      if (rgb.length === 3 && rgb.every((v) => Number.isFinite(v))) return { color: rgbColor(rgb), used: 0 };
    }
    return { used: 0 };
  }
  const mode = Number(codes[k + 1]);
  if (mode === 5) {
    const n = Number(codes[k + 2]);
    return Number.isInteger(n) ? { color: palette256(clampByte(n)), used: 2 } : { used: 2 };
  }
  if (mode === 2) {
    const rgb = [Number(codes[k + 2]), Number(codes[k + 3]), Number(codes[k + 4])];
    return rgb.every((v) => Number.isFinite(v)) ? { color: rgbColor(rgb), used: 4 } : { used: 4 };
  }
  return { used: 0 };
}

const clampByte = (v: number) => Math.max(0, Math.min(255, Math.trunc(v)));
const rgbColor = (rgb: number[]) => `rgb(${rgb.map(clampByte).join(", ")})`;

/** Applies one SGR sequence's parameters to `style` (a fresh object: segments keep theirs). */
function applySgr(style: AnsiStyle, params: string): AnsiStyle {
  let next: AnsiStyle = { ...style };
  const codes = params === "" ? ["0"] : params.split(";");
  for (let k = 0; k < codes.length; k++) {
    const raw = codes[k] ?? "";
    const c = raw === "" ? 0 : Number(raw.split(":")[0]);
    if (c === 0) {
      next = {};
    } else if (c === 1) next.bold = true;
    else if (c === 2) next.dim = true;
    else if (c === 3) next.italic = true;
    else if (c === 4) next.underline = !raw.includes(":") || raw !== "4:0";
    else if (c === 7) next.inverse = true;
    else if (c === 8) next.hidden = true;
    else if (c === 9) next.strike = true;
    else if (c === 21 || c === 22) {
      delete next.bold;
      delete next.dim;
    } else if (c === 23) delete next.italic;
    else if (c === 24) delete next.underline;
    else if (c === 27) delete next.inverse;
    else if (c === 28) delete next.hidden;
    else if (c === 29) delete next.strike;
    else if (c >= 30 && c <= 37) next.fg = c - 30;
    else if (c >= 90 && c <= 97) next.fg = c - 90 + 8;
    else if (c === 39) delete next.fg;
    else if (c >= 40 && c <= 47) next.bg = c - 40;
    else if (c >= 100 && c <= 107) next.bg = c - 100 + 8;
    else if (c === 49) delete next.bg;
    else if (c === 38 || c === 48) {
      const { color, used } = extendedColor(codes, k);
      if (color !== undefined) {
        if (c === 38) next.fg = color;
        else next.bg = color;
      }
      k += used;
    }
  }
  if (!next.underline) delete next.underline;
  return next;
}

/**
 * The styled segments of one line, with escapes removed. A carriage return (not at the end)
 * starts the line over, as a terminal's progress bar would (the text after the last one shows).
 */
export function parseAnsi(line: string): AnsiSegment[] {
  const segments: AnsiSegment[] = [];
  let style: AnsiStyle = {};
  let text = "";
  let plainLength = 0;
  const flush = () => {
    if (text === "") return;
    const last = segments[segments.length - 1];
    if (last && last.style === style) last.text += text;
    else segments.push({ text, start: plainLength, style });
    plainLength += text.length;
    text = "";
  };
  let i = 0;
  let runStart = 0;
  while (i < line.length) {
    const ch = line[i];
    if (ch === ESC) {
      text += line.slice(runStart, i);
      const { end, sgr } = scanEscape(line, i);
      if (sgr !== undefined) {
        flush();
        style = applySgr(style, sgr);
      }
      i = end;
      runStart = i;
    } else if (ch === "\r") {
      text += line.slice(runStart, i);
      i += 1;
      runStart = i;
      if (i < line.length) {
        // Start over: what came before is overwritten.
        text = "";
        segments.length = 0;
        plainLength = 0;
      }
    } else {
      i += 1;
    }
  }
  text += line.slice(runStart);
  flush();
  return segments;
}

/** The line's text as shown: escapes removed, carriage returns applied (what [`parseAnsi`]'s segments join to, without styles). */
export function stripAnsi(line: string): string {
  if (!needsParsing(line)) return line;
  let out = "";
  let i = 0;
  let run = 0;
  while (i < line.length) {
    const ch = line.charCodeAt(i);
    if (ch === 27) {
      out += line.slice(run, i);
      i = scanEscape(line, i).end;
      run = i;
    } else if (ch === 13) {
      out += line.slice(run, i);
      i += 1;
      run = i;
      if (i < line.length) out = "";
    } else {
      i += 1;
    }
  }
  return out + line.slice(run);
}
