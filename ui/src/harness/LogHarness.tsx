// TEST HARNESS, browser mock build only (`?component=log&lines=N&ansi=0|1&live=1&drop=1`): the log
// view alone on a fixture log (ipc/mock/logs.ts) of N generated lines in the engine's format,
// for the log view's browser tests and benchmark. With `live=1` the log stays open and grows
// through `window.__PIPEWRIGHT_LOG_FIXTURE__`; with `drop=1` the mock forgets the text once it
// was all sent (for memory figures). main.tsx loads it only on the mock transport.
import { useState } from "react";
import { appendFixtureLog, dropFixtureLog, finishFixtureLog, fixtureLogText, generateLog, putFixtureLog } from "../ipc/mock/logs";
import { LogView } from "../components/logs/LogView";
import { Toasts } from "../components/Toasts";

const EXECUTION = "fixture-log-harness";

function setUp(search: string): void {
  const params = new URLSearchParams(search);
  const lines = Number(params.get("lines") ?? 200);
  const ansi = params.get("ansi") !== "0";
  const live = params.get("live") === "1";
  let generated = Number.isFinite(lines) ? lines : 0;
  const t0 = performance.now();
  putFixtureLog(EXECUTION, generateLog(generated, { ansi }), !live, params.get("drop") === "1");
  const generationMs = performance.now() - t0;
  window.__PIPEWRIGHT_LOG_FIXTURE__ = {
    append: (text) => appendFixtureLog(EXECUTION, text),
    appendLines: (count) => {
      appendFixtureLog(EXECUTION, generateLog(count, { ansi, startLine: generated }));
      generated += count;
    },
    finish: () => finishFixtureLog(EXECUTION),
    text: () => fixtureLogText(EXECUTION) ?? "",
    drop: () => dropFixtureLog(EXECUTION),
    generationMs,
  };
}

export function LogHarness({ search }: { search: string }) {
  const [ready] = useState(() => {
    setUp(search);
    return true;
  });
  return (
    <div className="harness log-harness">
      <header className="harness-header">
        <strong>Test harness</strong>
        <span className="muted">Log view on a fixture log · not part of the app</span>
      </header>
      {ready && <LogView executionId={EXECUTION} stageName="Build" actionName="Compile" />}
      <Toasts />
    </div>
  );
}
