import { describe, expect, test } from "vitest";
import { LogStore, MAX_CHUNK_CHARS } from "./store";

const lines = (s: LogStore) => Array.from({ length: s.lineCount }, (_, i) => s.line(i));

describe("LogStore", () => {
  test("lines split across pages are joined; a partial line waits for its newline", () => {
    const s = new LogStore();
    expect(s.append("one\ntw", 1)).toBe(1);
    expect(lines(s)).toEqual(["one"]);
    expect(s.append("o\nthr", 2)).toBe(1);
    expect(s.append("ee", 3)).toBe(0);
    expect(s.append("\n", 4)).toBe(1);
    expect(lines(s)).toEqual(["one", "two", "three"]);
    expect(s.arrivedAt(0)).toBe(1);
    expect(s.arrivedAt(1)).toBe(2);
    expect(s.arrivedAt(2)).toBe(4);
  });

  test("finish keeps a last line without a newline", () => {
    const s = new LogStore();
    s.append("a\nb");
    expect(s.lineCount).toBe(1);
    expect(s.parts().join("")).toBe("a\nb");
    expect(s.finish()).toBe(1);
    expect(lines(s)).toEqual(["a", "b"]);
    expect(s.finish()).toBe(0);
  });

  test("CRLF line ends lose the CR; empty lines stay", () => {
    const s = new LogStore();
    s.append("x\r\n\n\r\ny\n");
    expect(lines(s)).toEqual(["x", "", "", "y"]);
  });

  test("out-of-range lines are empty; version moves with each append", () => {
    const s = new LogStore();
    const v = s.version;
    s.append("a\n");
    expect(s.version).toBeGreaterThan(v);
    expect(s.line(-1)).toBe("");
    expect(s.line(5)).toBe("");
  });

  test("a page over the chunk limit is stored as several chunks cut at line ends", () => {
    const s = new LogStore();
    const line = `${"x".repeat(99)}\n`;
    const count = Math.ceil((MAX_CHUNK_CHARS * 2.5) / line.length);
    s.append(line.repeat(count));
    expect(s.lineCount).toBe(count);
    expect(s.chunkCount).toBe(3);
    for (let c = 0; c < s.chunkCount; c++) {
      const chunk = s.chunk(c);
      expect(chunk.length).toBeLessThanOrEqual(MAX_CHUNK_CHARS);
      expect(chunk.endsWith("\n")).toBe(true);
    }
    const [, end0] = s.chunkLines(0);
    const [first1] = s.chunkLines(1);
    expect(first1).toBe(end0);
    expect(s.line(count - 1)).toBe("x".repeat(99));
    expect(s.line(end0)).toBe("x".repeat(99));
    expect(s.size).toBe(line.length * count);
  });

  test("a million lines: typed arrays, no string per line until asked", () => {
    const s = new LogStore();
    const page = Array.from({ length: 10_000 }, (_, i) => `2026-11-25T14:22:47.123Z stdout line ${i}`).join("\n") + "\n";
    for (let p = 0; p < 100; p++) s.append(page);
    expect(s.lineCount).toBe(1_000_000);
    expect(s.line(999_999)).toBe("2026-11-25T14:22:47.123Z stdout line 9999");
    expect(s.line(123_456)).toBe("2026-11-25T14:22:47.123Z stdout line 3456");
  });
});
