import type { ActionTypeId } from "../ipc/bindings";

/** The API's ActionCategory enum. */
export const CATEGORIES = ["Source", "Build", "Test", "Deploy", "Approval", "Invoke", "Compute"] as const;
export type Category = (typeof CATEGORIES)[number];

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

/** Local providers (owner Custom) from design.md. */
const LOCAL_PROVIDERS = new Set(["Directory", "Git", "Container", "DockerBuild", "DockerRun", "Webhook", "Pipeline"]);

/** AWS providers that have a local stand-in (design.md). */
const AWS_WITH_STAND_IN = new Set(["CodeBuild", "Commands", "Manual"]);

/** "Custom / Container" */
export function providerLabel(type: ActionTypeId): string {
  return `${type.owner} / ${type.provider}`;
}

/** "Build · Custom / Container" */
export function actionTypeLabel(type: ActionTypeId): string {
  return `${type.category} · ${providerLabel(type)}`;
}

/** The category used for the card's icon and colour; unknown categories get a neutral look. */
export function categoryKey(type: ActionTypeId): Category | "Other" {
  return isCategory(type.category) ? type.category : "Other";
}

/**
 * Whether Pipewright can run this action on this machine: a local provider, or an AWS provider
 * with a local stand-in. Others are shown but say plainly that they cannot run locally.
 */
export function runsLocally(type: ActionTypeId): boolean {
  if (type.owner === "Custom") return LOCAL_PROVIDERS.has(type.provider);
  if (type.owner === "AWS") return AWS_WITH_STAND_IN.has(type.provider);
  return false;
}
