package diff

import (
	"slices"
	"strings"

	"github.com/rampart-iam/rampart/internal/glob"
	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/internal/workspace"
)

// surface is what a principal is asked about: the action classes and the
// resources of the documents reachable from it at either revision, and the
// pairs of them where the class has actions that fit the resource.
type surface struct {
	ix        *catIndex
	pats      []actPat
	classes   []*class
	resources []resource
	pairs     []pair
	byRes     [][]int // pair indices per resource
	// grants holds, per revision, the patterns of the Allow statements of
	// policies that grant (identity and resource policies); broad that one
	// of them is "*" or a NotAction, which may match any action.
	grants [2]map[string]bool
	broad  [2]bool
}

// actPat is an action pattern of the documents.
type actPat struct {
	text    string // as first written
	lower   string
	service string // the service part, lower-cased; empty when it has a wildcard
	g       glob.Pattern
}

// class is a set of actions of one service that every action pattern of
// the surface treats alike: each pattern matches all of them or none. One
// of them decides for all.
type class struct {
	service string
	svc     *svcIndex  // nil for an action outside the catalogue
	groups  []sigGroup // the actions, by signature
	literal string     // an action outside the catalogue, as written
	pats    []int      // the patterns that match the class
	whole   bool       // every action of the service
	// grantable says, per revision, whether an Allow statement of a
	// granting policy may match the class's actions.
	grantable [2]bool
}

// resource is a resource name the surface asks about.
type resource struct {
	name   string
	parsed *policydoc.Name // nil when the name does not split
	role   bool            // an inventory role: assume-role requests on it are hops
}

// pair is a class asked about a resource.
type pair struct {
	class, res int
	rep        string // the action asked
	n          int    // the actions of the class that fit the resource
	levels     levelSet
}

// surfaceOf builds the surface of a principal from its reachable
// statements at both revisions.
func (c *comparer) surfaceOf(p *principal) *surface {
	ix := c.ix[p.Dialect]
	sf := &surface{ix: ix}
	if ix == nil {
		return sf
	}
	seenPat := map[string]bool{}
	seenRes := map[string]bool{"*": true}
	resNames := []string{"*"}
	for i, s := range c.sides {
		sf.grants[i] = map[string]bool{}
		s.reach(p, func(pol *workspace.Policy, st *policydoc.Statement, grants bool) {
			if grants && st.Effect == "Allow" && (st.Action != nil || st.NotAction != nil) {
				if st.NotAction != nil || st.Action == nil {
					sf.broad[i] = true
				} else {
					for _, it := range st.Action.Items {
						v := strings.ToLower(strings.TrimSpace(it.Value))
						sf.grants[i][v] = true
						sf.broad[i] = sf.broad[i] || v == "*"
					}
				}
			}
			for _, l := range []*policydoc.List{st.Action, st.NotAction} {
				if l == nil {
					continue
				}
				for _, it := range l.Items {
					lower := strings.ToLower(strings.TrimSpace(it.Value))
					if lower == "*" || lower == "" || seenPat[lower] {
						continue
					}
					seenPat[lower] = true
					svc, _, ok := strings.Cut(lower, ":")
					if !ok {
						continue // matches no action
					}
					if glob.HasWildcard(svc) {
						svc = ""
					}
					sf.pats = append(sf.pats, actPat{text: strings.TrimSpace(it.Value), lower: lower, service: svc, g: glob.Compile(lower, true)})
				}
			}
			for _, l := range []*policydoc.List{st.Resource, st.NotResource} {
				if l == nil {
					continue
				}
				for _, it := range l.Items {
					r, ok := substitute(strings.TrimSpace(it.Value), p, s)
					if !ok || seenRes[r] || !sameDialect(r, p.Dialect) {
						continue
					}
					seenRes[r] = true
					resNames = append(resNames, r)
				}
			}
		})
		for _, a := range s.ws.Accounts {
			for _, r := range a.Resources {
				if r.ARN != "" && !seenRes[r.ARN] && sameDialect(r.ARN, p.Dialect) {
					seenRes[r.ARN] = true
					resNames = append(resNames, r.ARN)
				}
			}
		}
	}
	slices.Sort(resNames[1:])
	for _, r := range resNames {
		res := resource{name: r}
		if n, err := policydoc.ParseName(r); err == nil {
			res.parsed = &n
			res.role = c.roleNames[roleResource(n)]
		}
		sf.resources = append(sf.resources, res)
	}
	slices.SortFunc(sf.pats, func(a, b actPat) int { return strings.Compare(a.lower, b.lower) })
	sf.buildClasses()
	for _, cl := range sf.classes {
		for i := range cl.grantable {
			cl.grantable[i] = sf.broad[i] || slices.ContainsFunc(cl.pats, func(k int) bool { return sf.grants[i][sf.pats[k].lower] })
		}
	}
	sf.buildPairs()
	return sf
}

