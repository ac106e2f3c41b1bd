package simulate

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/internal/workspace"
)

// cpolicy is a policy compiled for evaluation: every pattern, number, date,
// CIDR and ARN is parsed once here and reused by every request. Its
// context keys and services are numbered in the symbols of the simulator
// that compiled it, and only that simulator's requests evaluate it.
type cpolicy struct {
	pol     *workspace.Policy
	dialect policydoc.Dialect
	stmts   []stmt
	// Statements indexed by the service prefix their actions name, so a
	// request looks at the statements about its own service only; always
	// lists those that may match any service (NotAction, "*", a wildcard
	// in the service).
	svcs    []svcStmts // ascending by service number
	svcMask uint64     // bit n%64 set for every service number n in svcs
	always  stmtLists
}

// stmtLists are indexes of statements of a policy in document order: all
// of them, and split by effect.
type stmtLists struct {
	all, deny, allow []int32
}

func (l *stmtLists) add(s *stmt, i int32) {
	if n := len(l.all); n > 0 && l.all[n-1] == i {
		return
	}
	l.all = append(l.all, i)
	if s.deny {
		l.deny = append(l.deny, i)
	} else {
		l.allow = append(l.allow, i)
	}
}

// svcStmts are the statements about one service.
type svcStmts struct {
	svc int32
	stmtLists
}

// indexStmts builds the service index.
func (cp *cpolicy) indexStmts(y *symbols) {
	for i := range cp.stmts {
		s := &cp.stmts[i]
		svcs, any := s.services()
		if any {
			cp.always.add(s, int32(i))
			continue
		}
		for _, name := range svcs {
			n := y.service(name)
			j, found := slices.BinarySearchFunc(cp.svcs, n, func(e svcStmts, n int32) int { return cmp.Compare(e.svc, n) })
			if !found {
				cp.svcs = slices.Insert(cp.svcs, j, svcStmts{svc: n})
			}
			cp.svcs[j].add(s, int32(i))
			cp.svcMask |= 1 << (uint(n) % 64)
		}
	}
}

// forService returns the statements about the numbered service, or nil.
// The mask turns most policies about other services away at once.
func (cp *cpolicy) forService(n int32) *stmtLists {
	if n < 0 || cp.svcMask&(1<<(uint(n)%64)) == 0 {
		return nil
	}
	return cp.findService(n)
}

func (cp *cpolicy) findService(n int32) *stmtLists {
	if len(cp.svcs) <= 8 {
		for i := range cp.svcs {
			if cp.svcs[i].svc == n {
				return &cp.svcs[i].stmtLists
			}
		}
		return nil
	}
	j, found := slices.BinarySearchFunc(cp.svcs, n, func(e svcStmts, n int32) int { return cmp.Compare(e.svc, n) })
	if !found {
		return nil
	}
	return &cp.svcs[j].stmtLists
}

// services returns the lower-cased service prefixes the statement's
// Action element can match, or true when it may match any service.
func (s *stmt) services() ([]string, bool) {
	if s.ignore || !s.hasAction {
		return nil, false
	}
	if s.notAction || s.actAll {
		return nil, true
	}
	var out []string
	for i := range s.acts {
		p := &s.acts[i]
		var src string
		switch p.kind {
		case patLiteral, patPrefix:
			src = p.lit
		case patGeneral:
			src = string(p.text)
		default:
			return nil, true
		}
		j := strings.IndexByte(src, ':')
		if j < 0 {
			if p.kind == patLiteral {
				continue // no service prefix: matches no action
			}
			return nil, true
		}
		if p.kind == patGeneral {
			for k := 0; k < j; k++ {
				if p.wild[k] {
					return nil, true
				}
			}
		}
		if !slices.Contains(out, src[:j]) {
			out = append(out, src[:j])
		}
	}
	return out, false
}

// stmt is one compiled statement.
type stmt struct {
	ref    StatementRef
	deny   bool
	ignore bool // Effect is neither Allow nor Deny: the statement never applies

	hasAction bool
	notAction bool
	actAll    bool
	acts      []pattern // lower-cased, over the full service:name

	hasRes bool
	notRes bool
	res    []namePattern

	hasPrin  bool
	notPrin  bool
	anyPrin  bool // Principal is "*" (or, for acs, an empty list): everyone
	prins    []principalPat
	hasConds bool
	conds    []cond
	// quick are the conditions cheapest first, for deciding without an
	// explanation (the block holds when every condition does, in any
	// order).
	quick []*cond
}

