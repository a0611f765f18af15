import { describe, expect, test } from "vitest";
import { formatRelative } from "./time";

describe("formatRelative", () => {
  const now = new Date("2025-06-15T12:00:00Z");
  test("recent, hours, days, months", () => {
    expect(formatRelative("2025-06-15T11:59:50Z", now)).toBe("just now");
    expect(formatRelative("2025-06-15T11:55:00Z", now)).toBe("5 minutes ago");
    expect(formatRelative("2025-06-15T09:00:00Z", now)).toBe("3 hours ago");
    expect(formatRelative("2025-06-14T12:00:00Z", now)).toBe("yesterday");
    expect(formatRelative("2025-05-10T12:00:00Z", now)).toBe("last month");
  });
  test("unparsable text is shown as is", () => {
    expect(formatRelative("not a date", now)).toBe("not a date");
  });
});