// buildClasses splits the catalogue's actions into classes by the patterns
// that match them. A service that no pattern names with a literal service
// part, and no wildcard-service pattern reaches, is one class.
func (sf *surface) buildClasses() {
	ix := sf.ix
	relevant := map[string][]int{} // service → patterns that may match its actions
	for k, pt := range sf.pats {
		if pt.service != "" {
			relevant[pt.service] = append(relevant[pt.service], k)
			continue
		}
		hit := map[string]bool{}
		for _, a := range ix.expandWild(pt.lower) {
			hit[strings.ToLower(a.Service)] = true
		}
		for _, svc := range sortedKeys(hit) {
			relevant[svc] = append(relevant[svc], k)
		}
	}
	for _, si := range ix.services {
		pats := relevant[si.code]
		if len(pats) == 0 {
			sf.classes = append(sf.classes, &class{service: si.code, svc: si, groups: si.whole, whole: true})
			continue
		}
		slices.Sort(pats)
		byKey := map[string]int{}
		var members [][]int
		var keys []string
		key := make([]byte, len(pats))
		for i, name := range si.lower {
			for j, k := range pats {
				if sf.pats[k].g.Match(name) {
					key[j] = '1'
				} else {
					key[j] = '0'
				}
			}
			at, ok := byKey[string(key)]
			if !ok {
				at = len(members)
				byKey[string(key)] = at
				members = append(members, nil)
				keys = append(keys, string(key))
			}
			members[at] = append(members[at], i)
		}
		for at, m := range members {
			cl := &class{service: si.code, svc: si, groups: si.groups(m), whole: len(members) == 1}
			for j, k := range pats {
				if keys[at][j] == '1' {
					cl.pats = append(cl.pats, k)
				}
			}
			sf.classes = append(sf.classes, cl)
		}
	}
	// Actions the documents name that the catalogue does not know.
	for _, pt := range sf.pats {
		if pt.service == "" || glob.HasWildcard(pt.lower) {
			continue
		}
		if _, known := ix.cat.Action(pt.lower); known {
			continue
		}
		cl := &class{service: pt.service, literal: pt.text}
		for k, other := range sf.pats {
			if other.g.Match(pt.lower) {
				cl.pats = append(cl.pats, k)
			}
		}
		sf.classes = append(sf.classes, cl)
	}
}

// buildPairs pairs each class with the resources its actions fit.
func (sf *surface) buildPairs() {
	ix := sf.ix
	bySvc := map[string][]int{}
	for k, cl := range sf.classes {
		bySvc[cl.service] = append(bySvc[cl.service], k)
	}
	sf.byRes = make([][]int, len(sf.resources))
	for ri, r := range sf.resources {
		var candidates []int
		switch {
		case allStars(r.name) || r.parsed == nil || glob.HasWildcard(r.parsed.Service):
			candidates = make([]int, len(sf.classes))
			for k := range candidates {
				candidates[k] = k
			}
		default:
			part := strings.ToLower(r.parsed.Service)
			seen := map[string]bool{}
			for _, list := range [][]string{{part}, ix.byPart[part], ix.anyPart} {
				for _, svc := range list {
					if !seen[svc] {
						seen[svc] = true
						candidates = append(candidates, bySvc[svc]...)
					}
				}
			}
			slices.Sort(candidates)
		}
		for _, k := range candidates {
			cl := sf.classes[k]
			if cl.service == "sts" && r.role {
				continue // assume-role requests on the inventory's roles are hops
			}
			pr := pair{class: k, res: ri}
			if cl.svc == nil {
				if !allStars(r.name) && r.parsed != nil && !glob.HasWildcard(r.parsed.Service) && strings.ToLower(r.parsed.Service) != cl.service {
					continue
				}
				pr.rep, pr.n = cl.literal, 1
			} else {
				for _, g := range cl.groups {
					if !ix.fits(g.sg, r.name, r.parsed) {
						continue
					}
					if pr.rep == "" {
						pr.rep = cl.svc.actions[g.members[0]].FullName()
					}
					pr.n += len(g.members)
					pr.levels |= g.levels
				}
				if pr.n == 0 {
					continue
				}
			}
			sf.byRes[ri] = append(sf.byRes[ri], len(sf.pairs))
			sf.pairs = append(sf.pairs, pr)
		}
	}
}

