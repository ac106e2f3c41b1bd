package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/rampart-iam/rampart/internal/finding"
	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/internal/report"
	"github.com/rampart-iam/rampart/internal/workspace"
	"github.com/rampart-iam/rampart/schema"
)

// repo is a repository opened for a command: its root, configuration,
// loaded workspace, and the paths the user asked about.
type repo struct {
	root    string
	config  *workspace.Config
	ws      *workspace.Workspace
	narrow  []string // repository-relative paths that narrow what is reported
	schemas *schema.Validator
}

// findRoot picks the repository root: --root, else the nearest directory at
// or above the first path (or the working directory) holding rampart.yaml,
// else the nearest holding .git, else the first path itself.
func findRoot(flagRoot string, paths []string) (string, error) {
	if flagRoot != "" {
		return filepath.Abs(flagRoot)
	}
	start := "."
	if len(paths) > 0 {
		start = paths[0]
	}
	abs, err := filepath.Abs(start)
	if err != nil {
		return "", err
	}
	st, err := os.Stat(abs)
	if err != nil {
		return "", fmt.Errorf("%s: %w", start, err)
	}
	if !st.IsDir() {
		abs = filepath.Dir(abs)
	}
	for _, marker := range []string{workspace.ConfigFile, ".git"} {
		for dir := abs; ; dir = filepath.Dir(dir) {
			if _, err := os.Stat(filepath.Join(dir, marker)); err == nil {
				return dir, nil
			}
			if filepath.Dir(dir) == dir {
				break
			}
		}
	}
	return abs, nil
}

// openRepo finds the root, reads and checks the configuration (problems in
// it are usage errors, exit 2) and loads the workspace.
func openRepo(ctx context.Context, g *globalOptions, s *streams, paths []string) (*repo, error) {
	root, err := findRoot(g.root, paths)
	if err != nil {
		return nil, usageError("%v", err)
	}
	r := &repo{root: root}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, usageError("%v", err)
		}
		if _, err := os.Stat(abs); err != nil {
			return nil, usageError("%v", err)
		}
		rel, err := filepath.Rel(root, abs)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return nil, usageError("%s is outside the repository %s", p, root)
		}
		if rel != "." {
			r.narrow = append(r.narrow, filepath.ToSlash(rel))
		}
	}
	rootFS, err := os.OpenRoot(root)
	if err != nil {
		return nil, usageError("open %s: %v", root, err)
	}
	defer rootFS.Close()
	cfgName := ""
	if g.config != "" {
		abs, _ := filepath.Abs(g.config)
		rel, err := filepath.Rel(root, abs)
		if err != nil || strings.HasPrefix(rel, "..") {
			return nil, usageError("--config %s is outside the repository %s", g.config, root)
		}
		cfgName = filepath.ToSlash(rel)
	}
	cfg, syntax, err := workspace.LoadConfig(rootFS.FS(), cfgName)
	if err != nil {
		return nil, usageError("%v", err)
	}
	if r.schemas, err = schema.New(); err != nil {
		return nil, err
	}
	problems := syntax
	if cfg != nil && cfg.Doc != nil {
		problems = append(problems, r.schemas.Validate(cfg.Doc, schema.Config)...)
	}
	if len(problems) > 0 {
		for _, f := range problems {
			fmt.Fprintf(s.err, "%s: %s\n", f.Location(), f.Message)
		}
		return nil, usageError("the configuration has %d problem(s)", len(problems))
	}
	r.config = cfg
	r.ws, err = workspace.LoadDir(ctx, root, workspace.Options{Config: cfg})
	if err != nil {
		return nil, usageError("%v", err)
	}
	return r, nil
}

// reported keeps the findings in the paths the user named, and every
// scenario finding: a change to the named files is what makes a scenario
// fail, wherever the scenario is written.
func (r *repo) reported(fs []finding.Finding) []finding.Finding {
	if len(r.narrow) == 0 {
		return fs
	}
	out := fs[:0:0]
	for _, f := range fs {
		if r.inNarrow(f.File) || f.Category == finding.RuleScenarioFailed.Category {
			out = append(out, f)
		}
	}
	return out
}

func (r *repo) inNarrow(file string) bool {
	if len(r.narrow) == 0 {
		return true
	}
	for _, n := range r.narrow {
		if file == n || strings.HasPrefix(file, n+"/") {
			return true
		}
	}
	return false
}

// validate runs the schema over the workspace and adds the load problems.
func (r *repo) validate() []finding.Finding {
	out := append([]finding.Finding{}, r.ws.Findings...)
	out = append(out, r.schemas.Workspace(r.ws)...)
	finding.Sort(out)
	return out
}

// source finds a loaded document for text snippets.
func (r *repo) source(path string) *policydoc.Document {
	if f := r.ws.File(path); f != nil {
		return f.Doc
	}
	if r.config != nil && r.config.Doc != nil && r.config.Path == path {
		return r.config.Doc
	}
	return nil
}

// result starts a report result for the repository.
func (r *repo) result(fs []finding.Finding) *report.Result {
	res := &report.Result{Findings: r.reported(fs), Files: len(r.ws.Files), Source: r.source}
	for _, f := range r.ws.Files {
		if r.inNarrow(f.Path) {
			res.CheckedFiles = append(res.CheckedFiles, f.Path)
		}
	}
	return res
}
