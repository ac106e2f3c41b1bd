package lint

import (
	"github.com/rampart-iam/rampart/internal/finding"
	"github.com/rampart-iam/rampart/internal/policydoc"
)

// The engine's own rules: findings about the configuration and about rules
// that could not finish. They are not Rego rules, but they have IDs so that
// reports, SARIF and rules.disable treat them like every other.
var (
	RuleSuppressionExpired = finding.Rule{ID: "CFG001", Name: "suppression-expired", Category: "configuration", Severity: finding.Warning,
		Title: "Suppression has expired", Description: "A suppression in rampart.yaml is past its expires date. It no longer suppresses anything: renew it with a reason, or fix what it covered."}
	RuleSuppressionUnused = finding.Rule{ID: "CFG002", Name: "suppression-unused", Category: "configuration", Severity: finding.Info,
		Title: "Suppression matches no finding", Description: "A suppression in rampart.yaml covers nothing in this run: what it suppressed has been fixed or moved, or its rule, path or statement is mistyped. Remove it so it cannot hide a future finding."}
	RuleTimeout = finding.Rule{ID: "RUN001", Name: "rule-timeout", Category: "engine", Severity: finding.Error,
		Title: "Rule exceeded the time limit", Description: "A rule did not finish within the time limit on a document (or on the workspace). rampart stopped it and ran the others; the rule's findings are missing from this run."}
	RuleFailed = finding.Rule{ID: "RUN002", Name: "rule-error", Category: "engine", Severity: finding.Error,
		Title: "Rule failed", Description: "A rule raised an evaluation error (for example two values for one function result) or returned a finding rampart cannot read. Its findings for the document are missing."}
)

// engineRules are the rules above.
var engineRules = []finding.Rule{RuleSuppressionExpired, RuleSuppressionUnused, RuleTimeout, RuleFailed}

// builtinRules describes every rule written in Go: the engine's and
// package finding's (validation and simulation).
func builtinRules() []RuleInfo {
	var out []RuleInfo
	for _, r := range append(append([]finding.Rule{}, finding.BuiltinRules...), engineRules...) {
		info := RuleInfo{Rule: r, Default: true, Scope: ScopeBuiltin}
		if len(info.Dialects) == 0 {
			for _, d := range policydoc.Dialects {
				info.Dialects = append(info.Dialects, string(d))
			}
		}
		out = append(out, info)
	}
	return out
}
