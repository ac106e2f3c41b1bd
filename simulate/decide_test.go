package simulate_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/internal/workspace"
	"github.com/rampart-iam/rampart/simulate"
)

// TestDecideAgreesWithCan asks every test repository about each of its
// principals, with the actions, resources, contexts and assume chains of
// its scenarios, with and without a clock and derived keys, and requires
// Decide to give the effect Can explains.
func TestDecideAgreesWithCan(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "repos", "*"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		ws := loadWorkspace(t, dir)
		for _, opts := range [][]simulate.Option{nil, {simulate.WithClock(time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC))}} {
			sim, err := simulate.New(ws, opts...)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, q := range questions(ws, sim.Principals()) {
				d, err := sim.Can(ctx, q)
				p, perr := sim.Prepare(q)
				if (err == nil) != (perr == nil) {
					t.Fatalf("%s %+v: Can error %v, Prepare error %v", dir, q, err, perr)
				}
				if err != nil {
					continue
				}
				n++
				if got := p.Decide(); got != d.Effect {
					t.Errorf("%s: %s %s on %s (assume %v, exact %v): Decide %s, Can %s", dir, q.Principal, q.Action, q.Resource, q.Assume, q.ExactContext, got, d.Effect)
				}
			}
			if n < 100 {
				t.Errorf("%s: only %d questions decided", dir, n)
			}
		}
	}
}

func loadWorkspace(t *testing.T, dir string) *workspace.Workspace {
	t.Helper()
	ws, err := workspace.LoadDir(context.Background(), dir, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ws
}

// questions crosses the principals with the scenarios' actions, resources
// (and "*"), contexts, session policies and assume chains (the scenario's
// own for its principal, the roles a service acts through).
func questions(ws *workspace.Workspace, prins []simulate.Principal) []simulate.Question {
	var out []simulate.Question
	for _, f := range ws.Scenarios {
		for _, sc := range f.Scenarios {
			for _, pr := range prins {
				var chains [][]string
				if pr.Kind != "service" {
					chains = append(chains, nil)
				}
				if pr.Name == sc.Principal && len(sc.Assume) > 0 {
					chains = append(chains, sc.Assume)
				}
				for _, v := range pr.Via {
					chains = append(chains, []string{v})
				}
				for _, chain := range chains {
					for _, a := range sc.Actions {
						for _, res := range append([]string{"*"}, sc.Resources...) {
							for _, exact := range []bool{false, true} {
								q := simulate.Question{Principal: pr.Name, Assume: chain, Action: a, Resource: res, Context: sc.Context,
									ResourceAccount: sc.ResourceAccount, Dialect: sc.Dialect, ExactContext: exact}
								if sc.SessionPolicy != nil {
									q.SessionPolicy = sc.SessionPolicy.Policy
								}
								out = append(out, q)
							}
						}
					}
				}
			}
		}
	}
	return out
}

// TestContextKeysFoldAsStringsToLower gives context keys that only
// strings.ToLower folds to the key a condition names (the Kelvin sign
// folds to k, changing the key's length): a prepared request must carry
// them, and a key that folds to nothing a policy names must not count.
func TestContextKeysFoldAsStringsToLower(t *testing.T) {
	src := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
		"Condition":{"StringEquals":{"aws:PrincipalTag/key":"v","aws:PrincipalTag/ix":"w"}}}]}`
	doc, err := policydoc.Parse("p.json", []byte(src), policydoc.JSON, policydoc.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	e, err := simulate.NewEvaluator(simulate.Policies{Dialect: policydoc.AWS, Identity: []*workspace.Policy{{Policy: policydoc.Normalize(doc, policydoc.AWS, policydoc.Identity)}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		ctx  map[string]workspace.ContextValue
		want simulate.Effect
	}{
		{map[string]workspace.ContextValue{"aws:PrincipalTag/\u212Aey": {Values: []string{"v"}}, "AWS:PRINCIPALTAG/\u0130X": {Values: []string{"w"}}}, simulate.Allow},
		{map[string]workspace.ContextValue{"aws:PrincipalTag/key": {Values: []string{"v"}}, "aws:PrincipalTag/\u0130": {Values: []string{"w"}}}, simulate.ImplicitDeny},
	} {
		q := simulate.Question{Principal: "arn:aws:iam::111122223333:user/u", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", Context: c.ctx, ExactContext: true}
		d, err := e.Can(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		p, err := e.Prepare(q)
		if err != nil {
			t.Fatal(err)
		}
		if d.Effect != c.want || p.Decide() != c.want {
			t.Errorf("context %v: Can %s, Decide %s, want %s", c.ctx, d.Effect, p.Decide(), c.want)
		}
	}
}
