import { describe, expect, test } from "vitest";
import { actionSections, boolChecked, configForm, countLabel, integerProblem, linesToList, schemaFor, setConfigValue } from "./form";
import { actionAt, PROVIDERS, webApp } from "./testData";

const type = (category: string, owner: string, provider: string) => ({ category, owner, provider, version: "1" });

describe("schemaFor", () => {
  test("picks the schema of the action's category when a provider has several", () => {
    expect(schemaFor(PROVIDERS, type("Source", "Custom", "Directory"))?.configuration.map((k) => k.name)).toEqual(["Path", "RespectGitignore"]);
    expect(schemaFor(PROVIDERS, type("Deploy", "Custom", "Directory"))?.configuration.map((k) => k.name)).toEqual(["TargetPath"]);
  });
  test("falls back to the provider's first schema, and to nothing for an unknown provider", () => {
    expect(schemaFor(PROVIDERS, type("Invoke", "Custom", "Directory"))?.categories).toEqual(["Source"]);
    expect(schemaFor(PROVIDERS, type("Build", "Custom", "Nope"))).toBeUndefined();
  });
});

describe("configForm", () => {
  test("one field per schema key, typed by kind, with values, defaults and required marks", () => {
    const container = schemaFor(PROVIDERS, type("Build", "Custom", "Container"));
    const form = configForm(container, { Image: "node:20", Extra: "x" });
    expect(form.fields.map((f) => [f.key, f.input, f.required, f.value])).toEqual([
      ["Image", "text", true, "node:20"],
      ["Network", "select", false, ""],
    ]);
    expect(form.fields[1]?.options).toEqual(["none", "bridge", "host"]);
    expect(form.fields[1]?.placeholder).toBe("none");
    expect(form.other).toEqual([["Extra", "x"]]);
  });
  test("kinds map to inputs and hints", () => {
    const git = configForm(schemaFor(PROVIDERS, type("Source", "Custom", "Git")), undefined);
    expect(git.fields.map((f) => [f.key, f.input, f.placeholder ?? null, f.hint !== undefined])).toEqual([
      ["Repository", "text", null, true],
      ["Branch", "text", "main", false],
      ["Depth", "number", null, false],
    ]);
    const docker = configForm(schemaFor(PROVIDERS, type("Build", "Custom", "DockerBuild")), undefined);
    expect(docker.fields.find((f) => f.key === "BuildArgs")?.input).toBe("textarea");
    const dir = configForm(schemaFor(PROVIDERS, type("Source", "Custom", "Directory")), { RespectGitignore: "true" });
    expect(dir.fields[1]?.input).toBe("checkbox");
    const respect = dir.fields[1];
    expect(respect && boolChecked(respect)).toBe(true);
  });
  test("an enum value the schema does not list stays an option", () => {
    const form = configForm(schemaFor(PROVIDERS, type("Build", "Custom", "Container")), { Image: "x", Network: "weird" });
    expect(form.fields[1]?.options).toContain("weird");
  });
  test("without a schema every key is 'other'", () => {
    expect(configForm(undefined, { A: "1" })).toEqual({ fields: [], other: [["A", "1"]] });
  });
});

describe("values", () => {
  test("setConfigValue sets, keeps order, removes empty values and empty maps", () => {
    expect(Object.keys(setConfigValue({ A: "1", B: "2" }, "A", "3") ?? {})).toEqual(["A", "B"]);
    expect(setConfigValue({ A: "1", B: "2" }, "A", "")).toEqual({ B: "2" });
    expect(setConfigValue({ A: "1" }, "A", "")).toBeUndefined();
    expect(setConfigValue(undefined, "A", "1")).toEqual({ A: "1" });
  });
  test("integerProblem checks whole numbers and bounds", () => {
    expect(integerProblem({ min: 1, max: 5 }, "")).toBeUndefined();
    expect(integerProblem({ min: 1, max: 5 }, "3")).toBeUndefined();
    expect(integerProblem({ min: 1, max: 5 }, "0")).toBe("At least 1.");
    expect(integerProblem({ min: 1, max: 5 }, "9")).toBe("At most 5.");
    expect(integerProblem({}, "1.5")).toBe("Enter a whole number.");
  });
  test("linesToList drops blank lines", () => {
    expect(linesToList("npm ci\n\n  npm test  \n")).toEqual(["npm ci", "  npm test"]);
  });
  test("countLabel", () => {
    expect(countLabel(0, 0)).toBe("none");
    expect(countLabel(1, 1)).toBe("exactly 1");
    expect(countLabel(0, 10)).toBe("0 to 10");
  });
});

describe("actionSections", () => {
  test("follow the schema, and show what the document already has", () => {
    const doc = webApp();
    const compile = actionAt(doc, 1, 0);
    const s = actionSections(schemaFor(PROVIDERS, compile.actionTypeId), compile);
    expect(s).toMatchObject({ commands: true, commandsRequired: true, outputVariables: true, environmentVariables: true, outputFiles: true, local: true });
    const checkout = actionAt(doc, 0, 0);
    expect(actionSections(schemaFor(PROVIDERS, checkout.actionTypeId), checkout)).toMatchObject({ commands: false, environmentVariables: false });
    expect(actionSections(schemaFor(PROVIDERS, checkout.actionTypeId), { ...checkout, commands: ["x"] }).commands).toBe(true);
    const s3 = type("Source", "AWS", "S3");
    expect(actionSections(schemaFor(PROVIDERS, s3), { name: "S", actionTypeId: s3 }).local).toBe(false);
  });
});
