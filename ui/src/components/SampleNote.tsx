import { Info } from "lucide-react";
import type { SampleInfo } from "../ipc/bindings";

/** What the first-run sample is and where it reads and deploys, shown above its canvas. */
export function SampleNote({ sample, hasRun }: { sample: SampleInfo; hasRun: boolean }) {
  return (
    <aside className="sample-note" aria-label="About the sample pipeline">
      <Info size={16} aria-hidden="true" className="sample-note-icon" />
      <p>
        {hasRun ? "This sample" : <>A sample to try: press <strong>Run</strong>. It</>} builds the small project in{" "}
        <code>{sample.projectDir}</code> in two parallel containers, tests it, and deploys it into{" "}
        <code>{sample.deployDir}</code>. Edit the project's files and run it again to see the change go through.
      </p>
    </aside>
  );
}
