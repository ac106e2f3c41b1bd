package simulate

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/rampart-iam/rampart/internal/finding"
	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/internal/workspace"
)

// ScenarioResult is the outcome of one scenario for one (action, resource)
// combination. json.Marshal of it is the "scenarios" element of rampart's
// JSON output; the fields after Matched are extra explanation.
type ScenarioResult struct {
	Name      string `json:"name"`
	File      string `json:"file"`
	Line      int    `json:"line"`
	Principal string `json:"principal"`
	Action    string `json:"action"`
	Resource  string `json:"resource"`
	// Decision is always allow, explicit-deny or implicit-deny; a scenario
	// that could not be evaluated reports implicit-deny with Error set.
	Decision Effect `json:"decision"`
	Expect   string `json:"expect"`
	Pass     bool   `json:"pass"`
	// Matched are the statements that decided (Decision.Reasons); never
	// nil, so it encodes as a list.
	Matched []StatementRef `json:"matched"`

	Assume           []string          `json:"assume,omitempty"`
	DeniedBy         string            `json:"denied_by,omitempty"`
	Layers           []LayerDecision   `json:"layers,omitempty"`
	Hops             []HopDecision     `json:"hops,omitempty"`
	FailedConditions []FailedCondition `json:"failed_conditions,omitempty"`
	Missing          []string          `json:"missing_context,omitempty"`
	Uncertain        bool              `json:"uncertain,omitempty"`
	Notes            []string          `json:"notes,omitempty"`
	// Error says why the scenario could not be evaluated.
	Error string `json:"error,omitempty"`
}

// expectations are the values a scenario's expect may take.
var expectations = map[string]bool{"allow": true, "deny": true, "explicit-deny": true, "implicit-deny": true}

// meets reports whether an effect meets an expectation; "deny" accepts
// either kind of deny.
func meets(expect string, e Effect) bool {
	if expect == "deny" {
		return e != Allow
	}
	return Effect(expect) == e
}

// RunScenarios runs every scenario of the workspace, in file order, each
// combination of its actions and resources one result. A failed
// expectation is a SIM001 finding at the scenario; a scenario that cannot
// be evaluated (unknown principal, missing role, cycle, unknown dialect,
// bad expect) is a SIM002 finding at the element at fault. It stops early,
// with what it has, when ctx is done.
func (s *Simulator) RunScenarios(ctx context.Context) ([]ScenarioResult, []finding.Finding) {
	var results []ScenarioResult
	var findings []finding.Finding
	for _, f := range s.ws.Scenarios {
		for _, sc := range f.Scenarios {
			if ctx.Err() != nil {
				finding.Sort(findings)
				return results, findings
			}
			rs, fs := s.runScenario(ctx, sc)
			results = append(results, rs...)
			findings = append(findings, fs...)
		}
	}
	finding.Sort(findings)
	return results, findings
}

