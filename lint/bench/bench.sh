#!/usr/bin/env bash
# Times rampart lint as a whole process over N generated documents (the
# repository of lint's Go benchmarks, written by go run ./lint/bench):
# with every rule on by default, and with only the six rules that
# lint/bench/conftest/policy.rego also has, against conftest running that
# policy over the same files. Needs go; conftest from PATH, $CONFTEST or
# go install github.com/open-policy-agent/conftest@latest; farm-bench when
# present (medians of 5 runs and paired ratios), else bash's time.
#
#   lint/bench/bench.sh [N]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
n=${1:-10000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
go build -o "$tmp/rampart" ./cmd/rampart
go run ./lint/bench -n "$n" -o "$tmp/all"
cp -r "$tmp/all" "$tmp/six"
cat >> "$tmp/six/rampart.yaml" <<'YAML'
rules:
  disable: [schema, least-privilege, trust, privilege-escalation, conditions, redundancy, hygiene, exfiltration, credentials]
  enable: [LP001, LP002, LP003, LP004, PE009, SCH009]
YAML
conftest=${CONFTEST:-$(command -v conftest || echo "$(go env GOPATH)/bin/conftest")}
echo "rampart: $("$tmp/rampart" --version); conftest: $("$conftest" --version | head -1); $(nproc) cores"

time_one() { # label, command…
  local label=$1
  shift
  echo "== $label"
  if command -v farm-bench >/dev/null; then
    farm-bench -n 5 --timeout 1800 -- "$@"
  else
    for _ in 1 2 3; do (TIMEFORMAT="%R s wall, %U s user"; time "$@" >/dev/null 2>&1 || true); done
  fi
}

time_one "rampart lint, rules on by default, $n documents" "$tmp/rampart" lint "$tmp/all"
time_one "rampart lint, the six rules, $n documents" "$tmp/rampart" lint "$tmp/six"
time_one "conftest test, the six rules, $n documents" "$conftest" test --no-color -p "$here/conftest" "$tmp/all/iam/policies"
if command -v farm-bench >/dev/null; then
  echo "== ratio rampart (six rules) / conftest"
  farm-bench -n 5 --timeout 1800 --vs "$conftest test --no-color -p $here/conftest $tmp/all/iam/policies" -- "$tmp/rampart" lint "$tmp/six"
fi
