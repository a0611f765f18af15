#!/usr/bin/env bash
# Proves the README's launch command works end to end without hanging: with a pipeline in a
# fresh data folder, `scripts/app.sh` under PIPEWRIGHT_SMOKE=1 must paint the list and exit 0.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
"$TARGET/debug/pipewright" --data-dir "$data" import "$ROOT/tests/fixtures/sample-codepipeline.json" >/dev/null
out="$(PIPEWRIGHT_SMOKE=1 PIPEWRIGHT_DATA_DIR="$data" timeout 180 bash "$ROOT/scripts/app.sh" 2>&1)" || {
  echo "$out" | tail -20
  echo "launch smoke test: the app did not exit 0" >&2
  exit 1
}
line="$(grep -o 'pipewright-ready ms=[0-9]* pipelines=[0-9]*' <<<"$out" || true)"
if [[ "$line" != *"pipelines=1" ]]; then
  echo "$out" | tail -20
  echo "launch smoke test: expected 'pipewright-ready … pipelines=1', got '${line:-nothing}'" >&2
  exit 1
fi
echo "launch smoke test: $line"
