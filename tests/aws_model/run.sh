#!/usr/bin/env bash
# Checks Pipewright's CodePipeline exports against AWS's own model (botocore), the way the AWS
# CLI would: first the checker's self-test (it must reject deliberately bad documents), then
# every fixture of crates/core/tests/fixtures/codepipeline exported by the core.
# Needs the virtualenv of scripts/lib.sh (ensure_python_venv) or PYTHON pointing at a python
# with tests/aws_model/requirements.txt installed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

"$PY" "$ROOT/tests/aws_model/check_exports.py" --self-test
PIPEWRIGHT_EXPORT_DIR="$out" cargo test --quiet -p pipewright-core --test roundtrip \
  write_exports_for_the_aws_model_check >/dev/null
"$PY" "$ROOT/tests/aws_model/check_exports.py" "$out"
