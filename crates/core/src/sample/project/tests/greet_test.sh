#!/bin/sh
# Usage: greet_test.sh PATH_TO_GREET_SH
set -e
greet="${1:-src/greet.sh}"
got="$(sh "$greet" Pipewright)"
if [ "$got" != "Hello, Pipewright!" ]; then
  echo "FAIL: expected 'Hello, Pipewright!', got '$got'" >&2
  exit 1
fi
echo "PASS: greet says hello"
got="$(sh "$greet")"
[ "$got" = "Hello, world!" ] || { echo "FAIL: default greeting was '$got'" >&2; exit 1; }
echo "PASS: greet has a default"
