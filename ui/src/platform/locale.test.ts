import { describe, expect, it } from "vitest";
import { usableLanguage } from "./locale";

describe("usableLanguage", () => {
  it("keeps a valid language", () => {
    expect(usableLanguage("de-DE")).toBeNull();
  });
  it("replaces what Intl refuses, like the C locale", () => {
    expect(usableLanguage("C")).toBe("en-US");
    expect(usableLanguage("")).toBe("en-US");
  });
});
