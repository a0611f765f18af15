#!/usr/bin/env bash
# Benchmarks. Each figure is compared with a baseline measured in the same run.
#  1. validate + save of a 50-stage x 20-action pipeline (release build) vs a plain SQLite insert
#  2. cold start to a painted, populated pipeline list vs an empty Tauri window built the same way
#  3. idle memory of the app with its WebKit processes vs the empty window
#  4-6. engine: per-action overhead, bollard vs docker CLI, 1 GiB artifact hand-off
#  7-9. engine through the whole CLI: four parallel actions vs one, three chained stages vs
#       chained docker runs on a volume, 1,000,000 log lines vs docker logs
#  10. history's first page and the metrics over 100,000 executions vs plain SQLite queries
#  11. UI in headless Chromium (mock transport): first paint and drag frame times of a
#      30-stage x 20-action pipeline vs a 2 x 1 one (ui/tests/bench/render.bench.test.ts)
#  12. UI: first render of the History view over 100,000 executions vs 60 (headless Chromium,
#      mock; ui/tests/bench/history.render.bench.ts)
#  13. UI log view in headless Chromium (mock): a 1,000,000-line log's load, scroll frame times
#      and JS heap vs a 1,000-line log (ui/tests/bench/logs.bench.test.ts)
#  14. memory of the app with a 1,000,000-line log open vs the empty window (real app under
#      tauri-driver, WebKit processes included; scripts/bench-log-memory.sh)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
RUNS="${BENCH_RUNS:-5}"

apt_install_missing "${APP_PACKAGES[@]}"
step "Building (release bench, debug app and empty window as the launch command builds them)"
cargo build --release -p pipewright-bench-save --quiet
build_app
cargo build -p pipewright-bench-empty-window -p pipewright-cli --quiet
ensure_display

step "1. validate + save"
"$CARGO_TARGET_DIR/release/pipewright-bench-save"

data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
for f in tests/fixtures/sample-codepipeline.json crates/core/tests/fixtures/codepipeline/*.json; do
  [[ -f "$f" ]] && "$CARGO_TARGET_DIR/debug/pipewright" --data-dir "$data" import "$f" >/dev/null 2>&1 || true
done
count="$("$CARGO_TARGET_DIR/debug/pipewright" --data-dir "$data" list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["pipelines"]))')"

ready_ms() { # prints the ms from the ready line of one cold start
  PIPEWRIGHT_SMOKE=1 PIPEWRIGHT_DATA_DIR="$data" timeout 60 "$1" 2>/dev/null | sed -n 's/.*pipewright-ready ms=\([0-9]*\).*/\1/p'
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

step "2. cold start to a populated list ($count pipelines), $RUNS runs each, alternating"
app_times=() empty_times=()
ready_ms "$CARGO_TARGET_DIR/debug/pipewright-app" >/dev/null # warm-up: page cache
ready_ms "$CARGO_TARGET_DIR/debug/pipewright-bench-empty-window" >/dev/null
for _ in $(seq "$RUNS"); do
  app_times+=("$(ready_ms "$CARGO_TARGET_DIR/debug/pipewright-app")")
  empty_times+=("$(ready_ms "$CARGO_TARGET_DIR/debug/pipewright-bench-empty-window")")
done
app_med="$(printf '%s\n' "${app_times[@]}" | median)"
empty_med="$(printf '%s\n' "${empty_times[@]}" | median)"
echo "app: ${app_times[*]} ms -> median ${app_med} ms (goal < 1000 ms)"
echo "empty window: ${empty_times[*]} ms -> median ${empty_med} ms"
python3 -c "print(f'ratio: {${app_med}/${empty_med}:.2f}x')"

pss_tree_mb() { # PSS of a process and all its descendants, in MB
  python3 - "$1" <<'PY'
import os, sys
root = int(sys.argv[1])
children = {}
for pid in filter(str.isdigit, os.listdir('/proc')):
    try:
        ppid = int(open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()[1])
    except OSError:
        continue
    children.setdefault(ppid, []).append(int(pid))
todo, total = [root], 0
while todo:
    pid = todo.pop()
    todo.extend(children.get(pid, []))
    try:
        for line in open(f'/proc/{pid}/smaps_rollup'):
            if line.startswith('Pss:'):
                total += int(line.split()[1])
    except OSError:
        pass
print(f'{total / 1024:.0f}')
PY
}
idle_mb() { # start, wait for the ready line, idle 3 s, measure, stop
  local out pid
  out="$(mktemp)"
  PIPEWRIGHT_SMOKE=print PIPEWRIGHT_DATA_DIR="$data" "$1" >"$out" 2>/dev/null &
  pid=$!
  for _ in $(seq 300); do grep -q pipewright-ready "$out" && break; sleep 0.1; done
  sleep 3
  pss_tree_mb "$pid"
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  rm -f "$out"
}
step "3. idle memory (PSS of the process tree, WebKit processes included)"
app_mb="$(idle_mb "$CARGO_TARGET_DIR/debug/pipewright-app")"
empty_mb="$(idle_mb "$CARGO_TARGET_DIR/debug/pipewright-bench-empty-window")"
echo "app: ${app_mb} MB, empty window: ${empty_mb} MB, difference: $((app_mb - empty_mb)) MB (goal <= 60 MB)"
python3 -c "print(f'ratio: {${app_mb}/${empty_mb}:.2f}x')"

