package simulate

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/internal/workspace"
)

// Principal is a principal the inventory knows or its policies name.
type Principal struct {
	// Name is the ARN-style name to ask about (Question.Principal): an
	// account root, a user, a role (standing for its sessions), or a
	// service principal's name.
	Name string `json:"name"`
	// Kind is "root", "user", "role", "service", or for principals of
	// accounts the inventory does not hold "external-account",
	// "external-user", "external-role".
	Kind    string            `json:"kind"`
	Account string            `json:"account,omitempty"`
	Dialect policydoc.Dialect `json:"dialect"`
	// External marks principals whose account the inventory does not hold:
	// their own account's policies are unknown and assumed to allow.
	External bool `json:"external,omitempty"`
	// Via lists, for service principals, the roles whose trust policies
	// name the service: a service acts through one of them (Question.Assume).
	Via []string `json:"via,omitempty"`
}

// accountInfo is one account of the inventory.
type accountInfo struct {
	src        *workspace.Account
	id         string
	dialect    policydoc.Dialect
	control    [][]*cpolicy
	rcp        [][]*cpolicy
	management bool
	orgID      string
}

// roleInfo is one role of the inventory.
type roleInfo struct {
	src      *workspace.Role
	account  *accountInfo
	name     string
	arn      string // canonical role name
	trust    *cpolicy
	policies []*cpolicy
	boundary *cpolicy
	ctx      ctxMap // context derived for its sessions
}

// resourceInfo is a resource of the inventory that carries a policy.
type resourceInfo struct {
	src     *workspace.Resource
	account *accountInfo
	pat     namePattern
	policy  *cpolicy
	ctx     ctxMap
}

// inventory is the workspace's principals and resources, built once.
type inventory struct {
	accounts   map[string]*accountInfo
	actors     map[string]*actor    // users and account roots by canonical name
	roles      map[string]*roleInfo // by canonical role name
	resources  []*resourceInfo
	principals []Principal
}

// accountPrefix is how the dialect's principal names start, up to the
// account: "arn:aws:iam::", "acs:ram::", "jrn:iam::".
func accountPrefix(d policydoc.Dialect, sts bool) string {
	switch d {
	case policydoc.ACS:
		return "acs:ram::"
	case policydoc.JDCloud:
		return "jrn:iam::"
	}
	if sts {
		return "arn:aws:sts::"
	}
	return "arn:aws:iam::"
}

func rootName(d policydoc.Dialect, acct string) string {
	return accountPrefix(d, false) + acct + ":root"
}

func userName(d policydoc.Dialect, acct, name string) string {
	return accountPrefix(d, false) + acct + ":user/" + name
}

func roleName(d policydoc.Dialect, acct, name string) string {
	return accountPrefix(d, false) + acct + ":role/" + name
}

func sessionName(d policydoc.Dialect, acct, role, session string) string {
	return accountPrefix(d, true) + acct + ":assumed-role/" + role + "/" + session
}

