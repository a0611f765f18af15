import { describe, expect, test } from "vitest";
import { appendFixtureLog, finishFixtureLog, fixtureLogPage, generateLog, putFixtureLog } from "./logs";
import { parsePrefix } from "../../model/logs/line";

const args = (offset: number) => ({ executionId: "fixture-log-test", stageName: "Build", actionName: "Compile", offset });

describe("fixture logs", () => {
  test("generated lines are in the engine's format, one ms apart, with every stream", () => {
    const lines = generateLog(50, { ansi: false }).split("\n");
    expect(lines).toHaveLength(51);
    expect(parsePrefix(lines[0] ?? "")).toEqual({ time: "2026-11-25T14:00:00.000Z", stream: "stdout", messageStart: 32 });
    expect(parsePrefix(lines[6] ?? "").stream).toBe("stderr");
    expect(parsePrefix(lines[49] ?? "").stream).toBe("pipewright");
    expect(generateLog(1, { startLine: 4 })).toContain("2026-11-25T14:00:00.004Z");
  });

  test("pages hold complete lines, at most 1 MiB; complete only at the end of a finished log", () => {
    putFixtureLog("fixture-log-test", "", false);
    appendFixtureLog("fixture-log-test", "one\ntw");
    expect(fixtureLogPage(args(0))).toEqual({ text: "one\n", nextOffset: 4, complete: false });
    expect(fixtureLogPage(args(4))).toEqual({ text: "", nextOffset: 4, complete: false });
    appendFixtureLog("fixture-log-test", "o\n");
    finishFixtureLog("fixture-log-test");
    expect(fixtureLogPage(args(4))).toEqual({ text: "two\n", nextOffset: 8, complete: false });
    expect(fixtureLogPage(args(8))).toEqual({ text: "", nextOffset: 8, complete: true });

    putFixtureLog("fixture-log-test", generateLog(30_000));
    const first = fixtureLogPage(args(0));
    expect(first.text.length).toBeLessThanOrEqual(1 << 20);
    expect(first.text.endsWith("\n")).toBe(true);
    let offset = first.nextOffset;
    let text = first.text;
    for (;;) {
      const page = fixtureLogPage(args(offset));
      text += page.text;
      offset = page.nextOffset;
      if (page.complete) break;
    }
    expect(text).toBe(generateLog(30_000));
  });
});