func (s *Simulator) runScenario(ctx context.Context, sc *workspace.Scenario) ([]ScenarioResult, []finding.Finding) {
	actions := sc.Actions
	if len(actions) == 0 {
		actions = []string{""}
	}
	resources := sc.Resources
	if len(resources) == 0 {
		resources = []string{"*"}
	}
	base := ScenarioResult{Name: sc.Name, File: sc.File, Line: sc.Line, Principal: sc.Principal, Expect: sc.Expect, Assume: sc.Assume}
	fail := func(ptr, msg string) ([]ScenarioResult, []finding.Finding) {
		var out []ScenarioResult
		for _, a := range actions {
			for _, res := range resources {
				r := base
				r.Action, r.Resource, r.Decision, r.Matched, r.Error = a, res, ImplicitDeny, []StatementRef{}, msg
				out = append(out, r)
			}
		}
		return out, []finding.Finding{finding.At(finding.RuleScenarioError, sc.Doc, ptr, policydoc.TargetValue, fmt.Sprintf("scenario %q: %s", sc.Name, msg))}
	}
	if !expectations[sc.Expect] {
		return fail(sc.Pointer+"/expect", fmt.Sprintf("expect %q is not one of allow, deny, explicit-deny, implicit-deny", sc.Expect))
	}
	if len(sc.Actions) == 0 {
		return fail(sc.Pointer, "no action: give action or actions")
	}
	w := s.whatIf[sc]
	if sc.WhatIf != nil && w == nil {
		return fail(sc.Pointer+"/policies", "its policies could not be read")
	}
	var out []ScenarioResult
	var fs []finding.Finding
	for _, a := range actions {
		for _, res := range resources {
			q := Question{Principal: sc.Principal, Action: a, Resource: res, Assume: sc.Assume, Context: sc.Context,
				ResourceAccount: sc.ResourceAccount, Dialect: sc.Dialect}
			if sc.SessionPolicy != nil && sc.SessionPolicy.Policy != nil {
				q.SessionPolicy = sc.SessionPolicy.Policy
			}
			d, err := s.can(ctx, q, w)
			if err != nil {
				return fail(s.errorPointer(sc, err), err.Error())
			}
			r := base
			r.Action, r.Resource = a, res
			r.Decision, r.Matched, r.Pass = d.Effect, d.Reasons, meets(sc.Expect, d.Effect)
			r.DeniedBy, r.Layers, r.Hops, r.FailedConditions = d.DeniedBy, d.Layers, d.Hops, d.FailedConditions
			r.Missing, r.Uncertain, r.Notes = d.Missing, d.Uncertain, d.Notes
			out = append(out, r)
			if !r.Pass {
				fs = append(fs, finding.At(finding.RuleScenarioFailed, sc.Doc, sc.Pointer, policydoc.TargetOpen, failMessage(sc, &r, &d)))
			}
		}
	}
	return out, fs
}

// errorPointer points at the element of a scenario an error is about.
func (s *Simulator) errorPointer(sc *workspace.Scenario, err error) string {
	var pe *principalError
	if !errors.As(err, &pe) {
		return sc.Pointer
	}
	switch pe.field {
	case "assume":
		return sc.Pointer + "/assume/" + strconv.Itoa(pe.index)
	case "principal":
		return sc.Pointer + "/principal"
	case "dialect":
		if sc.Doc != nil {
			if _, _, ok := sc.Doc.Lookup(sc.Pointer + "/dialect"); ok {
				return sc.Pointer + "/dialect"
			}
		}
		return sc.Pointer + "/principal"
	case "action":
		return sc.Pointer + "/action"
	}
	return sc.Pointer
}

// failMessage explains a failed expectation in one line.
func failMessage(sc *workspace.Scenario, r *ScenarioResult, d *Decision) string {
	var b strings.Builder
	fmt.Fprintf(&b, "scenario %q expects %s, but %s %s on %s is %s", sc.Name, sc.Expect, r.Principal, r.Action, r.Resource, d.Effect)
	switch {
	case d.Effect == ExplicitDeny && len(d.Reasons) > 0:
		ref := d.Reasons[0]
		fmt.Fprintf(&b, ": denied by %s (%s:%d %s", d.DeniedBy, ref.File, ref.Line, ref.Pointer)
		if ref.Sid != "" {
			fmt.Fprintf(&b, " %q", ref.Sid)
		}
		b.WriteString(")")
	case d.Effect == ImplicitDeny:
		fmt.Fprintf(&b, ": %s does not allow", d.DeniedBy)
	case d.Effect == Allow && len(d.Reasons) > 0:
		ref := d.Reasons[0]
		fmt.Fprintf(&b, ": allowed by %s:%d %s", ref.File, ref.Line, ref.Pointer)
	}
	if len(d.FailedConditions) > 0 && d.Effect != Allow {
		fc := d.FailedConditions[0]
		fmt.Fprintf(&b, "; condition %s on %s failed at %s:%d", fc.Operator, fc.Key, fc.Statement.File, fc.Line)
	}
	if len(d.Missing) > 0 {
		fmt.Fprintf(&b, "; missing context: %s", strings.Join(d.Missing, ", "))
	}
	return b.String()
}
