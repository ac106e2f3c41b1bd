#!/usr/bin/env bash
# Runs every go test -fuzz target of the module, one after another, for
# FUZZTIME each (default 10m) with FUZZPARALLEL workers (default 1), and
# prints one line per target: its package, its name, how long it ran, how
# many inputs it tried and whether it failed. A failing input is kept by Go
# under the package's testdata/fuzz/<Target>/ and becomes a regression
# test of go test ./... once committed.
#
#   scripts/fuzz.sh                 # every target, 10 minutes each
#   FUZZTIME=30s scripts/fuzz.sh    # a quick pass
#   scripts/fuzz.sh FuzzCondition   # the targets whose name matches
set -uo pipefail
cd "$(dirname "$0")/.."

fuzztime=${FUZZTIME:-10m}
parallel=${FUZZPARALLEL:-1}
filter=${1:-.}
logdir=${FUZZLOG:-$(mktemp -d)}
status=0

while IFS=: read -r file name; do
  pkg=./$(dirname "$file")
  [[ $name =~ $filter ]] || continue
  log="$logdir/$name.log"
  start=$(date +%s)
  if go test "$pkg" -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" -parallel "$parallel" >"$log" 2>&1; then
    result=ok
  else
    result=FAIL
    status=1
  fi
  secs=$(( $(date +%s) - start ))
  execs=$(grep -o 'execs: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  printf '%-40s %-22s %5ds %12s execs  %s\n' "$pkg" "$name" "$secs" "${execs:-?}" "$result"
  if [ "$result" = FAIL ]; then
    sed -n '/--- FAIL/,$p' "$log" | head -40
  fi
done < <(grep -rl --include='*_test.go' '^func Fuzz' . | sort | while read -r f; do
  grep -o '^func Fuzz[A-Za-z0-9_]*' "$f" | sed "s|^func |${f#./}:|"
done)

echo "logs in $logdir"
exit $status
