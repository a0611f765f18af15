import { describe, expect, test } from "vitest";
import { formatLineTime, highlight, messageSegments, messageStart, parsePrefix } from "./line";

const T = "2026-11-25T14:22:47.123Z";

describe("the engine's line prefix", () => {
  test("time and stream are read; the message follows", () => {
    expect(parsePrefix(`${T} stderr oops`)).toEqual({ time: T, stream: "stderr", messageStart: 32 });
    expect(parsePrefix(`${T} pipewright timed out`)).toEqual({ time: T, stream: "pipewright", messageStart: 36 });
    expect(parsePrefix(`${T} stdout`)).toEqual({ time: T, stream: "stdout", messageStart: 31 });
  });

  test("lines in another shape are shown whole, as stdout", () => {
    expect(parsePrefix("[stdout] running Compile")).toEqual({ time: null, stream: "stdout", messageStart: 0 });
    expect(parsePrefix(`${T} stdin x`)).toEqual({ time: null, stream: "stdout", messageStart: 0 });
    expect(parsePrefix(`${T} stdoutx`).messageStart).toBe(0);
  });

  test("messageStart agrees with parsePrefix, also inside a larger text", () => {
    for (const line of [`${T} stderr oops`, `${T} pipewright x`, `${T} stdout`, "plain", `${T} other`]) {
      expect(messageStart(line)).toBe(parsePrefix(line).messageStart);
      const text = `before\n${line}\nafter`;
      expect(messageStart(text, 7, 7 + line.length)).toBe(parsePrefix(line).messageStart);
    }
  });
});

describe("segments and highlights", () => {
  test("a message without escapes is one plain segment; an empty one none", () => {
    expect(messageSegments("abc")).toEqual([{ text: "abc", start: 0, style: {} }]);
    expect(messageSegments("")).toEqual([]);
  });

  test("matches cut segments and keep their style; the current match is marked 2", () => {
    const segs = messageSegments("\x1b[31mred\x1b[0m and blue");
    const pieces = highlight(segs, [
      { start: 1, length: 4, current: false },
      { start: 8, length: 4, current: true },
    ]);
    expect(pieces).toEqual([
      { text: "r", style: { fg: 1 }, mark: 0 },
      { text: "ed", style: { fg: 1 }, mark: 1 },
      { text: " a", style: {}, mark: 1 },
      { text: "nd ", style: {}, mark: 0 },
      { text: "blue", style: {}, mark: 2 },
    ]);
    expect(pieces.map((p) => p.text).join("")).toBe("red and blue");
  });

  test("no ranges leave the segments whole", () => {
    expect(highlight(messageSegments("x"), [])).toEqual([{ text: "x", style: {}, mark: 0 }]);
  });
});

describe("formatLineTime", () => {
  test("the line's own time, else the fallback; nothing for junk", () => {
    const own = formatLineTime(T, 0);
    expect(own).toMatch(/^\d\d:22:47\.123$/);
    expect(formatLineTime(null, Date.parse("2026-01-01T10:11:12.345Z"))).toMatch(/:11:12\.345$/);
    expect(formatLineTime("not a time", 0)).toBe("");
  });
});
