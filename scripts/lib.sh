# Shared helpers for scripts/app.sh and scripts/test.sh. Sourced, not run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
note() { printf '    %s\n' "$*"; }

# Debian packages the app needs to build and run (Tauri 2's Linux dependencies).
APP_PACKAGES=(libwebkit2gtk-4.1-dev build-essential curl wget file pkg-config libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev xvfb xauth x11-utils)
# What running pipelines needs (the launch command installs it too): Docker and the rootfs of
# the local image.
RUN_PACKAGES=(docker.io busybox-static)
# Extra packages for the tests: WebKitWebDriver, Chromium for browser tests, xwd for
# screenshots of the X display, and the above.
TEST_PACKAGES=(webkit2gtk-driver chromium x11-apps "${RUN_PACKAGES[@]}")

apt_install_missing() {
  local missing=()
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  if ((${#missing[@]})); then
    step "Installing Debian packages: ${missing[*]}"
    if [[ $(id -u) -ne 0 ]]; then
      echo "error[E_SETUP]: these packages are missing and installing them needs root: ${missing[*]}" >&2
      exit 3
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# npm install in a folder when node_modules is missing or older than package-lock.json.
npm_ci() {
  local dir="$1"
  if [[ ! -d "$dir/node_modules" || "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]]; then
    step "Installing npm packages in ${dir#"$ROOT"/}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# Build the UI when its sources are newer than the last build.
build_ui() {
  npm_ci "$ROOT/ui"
  if [[ ! -f "$ROOT/ui/dist/index.html" ]] || [[ -n "$(find "$ROOT/ui/src" "$ROOT/ui/index.html" "$ROOT/ui/package.json" -newer "$ROOT/ui/dist/index.html" -print -quit)" ]]; then
    step "Building the UI"
    (cd "$ROOT/ui" && npm run build --silent)
  fi
}

# The app with the UI embedded (custom-protocol), in the shared target dir.
build_app() {
  build_ui
  step "Building the app and the CLI it hands runs to"
  cargo build -p pipewright-app -p pipewright-cli --quiet
}

# Start Xvfb on :99 when there is no display; exports DISPLAY.
ensure_display() {
  if [[ -n "${DISPLAY:-}" ]] && xdpyinfo -display "$DISPLAY" >/dev/null 2>&1; then
    return
  fi
  if [[ -n "${WAYLAND_DISPLAY:-}" ]]; then
    return
  fi
  export DISPLAY=:99
  if ! xdpyinfo -display :99 >/dev/null 2>&1; then
    note "No display found: starting Xvfb on :99"
    # A display server killed earlier leaves its lock behind; nothing answers on it, so drop it.
    rm -f /tmp/.X99-lock /tmp/.X11-unix/X99
    (setsid Xvfb :99 -screen 0 1440x900x24 -nolisten tcp >/tmp/pipewright-xvfb.log 2>&1 &)
    for _ in $(seq 100); do xdpyinfo -display :99 >/dev/null 2>&1 && break; sleep 0.1; done
    if ! xdpyinfo -display :99 >/dev/null 2>&1; then
      echo "error[E_DISPLAY]: Xvfb did not start on :99; see /tmp/pipewright-xvfb.log" >&2
      exit 3
    fi
  fi
}

# A Docker daemon: use the one that answers, else start Debian's dockerd.
ensure_docker() {
  if docker info >/dev/null 2>&1; then return; fi
  step "No Docker daemon answers: starting dockerd"
  (setsid dockerd >/var/log/pipewright-dockerd.log 2>&1 &)
  for _ in $(seq 120); do docker info >/dev/null 2>&1 && return; sleep 0.5; done
  echo "error[E_DOCKER]: dockerd did not start within 60 s; see /var/log/pipewright-dockerd.log" >&2
  exit 3
}

# The small local image the sample pipeline and the tests run in, from Debian's busybox-static
# (no registry is needed).
ensure_test_image() {
  local image="pipewright/busybox:local"
  if docker image inspect "$image" >/dev/null 2>&1; then return; fi
  step "Building the local image $image from busybox-static"
  local rootfs
  rootfs="$(mktemp -d)"
  mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc" "$rootfs/root"
  cp /bin/busybox "$rootfs/bin/busybox"
  for applet in $("$rootfs/bin/busybox" --list); do
    [[ -e "$rootfs/bin/$applet" ]] || ln -s busybox "$rootfs/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  chmod 1777 "$rootfs/tmp"
  tar -C "$rootfs" -c . | docker import -c 'ENV PATH=/bin' -c 'CMD ["/bin/sh"]' - "$image" >/dev/null
  rm -rf "$rootfs"
}

# The image the first-run sample (and AWS actions without pipewright.image) runs in. While the
# images.default setting is left at its default, that is the local busybox image: build it, so
# the sample runs offline. Without root and without a daemon, say so and go on (the app itself
# does not need Docker; a run then fails with a clear error).
ensure_default_image() {
  local image
  image="$("$CARGO_TARGET_DIR/debug/pipewright" config get images.default)"
  if [[ "$image" != "pipewright/busybox:local" ]]; then
    note "images.default is $image: using it as configured"
    return
  fi
  if ! docker info >/dev/null 2>&1 && [[ $(id -u) -ne 0 ]]; then
    note "Docker does not answer and starting it needs root: pipelines cannot run until it does"
    return
  fi
  ensure_docker
  ensure_test_image
}

# tauri-driver (WebDriver proxy for the real app), from crates.io.
ensure_tauri_driver() {
  if command -v tauri-driver >/dev/null 2>&1; then return; fi
  step "Installing tauri-driver (cargo install --locked)"
  cargo install tauri-driver --locked --quiet
}

# A virtualenv with botocore, for checking exports against AWS's own model.
ensure_python_venv() {
  local venv="$ROOT/.venv" req="$ROOT/tests/aws_model/requirements.txt"
  if [[ ! -x "$venv/bin/python" || "$req" -nt "$venv/.installed" ]]; then
    step "Creating the Python virtualenv with botocore"
    python3 -m venv --help >/dev/null 2>&1 || apt_install_missing python3-venv
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req"
    touch "$venv/.installed"
  fi
}
