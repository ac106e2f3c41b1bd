package simulate

import (
	"context"
	"fmt"
	"strings"

	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/internal/workspace"
)

// Policies are the policies of one request given directly — a scenario's
// policies: block, a recorded case — instead of read from the inventory.
type Policies struct {
	Dialect  policydoc.Dialect
	Identity []*workspace.Policy // the principal's identity policies
	Resource *workspace.Policy   // the resource's policy
	Boundary *workspace.Policy   // the principal's permissions boundary
	Session  *workspace.Policy   // the session policy of a role session
	// Trust is the role's trust policy, for assume-role requests on a
	// role; it takes the place of Resource for sts: actions.
	Trust *workspace.Policy
	// Control holds control policies (SCPs, Resource Directory control
	// policies) of the principal's account, one list per level, root first.
	Control [][]*workspace.Policy
	// ResourceControl holds the RCPs of the resource's account by level.
	ResourceControl [][]*workspace.Policy
	// Management says the principal's account is its organization's
	// management account (control policies do not bind it);
	// ResourceManagement says so of the resource's account (RCPs do not
	// apply).
	Management, ResourceManagement bool
}

// Evaluator decides requests against given policies, without an
// inventory. It compiles the policies once; it is safe for concurrent use.
type Evaluator struct {
	sim      *Simulator // for the pool and the request plumbing; its inventory is empty
	dialect  policydoc.Dialect
	identity []*cpolicy
	resource *cpolicy
	boundary *cpolicy
	session  *cpolicy
	trust    *cpolicy
	control  [][]*cpolicy
	rcp      [][]*cpolicy
	mgmt     bool
	resMgmt  bool
}

// NewEvaluator compiles the given policies.
func NewEvaluator(p Policies) (*Evaluator, error) {
	if p.Dialect == "" {
		return nil, fmt.Errorf("simulate: policies need a dialect")
	}
	s := &Simulator{compiled: map[*workspace.Policy]*cpolicy{}, syms: newSymbols(), inv: &inventory{accounts: map[string]*accountInfo{}, actors: map[string]*actor{}, roles: map[string]*roleInfo{}}}
	s.pool.New = func() any { return &scratch{} }
	e := &Evaluator{sim: s, dialect: p.Dialect, mgmt: p.Management, resMgmt: p.ResourceManagement}
	one := func(what string, wp *workspace.Policy) (*cpolicy, error) {
		if wp == nil {
			return nil, nil
		}
		if wp.Dialect != p.Dialect {
			return nil, fmt.Errorf("simulate: %s policy %s is %s, not %s", what, wp.File(), wp.Dialect, p.Dialect)
		}
		cp, err := compilePolicy(wp, s.syms)
		if err != nil {
			return nil, fmt.Errorf("simulate: %s policy %s: %w", what, wp.File(), err)
		}
		return cp, nil
	}
	var err error
	for _, ip := range p.Identity {
		cp, err := one("identity", ip)
		if err != nil {
			return nil, err
		}
		if cp != nil {
			e.identity = append(e.identity, cp)
		}
	}
	if e.resource, err = one("resource", p.Resource); err != nil {
		return nil, err
	}
	if e.boundary, err = one("boundary", p.Boundary); err != nil {
		return nil, err
	}
	if e.session, err = one("session", p.Session); err != nil {
		return nil, err
	}
	if e.trust, err = one("trust", p.Trust); err != nil {
		return nil, err
	}
	levels := func(what string, in [][]*workspace.Policy) ([][]*cpolicy, error) {
		var out [][]*cpolicy
		for _, level := range in {
			var l []*cpolicy
			for _, wp := range level {
				cp, err := one(what, wp)
				if err != nil {
					return nil, err
				}
				if cp != nil {
					l = append(l, cp)
				}
			}
			out = append(out, l)
		}
		return out, nil
	}
	if e.control, err = levels("control", p.Control); err != nil {
		return nil, err
	}
	if e.rcp, err = levels("resource-control", p.ResourceControl); err != nil {
		return nil, err
	}
	return e, nil
}

