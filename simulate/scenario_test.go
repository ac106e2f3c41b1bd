package simulate

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rampart-iam/rampart/internal/finding"
	"github.com/rampart-iam/rampart/internal/workspace"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// loadRepo loads one of the test repositories under testdata/repos.
func loadRepo(t testing.TB, name string) *workspace.Workspace {
	t.Helper()
	ws, err := workspace.LoadDir(context.Background(), filepath.Join("testdata", "repos", name), workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ws.Findings {
		t.Errorf("%s: loading: %s %s %s", name, f.Location(), f.Rule, f.Message)
	}
	return ws
}

// TestScenarioGolden runs the scenarios of every test repository and
// compares results and findings with testdata/repos/<name>.golden.json.
func TestScenarioGolden(t *testing.T) {
	entries, err := os.ReadDir(filepath.Join("testdata", "repos"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			ws := loadRepo(t, e.Name())
			sim, err := New(ws)
			if err != nil {
				t.Fatal(err)
			}
			results, findings := sim.RunScenarios(context.Background())
			if findings == nil {
				findings = []finding.Finding{}
			}
			if len(results) == 0 {
				t.Fatal("no scenario results")
			}
			got, err := json.MarshalIndent(struct {
				Scenarios []ScenarioResult  `json:"scenarios"`
				Findings  []finding.Finding `json:"findings"`
			}{results, findings}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "repos", e.Name()+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to write it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("results differ from %s (run go test -update and review the diff):\n%s", golden, got)
			}
		})
	}
}
