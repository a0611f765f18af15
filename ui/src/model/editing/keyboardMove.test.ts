import { describe, expect, test } from "vitest";
import type { PipelineDocument } from "../../ipc/bindings";
import { liftAction, liftStage, moveKey, type MoveStep } from "./keyboardMove";
import { renameAction } from "./operations";
import { unwrap } from "./result";
import { actionAt, BUILD, COMPILE, DEPLOY, fixture, LINT, order, PACKAGE, SHIP, SOURCE, TEST, UNIT_TESTS } from "./testFixture";

const doc = fixture();
const pristine = structuredClone(doc);

/** Presses keys in turn from a lift; returns every step. */
function press(first: MoveStep, keys: string[]): MoveStep[] {
  const steps = [first];
  for (const key of keys) {
    const last = steps[steps.length - 1];
    if (!last?.state) throw new Error(`no move under way for ${key}`);
    steps.push(moveKey(last.state, key));
  }
  return steps;
}

const last = (steps: MoveStep[]): MoveStep => {
  const step = steps[steps.length - 1];
  if (!step) throw new Error("no steps");
  return step;
};

describe("moving an action with the keyboard", () => {
  test("lifting announces the current position and the keys", () => {
    const step = liftAction(doc, COMPILE);
    expect(step.announcement).toBe(
      "Picked up Compile. Build, in parallel with Lint (step 1 of 2). Use Up and Down to move within the stage, Left and Right to move to another stage, Space to drop, Escape to cancel.",
    );
    expect([step.doc, step.handled, step.focus]).toEqual([doc, true, { kind: "action", ref: COMPILE }]);
  });

  test("Up and Down walk every position of the stage, with previews and announcements", () => {
    const steps = press(liftAction(doc, COMPILE), ["ArrowUp", "ArrowUp", "ArrowDown", "ArrowDown", "ArrowDown", "ArrowDown", "ArrowDown"]);
    expect(steps.slice(1).map((s) => s.announcement)).toEqual([
      "Compile: Build, new step 1 of 3, before Lint",
      "Compile is at the top of the stage. Build, new step 1 of 3, before Lint",
      "Compile: Build, in parallel with Lint (step 1 of 2)",
      "Compile: Build, new step 2 of 3, after Lint",
      "Compile: Build, in parallel with Package (step 2 of 2)",
      "Compile: Build, new step 3 of 3, after Package",
      "Compile is at the bottom of the stage. Build, new step 3 of 3, after Package",
    ]);
    expect(steps.slice(1).map((s) => order(s.doc, BUILD).join(" "))).toEqual([
      "Compile:1 Lint:2 Package:3",
      "Compile:1 Lint:2 Package:3",
      "Compile:1 Lint:- Package:2",
      "Lint:1 Compile:2 Package:3",
      "Lint:1 Package:2 Compile:2",
      "Lint:1 Package:2 Compile:3",
      "Lint:1 Package:2 Compile:3",
    ]);
    // Focus follows the lifted card in each preview.
    for (const step of steps.slice(1)) {
      const ref = step.focus?.kind === "action" ? step.focus.ref : COMPILE;
      expect(actionAt(step.doc, ref.stage, ref.action).name).toBe("Compile");
      expect(step.handled).toBe(true);
    }
    expect(doc).toEqual(pristine);
  });

  test("Left and Right go to the neighbouring stages as their new last step", () => {
    const steps = press(liftAction(doc, PACKAGE), ["ArrowRight", "ArrowRight", "ArrowRight", "ArrowLeft", "ArrowLeft", "ArrowLeft", "ArrowLeft"]);
    expect(steps.slice(1).map((s) => s.announcement)).toEqual([
      "Package: Test, new step 2 of 2, after UnitTests",
      "Package: Deploy, new step 2 of 2, after Ship",
      "Package is in the last stage. Deploy, new step 2 of 2, after Ship",
      "Package: Test, new step 2 of 2, after UnitTests",
      "Package: Build, new step 2 of 2, after Compile and Lint",
      "Package: Source, new step 2 of 2, after Checkout",
      "Package is in the first stage. Source, new step 2 of 2, after Checkout",
    ]);
    expect(order(steps[2]?.doc ?? doc, DEPLOY)).toEqual(["Ship:1", "Package:2"]);
    expect(order(steps[2]?.doc ?? doc, BUILD)).toEqual(["Compile:1", "Lint:1"]);
  });

  test("Up and Down walk the positions of the stage it was moved to", () => {
    const steps = press(liftAction(doc, SHIP), ["ArrowLeft", "ArrowUp", "ArrowUp", "ArrowUp"]);
    expect(steps.slice(2).map((s) => s.announcement)).toEqual([
      "Ship: Test, in parallel with UnitTests (step 1 of 1)",
      "Ship: Test, new step 1 of 2, before UnitTests",
      "Ship is at the top of the stage. Test, new step 1 of 2, before UnitTests",
    ]);
    // The stage it left stays, empty, in the preview.
    expect(last(steps).doc.pipeline.stages[DEPLOY]?.actions).toEqual([]);
  });

  test("a name taken in the target stage is announced as the copy will be named", () => {
    const clash = unwrap(renameAction(doc, UNIT_TESTS, "Package"));
    const step = moveKey(liftAction(clash, PACKAGE).state ?? fail(), "ArrowRight");
    expect(step.announcement).toBe("Package2: Test, new step 2 of 2, after Package");
  });

  test("Space drops: the preview is the result, with what to commit", () => {
    const steps = press(liftAction(doc, LINT), ["ArrowDown", "ArrowDown", " "]);
    const drop = last(steps);
    expect(drop.state).toBeNull();
    expect(drop.doc).toBe(steps[2]?.doc);
    expect(order(drop.doc, BUILD)).toEqual(["Compile:1", "Package:2", "Lint:2"]);
    expect(drop.commit).toEqual({ doc: drop.doc, label: "Move Lint" });
    expect(drop.announcement).toBe("Dropped Lint. Build, in parallel with Package (step 2 of 2)");
    expect(drop.focus).toEqual({ kind: "action", ref: { stage: BUILD, action: 2 } });
  });

  test("Enter drops too; dropping where it was commits nothing", () => {
    const drop = last(press(liftAction(doc, COMPILE), ["ArrowDown", "ArrowUp", "Enter"]));
    expect(drop.state).toBeNull();
    expect(drop.commit).toBeUndefined();
  });

  test("Escape cancels and restores the original document exactly", () => {
    const steps = press(liftAction(doc, COMPILE), ["ArrowRight", "ArrowDown", "ArrowUp", "Escape"]);
    const cancel = last(steps);
    expect(cancel.state).toBeNull();
    expect(cancel.doc).toBe(doc);
    expect(cancel.doc).toEqual(pristine);
    expect(cancel.commit).toBeUndefined();
    expect(cancel.announcement).toBe("Move cancelled. Compile is back in Build, in parallel with Lint (step 1 of 2)");
    expect(cancel.focus).toEqual({ kind: "action", ref: COMPILE });
  });

  test("other keys are not handled and change nothing", () => {
    const lifted = liftAction(doc, COMPILE);
    const moved = moveKey(lifted.state ?? fail(), "ArrowDown");
    const tab = moveKey(moved.state ?? fail(), "Tab");
    expect([tab.handled, tab.state, tab.doc, tab.announcement]).toEqual([false, moved.state, moved.doc, ""]);
  });

  test("lifting an unknown action starts nothing", () => {
    expect(liftAction(doc, { stage: BUILD, action: 5 })).toEqual({ state: null, doc, announcement: "", handled: false });
  });

  test("every position of every stage, for every action, gives a consistent preview", () => {
    const total = doc.pipeline.stages.reduce((n, s) => n + s.actions.length, 0);
    doc.pipeline.stages.forEach((stage, s) => {
      stage.actions.forEach((action, a) => {
        let step = liftAction(doc, { stage: s, action: a });
        const keys = ["ArrowLeft", "ArrowLeft", "ArrowLeft", "ArrowUp", "ArrowUp", "ArrowUp"];
        for (let i = 0; i < 4; i++) keys.push("ArrowDown", "ArrowDown", "ArrowDown", "ArrowDown", "ArrowDown", "ArrowRight", "ArrowUp", "ArrowUp", "ArrowUp", "ArrowUp", "ArrowUp");
        for (const key of keys) {
          step = moveKey(step.state ?? fail(), key);
          const preview: PipelineDocument = step.doc;
          expect(preview.pipeline.stages.reduce((n, st) => n + st.actions.length, 0)).toBe(total);
          const ref = step.focus?.kind === "action" ? step.focus.ref : fail();
          expect(actionAt(preview, ref.stage, ref.action).name).toBe(action.name);
          for (const st of preview.pipeline.stages) {
            const orders = st.actions.map((x) => x.runOrder ?? 1);
            // Compact, ascending, starting at 1.
            orders.forEach((o, i) => expect(o === orders[i - 1] || o === (orders[i - 1] ?? 0) + 1).toBe(true));
          }
        }
      });
    });
  });
});

