import { describe, expect, it } from "vitest";
import type { ActionView, ApprovalView, PendingApproval } from "../ipc/bindings";
import { decisionLine } from "./approvals";
import { decisionKind, decisionTexts, isPausePoint, shortContainerId, waitingFor, waitingLabel } from "./debug";

const pause = (customData: string, status = "PENDING"): ApprovalView => ({ kind: "PAUSE", status, requestedTime: "2026-01-01T00:00:00Z", customData });
const pending = (approval: ApprovalView): PendingApproval => ({ pipelineName: "web-app", executionId: "e1", stageName: "Build", actionName: "Compile", approval });
const KEPT = "Build/Compile failed; its container was kept for debugging: open a terminal, then Continue to end the stage";

describe("isPausePoint", () => {
  const settings = { pausePoints: [{ stageName: "Build", actionName: "Compile" }], keepFailedContainers: false };
  it("finds a marked action by stage and action name", () => {
    expect(isPausePoint(settings, "Build", "Compile")).toBe(true);
    expect(isPausePoint(settings, "Test", "Compile")).toBe(false);
    expect(isPausePoint(settings, "Build", "Lint")).toBe(false);
    expect(isPausePoint(undefined, "Build", "Compile")).toBe(false);
  });
});

describe("what an action waits for", () => {
  it("tells a manual approval, a pause and a kept container apart", () => {
    const manual: ActionView = { actionName: "Gate", status: "InProgress", approval: { kind: "APPROVAL", status: "PENDING", requestedTime: "t" } };
    const paused: ActionView = { actionName: "Compile", status: "InProgress", approval: pause("Paused before Build/Compile: Continue runs it") };
    const kept: ActionView = { actionName: "Compile", status: "Failed", debugContainerId: "abc", approval: pause(KEPT) };
    expect(waitingFor(manual)).toBe("approval");
    expect(waitingLabel(manual)).toBe("Waiting for approval");
    expect(waitingFor(paused)).toBe("paused");
    expect(waitingLabel(paused)).toBe("Paused");
    expect(waitingFor(kept)).toBe("debugging");
    expect(waitingLabel(kept)).toBeUndefined();
    expect(waitingFor({ ...paused, approval: pause("x", "APPROVED") })).toBeUndefined();
    expect(waitingFor(undefined)).toBeUndefined();
  });

  it("reads a pending item's kind from its text when there is no run state", () => {
    expect(decisionKind(pause("Paused before Build/Compile: Continue runs it"))).toBe("paused");
    expect(decisionKind(pause(KEPT))).toBe("debugging");
    expect(decisionKind({ kind: "APPROVAL", status: "PENDING", requestedTime: "t" })).toBe("approval");
  });
});

describe("decisionTexts", () => {
  it("names a pause 'Paused before STAGE/ACTION' with Continue and Fail action", () => {
    const t = decisionTexts(pending(pause("Paused before Build/Compile: Continue runs it")));
    expect(t.title).toBe("Paused before Build/Compile");
    expect(t.approve).toBe("Continue");
    expect(t.reject).toBe("Fail action");
    expect(t.done(true)).toBe("Continued Build/Compile of web-app");
  });
  it("offers only Continue for a kept container", () => {
    const t = decisionTexts(pending(pause(KEPT)));
    expect(t.approve).toBe("Continue");
    expect(t.reject).toBeUndefined();
  });
  it("keeps Review, Approve and Reject for a manual approval", () => {
    const t = decisionTexts(pending({ kind: "APPROVAL", status: "PENDING", requestedTime: "t" }));
    expect([t.title, t.approve, t.reject]).toEqual(["Review Compile", "Approve", "Reject"]);
    expect(t.done(false)).toBe("Rejected Build/Compile of web-app");
  });
});

describe("decided pauses", () => {
  it("say Continued or Failed, not Approved or Rejected", () => {
    expect(decisionLine({ ...pause("x", "APPROVED"), decidedBy: "ana" })).toMatch(/^Continued by ana/);
    expect(decisionLine({ ...pause("x", "REJECTED"), decidedBy: "ana" })).toMatch(/^Failed by ana/);
  });
});

it("shortContainerId keeps 12 characters", () => {
  expect(shortContainerId("0123456789abcdef")).toBe("0123456789ab");
});
