package diff

import (
	"cmp"
	"slices"
	"strings"

	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/simulate"
)

// maxExcept bounds the exceptions of a "*" or "svc:*" entry; beyond it the
// changed actions are listed instead.
const maxExcept = 8

// shown is the effect a side of a change is reported with: allow where the
// side allows, also when it allows only under conditions and the other
// side not at all; otherwise the decision under the request context.
func shown(rc rawChange, i int) simulate.Effect {
	switch {
	case rc.acc[i] == accAllowed:
		return simulate.Allow
	case rc.acc[i] == accConditional && rc.acc[1-i] == accNone:
		return simulate.Allow
	}
	if rc.eff[i] == simulate.Allow || rc.eff[i] == "" {
		return simulate.ImplicitDeny
	}
	return rc.eff[i]
}

// groupKey is what changes must share to be reported together.
type groupKey struct {
	res        int
	base, head simulate.Effect
	cb, ch     bool // conditional at base, at head
}

// describe turns the changed pairs of one surface (a principal's own, or
// a role's reached through a hop) into reported changes: pairs that
// changed alike on one resource are merged and their actions written as
// "*", "svc:*" (with exceptions), the documents' patterns, or one by one.
func (c *comparer) describe(p, via *principal, sf *surface, raws []rawChange) []Change {
	if len(raws) == 0 {
		return nil
	}
	groups := map[groupKey][]int{}
	var keys []groupKey
	byPair := map[int]int{}
	for k, rc := range raws {
		pr := sf.pairs[rc.pair]
		gk := groupKey{res: pr.res, base: shown(rc, baseSide), head: shown(rc, headSide), cb: rc.acc[baseSide] == accConditional, ch: rc.acc[headSide] == accConditional}
		if _, ok := groups[gk]; !ok {
			keys = append(keys, gk)
		}
		groups[gk] = append(groups[gk], rc.pair)
		byPair[rc.pair] = k
	}
	var out []described
	for _, gk := range keys {
		pairs := groups[gk]
		res := sf.resources[gk.res].name
		for _, it := range sf.cover(pairs, gk.res) {
			var merged rawChange
			for n, pi := range it.pairs {
				rc := raws[byPair[pi]]
				if n == 0 {
					merged = rawChange{pair: pi, acc: rc.acc, eff: rc.eff}
				}
				for i := range merged.sides {
					merged.sides[i].refs = append(merged.sides[i].refs, rc.sides[i].refs...)
					merged.sides[i].conds = append(merged.sides[i].conds, rc.sides[i].conds...)
					if merged.sides[i].deniedBy == "" {
						merged.sides[i].deniedBy = rc.sides[i].deniedBy
					}
				}
			}
			ch := c.change(p, via, merged, it.action, res)
			ch.Covers, ch.Except, ch.Levels = it.covers, it.except, it.levels.list()
			out = append(out, described{ch: ch, pairs: it.pairs})
		}
	}
	if !c.opt.keepImplied {
		out = dropImplied(sf, out)
	}
	cs := make([]Change, len(out))
	for k, d := range out {
		cs[k] = d.ch
	}
	return cs
}

// described is a reported change with the pairs it stands for.
type described struct {
	ch    Change
	pairs []int
}

// change builds a reported change from a (merged) raw change.
func (c *comparer) change(p, via *principal, rc rawChange, action, resource string) Change {
	ch := Change{
		Principal: p.Name, Action: action, Resource: resource,
		Base: shown(rc, baseSide), Head: shown(rc, headSide),
		Kind: p.Kind, Account: p.Account,
		BaseConditional: rc.acc[baseSide] == accConditional, HeadConditional: rc.acc[headSide] == accConditional,
		BaseDeniedBy: rc.sides[baseSide].deniedBy, HeadDeniedBy: rc.sides[headSide].deniedBy,
	}
	if rc.acc[headSide] > rc.acc[baseSide] {
		ch.Change = Gained
	} else {
		ch.Change = Lost
	}
	if ch.Base == simulate.Allow {
		ch.BaseDeniedBy = ""
	}
	if ch.Head == simulate.Allow {
		ch.HeadDeniedBy = ""
	}
	if via != nil {
		ch.Assume = []string{via.Name}
	}
	ch.Because.Base = uniqueRefs(rc.sides[baseSide].refs)
	ch.Because.Head = uniqueRefs(rc.sides[headSide].refs)
	ch.Conditions = uniqueConditions(append(slices.Clone(rc.sides[baseSide].conds), rc.sides[headSide].conds...))
	ch.External = c.external(p, via, resource)
	return ch
}

func uniqueRefs(in []Ref) []Ref {
	out := slices.Clone(in)
	slices.SortFunc(out, func(a, b Ref) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Pointer, b.Pointer))
	})
	out = slices.CompactFunc(out, func(a, b Ref) bool { return a.File == b.File && a.Pointer == b.Pointer })
	if out == nil {
		out = []Ref{}
	}
	return out
}

