// Runs the independent evaluator (@cloud-copilot/iam-simulate) over a cases
// file and prints every case with the peer's result in its "peer" member.
// Copied next to the installed peer by run-peer.sh and run there.
//
//   node run-peer.mjs CASES.jsonl[.gz] > DECIDED.jsonl
//
// The peer result is {"decision": ...} or, for a case the peer cannot
// decide as recorded, {"error": ...}; a case whose outcome depends on a
// known peer deviation also gets a "hazard" naming it. See README.md.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { isConditionKeyArray, runSimulation, typeForContextKey } from '@cloud-copilot/iam-simulate';

const decisions = { Allowed: 'allow', ExplicitlyDenied: 'explicit-deny', ImplicitlyDenied: 'implicit-deny' };

// isRcpFullAccess tells the RCPFullAWSAccess document, which the peer adds to
// every level by itself and refuses as input (Action "*").
export function isRcpFullAccess(doc) {
  const st = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  if (st.length !== 1) return false;
  const s = st[0];
  const keys = Object.keys(s).sort().join(',');
  return keys === 'Action,Effect,Principal,Resource' && s.Effect === 'Allow' && s.Principal === '*' && s.Action === '*' && s.Resource === '*';
}

// toSimulation translates a case into the peer's input.
export function toSimulation(c) {
  const p = c.policies;
  const levels = (lv, kind) => (lv || []).map((docs, i) => ({
    orgIdentifier: `${kind}-level-${i}`,
    policies: docs
      .filter((d) => kind !== 'rcp' || !isRcpFullAccess(d))
      .map((d, j) => ({ name: `${kind}-${i}-${j}`, policy: d })),
  }));
  const sim = {
    request: {
      principal: c.request.principal,
      action: c.request.action,
      resource: { resource: c.request.resource, accountId: c.request.resource_account },
      contextVariables: c.request.context,
    },
    identityPolicies: (p.identity || []).map((d, i) => ({ name: `identity-${i}`, policy: d })),
    serviceControlPolicies: levels(p.scp, 'scp'),
    resourceControlPolicies: levels(p.rcp, 'rcp'),
  };
  if (p.resource) sim.resourcePolicy = p.resource;
  if (p.boundary) sim.permissionBoundaryPolicies = [{ name: 'boundary', policy: p.boundary }];
  if (p.session) sim.sessionPolicy = p.session;
  return sim;
}

// contextTypeErrors lists context keys whose recorded shape (string or list)
// is not the peer's type for the key: the peer would convert the value.
async function contextTypeErrors(ctx) {
  const bad = [];
  for (const [k, v] of Object.entries(ctx)) {
    let type;
    try {
      type = await typeForContextKey(k);
    } catch {
      continue; // unknown keys are reported as ignored
    }
    if (isConditionKeyArray(type) !== Array.isArray(v)) bad.push(k);
  }
  return bad;
}

// hazard names a known deviation of the peer from AWS's documentation that
// the outcome of this case depends on, or returns undefined.
function hazard(analysis, overall) {
  // AWS: a resource-based policy that names the session ARN is not limited by
  // the session policy. The peer denies once the session policy does not
  // allow. https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session
  const s = analysis.sessionAnalysis;
  if (s && s.result !== 'Allowed' && analysis.sameAccount && overall !== 'ExplicitlyDenied' &&
      (analysis.resourceAnalysis?.allowStatements || []).some((st) => st.principalMatch === 'Match')) {
    return 'session-policy-limits-session-grant';
  }
  return undefined;
}

// decide runs one case and returns the peer member to record.
export async function decide(c) {
  const typeErrors = await contextTypeErrors(c.request.context);
  if (typeErrors.length > 0) return { error: `context-type: ${typeErrors.join(' ')}` };
  const res = await runSimulation(toSimulation(c), {});
  if (res.resultType === 'error') return { error: `peer-error: ${JSON.stringify(res.errors)}` };
  if (res.resultType !== 'single') return { error: `peer-result-type: ${res.resultType}` };
  const ignored = res.result.ignoredContextKeys || [];
  if (ignored.length > 0) return { error: `ignored-context-keys: ${ignored.join(' ')}` };
  const decision = decisions[res.overallResult];
  if (!decision) return { error: `peer-decision: ${res.overallResult}` };
  const h = hazard(res.result.analysis, res.overallResult);
  return h ? { decision, hazard: h } : { decision };
}

