// Package simulate is rampart's native evaluator for acs (Alibaba Cloud RAM),
// jdcloud (JD Cloud IAM) and aws (AWS IAM) policies. It is layered as in
// Cedar:
//
//   - match (pure): whether a statement applies to a request — effect,
//     Action/NotAction, Resource/NotResource, Principal/NotPrincipal and
//     every condition operator of each dialect;
//   - authorize: how one dialect combines its layers (control policies by
//     level, resource control policies, session policy, permissions
//     boundary, identity and resource-based policies, the account owner);
//   - chain: assume-role hops, each checking the caller's identity policy
//     and the role's trust policy by the dialect's rules;
//   - scenarios and questions on top.
//
// New builds the inventory of a workspace and compiles every policy once:
// patterns, numbers, dates, CIDRs and ARNs are parsed then, and requests
// reuse them. A Simulator is safe for concurrent use. Decisions follow
// reference/semantics.md; where it records an ambiguity, its Decision.
package simulate

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/internal/workspace"
)

// Simulator answers questions about one workspace.
type Simulator struct {
	ws       *workspace.Workspace
	compiled map[*workspace.Policy]*cpolicy
	syms     *symbols // of the compiled policies
	inv      *inventory
	clock    time.Time // zero: time keys are not derived
	pool     sync.Pool
	whatIf   map[*workspace.Scenario]*Evaluator
}

// Option configures a Simulator.
type Option func(*Simulator)

// WithClock derives the current-time context keys (aws:CurrentTime,
// aws:EpochTime, acs:CurrentTime, jdcloud:CurrentTime) from t for every
// request that does not give them. Without it those keys are not derived,
// so results never depend on when they are computed; a policy that tests
// them sees them missing (and says so in Decision.Missing).
func WithClock(t time.Time) Option {
	return func(s *Simulator) { s.clock = t.UTC() }
}

// New builds the inventory of ws and compiles every policy it holds.
func New(ws *workspace.Workspace, opts ...Option) (*Simulator, error) {
	if ws == nil {
		return nil, fmt.Errorf("simulate: no workspace")
	}
	s := &Simulator{ws: ws, compiled: map[*workspace.Policy]*cpolicy{}, syms: newSymbols(), whatIf: map[*workspace.Scenario]*Evaluator{}}
	s.pool.New = func() any { return &scratch{} }
	for _, o := range opts {
		o(s)
	}
	for _, list := range [][]*workspace.Policy{ws.Policies, ws.Managed, ws.Inline} {
		for _, p := range list {
			if p == nil || p.Policy == nil {
				continue
			}
			cp, err := compilePolicy(p, s.syms)
			if err != nil {
				return nil, fmt.Errorf("simulate: %s: %w", p.File(), err)
			}
			s.compiled[p] = cp
		}
	}
	if err := s.buildInventory(); err != nil {
		return nil, fmt.Errorf("simulate: %w", err)
	}
	for _, f := range ws.Scenarios {
		for _, sc := range f.Scenarios {
			if sc.WhatIf == nil {
				continue
			}
			if e := s.compileWhatIf(sc); e != nil {
				s.whatIf[sc] = e
			}
		}
	}
	return s, nil
}

// Principals lists the inventory's principals — account roots, users,
// roles — and the ones trust policies name outside it (other accounts,
// their users and roles, services), sorted by name.
func (s *Simulator) Principals() []Principal {
	return slices.Clone(s.inv.principals)
}

// Question is one request to decide.
type Question struct {
	// Principal is an ARN-style name: an account root, a user, a role (a
	// session of it) or an assumed-role session; a service principal's
	// name (with Assume naming the role it acts through); or "anonymous".
	Principal string
	// Action is the action, e.g. "ecs:StopInstance".
	Action string
	// Resource is the resource name, or "*" (also when empty).
	Resource string
	// Assume lists roles to assume first, in order; every hop is checked.
	Assume []string
	// Context holds request context values by key (case-insensitive).
	Context map[string]workspace.ContextValue
	// ResourceAccount is the account owning the resource when its name
	// carries none (S3 buckets).
	ResourceAccount string
	// SessionPolicy is the session policy of the last session of the
	// chain (or of the principal, when it is a session). It need not be
	// one of the workspace's policies; an Evaluator applies it when its
	// Policies give no session policy.
	SessionPolicy *workspace.Policy
	// Dialect, when set, must agree with the names; it is otherwise taken
	// from the principal's account or the names' prefixes.
	Dialect policydoc.Dialect
	// ExactContext makes the request carry Context only: no key is derived
	// from the principal, the resource or a clock.
	ExactContext bool
}

