package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/internal/workspace"
	"github.com/rampart-iam/rampart/simulate"
)

var initFiles = map[string][]string{
	"acs":     {"iam/accounts/example.yaml", "iam/policies/ecs-operator.json", "iam/policies/ecs-operator.trust.json", "iam/policies/ops.yaml", "iam/scenarios/example.yaml", "rampart.yaml"},
	"jdcloud": {"iam/accounts/example.yaml", "iam/policies/ops.yaml", "iam/policies/vm-operator.json", "iam/policies/vm-operator.trust.json", "iam/scenarios/example.yaml", "rampart.yaml"},
	"aws":     {"iam/accounts/example.yaml", "iam/policies/ec2-operator.json", "iam/policies/ec2-operator.trust.json", "iam/policies/ops.yaml", "iam/scenarios/example.yaml", "rampart.yaml"},
}

// TestInitValidates: for every dialect, init writes its files into a new
// folder, the result validates without a finding, is formatted, and its
// scenarios pass.
func TestInitValidates(t *testing.T) {
	for dialect, files := range initFiles {
		t.Run(dialect, func(t *testing.T) {
			parent := t.TempDir()
			code, stdout, stderr := runCommand(t, parent, newInitCommand, "--dialect", dialect, "repo")
			if code != exitClean || stderr != "" {
				t.Fatalf("init: exit %d\n%s%s", code, stdout, stderr)
			}
			dir := filepath.Join(parent, "repo")
			got := snapshot(t, dir)
			if len(got) != len(files) {
				t.Errorf("init wrote %d files, want %d: %v", len(got), len(files), keys(got))
			}
			for _, f := range files {
				if _, ok := got[f]; !ok {
					t.Errorf("init did not write %s", f)
				}
				if !strings.Contains(stdout, "created "+filepath.Join("repo", filepath.FromSlash(f))+"\n") {
					t.Errorf("init does not say it created %s:\n%s", f, stdout)
				}
			}
			if !strings.Contains(got["rampart.yaml"], "\ndialect: "+dialect+"\n") {
				t.Errorf("rampart.yaml does not set the dialect %s", dialect)
			}

			var out, errb bytes.Buffer
			if code := run([]string{"validate", dir, "--root", dir}, strings.NewReader(""), &out, &errb); code != exitClean || !strings.HasPrefix(out.String(), "0 errors, 0 warnings, 0 notes in ") {
				t.Errorf("validate: exit %d\n%s%s", code, out.String(), errb.String())
			}
			if code, stdout, stderr := runCommand(t, dir, newFmtCommand); code != exitClean || stdout != "" {
				t.Errorf("the files are not formatted: exit %d\n%s%s", code, stdout, stderr)
			}
			checkScenarios(t, dir)
		})
	}
}

// checkScenarios runs the scenarios of a repository through the evaluator:
// every expectation must hold, and both kinds of deny must be shown.
func checkScenarios(t *testing.T, dir string) {
	t.Helper()
	ws, err := workspace.LoadDir(context.Background(), dir, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sim, err := simulate.New(ws)
	if err != nil {
		t.Fatal(err)
	}
	results, findings := sim.RunScenarios(context.Background())
	for _, f := range findings {
		t.Errorf("%s: %s", f.Location(), f.Message)
	}
	seen := map[string]bool{}
	for _, r := range results {
		seen[string(r.Decision)] = true
		if !r.Pass {
			t.Errorf("scenario %q (%s): %s, expected %s", r.Name, r.Action, r.Decision, r.Expect)
		}
	}
	for _, d := range []string{"allow", "explicit-deny", "implicit-deny"} {
		if !seen[d] {
			t.Errorf("no scenario ends in %s", d)
		}
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestInitDefaults(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := runCommand(t, dir, newInitCommand)
	if code != exitClean {
		t.Fatalf("init: exit %d\n%s%s", code, stdout, stderr)
	}
	got := snapshot(t, dir)
	if !strings.Contains(got["rampart.yaml"], "\ndialect: acs\n") || len(got) != len(initFiles["acs"]) {
		t.Errorf("init without flags wrote %v", keys(got))
	}
	if !strings.Contains(stdout, "created rampart.yaml\n") || !strings.Contains(stdout, "rampart validate .\n") {
		t.Errorf("init says:\n%s", stdout)
	}
}

// TestInitOverwritesNothing: when one of its files exists, init names it
// and writes nothing at all.
func TestInitOverwritesNothing(t *testing.T) {
	for _, existing := range []string{"rampart.yaml", "iam/scenarios/example.yaml", "iam/policies/ops.yaml"} {
		dir := writeRepo(t, map[string]string{existing: "mine\n"})
		before := snapshot(t, dir)
		code, stdout, stderr := runCommand(t, dir, newInitCommand, "--dialect", "aws", dir)
		if code != exitUsage {
			t.Errorf("init over %s: exit %d, want 2", existing, code)
		}
		if want := filepath.Join(dir, filepath.FromSlash(existing)) + " exists already"; !strings.Contains(stderr, want) || stdout != "" {
			t.Errorf("init over %s: stdout %q, stderr %q", existing, stdout, stderr)
		}
		sameFiles(t, snapshot(t, dir), before)
		var dirs []string
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				dirs = append(dirs, p)
			}
			return err
		})
		if len(dirs) != strings.Count(existing, "/")+1 {
			t.Errorf("init over %s made folders: %v", existing, dirs)
		}
	}
}

func TestInitUsageErrors(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"--dialect", "gcp"}, {"a", "b"}} {
		code, _, stderr := runCommand(t, dir, newInitCommand, args...)
		if code != exitUsage || stderr == "" {
			t.Errorf("init %q: exit %d, stderr %q", args, code, stderr)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a usage error wrote %d entries", len(entries))
	}
	// A folder that cannot be made: a file stands in its way.
	if err := os.WriteFile(filepath.Join(dir, "file"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := runCommand(t, dir, newInitCommand, "file"); code != exitUsage {
		t.Errorf("init into a file: exit %d", code)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("a failed init left %d entries", len(entries))
	}
}

// TestTemplatesEmbedded: every dialect has templates, and init's list of
// files above matches them.
func TestTemplatesEmbedded(t *testing.T) {
	for dialect, files := range initFiles {
		d, err := scaffold(policydoc.Dialect(dialect))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range d {
			got = append(got, f.rel)
		}
		if strings.Join(got, " ") != strings.Join(files, " ") {
			t.Errorf("%s templates: %v, want %v", dialect, got, files)
		}
	}
}
