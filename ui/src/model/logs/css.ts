// How a styled piece of a log line is drawn: palette colours (0–15) and text styles as classes
// (`ansi-fg-N`, `ansi-bg-N`, `ansi-bold`, … in components/logs/logs.css, tuned for the light
// log surface), 256-colour and truecolor values as inline colours. Inverse swaps the two, with
// the surface's own colours standing in for a default.
import type { AnsiColor, AnsiStyle } from "./ansi";

export interface PieceLook {
  className: string;
  color?: string;
  background?: string;
}

const DEFAULT_FG = "var(--log-fg)";
const DEFAULT_BG = "var(--log-bg)";

export function pieceLook(style: AnsiStyle): PieceLook {
  const classes: string[] = [];
  let fg: AnsiColor | undefined = style.fg;
  let bg: AnsiColor | undefined = style.bg;
  if (style.inverse) {
    [fg, bg] = [bg ?? DEFAULT_BG, fg ?? DEFAULT_FG];
  }
  const look: PieceLook = { className: "" };
  if (typeof fg === "number") classes.push(`ansi-fg-${fg}`);
  else if (fg !== undefined) look.color = fg;
  if (typeof bg === "number") classes.push(`ansi-bg-${bg}`);
  else if (bg !== undefined) look.background = bg;
  if (style.bold) classes.push("ansi-bold");
  if (style.dim) classes.push("ansi-dim");
  if (style.italic) classes.push("ansi-italic");
  if (style.underline && style.strike) classes.push("ansi-underline-strike");
  else if (style.underline) classes.push("ansi-underline");
  else if (style.strike) classes.push("ansi-strike");
  if (style.hidden) classes.push("ansi-hidden");
  look.className = classes.join(" ");
  return look;
}