// buildInventory compiles the workspace's accounts.
func (s *Simulator) buildInventory() error {
	inv := &inventory{accounts: map[string]*accountInfo{}, actors: map[string]*actor{}, roles: map[string]*roleInfo{}}
	s.inv = inv
	for _, a := range s.ws.Accounts {
		if a.ID == "" || a.Dialect == "" {
			continue
		}
		if _, dup := inv.accounts[a.ID]; dup {
			continue // reported by the workspace loader
		}
		ai := &accountInfo{src: a, id: a.ID, dialect: a.Dialect}
		if a.Organization != nil {
			ai.management, ai.orgID = a.Organization.Management, a.Organization.ID
		}
		ai.control = s.levels(a.ControlPolicies)
		ai.rcp = s.levels(a.ResourceControlPolicies)
		inv.accounts[a.ID] = ai
	}
	ids := make([]string, 0, len(inv.accounts))
	for id := range inv.accounts {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		ai := inv.accounts[id]
		a, d := ai.src, ai.dialect
		root := &actor{kind: actorRoot, dialect: d, account: id, arn: rootName(d, id), control: ai.control, management: ai.management}
		root.ctx = s.principalContext(root, ai, nil, nil)
		inv.actors[root.arn] = root
		inv.principals = append(inv.principals, Principal{Name: root.arn, Kind: "root", Account: id, Dialect: d})
		for _, u := range a.Users {
			act := &actor{kind: actorUser, dialect: d, account: id, arn: userName(d, id, u.Name), name: u.Name, control: ai.control, management: ai.management}
			act.identity = append(act.identity, s.refs(u.Policies)...)
			for _, g := range u.Groups {
				if grp := a.Group(g.Name); grp != nil {
					act.identity = append(act.identity, s.refs(grp.Policies)...)
				}
			}
			if u.Boundary != nil && u.Boundary.Policy != nil {
				act.boundary, act.hasBoundary = s.compiled[u.Boundary.Policy], true
			}
			act.ctx = s.principalContext(act, ai, u.Tags, nil)
			inv.actors[act.arn] = act
			inv.principals = append(inv.principals, Principal{Name: act.arn, Kind: "user", Account: id, Dialect: d})
		}
		for _, r := range a.Roles {
			ri := &roleInfo{src: r, account: ai, name: r.Name, arn: roleName(d, id, r.Name), policies: s.refs(r.Policies)}
			if r.Trust != nil && r.Trust.Policy != nil {
				ri.trust = s.compiled[r.Trust.Policy]
			}
			if r.Boundary != nil && r.Boundary.Policy != nil {
				ri.boundary = s.compiled[r.Boundary.Policy]
			}
			probe := &actor{kind: actorSession, dialect: d, account: id, roleARN: ri.arn, name: r.Name}
			ri.ctx = s.principalContext(probe, ai, r.Tags, nil)
			inv.roles[ri.arn] = ri
			inv.principals = append(inv.principals, Principal{Name: ri.arn, Kind: "role", Account: id, Dialect: d})
		}
		for _, res := range a.Resources {
			if res.ARN == "" {
				continue
			}
			info := &resourceInfo{src: res, account: ai, pat: compileName(res.ARN, false)}
			if res.Policy != nil && res.Policy.Policy != nil {
				info.policy = s.compiled[res.Policy.Policy]
			}
			info.ctx = resourceContext(d, res.Tags, nil)
			inv.resources = append(inv.resources, info)
		}
	}
	inv.principals = append(inv.principals, s.externalPrincipals()...)
	slices.SortFunc(inv.principals, func(a, b Principal) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Kind, b.Kind))
	})
	inv.principals = slices.CompactFunc(inv.principals, func(a, b Principal) bool { return a.Name == b.Name && a.Kind == b.Kind })
	return nil
}

// externalPrincipals lists the principals that trust policies name and
// the inventory does not hold: other accounts, their users and roles, and
// services (with the roles they act through).
func (s *Simulator) externalPrincipals() []Principal {
	var out []Principal
	services := map[string]*Principal{}
	var roleNames []string
	for n := range s.inv.roles {
		roleNames = append(roleNames, n)
	}
	slices.Sort(roleNames)
	for _, rn := range roleNames {
		ri := s.inv.roles[rn]
		if ri.trust == nil {
			continue
		}
		d := ri.account.dialect
		for i := range ri.trust.stmts {
			st := &ri.trust.stmts[i]
			if st.deny || st.notPrin {
				continue
			}
			for _, p := range st.prins {
				switch p.kind {
				case pService:
					sp := services[p.value]
					if sp == nil {
						sp = &Principal{Name: p.value, Kind: "service", Dialect: d}
						services[p.value] = sp
					}
					if !slices.Contains(sp.Via, ri.arn) {
						sp.Via = append(sp.Via, ri.arn)
					}
				case pAccount:
					if _, ok := s.inv.accounts[p.account]; !ok {
						out = append(out, Principal{Name: rootName(d, p.account), Kind: "external-account", Account: p.account, Dialect: d, External: true})
					}
				case pUser, pRole:
					if _, ok := s.inv.accounts[p.account]; !ok {
						kind := "external-user"
						if p.kind == pRole {
							kind = "external-role"
						}
						out = append(out, Principal{Name: p.value, Kind: kind, Account: p.account, Dialect: d, External: true})
					}
				}
			}
		}
	}
	for _, sp := range services {
		out = append(out, *sp)
	}
	return out
}

// levels compiles control policies by level.
func (s *Simulator) levels(in [][]*workspace.PolicyRef) [][]*cpolicy {
	if len(in) == 0 {
		return nil
	}
	out := make([][]*cpolicy, 0, len(in))
	for _, level := range in {
		out = append(out, s.refs(level))
	}
	return out
}

// refs returns the compiled policies of resolved references; unresolved
// ones were reported by the loader.
func (s *Simulator) refs(in []*workspace.PolicyRef) []*cpolicy {
	var out []*cpolicy
	for _, r := range in {
		if r != nil && r.Policy != nil {
			if cp := s.compiled[r.Policy]; cp != nil {
				out = append(out, cp)
			}
		}
	}
	return out
}

