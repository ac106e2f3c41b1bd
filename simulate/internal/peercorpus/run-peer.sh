#!/usr/bin/env bash
# Decide every case of a cases file with the independent evaluator and write
# the cases back with the peer's decision filled in.
#
#   run-peer.sh CASES.jsonl[.gz] > DECIDED.jsonl
#   run-peer.sh --layers DECIDED.jsonl[.gz]   which layers decided each case
#
# Set PEER_DIR to reuse an installation; otherwise the peer is installed into
# a temporary folder that is removed afterwards. Needs node and npm.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/peer-env.sh"
mode=()
if [ "${1:-}" = "--layers" ]; then
  mode=(--layers)
  shift
fi
if [ $# -ne 1 ]; then
  echo "usage: $0 [--layers] CASES.jsonl[.gz] > DECIDED.jsonl" >&2
  exit 2
fi
input=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=${PEER_DIR:-}
if [ -z "$dir" ]; then
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
fi
peer_install "$dir"
cp "$here/run-peer.mjs" "$dir/run-peer.mjs"
node "$dir/run-peer.mjs" "${mode[@]}" "$input"
