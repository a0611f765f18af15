import { describe, expect, it } from "vitest";
import { decisionLine, timeLeft } from "./approvals";

describe("timeLeft", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it("says minutes, hours and days", () => {
    expect(timeLeft("2026-01-01T00:10:00Z", now)).toBe("in 10 min");
    expect(timeLeft("2026-01-01T05:00:00Z", now)).toBe("in 5 h");
    expect(timeLeft("2026-01-08T00:00:00Z", now)).toBe("in 7 days");
    expect(timeLeft("2025-12-31T00:00:00Z", now)).toBe("now");
  });
});

describe("decisionLine", () => {
  it("tells who, when and why", () => {
    const line = decisionLine({
      kind: "APPROVAL",
      status: "REJECTED",
      requestedTime: "2026-01-01T00:00:00Z",
      decidedBy: "ana",
      decidedTime: "2026-01-01T00:05:00Z",
      comment: "not today",
    });
    expect(line).toMatch(/^Rejected by ana at .+: not today$/);
  });
  it("continues a pause point and ends the debugging of a kept container", () => {
    const at = { requestedTime: "2026-01-01T00:00:00Z", decidedBy: "bo", decidedTime: "2026-01-01T00:05:00Z" };
    const pause = { kind: "PAUSE", status: "APPROVED", customData: "Paused before Build/Make: Continue runs it", ...at };
    expect(decisionLine(pause)).toMatch(/^Continued by bo at /);
    const held = { ...pause, customData: "Build/Make failed; its container was kept for debugging: open a terminal" };
    expect(decisionLine(held)).toMatch(/^Debugging ended by bo at /);
    expect(decisionLine({ ...held, status: "TIMED_OUT", decidedBy: undefined })).toMatch(/^Debugging timed out at /);
  });
  it("says a pending one waits", () => {
    expect(decisionLine({ kind: "APPROVAL", status: "PENDING", requestedTime: "2026-01-01T00:00:00Z" })).toBe("Waiting for a decision");
  });
});