// Can decides a question against the workspace's inventory.
func (s *Simulator) Can(ctx context.Context, q Question) (Decision, error) {
	return s.can(ctx, q, nil)
}

// can decides a question; with w, the final request's policies come from
// w instead of the inventory (hops still come from the inventory).
func (s *Simulator) can(ctx context.Context, q Question, w *Evaluator) (Decision, error) {
	if err := ctx.Err(); err != nil {
		return Decision{}, err
	}
	p, err := s.prepare(q, w)
	if err != nil {
		return Decision{}, err
	}
	return p.Explain(), nil
}

// Prepared is a question resolved once — principal, assume chain, target
// and context — so that it can be decided many times cheaply (an access
// diff, a benchmark). It is immutable and safe for concurrent use.
type Prepared struct {
	s      *Simulator
	q      Question
	actor  *actor
	roles  []*roleInfo
	hops   []*target // the AssumeRole request of each hop
	actors []*actor  // the caller of each hop, then the final actor
	final  *target
	// the question's context, parsed once; and the keys derived for each
	// hop and the final request
	givenList []kv
	extra     [][]kv
	// the context of each hop and of the final request by key slot
	slots [][]*ctxVal
}

// Prepare resolves a question against the inventory.
func (s *Simulator) Prepare(q Question) (*Prepared, error) {
	return s.prepare(q, nil)
}

func (s *Simulator) prepare(q Question, w *Evaluator) (*Prepared, error) {
	if q.Action == "" {
		return nil, &principalError{field: "action", msg: "no action"}
	}
	d, err := s.dialectOf(q, w)
	if err != nil {
		return nil, err
	}
	sess, y, err := s.sessionPolicy(q, d)
	if err != nil {
		return nil, err
	}
	a, err := s.resolveActor(q, d, w, y, sess)
	if err != nil {
		return nil, err
	}
	roles, err := s.resolveChain(q, a, d)
	if err != nil {
		return nil, err
	}
	if a.kind == actorService && len(roles) == 0 && w == nil {
		return nil, &principalError{field: "principal", msg: fmt.Sprintf("%s is a service principal: it acts through a role that trusts it; name the role in assume", q.Principal)}
	}
	p := &Prepared{s: s, q: q, actor: a, roles: roles, actors: []*actor{a}}
	cur := a
	for i, ri := range roles {
		p.hops = append(p.hops, s.assumeTarget(ri, d, y))
		last := i == len(roles)-1
		cur = s.sessionActor(ri, sessionOf(q, last), last, w, sess)
		p.actors = append(p.actors, cur)
	}
	p.final = s.target(q, d, w, cur, y)
	var r request
	r.setGiven(q.Context, y)
	p.givenList = r.givenList
	for i, t := range p.hops {
		p.extra = append(p.extra, s.derived(p.actors[i], t, q, y))
	}
	p.extra = append(p.extra, s.derived(cur, p.final, q, y))
	for i := range p.hops {
		s.setup(&r, p.actors[i], p.hops[i], q, p.extra[i])
		p.slots = append(p.slots, r.slotValues(y))
	}
	s.setup(&r, cur, p.final, q, p.extra[len(p.extra)-1])
	p.slots = append(p.slots, r.slotValues(y))
	return p, nil
}

// sessionPolicy returns the question's session policy compiled, and the
// symbols its requests are numbered in: the simulator's, or, for a session
// policy that is not one of the workspace's, a copy that numbers its keys
// and services too (the simulator's own stay as they are, shared by
// concurrent questions).
func (s *Simulator) sessionPolicy(q Question, d policydoc.Dialect) (*cpolicy, *symbols, error) {
	sp := q.SessionPolicy
	if sp == nil || sp.Policy == nil || sp.Doc == nil {
		return nil, s.syms, nil
	}
	if cp := s.compiled[sp]; cp != nil {
		return cp, s.syms, nil
	}
	if sp.Dialect != d {
		return nil, nil, &principalError{field: "session_policy", msg: fmt.Sprintf("session policy %s is %s, but the question is in %s", sp.File(), sp.Dialect, d)}
	}
	y := s.syms.clone()
	cp, err := compilePolicy(sp, y)
	if err != nil {
		return nil, nil, &principalError{field: "session_policy", msg: fmt.Sprintf("session policy %s: %v", sp.File(), err)}
	}
	return cp, y, nil
}

