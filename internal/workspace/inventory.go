package workspace

import (
	"fmt"
	"strconv"

	"github.com/rampart-iam/rampart/internal/finding"
	"github.com/rampart-iam/rampart/internal/policydoc"
)

// account decodes one inventory file. Values of the wrong type are skipped;
// the schema reports them.
func (l *loader) account(f *File) *Account {
	r := f.Doc.Root
	a := &Account{File: f.Path, Doc: f.Doc, ID: str(r.Field("account")), Alias: str(r.Field("alias"))}
	if d, err := policydoc.ParseDialect(str(r.Field("dialect"))); err == nil {
		a.Dialect = d
	} else if l.cfg.Dialect != "" {
		a.Dialect = l.cfg.Dialect
	} else {
		a.Dialect = l.guessDialect(f)
	}
	refs := func(n *policydoc.Node, ptr string, k policydoc.Kind) []*PolicyRef {
		var out []*PolicyRef
		if n == nil || n.Kind != policydoc.Array {
			return nil
		}
		for i, it := range n.Items {
			if s, ok := it.Scalar(); ok {
				out = append(out, l.policyRef(f, policydoc.IndexPointer(ptr, i), s, k, a.Dialect))
			}
		}
		return out
	}
	one := func(n *policydoc.Node, ptr string, k policydoc.Kind) *PolicyRef {
		if s, ok := n.Scalar(); ok && s != "" {
			return l.policyRef(f, ptr, s, k, a.Dialect)
		}
		return nil
	}
	each(r.Field("users"), "/users", func(name, ptr string, n *policydoc.Node) {
		u := &User{Name: name, Pointer: ptr, Account: a, Console: n.Field("console").Bool(), MFA: n.Field("mfa").Bool(), Tags: strMap(n.Field("tags"))}
		if g := n.Field("groups"); g != nil && g.Kind == policydoc.Array {
			for i, it := range g.Items {
				if s, ok := it.Scalar(); ok {
					u.Groups = append(u.Groups, NameRef{Name: s, Pointer: policydoc.IndexPointer(ptr+"/groups", i)})
				}
			}
		}
		u.Policies = refs(n.Field("policies"), ptr+"/policies", policydoc.Identity)
		u.Boundary = one(n.Field("boundary"), ptr+"/boundary", policydoc.Boundary)
		if keys := n.Field("access_keys"); keys != nil && keys.Kind == policydoc.Array {
			for i, k := range keys.Items {
				active := true
				if v := k.Field("active"); v != nil && v.Kind == policydoc.Bool {
					active = v.Bool()
				}
				u.AccessKeys = append(u.AccessKeys, AccessKey{ID: str(k.Field("id")), Created: str(k.Field("created")), Active: active,
					LastUsed: str(k.Field("last_used")), Pointer: policydoc.IndexPointer(ptr+"/access_keys", i)})
			}
		}
		a.Users = append(a.Users, u)
	})
	each(r.Field("groups"), "/groups", func(name, ptr string, n *policydoc.Node) {
		a.Groups = append(a.Groups, &Group{Name: name, Pointer: ptr, Account: a, Policies: refs(n.Field("policies"), ptr+"/policies", policydoc.Identity)})
	})
	each(r.Field("roles"), "/roles", func(name, ptr string, n *policydoc.Node) {
		ro := &Role{Name: name, Pointer: ptr, Account: a, Tags: strMap(n.Field("tags"))}
		ro.Trust = one(n.Field("trust"), ptr+"/trust", policydoc.Trust)
		ro.Policies = refs(n.Field("policies"), ptr+"/policies", policydoc.Identity)
		ro.Boundary = one(n.Field("boundary"), ptr+"/boundary", policydoc.Boundary)
		ro.MaxSessionDuration, _ = strconv.Atoi(str(n.Field("max_session_duration")))
		a.Roles = append(a.Roles, ro)
	})
	if res := r.Field("resources"); res != nil && res.Kind == policydoc.Array {
		for i, it := range res.Items {
			ptr := policydoc.IndexPointer("/resources", i)
			rs := &Resource{ARN: str(it.Field("arn")), Pointer: ptr, Account: a, Tags: strMap(it.Field("tags"))}
			rs.Policy = one(it.Field("policy"), ptr+"/policy", policydoc.Resource)
			a.Resources = append(a.Resources, rs)
		}
	}
	a.ControlPolicies = l.levels(f, r.Field("control_policies"), "/control_policies", policydoc.Control, a.Dialect)
	a.ResourceControlPolicies = l.levels(f, r.Field("resource_control_policies"), "/resource_control_policies", policydoc.ResourceControl, a.Dialect)
	if o := r.Field("organization"); o != nil && o.Kind == policydoc.Object {
		a.Organization = &Organization{ID: str(o.Field("id")), Management: o.Field("management").Bool(), Path: strs(o.Field("path"))}
	}
	if p := r.Field("password_policy"); p != nil && p.Kind == policydoc.Object {
		num := func(k string) int { v, _ := strconv.Atoi(str(p.Field(k))); return v }
		a.PasswordPolicy = &PasswordPolicy{Pointer: "/password_policy", MinLength: num("min_length"),
			RequireLowercase: p.Field("require_lowercase").Bool(), RequireUppercase: p.Field("require_uppercase").Bool(),
			RequireNumbers: p.Field("require_numbers").Bool(), RequireSymbols: p.Field("require_symbols").Bool(),
			MaxAgeDays: num("max_age_days"), ReusePrevention: num("reuse_prevention"), MaxLoginAttempts: num("max_login_attempts"),
			HardExpiry: p.Field("hard_expiry").Bool()}
	}
	if m := r.Field("mfa"); m != nil && m.Kind == policydoc.Object {
		a.MFA = &MFASettings{Pointer: "/mfa", RequiredForConsole: m.Field("required_for_console").Bool(), OperationProtection: m.Field("operation_protection").Bool()}
	}
	a.AccessKeyMaxAgeDays, _ = strconv.Atoi(str(r.Field("access_key_max_age_days")))
	if a.Dialect == "" {
		l.add(finding.At(finding.RuleDialect, f.Doc, "/dialect", policydoc.TargetOpen,
			"cannot tell the dialect of this account: add dialect: acs, jdcloud or aws"))
	}
	return a
}

