// Pipelines the mock backend starts with: one valid console-like pipeline with parallel
// actions, several artifacts and execution history, one imported draft with diagnostics, and
// a small V1 pipeline.
import type { PipelineDocument, TemplateInfo } from "../bindings";

const local = (category: string, provider: string) => ({ category, owner: "Custom", provider, version: "1" });
const aws = (category: string, provider: string) => ({ category, owner: "AWS", provider, version: "1" });

export function webApp(): PipelineDocument {
  return {
    pipeline: {
      name: "web-app",
      pipelineType: "V2",
      executionMode: "QUEUED",
      stages: [
        {
          name: "Source",
          actions: [
            {
              name: "Checkout",
              actionTypeId: local("Source", "Git"),
              runOrder: 1,
              configuration: { Repository: "/home/dev/src/web-app", Branch: "main" },
              outputArtifacts: [{ name: "SourceOutput" }],
              namespace: "SourceVariables",
            },
            {
              name: "SharedConfig",
              actionTypeId: local("Source", "Directory"),
              runOrder: 1,
              configuration: { Path: "/home/dev/config/web-app", RespectGitignore: "true" },
              outputArtifacts: [{ name: "ConfigOutput" }],
            },
          ],
        },
        {
          name: "Build",
          actions: [
            {
              name: "Compile",
              actionTypeId: local("Build", "Container"),
              runOrder: 1,
              configuration: { Image: "node:20-bookworm", Network: "none" },
              commands: ["npm ci", "npm run build"],
              inputArtifacts: [{ name: "SourceOutput" }],
              outputArtifacts: [{ name: "BuildOutput", files: ["dist/**"] }],
            },
            {
              name: "Lint",
              actionTypeId: local("Test", "Container"),
              runOrder: 1,
              configuration: { Image: "node:20-bookworm" },
              commands: ["npm ci", "npm run lint"],
              inputArtifacts: [{ name: "SourceOutput" }],
            },
            {
              name: "Package",
              actionTypeId: aws("Build", "CodeBuild"),
              runOrder: 2,
              configuration: { ProjectName: "web-app-package", PrimarySource: "BuildOutput" },
              inputArtifacts: [{ name: "BuildOutput" }, { name: "ConfigOutput" }],
              outputArtifacts: [{ name: "PackageOutput" }],
              pipewright: { image: "pipewright/busybox:local" },
            },
          ],
        },
        {
          name: "Test",
          actions: [
            {
              name: "UnitTests",
              actionTypeId: local("Test", "Container"),
              runOrder: 1,
              configuration: { Image: "node:20-bookworm" },
              commands: ["npm test"],
              inputArtifacts: [{ name: "SourceOutput" }],
            },
            {
              name: "SmokeTests",
              actionTypeId: aws("Compute", "Commands"),
              runOrder: 1,
              commands: ["./scripts/smoke.sh"],
              inputArtifacts: [{ name: "PackageOutput" }],
              pipewright: { image: "pipewright/busybox:local", timeoutMinutes: 10 },
            },
          ],
        },
        {
          name: "Approve",
          actions: [
            {
              name: "ReleaseApproval",
              actionTypeId: aws("Approval", "Manual"),
              runOrder: 1,
              configuration: { CustomData: "Check the staging build before release" },
              timeoutInMinutes: 60,
            },
          ],
        },
        {
          name: "Deploy",
          actions: [
            {
              name: "Publish",
              actionTypeId: local("Deploy", "Directory"),
              runOrder: 1,
              configuration: { TargetPath: "/srv/www/web-app" },
              inputArtifacts: [{ name: "PackageOutput" }],
            },
          ],
        },
      ],
    },
  };
}

