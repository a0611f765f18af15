// Shared by the editing model's tests only.
import type { ActionDeclaration, PipelineDocument } from "../../ipc/bindings";

const container = (category: string) => ({ category, owner: "Custom", provider: "Container", version: "1" });

/** Compile carries a field the model does not know, kept verbatim (as the importer keeps them). */
const compile = {
  name: "Compile",
  actionTypeId: container("Build"),
  runOrder: 1,
  configuration: { Image: "rust:1" },
  commands: ["cargo build"],
  inputArtifacts: [{ name: "SourceOutput" }],
  outputArtifacts: [{ name: "BuildOutput", files: ["target/**"] }],
  "x-team": { owner: "core" },
} as ActionDeclaration;

/**
 * Source → Build (Compile ∥ Lint, then Package) → Test → Deploy. Lint has no runOrder (1 by
 * default). Deep-frozen, so an operation that mutates its input throws.
 */
export function fixture(): PipelineDocument {
  return deepFreeze({
    pipeline: {
      name: "app",
      pipelineType: "V2",
      stages: [
        {
          name: "Source",
          actions: [
            {
              name: "Checkout",
              actionTypeId: { category: "Source", owner: "Custom", provider: "Git", version: "1" },
              runOrder: 1,
              configuration: { Repository: "/src/app", Branch: "main" },
              outputArtifacts: [{ name: "SourceOutput" }],
              namespace: "SourceVariables",
            },
          ],
        },
        {
          name: "Build",
          onFailure: { result: "RETRY" },
          actions: [
            compile,
            {
              name: "Lint",
              actionTypeId: container("Test"),
              configuration: { Image: "rust:1" },
              commands: ["cargo clippy"],
              inputArtifacts: [{ name: "SourceOutput" }],
            },
            {
              name: "Package",
              actionTypeId: container("Build"),
              runOrder: 2,
              configuration: { Image: "alpine:3" },
              commands: ["tar czf app.tgz target", "echo VERSION=1"],
              inputArtifacts: [{ name: "BuildOutput" }],
              outputArtifacts: [{ name: "PackageOutput" }],
              outputVariables: ["VERSION"],
              namespace: "BuildVariables",
            },
          ],
        },
        {
          name: "Test",
          actions: [
            {
              name: "UnitTests",
              actionTypeId: container("Test"),
              runOrder: 1,
              configuration: { Image: "rust:1" },
              commands: ["cargo test"],
              inputArtifacts: [{ name: "BuildOutput" }],
              environmentVariables: [{ name: "VERSION", value: "#{BuildVariables.VERSION}" }],
            },
          ],
        },
        {
          name: "Deploy",
          actions: [
            {
              name: "Ship",
              actionTypeId: { category: "Deploy", owner: "Custom", provider: "Directory", version: "1" },
              runOrder: 1,
              configuration: { TargetPath: "/srv/app" },
              inputArtifacts: [{ name: "PackageOutput" }],
            },
          ],
        },
      ],
    },
  });
}

export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** A stage's actions as `name:runOrder` in document order: `["Compile:1", "Lint:1", "Package:2"]`. */
export function order(doc: PipelineDocument, stage: number): string[] {
  return (doc.pipeline.stages[stage]?.actions ?? []).map((a) => `${a.name}:${a.runOrder ?? "-"}`);
}

export function actionAt(doc: PipelineDocument, stage: number, action: number): ActionDeclaration {
  const found = doc.pipeline.stages[stage]?.actions[action];
  if (!found) throw new Error(`no action ${stage}/${action}`);
  return found;
}

export const SOURCE = 0;
export const BUILD = 1;
export const TEST = 2;
export const DEPLOY = 3;
export const COMPILE = { stage: BUILD, action: 0 };
export const LINT = { stage: BUILD, action: 1 };
export const PACKAGE = { stage: BUILD, action: 2 };
export const UNIT_TESTS = { stage: TEST, action: 0 };
export const SHIP = { stage: DEPLOY, action: 0 };