# 4-6. Engine figures, each printed beside its baseline from the same run (needs Docker and the
# local image, prepared here as scripts/test.sh does).
apt_install_missing "${RUN_PACKAGES[@]}"
ensure_docker
ensure_test_image
step "4. per-action overhead: whole CLI run --wait of one Container action vs docker run"
cargo test -p pipewright-cli --test run_pipeline --quiet -- --ignored --nocapture 2>&1 | grep -v '^test result\|^running\|^$'
step "5. trivial container through bollard vs the docker CLI"
cargo test -p pipewright-engine --test runtime_docker --quiet -- --ignored --nocapture trivial 2>&1 | grep -v '^test result\|^running\|^$'
step "6. 1 GiB artifact hand-off vs tar c | tar x (release)"
cargo test --release -p pipewright-engine --test artifacts_bench --quiet -- --ignored --nocapture 2>&1 | grep -v '^test result\|^running\|^$'
# 7-9 are the ignored tests of crates/cli/tests/run_bench.rs, one at a time (they time the
# daemon). They use the debug CLI, as the tests do; 9 is CPU-bound in the CLI (a million
# log frames), so it is also run against the release CLI (what users run), like 6.
bench_cli() { # $1: test name filter, then extra cargo flags
  local filter="$1"
  shift
  cargo test "$@" -p pipewright-cli --test run_bench --quiet -- --ignored --nocapture --exact "$filter" 2>&1 |
    grep -E '^([0-9]\. |   reference)'
}
step "7. four parallel 1 s actions vs one (whole CLI run --wait)"
bench_cli bench_four_parallel_actions
step "8. three chained stages handing on an artifact vs three docker runs on a volume"
bench_cli bench_three_chained_stages
step "9. 1,000,000 log lines to storage vs docker logs (debug, then release)"
bench_cli bench_a_million_log_lines
bench_cli bench_a_million_log_lines --release
step "10. history first page and dashboard aggregates over 100,000 executions (release)"
cargo test --release -p pipewright-store --test history_bench --quiet -- --ignored --nocapture 2>&1 | grep -E '^10'
cargo test --release -p pipewright-store --test history_page_bench --quiet -- --ignored --nocapture 2>&1 | grep -E '^10'
cargo test --release -p pipewright-store --test metrics_bench --quiet -- --ignored --nocapture 2>&1 | grep -E '^10'
step "11. UI: first paint and drag frames of a 30x20 pipeline vs a 2x1 one (headless Chromium, mock)"
npm_ci "$ROOT/ui"
(cd ui && npx vite build --logLevel warn && npx vitest run --config tests/bench/vitest.config.ts tests/bench/render.bench.test.ts 2>&1) | sed 's/\x1b\[[0-9;]*m//g' | grep -E '^11[ab]\. '
step "12. UI: first render of History (page of 50) over 100,000 executions vs 60 (headless Chromium, mock)"
(cd ui && npx vite build --logLevel warn && npx vitest run --config tests/bench/history.vitest.config.ts 2>&1) | sed 's/\x1b\[[0-9;]*m//g' | grep -E '^12\. '
step "13. UI: log view with 1,000,000 lines vs 1,000 lines: load, scroll frames, JS heap (headless Chromium, mock)"
(cd ui && npx vitest run --config tests/bench/vitest.config.ts tests/bench/logs.bench.test.ts 2>&1) | sed 's/\x1b\[[0-9;]*m//g' | grep -E '^13[abc]\. '
step "14. memory with a 1,000,000-line log open (scrolled) vs the empty window (PSS of the process tree, WebKit processes included)"
apt_install_missing webkit2gtk-driver
ensure_tauri_driver
source scripts/bench-log-memory.sh
log_app_mb="$(log_open_mb 1000000)"
log_empty_mb="$(idle_mb "$CARGO_TARGET_DIR/debug/pipewright-bench-empty-window")"
echo "app with the log open: ${log_app_mb} MB, empty window: ${log_empty_mb} MB, difference: $((log_app_mb - log_empty_mb)) MB (goal <= 150 MB)"
python3 -c "print(f'ratio: {${log_app_mb}/${log_empty_mb}:.2f}x')"
