# Memory of the real app with a long action log open (scripts/bench.sh section 14). Sourced by
# bench.sh after its pss_tree_mb (PSS of a process and its descendants, in MB), which it uses.
#
# log_open_mb LINES: runs a pipeline whose Container action prints LINES lines (`seq LINES` in
# the local image, through the CLI, into a fresh data folder), starts the app on that folder
# under tauri-driver, has tests/e2e/bench-log-memory.mjs open the action's log, wait for all
# of it and scroll it, then prints the PSS of the app's process tree (its WebKit processes
# included) in MB. The load time of the log goes to stderr. Needs Docker, the local image,
# Xvfb or a display, tauri-driver and WebKitWebDriver.
log_open_mb() (
  local lines="$1" cli="$CARGO_TARGET_DIR/debug/pipewright" work port driver node out pid
  work="$(mktemp -d)"
  driver="" node=""
  cleanup() {
    [[ -n "$node" ]] && kill "$node" 2>/dev/null
    if [[ -n "$driver" ]]; then
      kill -TERM -- "-$driver" 2>/dev/null
      sleep 0.5
      kill -KILL -- "-$driver" 2>/dev/null
    fi
    rm -rf "$work"
  }
  trap cleanup EXIT
  mkdir -p "$work/src" "$work/data"
  echo "source" >"$work/src/input.txt"
  cat >"$work/log-flood.yaml" <<YAML
pipeline:
  name: log-flood
  roleArn: arn:aws:iam::123456789012:role/pipewright
  artifactStore: {type: S3, location: bucket}
  stages:
    - name: Source
      actions:
        - name: Src
          actionTypeId: {category: Source, owner: Custom, provider: Directory, version: "1"}
          configuration: {Path: "$work/src"}
          outputArtifacts: [{name: SourceOut}]
    - name: Build
      actions:
        - name: Flood
          actionTypeId: {category: Build, owner: Custom, provider: Container, version: "1"}
          configuration: {Image: "pipewright/busybox:local"}
          inputArtifacts: [{name: SourceOut}]
          commands: ["seq $lines"]
YAML
  "$cli" --data-dir "$work/data" config set images.pull never >/dev/null
  "$cli" --data-dir "$work/data" import "$work/log-flood.yaml" >/dev/null
  "$cli" --data-dir "$work/data" run log-flood --wait >"$work/run.log" 2>&1 || { cat "$work/run.log" >&2; exit 1; }

  port=4444
  while (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
  # Its own process group: ended afterwards with WebKitWebDriver, the app and its WebKit processes.
  PIPEWRIGHT_DATA_DIR="$work/data" setsid tauri-driver --port "$port" >"$work/tauri-driver.log" 2>&1 &
  driver=$!
  for _ in $(seq 100); do (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done

  out="$work/driver.out"
  PIPEWRIGHT_E2E_WEBDRIVER="http://127.0.0.1:$port" PIPEWRIGHT_E2E_APP="$CARGO_TARGET_DIR/debug/pipewright-app" \
    BENCH_LOG_PIPELINE=log-flood BENCH_LOG_STAGE=Build BENCH_LOG_ACTION=Flood BENCH_LOG_LINES="$lines" \
    BENCH_LOG_DRIVER_PID="$driver" BENCH_LOG_DONE="$work/measured" \
    node "$ROOT/tests/e2e/bench-log-memory.mjs" >"$out" 2>&1 &
  node=$!
  pid=""
  for _ in $(seq 1800); do
    pid="$(sed -n 's/^pipewright-log-open pid=\([0-9]*\).*/\1/p' "$out")"
    [[ -n "$pid" ]] && break
    kill -0 "$node" 2>/dev/null || break
    sleep 0.1
  done
  if [[ -z "$pid" ]]; then
    echo "error: the log did not open in the app. The driver said:" >&2
    cat "$out" >&2
    echo "tauri-driver and the app said:" >&2
    tail -20 "$work/tauri-driver.log" >&2
    exit 1
  fi
  pss_tree_mb "$pid"
  sed -n 's/^pipewright-log-open .*load_ms=\([0-9]*\).*/    (the log of '"$lines"' lines loaded in \1 ms)/p' "$out" >&2
  touch "$work/measured"
  wait "$node"
  node=""
)