// fitting returns the actions of a pair's class that fit its resource.
func (sf *surface) fitting(pr pair) []string {
	cl := sf.classes[pr.class]
	if cl.svc == nil {
		return []string{cl.literal}
	}
	r := sf.resources[pr.res]
	var out []string
	for _, g := range cl.groups {
		if sf.ix.fits(g.sg, r.name, r.parsed) {
			for _, m := range g.members {
				out = append(out, cl.svc.actions[m].FullName())
			}
		}
	}
	slices.SortFunc(out, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	return out
}

// sameDialect reports whether a resource name can be asked about in the
// dialect: "*", a name of its scheme, or a name that does not split.
func sameDialect(r string, d policydoc.Dialect) bool {
	if allStars(r) {
		return true
	}
	n, err := policydoc.ParseName(r)
	if err != nil {
		return false
	}
	return strings.EqualFold(n.Scheme, d.NamePrefix())
}

// roleResource is the principal name of the role a resource name denotes,
// as the evaluator reads it for assume-role requests, or "".
func roleResource(n policydoc.Name) string {
	scheme := strings.ToLower(n.Scheme)
	svc := strings.ToLower(n.Service)
	typ, rest, ok := strings.Cut(n.Resource, "/")
	if !ok || !strings.EqualFold(typ, "role") || rest == "" || glob.HasWildcard(n.Account) || glob.HasWildcard(rest) {
		return ""
	}
	switch {
	case scheme == "arn" && svc == "iam":
		return "arn:" + n.Partition + ":iam::" + n.Account + ":role/" + rest[strings.LastIndexByte(rest, '/')+1:]
	case scheme == "acs" && svc == "ram" && !strings.Contains(rest, "/"):
		return "acs:ram::" + n.Account + ":role/" + rest
	case scheme == "jrn" && svc == "iam" && !strings.Contains(rest, "/"):
		return "jrn:iam::" + n.Account + ":role/" + rest
	}
	return ""
}

// substitute fills in the policy variables of a resource pattern that the
// principal gives values to (aws:username, aws:PrincipalAccount,
// aws:PrincipalTag/…, JD Cloud's ${accountId} and ${name}) and the aws
// escapes. It reports false when a variable is left without a value: such a
// pattern names no resource for this principal.
func substitute(r string, p *principal, s *side) (string, bool) {
	if !strings.Contains(r, "${") {
		return r, true
	}
	var b strings.Builder
	for {
		i := strings.Index(r, "${")
		if i < 0 {
			b.WriteString(r)
			return b.String(), true
		}
		j := strings.IndexByte(r[i:], '}')
		if j < 0 {
			return "", false
		}
		b.WriteString(r[:i])
		inner := r[i+2 : i+j]
		r = r[i+j+1:]
		key, def, hasDef := strings.Cut(inner, ",")
		key = strings.ToLower(strings.TrimSpace(key))
		switch key {
		case "*", "?", "$":
			b.WriteString(key)
			continue
		}
		v, ok := variable(key, p, s)
		if !ok && hasDef {
			v, ok = strings.Trim(strings.TrimSpace(def), "'"), true
		}
		if !ok {
			return "", false
		}
		b.WriteString(v)
	}
}

// variable is the value a principal gives a policy variable.
func variable(key string, p *principal, s *side) (string, bool) {
	u, r := p.user[s.i], p.role[s.i]
	switch key {
	case "aws:username", "name":
		if u != nil {
			return u.Name, true
		}
	case "aws:principalaccount", "accountid":
		if p.Account != "" {
			return p.Account, true
		}
	}
	if tag, ok := strings.CutPrefix(key, "aws:principaltag/"); ok {
		var tags map[string]string
		switch {
		case u != nil:
			tags = u.Tags
		case r != nil:
			tags = r.Tags
		}
		for k, v := range tags {
			if strings.EqualFold(k, tag) {
				return v, true
			}
		}
	}
	return "", false
}
