package lint

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/rampart-iam/rampart/internal/finding"
	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/internal/workspace"
)

// configError is a mistake in rampart.yaml, at the element ptr.
func (e *Engine) configError(ptr, format string, args ...any) error {
	return configErrorIn(e.cfg, ptr, format, args...)
}

// configErrorIn is a mistake in the configuration cfg, at the element ptr.
func configErrorIn(cfg *workspace.Config, ptr, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	name := cfg.Path
	if name == "" {
		name = "configuration"
	}
	if cfg.Doc == nil {
		return fmt.Errorf("%s: %s", name, msg)
	}
	r, _ := cfg.Doc.Locate(ptr, policydoc.TargetValue)
	return fmt.Errorf("%s:%d:%d: %s", name, r.Start.Line, r.Start.Col, msg)
}

// selector is one entry of rules.enable, rules.disable or rules.severity:
// a rule ID, a rule name or a category.
type selector struct {
	text string
	ptr  string
}

// matches reports how a selector names a rule: 2 by ID or name, 1 by
// category, 0 not at all.
func (s selector) matches(r *RuleInfo) int {
	switch s.text {
	case r.ID, r.Name:
		return 2
	case r.Category:
		return 1
	}
	return 0
}

func (e *Engine) known(text string) bool {
	for i := range e.rules {
		if (selector{text: text}).matches(&e.rules[i]) > 0 {
			return true
		}
	}
	return false
}

func (e *Engine) selectors(field string, list []string) ([]selector, error) {
	out := make([]selector, 0, len(list))
	for i, t := range list {
		s := selector{text: t, ptr: "/rules/" + field + "/" + strconv.Itoa(i)}
		if !e.known(t) {
			return nil, e.configError(s.ptr, "rules.%s: no rule or category %q (see `rampart rules`)", field, t)
		}
		out = append(out, s)
	}
	return out, nil
}

// configure resolves rules.enable, rules.disable and rules.severity. A rule
// named by ID or name wins over its category; within one level, naming the
// same rule in both enable and disable is an error.
func (e *Engine) configure() error {
	enable, err := e.selectors("enable", e.cfg.Rules.Enable)
	if err != nil {
		return err
	}
	disable, err := e.selectors("disable", e.cfg.Rules.Disable)
	if err != nil {
		return err
	}
	e.enabled = map[string]bool{}
	for i := range e.rules {
		r := &e.rules[i]
		level := func(ss []selector) (int, string) {
			best, ptr := 0, ""
			for _, s := range ss {
				if m := s.matches(r); m > best {
					best, ptr = m, s.ptr
				}
			}
			return best, ptr
		}
		on, _ := level(enable)
		off, offPtr := level(disable)
		switch {
		case on > 0 && on == off:
			return e.configError(offPtr, "rules: %s is both enabled and disabled", r.ID)
		case on > off:
			e.enabled[r.ID] = true
		case off > on:
			e.enabled[r.ID] = false
		default:
			e.enabled[r.ID] = r.Default
		}
	}
	e.severity = map[string]finding.Severity{}
	keys := make([]string, 0, len(e.cfg.Rules.Severity))
	for k := range e.cfg.Rules.Severity {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	byCategory := map[string]finding.Severity{}
	byRule := map[string]finding.Severity{}
	for _, k := range keys {
		ptr := "/rules/severity/" + policydoc.EscapePointerToken(k)
		if !e.known(k) {
			return e.configError(ptr, "rules.severity: no rule or category %q (see `rampart rules`)", k)
		}
		sev, err := finding.ParseSeverity(e.cfg.Rules.Severity[k])
		if err != nil {
			return e.configError(ptr, "rules.severity.%s: %v", k, err)
		}
		isRule := false
		for i := range e.rules {
			if (selector{text: k}).matches(&e.rules[i]) == 2 {
				isRule = true
				byRule[e.rules[i].ID] = sev
			}
		}
		if !isRule {
			byCategory[k] = sev
		}
	}
	for i := range e.rules {
		r := &e.rules[i]
		if s, ok := byRule[r.ID]; ok {
			e.severity[r.ID] = s
		} else if s, ok := byCategory[r.Category]; ok {
			e.severity[r.ID] = s
		}
	}
	return nil
}

// severityOf is a rule's severity after rules.severity.
func (e *Engine) severityOf(id string, base finding.Severity) finding.Severity {
	if s, ok := e.severity[id]; ok {
		return s
	}
	return base
}

// adjusted is the severity of one finding: a rule may report a softer case
// below its default severity; the configured severity moves it by as much.
func (e *Engine) adjusted(r *RuleInfo, emitted finding.Severity) finding.Severity {
	steps := r.Severity - emitted
	return max(finding.Info, e.severityOf(r.ID, r.Severity)-steps)
}
