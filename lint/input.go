package lint

import (
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/internal/workspace"
)

// The input values are built as OPA terms directly, without a JSON round
// trip: conversion is part of every document's cost. Their shape is
// rules/input/document.json and rules/input/workspace.json; a test
// validates built inputs against those schemas.

func str(s string) *ast.Term { return ast.StringTerm(s) }

func boolean(b bool) *ast.Term { return ast.InternedTerm(b) }

// Keys are shared by every value built: terms are immutable once built.
var (
	kValue, kPointer, kKind, kWildcard, kAll = str("value"), str("pointer"), str("kind"), str("wildcard"), str("all")
	kService, kName, kValues, kType          = str("service"), str("name"), str("values"), str("type")
	kinds                                    = map[policydoc.NodeKind]*ast.Term{}
)

func init() {
	for _, k := range []policydoc.NodeKind{policydoc.String, policydoc.Number, policydoc.Bool} {
		kinds[k] = str(k.String())
	}
}

func item(k string, v *ast.Term) [2]*ast.Term { return ast.Item(ast.StringTerm(k), v) }

// documentValue is the document pass's input for one policy.
func documentValue(p *workspace.Policy) ast.Value {
	stmts := make([]*ast.Term, len(p.Statements))
	for i := range p.Statements {
		stmts[i] = statementTerm(&p.Statements[i])
	}
	return ast.NewObject(
		item("file", str(p.File())),
		item("dialect", str(string(p.Dialect))),
		item("kind", str(string(p.Kind))),
		item("version", str(p.Version)),
		item("id", str(p.ID)),
		item("managed", boolean(p.Managed)),
		item("name", str(p.Name)),
		item("compact_length", ast.InternedTerm(p.Doc.Root.CompactLength())),
		item("statements", ast.ArrayTerm(stmts...)),
	)
}

// The element a list of values belongs to decides what "all" means.
type listKind uint8

const (
	plainList    listKind = iota // condition values: all is a bare run of *
	actionList                   // Action, NotAction: all is every action ("*", "*:*")
	resourceList                 // Resource, NotResource: all is every resource
)

// stars reports whether s is a non-empty run of *.
func stars(s string) bool { return s != "" && strings.Trim(s, "*") == "" }

// everyAction reports whether an action pattern matches every action of
// every service: "*", "*:*" (any run of stars on either side).
func everyAction(v string) bool {
	if stars(v) {
		return true
	}
	svc, act, ok := strings.Cut(v, ":")
	return ok && stars(svc) && stars(act)
}

// everyResource reports whether a resource pattern names every resource:
// "*", or a name whose parts after the scheme are all wildcards
// (acs:*:*:*:*, jrn:*:*:*:*, arn:aws:*:*:*:* where the aws partition may be
// literal).
func everyResource(v string) bool {
	if stars(v) {
		return true
	}
	parts := strings.Split(v, ":")
	first := 1
	switch {
	case (parts[0] == "acs" || parts[0] == "jrn") && len(parts) >= 5:
	case parts[0] == "arn" && len(parts) >= 6 && parts[1] != "":
		first = 2
	default:
		return false
	}
	for _, p := range parts[first:] {
		if !stars(p) {
			return false
		}
	}
	return true
}

func wildcard(s string) bool { return strings.ContainsAny(s, "*?") }

func valueTerm(e policydoc.Elem, lk listKind) *ast.Term {
	all := stars(e.Value)
	switch lk {
	case actionList:
		all = everyAction(e.Value)
	case resourceList:
		all = everyResource(e.Value)
	}
	items := make([][2]*ast.Term, 0, 7)
	items = append(items,
		[2]*ast.Term{kValue, str(e.Value)}, [2]*ast.Term{kPointer, str(e.Pointer)}, [2]*ast.Term{kKind, kinds[e.Kind]},
		[2]*ast.Term{kWildcard, boolean(wildcard(e.Value))}, [2]*ast.Term{kAll, boolean(all)},
	)
	if lk == actionList {
		svc, name, ok := strings.Cut(e.Value, ":")
		if !ok {
			svc, name = "", e.Value
		}
		items = append(items, [2]*ast.Term{kService, str(strings.ToLower(svc))}, [2]*ast.Term{kName, str(name)})
	}
	return ast.ObjectTerm(items...)
}

