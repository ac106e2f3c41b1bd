package report

import (
	"fmt"
	"strings"

	"github.com/rampart-iam/rampart/simulate"
)

// explanation says in words why a scenario's decision came out as it did:
// which layer denied, which conditions failed and why, what context the
// request lacked, and the evaluator's notes. The statements that decided
// are listed by each format from Matched.
func explanation(s Scenario) []string {
	return because(s.DeniedBy, s.FailedConditions, s.Missing, s.Notes, s.Uncertain)
}

func because(deniedBy string, failed []simulate.FailedCondition, missing, notes []string, uncertain bool) []string {
	var out []string
	if deniedBy != "" {
		out = append(out, "denied by: "+deniedBy)
	}
	for _, fc := range failed {
		line := fmt.Sprintf("condition %s on %s not met", fc.Operator, fc.Key)
		if fc.Missing {
			line += " (the request has no " + fc.Key + ")"
		}
		line += " in " + stmtName(fc.Statement, fc.Line)
		if where := layerName(fc.Layer, fc.Level, fc.Hop); where != "" {
			line += ", " + where
		}
		out = append(out, line)
	}
	if len(missing) > 0 {
		out = append(out, "context keys the policies use but the request lacks: "+strings.Join(missing, ", "))
	}
	if uncertain {
		out = append(out, "uncertain: a Deny statement could not be evaluated and was counted as applying")
	}
	out = append(out, notes...)
	return out
}

func stmtName(r simulate.StatementRef, line int) string {
	if line == 0 {
		line = r.Line
	}
	name := r.File
	if line > 0 {
		name = fmt.Sprintf("%s:%d", r.File, line)
	}
	if r.Sid != "" {
		name += fmt.Sprintf(" (%q)", r.Sid)
	}
	return name
}

func layerName(l simulate.Layer, level, hop int) string {
	s := string(l) + " policy"
	if level > 0 {
		s += fmt.Sprintf(" at level %d", level)
	}
	if hop > 0 {
		s += fmt.Sprintf(" at hop %d", hop)
	}
	return s
}
