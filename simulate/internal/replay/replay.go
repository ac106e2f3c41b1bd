// Package replay turns a recorded peer case into a question for the native
// evaluator: the case's policy documents, parsed and compiled, and its
// request with the context exactly as recorded.
package replay

import (
	"encoding/json"
	"fmt"

	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/internal/workspace"
	"github.com/rampart-iam/rampart/simulate"
	"github.com/rampart-iam/rampart/simulate/internal/peercorpus"
)

// Prepared is a case ready to decide.
type Prepared struct {
	Evaluator *simulate.Evaluator
	Question  simulate.Question
}

// Prepare parses and compiles a case's policies and builds its question.
func Prepare(c *peercorpus.Case) (Prepared, error) {
	parse := func(what string, raw json.RawMessage, k policydoc.Kind) (*workspace.Policy, error) {
		if raw == nil {
			return nil, nil
		}
		name := c.ID + "/" + what + ".json"
		doc, err := policydoc.Parse(name, raw, policydoc.JSON, policydoc.DefaultLimits)
		if err != nil {
			return nil, fmt.Errorf("case %s: %s: %w", c.ID, what, err)
		}
		return &workspace.Policy{Policy: policydoc.Normalize(doc, policydoc.AWS, k)}, nil
	}
	p := simulate.Policies{Dialect: policydoc.AWS}
	for i, raw := range c.Policies.Identity {
		wp, err := parse(fmt.Sprintf("identity-%d", i), raw, policydoc.Identity)
		if err != nil {
			return Prepared{}, err
		}
		p.Identity = append(p.Identity, wp)
	}
	var err error
	if p.Resource, err = parse("resource", c.Policies.Resource, policydoc.Resource); err != nil {
		return Prepared{}, err
	}
	if p.Boundary, err = parse("boundary", c.Policies.Boundary, policydoc.Boundary); err != nil {
		return Prepared{}, err
	}
	if p.Session, err = parse("session", c.Policies.Session, policydoc.Session); err != nil {
		return Prepared{}, err
	}
	levels := func(what string, in [][]json.RawMessage, k policydoc.Kind) ([][]*workspace.Policy, error) {
		var out [][]*workspace.Policy
		for i, level := range in {
			var l []*workspace.Policy
			for j, raw := range level {
				wp, err := parse(fmt.Sprintf("%s-%d-%d", what, i, j), raw, k)
				if err != nil {
					return nil, err
				}
				l = append(l, wp)
			}
			out = append(out, l)
		}
		return out, nil
	}
	if p.Control, err = levels("scp", c.Policies.SCP, policydoc.Control); err != nil {
		return Prepared{}, err
	}
	if p.ResourceControl, err = levels("rcp", c.Policies.RCP, policydoc.ResourceControl); err != nil {
		return Prepared{}, err
	}
	e, err := simulate.NewEvaluator(p)
	if err != nil {
		return Prepared{}, fmt.Errorf("case %s: %w", c.ID, err)
	}
	q := simulate.Question{
		Principal: c.Request.Principal, Action: c.Request.Action, Resource: c.Request.Resource,
		ResourceAccount: c.Request.ResourceAccount, Dialect: policydoc.AWS, ExactContext: true,
	}
	if len(c.Request.Context) > 0 {
		q.Context = make(map[string]workspace.ContextValue, len(c.Request.Context))
		for k, v := range c.Request.Context {
			q.Context[k] = workspace.ContextValue{Values: v.Values, Multi: v.List}
		}
	}
	return Prepared{Evaluator: e, Question: q}, nil
}
