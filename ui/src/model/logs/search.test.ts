import { describe, expect, test } from "vitest";
import { LogMatches, searchMore } from "./search";
import { LogStore } from "./store";

const T = "2026-11-25T14:22:47.123Z";
const all = (m: LogMatches) => Array.from({ length: m.count }, (_, k) => [m.lineOf(k), m.columnOf(k)]);

function storeOf(...pages: string[]): LogStore {
  const s = new LogStore();
  for (const p of pages) s.append(p);
  s.finish();
  return s;
}

describe("log search", () => {
  test("case-insensitive, in the message only (not the prefix), columns in the shown text", () => {
    const s = storeOf(`${T} stdout Error one error\n${T} stderr no\n${T} stdout stdout ERROR\n`);
    const m = new LogMatches("error");
    expect(searchMore(s, m)).toBe(true);
    expect(all(m)).toEqual([
      [0, 0],
      [0, 10],
      [2, 7],
    ]);
    // "stdout" appears in every prefix but only once in a message.
    const p = new LogMatches("STDOUT");
    searchMore(s, p);
    expect(all(p)).toEqual([[2, 0]]);
  });

  test("a match never spans two lines", () => {
    const s = storeOf("abc\ndef\n");
    const m = new LogMatches("c\nd");
    searchMore(s, m);
    expect(m.count).toBe(0);
    const n = new LogMatches("cd");
    searchMore(s, n);
    expect(n.count).toBe(0);
  });

  test("lines with escapes are searched in their shown text", () => {
    const s = storeOf(`${T} stdout \x1b[31mfa\x1b[1mil\x1b[0med here\nplain failed\n`);
    const m = new LogMatches("failed");
    searchMore(s, m);
    expect(all(m)).toEqual([
      [0, 0],
      [1, 6],
    ]);
  });

  test("matches do not overlap; onLine and firstAtOrAfter find them", () => {
    const s = storeOf("aaaa\nb\naa\n");
    const m = new LogMatches("aa");
    searchMore(s, m);
    expect(all(m)).toEqual([
      [0, 0],
      [0, 2],
      [2, 0],
    ]);
    expect(m.onLine(0)).toEqual([0, 2]);
    expect(m.onLine(1)).toEqual([2, 2]);
    expect(m.firstAtOrAfter(1)).toBe(2);
    expect(m.firstAtOrAfter(3)).toBe(3);
  });

  test("an empty query matches nothing", () => {
    const m = new LogMatches("");
    searchMore(storeOf("x\n"), m);
    expect(m.count).toBe(0);
  });

  test("chunks are searched in slices and new chunks as they stream in", () => {
    const s = new LogStore();
    s.append("needle 1\n");
    s.append("hay\n");
    const m = new LogMatches("needle");
    let t = 0;
    // Every chunk takes "1 ms": a 1 ms budget searches one chunk per call.
    expect(searchMore(s, m, 1, () => t++)).toBe(false);
    expect(m.count).toBe(1);
    expect(searchMore(s, m, 1, () => t++)).toBe(true);
    s.append("a needle 2\n");
    expect(searchMore(s, m)).toBe(true);
    expect(all(m)).toEqual([
      [0, 0],
      [2, 2],
    ]);
  });
});
