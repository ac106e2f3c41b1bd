package lint

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing/fstest"

	"github.com/rampart-iam/rampart/internal/finding"
	"github.com/rampart-iam/rampart/internal/workspace"
)

// Example is one example of a rule, from the examples/ folder beside it:
// a policy or inventory file (bad_*.json, bad_*.yaml, good_*.json …) that
// is a repository of that one file, or a folder bad_*/ or good_*/ holding a
// small repository (rampart.yaml, iam/…) for rules that need more than one
// file. A file's dialect comes from its Version or the names it uses; when
// neither says, make the example a folder whose rampart.yaml sets dialect.
//
// A bad example has a sidecar <name>.want (bad_star.json → bad_star.want)
// listing the rule's exact findings, one per line, as WantLine writes them:
//
//	7:17 LP001 /Statement/0/Action
//	iam/policies/admin.trust.json:9:21 TR003 /Statement/0/Principal/RAM/0   (folder examples)
//
// A good example must produce no finding of the rule.
type Example struct {
	Name string // bad_star.json, or bad_unknown_account for a folder
	Bad  bool
	Dir  bool
	// Files are the example's files with paths relative to the example
	// (for a file example, its own name), sorted.
	Files []ExampleFile
	// Want are the lines of the .want sidecar; nil for a good example.
	Want []string
	// WantPath is the sidecar's path in the rule's folder (examples/bad_star.want).
	WantPath string
	fsys     fs.FS
	path     string
}

// ExampleFile is one file of an example.
type ExampleFile struct {
	Path    string
	Content []byte
}

func exampleExt(name string) bool {
	switch path.Ext(name) {
	case ".json", ".yaml", ".yml":
		return true
	}
	return false
}

