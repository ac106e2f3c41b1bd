#!/usr/bin/env bash
# Time the independent evaluator over the first N recorded cases (default
# 10000) of the committed corpus, in one process; prints
# peer_cases_per_second=... among other machine-readable lines.
#
#   bench-peer.sh [CORPUS.jsonl.gz] [N]
#
# Set PEER_DIR to reuse an installation. Needs node and npm.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/peer-env.sh"
corpus=${1:-$here/../../testdata/peer/cases.jsonl.gz}
corpus=$(cd "$(dirname "$corpus")" && pwd)/$(basename "$corpus")
n=${2:-10000}
dir=${PEER_DIR:-}
if [ -z "$dir" ]; then
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
fi
peer_install "$dir"
cp "$here/run-peer.mjs" "$here/bench-peer.mjs" "$dir/"
node "$dir/bench-peer.mjs" "$corpus" "$n"