// compilePolicy compiles a policy of the given dialect, numbering its
// context keys and services in y.
func compilePolicy(p *workspace.Policy, y *symbols) (*cpolicy, error) {
	if p == nil || p.Policy == nil || p.Doc == nil {
		return nil, fmt.Errorf("compile policy: no document")
	}
	d := p.Dialect
	cp := &cpolicy{pol: p, dialect: d, stmts: make([]stmt, len(p.Statements))}
	vars := (d == policydoc.AWS && p.Version == "2012-10-17") || d == policydoc.JDCloud
	resVars := d == policydoc.AWS && p.Version == "2012-10-17"
	for i := range p.Statements {
		cp.stmts[i] = compileStmt(p, &p.Statements[i], vars, resVars, y)
	}
	cp.indexStmts(y)
	return cp, nil
}

func compileStmt(p *workspace.Policy, s *policydoc.Statement, vars, resVars bool, y *symbols) stmt {
	d := p.Dialect
	st := stmt{ref: statementRef(p, s)}
	switch s.Effect {
	case "Allow":
	case "Deny":
		st.deny = true
	default:
		st.ignore = true
	}
	acts := s.Action
	if acts == nil && s.NotAction != nil {
		acts, st.notAction = s.NotAction, true
	}
	if acts != nil {
		st.hasAction = true
		for _, e := range acts.Items {
			if e.Value == "*" {
				st.actAll = true
			}
			st.acts = append(st.acts, compileAction(d, e.Value))
		}
	}
	res := s.Resource
	if res == nil && s.NotResource != nil {
		res, st.notRes = s.NotResource, true
	}
	if res != nil {
		st.hasRes = true
		for _, e := range res.Items {
			np := compileName(e.Value, resVars)
			if np.tmpl != nil {
				np.tmpl.intern(y)
			}
			st.res = append(st.res, np)
		}
	}
	prin := s.Principal
	if prin == nil && s.NotPrincipal != nil {
		prin, st.notPrin = s.NotPrincipal, true
	}
	if prin != nil {
		st.hasPrin = true
		for _, e := range prin.Entries {
			pp := compilePrincipal(d, e.Type, e.Value)
			if pp.kind == pAny {
				st.anyPrin = true
			}
			st.prins = append(st.prins, pp)
		}
		if len(prin.Entries) == 0 && d == policydoc.ACS {
			st.anyPrin = true // an empty OSS Principal list means everyone
			st.prins = append(st.prins, principalPat{kind: pAny, raw: "[]"})
		}
	}
	if len(s.Conditions) > 0 {
		st.hasConds = true
		st.conds = make([]cond, len(s.Conditions))
		for i := range s.Conditions {
			c := &s.Conditions[i]
			st.conds[i] = compileCond(c, vars, d == policydoc.AWS)
			st.conds[i].intern(y)
			rng, _ := p.Doc.Locate(c.Pointer, policydoc.TargetKey)
			st.conds[i].ptr, st.conds[i].line = p.Doc.Prefix+c.Pointer, rng.Start.Line
		}
		st.quick = make([]*cond, len(st.conds))
		for i := range st.conds {
			st.quick[i] = &st.conds[i]
		}
		slices.SortStableFunc(st.quick, func(a, b *cond) int { return cmp.Compare(a.cost(), b.cost()) })
	}
	return st
}

// statementRef locates a statement for explanations.
func statementRef(p *workspace.Policy, s *policydoc.Statement) StatementRef {
	rng, _ := p.Doc.Locate(s.Pointer, policydoc.TargetOpen)
	return StatementRef{File: p.File(), Line: rng.Start.Line, Pointer: p.Doc.Prefix + s.Pointer, Sid: s.Sid, Effect: s.Effect}
}

