import { describe, expect, test } from "vitest";
import type { ProviderSchema } from "../ipc/bindings";
import providers from "../ipc/mock/providers.json";
import { actionTemplate, paletteGroups } from "./palette";

const schemas = providers as ProviderSchema[];
const schema = (provider: string, category: string) => {
  const found = schemas.find((s) => s.provider === provider && s.categories.includes(category));
  if (!found) throw new Error(`no ${provider}`);
  return found;
};

describe("paletteGroups", () => {
  test("categories in CodePipeline's order, local providers first", () => {
    const groups = paletteGroups(schemas);
    expect(groups.map((g) => g.category).slice(0, 4)).toEqual(["Source", "Build", "Test", "Deploy"]);
    for (const group of groups) {
      const locals = group.items.map((i) => i.local);
      expect(locals).toEqual([...locals].sort((a, b) => Number(b) - Number(a)));
    }
    const source = groups.find((g) => g.category === "Source")?.items.map((i) => i.provider);
    expect(source?.slice(0, 2)).toEqual(["Directory", "Git"]);
  });

  test("a provider usable in several categories appears in each", () => {
    const ids = paletteGroups(schemas).flatMap((g) => g.items.map((i) => i.id));
    expect(ids).toContain("Source/Custom/Directory");
    expect(ids).toContain("Deploy/Custom/Directory");
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("actionTemplate", () => {
  test("actionTypeId from the schema, required keys empty, required outputs named", () => {
    expect(actionTemplate(schema("Directory", "Source"), "Source")).toEqual({
      name: "Directory",
      actionTypeId: { category: "Source", owner: "Custom", provider: "Directory", version: "1" },
      configuration: { Path: "" },
      outputArtifacts: [{ name: "DirectoryOutput" }],
    });
  });

  test("no configuration when nothing is required", () => {
    const commands = actionTemplate(schema("Commands", "Compute"), "Compute");
    expect(commands).not.toHaveProperty("configuration");
    expect(commands.actionTypeId).toEqual({ category: "Compute", owner: "AWS", provider: "Commands", version: "1" });
  });
});
