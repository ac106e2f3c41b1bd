package workspace

import (
	"strconv"

	"github.com/rampart-iam/rampart/internal/policydoc"
)

// scenarioFile decodes one file of scenarios.
func (l *loader) scenarioFile(f *File) *ScenarioFile {
	sf := &ScenarioFile{File: f.Path, Doc: f.Doc}
	list := f.Doc.Root.Field("scenarios")
	if list == nil || list.Kind != policydoc.Array {
		return sf
	}
	for i, n := range list.Items {
		if n.Kind != policydoc.Object {
			continue
		}
		ptr := policydoc.IndexPointer("/scenarios", i)
		sc := &Scenario{
			Name: str(n.Field("name")), Description: str(n.Field("description")), File: f.Path, Pointer: ptr,
			Line: f.Doc.Position(n.Start).Line, Principal: str(n.Field("principal")), Assume: strs(n.Field("assume")),
			ResourceAccount: str(n.Field("resource_account")), Expect: str(n.Field("expect")), Doc: f.Doc,
		}
		if d, err := policydoc.ParseDialect(str(n.Field("dialect"))); err == nil {
			sc.Dialect = d
		}
		sc.Actions = strs(n.Field("action"))
		if len(sc.Actions) == 0 {
			sc.Actions = strs(n.Field("actions"))
		}
		sc.Resources = strs(n.Field("resource"))
		if len(sc.Resources) == 0 {
			sc.Resources = strs(n.Field("resources"))
		}
		if c := n.Field("context"); c != nil && c.Kind == policydoc.Object {
			sc.Context = map[string]ContextValue{}
			for _, m := range c.Members {
				if v, ok := m.Value.Scalar(); ok {
					sc.Context[m.Key] = ContextValue{Values: []string{v}}
				} else if m.Value.Kind == policydoc.Array {
					sc.Context[m.Key] = ContextValue{Values: strs(m.Value), Multi: true}
				}
			}
		}
		d := l.scenarioDialect(sc)
		sc.SessionPolicy = l.scenarioRef(f, n.Field("session_policy"), ptr+"/session_policy", policydoc.Session, d)
		if p := n.Field("policies"); p != nil && p.Kind == policydoc.Object {
			pp := ptr + "/policies"
			w := &WhatIf{}
			if ids := p.Field("identity"); ids != nil && ids.Kind == policydoc.Array {
				for j, it := range ids.Items {
					if r := l.scenarioRef(f, it, policydoc.IndexPointer(pp+"/identity", j), policydoc.Identity, d); r != nil {
						w.Identity = append(w.Identity, r)
					}
				}
			}
			w.Resource = l.scenarioRef(f, p.Field("resource"), pp+"/resource", policydoc.Resource, d)
			w.Boundary = l.scenarioRef(f, p.Field("boundary"), pp+"/boundary", policydoc.Boundary, d)
			w.Session = l.scenarioRef(f, p.Field("session"), pp+"/session", policydoc.Session, d)
			w.Trust = l.scenarioRef(f, p.Field("trust"), pp+"/trust", policydoc.Trust, d)
			w.Control = l.scenarioLevels(f, p.Field("control"), pp+"/control", policydoc.Control, d)
			w.ResourceControl = l.scenarioLevels(f, p.Field("resource_control"), pp+"/resource_control", policydoc.ResourceControl, d)
			sc.WhatIf = w
		}
		sf.Scenarios = append(sf.Scenarios, sc)
	}
	return sf
}

// scenarioDialect is the scenario's own dialect, else the prefix of its
// principal or resource, else the configuration's.
func (l *loader) scenarioDialect(sc *Scenario) policydoc.Dialect {
	if sc.Dialect != "" {
		return sc.Dialect
	}
	for _, s := range append([]string{sc.Principal}, append(sc.Assume, sc.Resources...)...) {
		if d, ok := policydoc.DialectOfName(s); ok {
			return d
		}
	}
	return l.cfg.Dialect
}

// scenarioRef resolves a policy given in a scenario: a path relative to the
// scenario file, a system policy name, or a document written inline.
func (l *loader) scenarioRef(f *File, n *policydoc.Node, ptr string, k policydoc.Kind, d policydoc.Dialect) *PolicyRef {
	if n == nil {
		return nil
	}
	if s, ok := n.Scalar(); ok {
		return l.policyRef(f, ptr, s, k, d)
	}
	if n.Kind != policydoc.Object {
		return nil
	}
	sub, ok := f.Doc.Sub(ptr)
	if !ok {
		return nil
	}
	pd := d
	why := "the scenario's dialect"
	if pd == "" {
		var found bool
		if pd, why, found = policydoc.DetectDialect(n); !found {
			return &PolicyRef{Pointer: ptr}
		}
	}
	pol := &Policy{Policy: policydoc.Normalize(sub, pd, k), DialectReason: why}
	l.inline = append(l.inline, pol)
	return &PolicyRef{Pointer: ptr, Policy: pol}
}

func (l *loader) scenarioLevels(f *File, n *policydoc.Node, ptr string, k policydoc.Kind, d policydoc.Dialect) [][]*PolicyRef {
	if n == nil || n.Kind != policydoc.Array {
		return nil
	}
	var flat []*PolicyRef
	var out [][]*PolicyRef
	for i, it := range n.Items {
		ip := policydoc.IndexPointer(ptr, i)
		if it.Kind == policydoc.Array {
			var level []*PolicyRef
			for j, x := range it.Items {
				if r := l.scenarioRef(f, x, ip+"/"+strconv.Itoa(j), k, d); r != nil {
					level = append(level, r)
				}
			}
			out = append(out, level)
			continue
		}
		if r := l.scenarioRef(f, it, ip, k, d); r != nil {
			flat = append(flat, r)
		}
	}
	if len(flat) > 0 {
		out = append(out, flat)
	}
	return out
}
