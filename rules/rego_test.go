package rules_test

import (
	"context"
	"testing"

	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/rampart-iam/rampart/lint"
)

// TestRego runs every *_test.rego through OPA's test runner, compiled as
// production compiles the rules: the same schemas, capabilities, strict
// mode and catalogue functions.
func TestRego(t *testing.T) {
	c, mods, funcs, err := lint.TestSetup()
	if err != nil {
		t.Fatal(err)
	}
	var bs []*tester.Builtin
	for _, f := range funcs {
		bs = append(bs, &tester.Builtin{Decl: f.Decl, Func: f.Func})
	}
	ch, err := tester.NewRunner().
		SetCompiler(c.WithEnablePrintStatements(true)).
		AddCustomBuiltins(bs).
		CapturePrintOutput(true).
		RaiseBuiltinErrors(true).
		Run(context.Background(), mods)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r := range ch {
		n++
		t.Run(r.Package+"/"+r.Name, func(t *testing.T) {
			if r.Error != nil {
				t.Fatalf("%s: %v\n%s", r.Location, r.Error, r.Output)
			}
			if r.Fail {
				t.Fatalf("%s failed\n%s", r.Location, r.Output)
			}
		})
	}
	if n == 0 {
		t.Fatal("no Rego tests ran")
	}
}