// Can decides a question against the evaluator's policies. The principal
// is read from its name alone; Assume is not supported (a chain needs the
// inventory's roles).
func (e *Evaluator) Can(ctx context.Context, q Question) (Decision, error) {
	if len(q.Assume) > 0 {
		return Decision{}, &principalError{field: "assume", msg: "given policies describe one request: an assume chain needs the inventory's roles"}
	}
	return e.sim.can(ctx, q, e)
}

// compileWhatIf compiles a scenario's policies: block from the policies
// the simulator already compiled.
func (s *Simulator) compileWhatIf(sc *workspace.Scenario) *Evaluator {
	w := sc.WhatIf
	e := &Evaluator{sim: s, dialect: sc.Dialect}
	get := func(r *workspace.PolicyRef) *cpolicy {
		if r == nil || r.Policy == nil {
			return nil
		}
		cp := s.compiled[r.Policy]
		if cp != nil && e.dialect == "" {
			e.dialect = cp.dialect
		}
		return cp
	}
	for _, r := range w.Identity {
		if cp := get(r); cp != nil {
			e.identity = append(e.identity, cp)
		}
	}
	e.resource, e.boundary, e.session, e.trust = get(w.Resource), get(w.Boundary), get(w.Session), get(w.Trust)
	if e.session == nil {
		e.session = get(sc.SessionPolicy)
	}
	for _, level := range w.Control {
		e.control = append(e.control, s.refs(level))
	}
	for _, level := range w.ResourceControl {
		e.rcp = append(e.rcp, s.refs(level))
	}
	return e
}

// actor builds the principal of a question from its name, with the
// evaluator's policies; a session without the evaluator's session policy
// gets the question's, sess. Keys derived for it are those y numbers.
func (e *Evaluator) actor(s *Simulator, p string, kind principalKind, acct, canon string, d policydoc.Dialect, y *symbols, sess *cpolicy) *actor {
	a := &actor{dialect: d, name: p, account: acct}
	switch kind {
	case pAccount:
		a.kind, a.arn = actorRoot, rootName(d, acct)
	case pUser:
		a.kind, a.arn = actorUser, canon
		a.name = canon[strings.LastIndexByte(canon, '/')+1:]
	case pRole:
		a.kind, a.roleARN = actorSession, canon
		role := canon[strings.LastIndexByte(canon, '/')+1:]
		a.arn, a.name = sessionName(d, acct, role, "rampart"), role
	case pSession:
		a.kind, a.arn = actorSession, canon
		rest := canon[strings.Index(canon, ":assumed-role/")+len(":assumed-role/"):]
		role := rest[:strings.IndexByte(rest, '/')]
		a.roleARN, a.name = roleName(d, acct, role), role
	default:
		a.kind, a.arn = actorExternal, p
	}
	e.apply(a)
	if a.kind == actorSession && a.sessionPolicy == nil {
		a.sessionPolicy = sess // the question's, when the evaluator has none
	}
	a.ctx = s.principalContext(a, nil, nil, y)
	return a
}

// apply gives an actor the evaluator's principal-side policies.
func (e *Evaluator) apply(a *actor) {
	a.identity, a.boundary, a.hasBoundary = e.identity, e.boundary, e.boundary != nil
	a.control, a.management = e.control, e.mgmt
	if a.kind == actorSession && e.session != nil {
		a.sessionPolicy = e.session
	}
}

// target gives a target the evaluator's resource-side policies.
func (e *Evaluator) target(t *target) {
	switch {
	case e.trust != nil && t.service == "sts":
		t.resPolicy, t.resLayer, t.assume = []*cpolicy{e.trust}, LayerTrust, isAssumeAction(t.action)
	case e.resource != nil:
		t.resPolicy = []*cpolicy{e.resource}
	}
	t.rcp, t.resMgmt = e.rcp, e.resMgmt
}

// Prepare resolves a question against the evaluator's policies, to be
// decided many times (see Prepared).
func (e *Evaluator) Prepare(q Question) (*Prepared, error) {
	if len(q.Assume) > 0 {
		return nil, &principalError{field: "assume", msg: "given policies describe one request: an assume chain needs the inventory's roles"}
	}
	return e.sim.prepare(q, e)
}