// compileAction compiles an Action value. acs and JD Cloud glob the whole
// `service:name` without case; aws compares the service prefix literally
// and globs the name (semantics 3.2).
func compileAction(d policydoc.Dialect, a string) pattern {
	a = lowerASCII(a)
	if a == "*" {
		return pattern{kind: patAny}
	}
	if d != policydoc.AWS {
		return compilePattern(a)
	}
	svc, name, ok := strings.Cut(a, ":")
	if !ok {
		return literalPattern(a) // no service prefix: matches no real action
	}
	var b patternBuilder
	b.literal(svc + ":")
	b.glob(name)
	return b.build()
}

// matchAction reports whether the statement's Action (or NotAction)
// element covers the lower-cased action.
func (s *stmt) matchAction(action string) bool {
	if !s.hasAction {
		return false
	}
	hit := s.actAll
	if !hit {
		for i := range s.acts {
			if s.acts[i].match(action) {
				hit = true
				break
			}
		}
	}
	return hit != s.notAction
}

// matchResource reports whether the Resource (or NotResource) element
// covers the request's resource; a statement without either covers every
// resource (trust policies).
func (s *stmt) matchResource(r *request) bool {
	if !s.hasRes {
		return true
	}
	hit := false
	for i := range s.res {
		if s.res[i].match(r, r.name) {
			hit = true
			break
		}
	}
	return hit != s.notRes
}

// pmatch is how a statement's Principal element names the request's
// principal, strongest last.
type pmatch uint8

const (
	pmNone    pmatch = iota
	pmAccount        // the principal's account
	pmRole           // the role whose session the principal is
	pmDirect         // the principal itself, or everyone
)

// matchPrincipal reports how the Principal (or NotPrincipal) element names
// the principal; a statement without either names everyone (identity and
// control policies).
func (s *stmt) matchPrincipal(a *actor) pmatch {
	if !s.hasPrin {
		return pmDirect
	}
	if s.notPrin {
		if a.hasBoundary && s.deny {
			// A Deny with NotPrincipal always applies to a principal with a
			// permissions boundary, whatever NotPrincipal lists (AWS,
			// access_policies_boundaries.html).
			return pmDirect
		}
		if notPrincipalExempts(s.prins, a) {
			return pmNone
		}
		return pmDirect
	}
	best := pmNone
	for i := range s.prins {
		if m := s.prins[i].match(a); m > best {
			best = m
			if best == pmDirect {
				break
			}
		}
	}
	return best
}

// applies evaluates the statement against the request and records the
// explanation: a statement whose action, resource and principal fit but
// whose condition fails is recorded with that condition; context keys its
// conditions name and the request lacks are recorded as missing.
func (s *stmt) applies(r *request, where layerID) (bool, pmatch) {
	if s.ignore || !s.matchAction(r.action) || !s.matchResource(r) {
		return false, pmNone
	}
	pm := s.matchPrincipal(r.actor)
	if pm == pmNone {
		return false, pmNone
	}
	if !s.hasConds {
		return true, pm
	}
	ok := true
	for i := range s.conds {
		c := &s.conds[i]
		if !ok {
			// the block already failed: only note what else is missing
			if r.get(c.slot, c.key) == nil && c.cmp != cmpNull {
				r.scratch.addMissing(c.src.Key)
			}
			continue
		}
		res := c.eval(r, s.deny)
		if res.missing && c.cmp != cmpNull {
			r.scratch.addMissing(c.src.Key)
		}
		if res.broken != "" {
			r.scratch.addBroken(s, c, res.broken)
		}
		if !res.ok {
			ok = false
			r.scratch.addFailed(s, c, where, res.missing)
		}
	}
	if !ok {
		return false, pmNone
	}
	return true, pm
}

// decides reports whether the statement applies to the request, and how it
// names the principal, as applies does but without recording anything: it
// stops at the first condition that fails, testing the cheapest first.
func (s *stmt) decides(r *request) pmatch {
	if s.ignore || !s.matchAction(r.action) || !s.matchResource(r) {
		return pmNone
	}
	pm := s.matchPrincipal(r.actor)
	if pm == pmNone {
		return pmNone
	}
	for _, c := range s.quick {
		if !c.eval(r, s.deny).ok {
			return pmNone
		}
	}
	return pm
}
