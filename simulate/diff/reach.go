package diff

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"

	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/internal/workspace"
)

// reach calls fn for every statement that can take part in a request the
// principal makes at the revision, other than assume-role requests on the
// inventory's roles (decided for every principal and role on their own):
// its identity policies (its own and its groups', or its role's), its
// permissions boundary, the control policies of its account, the resource
// control policies of every account, and the statements of resource
// policies that may name it. grants says whether the statement's policy can
// grant (identity and resource policies) or only limit (boundaries,
// control and resource control policies).
func (s *side) reach(p *principal, fn func(pol *workspace.Policy, st *policydoc.Statement, grants bool)) {
	if !p.present[s.i] {
		return
	}
	all := func(pol *workspace.Policy, grants bool) {
		if pol == nil || pol.Policy == nil {
			return
		}
		for k := range pol.Statements {
			fn(pol, &pol.Statements[k], grants)
		}
	}
	refs := func(rs []*workspace.PolicyRef, grants bool) {
		for _, r := range rs {
			if r != nil {
				all(r.Policy, grants)
			}
		}
	}
	one := func(r *workspace.PolicyRef, grants bool) {
		if r != nil {
			all(r.Policy, grants)
		}
	}
	var acct *workspace.Account
	switch {
	case p.user[s.i] != nil:
		u := p.user[s.i]
		acct = u.Account
		refs(u.Policies, true)
		for _, g := range u.Groups {
			if grp := acct.Group(g.Name); grp != nil {
				refs(grp.Policies, true)
			}
		}
		one(u.Boundary, false)
	case p.role[s.i] != nil:
		r := p.role[s.i]
		acct = r.Account
		refs(r.Policies, true)
		one(r.Boundary, false)
	case p.root[s.i] != nil:
		acct = p.root[s.i]
	}
	if acct != nil {
		for _, level := range acct.ControlPolicies {
			refs(level, false)
		}
	}
	for _, id := range sortedKeys(s.accounts) {
		a := s.accounts[id]
		for _, level := range a.ResourceControlPolicies {
			refs(level, false)
		}
		for _, r := range a.Resources {
			if r.Policy == nil || r.Policy.Policy == nil {
				continue
			}
			pol := r.Policy.Policy
			for k := range pol.Statements {
				if st := &pol.Statements[k]; mayName(st, pol.Dialect, p) {
					fn(pol, st, true)
				}
			}
		}
	}
}

// fingerprint hashes everything the revision's decisions on the
// principal's own requests depend on (assume-role requests on the
// inventory's roles aside): whether it exists and as what; the content of
// its identity policies, its groups' and its boundary; its tags; its
// account's dialect, organization and control policies; every account's
// organization and resource control policies; every inventory resource's
// name, account and tags, and the content of its policy where that may
// name the principal; the configured dialect. Equal fingerprints mean equal
// decisions for every such request.
func (s *side) fingerprint(p *principal) [32]byte {
	w := fpWriter{h: sha256.New()}
	w.str("rampart diff fingerprint 1")
	if s.ws.Config != nil {
		w.str(string(s.ws.Config.Dialect))
	} else {
		w.str("")
	}
	if !p.present[s.i] {
		w.str("absent")
		return w.sum()
	}
	w.str(p.Kind, string(p.Dialect), p.Account)
	policy := func(r *workspace.PolicyRef) {
		switch {
		case r == nil:
			w.str("none")
		case r.Policy == nil:
			w.str("unresolved", r.Text)
		default:
			h, ok := s.content[r.Policy]
			if !ok {
				w.str("uncompiled", r.Text)
				return
			}
			w.bytes(h[:])
		}
	}
	policies := func(rs []*workspace.PolicyRef) {
		w.num(len(rs))
		for _, r := range rs {
			policy(r)
		}
	}
	levels := func(ls [][]*workspace.PolicyRef) {
		w.num(len(ls))
		for _, l := range ls {
			policies(l)
		}
	}
	tags := func(m map[string]string) {
		keys := sortedKeys(m)
		w.num(len(keys))
		for _, k := range keys {
			w.str(k, m[k])
		}
	}
	account := func(a *workspace.Account) {
		w.str(a.ID, string(a.Dialect))
		if o := a.Organization; o != nil {
			w.str("org", o.ID)
			w.bool(o.Management)
			w.str(o.Path...)
			w.num(len(o.Path))
		} else {
			w.str("no org")
		}
	}
	var acct *workspace.Account
	switch {
	case p.user[s.i] != nil:
		u := p.user[s.i]
		acct = u.Account
		w.str("user", u.Name)
		tags(u.Tags)
		policies(u.Policies)
		w.str("boundary")
		policy(u.Boundary)
		w.num(len(u.Groups))
		for _, g := range u.Groups {
			w.str("group", g.Name)
			if grp := acct.Group(g.Name); grp != nil {
				policies(grp.Policies)
			} else {
				w.str("undefined")
			}
		}
	case p.role[s.i] != nil:
		r := p.role[s.i]
		acct = r.Account
		w.str("role", r.Name)
		tags(r.Tags)
		policies(r.Policies)
		w.str("boundary")
		policy(r.Boundary)
	case p.root[s.i] != nil:
		acct = p.root[s.i]
		w.str("root")
	default:
		w.str("outside")
	}
	if acct != nil {
		account(acct)
		levels(acct.ControlPolicies)
	}
	ids := sortedKeys(s.accounts)
	w.num(len(ids))
	for _, id := range ids {
		a := s.accounts[id]
		account(a)
		levels(a.ResourceControlPolicies)
		w.num(len(a.Resources))
		for _, r := range a.Resources {
			w.str(r.ARN)
			tags(r.Tags)
			if r.Policy != nil && r.Policy.Policy != nil && !policyMayName(r.Policy.Policy, p) {
				w.str("names others")
				continue
			}
			policy(r.Policy)
		}
	}
	return w.sum()
}

// fpWriter writes length-prefixed fields into a hash.
type fpWriter struct {
	h   hash.Hash
	buf [8]byte
}

func (w *fpWriter) num(n int) {
	binary.LittleEndian.PutUint64(w.buf[:], uint64(n))
	w.h.Write(w.buf[:])
}

func (w *fpWriter) bytes(b []byte) {
	w.num(len(b))
	w.h.Write(b)
}

func (w *fpWriter) str(ss ...string) {
	for _, s := range ss {
		w.num(len(s))
		w.h.Write([]byte(s))
	}
}

func (w *fpWriter) bool(b bool) {
	if b {
		w.str("true")
	} else {
		w.str("false")
	}
}

func (w *fpWriter) sum() [32]byte {
	var out [32]byte
	copy(out[:], w.h.Sum(nil))
	return out
}

// trustMayName reports whether the role's trust policy at the revision may
// name the principal, or whether there is no trust policy to tell (then
// the evaluator decides).
func (s *side) trustMayName(role *workspace.Role, p *principal) bool {
	if role == nil {
		return false
	}
	if role.Trust == nil || role.Trust.Policy == nil {
		return true
	}
	return policyMayName(role.Trust.Policy, p)
}