// guessDialect infers an account's dialect from the names in it: its
// resources' ARNs. It does not read referenced files.
func (l *loader) guessDialect(f *File) policydoc.Dialect {
	if res := f.Doc.Root.Field("resources"); res != nil {
		for _, it := range res.Items {
			if d, ok := policydoc.DialectOfName(str(it.Field("arn"))); ok {
				return d
			}
		}
	}
	return ""
}

// levels reads control policies: a flat list is one level, a list of lists
// one list per level.
func (l *loader) levels(f *File, n *policydoc.Node, ptr string, k policydoc.Kind, d policydoc.Dialect) [][]*PolicyRef {
	if n == nil || n.Kind != policydoc.Array {
		return nil
	}
	var flat []*PolicyRef
	var out [][]*PolicyRef
	for i, it := range n.Items {
		ip := policydoc.IndexPointer(ptr, i)
		switch it.Kind {
		case policydoc.Array:
			var level []*PolicyRef
			for j, x := range it.Items {
				if s, ok := x.Scalar(); ok {
					level = append(level, l.policyRef(f, policydoc.IndexPointer(ip, j), s, k, d))
				}
			}
			out = append(out, level)
		default:
			if s, ok := it.Scalar(); ok {
				flat = append(flat, l.policyRef(f, ip, s, k, d))
			}
		}
	}
	if len(flat) > 0 {
		out = append(out, flat)
	}
	return out
}

// each calls fn for every member of a map of named entries.
func each(n *policydoc.Node, ptr string, fn func(name, ptr string, n *policydoc.Node)) {
	if n == nil || n.Kind != policydoc.Object {
		return
	}
	for _, m := range n.Members {
		v := m.Value
		if v.Kind == policydoc.Null {
			v = &policydoc.Node{Kind: policydoc.Object, Start: v.Start, End: v.End}
		}
		if v.Kind != policydoc.Object {
			continue
		}
		fn(m.Key, policydoc.JoinPointer(ptr, m.Key), v)
	}
}

func strMap(n *policydoc.Node) map[string]string {
	if n == nil || n.Kind != policydoc.Object {
		return nil
	}
	out := map[string]string{}
	for _, m := range n.Members {
		out[m.Key] = str(m.Value)
	}
	return out
}

// linkInventory connects users to their groups and checks names across the
// inventory: groups that are not defined, accounts defined twice.
func (l *loader) linkInventory() {
	seen := map[string]*Account{}
	for _, a := range l.ws.Accounts {
		if a.ID != "" {
			if first, dup := seen[a.ID]; dup {
				l.add(finding.At(finding.RuleInventory, a.Doc, "/account", policydoc.TargetValue,
					fmt.Sprintf("account %s is also defined in %s; keep one file per account", a.ID, first.File)))
			} else {
				seen[a.ID] = a
			}
		}
		for _, u := range a.Users {
			for _, g := range u.Groups {
				grp := a.Group(g.Name)
				if grp == nil {
					l.add(finding.At(finding.RuleInventory, a.Doc, g.Pointer, policydoc.TargetValue,
						fmt.Sprintf("user %q is in group %q, which this account does not define under groups:", u.Name, g.Name)))
					continue
				}
				grp.Members = append(grp.Members, u)
			}
		}
	}
}
