package diff

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/simulate"
)

// comparer holds one comparison.
type comparer struct {
	opt        Options
	sides      [2]*side
	ix         map[policydoc.Dialect]*catIndex
	principals []*principal
	roles      []*principal    // the role principals
	roleNames  map[string]bool // of either revision
	conds      [2]bool         // the revision has statements with conditions
	dirty      []bool          // by principal index: its own decision inputs differ
	tables     []lazyTable     // by principal index
	changes    []Change

	evaluated, questions atomic.Int64
}

// lazyTable is a principal's table, computed on first use.
type lazyTable struct {
	once sync.Once
	t    *table
}

// table holds a principal's decisions on its surface at both revisions.
type table struct {
	surf *surface
	acc  [2][]uint8 // per pair: access
	// eff is the decision under the request context; empty for a deny
	// decided without asking (the kind of deny is then unknown).
	eff [2][]simulate.Effect
}

// Access is graded: none; only when conditions hold that the request
// context does not satisfy (the favourable reading allows); allowed.
const (
	accNone        uint8 = 0
	accConditional uint8 = 1
	accAllowed     uint8 = 2
)

func newComparer(ctx context.Context, base, head Revision, opt Options) (*comparer, error) {
	c := &comparer{opt: opt, ix: map[policydoc.Dialect]*catIndex{}, roleNames: map[string]bool{}}
	for i, rev := range []Revision{base, head} {
		s, err := newSide(i, rev, opt.Simulator)
		if err != nil {
			return nil, fmt.Errorf("diff: %w", err)
		}
		c.sides[i] = s
		for _, p := range s.byFile {
			c.conds[i] = c.conds[i] || hasConditions(p)
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	c.principals = principalsOf(c.sides)
	for _, p := range c.principals {
		if c.ix[p.Dialect] == nil && p.Dialect != "" {
			ix, err := newCatIndex(p.Dialect)
			if err != nil {
				return nil, err
			}
			c.ix[p.Dialect] = ix
		}
		if p.Kind == "role" {
			c.roles = append(c.roles, p)
			c.roleNames[p.Name] = true
		}
	}
	c.dirty = make([]bool, len(c.principals))
	c.tables = make([]lazyTable, len(c.principals))
	for _, p := range c.principals {
		c.dirty[p.idx] = opt.exhaustive || c.sides[baseSide].fingerprint(p) != c.sides[headSide].fingerprint(p)
	}
	return c, nil
}

// run decides every principal's surface, in parallel, and collects the
// changes.
func (c *comparer) run(ctx context.Context) error {
	workers := c.opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	results := make([][]Change, len(c.principals))
	jobs := make(chan *principal)
	var wg sync.WaitGroup
	for range min(workers, max(1, len(c.principals))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range jobs {
				if ctx.Err() != nil {
					continue
				}
				results[p.idx] = c.principalChanges(ctx, p)
			}
		}()
	}
	for _, p := range c.principals {
		if ctx.Err() != nil {
			break
		}
		jobs <- p
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, cs := range results {
		c.changes = append(c.changes, cs...)
	}
	sortChanges(c.changes)
	return nil
}

// principalChanges is everything that changed for one principal: its own
// requests, its assume-role hops, and what it reaches through each role it
// can assume at either revision.
func (c *comparer) principalChanges(ctx context.Context, p *principal) []Change {
	var out []Change
	hops := c.hopsOf(p)
	// A service acts only through the roles that trust it: the evaluator
	// answers no request of its own.
	if c.dirty[p.idx] && p.Kind != "service" {
		c.evaluated.Add(1)
		t := c.table(ctx, p)
		out = append(out, c.describe(p, nil, t.surf, c.directChanges(p, t))...)
	}
	for _, h := range hops {
		if ctx.Err() != nil {
			return nil
		}
		if h.acc[baseSide] != h.acc[headSide] {
			out = append(out, c.hopChange(p, h))
		}
		both := h.acc[baseSide] > accNone && h.acc[headSide] > accNone
		if h.acc[baseSide] == accNone && h.acc[headSide] == accNone {
			continue
		}
		if both && h.acc[baseSide] == h.acc[headSide] && !c.dirty[h.role.idx] && !c.opt.exhaustive {
			continue // the same hop into the same role: the same access
		}
		t := c.table(ctx, h.role)
		out = append(out, c.describe(p, h.role, t.surf, c.chainChanges(p, h, t))...)
	}
	return out
}

// table returns a principal's decisions on its surface, computing them on
// first use. When ctx is done it stops asking: the comparison then fails
// with ctx's error, so the partial table is never reported.
func (c *comparer) table(ctx context.Context, p *principal) *table {
	lt := &c.tables[p.idx]
	lt.once.Do(func() {
		sf := c.surfaceOf(p)
		t := &table{surf: sf}
		// A user, a role session or an anonymous caller is allowed only
		// where an Allow statement of an identity or resource policy
		// applies: a class no such statement can match is denied without
		// asking. (Account roots and principals outside the inventory are
		// allowed by their account without a statement.)
		needsGrant := p.Kind == "user" || p.Kind == "role" || p.anonymous
		for i := range c.sides {
			t.acc[i] = make([]uint8, len(sf.pairs))
			t.eff[i] = make([]simulate.Effect, len(sf.pairs))
			for k, pr := range sf.pairs {
				if k%256 == 0 && ctx.Err() != nil {
					break
				}
				if !p.present[i] {
					t.eff[i][k] = simulate.ImplicitDeny
					continue
				}
				if needsGrant && !c.opt.exhaustive && !sf.classes[pr.class].grantable[i] {
					continue
				}
				q := c.question(p, nil, pr.rep, sf.resources[pr.res].name)
				t.acc[i][k], t.eff[i][k] = c.access(i, q)
			}
		}
		lt.t = t
	})
	return lt.t
}

// question is a request of the principal, through a role when via is set.
func (c *comparer) question(p, via *principal, action, resource string) simulate.Question {
	q := simulate.Question{Principal: p.Name, Action: action, Resource: resource, Context: c.opt.Context, Dialect: p.Dialect}
	if via != nil {
		q.Assume = []string{via.Name}
	}
	return q
}

// decide answers a question at a revision, in one reading of conditions.
// A question the evaluator cannot answer there is an implicit deny.
func (c *comparer) decide(i, mode int, q simulate.Question) simulate.Effect {
	c.questions.Add(1)
	pr, err := c.sides[i].sim[mode].Prepare(q)
	if err != nil {
		return simulate.ImplicitDeny
	}
	return pr.Decide()
}

// explain answers a question with its explanation; nil when the evaluator
// cannot answer it.
func (c *comparer) explain(i, mode int, q simulate.Question) *simulate.Decision {
	c.questions.Add(1)
	pr, err := c.sides[i].sim[mode].Prepare(q)
	if err != nil {
		return nil
	}
	d := pr.Explain()
	return &d
}

// access grades a question at a revision and returns its decision under
// the request context.
func (c *comparer) access(i int, q simulate.Question) (uint8, simulate.Effect) {
	e := c.decide(i, strict, q)
	switch {
	case e == simulate.Allow:
		return accAllowed, e
	case c.conds[i] && c.decide(i, favourable, q) == simulate.Allow:
		return accConditional, e
	}
	return accNone, e
}

// rawChange is a pair of a surface whose access changed (pair -1: the
// assume-role hop itself).
type rawChange struct {
	pair  int
	acc   [2]uint8
	eff   [2]simulate.Effect
	sides [2]sideExpl
}

// directChanges lists the pairs of a principal's own table whose access
// changed, explained.
func (c *comparer) directChanges(p *principal, t *table) []rawChange {
	var out []rawChange
	for k, pr := range t.surf.pairs {
		acc := [2]uint8{t.acc[baseSide][k], t.acc[headSide][k]}
		if acc[baseSide] == acc[headSide] {
			continue
		}
		rc := rawChange{pair: k, acc: acc, eff: [2]simulate.Effect{t.eff[baseSide][k], t.eff[headSide][k]}}
		q := c.question(p, nil, pr.rep, t.surf.resources[pr.res].name)
		for i := range c.sides {
			if p.present[i] {
				rc.sides[i], rc.eff[i] = c.explainSide(i, acc[i], q, false)
			}
		}
		out = append(out, rc)
	}
	return out
}

// hop is a principal's assume-role hop into a role, decided at both
// revisions.
type hop struct {
	role *principal
	acc  [2]uint8
	eff  [2]simulate.Effect
}

// hopsOf decides the principal's hop into every role of its dialect, and
// keeps those allowed at either revision, in either reading. A hop into a
// role whose trust policy cannot name the principal is denied without
// asking.
func (c *comparer) hopsOf(p *principal) []hop {
	if p.anonymous {
		return nil
	}
	var out []hop
	for _, r := range c.roles {
		if r.Dialect != p.Dialect || r.Name == p.Name {
			continue
		}
		h := hop{role: r, eff: [2]simulate.Effect{simulate.ImplicitDeny, simulate.ImplicitDeny}}
		for i, s := range c.sides {
			if !p.present[i] || !r.present[i] || (!c.opt.exhaustive && !s.trustMayName(r.role[i], p)) {
				continue
			}
			h.acc[i], h.eff[i] = c.hopAccess(i, p, r)
		}
		if h.acc[baseSide] != accNone || h.acc[headSide] != accNone {
			out = append(out, h)
		}
	}
	return out
}

// hopQuestion asks for the hop from p into the role (what follows it does
// not matter: only the hop's decision is read).
func (c *comparer) hopQuestion(p, role *principal) simulate.Question {
	return c.question(p, role, p.Dialect.AssumeRoleAction(), "*")
}

// hopAccess grades a hop at a revision.
func (c *comparer) hopAccess(i int, p, role *principal) (uint8, simulate.Effect) {
	q := c.hopQuestion(p, role)
	d := c.explain(i, strict, q)
	if d == nil || len(d.Hops) == 0 {
		return accNone, simulate.ImplicitDeny
	}
	e := d.Hops[0].Effect
	if e == simulate.Allow {
		return accAllowed, e
	}
	if c.conds[i] {
		if f := c.explain(i, favourable, q); f != nil && len(f.Hops) > 0 && f.Hops[0].Effect == simulate.Allow {
			return accConditional, e
		}
	}
	return accNone, e
}

// hopChange is the change of a hop itself: sts:AssumeRole on the role.
func (c *comparer) hopChange(p *principal, h hop) Change {
	rc := rawChange{pair: -1, acc: h.acc, eff: h.eff}
	q := c.hopQuestion(p, h.role)
	for i := range c.sides {
		if p.present[i] && h.role.present[i] {
			rc.sides[i], _ = c.explainSide(i, h.acc[i], q, true)
		}
	}
	ch := c.change(p, nil, rc, p.Dialect.AssumeRoleAction(), h.role.Name)
	if ix := c.ix[p.Dialect]; ix != nil {
		if a, ok := ix.cat.Action(p.Dialect.AssumeRoleAction()); ok {
			ch.Levels = levelBit(a.Level).list()
		}
	}
	return ch
}

// chainChanges lists the pairs of the role's surface whose access through
// the hop changed. Through a hop the decision is the hop's when it denies,
// else the role's own (the evaluator decides a chain hop by hop), so the
// role's table decides; the changes are then explained as chains.
func (c *comparer) chainChanges(p *principal, h hop, t *table) []rawChange {
	var out []rawChange
	for k, pr := range t.surf.pairs {
		var acc [2]uint8
		var eff [2]simulate.Effect
		for i := range c.sides {
			acc[i] = min(h.acc[i], t.acc[i][k])
			eff[i] = h.eff[i]
			if eff[i] == simulate.Allow {
				eff[i] = t.eff[i][k]
			}
		}
		if acc[baseSide] == acc[headSide] {
			continue
		}
		rc := rawChange{pair: k, acc: acc, eff: eff}
		q := c.question(p, h.role, pr.rep, t.surf.resources[pr.res].name)
		for i := range c.sides {
			if p.present[i] && h.role.present[i] {
				rc.sides[i], rc.eff[i] = c.explainSide(i, acc[i], q, false)
			}
		}
		out = append(out, rc)
	}
	return out
}

// sideExpl is what decided one side of a change.
type sideExpl struct {
	refs     []Ref
	conds    []Condition
	deniedBy string
}

// view is the part of a decision a change is about: the whole request, or
// its first hop.
type view struct {
	effect   simulate.Effect
	reasons  []simulate.StatementRef
	deniedBy string
	failed   []simulate.FailedCondition
}

func viewOf(d *simulate.Decision, hopOnly bool) view {
	if d == nil {
		return view{effect: simulate.ImplicitDeny}
	}
	if !hopOnly {
		return view{effect: d.Effect, reasons: d.Reasons, deniedBy: d.DeniedBy, failed: d.FailedConditions}
	}
	if len(d.Hops) == 0 {
		return view{effect: simulate.ImplicitDeny}
	}
	h := d.Hops[0]
	v := view{effect: h.Effect, reasons: h.Reasons, deniedBy: h.DeniedBy}
	for _, f := range d.FailedConditions {
		if f.Hop == 1 {
			v.failed = append(v.failed, f)
		}
	}
	return v
}

// explainSide explains one side of a change: the statements that granted
// (for a conditional grant: those that would grant, and the conditional
// Deny statements that deny under the request context), or those that
// denied; the layer that denied; the conditions of those statements. It
// returns the decision under the request context too.
func (c *comparer) explainSide(i int, acc uint8, q simulate.Question, hopOnly bool) (sideExpl, simulate.Effect) {
	st := viewOf(c.explain(i, strict, q), hopOnly)
	reasons := st.reasons
	if acc == accConditional {
		fav := viewOf(c.explain(i, favourable, q), hopOnly)
		reasons = fav.reasons
		if st.effect == simulate.ExplicitDeny {
			reasons = append(slices.Clone(reasons), st.reasons...)
		}
	}
	var se sideExpl
	if st.effect != simulate.Allow {
		se.deniedBy = st.deniedBy
	}
	failed := map[stmtKey]simulate.FailedCondition{}
	for _, f := range st.failed {
		failed[stmtKey{f.Statement.File, f.Pointer}] = f
	}
	s := c.sides[i]
	for _, r := range reasons {
		se.refs = append(se.refs, Ref{File: r.File, Line: r.Line, Pointer: r.Pointer, Sid: r.Sid, Effect: r.Effect})
		stmt, ok := s.stmts[stmtKey{r.File, r.Pointer}]
		if !ok {
			continue
		}
		for _, cd := range stmt.Conditions {
			ptr := s.prefixOf(r.File) + cd.Pointer
			con := Condition{Side: sideNames[i], File: r.File, Pointer: ptr, Effect: r.Effect, Operator: cd.Operator, Key: cd.Key, Met: true}
			for _, v := range cd.Values {
				con.Values = append(con.Values, v.Value)
			}
			if f, bad := failed[stmtKey{r.File, ptr}]; bad {
				con.Met, con.Missing, con.Line = false, f.Missing, f.Line
			} else {
				con.Line = s.lineOf(r.File, ptr)
			}
			se.conds = append(se.conds, con)
		}
	}
	return se, st.effect
}

// prefixOf is the pointer prefix of the policy in a file (set for a policy
// written inside another document).
func (s *side) prefixOf(file string) string {
	if p := s.byFile[file]; p != nil {
		return p.Doc.Prefix
	}
	return ""
}

// lineOf is the line of a pointer in a file.
func (s *side) lineOf(file, ptr string) int {
	p := s.byFile[file]
	if p == nil || len(ptr) < len(p.Doc.Prefix) {
		return 0
	}
	rng, _ := p.Doc.Locate(ptr[len(p.Doc.Prefix):], policydoc.TargetKey)
	return rng.Start.Line
}
