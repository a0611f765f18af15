import { describe, expect, test } from "vitest";
import { documentToText, jsonErrorOffset, parseText, pointerRange, sameDocument } from "./codeText";
import { webApp } from "./testData";

const lineAt = (text: string, offset: number) => text.slice(0, offset).split("\n").length;
const textAt = (text: string, r: { from: number; to: number } | null) => (r ? text.slice(r.from, r.to) : null);

describe("code text", () => {
  test("YAML and JSON round-trip", () => {
    const doc = webApp();
    for (const format of ["yaml", "json"] as const) {
      const parsed = parseText(documentToText(doc, format), format);
      expect(parsed.ok && sameDocument(parsed.doc, doc)).toBe(true);
    }
  });
  test("a YAML syntax error has its line", () => {
    const parsed = parseText("pipeline:\n  name: x\n  stages: [\n", "yaml");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem.line).toBeGreaterThanOrEqual(3);
  });
  test("a JSON syntax error has its position", () => {
    const text = '{\n  "pipeline": {\n    "name": x\n  }\n}';
    const parsed = parseText(text, "json");
    expect(parsed.ok).toBe(false);
    // Chromium's message names the place; the offset then marks that line.
    expect(jsonErrorOffset("abc", "Unexpected token at position 2")).toBe(2);
    expect(jsonErrorOffset(text, `Unexpected token 'x', ... is not valid JSON at position 34 (line 3 column 13)`)).toBe(text.indexOf("x"));
  });
  test("the wrong shape is refused", () => {
    const parsed = parseText("name: x\nstages: []\n", "yaml");
    expect(parsed.ok).toBe(false);
    const noStages = parseText("pipeline:\n  name: x\n", "yaml");
    expect(!noStages.ok && noStages.problem.message).toContain("stages");
    const badAction = parseText("pipeline:\n  name: x\n  stages:\n    - name: S\n      actions:\n        - name: A\n", "yaml");
    expect(!badAction.ok && badAction.problem.line).toBe(6);
  });
  test("configuration scalars are read as strings", () => {
    const parsed = parseText(
      "pipeline:\n  name: x\n  stages:\n    - name: S\n      actions:\n        - name: A\n          actionTypeId: {category: Source, owner: Custom, provider: Directory, version: '1'}\n          configuration:\n            RespectGitignore: true\n",
      "yaml",
    );
    expect(parsed.ok && parsed.doc.pipeline.stages[0]?.actions[0]?.configuration).toEqual({ RespectGitignore: "true" });
  });
  test("pointerRange maps a diagnostic path to its line, in YAML and JSON", () => {
    const doc = webApp();
    for (const format of ["yaml", "json"] as const) {
      const text = documentToText(doc, format);
      const image = pointerRange(text, format, "/stages/1/actions/0/configuration/Image");
      expect(textAt(text, image)).toMatch(/Image"?: "?node:20-bookworm/);
      const input = pointerRange(text, format, "/stages/1/actions/2/inputArtifacts/1");
      // The item's first line: `- name: ConfigOutput` in YAML, its `{` in JSON.
      expect(lineAt(text, (input?.from ?? -1))).toBeGreaterThanOrEqual(lineAt(text, text.lastIndexOf("ConfigOutput")) - 1);
      expect(lineAt(text, (input?.from ?? -1))).toBeLessThanOrEqual(lineAt(text, text.lastIndexOf("ConfigOutput")));
      // A missing key marks the nearest existing ancestor.
      const missing = pointerRange(text, format, "/stages/1/actions/0/configuration/Nope");
      expect(textAt(text, missing)).toMatch(/configuration/);
      expect(lineAt(text, (missing?.from ?? 0))).toBeGreaterThan(1);
    }
  });
  test("pointerRange is null for text that does not parse", () => {
    expect(pointerRange("a: [", "yaml", "/stages/0")).toBeNull();
  });
  test("sameDocument ignores key order and undefined fields", () => {
    expect(sameDocument({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1, d: undefined })).toBe(true);
    expect(sameDocument({ a: 1 }, { a: 2 })).toBe(false);
  });
});
