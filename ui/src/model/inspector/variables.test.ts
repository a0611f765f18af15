import { describe, expect, test } from "vitest";
import { availableVariables, filterVariables, insertVariable, suggestionsAt, variableQueryAt } from "./variables";
import { actionAt, PROVIDERS, webApp } from "./testData";

describe("availableVariables", () => {
  test("upstream namespaces with the provider's names, pipeline variables and the execution id", () => {
    const doc = webApp();
    doc.pipeline.variables = [{ name: "Env", defaultValue: "dev" }];
    const texts = availableVariables(doc, { stage: 1, action: 0 }, PROVIDERS).map((v) => v.text);
    expect(texts).toEqual([
      "#{SourceVariables.CommitId}",
      "#{SourceVariables.BranchName}",
      "#{SourceVariables.CommitMessage}",
      "#{variables.Env}",
      "#{codepipeline.PipelineExecutionId}",
    ]);
  });
  test("an upstream action's outputVariables, and nothing from actions without a namespace or downstream", () => {
    const doc = webApp();
    const compile = actionAt(doc, 1, 0);
    compile.namespace = "BuildVars";
    compile.outputVariables = ["VERSION"];
    expect(availableVariables(doc, { stage: 2, action: 0 }, PROVIDERS).map((v) => v.text)).toContain("#{BuildVars.VERSION}");
    expect(availableVariables(doc, { stage: 1, action: 1 }, PROVIDERS).map((v) => v.text)).not.toContain("#{BuildVars.VERSION}");
    expect(availableVariables(doc, { stage: 0, action: 0 }, PROVIDERS).map((v) => v.text)).toEqual(["#{codepipeline.PipelineExecutionId}"]);
  });
});

describe("typing a reference", () => {
  test("variableQueryAt finds an open #{ before the cursor", () => {
    expect(variableQueryAt("echo #{Sou", 10)).toEqual({ start: 5, query: "Sou" });
    expect(variableQueryAt("echo #{", 7)).toEqual({ start: 5, query: "" });
    expect(variableQueryAt("echo #{A.B} x", 13)).toBeNull();
    expect(variableQueryAt("echo #{A b", 10)).toBeNull();
    expect(variableQueryAt("plain", 5)).toBeNull();
  });
  test("filterVariables: prefix matches first, then substrings, case-insensitive", () => {
    const all = [
      { text: "#{SourceVariables.CommitId}", detail: "" },
      { text: "#{variables.Commit}", detail: "" },
      { text: "#{codepipeline.PipelineExecutionId}", detail: "" },
    ];
    expect(filterVariables(all, "").length).toBe(3);
    expect(filterVariables(all, "var").map((s) => s.text)).toEqual(["#{variables.Commit}", "#{SourceVariables.CommitId}"]);
    expect(filterVariables(all, "commit").map((s) => s.text)).toEqual(["#{SourceVariables.CommitId}", "#{variables.Commit}"]);
  });
  test("insertVariable replaces the typed part and a closing brace after the cursor", () => {
    expect(insertVariable("echo #{Sou", { start: 5, query: "Sou" }, 10, "#{SourceVariables.CommitId}")).toEqual({
      text: "echo #{SourceVariables.CommitId}",
      cursor: 32,
    });
    expect(insertVariable("a #{} b", { start: 2, query: "" }, 4, "#{x.y}")).toEqual({ text: "a #{x.y} b", cursor: 8 });
  });
  test("suggestionsAt is null when nothing matches", () => {
    const all = [{ text: "#{A.B}", detail: "" }];
    expect(suggestionsAt(all, "#{Z", 3)).toBeNull();
    expect(suggestionsAt(all, "#{a", 3)?.items).toEqual(all);
  });
});
