import { describe, expect, test } from "vitest";
import { needsParsing, palette256, parseAnsi, stripAnsi } from "./ansi";

const E = "\x1b";

describe("parseAnsi", () => {
  test("plain text is one unstyled segment", () => {
    expect(parseAnsi("hello")).toEqual([{ text: "hello", start: 0, style: {} }]);
    expect(needsParsing("hello")).toBe(false);
    expect(needsParsing(`${E}[1m`)).toBe(true);
  });

  test("16 colours, bright colours, backgrounds and reset", () => {
    const s = parseAnsi(`a${E}[31mred${E}[0m b${E}[92;41mbright${E}[39mbg${E}[m end`);
    expect(s.map((x) => [x.text, x.start, x.style])).toEqual([
      ["a", 0, {}],
      ["red", 1, { fg: 1 }],
      [" b", 4, {}],
      ["bright", 6, { fg: 10, bg: 1 }],
      ["bg", 12, { bg: 1 }],
      [" end", 14, {}],
    ]);
  });

  test("256 colours: palette entries, cube and grey ramp", () => {
    expect(parseAnsi(`${E}[38;5;9mx`)[0]?.style).toEqual({ fg: 9 });
    expect(parseAnsi(`${E}[38;5;196mx`)[0]?.style).toEqual({ fg: "rgb(255, 0, 0)" });
    expect(parseAnsi(`${E}[48;5;232mx`)[0]?.style).toEqual({ bg: "rgb(8, 8, 8)" });
    expect(palette256(21)).toBe("rgb(0, 0, 255)");
    expect(palette256(255)).toBe("rgb(238, 238, 238)");
    // Colon form.
    expect(parseAnsi(`${E}[38:5:46mx`)[0]?.style).toEqual({ fg: "rgb(0, 255, 0)" });
  });

  test("truecolor in the semicolon and colon forms, clamped", () => {
    expect(parseAnsi(`${E}[38;2;10;20;30mx`)[0]?.style).toEqual({ fg: "rgb(10, 20, 30)" });
    expect(parseAnsi(`${E}[48;2;300;0;0;1mx`)[0]?.style).toEqual({ bg: "rgb(255, 0, 0)", bold: true });
    expect(parseAnsi(`${E}[38:2::1:2:3mx`)[0]?.style).toEqual({ fg: "rgb(1, 2, 3)" });
    expect(parseAnsi(`${E}[38:2:4:5:6mx`)[0]?.style).toEqual({ fg: "rgb(4, 5, 6)" });
    // Codes after an extended colour still apply.
    expect(parseAnsi(`${E}[38;5;1;4mx`)[0]?.style).toEqual({ fg: 1, underline: true });
  });

  test("styles turn on and off one by one", () => {
    const s = parseAnsi(`${E}[1;3;4;9mA${E}[22;23mB${E}[24;29mC`);
    expect(s.map((x) => x.style)).toEqual([{ bold: true, italic: true, underline: true, strike: true }, { underline: true, strike: true }, {}]);
  });

  test("non-SGR escapes (cursor, erase, OSC hyperlinks and titles, charsets) are dropped", () => {
    const line = `${E}[2K${E}[1Gstart ${E}]8;;https://x.test${E}\\link${E}]8;;${E}\\ ${E}]0;title\x07${E}(Bend`;
    expect(stripAnsi(line)).toBe("start link end");
    expect(parseAnsi(line)).toHaveLength(1);
  });

  test("an unfinished escape at the end is dropped, not shown", () => {
    expect(stripAnsi(`ok${E}[31`)).toBe("ok");
    expect(stripAnsi(`ok${E}`)).toBe("ok");
  });

  test("a carriage return starts the line over (progress bars)", () => {
    expect(stripAnsi("10%\r50%\r100% done")).toBe("100% done");
    expect(stripAnsi("text\r")).toBe("text");
    const s = parseAnsi(`${E}[31mold\r${E}[32mnew`);
    expect(s).toEqual([{ text: "new", start: 0, style: { fg: 2 } }]);
  });

  test("stripAnsi is the text of parseAnsi's segments", () => {
    const lines = [`${E}[31mred${E}[0m plain`, "a\rb\r", `${E}]0;t\x07x${E}[1;38;5;9my\rz${E}[m!`, `ok${E}[31`, "none", `${E}[2K\r${E}[32m✓${E}[0m done`];
    for (const line of lines) expect(stripAnsi(line)).toBe(parseAnsi(line).map((s) => s.text).join(""));
  });
});