describe("moving a stage with the keyboard", () => {
  test("Left and Right move the stage; Space drops with what to commit", () => {
    const steps = press(liftStage(doc, TEST), ["ArrowLeft", "ArrowLeft", "ArrowLeft", "ArrowRight", "ArrowDown", " "]);
    expect(steps.map((s) => s.announcement)).toEqual([
      "Picked up stage Test. Test, stage 3 of 4, after Build. Use Left and Right to move the stage, Space to drop, Escape to cancel.",
      "Test, stage 2 of 4, after Source",
      "Test, stage 1 of 4, before Source",
      "Stage Test is the first stage. Test, stage 1 of 4, before Source",
      "Test, stage 2 of 4, after Source",
      "Test, stage 2 of 4, after Source",
      "Dropped stage Test. Test, stage 2 of 4, after Source",
    ]);
    const drop = last(steps);
    expect(drop.doc.pipeline.stages.map((s) => s.name)).toEqual(["Source", "Test", "Build", "Deploy"]);
    expect(drop.commit).toEqual({ doc: drop.doc, label: "Move stage Test" });
    expect([drop.state, drop.focus]).toEqual([null, { kind: "stage", stage: 1 }]);
  });

  test("Right stops at the last stage; Escape restores the original", () => {
    const steps = press(liftStage(doc, BUILD), ["ArrowRight", "ArrowRight", "ArrowRight", "Escape"]);
    expect(steps[3]?.announcement).toBe("Stage Build is the last stage. Build, stage 4 of 4, after Deploy");
    const cancel = last(steps);
    expect([cancel.doc, cancel.state, cancel.commit, cancel.focus]).toEqual([doc, null, undefined, { kind: "stage", stage: BUILD }]);
    expect(cancel.doc).toBe(doc);
    expect(cancel.announcement).toBe("Move cancelled. Build, stage 2 of 4, after Source");
  });

  test("dropping in place commits nothing; an unknown stage starts nothing", () => {
    expect(moveKey(liftStage(doc, SOURCE).state ?? fail(), "Enter").commit).toBeUndefined();
    expect(liftStage(doc, 9).state).toBeNull();
    expect(moveKey(liftStage(doc, SOURCE).state ?? fail(), "a").handled).toBe(false);
  });
});

function fail(): never {
  throw new Error("expected a move under way");
}