func valuesTerm(elems []policydoc.Elem, lk listKind) *ast.Term {
	vs := make([]*ast.Term, len(elems))
	for i, e := range elems {
		vs[i] = valueTerm(e, lk)
	}
	return ast.ArrayTerm(vs...)
}

func listTerm(l *policydoc.List, lk listKind) *ast.Term {
	return ast.ObjectTerm([2]*ast.Term{kPointer, str(l.Pointer)}, [2]*ast.Term{kValues, valuesTerm(l.Items, lk)})
}

func statementTerm(s *policydoc.Statement) *ast.Term {
	items := make([][2]*ast.Term, 0, 13)
	effect := strings.ToLower(s.Effect)
	items = append(items,
		item("index", ast.InternedTerm(s.Index)),
		item("pointer", str(s.Pointer)),
		item("sid", str(s.Sid)),
		item("effect", str(s.Effect)),
		item("allow", boolean(effect == "allow")),
		item("deny", boolean(effect == "deny")),
	)
	for _, l := range []struct {
		key  string
		list *policydoc.List
		kind listKind
	}{{"action", s.Action, actionList}, {"not_action", s.NotAction, actionList}, {"resource", s.Resource, resourceList}, {"not_resource", s.NotResource, resourceList}} {
		if l.list != nil {
			items = append(items, item(l.key, listTerm(l.list, l.kind)))
		}
	}
	if s.Principal != nil {
		items = append(items, item("principal", principalsTerm(s.Principal)))
	}
	if s.NotPrincipal != nil {
		items = append(items, item("not_principal", principalsTerm(s.NotPrincipal)))
	}
	conds := make([]*ast.Term, len(s.Conditions))
	for i, c := range s.Conditions {
		conds[i] = ast.ObjectTerm(
			item("operator", str(c.Operator)),
			item("qualifier", str(c.Qualifier)),
			item("base", str(c.Base)),
			item("base_lower", str(strings.ToLower(c.Base))),
			item("negated", boolean(negated(c.Base))),
			item("if_exists", boolean(c.IfExists)),
			item("key", str(c.Key)),
			item("key_lower", str(strings.ToLower(c.Key))),
			item("values", valuesTerm(c.Values, plainList)),
			item("pointer", str(c.Pointer)),
			item("operator_pointer", str(c.OperatorPointer)),
		)
	}
	items = append(items, item("conditions", ast.ArrayTerm(conds...)))
	return ast.ObjectTerm(items...)
}

// negated reports whether a condition operator (without qualifier and
// IfExists) tests that a value is not something: StringNotEquals,
// StringNotLike, NotIpAddress, ArnNotLike, DateNotEquals …
func negated(base string) bool { return strings.Contains(strings.ToLower(base), "not") }

func principalsTerm(p *policydoc.Principals) *ast.Term {
	es := make([]*ast.Term, len(p.Entries))
	for i, e := range p.Entries {
		es[i] = ast.ObjectTerm([2]*ast.Term{kType, str(e.Type)}, [2]*ast.Term{kValue, str(e.Value)}, [2]*ast.Term{kPointer, str(e.Pointer)},
			[2]*ast.Term{kWildcard, boolean(wildcard(e.Value))}, [2]*ast.Term{kAll, boolean(stars(e.Value))})
	}
	return ast.ObjectTerm([2]*ast.Term{kPointer, str(p.Pointer)}, item("entries", ast.ArrayTerm(es...)))
}