/** A CodePipeline import saved as a draft: one undefined artifact, one missing key. */
export function legacyImport(): PipelineDocument {
  return {
    pipeline: {
      name: "legacy-import",
      roleArn: "arn:aws:iam::123456789012:role/service-role/legacy-pipeline",
      artifactStore: { type: "S3", location: "codepipeline-eu-west-1-123456789012" },
      pipelineType: "V1",
      executionMode: "SUPERSEDED",
      version: 7,
      stages: [
        {
          name: "Source",
          actions: [
            {
              name: "CodeCommitSource",
              actionTypeId: aws("Source", "CodeCommit"),
              runOrder: 1,
              configuration: { RepositoryName: "legacy", BranchName: "master" },
              outputArtifacts: [{ name: "SourceArtifact" }],
            },
          ],
        },
        {
          name: "Build",
          actions: [
            {
              name: "BuildApp",
              actionTypeId: aws("Build", "CodeBuild"),
              runOrder: 1,
              configuration: { ProjectName: "legacy-build" },
              inputArtifacts: [{ name: "SourceArtifcat" }],
              outputArtifacts: [{ name: "BuildArtifact" }],
            },
          ],
        },
        {
          name: "Deploy",
          actions: [
            {
              name: "CopyToFolder",
              actionTypeId: local("Deploy", "Directory"),
              runOrder: 1,
              configuration: {},
              inputArtifacts: [{ name: "BuildArtifact" }],
            },
          ],
        },
      ],
    },
  };
}

export function docsSite(): PipelineDocument {
  return {
    pipeline: {
      name: "docs-site",
      pipelineType: "V1",
      executionMode: "SUPERSEDED",
      stages: [
        {
          name: "Source",
          actions: [
            {
              name: "Docs",
              actionTypeId: local("Source", "Directory"),
              runOrder: 1,
              configuration: { Path: "/home/dev/docs" },
              outputArtifacts: [{ name: "DocsSource" }],
            },
          ],
        },
        {
          name: "Publish",
          actions: [
            {
              name: "Render",
              actionTypeId: local("Build", "Container"),
              runOrder: 1,
              configuration: { Image: "pipewright/busybox:local" },
              commands: ["mkdir -p site", "cp -r *.md site/"],
              inputArtifacts: [{ name: "DocsSource" }],
              outputArtifacts: [{ name: "Site", files: ["site/**"] }],
            },
            {
              name: "CopySite",
              actionTypeId: local("Deploy", "Directory"),
              runOrder: 2,
              configuration: { TargetPath: "/srv/www/docs" },
              inputArtifacts: [{ name: "Site" }],
            },
          ],
        },
      ],
    },
  };
}

export const TEMPLATES: TemplateInfo[] = [
  {
    id: "source-build-test-deploy",
    title: "Source → Build → Test → Deploy",
    description: "A folder as source, a build and a test in a container, and a deploy into a folder.",
  },
];

/** Mirrors crates/core/src/templates/source-build-test-deploy.yaml. */
export function sourceBuildTestDeploy(name: string): PipelineDocument {
  return {
    pipeline: {
      name,
      pipelineType: "V2",
      executionMode: "QUEUED",
      stages: [
        {
          name: "Source",
          actions: [
            {
              name: "Checkout",
              actionTypeId: local("Source", "Directory"),
              runOrder: 1,
              configuration: { Path: "/tmp/pipewright-sample", RespectGitignore: "true" },
              outputArtifacts: [{ name: "SourceOutput" }],
            },
          ],
        },
        {
          name: "Build",
          actions: [
            {
              name: "Compile",
              actionTypeId: local("Build", "Container"),
              runOrder: 1,
              configuration: { Image: "pipewright/busybox:local" },
              commands: ["mkdir -p dist", "cp -r . dist/ 2>/dev/null || true"],
              inputArtifacts: [{ name: "SourceOutput" }],
              outputArtifacts: [{ name: "BuildOutput", files: ["dist/**"] }],
            },
          ],
        },
        {
          name: "Test",
          actions: [
            {
              name: "UnitTests",
              actionTypeId: local("Test", "Container"),
              runOrder: 1,
              configuration: { Image: "pipewright/busybox:local" },
              commands: ["test -d dist"],
              inputArtifacts: [{ name: "BuildOutput" }],
            },
          ],
        },
        {
          name: "Deploy",
          actions: [
            {
              name: "ToFolder",
              actionTypeId: local("Deploy", "Directory"),
              runOrder: 1,
              configuration: { TargetPath: "/tmp/pipewright-deploy" },
              inputArtifacts: [{ name: "BuildOutput" }],
            },
          ],
        },
      ],
    },
  };
}
