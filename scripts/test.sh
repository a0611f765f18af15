#!/usr/bin/env bash
# Install what is missing, then run every gate and every test. Exit non-zero on the first failure.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
started=$SECONDS
passed=0
gate() {
  local name="$1"; shift
  step "gate: $name"
  local t=$SECONDS
  "$@"
  passed=$((passed + 1))
  note "ok: $name ($((SECONDS - t)) s)"
}

step "Setup"
apt_install_missing "${APP_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
ensure_docker
ensure_test_image
ensure_python_venv
ensure_tauri_driver
npm_ci "$ROOT/ui"
export PIPEWRIGHT_TEST=1

gate "cargo fmt --check" cargo fmt --all --check
gate "ui build (embedded by the app)" build_ui
gate "clippy -D warnings" cargo clippy --workspace --all-targets --quiet -- -D warnings
gate "ui typecheck" npm --prefix ui run --silent typecheck
gate "ui lint" npm --prefix ui run --silent lint
gate "rust tests" cargo test --workspace --quiet
gate "exports pass AWS's model (botocore)" bash tests/aws_model/run.sh
gate "ui unit tests" npm --prefix ui run --silent test
gate "ui browser tests (chromium, mock transport)" npm --prefix ui run --silent test:browser
gate "app and CLI build" cargo build -p pipewright-app -p pipewright-cli --quiet
gate "launch command smoke test" bash tests/smoke/launch.sh
gate "end-to-end tests (real app, tauri-driver, Xvfb)" bash tests/e2e/run.sh

step "All gates passed in $((SECONDS - started)) s"
echo "gates: $passed passed, 0 failed"