export function openLines(path) {
  let stream = createReadStream(path);
  if (path.endsWith('.gz')) stream = stream.pipe(createGunzip());
  return createInterface({ input: stream, crlfDelay: Infinity });
}

// withPeer replaces the last member of a case line ("peer") with the result,
// keeping every other byte of the line as the generator wrote it.
function withPeer(line, peer) {
  const at = line.lastIndexOf(',"peer":');
  if (at < 0) throw new Error('case line has no "peer" member');
  return `${line.slice(0, at)},"peer":${JSON.stringify(peer)}}`;
}

// layers tallies, from the peer's own analysis of each decided case, which
// policy layers decided it (for the README's description of the corpus).
async function layers(path) {
  const counts = {};
  const inc = (k) => (counts[k] = (counts[k] || 0) + 1);
  const allowed = (x) => x === 'Allowed' || x === 'AllowedForAccount';
  for await (const line of openLines(path)) {
    if (line.trim() === '') continue;
    const c = JSON.parse(line);
    const r = await runSimulation(toSimulation(c), {});
    if (r.resultType !== 'single') continue;
    const a = r.result.analysis;
    const where = a.sameAccount ? 'same-account' : 'cross-account';
    if (c.peer.decision === 'allow') {
      const id = a.identityAnalysis.result === 'Allowed';
      const res = allowed(a.resourceAnalysis?.result);
      inc(`allow ${where}: ${id && res ? 'identity and resource policy' : id ? 'identity policy only' : 'resource policy only'}`);
    } else if (c.peer.decision === 'explicit-deny') {
      const by = [];
      if (a.identityAnalysis.result === 'ExplicitlyDenied') by.push('identity');
      if (['ExplicitlyDenied', 'DeniedForAccount'].includes(a.resourceAnalysis?.result)) by.push('resource');
      if (a.permissionBoundaryAnalysis?.result === 'ExplicitlyDenied') by.push('boundary');
      if (a.sessionAnalysis?.result === 'ExplicitlyDenied') by.push('session');
      if (a.scpAnalysis.result === 'ExplicitlyDenied') by.push('scp');
      if (a.rcpAnalysis.result === 'ExplicitlyDenied') by.push('rcp');
      for (const b of by) inc(`explicit-deny by ${b}`);
      if (by.length > 1) inc('explicit-deny by several layers');
    } else {
      const why = [];
      if (a.identityAnalysis.result !== 'Allowed') why.push('no identity allow');
      if (a.sameAccount && a.resourceAnalysis && a.resourceAnalysis.result !== 'NotApplicable' && !allowed(a.resourceAnalysis.result)) why.push('no resource-policy allow');
      if (a.permissionBoundaryAnalysis && a.permissionBoundaryAnalysis.result !== 'Allowed') why.push('boundary');
      if (a.sessionAnalysis && a.sessionAnalysis.result !== 'Allowed') why.push('session policy');
      if (a.scpAnalysis.result !== 'Allowed') why.push('scp');
      if (!a.sameAccount && !a.resourceAnalysis?.allowStatements?.length) why.push('no resource-policy grant');
      inc(`implicit-deny ${where}: ${[...new Set(why)].join(' + ') || 'other'}`);
    }
  }
  for (const [k, n] of Object.entries(counts).sort()) console.log(`${k}\t${n}`);
}

async function main() {
  if (process.argv[2] === '--layers') {
    await layers(process.argv[3]);
    return;
  }
  const path = process.argv[2];
  if (!path) {
    console.error('usage: node run-peer.mjs [--layers] CASES.jsonl[.gz]');
    process.exit(2);
  }
  const counts = {};
  for await (const line of openLines(path)) {
    if (line.trim() === '') continue;
    const c = JSON.parse(line);
    let peer;
    try {
      peer = await decide(c);
    } catch (e) {
      peer = { error: `peer-exception: ${e.message}` };
    }
    const key = peer.error ? peer.error.split(':')[0] : peer.hazard ? `hazard ${peer.hazard}` : peer.decision;
    counts[key] = (counts[key] || 0) + 1;
    if (!process.stdout.write(withPeer(line, peer) + '\n')) {
      await new Promise((r) => process.stdout.once('drain', r));
    }
  }
  for (const [k, n] of Object.entries(counts).sort()) console.error(`${k} ${n}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
