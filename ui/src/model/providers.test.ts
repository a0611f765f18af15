import { describe, expect, test } from "vitest";
import { actionTypeLabel, categoryKey, runsLocally } from "./providers";

const t = (category: string, owner: string, provider: string) => ({ category, owner, provider, version: "1" });

describe("providers", () => {
  test("labels", () => {
    expect(actionTypeLabel(t("Build", "Custom", "Container"))).toBe("Build · Custom / Container");
  });

  test("unknown categories get the neutral look", () => {
    expect(categoryKey(t("Compute", "AWS", "Commands"))).toBe("Compute");
    expect(categoryKey(t("Mystery", "AWS", "X"))).toBe("Other");
  });

  test("local providers and AWS stand-ins run locally; other AWS providers do not", () => {
    expect(runsLocally(t("Source", "Custom", "Git"))).toBe(true);
    expect(runsLocally(t("Build", "AWS", "CodeBuild"))).toBe(true);
    expect(runsLocally(t("Approval", "AWS", "Manual"))).toBe(true);
    expect(runsLocally(t("Source", "AWS", "CodeCommit"))).toBe(false);
    expect(runsLocally(t("Build", "Custom", "Unknown"))).toBe(false);
    expect(runsLocally(t("Build", "ThirdParty", "Jenkins"))).toBe(false);
  });
});
