package diff

import (
	"slices"
	"strings"

	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/internal/workspace"
	"github.com/rampart-iam/rampart/simulate"
)

// principal is a principal of either revision.
type principal struct {
	simulate.Principal
	idx       int
	service   string // service principals: the name, lower-cased
	anonymous bool
	present   [2]bool // it exists at the revision (outside principals always do)
	// its inventory entry at each revision, if it has one
	user [2]*workspace.User
	role [2]*workspace.Role
	root [2]*workspace.Account
}

// inventoryKind reports whether the kind names a principal of an inventory
// account, which exists only where the inventory defines it.
func inventoryKind(kind string) bool {
	return kind == "root" || kind == "user" || kind == "role"
}

// principalsOf lists the principals of both revisions, sorted by name: the
// evaluator's (roots, users, roles, and those trust policies name outside
// the inventory), those resource policies name outside the inventory, and
// the anonymous caller of each dialect whose resource policies name
// everyone.
func principalsOf(sides [2]*side) []*principal {
	byName := map[string]*principal{}
	add := func(p simulate.Principal) {
		if cur, ok := byName[p.Name]; ok {
			// the head's view wins where the revisions disagree (an
			// outside account that joined the inventory)
			if inventoryKind(p.Kind) || !inventoryKind(cur.Kind) {
				via := cur.Via
				cur.Principal = p
				for _, v := range via {
					if !slices.Contains(cur.Via, v) {
						cur.Via = append(cur.Via, v)
					}
				}
			}
			return
		}
		byName[p.Name] = &principal{Principal: p}
	}
	for _, s := range sides {
		for _, name := range sortedKeys(s.principals) {
			add(s.principals[name])
		}
	}
	for _, s := range sides {
		for _, p := range resourcePolicyPrincipals(s) {
			if _, ok := byName[p.Name]; !ok {
				add(p)
			}
		}
	}
	out := make([]*principal, 0, len(byName))
	for _, name := range sortedKeys(byName) {
		p := byName[name]
		slices.Sort(p.Via)
		switch p.Kind {
		case "service":
			p.service = strings.ToLower(p.Name)
		case "anonymous":
			p.anonymous = true
		}
		for i, s := range sides {
			_, known := s.principals[p.Name]
			switch {
			case p.anonymous || p.Kind == "service":
				p.present[i] = true
			case inventoryKind(p.Kind):
				p.present[i] = known
			default:
				// an outside principal exists wherever its account is not
				// one of the inventory's; where it is, the inventory says
				p.present[i] = known || s.accounts[p.Account] == nil
			}
			p.user[i], p.role[i], p.root[i] = s.users[p.Name], s.roles[p.Name], s.roots[p.Name]
			if !p.present[i] {
				p.user[i], p.role[i], p.root[i] = nil, nil, nil
			}
		}
		p.idx = len(out)
		out = append(out, p)
	}
	return out
}

// anonymousName is the principal name of an unauthenticated caller.
const anonymousName = "anonymous"

// resourcePolicyPrincipals lists the principals the Allow statements of
// resource policies name that the revision's inventory does not hold, and
// the anonymous caller where one names everyone.
func resourcePolicyPrincipals(s *side) []simulate.Principal {
	var out []simulate.Principal
	for _, a := range s.ws.Accounts {
		for _, r := range a.Resources {
			if r.Policy == nil || r.Policy.Policy == nil {
				continue
			}
			p := r.Policy.Policy
			for k := range p.Statements {
				st := &p.Statements[k]
				if st.Effect != "Allow" {
					continue
				}
				if st.NotPrincipal != nil {
					out = append(out, simulate.Principal{Name: anonymousName, Kind: "anonymous", Dialect: p.Dialect, External: true})
					continue
				}
				if st.Principal == nil {
					continue
				}
				if len(st.Principal.Entries) == 0 && p.Dialect == policydoc.ACS {
					out = append(out, simulate.Principal{Name: anonymousName, Kind: "anonymous", Dialect: p.Dialect, External: true})
				}
				for _, e := range st.Principal.Entries {
					if pr, ok := outsidePrincipal(s, p.Dialect, e); ok {
						out = append(out, pr)
					}
				}
			}
		}
	}
	return out
}

// outsidePrincipal names the principal of a Principal entry when it is
// everyone (the anonymous caller) or a principal of an account the
// inventory does not hold.
func outsidePrincipal(s *side, d policydoc.Dialect, e policydoc.PrincipalEntry) (simulate.Principal, bool) {
	v := strings.TrimSpace(e.Value)
	switch strings.ToLower(e.Type) {
	case "service", "federated", "canonicaluser":
		return simulate.Principal{}, false
	}
	if v == "*" {
		return simulate.Principal{Name: anonymousName, Kind: "anonymous", Dialect: d, External: true}, true
	}
	if isDigits(v) && len(v) >= 4 {
		if s.accounts[v] != nil {
			return simulate.Principal{}, false
		}
		return simulate.Principal{Name: rootName(d, v), Kind: "external-account", Account: v, Dialect: d, External: true}, true
	}
	n, err := policydoc.ParseName(v)
	if err != nil || strings.ContainsAny(v, "*?") || n.Account == "" || s.accounts[n.Account] != nil {
		return simulate.Principal{}, false
	}
	typ, rest, _ := strings.Cut(n.Resource, "/")
	switch strings.ToLower(typ) {
	case "root":
		if n.Resource == "root" {
			return simulate.Principal{Name: rootName(d, n.Account), Kind: "external-account", Account: n.Account, Dialect: d, External: true}, true
		}
	case "user", "subuser":
		if rest != "" {
			return simulate.Principal{Name: v, Kind: "external-user", Account: n.Account, Dialect: d, External: true}, true
		}
	case "role":
		if rest != "" {
			name := rest[strings.LastIndexByte(rest, '/')+1:]
			return simulate.Principal{Name: roleName(d, n.Account, name), Kind: "external-role", Account: n.Account, Dialect: d, External: true}, true
		}
	}
	return simulate.Principal{}, false
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// mayName reports whether a statement's Principal element can name the
// principal. It errs on the side of yes: the evaluator matches a principal
// only by everyone ("*", an empty OSS list), its account, its own name or
// its service, so a statement whose entries hold neither "*", a wildcard,
// the principal's account ID nor its service name cannot apply to it. A
// statement without Principal, or with NotPrincipal, may name anyone.
func mayName(st *policydoc.Statement, d policydoc.Dialect, p *principal) bool {
	if st.NotPrincipal != nil || st.Principal == nil {
		return true
	}
	if len(st.Principal.Entries) == 0 {
		return d == policydoc.ACS
	}
	for _, e := range st.Principal.Entries {
		v := e.Value
		switch {
		case strings.ContainsAny(v, "*?"):
			return true
		case p.Account != "" && strings.Contains(v, p.Account):
			return true
		case p.service != "" && strings.EqualFold(strings.TrimSpace(v), p.service):
			return true
		case v == p.Name:
			return true
		}
	}
	return false
}

// policyMayName reports whether any statement of a policy may name the
// principal.
func policyMayName(pol *workspace.Policy, p *principal) bool {
	if pol == nil || pol.Policy == nil {
		return false
	}
	for k := range pol.Statements {
		if mayName(&pol.Statements[k], pol.Dialect, p) {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