// workspaceValue is the workspace pass's input. docs holds the document
// values already built for the document pass, by file.
func workspaceValue(ws *workspace.Workspace, docs map[string]ast.Value) ast.Value {
	files := make([]string, 0, len(docs))
	for f := range docs {
		files = append(files, f)
	}
	slices.Sort(files)
	dterms := make([]*ast.Term, len(files))
	for i, f := range files {
		dterms[i] = ast.NewTerm(docs[f])
	}
	accounts := make([]*ast.Term, 0, len(ws.Accounts))
	for _, a := range ws.Accounts {
		accounts = append(accounts, accountTerm(a))
	}
	cfg := ws.Config
	if cfg == nil {
		cfg = &workspace.Config{}
	}
	known := make([][2]*ast.Term, 0, len(cfg.KnownAccounts))
	for id, desc := range cfg.KnownAccounts {
		known = append(known, item(id, str(desc)))
	}
	return ast.NewObject(
		item("documents", ast.ArrayTerm(dterms...)),
		item("accounts", ast.ArrayTerm(accounts...)),
		item("config", ast.ObjectTerm(
			item("file", str(cfg.Path)),
			item("dialect", str(string(cfg.Dialect))),
			item("known_accounts", ast.ObjectTerm(known...)),
		)),
	)
}

func refTerm(r *workspace.PolicyRef) *ast.Term {
	items := [][2]*ast.Term{item("text", str(r.Text)), item("pointer", str(r.Pointer))}
	managed := false
	if r.Policy != nil {
		items = append(items, item("file", str(r.Policy.File())))
		managed = r.Policy.Managed
	}
	return ast.ObjectTerm(append(items, item("managed", ast.BooleanTerm(managed)))...)
}

func refsTerm(rs []*workspace.PolicyRef) *ast.Term {
	ts := make([]*ast.Term, len(rs))
	for i, r := range rs {
		ts[i] = refTerm(r)
	}
	return ast.ArrayTerm(ts...)
}

func levelsTerm(levels [][]*workspace.PolicyRef) *ast.Term {
	ts := make([]*ast.Term, len(levels))
	for i, l := range levels {
		ts[i] = refsTerm(l)
	}
	return ast.ArrayTerm(ts...)
}

func tagsTerm(tags map[string]string) *ast.Term {
	items := make([][2]*ast.Term, 0, len(tags))
	for k, v := range tags {
		items = append(items, item(k, str(v)))
	}
	return ast.ObjectTerm(items...)
}

func stringsTerm(ss []string) *ast.Term {
	ts := make([]*ast.Term, len(ss))
	for i, s := range ss {
		ts[i] = str(s)
	}
	return ast.ArrayTerm(ts...)
}

