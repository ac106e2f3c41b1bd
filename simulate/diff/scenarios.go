package diff

import (
	"bytes"
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/rampart-iam/rampart/internal/format"
	"github.com/rampart-iam/rampart/internal/workspace"
	"github.com/rampart-iam/rampart/simulate"
)

// scenarios runs the scenarios of both revisions and returns those whose
// decision changed, matched by file, name, action and resource (and, for
// a name used twice in a file, by order).
func (c *comparer) scenarios(ctx context.Context) ([]ScenarioChange, error) {
	type key struct {
		file, name, action, resource string
		n                            int
	}
	var results [2]map[key]simulate.ScenarioResult
	for i, s := range c.sides {
		rs, _ := s.sim[strict].RunScenarios(ctx)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		results[i] = map[key]simulate.ScenarioResult{}
		seen := map[key]int{}
		for _, r := range rs {
			k := key{file: r.File, name: r.Name, action: r.Action, resource: r.Resource}
			k.n = seen[k]
			seen[k]++
			results[i][k] = r
		}
	}
	var out []ScenarioChange
	for k, h := range results[headSide] {
		b, ok := results[baseSide][k]
		if !ok || b.Decision == h.Decision {
			continue
		}
		out = append(out, ScenarioChange{Name: h.Name, File: h.File, Base: b.Decision, Head: h.Decision,
			Principal: h.Principal, Action: h.Action, Resource: h.Resource, Line: h.Line})
	}
	slices.SortFunc(out, func(a, b ScenarioChange) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Name, b.Name),
			cmp.Compare(a.Action, b.Action), cmp.Compare(a.Resource, b.Resource))
	})
	return out, nil
}

// documents fills each change's list of the changed files behind it — the
// files of the statements that decided at either revision, and the
// inventory files of the accounts involved (the principal's, the role's,
// the resource's) — and returns their unified diffs, sorted by file.
func (c *comparer) documents(cs []Change) []Document {
	diffs := map[string]string{}
	differs := func(file string) bool {
		if strings.HasPrefix(file, "managed:") {
			return false
		}
		if d, ok := diffs[file]; ok {
			return d != ""
		}
		a, inA := c.sides[baseSide].sources[file]
		b, inB := c.sides[headSide].sources[file]
		d := ""
		if (inA || inB) && !bytes.Equal(a, b) {
			d = string(format.Unified(file, a, b))
		}
		diffs[file] = d
		return d != ""
	}
	for k := range cs {
		ch := &cs[k]
		var files []string
		for _, refs := range [][]Ref{ch.Because.Base, ch.Because.Head} {
			for _, r := range refs {
				files = append(files, r.File)
			}
		}
		files = append(files, c.inventoryFiles(ch)...)
		slices.Sort(files)
		files = slices.Compact(files)
		for _, f := range files {
			if differs(f) {
				ch.Documents = append(ch.Documents, f)
			}
		}
	}
	var out []Document
	for _, f := range sortedKeys(diffs) {
		if diffs[f] == "" {
			continue
		}
		used := false
		for _, ch := range cs {
			if slices.Contains(ch.Documents, f) {
				used = true
				break
			}
		}
		if used {
			out = append(out, Document{File: f, Diff: diffs[f]})
		}
	}
	return out
}

// inventoryFiles lists the inventory files whose entries behind a change
// differ between the revisions: the principal's entry (with its groups),
// its account's control policies and organization; the assumed role's
// entry; the resource's entry and its account's resource control policies.
func (c *comparer) inventoryFiles(ch *Change) []string {
	type entry struct {
		account  string
		pointers func(s *side, a *workspace.Account) []string
	}
	var entries []entry
	if p := c.byName(ch.Principal); p != nil && inventoryKind(p.Kind) {
		entries = append(entries, entry{p.Account, func(s *side, a *workspace.Account) []string {
			ptrs := []string{"/control_policies", "/organization", "/dialect"}
			switch {
			case s.users[p.Name] != nil:
				u := s.users[p.Name]
				ptrs = append(ptrs, u.Pointer)
				for _, g := range u.Groups {
					if grp := a.Group(g.Name); grp != nil {
						ptrs = append(ptrs, grp.Pointer)
					}
				}
			case s.roles[p.Name] != nil:
				ptrs = append(ptrs, s.roles[p.Name].Pointer)
			}
			return ptrs
		}})
	}
	for _, name := range ch.Assume {
		if r := c.byName(name); r != nil {
			entries = append(entries, entry{r.Account, func(s *side, a *workspace.Account) []string {
				ptrs := []string{"/control_policies", "/organization"}
				if ro := s.roles[name]; ro != nil {
					ptrs = append(ptrs, ro.Pointer)
				}
				return ptrs
			}})
		}
	}
	if owner := c.ownerOf(ch.Resource); owner != "" {
		entries = append(entries, entry{owner, func(s *side, a *workspace.Account) []string {
			ptrs := []string{"/resource_control_policies"}
			for _, r := range a.Resources {
				if ch.Resource == r.ARN || strings.HasPrefix(ch.Resource, r.ARN+"/") {
					ptrs = append(ptrs, r.Pointer)
				}
			}
			if ro := s.roles[ch.Resource]; ro != nil {
				ptrs = append(ptrs, ro.Pointer)
			}
			return ptrs
		}})
	}
	var out []string
	for _, e := range entries {
		var text [2][]byte
		var file string
		for i, s := range c.sides {
			a := s.accounts[e.account]
			if a == nil || a.Doc == nil {
				text[i] = []byte("no account")
				continue
			}
			file = a.File
			for _, ptr := range e.pointers(s, a) {
				text[i] = append(text[i], ptr...)
				text[i] = append(text[i], '=')
				text[i] = append(text[i], a.Doc.Canonical(ptr)...)
				text[i] = append(text[i], 0)
			}
		}
		if file != "" && !bytes.Equal(text[0], text[1]) {
			out = append(out, file)
		}
	}
	return out
}

// byName finds a principal by name.
func (c *comparer) byName(name string) *principal {
	i, ok := slices.BinarySearchFunc(c.principals, name, func(p *principal, n string) int { return strings.Compare(p.Name, n) })
	if !ok {
		return nil
	}
	return c.principals[i]
}