func uniqueConditions(in []Condition) []Condition {
	slices.SortFunc(in, func(a, b Condition) int {
		return cmp.Or(cmp.Compare(a.Side, b.Side), cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Pointer, b.Pointer), cmpBool(a.Met, b.Met))
	})
	return slices.CompactFunc(in, func(a, b Condition) bool {
		return a.Side == b.Side && a.File == b.File && a.Pointer == b.Pointer
	})
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// dropImplied leaves out a change on a named resource when a change on
// "*" of the same kind, with the same decisions, decided by the same
// statements, covers every action it stands for: it says no more.
func dropImplied(sf *surface, ds []described) []described {
	key := func(c Change) string {
		var b strings.Builder
		b.WriteString(string(c.Change) + "\x00" + string(c.Base) + "\x00" + string(c.Head))
		if c.BaseConditional {
			b.WriteString("\x00cb")
		}
		if c.HeadConditional {
			b.WriteString("\x00ch")
		}
		for _, refs := range [][]Ref{c.Because.Base, c.Because.Head} {
			b.WriteString("\x01")
			for _, r := range refs {
				b.WriteString(r.File + "#" + r.Pointer + ";")
			}
		}
		return b.String()
	}
	members := func(d described) map[string]bool {
		out := map[string]bool{}
		for _, pi := range d.pairs {
			for _, a := range sf.fitting(sf.pairs[pi]) {
				out[strings.ToLower(a)] = true
			}
		}
		return out
	}
	onAll := map[string][]map[string]bool{}
	for _, d := range ds {
		if d.ch.Resource == "*" {
			onAll[key(d.ch)] = append(onAll[key(d.ch)], members(d))
		}
	}
	out := ds[:0]
	for _, d := range ds {
		if d.ch.Resource != "*" {
			if alls := onAll[key(d.ch)]; len(alls) > 0 {
				m := members(d)
				if slices.ContainsFunc(alls, func(all map[string]bool) bool {
					for a := range m {
						if !all[a] {
							return false
						}
					}
					return true
				}) {
					continue
				}
			}
		}
		out = append(out, d)
	}
	return out
}

// item is one reported action (pattern) and the pairs it stands for.
type item struct {
	action string
	except []string
	covers int
	levels levelSet
	pairs  []int
}

// cover writes the pairs of one resource that changed alike as few items
// as it can without claiming more than changed: "*" when every action
// that fits the resource changed (spanning several services), "svc:*" for
// a whole service, either with a few exceptions when nearly everything
// changed, the documents' own patterns when they cover exactly changed
// actions, and the remaining actions one by one.
func (sf *surface) cover(group []int, res int) []item {
	in := map[int]bool{}
	for _, pi := range group {
		in[pi] = true
	}
	universe := sf.byRes[res]
	bySvc := map[string][]int{}
	var services []string
	for _, pi := range universe {
		svc := sf.classes[sf.pairs[pi].class].service
		if _, ok := bySvc[svc]; !ok {
			services = append(services, svc)
		}
		bySvc[svc] = append(bySvc[svc], pi)
	}
	slices.Sort(services)
	all := item{action: "*"}
	for _, pi := range group {
		all.covers += sf.pairs[pi].n
		all.levels |= sf.pairs[pi].levels
	}
	all.pairs = sortedInts(group)
	if len(services) > 1 {
		if len(group) == len(universe) {
			return []item{all}
		}
		var rest []int
		for _, pi := range universe {
			if !in[pi] {
				rest = append(rest, pi)
			}
		}
		if sf.size(rest) < all.covers {
			var except []string
			for _, svc := range services {
				var k []int
				for _, pi := range bySvc[svc] {
					if !in[pi] {
						k = append(k, pi)
					}
				}
				except = append(except, sf.names(k, bySvc[svc])...)
			}
			if len(except) <= maxExcept {
				all.except = except
				return []item{all}
			}
		}
	}
	var out []item
	for _, svc := range services {
		var g []int
		for _, pi := range bySvc[svc] {
			if in[pi] {
				g = append(g, pi)
			}
		}
		if len(g) > 0 {
			out = append(out, sf.coverService(svc, g, bySvc[svc])...)
		}
	}
	return out
}

// coverService covers the changed pairs g of one service, whose pairs on
// the resource are u.
func (sf *surface) coverService(svc string, g, u []int) []item {
	whole := item{action: sf.serviceWide(svc, u), pairs: g}
	for _, pi := range g {
		whole.covers += sf.pairs[pi].n
		whole.levels |= sf.pairs[pi].levels
	}
	if len(g) == len(u) {
		if whole.action == "" { // a lone action outside the catalogue
			return sf.single(g[0])
		}
		return []item{whole}
	}
	pats, rest := sf.patterns(g, u)
	if len(rest) > 0 && whole.action != "" {
		var k []int
		in := map[int]bool{}
		for _, pi := range g {
			in[pi] = true
		}
		for _, pi := range u {
			if !in[pi] {
				k = append(k, pi)
			}
		}
		if sf.size(k) < whole.covers {
			if except := sf.names(k, u); len(except) <= maxExcept {
				whole.except = except
				return []item{whole}
			}
		}
	}
	out := pats
	for _, pi := range rest {
		out = append(out, sf.single(pi)...)
	}
	return out
}