// run evaluates the prepared question and returns the effect and the
// denying layer. With a scratch, it records the explanation there;
// without, it only decides.
func (p *Prepared) run(r *request, sc *scratch) (Effect, denial) {
	r.scratch = sc
	r.givenList = p.givenList
	for i := range p.hops {
		t := p.hops[i]
		p.s.setup(r, p.actors[i], t, p.q, p.extra[i])
		r.slots = p.slots[i]
		eff, by := decide(r, t, i+1)
		if sc != nil {
			sc.hops = append(sc.hops, hopRec{caller: displayName(p.actors[i]), role: p.roles[i].arn, effect: eff, deniedBy: by.String()})
		}
		if eff != Allow {
			return eff, by
		}
	}
	p.s.setup(r, p.actors[len(p.actors)-1], p.final, p.q, p.extra[len(p.extra)-1])
	r.slots = p.slots[len(p.slots)-1]
	return decide(r, p.final, 0)
}

// Decide returns the effect alone. It builds no explanation, so it skips
// what cannot change the effect: the rest of a layer after a Deny
// statement that applies, the other layers after one that denies
// explicitly, the other conditions of a block after one that fails.
func (p *Prepared) Decide() Effect {
	var r request
	eff, _ := p.run(&r, nil)
	return eff
}

// Explain decides the question with its full explanation.
func (p *Prepared) Explain() Decision {
	sc := p.s.pool.Get().(*scratch)
	eff, by := p.run(&sc.req, sc)
	d := p.s.build(sc, eff, by.String(), sc.hops, len(p.hops))
	sc.reset()
	p.s.pool.Put(sc)
	return d
}

// hopRec is a decided hop.
type hopRec struct {
	caller, role string
	effect       Effect
	deniedBy     string
}

func displayName(a *actor) string {
	if a.kind == actorService {
		return a.service
	}
	if a.arn != "" {
		return a.arn
	}
	return a.name
}

// sessionOf is the session name of the last hop: the principal's own when
// it names a session, else "rampart".
func sessionOf(q Question, last bool) string {
	if last {
		if k, _, canon, ok := parsePrincipalName(q.Principal); ok && k == pSession {
			return canon[strings.LastIndexByte(canon, '/')+1:]
		}
	}
	return "rampart"
}

// dialectOf decides the question's dialect.
func (s *Simulator) dialectOf(q Question, w *Evaluator) (policydoc.Dialect, error) {
	if w != nil && w.dialect != "" {
		return w.dialect, nil
	}
	if q.Dialect != "" {
		return q.Dialect, nil
	}
	// the principal's name, the roles' and the resource's, in that order
	for i := -1; i <= len(q.Assume); i++ {
		n := q.Resource
		switch {
		case i < 0:
			n = q.Principal
		case i < len(q.Assume):
			n = q.Assume[i]
		}
		if d, ok := policydoc.DialectOfName(n); ok {
			return d, nil
		}
	}
	if isAccountID(q.Principal) {
		if ai := s.inv.accounts[q.Principal]; ai != nil {
			return ai.dialect, nil
		}
	}
	if d := s.ws.Config; d != nil && d.Dialect != "" {
		return d.Dialect, nil
	}
	return "", &principalError{field: "dialect", msg: fmt.Sprintf("cannot tell the dialect of %q: use ARN-style names (acs:, jrn:, arn:) or set dialect", q.Principal)}
}

