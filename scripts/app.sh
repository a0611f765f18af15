#!/usr/bin/env bash
# Install what is missing, build Pipewright, and launch it.
# PIPEWRIGHT_SMOKE=1 makes the app exit 0 after its first paint of the pipeline list.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

apt_install_missing "${APP_PACKAGES[@]}"
build_app
ensure_display
step "Launching Pipewright"
exec "$CARGO_TARGET_DIR/debug/pipewright-app" "$@"
