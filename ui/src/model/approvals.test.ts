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
  it("says a pending one waits", () => {
    expect(decisionLine({ kind: "APPROVAL", status: "PENDING", requestedTime: "2026-01-01T00:00:00Z" })).toBe("Waiting for a decision");
  });
});