// resolveActor turns the question's principal into an actor; a session
// gets the question's session policy sess. Keys derived for it are those
// y numbers.
func (s *Simulator) resolveActor(q Question, d policydoc.Dialect, w *Evaluator, y *symbols, sess *cpolicy) (*actor, error) {
	p := strings.TrimSpace(q.Principal)
	switch {
	case p == "":
		return nil, &principalError{field: "principal", msg: "no principal"}
	case p == "anonymous" || p == "*":
		return &actor{kind: actorAnonymous, dialect: d, name: p}, nil
	case !strings.Contains(p, ":") && strings.Contains(p, ".") && !isAccountID(p):
		a := &actor{kind: actorService, dialect: d, name: p, service: strings.ToLower(p)}
		a.ctx = s.principalContext(a, nil, nil, y)
		return a, nil
	}
	kind, acct, canon := pAccount, p, ""
	if !isAccountID(p) {
		var ok bool
		kind, acct, canon, ok = parsePrincipalName(p)
		if !ok {
			return nil, &principalError{field: "principal", msg: fmt.Sprintf("%q is not a principal name: want an account root, a user, a role or a session (%s)", p, userName(d, "<account>", "<name>"))}
		}
	}
	if w != nil {
		return w.actor(s, p, kind, acct, canon, d, y, sess), nil
	}
	ai := s.inv.accounts[acct]
	if ai == nil {
		return s.externalActor(p, kind, acct, canon, d, y), nil
	}
	if ai.dialect != d {
		return nil, &principalError{field: "principal", msg: fmt.Sprintf("%s is in %s account %s, but the question is in %s", p, ai.dialect, acct, d)}
	}
	switch kind {
	case pAccount:
		return s.inv.actors[rootName(d, acct)], nil
	case pUser:
		if a := s.inv.actors[canon]; a != nil {
			return a, nil
		}
		return nil, &principalError{field: "principal", msg: fmt.Sprintf("account %s has no user %q", acct, canon[strings.LastIndexByte(canon, '/')+1:])}
	case pRole, pSession:
		roleARN := canon
		if kind == pSession {
			rest := canon[strings.Index(canon, ":assumed-role/")+len(":assumed-role/"):]
			roleARN = roleName(d, acct, rest[:strings.IndexByte(rest, '/')])
		}
		ri := s.inv.roles[roleARN]
		if ri == nil {
			return nil, &principalError{field: "principal", msg: fmt.Sprintf("account %s has no role %q", acct, roleARN[strings.LastIndexByte(roleARN, '/')+1:])}
		}
		// The principal is a session of the role; when a chain follows,
		// its session policy belongs to the last hop.
		return s.sessionActor(ri, sessionOf(q, len(q.Assume) == 0), len(q.Assume) == 0, nil, sess), nil
	}
	return nil, &principalError{field: "principal", msg: fmt.Sprintf("%q is not a principal name", p)}
}

// externalActor stands for a principal of an account the inventory does
// not hold: its identity policies are unknown and assumed to allow.
func (s *Simulator) externalActor(p string, kind principalKind, acct, canon string, d policydoc.Dialect, y *symbols) *actor {
	a := &actor{kind: actorExternal, dialect: d, name: p, account: acct, arn: canon}
	switch kind {
	case pAccount:
		a.arn, a.externalKind = rootName(d, acct), actorRoot
	case pUser:
		a.externalKind = actorUser
	case pRole:
		a.externalKind, a.roleARN = actorSession, canon
	case pSession:
		a.externalKind = actorSession
		rest := canon[strings.Index(canon, ":assumed-role/")+len(":assumed-role/"):]
		a.roleARN = roleName(d, acct, rest[:strings.IndexByte(rest, '/')])
	}
	a.ctx = ctxMap{}
	if d == policydoc.AWS {
		a.ctx.put(y, "aws:PrincipalAccount", acct)
		a.ctx.put(y, "aws:PrincipalIsAWSService", "false")
		if a.roleARN != "" {
			a.ctx.put(y, "aws:PrincipalArn", a.roleARN)
		} else {
			a.ctx.put(y, "aws:PrincipalArn", a.arn)
		}
	}
	return a
}

// sessionActor is a session of a role. With final, the question's session
// policy sess applies to it and, given w, its policies come from w.
func (s *Simulator) sessionActor(ri *roleInfo, session string, final bool, w *Evaluator, sess *cpolicy) *actor {
	d := ri.account.dialect
	a := &actor{
		kind: actorSession, dialect: d, account: ri.account.id, name: ri.name,
		arn: sessionName(d, ri.account.id, ri.name, session), roleARN: ri.arn, role: ri,
		identity: ri.policies, boundary: ri.boundary, hasBoundary: ri.boundary != nil,
		control: ri.account.control, management: ri.account.management, ctx: ri.ctx,
	}
	if final {
		a.sessionPolicy = sess
		if w != nil {
			w.apply(a)
		}
	}
	return a
}

