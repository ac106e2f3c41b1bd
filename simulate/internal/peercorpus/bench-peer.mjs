// Times the independent evaluator alone over the first recorded cases of
// the corpus, in one process, and prints machine-readable lines:
//
//   peer_cases=10000
//   peer_seconds=...
//   peer_cases_per_second=...
//   peer_mismatches=0
//
// Copied next to the installed peer by bench-peer.sh and run there. The
// cases are translated to the peer's input before the clock starts; a
// warm-up pass loads the peer's data first. A decision that differs from
// the recorded one is counted and fails the run: the corpus must replay.
import { decide, openLines, toSimulation } from './run-peer.mjs';
import { runSimulation } from '@cloud-copilot/iam-simulate';

const decisions = { Allowed: 'allow', ExplicitlyDenied: 'explicit-deny', ImplicitlyDenied: 'implicit-deny' };

const [path, limitArg] = process.argv.slice(2);
if (!path) {
  console.error('usage: node bench-peer.mjs CORPUS.jsonl.gz [N]');
  process.exit(2);
}
const limit = Number(limitArg || 10000);
const cases = [];
for await (const line of openLines(path)) {
  if (line.trim() === '') continue;
  cases.push(JSON.parse(line));
  if (cases.length >= limit) break;
}
const sims = cases.map(toSimulation);

// Warm-up: the peer loads its action and condition-key data lazily.
for (const c of cases.slice(0, Math.min(500, cases.length))) await decide(c);

const t0 = process.hrtime.bigint();
const results = [];
for (const s of sims) results.push(await runSimulation(s, {}));
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;

let mismatches = 0;
results.forEach((r, i) => {
  const got = r.resultType === 'single' ? decisions[r.overallResult] : `error:${r.resultType}`;
  if (got !== cases[i].peer?.decision) {
    mismatches++;
    if (mismatches <= 10) console.error(`mismatch ${cases[i].id}: recorded ${cases[i].peer?.decision}, now ${got}`);
  }
});
console.log(`peer_cases=${cases.length}`);
console.log(`peer_seconds=${seconds.toFixed(3)}`);
console.log(`peer_cases_per_second=${Math.round(cases.length / seconds)}`);
console.log(`peer_mismatches=${mismatches}`);
process.exit(mismatches === 0 ? 0 : 1);