// principalContext derives the context keys a request by the principal
// carries (semantics 5.6), those y numbers (every key without y): aws:PrincipalArn, aws:PrincipalAccount,
// aws:username, aws:PrincipalType, aws:PrincipalTag/*, aws:PrincipalOrgID,
// aws:PrincipalIsAWSService; for JD Cloud the variables ${accountId} and
// ${name}. acs documents no principal keys.
func (s *Simulator) principalContext(a *actor, ai *accountInfo, tags map[string]string, y *symbols) ctxMap {
	m := ctxMap{}
	switch a.dialect {
	case policydoc.AWS:
		switch a.kind {
		case actorService:
			m.put(y, "aws:PrincipalIsAWSService", "true")
			m.put(y, "aws:PrincipalServiceName", a.service)
			return m
		case actorAnonymous:
			return m
		}
		m.put(y, "aws:PrincipalIsAWSService", "false")
		m.put(y, "aws:PrincipalAccount", a.account)
		switch a.kind {
		case actorRoot:
			m.put(y, "aws:PrincipalArn", a.arn)
			m.put(y, "aws:PrincipalType", "Account")
		case actorUser:
			m.put(y, "aws:PrincipalArn", a.arn)
			m.put(y, "aws:PrincipalType", "User")
			m.put(y, "aws:username", a.name)
		case actorSession:
			m.put(y, "aws:PrincipalArn", a.roleARN)
			m.put(y, "aws:PrincipalType", "AssumedRole")
		}
		if ai != nil && ai.orgID != "" {
			m.put(y, "aws:PrincipalOrgID", ai.orgID)
			if path := ai.src.Organization.Path; len(path) > 0 {
				if k, ok := y.name("aws:PrincipalOrgPaths"); ok {
					v := newCtxVal([]string{ai.orgID + "/" + strings.Join(path, "/") + "/"}, true)
					m[k] = &v
				}
			}
		}
		for k, v := range tags {
			m.put(y, "aws:PrincipalTag/"+k, v)
		}
	case policydoc.JDCloud:
		if a.account != "" {
			m.put(y, "accountId", a.account)
		}
		if a.kind == actorUser {
			m.put(y, "name", a.name)
		}
	}
	return m
}

// resourceContext derives the tag keys of a resource of the inventory.
func resourceContext(d policydoc.Dialect, tags map[string]string, y *symbols) ctxMap {
	if len(tags) == 0 {
		return nil
	}
	m := ctxMap{}
	prefix := d.KeyPrefix() + ":ResourceTag/"
	for k, v := range tags {
		m.put(y, prefix+k, v)
	}
	return m
}

// findResource returns the inventory resource a request's resource name
// belongs to: the resource itself, or the bucket holding an object. The
// most specific match wins.
func (inv *inventory) findResource(n *reqName) *resourceInfo {
	if !n.ok {
		return nil
	}
	var best *resourceInfo
	for _, ri := range inv.resources {
		p := &ri.pat
		if !p.ok || p.scheme != n.scheme || p.n != n.n {
			continue
		}
		fits := true
		for k := 0; k < p.n-1 && fits; k++ {
			fits = p.parts[k].match(n.parts[k]) || n.parts[k] == ""
		}
		if !fits {
			continue
		}
		last := p.parts[p.n-1]
		res := n.parts[n.n-1]
		if !last.match(res) && !(last.kind == patLiteral && strings.HasPrefix(res, last.lit+"/")) {
			continue
		}
		if best == nil || len(ri.src.ARN) > len(best.src.ARN) {
			best = ri
		}
	}
	return best
}

// principalError is a question the inventory cannot answer.
type principalError struct {
	field string
	index int
	msg   string
}

func (e *principalError) Error() string { return e.msg }

// lookupRole finds a role by name: a role ARN of any dialect, or a bare
// role name in the given account.
func (inv *inventory) lookupRole(name, account string, d policydoc.Dialect) (*roleInfo, error) {
	if !strings.Contains(name, ":") {
		if ri := inv.roles[roleName(d, account, name)]; ri != nil {
			return ri, nil
		}
		return nil, fmt.Errorf("account %s has no role %q", account, name)
	}
	k, acct, canon, ok := parsePrincipalName(name)
	if !ok || k != pRole {
		return nil, fmt.Errorf("%q is not a role name: want %s", name, roleName(d, "<account>", "<role>"))
	}
	if ri := inv.roles[canon]; ri != nil {
		return ri, nil
	}
	if _, known := inv.accounts[acct]; !known {
		return nil, fmt.Errorf("no role %s: account %s is not in the inventory", name, acct)
	}
	return nil, fmt.Errorf("no role %s: account %s defines no such role", name, acct)
}