// resolveChain resolves the roles to assume, refusing cycles.
func (s *Simulator) resolveChain(q Question, a *actor, d policydoc.Dialect) ([]*roleInfo, error) {
	if len(q.Assume) == 0 {
		return nil, nil
	}
	seen := map[string]int{}
	if a.roleARN != "" {
		seen[a.roleARN] = -1
	}
	acct := a.account
	out := make([]*roleInfo, 0, len(q.Assume))
	for i, name := range q.Assume {
		ri, err := s.inv.lookupRole(strings.TrimSpace(name), acct, d)
		if err != nil {
			return nil, &principalError{field: "assume", index: i, msg: fmt.Sprintf("hop %d: %v", i+1, err)}
		}
		if j, dup := seen[ri.arn]; dup {
			where := "the principal"
			if j >= 0 {
				where = "hop " + strconv.Itoa(j+1)
			}
			return nil, &principalError{field: "assume", index: i, msg: fmt.Sprintf("hop %d: the assume chain returns to %s, already assumed at %s: a chain must not cycle", i+1, ri.arn, where)}
		}
		seen[ri.arn] = i
		out = append(out, ri)
		acct = ri.account.id
	}
	return out, nil
}

// assumeTarget is the request of one hop: AssumeRole on the role, with its
// trust policy as the resource policy.
func (s *Simulator) assumeTarget(ri *roleInfo, d policydoc.Dialect, y *symbols) *target {
	action := d.AssumeRoleAction()
	name := ri.arn
	if d == policydoc.ACS {
		name = "acs:ram:*:" + ri.account.id + ":role/" + ri.name
	}
	t := &target{action: strings.ToLower(action), actionRaw: action, service: "sts", svc: y.serviceOf("sts"), name: parseReqName(name), account: ri.account.id,
		resLayer: LayerTrust, assume: true, rcp: ri.account.rcp, resMgmt: ri.account.management}
	t.name.raw = ri.arn
	if ri.trust != nil {
		t.resPolicy = []*cpolicy{ri.trust}
	}
	return t
}

// isAssumeAction reports whether a lower-cased action assumes a role.
func isAssumeAction(a string) bool {
	switch a {
	case "sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity", "sts:assumerolewithoidc":
		return true
	}
	return false
}

// target builds the final request's target from the inventory, or from w.
func (s *Simulator) target(q Question, d policydoc.Dialect, w *Evaluator, a *actor, y *symbols) *target {
	res := q.Resource
	if res == "" {
		res = "*"
	}
	action := lowerASCII(q.Action)
	t := &target{action: action, actionRaw: q.Action, service: actionService(action), name: parseReqName(res), resLayer: LayerResource}
	t.svc = y.serviceOf(t.service)
	t.kmsKey = t.service == "kms" && t.name.service() == "kms" && strings.HasPrefix(strings.ToLower(t.name.resource()), "key/")
	var acctInfo *accountInfo
	if w != nil {
		w.target(t)
	} else if t.service == "sts" {
		if k, _, canon, ok := parsePrincipalName(res); ok && k == pRole {
			if ri := s.inv.roles[canon]; ri != nil {
				t.resLayer, t.assume = LayerTrust, isAssumeAction(action)
				if ri.trust != nil {
					t.resPolicy = []*cpolicy{ri.trust}
				}
				acctInfo = ri.account
			}
		}
	}
	if w == nil && t.resPolicy == nil && t.resLayer == LayerResource {
		if ri := s.inv.findResource(&t.name); ri != nil {
			if ri.policy != nil {
				t.resPolicy = []*cpolicy{ri.policy}
			}
			t.resCtx = ri.ctx
			acctInfo = ri.account
		}
	}
	switch acct := t.name.account(); {
	case q.ResourceAccount != "":
		t.account = q.ResourceAccount
	case acct != "" && acct != "*" && !strings.ContainsAny(acct, "*?"):
		t.account = acct
	case acctInfo != nil:
		t.account = acctInfo.id
	default:
		t.account = a.account
	}
	if w == nil {
		if ai := s.inv.accounts[t.account]; ai != nil {
			t.rcp, t.resMgmt = ai.rcp, ai.management
		}
	}
	return t
}

// setup points the request at the actor and target of one hop, with the
// keys derived for it.
func (s *Simulator) setup(r *request, a *actor, t *target, q Question, extra []kv) {
	r.actor, r.action, r.service, r.svc, r.name, r.resAccount = a, t.action, t.service, t.svc, &t.name, t.account
	if q.ExactContext {
		r.actorCtx, r.resCtx, r.extra = nil, nil, nil
		return
	}
	r.actorCtx, r.resCtx, r.extra = a.ctx, t.resCtx, extra
}

