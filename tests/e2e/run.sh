#!/usr/bin/env bash
# End-to-end tests through the real app: Xvfb, tauri-driver (in its own process group, ended
# afterwards with every WebKit helper it started), a fresh data folder, node's test runner.
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
ensure_display
export PIPEWRIGHT_E2E_APP="$CARGO_TARGET_DIR/debug/pipewright-app"
export PIPEWRIGHT_E2E_CLI="$CARGO_TARGET_DIR/debug/pipewright"
export PIPEWRIGHT_DATA_DIR="$(mktemp -d)"
export PIPEWRIGHT_E2E_SHOTS="$ROOT/target/e2e-screenshots"
mkdir -p "$PIPEWRIGHT_E2E_SHOTS"
port=4444
while (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
export PIPEWRIGHT_E2E_WEBDRIVER="http://127.0.0.1:$port"
setsid tauri-driver --port "$port" >"$PIPEWRIGHT_E2E_SHOTS/tauri-driver.log" 2>&1 &
driver_pgid=$!
cleanup() {
  kill -TERM -- "-$driver_pgid" 2>/dev/null || true
  sleep 0.5
  kill -KILL -- "-$driver_pgid" 2>/dev/null || true
  rm -rf "$PIPEWRIGHT_DATA_DIR"
}
trap cleanup EXIT
for _ in $(seq 100); do (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
node --test --test-concurrency=1 "$ROOT"/tests/e2e/*.test.mjs
