#!/usr/bin/env bash
# Install what is missing, build Pipewright, and launch it.
# On a fresh data folder the app creates a sample pipeline; the local image it runs in is
# prepared here (Docker is started when none answers).
# PIPEWRIGHT_SMOKE=1 makes the app exit 0 after its first paint of the pipeline list.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ $(id -u) -eq 0 ]]; then
  apt_install_missing "${APP_PACKAGES[@]}" "${RUN_PACKAGES[@]}"
else
  apt_install_missing "${APP_PACKAGES[@]}"
fi
build_app
ensure_default_image
ensure_display
step "Launching Pipewright"
exec "$CARGO_TARGET_DIR/debug/pipewright-app" "$@"
