import { describe, expect, test } from "vitest";
import { artifactChoices, freshArtifactName, upstreamActions, upstreamArtifacts } from "./upstream";
import { webApp } from "./testData";

describe("upstream", () => {
  test("earlier stages and lower runOrders of the same stage only", () => {
    const doc = webApp();
    // Build › Package (runOrder 2) sees Source's actions and Compile, Lint (runOrder 1).
    expect(upstreamActions(doc, { stage: 1, action: 2 }).map((u) => u.declaration.name)).toEqual(["Checkout", "SharedConfig", "Compile", "Lint"]);
    // Compile (runOrder 1) does not see its parallel sibling Lint, nor Package.
    expect(upstreamActions(doc, { stage: 1, action: 0 }).map((u) => u.declaration.name)).toEqual(["Checkout", "SharedConfig"]);
    expect(upstreamActions(doc, { stage: 0, action: 0 })).toEqual([]);
    expect(upstreamActions(doc, { stage: 9, action: 0 })).toEqual([]);
  });
  test("upstream artifacts name their producer", () => {
    const doc = webApp();
    expect(upstreamArtifacts(doc, { stage: 1, action: 0 })).toEqual([
      { name: "SourceOutput", stageName: "Source", actionName: "Checkout" },
      { name: "ConfigOutput", stageName: "Source", actionName: "SharedConfig" },
    ]);
    expect(upstreamArtifacts(doc, { stage: 2, action: 0 }).map((a) => a.name)).toEqual(["SourceOutput", "ConfigOutput", "BuildOutput", "PackageOutput"]);
  });
  test("the picker leaves out chosen artifacts and respects the maximum", () => {
    const doc = webApp();
    expect(artifactChoices(doc, { stage: 1, action: 0 }, 10)).toEqual({
      available: [{ name: "ConfigOutput", stageName: "Source", actionName: "SharedConfig" }],
      canAdd: true,
    });
    expect(artifactChoices(doc, { stage: 1, action: 0 }, 1).canAdd).toBe(false);
  });
  test("fresh artifact names", () => {
    const doc = webApp();
    expect(freshArtifactName(doc, "BuildOutput")).toBe("BuildOutput2");
    expect(freshArtifactName(doc, "LintOutput")).toBe("LintOutput");
  });
});