func accountTerm(a *workspace.Account) *ast.Term {
	users := make([]*ast.Term, len(a.Users))
	for i, u := range a.Users {
		groups := make([]*ast.Term, len(u.Groups))
		for j, g := range u.Groups {
			groups[j] = ast.ObjectTerm(item("name", str(g.Name)), item("pointer", str(g.Pointer)))
		}
		keys := make([]*ast.Term, len(u.AccessKeys))
		for j, k := range u.AccessKeys {
			keys[j] = ast.ObjectTerm(item("id", str(k.ID)), item("created", str(k.Created)), item("active", ast.BooleanTerm(k.Active)),
				item("last_used", str(k.LastUsed)), item("pointer", str(k.Pointer)))
		}
		items := [][2]*ast.Term{
			item("name", str(u.Name)), item("pointer", str(u.Pointer)), item("groups", ast.ArrayTerm(groups...)),
			item("policies", refsTerm(u.Policies)), item("console", ast.BooleanTerm(u.Console)), item("mfa", ast.BooleanTerm(u.MFA)),
			item("tags", tagsTerm(u.Tags)), item("access_keys", ast.ArrayTerm(keys...)),
		}
		if u.Boundary != nil {
			items = append(items, item("boundary", refTerm(u.Boundary)))
		}
		users[i] = ast.ObjectTerm(items...)
	}
	groups := make([]*ast.Term, len(a.Groups))
	for i, g := range a.Groups {
		members := make([]string, len(g.Members))
		for j, m := range g.Members {
			members[j] = m.Name
		}
		groups[i] = ast.ObjectTerm(item("name", str(g.Name)), item("pointer", str(g.Pointer)), item("policies", refsTerm(g.Policies)),
			item("members", stringsTerm(members)))
	}
	roles := make([]*ast.Term, len(a.Roles))
	for i, r := range a.Roles {
		items := [][2]*ast.Term{
			item("name", str(r.Name)), item("pointer", str(r.Pointer)), item("policies", refsTerm(r.Policies)),
			item("tags", tagsTerm(r.Tags)), item("max_session_duration", ast.IntNumberTerm(r.MaxSessionDuration)),
		}
		if r.Trust != nil {
			items = append(items, item("trust", refTerm(r.Trust)))
		}
		if r.Boundary != nil {
			items = append(items, item("boundary", refTerm(r.Boundary)))
		}
		roles[i] = ast.ObjectTerm(items...)
	}
	resources := make([]*ast.Term, len(a.Resources))
	for i, r := range a.Resources {
		items := [][2]*ast.Term{item("arn", str(r.ARN)), item("pointer", str(r.Pointer)), item("tags", tagsTerm(r.Tags))}
		if r.Policy != nil {
			items = append(items, item("policy", refTerm(r.Policy)))
		}
		resources[i] = ast.ObjectTerm(items...)
	}
	items := [][2]*ast.Term{
		item("file", str(a.File)), item("id", str(a.ID)), item("alias", str(a.Alias)), item("dialect", str(string(a.Dialect))),
		item("users", ast.ArrayTerm(users...)), item("groups", ast.ArrayTerm(groups...)), item("roles", ast.ArrayTerm(roles...)),
		item("resources", ast.ArrayTerm(resources...)),
		item("control_policies", levelsTerm(a.ControlPolicies)),
		item("resource_control_policies", levelsTerm(a.ResourceControlPolicies)),
		item("access_key_max_age_days", ast.IntNumberTerm(a.AccessKeyMaxAgeDays)),
	}
	if o := a.Organization; o != nil {
		items = append(items, item("organization", ast.ObjectTerm(item("id", str(o.ID)), item("management", ast.BooleanTerm(o.Management)),
			item("path", stringsTerm(o.Path)))))
	}
	if p := a.PasswordPolicy; p != nil {
		items = append(items, item("password_policy", ast.ObjectTerm(
			item("pointer", str(p.Pointer)), item("min_length", ast.IntNumberTerm(p.MinLength)),
			item("require_lowercase", ast.BooleanTerm(p.RequireLowercase)), item("require_uppercase", ast.BooleanTerm(p.RequireUppercase)),
			item("require_numbers", ast.BooleanTerm(p.RequireNumbers)), item("require_symbols", ast.BooleanTerm(p.RequireSymbols)),
			item("max_age_days", ast.IntNumberTerm(p.MaxAgeDays)), item("reuse_prevention", ast.IntNumberTerm(p.ReusePrevention)),
			item("max_login_attempts", ast.IntNumberTerm(p.MaxLoginAttempts)), item("hard_expiry", ast.BooleanTerm(p.HardExpiry)),
		)))
	}
	if m := a.MFA; m != nil {
		items = append(items, item("mfa", ast.ObjectTerm(item("pointer", str(m.Pointer)),
			item("required_for_console", ast.BooleanTerm(m.RequiredForConsole)), item("operation_protection", ast.BooleanTerm(m.OperationProtection)))))
	}
	return ast.ObjectTerm(items...)
}

// kebab turns a package path segment into a display name.
func kebab(s string) string { return strings.ReplaceAll(s, "_", "-") }

// DocumentInput returns the input document rules see for a policy, as
// JSON-like Go values (map[string]any, []any, string, json.Number, bool):
// for tests, and for showing a rule author what their rule reads.
func DocumentInput(p *workspace.Policy) (any, error) {
	return ast.JSON(documentValue(p))
}

// WorkspaceInput returns the input aggregate rules see for a workspace,
// as JSON-like Go values.
func WorkspaceInput(ws *workspace.Workspace) (any, error) {
	values := map[string]ast.Value{}
	for _, p := range append(slices.Clone(ws.Policies), ws.Managed...) {
		values[p.File()] = documentValue(p)
	}
	return ast.JSON(workspaceValue(ws, values))
}
