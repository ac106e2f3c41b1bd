package lint

import (
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/rampart-iam/rampart/internal/finding"
	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/internal/workspace"
)

// suppression is a checked entry of rampart.yaml's suppressions.
type suppression struct {
	workspace.Suppression
	rule    *RuleInfo
	until   time.Time // the first instant it no longer applies; zero: never expires
	expired bool
	used    int
}

// loadSuppressions checks every suppression: it names a known rule, gives
// a reason, and has a well-formed path and expiry date.
func (e *Engine) loadSuppressions() error {
	now := e.opts.Now()
	for _, s := range e.cfg.Suppressions {
		sp := suppression{Suppression: s}
		switch {
		case strings.TrimSpace(s.Rule) == "":
			return e.configError(s.Pointer, "suppression without a rule: say which rule it silences (an ID such as LP001, or a name)")
		case strings.TrimSpace(s.Reason) == "":
			return e.configError(s.Pointer, "suppression of %s has no reason: say why the finding is accepted (reason: ...)", s.Rule)
		}
		if sp.rule = e.lookup(s.Rule); sp.rule == nil {
			return e.configError(s.Pointer+"/rule", "suppression names no known rule %q (see `rampart rules`)", s.Rule)
		}
		if s.Path != "" {
			if _, err := path.Match(s.Path, ""); err != nil {
				return e.configError(s.Pointer+"/path", "suppression path %q is not a valid glob: %v", s.Path, err)
			}
		}
		if s.Expires != "" {
			day, err := time.Parse(time.DateOnly, s.Expires)
			if err != nil {
				return e.configError(s.Pointer+"/expires", "suppression expires %q: want a date YYYY-MM-DD", s.Expires)
			}
			// It applies through the whole day it names.
			sp.until = day.AddDate(0, 0, 1)
			sp.expired = !now.Before(sp.until)
		}
		e.supps = append(e.supps, sp)
	}
	return nil
}

// matchPath matches a repository path against a suppression's path: a
// glob whose `*` and `?` stay within one folder and where `**` spans any
// number of folders; a pattern without wildcards also matches everything
// below the folder it names.
func matchPath(pattern, name string) bool {
	pattern = strings.TrimSuffix(pattern, "/")
	if !strings.ContainsAny(pattern, "*?[") {
		return name == pattern || strings.HasPrefix(name, pattern+"/")
	}
	return matchSegments(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

func matchSegments(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(name); i++ {
				if matchSegments(pat[1:], name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], name[0]); !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}

// statementOf returns the index and Sid of the statement a finding points
// into, when it points into a policy document's statement.
func statementOf(p *workspace.Policy, ptr string) (int, string, bool) {
	if p == nil {
		return 0, "", false
	}
	ptr = strings.TrimPrefix(ptr, p.Doc.Prefix)
	for _, s := range p.Statements {
		if ptr == s.Pointer || strings.HasPrefix(ptr, s.Pointer+"/") {
			return s.Index, s.Sid, true
		}
	}
	return 0, "", false
}

func (s *suppression) covers(f *finding.Finding, pol *workspace.Policy) bool {
	if s.rule.ID != f.Rule {
		return false
	}
	if s.Path != "" && !matchPath(s.Path, f.File) {
		return false
	}
	if s.Statement != "" {
		idx, sid, ok := statementOf(pol, f.Pointer)
		if !ok {
			return false
		}
		if sid != s.Statement && strconv.Itoa(idx) != s.Statement {
			return false
		}
	}
	return true
}

// suppress marks the findings suppressions cover and adds the findings
// about the suppressions themselves: expired ones (a warning) and unused
// ones (info), at their place in rampart.yaml.
func (e *Engine) suppress(fs []finding.Finding, policies map[string]*workspace.Policy) []finding.Finding {
	supps := make([]suppression, len(e.supps))
	copy(supps, e.supps)
	for i := range fs {
		f := &fs[i]
		if f.Suppressed {
			continue
		}
		for j := range supps {
			s := &supps[j]
			if s.expired || !s.covers(f, policies[f.File]) {
				continue
			}
			s.used++
			f.Suppressed = true
			f.Suppression = &finding.Suppression{Kind: "config", Reason: s.Reason, Owner: s.Owner, Expires: s.Expires}
			break
		}
	}
	var out []finding.Finding
	for _, s := range supps {
		switch {
		case s.expired && e.enabled[RuleSuppressionExpired.ID]:
			msg := fmt.Sprintf("suppression of %s expired on %s; it no longer applies", s.rule.ID, s.Expires)
			if s.Owner != "" {
				msg += " (owner: " + s.Owner + ")"
			}
			out = append(out, e.configFinding(RuleSuppressionExpired, s.Pointer+"/expires", msg))
		case s.used == 0 && !s.expired && e.enabled[RuleSuppressionUnused.ID]:
			out = append(out, e.configFinding(RuleSuppressionUnused, s.Pointer,
				fmt.Sprintf("suppression of %s matches no finding; remove it, or check its rule, path and statement", s.rule.ID)))
		}
	}
	return append(fs, out...)
}

// configFinding is a finding of an engine rule at ptr in rampart.yaml.
func (e *Engine) configFinding(r finding.Rule, ptr, msg string) finding.Finding {
	r.Severity = e.severityOf(r.ID, r.Severity)
	if e.cfg.Doc == nil {
		f := finding.InFile(r, e.cfg.Path, policydoc.Pos{Line: 1, Col: 1}, policydoc.Pos{Line: 1, Col: 1}, msg)
		f.Pointer = ptr
		return f
	}
	return finding.At(r, e.cfg.Doc, ptr, policydoc.TargetValue, msg)
}