// serviceWide is "svc:*" for the service of the pairs, as the documents
// spell the service; "" when the pairs are a single action outside the
// catalogue.
func (sf *surface) serviceWide(svc string, u []int) string {
	for _, pi := range u {
		if cl := sf.classes[sf.pairs[pi].class]; cl.svc != nil {
			code := cl.svc.actions[cl.groups[0].members[0]].Service
			return code + ":*"
		}
	}
	if len(u) > 1 {
		return svc + ":*"
	}
	return ""
}

// patterns picks the documents' patterns of the service whose actions
// (fitting the resource) all lie in g, largest first while each adds
// something; rest are the pairs of g none covers.
func (sf *surface) patterns(g, u []int) (items []item, rest []int) {
	in := map[int]bool{}
	for _, pi := range g {
		in[pi] = true
	}
	type cand struct {
		pat   int
		pairs []int
		size  int
	}
	var cands []cand
	for k := range sf.pats {
		var ps []int
		ok := true
		for _, pi := range u {
			if slices.Contains(sf.classes[sf.pairs[pi].class].pats, k) {
				if !in[pi] {
					ok = false
					break
				}
				ps = append(ps, pi)
			}
		}
		if ok && len(ps) > 0 {
			cands = append(cands, cand{pat: k, pairs: ps, size: sf.size(ps)})
		}
	}
	slices.SortFunc(cands, func(a, b cand) int {
		return cmp.Or(cmp.Compare(b.size, a.size), cmp.Compare(sf.pats[a.pat].lower, sf.pats[b.pat].lower))
	})
	covered := map[int]bool{}
	for _, cd := range cands {
		adds := false
		for _, pi := range cd.pairs {
			if !covered[pi] {
				adds = true
			}
		}
		if !adds {
			continue
		}
		it := item{action: sf.pats[cd.pat].text, pairs: cd.pairs}
		for _, pi := range cd.pairs {
			covered[pi] = true
			it.covers += sf.pairs[pi].n
			it.levels |= sf.pairs[pi].levels
		}
		if it.covers == 1 && !strings.ContainsAny(it.action, "*?") {
			it.covers = 0 // one action, named as it is
		}
		items = append(items, it)
	}
	for _, pi := range g {
		if !covered[pi] {
			rest = append(rest, pi)
		}
	}
	return items, rest
}

// names describes pairs k of one service (whose pairs on the resource are
// u) by the documents' patterns where they fit and by action otherwise,
// for exceptions.
func (sf *surface) names(k, u []int) []string {
	if len(k) == 0 {
		return nil
	}
	if len(k) == len(u) {
		if w := sf.serviceWide(sf.classes[sf.pairs[k[0]].class].service, u); w != "" {
			return []string{w}
		}
	}
	pats, rest := sf.patterns(k, u)
	var out []string
	for _, it := range pats {
		out = append(out, it.action)
	}
	for _, pi := range rest {
		out = append(out, sf.fitting(sf.pairs[pi])...)
	}
	return out
}

// single lists the actions of one pair one by one.
func (sf *surface) single(pi int) []item {
	var out []item
	cl := sf.classes[sf.pairs[pi].class]
	for _, name := range sf.fitting(sf.pairs[pi]) {
		it := item{action: name, pairs: []int{pi}}
		if cl.svc != nil {
			if a, ok := sf.ix.cat.Action(name); ok {
				it.levels = levelBit(a.Level)
			}
		}
		out = append(out, it)
	}
	return out
}

// size counts the actions of pairs.
func (sf *surface) size(ps []int) int {
	n := 0
	for _, pi := range ps {
		n += sf.pairs[pi].n
	}
	return n
}

func sortedInts(in []int) []int {
	out := slices.Clone(in)
	slices.Sort(out)
	return out
}

// external reports whether the principal is outside the account that owns
// the resource (for a request through a role without an owner in its name,
// the role's account), or outside every inventory account. Service
// principals act only through the roles that trust them and count as
// inside.
func (c *comparer) external(p, via *principal, resource string) bool {
	switch {
	case p.anonymous:
		return true
	case p.Kind == "service":
		return false
	case p.External:
		return true
	}
	owner := c.ownerOf(resource)
	if owner == "" && via != nil {
		owner = via.Account
	}
	return owner != "" && owner != p.Account
}

// ownerOf is the account that owns a resource: the account of its name, or
// of the inventory resource it is or lies in; "" when unknown.
func (c *comparer) ownerOf(resource string) string {
	n, err := policydoc.ParseName(resource)
	if err != nil {
		return ""
	}
	if n.Account != "" && !strings.ContainsAny(n.Account, "*?") {
		return n.Account
	}
	for i := len(c.sides) - 1; i >= 0; i-- {
		for _, a := range c.sides[i].ws.Accounts {
			for _, r := range a.Resources {
				if r.ARN != "" && (resource == r.ARN || strings.HasPrefix(resource, r.ARN+"/")) {
					return a.ID
				}
			}
		}
	}
	return ""
}
