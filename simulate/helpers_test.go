package simulate

import (
	"context"
	"fmt"
	"testing"

	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/internal/workspace"
)

// testPolicy parses a policy document written in a test.
func testPolicy(t testing.TB, d policydoc.Dialect, k policydoc.Kind, name, src string) *workspace.Policy {
	t.Helper()
	doc, err := policydoc.Parse(name, []byte(src), policydoc.JSON, policydoc.DefaultLimits)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &workspace.Policy{Policy: policydoc.Normalize(doc, d, k)}
}

// ctx builds a question context: a string is one value, a []string a list.
func ctx(kv ...any) map[string]workspace.ContextValue {
	out := map[string]workspace.ContextValue{}
	for i := 0; i+1 < len(kv); i += 2 {
		switch v := kv[i+1].(type) {
		case string:
			out[kv[i].(string)] = workspace.ContextValue{Values: []string{v}}
		case []string:
			out[kv[i].(string)] = workspace.ContextValue{Values: v, Multi: true}
		default:
			panic(fmt.Sprintf("context value %T", v))
		}
	}
	return out
}

// decideWith evaluates a question against given policies.
func decideWith(t testing.TB, p Policies, q Question) Decision {
	t.Helper()
	e, err := NewEvaluator(p)
	if err != nil {
		t.Fatal(err)
	}
	d, err := e.Can(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
