package diff

import (
	"crypto/sha256"
	"fmt"
	"slices"

	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/internal/workspace"
	"github.com/rampart-iam/rampart/simulate"
)

// The two revisions, as indices of comparer.sides.
const (
	baseSide = 0
	headSide = 1
)

// The two ways of reading conditions, as indices of side.sim.
const (
	strict     = 0 // conditions as the request context decides them
	favourable = 1 // Allow conditions hold, conditional Deny statements do not apply
)

var sideNames = [2]string{"base", "head"}

// side is one revision prepared for questions.
type side struct {
	i   int
	rev Revision
	ws  *workspace.Workspace
	sim [2]*simulate.Simulator // strict, favourable
	// The inventory by principal name.
	principals map[string]simulate.Principal
	users      map[string]*workspace.User
	roles      map[string]*workspace.Role
	roots      map[string]*workspace.Account
	accounts   map[string]*workspace.Account // by ID
	// stmts finds a statement by file and pointer, for its conditions.
	stmts map[stmtKey]*policydoc.Statement
	// content is the canonical content of each policy, hashed.
	content map[*workspace.Policy][32]byte
	byFile  map[string]*workspace.Policy
	// sources holds every file's text, for the textual diffs.
	sources map[string][]byte
}

type stmtKey struct{ file, pointer string }

func newSide(i int, rev Revision, opts []simulate.Option) (*side, error) {
	ws := rev.Workspace
	s := &side{
		i: i, rev: rev, ws: ws,
		principals: map[string]simulate.Principal{}, users: map[string]*workspace.User{},
		roles: map[string]*workspace.Role{}, roots: map[string]*workspace.Account{}, accounts: map[string]*workspace.Account{},
		stmts: map[stmtKey]*policydoc.Statement{}, content: map[*workspace.Policy][32]byte{}, byFile: map[string]*workspace.Policy{}, sources: map[string][]byte{},
	}
	var err error
	if s.sim[strict], err = simulate.New(ws, opts...); err != nil {
		return nil, fmt.Errorf("%s (%s): %w", sideNames[i], rev.Name, err)
	}
	if s.sim[favourable], err = simulate.New(favourableWorkspace(ws), opts...); err != nil {
		return nil, fmt.Errorf("%s (%s): %w", sideNames[i], rev.Name, err)
	}
	for _, p := range s.sim[strict].Principals() {
		s.principals[p.Name] = p
	}
	for _, a := range ws.Accounts {
		if a.ID == "" || a.Dialect == "" {
			continue
		}
		if _, dup := s.accounts[a.ID]; dup {
			continue // the simulator keeps the first too
		}
		s.accounts[a.ID] = a
		s.roots[rootName(a.Dialect, a.ID)] = a
		for _, u := range a.Users {
			s.users[userName(a.Dialect, a.ID, u.Name)] = u
		}
		for _, r := range a.Roles {
			s.roles[roleName(a.Dialect, a.ID, r.Name)] = r
		}
	}
	for _, list := range [][]*workspace.Policy{ws.Policies, ws.Managed} {
		for _, p := range list {
			if p == nil || p.Policy == nil || p.Doc == nil {
				continue
			}
			if _, dup := s.byFile[p.File()]; !dup {
				s.byFile[p.File()] = p
			}
			for k := range p.Statements {
				st := &p.Statements[k]
				s.stmts[stmtKey{p.File(), p.Doc.Prefix + st.Pointer}] = st
			}
			var b []byte
			b = append(b, p.Dialect...)
			b = append(b, 0)
			b = append(b, p.Kind...)
			b = append(b, 0)
			b = append(b, p.Version...)
			b = append(b, 0)
			b = p.Doc.Root.AppendCanonical(b)
			s.content[p] = sha256.Sum256(b)
		}
	}
	for _, f := range ws.Files {
		if f.Doc != nil {
			s.sources[f.Path] = f.Doc.Source
		}
	}
	return s, nil
}

// accountPrefix is how the dialect's principal names start, up to the
// account, as the evaluator names principals.
func accountPrefix(d policydoc.Dialect) string {
	switch d {
	case policydoc.ACS:
		return "acs:ram::"
	case policydoc.JDCloud:
		return "jrn:iam::"
	}
	return "arn:aws:iam::"
}

