package lint

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rampart-iam/rampart/internal/finding"
	"github.com/rampart-iam/rampart/internal/workspace"
)

// repo is a repository in memory: file name to content.
type repo map[string]string

func (r repo) fs() fstest.MapFS {
	m := fstest.MapFS{}
	for name, content := range r {
		m[name] = &fstest.MapFile{Data: []byte(content)}
	}
	return m
}

// load loads the repository and its rampart.yaml.
func (r repo) load(t *testing.T) (*workspace.Workspace, *workspace.Config) {
	t.Helper()
	fsys := r.fs()
	cfg, probs, err := workspace.LoadConfig(fsys, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) > 0 {
		t.Fatalf("rampart.yaml: %s", probs[0].Message)
	}
	ws, err := workspace.Load(context.Background(), fsys, "test", workspace.Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	return ws, cfg
}

// fixedNow is the time tests run at.
var fixedNow = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

// engineFor builds an engine for a repository, with custom rule folders.
func engineFor(t *testing.T, r repo, opts Options) (*Engine, *workspace.Workspace) {
	t.Helper()
	ws, cfg := r.load(t)
	opts.Config = cfg
	if opts.FS == nil {
		opts.FS = r.fs()
	}
	if opts.Now == nil {
		opts.Now = func() time.Time { return fixedNow }
	}
	e, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return e, ws
}

// run lints a repository with the embedded rules.
func run(t *testing.T, r repo, opts Options) Result {
	t.Helper()
	e, ws := engineFor(t, r, opts)
	res, err := e.Run(context.Background(), ws)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// ruleDir writes custom rule files (path to content) into a new folder.
func ruleDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// brief lists findings as "file:line:col RULE severity [suppressed kind]".
func brief(fs []finding.Finding) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		s := f.Location() + " " + f.Rule + " " + f.Severity.String()
		if f.Suppressed {
			s += " suppressed " + f.Suppression.Kind
		}
		out = append(out, s)
	}
	return out
}

// only keeps the findings of the given rules.
func only(fs []finding.Finding, ids ...string) []finding.Finding {
	return slices.DeleteFunc(slices.Clone(fs), func(f finding.Finding) bool { return !slices.Contains(ids, f.Rule) })
}

// customRule is the text of a custom rule module with the given METADATA
// custom fields and body.
func customRule(pkg, custom, body string) string {
	var b strings.Builder
	b.WriteString("# METADATA\n# title: A custom rule\n# description: It finds things.\n# custom:\n")
	for _, line := range strings.Split(strings.TrimSpace(custom), "\n") {
		b.WriteString("#   " + line + "\n")
	}
	b.WriteString("package " + pkg + "\n\n" + body + "\n")
	return b.String()
}

const customFields = `id: ORG001
name: slow
severity: warning
dialects: [acs, jdcloud, aws]
rationale: Because.
remediation: Do not.`

// policy is a small acs identity policy with one full-admin statement.
const adminPolicy = `{
  "Version": "1",
  "Statement": [
    {"Sid": "All", "Effect": "Allow", "Action": "*", "Resource": "*"}
  ]
}
`
