package workspace

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rampart-iam/rampart/internal/finding"
	"github.com/rampart-iam/rampart/internal/policydoc"
)

// identityLike kinds share the identity schema and can stand in for one
// another (a managed policy used as a permissions boundary).
func identityLike(k policydoc.Kind) bool {
	return k == policydoc.Identity || k == policydoc.Boundary || k == policydoc.Session
}

// finishPolicies decides the dialect and kind of every policy file, now
// that every reference to it is known, normalizes it, and resolves the
// references.
func (l *loader) finishPolicies() {
	byPath := map[string]*Policy{}
	paths := make([]string, 0, len(l.files))
	for p, f := range l.files {
		if f.Role == FilePolicy && f.Doc != nil {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	for _, p := range paths {
		f := l.files[p]
		d, reason, ok := l.dialectOf(f)
		if !ok {
			continue
		}
		k := l.kindOf(f)
		pol := &Policy{Policy: policydoc.Normalize(f.Doc, d, k), DialectReason: reason}
		if n := len(pol.Statements); n > l.opt.MaxStatements {
			l.add(finding.At(finding.RuleLimit, f.Doc, "/Statement", policydoc.TargetKey,
				fmt.Sprintf("the document has %d statements, more than the limit of %d", n, l.opt.MaxStatements)))
			continue
		}
		byPath[p] = pol
		l.ws.Policies = append(l.ws.Policies, pol)
	}
	for _, pr := range l.pending {
		pr.ref.Policy = byPath[pr.path]
	}
}

func (l *loader) dialectOf(f *File) (policydoc.Dialect, string, bool) {
	if d, _ := l.cfg.override(f.Path); d != "" {
		return d, "rampart.yaml sets it for this path", true
	}
	var found policydoc.Dialect
	var from string
	for _, u := range l.uses[f.Path] {
		if u.dialect == "" {
			continue
		}
		if found == "" {
			found, from = u.dialect, u.from
			continue
		}
		if u.dialect != found {
			l.add(finding.At(finding.RuleDialect, f.Doc, "", policydoc.TargetOpen,
				fmt.Sprintf("%s uses this document as %s, %s as %s; a document has one dialect", from, found, u.from, u.dialect)))
			break
		}
	}
	if found != "" {
		return found, from + " uses it in a " + string(found) + " account", true
	}
	if l.cfg.Dialect != "" {
		return l.cfg.Dialect, "rampart.yaml sets dialect " + string(l.cfg.Dialect), true
	}
	if d, why, ok := policydoc.DetectDialect(f.Doc.Root); ok {
		return d, why, true
	}
	l.add(finding.At(finding.RuleDialect, f.Doc, "/Version", policydoc.TargetOpen,
		`cannot tell the dialect of this document: add a Version ("1" for acs, "3" for jdcloud, "2012-10-17" for aws) or set dialect in rampart.yaml`))
	return "", "", false
}

func (l *loader) kindOf(f *File) policydoc.Kind {
	if _, k := l.cfg.override(f.Path); k != "" {
		return k
	}
	var kinds []policydoc.Kind
	for _, u := range l.uses[f.Path] {
		if u.kind != "" && !slices.Contains(kinds, u.kind) {
			kinds = append(kinds, u.kind)
		}
	}
	var strict []policydoc.Kind
	for _, k := range kinds {
		if !identityLike(k) {
			strict = append(strict, k)
		}
	}
	switch {
	case len(strict) > 1 || (len(strict) == 1 && len(kinds) > 1):
		var parts []string
		for _, u := range l.uses[f.Path] {
			parts = append(parts, fmt.Sprintf("%s policy in %s", u.kind, u.from))
		}
		l.add(finding.At(finding.RuleInventory, f.Doc, "", policydoc.TargetOpen,
			"the document is used as "+strings.Join(parts, " and as ")+"; one document cannot be both"))
		return kinds[0]
	case len(strict) == 1:
		return strict[0]
	case len(kinds) == 1:
		return kinds[0]
	case len(kinds) > 1:
		return policydoc.Identity
	}
	return policydoc.DetectKind(f.Path, f.Doc.Root)
}