// Examples reads the rule's examples, bad ones first, each sorted by name.
// Anything else in examples/ is an error: a file that is neither an example
// nor a sidecar, a .want without its example, a bad example without one.
func (r RuleInfo) Examples() ([]Example, error) {
	if r.src == nil {
		return nil, nil
	}
	dir := path.Join(r.srcDir, "examples")
	entries, err := fs.ReadDir(r.src, dir)
	if err != nil {
		return nil, fmt.Errorf("%s: examples: %w", r.ID, err)
	}
	wants := map[string]bool{}
	var out []Example
	for _, en := range entries {
		name := en.Name()
		if strings.HasSuffix(name, ".want") && !en.IsDir() {
			wants[strings.TrimSuffix(name, ".want")] = true
			continue
		}
		bad, good := strings.HasPrefix(name, "bad_"), strings.HasPrefix(name, "good_")
		if !bad && !good || (!en.IsDir() && !exampleExt(name)) {
			return nil, fmt.Errorf("%s/examples/%s: examples are bad_*.json|yaml, good_*.json|yaml, folders bad_*/ and good_*/, and .want sidecars", r.Dir(), name)
		}
		ex := Example{Name: name, Bad: bad, Dir: en.IsDir(), fsys: r.src, path: path.Join(dir, name)}
		if ex.Dir {
			err = fs.WalkDir(r.src, ex.path, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				b, err := fs.ReadFile(r.src, p)
				ex.Files = append(ex.Files, ExampleFile{Path: strings.TrimPrefix(p, ex.path+"/"), Content: b})
				return err
			})
		} else {
			var b []byte
			b, err = fs.ReadFile(r.src, ex.path)
			ex.Files = []ExampleFile{{Path: name, Content: b}}
		}
		if err != nil {
			return nil, fmt.Errorf("%s/examples/%s: %w", r.Dir(), name, err)
		}
		out = append(out, ex)
	}
	for i := range out {
		ex := &out[i]
		stem := ex.Name
		if !ex.Dir {
			stem = strings.TrimSuffix(stem, path.Ext(stem))
		}
		ex.WantPath = "examples/" + stem + ".want"
		has := wants[stem]
		delete(wants, stem)
		switch {
		case ex.Bad && !has:
			return nil, fmt.Errorf("%s/%s: missing: a bad example lists the findings it expects", r.Dir(), ex.WantPath)
		case !ex.Bad && has:
			return nil, fmt.Errorf("%s/%s: a good example expects no finding and has no .want", r.Dir(), ex.WantPath)
		case ex.Bad:
			b, err := fs.ReadFile(r.src, path.Join(r.srcDir, ex.WantPath))
			if err != nil {
				return nil, fmt.Errorf("%s/%s: %w", r.Dir(), ex.WantPath, err)
			}
			ex.Want = []string{}
			for _, line := range strings.Split(string(b), "\n") {
				if line = strings.TrimSpace(line); line != "" {
					ex.Want = append(ex.Want, line)
				}
			}
		}
	}
	for stem := range wants {
		return nil, fmt.Errorf("%s/examples/%s.want: no example %s.json, .yaml or folder beside it", r.Dir(), stem, stem)
	}
	slices.SortStableFunc(out, func(a, b Example) int {
		if a.Bad != b.Bad {
			if a.Bad {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out, nil
}

// Workspace loads an example as the repository it stands for.
func (ex Example) Workspace(ctx context.Context) (*workspace.Workspace, error) {
	var fsys fs.FS
	if ex.Dir {
		sub, err := fs.Sub(ex.fsys, ex.path)
		if err != nil {
			return nil, fmt.Errorf("example %s: %w", ex.Name, err)
		}
		fsys = sub
	} else {
		fsys = fstest.MapFS{ex.Name: {Data: ex.Files[0].Content}}
	}
	cfg, probs, err := workspace.LoadConfig(fsys, "")
	if err != nil {
		return nil, fmt.Errorf("example %s: %w", ex.Name, err)
	}
	if len(probs) > 0 {
		return nil, fmt.Errorf("example %s: %s", ex.Name, probs[0].Message)
	}
	ws, err := workspace.Load(ctx, fsys, ex.Name, workspace.Options{Config: cfg})
	if err != nil {
		return nil, fmt.Errorf("example %s: %w", ex.Name, err)
	}
	return ws, nil
}

// ExampleRun is what one rule found on an example.
type ExampleRun struct {
	// Findings are the rule's findings, sorted.
	Findings []finding.Finding
	// Problems are everything else: the workspace's load findings (a file
	// that does not parse, a missing reference) and the engine's (the rule
	// failed or timed out). An example should have none.
	Problems []finding.Finding
}

// RunExample loads an example and evaluates one rule on it, whether or not
// the configuration enables it, without suppressions or baseline. The rule
// options are those of the example's own rampart.yaml (a folder example),
// not the engine's.
func (e *Engine) RunExample(ctx context.Context, id string, ex Example) (ExampleRun, error) {
	ri := e.byID[id]
	if ri == nil || ri.Scope == ScopeBuiltin {
		return ExampleRun{}, fmt.Errorf("no Rego rule %s", id)
	}
	ws, err := ex.Workspace(ctx)
	if err != nil {
		return ExampleRun{}, err
	}
	opts, err := e.optionsOf(ws.Config)
	if err != nil {
		return ExampleRun{}, fmt.Errorf("example %s: %w", ex.Name, err)
	}
	r, err := e.evaluateAll(ctx, ws, opts, func(other *RuleInfo) bool { return other == ri })
	if err != nil {
		return ExampleRun{}, err
	}
	out := ExampleRun{Findings: slices.Clone(r.ruleOut[ri.ID])}
	out.Problems = append(slices.Clone(ws.Findings), r.problems...)
	finding.Sort(out.Findings)
	finding.Sort(out.Problems)
	return out, nil
}

// WantLine writes a finding as a line of a .want file: line:column, rule
// and pointer, preceded by the file for folder examples.
func WantLine(f finding.Finding, dir bool) string {
	var b bytes.Buffer
	if dir {
		b.WriteString(f.File)
		b.WriteByte(':')
	}
	b.WriteString(strconv.Itoa(f.Line))
	b.WriteByte(':')
	b.WriteString(strconv.Itoa(f.Column))
	b.WriteByte(' ')
	b.WriteString(f.Rule)
	b.WriteByte(' ')
	b.WriteString(f.Pointer)
	return strings.TrimSpace(b.String())
}
