package lint

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/rampart-iam/rampart/internal/finding"
	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/internal/workspace"
)

// A rule's finding is an object:
//
//	{"msg": "...", "pointer": "/Statement/0/Action"}            required
//	"file": "iam/accounts/a.yaml"    aggregate rules: required; document rules: absent
//	"severity": "warning"            lower than the rule's own, for a softer case
//	"target": "key"                  value (default), key (the member's key), open (the first character)
//	"related": [{"msg", "pointer", "file"}]  other places that explain it
var findingKeys = []string{"msg", "pointer", "file", "severity", "target", "related"}

var targets = map[string]policydoc.Target{"value": policydoc.TargetValue, "key": policydoc.TargetKey, "open": policydoc.TargetOpen}

type rawRelated struct{ msg, file, pointer string }

type rawFinding struct {
	msg, pointer, file string
	severity           *finding.Severity
	target             policydoc.Target
	related            []rawRelated
}

func stringField(m map[string]any, key string, required bool) (string, error) {
	v, ok := m[key]
	if !ok {
		if required {
			return "", fmt.Errorf("no %q", key)
		}
		return "", nil
	}
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("%q is %T, not a string", key, v)
	}
	return s, nil
}

func checkPointer(p string) error {
	if p != "" && !strings.HasPrefix(p, "/") {
		return fmt.Errorf("pointer %q does not start with /", p)
	}
	return nil
}

// decodeFinding reads one finding a rule returned.
func decodeFinding(v any, scope Scope) (rawFinding, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return rawFinding{}, fmt.Errorf("a finding is %T, not an object with msg and pointer (use rampart.lib.result)", v)
	}
	var unknown []string
	for k := range m {
		if !slices.Contains(findingKeys, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return rawFinding{}, fmt.Errorf("a finding has unknown key %s; the keys are %s", quoted(unknown), strings.Join(findingKeys, ", "))
	}
	var f rawFinding
	var err error
	if f.msg, err = stringField(m, "msg", true); err != nil {
		return f, fmt.Errorf("a finding: %w", err)
	}
	if strings.TrimSpace(f.msg) == "" {
		return f, fmt.Errorf("a finding has an empty msg")
	}
	if f.pointer, err = stringField(m, "pointer", true); err != nil {
		return f, fmt.Errorf("finding %q: %w", f.msg, err)
	}
	if err := checkPointer(f.pointer); err != nil {
		return f, fmt.Errorf("finding %q: %w", f.msg, err)
	}
	if f.file, err = stringField(m, "file", scope == ScopeWorkspace); err != nil {
		return f, fmt.Errorf("finding %q: %w (an aggregate rule says which file it points into)", f.msg, err)
	}
	if scope == ScopeDocument && f.file != "" {
		return f, fmt.Errorf("finding %q: a document rule's findings are in its document; file is for aggregate rules", f.msg)
	}
	if s, err := stringField(m, "severity", false); err != nil {
		return f, fmt.Errorf("finding %q: %w", f.msg, err)
	} else if s != "" {
		sev, err := finding.ParseSeverity(s)
		if err != nil {
			return f, fmt.Errorf("finding %q: %w", f.msg, err)
		}
		f.severity = &sev
	}
	if t, err := stringField(m, "target", false); err != nil {
		return f, fmt.Errorf("finding %q: %w", f.msg, err)
	} else if t != "" {
		tt, ok := targets[t]
		if !ok {
			return f, fmt.Errorf("finding %q: target %q: want value, key or open", f.msg, t)
		}
		f.target = tt
	}
	if rel, ok := m["related"]; ok {
		list, ok := rel.([]any)
		if !ok {
			return f, fmt.Errorf("finding %q: related is %T, not a list", f.msg, rel)
		}
		for _, it := range list {
			rm, ok := it.(map[string]any)
			if !ok {
				return f, fmt.Errorf("finding %q: a related place is %T, not an object", f.msg, it)
			}
			var rr rawRelated
			if rr.msg, err = stringField(rm, "msg", true); err == nil {
				if rr.pointer, err = stringField(rm, "pointer", true); err == nil {
					rr.file, err = stringField(rm, "file", false)
				}
			}
			if err == nil {
				err = checkPointer(rr.pointer)
			}
			if err != nil {
				return f, fmt.Errorf("finding %q: related: %w", f.msg, err)
			}
			f.related = append(f.related, rr)
		}
	}
	return f, nil
}

// collect turns a rule's raw findings on one document (pol), or on the
// workspace (pol nil), into findings with positions and fingerprints.
func (r *runState) collect(ri *RuleInfo, pol *workspace.Policy, raws []any) {
	where := ""
	if pol != nil {
		where = pol.File()
	}
	var out []finding.Finding
	for _, raw := range raws {
		rf, err := decodeFinding(raw, ri.Scope)
		if err != nil {
			r.failed(ri, where, err.Error())
			return
		}
		file := where
		if rf.file != "" {
			file = rf.file
		}
		doc := r.docs[file]
		if doc == nil {
			r.failed(ri, where, fmt.Sprintf("finding %q names file %q, which is not in the workspace", rf.msg, rf.file))
			return
		}
		if pol == nil && !r.inDialects(ri, file) {
			continue // an aggregate rule about a document of another dialect
		}
		rule := ri.Rule
		if rf.severity != nil {
			if *rf.severity > ri.Severity {
				r.failed(ri, where, fmt.Sprintf("finding %q has severity %s, above the rule's own %s; a rule may only soften", rf.msg, *rf.severity, ri.Severity))
				return
			}
			rule.Severity = r.e.adjusted(ri, *rf.severity)
		} else {
			rule.Severity = r.e.severityOf(ri.ID, ri.Severity)
		}
		// Keys as written: JD Cloud accepts element names in any case.
		f := finding.At(rule, doc, doc.Resolve(rf.pointer), rf.target, rf.msg)
		for _, rel := range rf.related {
			rfile := file
			if rel.file != "" {
				rfile = rel.file
			}
			rdoc := r.docs[rfile]
			if rdoc == nil {
				r.failed(ri, where, fmt.Sprintf("finding %q: related place names file %q, which is not in the workspace", rf.msg, rel.file))
				return
			}
			rptr := rdoc.Resolve(rel.pointer)
			rng, _ := rdoc.Locate(rptr, policydoc.TargetValue)
			f.Related = append(f.Related, finding.Related{Message: rel.msg, File: rfile, Pointer: rdoc.Prefix + rptr, Line: rng.Start.Line, Column: rng.Start.Col})
		}
		out = append(out, f)
	}
	r.mu.Lock()
	r.ruleOut[ri.ID] = append(r.ruleOut[ri.ID], out...)
	r.mu.Unlock()
}

// inDialects reports whether the document or account in file belongs to a
// dialect the rule applies to; files of unknown dialect pass.
func (r *runState) inDialects(ri *RuleInfo, file string) bool {
	var d policydoc.Dialect
	if p := r.policies[file]; p != nil {
		d = p.Dialect
	} else if a := r.accounts[file]; a != nil {
		d = a.Dialect
	}
	return d == "" || slices.Contains(ri.Dialects, string(d))
}
