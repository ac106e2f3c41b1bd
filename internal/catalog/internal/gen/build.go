package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/rampart-iam/rampart/internal/catalog/internal/catfile"
)

// builder collects the services of one dialect before they are sorted and
// written.
type builder struct {
	dialect  string
	fs       *facts
	services map[string]*svcBuild
}

type svcBuild struct {
	svc  catfile.Service
	acts map[string]*catfile.Action // lower-cased name → action
	rts  map[string]bool
}

func newBuilder(dialect string, fs *facts) *builder {
	return &builder{dialect: dialect, fs: fs, services: map[string]*svcBuild{}}
}

func (b *builder) service(code string) *svcBuild {
	s := b.services[code]
	if s == nil {
		s = &svcBuild{svc: catfile.Service{Code: code, Title: code}, acts: map[string]*catfile.Action{}, rts: map[string]bool{}}
		b.services[code] = s
	}
	return s
}

// add records an action; a second sighting of the same name (in another
// API version or product) keeps the first level and source and only clears
// the deprecated mark when one sighting is not deprecated.
func (s *svcBuild) add(a catfile.Action) *catfile.Action {
	k := strings.ToLower(a.Name)
	if old, ok := s.acts[k]; ok {
		old.Deprecated = old.Deprecated && a.Deprecated
		if old.Derived && !a.Derived {
			old.Level, old.Derived = a.Level, false
		}
		return old
	}
	cp := a
	s.acts[k] = &cp
	return &cp
}

// applyFacts adds what the facts file says: titles, actions without an API,
// resource types and which actions take them, condition keys.
func (b *builder) applyFacts() error {
	fs := b.fs
	for _, fsv := range fs.services {
		s := b.service(fsv.code)
		s.svc.Title = fsv.title
		s.svc.Related = fsv.related
	}
	for _, fa := range fs.actions {
		s, ok := b.services[fa.code]
		if !ok {
			return fmt.Errorf("action %s:%s: service %s is not in the catalogue", fa.code, fa.name, fa.code)
		}
		level, derived := strings.TrimPrefix(fa.level, "~"), strings.HasPrefix(fa.level, "~")
		if a, ok := s.acts[strings.ToLower(fa.name)]; ok {
			if fa.level != "-" {
				a.Level, a.Derived = level, derived
			}
			continue
		}
		if fa.level == "-" {
			level, derived = deriveLevel(fs.levels(), fa.code, fa.name, "", "")
		}
		s.add(catfile.Action{Name: fa.name, Level: level, Derived: derived, Source: fa.url, Description: fa.note})
	}
	for code, rts := range fs.rtypes {
		s, ok := b.services[code]
		if !ok {
			return fmt.Errorf("resource types for unknown service %s", code)
		}
		for _, rt := range rts {
			if s.rts[rt.name] {
				return fmt.Errorf("resource type %s:%s defined twice", code, rt.name)
			}
			s.rts[rt.name] = true
			s.svc.ResourceTypes = append(s.svc.ResourceTypes, catfile.ResourceType{Name: rt.name, Template: rt.template, Source: rt.url})
		}
	}
	known := map[*catfile.Action]bool{}
	for _, r := range fs.res {
		s, ok := b.services[r.code]
		if !ok {
			return fmt.Errorf("res: unknown service %s", r.code)
		}
		if r.rtype != "*" && !s.rts[r.rtype] {
			return fmt.Errorf("res: service %s has no resource type %s", r.code, r.rtype)
		}
		for _, name := range r.actions {
			a, ok := s.acts[strings.ToLower(name)]
			if !ok {
				return fmt.Errorf("res: service %s has no action %s", r.code, name)
			}
			known[a] = true
			if r.rtype != "*" && !contains(a.ResourceTypes, r.rtype) {
				a.ResourceTypes = append(a.ResourceTypes, r.rtype)
			}
		}
	}
	for code, r := range fs.all {
		s, ok := b.services[code]
		if !ok || !s.rts[r.rtype] {
			return fmt.Errorf("all: service %s has no resource type %s", code, r.rtype)
		}
		for _, a := range s.acts {
			if !known[a] {
				known[a] = true
				a.ResourceTypes = append(a.ResourceTypes, r.rtype)
			}
		}
	}
	for _, s := range b.services {
		for _, a := range s.acts {
			a.Unknown = !known[a]
		}
	}
	for code, ks := range fs.skeys {
		s, ok := b.services[code]
		if !ok {
			return fmt.Errorf("skey: unknown service %s", code)
		}
		for _, k := range ks {
			s.svc.Keys = append(s.svc.Keys, catfile.Key{Name: k.name, Type: k.typ, Multi: k.multi, Source: k.url, Note: k.note})
		}
	}
	return nil
}

// file sorts everything and returns the catalogue.
func (b *builder) file(keys []catfile.Key, src catfile.Source) *catfile.File {
	f := &catfile.File{Dialect: b.dialect, Source: src, Keys: keys}
	codes := make([]string, 0, len(b.services))
	for c := range b.services {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		s := b.services[c]
		// The service's source is the one most of its actions share; the
		// others keep theirs.
		count := map[string]int{}
		for _, a := range s.acts {
			count[a.Source]++
		}
		best := ""
		for src, n := range count {
			if n > count[best] || (n == count[best] && src < best) {
				best = src
			}
		}
		s.svc.Source = best
		names := make([]string, 0, len(s.acts))
		for k := range s.acts {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			a := *s.acts[k]
			if a.Source == best {
				a.Source = ""
			}
			sort.Strings(a.ResourceTypes)
			s.svc.Actions = append(s.svc.Actions, a)
		}
		sort.Slice(s.svc.ResourceTypes, func(i, j int) bool { return s.svc.ResourceTypes[i].Name < s.svc.ResourceTypes[j].Name })
		sortKeys(s.svc.Keys)
		f.Services = append(f.Services, s.svc)
	}
	sortKeys(f.Keys)
	return f
}

func sortKeys(ks []catfile.Key) {
	sort.Slice(ks, func(i, j int) bool { return strings.ToLower(ks[i].Name) < strings.ToLower(ks[j].Name) })
}

func factKeys(fs *facts) []catfile.Key {
	var ks []catfile.Key
	for _, k := range fs.keys {
		ks = append(ks, catfile.Key{Name: k.name, Type: k.typ, Multi: k.multi, Source: k.url, Note: k.note})
	}
	return ks
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// tsvRows reads a tab-separated file with a header line into maps keyed by
// column name.
func tsvRows(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	defer f.Close()
	return readTSV(f, path)
}

func readTSV(r io.Reader, name string) ([]map[string]string, error) {
	cr := csv.NewReader(r)
	cr.Comma = '\t'
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s is empty", name)
	}
	head := recs[0]
	rows := make([]map[string]string, 0, len(recs)-1)
	for i, rec := range recs[1:] {
		if len(rec) > len(head) {
			return nil, fmt.Errorf("%s line %d: %d fields, header has %d", name, i+2, len(rec), len(head))
		}
		m := make(map[string]string, len(head))
		for j, h := range head {
			if j < len(rec) {
				m[h] = rec[j]
			}
		}
		rows = append(rows, m)
	}
	return rows, nil
}

func need(row map[string]string, cols ...string) error {
	for _, c := range cols {
		if row[c] == "" {
			return fmt.Errorf("row %v: empty %s", row, c)
		}
	}
	return nil
}
