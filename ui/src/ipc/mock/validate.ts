// A deliberately small validator for the mock backend: enough to exercise every UI path
// (errors on stages, actions and fields). The real rules live in crates/core.
import type { Diagnostic, PipelineDocument } from "../bindings";
import { artifactProducers, producedBefore } from "../../model/artifacts";
import { runOrderOf } from "../../model/layout";

const REQUIRED_CONFIG: Record<string, string[]> = {
  "Custom/Directory/Source": ["Path"],
  "Custom/Directory/Deploy": ["TargetPath"],
  "Custom/Git/Source": ["Repository"],
  "Custom/Container/Build": ["Image"],
  "Custom/Container/Test": ["Image"],
};

export const NAME_PATTERN = /^[A-Za-z0-9.@\-_]{1,100}$/;

export function validateDocument(doc: PipelineDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  const p = doc.pipeline;
  if (!NAME_PATTERN.test(p.name)) {
    out.push({
      code: "E_NAME_INVALID",
      severity: "error",
      path: "/name",
      message: "a pipeline name has 1–100 letters, digits and . @ - _",
    });
  }
  if (p.stages.length < 2) {
    out.push({
      code: "E_TOO_FEW_STAGES",
      severity: "error",
      path: "/stages",
      message: `a pipeline needs at least two stages (it has ${p.stages.length}); add a stage after the source`,
    });
  }
  const producers = artifactProducers(doc);
  p.stages.forEach((stage, s) => {
    if (stage.actions.length === 0) {
      out.push({
        code: "E_STAGE_EMPTY",
        severity: "error",
        path: `/stages/${s}/actions`,
        message: `stage ${stage.name} has no actions; add one or remove the stage`,
      });
    }
    stage.actions.forEach((action, a) => {
      const at = `/stages/${s}/actions/${a}`;
      (action.inputArtifacts ?? []).forEach((input, i) => {
        const producer = producers.get(input.name);
        if (!producer || !producedBefore(producer, s, runOrderOf(action))) {
          out.push({
            code: "E_ARTIFACT_UNDEFINED",
            severity: "error",
            path: `${at}/inputArtifacts/${i}`,
            message: `input artifact ${input.name} is not produced by an earlier action; produce it upstream or pick another input`,
          });
        }
      });
      const type = action.actionTypeId;
      const required = REQUIRED_CONFIG[`${type.owner}/${type.provider}/${type.category}`] ?? [];
      for (const key of required) {
        const value = action.configuration?.[key];
        if (value === undefined || value.trim() === "") {
          out.push({
            code: "E_CONFIG_REQUIRED",
            severity: "error",
            path: `${at}/configuration/${key}`,
            message: `${type.provider} needs configuration \`${key}\``,
          });
        }
      }
      if (type.owner === "AWS" && !["CodeBuild", "Commands", "Manual"].includes(type.provider)) {
        out.push({
          code: "W_NO_LOCAL_STAND_IN",
          severity: "warning",
          path: `${at}/actionTypeId`,
          message: `AWS/${type.provider} cannot run locally; the run skips it with a failure`,
        });
      }
    });
  });
  return out;
}

export function isValid(diagnostics: readonly Diagnostic[]): boolean {
  return !diagnostics.some((d) => d.severity === "error");
}
