import { describe, expect, test } from "vitest";
import { deepEqual } from "./equal";
import { listNames, MAX_NAME_LENGTH, uniqueName } from "./names";
import { applyPatch } from "./patch";

describe("uniqueName", () => {
  test("keeps a free name, numbers a taken one from 2", () => {
    expect(uniqueName("Build", [])).toBe("Build");
    expect(uniqueName("Build", ["Build"])).toBe("Build2");
    expect(uniqueName("Build", ["Build", "Build2", "Build3"])).toBe("Build4");
  });

  test("counts on from a trailing number", () => {
    expect(uniqueName("Build2", ["Build", "Build2"])).toBe("Build3");
    expect(uniqueName("BuildOutput", ["BuildOutput"])).toBe("BuildOutput2");
  });

  test("stays within 100 characters", () => {
    const long = "a".repeat(MAX_NAME_LENGTH);
    const name = uniqueName(long, [long]);
    expect(name).toHaveLength(MAX_NAME_LENGTH);
    expect(name.endsWith("2")).toBe(true);
  });
});

test("listNames joins names for speech", () => {
  expect(listNames([])).toBe("");
  expect(listNames(["Compile"])).toBe("Compile");
  expect(listNames(["Compile", "Lint"])).toBe("Compile and Lint");
  expect(listNames(["Compile", "Lint", "Test"])).toBe("Compile, Lint and Test");
});

test("deepEqual compares structurally; an undefined field counts as absent", () => {
  expect(deepEqual({ a: [1, { b: "x" }] }, { a: [1, { b: "x" }] })).toBe(true);
  expect(deepEqual({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
  expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
  expect(deepEqual([], {})).toBe(false);
  expect(deepEqual(null, {})).toBe(false);
});

test("applyPatch sets, adds and removes fields, keeping the others and their order", () => {
  const out = applyPatch({ a: 1, b: 2, c: 3 }, { b: 20, c: undefined, d: 4 });
  expect(out).toEqual({ a: 1, b: 20, d: 4 });
  expect(Object.keys(out)).toEqual(["a", "b", "d"]);
});
