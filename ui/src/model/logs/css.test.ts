import { describe, expect, test } from "vitest";
import { parseAnsi } from "./ansi";
import { pieceLook } from "./css";

const look = (line: string) => pieceLook(parseAnsi(line)[0]?.style ?? {});

describe("pieceLook", () => {
  test("palette colours and styles are classes; 256 and truecolor inline", () => {
    expect(look("\x1b[1;31;44mx")).toEqual({ className: "ansi-fg-1 ansi-bg-4 ansi-bold" });
    expect(look("\x1b[38;5;208mx")).toEqual({ className: "", color: "rgb(255, 135, 0)" });
    expect(look("\x1b[48;2;1;2;3;3mx")).toEqual({ className: "ansi-italic", background: "rgb(1, 2, 3)" });
    expect(look("\x1b[4;9mx").className).toBe("ansi-underline-strike");
    expect(look("x")).toEqual({ className: "" });
  });

  test("inverse swaps colours, defaults standing in", () => {
    expect(look("\x1b[7;31mx")).toEqual({ className: "ansi-bg-1", color: "var(--log-bg)" });
    expect(look("\x1b[7mx")).toEqual({ className: "", color: "var(--log-bg)", background: "var(--log-fg)" });
  });
});
