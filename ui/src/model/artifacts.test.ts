import { describe, expect, test } from "vitest";
import { docsSite, legacyImport, webApp } from "../ipc/mock/seed";
import { artifactConsumers, artifactProducers, producedBefore } from "./artifacts";

describe("artifactProducers", () => {
  test("maps each output artifact to the action that produces it", () => {
    const producers = artifactProducers(webApp());
    expect(Object.fromEntries([...producers].map(([k, v]) => [k, `${v.stageName}/${v.actionName}@${v.runOrder}`]))).toEqual({
      SourceOutput: "Source/Checkout@1",
      ConfigOutput: "Source/SharedConfig@1",
      BuildOutput: "Build/Compile@1",
      PackageOutput: "Build/Package@2",
    });
    expect(producers.get("PackageOutput")).toMatchObject({ stage: 1, action: 2 });
  });

  test("the first producer wins when a name is produced twice", () => {
    const doc = docsSite();
    const render = doc.pipeline.stages[1]?.actions[0];
    const copy = doc.pipeline.stages[1]?.actions[1];
    if (!render || !copy) throw new Error("fixture changed");
    copy.outputArtifacts = [{ name: "Site" }];
    expect(artifactProducers(doc).get("Site")).toMatchObject({ actionName: render.name });
  });
});

describe("artifactConsumers", () => {
  test("lists every consumer of an artifact in document order", () => {
    const consumers = artifactConsumers(webApp());
    expect(consumers.get("SourceOutput")?.map((c) => c.actionName)).toEqual(["Compile", "Lint", "UnitTests"]);
    expect(consumers.get("SourceArtifcat")).toBeUndefined();
    expect(artifactConsumers(legacyImport()).get("SourceArtifcat")).toEqual([{ stage: 1, action: 0, actionName: "BuildApp" }]);
  });
});

describe("producedBefore", () => {
  const producer = { stage: 1, action: 0, stageName: "B", actionName: "x", runOrder: 1 };
  test("earlier stage or earlier runOrder of the same stage", () => {
    expect(producedBefore(producer, 2, 1)).toBe(true);
    expect(producedBefore(producer, 1, 2)).toBe(true);
    expect(producedBefore(producer, 1, 1)).toBe(false);
    expect(producedBefore(producer, 0, 5)).toBe(false);
  });
});
