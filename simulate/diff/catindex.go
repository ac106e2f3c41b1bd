package diff

import (
	"fmt"
	"strings"
	"sync"

	"github.com/rampart-iam/rampart/internal/catalog"
	"github.com/rampart-iam/rampart/internal/glob"
	"github.com/rampart-iam/rampart/internal/policydoc"
)

// catIndex is a dialect's action catalogue arranged for the diff: actions
// by service, and by "fit signature" — the actions of a service that accept
// the same resource types, so that whether an action fits a resource is
// decided once per signature.
type catIndex struct {
	dialect  policydoc.Dialect
	cat      *catalog.Catalog
	services []*svcIndex // sorted by code
	byCode   map[string]*svcIndex
	// byPart lists the services with actions that can fit a name whose
	// service part is the key; anyPart those with a resource type whose
	// service part is a wildcard.
	byPart  map[string][]string
	anyPart []string

	mu     sync.Mutex
	fitted map[fitKey]bool
	expand map[string][]*catalog.Action // wildcard-service pattern → actions
}

// svcIndex is one service of the catalogue.
type svcIndex struct {
	code    string // lower-cased
	actions []*catalog.Action
	lower   []string // lower-cased full names, as actions
	sigOf   []*sig   // per action
	sigs    []*sig
	whole   []sigGroup // every action, grouped by signature
}

// sigGroup is the actions of a class that share a signature.
type sigGroup struct {
	sg      *sig
	members []int // indices into the service's actions
	levels  levelSet
}

// sig is a set of actions of one service that accept the same resource
// types.
type sig struct {
	service string
	first   *catalog.Action
	// parts are the (lower-cased) service parts of the names the actions
	// can fit; any means a pattern with a wildcard there.
	parts map[string]bool
	any   bool
}

type fitKey struct {
	s *sig
	r string
}

func newCatIndex(d policydoc.Dialect) (*catIndex, error) {
	cat, err := catalog.Load(d)
	if err != nil {
		return nil, fmt.Errorf("diff: %w", err)
	}
	ix := &catIndex{dialect: d, cat: cat, byCode: map[string]*svcIndex{}, byPart: map[string][]string{},
		fitted: map[fitKey]bool{}, expand: map[string][]*catalog.Action{}}
	for _, s := range cat.Services() {
		si := &svcIndex{code: strings.ToLower(s.Code), actions: s.Actions}
		byKey := map[string]*sig{}
		for _, a := range s.Actions {
			key := "?"
			if a.ResourceTypesKnown {
				var b strings.Builder
				b.WriteString("!")
				for _, rt := range a.ResourceTypes {
					b.WriteString(rt.Service + "/" + rt.Name + "\x00")
				}
				key = b.String()
			}
			sg := byKey[key]
			if sg == nil {
				sg = newSig(cat, s, a)
				byKey[key] = sg
				si.sigs = append(si.sigs, sg)
			}
			si.sigOf = append(si.sigOf, sg)
			si.lower = append(si.lower, strings.ToLower(a.FullName()))
		}
		all := make([]int, len(si.actions))
		for i := range all {
			all[i] = i
		}
		si.whole = si.groups(all)
		parts, anyPart := map[string]bool{}, false
		for _, sg := range si.sigs {
			anyPart = anyPart || sg.any
			for p := range sg.parts {
				parts[p] = true
			}
		}
		for _, p := range sortedKeys(parts) {
			ix.byPart[p] = append(ix.byPart[p], si.code)
		}
		if anyPart {
			ix.anyPart = append(ix.anyPart, si.code)
		}
		ix.services = append(ix.services, si)
		ix.byCode[si.code] = si
	}
	return ix, nil
}

// groups groups actions of the service (by index) by signature, in the
// order of first appearance.
func (si *svcIndex) groups(members []int) []sigGroup {
	var out []sigGroup
	at := map[*sig]int{}
	for _, m := range members {
		sg := si.sigOf[m]
		k, ok := at[sg]
		if !ok {
			k = len(out)
			at[sg] = k
			out = append(out, sigGroup{sg: sg})
		}
		out[k].members = append(out[k].members, m)
		out[k].levels |= levelBit(si.actions[m].Level)
	}
	return out
}

// newSig describes the resource names the actions like a can fit, as
// catalog.ResourceFits decides it: the service parts of their resource
// types' patterns, or, when the types are unknown, of the service's types
// and of every name of the service and its related services.
func newSig(cat *catalog.Catalog, s *catalog.Service, a *catalog.Action) *sig {
	sg := &sig{service: strings.ToLower(s.Code), first: a, parts: map[string]bool{}}
	addPattern := func(pat string) {
		n, err := policydoc.ParseName(pat)
		if err != nil || glob.HasWildcard(n.Service) {
			sg.any = true
			return
		}
		sg.parts[strings.ToLower(n.Service)] = true
	}
	if a.ResourceTypesKnown {
		for _, rt := range a.ResourceTypes {
			addPattern(rt.Pattern)
		}
		return sg
	}
	for _, rt := range s.ResourceTypes {
		addPattern(rt.Pattern)
	}
	sg.parts[strings.ToLower(s.Code)] = true
	for _, r := range s.Related {
		sg.parts[strings.ToLower(r)] = true
	}
	return sg
}

// allStars reports a resource that is only stars: it fits every action.
func allStars(r string) bool { return r != "" && strings.Trim(r, "*") == "" }

// fits reports whether the actions of a signature fit a resource name
// (catalog.ResourceFits), cached.
func (ix *catIndex) fits(sg *sig, r string, n *policydoc.Name) bool {
	if allStars(r) {
		return true
	}
	if n != nil && !glob.HasWildcard(n.Service) && !sg.any && !sg.parts[strings.ToLower(n.Service)] {
		return false
	}
	k := fitKey{sg, r}
	ix.mu.Lock()
	v, ok := ix.fitted[k]
	ix.mu.Unlock()
	if ok {
		return v
	}
	v = ix.cat.ResourceFits(sg.first, r)
	ix.mu.Lock()
	ix.fitted[k] = v
	ix.mu.Unlock()
	return v
}

// expandWild returns the catalogue actions a pattern with a wildcard in its
// service part matches, cached.
func (ix *catIndex) expandWild(pattern string) []*catalog.Action {
	ix.mu.Lock()
	v, ok := ix.expand[pattern]
	ix.mu.Unlock()
	if ok {
		return v
	}
	v = ix.cat.Expand(pattern)
	ix.mu.Lock()
	ix.expand[pattern] = v
	ix.mu.Unlock()
	return v
}

// levelSet is a set of access levels, as bits in the order of
// catalog.Levels.
type levelSet uint8

func levelBit(l catalog.Level) levelSet {
	for i, x := range catalog.Levels {
		if x == l {
			return 1 << i
		}
	}
	return 0
}

func (s levelSet) list() []catalog.Level {
	var out []catalog.Level
	for i, l := range catalog.Levels {
		if s&(1<<i) != 0 {
			out = append(out, l)
		}
	}
	return out
}