// derived returns the context keys derived for one request: the resource's
// account and organization, and the time when the simulator has a clock;
// those a policy names.
func (s *Simulator) derived(a *actor, t *target, q Question, y *symbols) []kv {
	if q.ExactContext {
		return nil
	}
	var out []kv
	one := func(k string, v func() string) {
		if _, ok := y.name(k); ok {
			out = append(out, kv{key: k, val: newCtxVal([]string{v()}, false)})
		}
	}
	now := func() string { return s.clock.Format(time.RFC3339) }
	switch a.dialect {
	case policydoc.AWS:
		one("aws:resourceaccount", func() string { return t.account })
		if ai := s.inv.accounts[t.account]; ai != nil && ai.orgID != "" {
			one("aws:resourceorgid", func() string { return ai.orgID })
		}
		if !s.clock.IsZero() {
			one("aws:currenttime", now)
			one("aws:epochtime", func() string { return strconv.FormatInt(s.clock.Unix(), 10) })
		}
	case policydoc.ACS:
		if !s.clock.IsZero() {
			one("acs:currenttime", now)
		}
	case policydoc.JDCloud:
		if !s.clock.IsZero() {
			one("jdcloud:currenttime", now)
		}
	}
	return out
}

// build turns the scratch into a Decision.
func (s *Simulator) build(sc *scratch, eff Effect, by string, hops []hopRec, nhops int) Decision {
	d := Decision{Effect: eff, DeniedBy: by, Reasons: []StatementRef{}}
	decidingHop := 0
	if len(hops) > 0 && hops[len(hops)-1].effect != Allow {
		decidingHop = len(hops)
	}
	for i := range hops {
		d.Hops = append(d.Hops, HopDecision{Hop: i + 1, Caller: hops[i].caller, Role: hops[i].role, Effect: hops[i].effect, DeniedBy: hops[i].deniedBy, Reasons: []StatementRef{}})
	}
	for _, lr := range sc.layers {
		ld := LayerDecision{Layer: lr.id.layer, Level: lr.id.level, Hop: lr.id.hop, Effect: lr.effect, Note: lr.note}
		if lr.to > lr.from {
			ld.Statements = make([]StatementRef, 0, lr.to-lr.from)
			for _, h := range sc.hits[lr.from:lr.to] {
				ld.Statements = append(ld.Statements, h.s.ref)
			}
		}
		if lr.id.hop > 0 {
			hd := &d.Hops[lr.id.hop-1]
			hd.Layers = append(hd.Layers, ld)
			hd.Reasons = appendReasons(hd.Reasons, sc, lr, hd.Effect)
		} else {
			d.Layers = append(d.Layers, ld)
		}
		// The decision's reasons: the deny statements of the hop that
		// denied, or the grants of every hop.
		switch {
		case eff == ExplicitDeny && lr.id.hop == decidingHop:
			d.Reasons = appendReasons(d.Reasons, sc, lr, eff)
		case eff == Allow:
			d.Reasons = appendReasons(d.Reasons, sc, lr, eff)
		}
	}
	for _, f := range sc.failed {
		d.FailedConditions = append(d.FailedConditions, FailedCondition{
			Statement: f.s.ref, Layer: f.where.layer, Level: f.where.level, Hop: f.where.hop,
			Operator: f.c.src.Operator, Key: f.c.src.Key, Pointer: f.c.ptr, Line: f.c.line,
			Missing: f.missing,
		})
	}
	if len(sc.missing) > 0 {
		d.Missing = slices.Clone(sc.missing)
		slices.SortFunc(d.Missing, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
		d.Missing = slices.CompactFunc(d.Missing, strings.EqualFold)
	}
	if len(sc.broken) > 0 {
		d.Uncertain = true
		d.Notes = append(d.Notes, sc.broken...)
	}
	d.Notes = append(d.Notes, sc.notes...)
	for _, lr := range sc.layers {
		if lr.note != "" && !slices.Contains(d.Notes, lr.note) {
			d.Notes = append(d.Notes, lr.note)
		}
	}
	return d
}

// appendReasons appends the statements of a layer that explain an
// effect: Deny statements for an explicit deny, Allow statements of
// granting layers for an allow.
func appendReasons(out []StatementRef, sc *scratch, lr layerRec, eff Effect) []StatementRef {
	switch eff {
	case ExplicitDeny:
		for _, h := range sc.hits[lr.from:lr.to] {
			if h.s.deny {
				out = append(out, h.s.ref)
			}
		}
	case Allow:
		switch lr.id.layer {
		case LayerIdentity, LayerResource, LayerTrust:
			for _, h := range sc.hits[lr.from:lr.to] {
				if !h.s.deny {
					out = append(out, h.s.ref)
				}
			}
		}
	}
	return out
}
