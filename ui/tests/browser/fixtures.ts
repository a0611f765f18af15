// Pipeline texts the browser tests paste or drop.

/** `aws codepipeline get-pipeline` output: a V2 pipeline with parallel builds and metadata. */
export const GET_PIPELINE_OUTPUT = JSON.stringify(
  {
    pipeline: {
      name: "shop-backend",
      roleArn: "arn:aws:iam::123456789012:role/service-role/shop",
      artifactStore: { type: "S3", location: "codepipeline-eu-west-1-123456789012" },
      stages: [
        {
          name: "Source",
          actions: [
            {
              name: "Repo",
              actionTypeId: { category: "Source", owner: "AWS", provider: "CodeStarSourceConnection", version: "1" },
              runOrder: 1,
              configuration: { ConnectionArn: "arn:aws:codestar-connections:eu-west-1:123456789012:connection/x", FullRepositoryId: "acme/shop", BranchName: "main" },
              outputArtifacts: [{ name: "SourceArtifact" }],
              namespace: "SourceVariables",
            },
          ],
        },
        {
          name: "Build",
          actions: [
            {
              name: "UnitTest",
              actionTypeId: { category: "Test", owner: "AWS", provider: "CodeBuild", version: "1" },
              runOrder: 1,
              configuration: { ProjectName: "shop-test" },
              inputArtifacts: [{ name: "SourceArtifact" }],
            },
            {
              name: "BuildImage",
              actionTypeId: { category: "Build", owner: "AWS", provider: "CodeBuild", version: "1" },
              runOrder: 1,
              configuration: { ProjectName: "shop-build" },
              inputArtifacts: [{ name: "SourceArtifact" }],
              outputArtifacts: [{ name: "BuildArtifact" }],
            },
          ],
        },
        {
          name: "Release",
          actions: [
            {
              name: "Approve",
              actionTypeId: { category: "Approval", owner: "AWS", provider: "Manual", version: "1" },
              runOrder: 1,
            },
            {
              name: "DeployService",
              actionTypeId: { category: "Deploy", owner: "AWS", provider: "ECS", version: "1" },
              runOrder: 2,
              configuration: { ClusterName: "shop", ServiceName: "backend" },
              inputArtifacts: [{ name: "BuildArtifact" }],
            },
          ],
        },
      ],
      version: 12,
      executionMode: "QUEUED",
      pipelineType: "V2",
    },
    metadata: {
      pipelineArn: "arn:aws:codepipeline:eu-west-1:123456789012:shop-backend",
      created: "2024-03-01T10:00:00Z",
      updated: "2024-05-01T10:00:00Z",
    },
  },
  null,
  2,
);

/** Parses, but has one stage and an input nobody produces. */
export const INVALID_YAML = `pipeline:
  name: half-done
  stages:
    - name: Build
      actions:
        - name: Compile
          actionTypeId: {category: Build, owner: Custom, provider: Container, version: "1"}
          configuration: {Image: "busybox"}
          inputArtifacts:
            - name: SourceOutput
`;

export const SMALL_YAML = `pipeline:
  name: dropped-in
  stages:
    - name: Source
      actions:
        - name: Folder
          actionTypeId: {category: Source, owner: Custom, provider: Directory, version: "1"}
          configuration: {Path: /srv/src}
          outputArtifacts: [{name: Src}]
    - name: Ship
      actions:
        - name: Copy
          actionTypeId: {category: Deploy, owner: Custom, provider: Directory, version: "1"}
          configuration: {TargetPath: /srv/out}
          inputArtifacts: [{name: Src}]
`;
