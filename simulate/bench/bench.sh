#!/usr/bin/env bash
# Times the peer (simulate/internal/peercorpus/bench-peer.sh) and rampart's
# evaluator over the same first N recorded cases and prints both and the
# ratio. Run from anywhere; needs go, and node and npm for the peer (set
# PEER_DIR to reuse an installation of it).
#
#   simulate/bench/bench.sh [N]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
n=${1:-10000}
corpus="$root/simulate/testdata/peer/cases.jsonl.gz"
peer_out=$("$root/simulate/internal/peercorpus/bench-peer.sh" "$corpus" "$n")
echo "$peer_out"
peer_cps=$(printf '%s\n' "$peer_out" | sed -n 's/^peer_cases_per_second=//p')
cd "$root"
go run ./simulate/bench -corpus "$corpus" -n "$n" -peer "${peer_cps:-0}"