func rootName(d policydoc.Dialect, acct string) string { return accountPrefix(d) + acct + ":root" }
func userName(d policydoc.Dialect, acct, name string) string {
	return accountPrefix(d) + acct + ":user/" + name
}
func roleName(d policydoc.Dialect, acct, name string) string {
	return accountPrefix(d) + acct + ":role/" + name
}

// favourableWorkspace is ws with every condition read favourably: Allow
// statements lose their conditions, Deny statements with conditions are
// left out (an Effect that is neither Allow nor Deny never applies). The
// documents and positions stay those of ws, so explanations point at the
// statements as written. The inventory is copied with its references
// pointing at the rewritten policies; ws is not changed.
func favourableWorkspace(ws *workspace.Workspace) *workspace.Workspace {
	m := map[*workspace.Policy]*workspace.Policy{}
	pol := func(p *workspace.Policy) *workspace.Policy {
		if p == nil || p.Policy == nil {
			return p
		}
		if c, ok := m[p]; ok {
			return c
		}
		np := *p.Policy
		np.Statements = slices.Clone(p.Statements)
		for k := range np.Statements {
			st := &np.Statements[k]
			if len(st.Conditions) == 0 {
				continue
			}
			if st.Effect == "Deny" {
				st.Effect = ""
			}
			st.Conditions = nil
		}
		c := *p
		c.Policy = &np
		m[p] = &c
		return &c
	}
	ref := func(r *workspace.PolicyRef) *workspace.PolicyRef {
		if r == nil {
			return nil
		}
		c := *r
		c.Policy = pol(r.Policy)
		return &c
	}
	refs := func(in []*workspace.PolicyRef) []*workspace.PolicyRef {
		if in == nil {
			return nil
		}
		out := make([]*workspace.PolicyRef, len(in))
		for i, r := range in {
			out[i] = ref(r)
		}
		return out
	}
	levels := func(in [][]*workspace.PolicyRef) [][]*workspace.PolicyRef {
		if in == nil {
			return nil
		}
		out := make([][]*workspace.PolicyRef, len(in))
		for i, l := range in {
			out[i] = refs(l)
		}
		return out
	}
	out := &workspace.Workspace{Root: ws.Root, Config: ws.Config, Files: ws.Files}
	for _, p := range ws.Policies {
		out.Policies = append(out.Policies, pol(p))
	}
	for _, p := range ws.Managed {
		out.Managed = append(out.Managed, pol(p))
	}
	for _, a := range ws.Accounts {
		na := *a
		na.Users, na.Groups, na.Roles, na.Resources = nil, nil, nil, nil
		for _, u := range a.Users {
			nu := *u
			nu.Account, nu.Policies, nu.Boundary = &na, refs(u.Policies), ref(u.Boundary)
			na.Users = append(na.Users, &nu)
		}
		for _, g := range a.Groups {
			ng := *g
			ng.Account, ng.Policies, ng.Members = &na, refs(g.Policies), nil
			na.Groups = append(na.Groups, &ng)
		}
		for _, r := range a.Roles {
			nr := *r
			nr.Account, nr.Trust, nr.Policies, nr.Boundary = &na, ref(r.Trust), refs(r.Policies), ref(r.Boundary)
			na.Roles = append(na.Roles, &nr)
		}
		for _, r := range a.Resources {
			nr := *r
			nr.Account, nr.Policy = &na, ref(r.Policy)
			na.Resources = append(na.Resources, &nr)
		}
		na.ControlPolicies = levels(a.ControlPolicies)
		na.ResourceControlPolicies = levels(a.ResourceControlPolicies)
		out.Accounts = append(out.Accounts, &na)
	}
	return out
}

// hasConditions reports whether a policy has a statement with conditions.
func hasConditions(p *workspace.Policy) bool {
	if p == nil || p.Policy == nil {
		return false
	}
	for k := range p.Statements {
		if len(p.Statements[k].Conditions) > 0 {
			return true
		}
	}
	return false
}
