package rules_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/xeipuuv/gojsonschema"

	"github.com/rampart-iam/rampart/internal/workspace"
	"github.com/rampart-iam/rampart/lint"
	"github.com/rampart-iam/rampart/rules"
	"github.com/rampart-iam/rampart/schema"
)

var update = flag.Bool("update", false, "rewrite the generated pages and the examples' .want files")

var (
	engineOnce sync.Once
	engine     *lint.Engine
	engineErr  error
)

// examplesNow is the time the examples and the generated pages are
// evaluated at, so that findings about ages and dates ("created 2800 days
// ago", "the window ended") do not change with the day the tests run.
var examplesNow = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// catalogue returns an engine with the embedded rules and no configuration,
// whose clock stands at examplesNow.
func catalogue(t *testing.T) *lint.Engine {
	t.Helper()
	engineOnce.Do(func() {
		engine, engineErr = lint.New(lint.Options{Now: func() time.Time { return examplesNow }})
	})
	if engineErr != nil {
		t.Fatal(engineErr)
	}
	return engine
}

// regoRules are the embedded Rego rules.
func regoRules(t *testing.T) []lint.RuleInfo {
	var out []lint.RuleInfo
	for _, r := range catalogue(t).Rules() {
		if r.Scope != lint.ScopeBuiltin && !r.Custom {
			out = append(out, r)
		}
	}
	return out
}

// local turns a rule's path ("rules/x/y") into one relative to this
// package's folder.
func local(p string) string { return strings.TrimPrefix(p, "rules/") }

var idPattern = regexp.MustCompile(`^(SCH|LP|TR|PE|CND|RED|HYG|DX|CR)[0-9]{3}$`)

func TestCatalogue(t *testing.T) {
	rs := regoRules(t)
	if len(rs) < 12 {
		t.Fatalf("%d rules, want at least 12", len(rs))
	}
	ids, names := map[string]string{}, map[string]string{}
	for _, r := range rs {
		t.Run(r.ID, func(t *testing.T) {
			if !idPattern.MatchString(r.ID) {
				t.Errorf("ID %q is not a family prefix and three digits", r.ID)
			}
			if other, dup := ids[r.ID]; dup {
				t.Errorf("ID %s is also %s's", r.ID, other)
			}
			if other, dup := names[r.Name]; dup {
				t.Errorf("name %s is also %s's", r.Name, other)
			}
			ids[r.ID], names[r.Name] = r.File, r.File
			slug := strings.ReplaceAll(r.Name, "-", "_")
			want := path.Join("rules", strings.ReplaceAll(r.Category, "-", "_"), slug, slug+".rego")
			if r.File != want {
				t.Errorf("rule file %s, want %s (rules/<category>/<slug>/<slug>.rego)", r.File, want)
			}
			if _, err := fs.Stat(rules.FS, local(strings.TrimSuffix(want, ".rego")+"_test.rego")); err != nil {
				t.Errorf("no Rego tests beside the rule: %v", err)
			}
			for _, s := range []struct{ name, v string }{{"title", r.Title}, {"description", r.Description}, {"rationale", r.Rationale}, {"remediation", r.Remediation}} {
				if strings.TrimSpace(s.v) == "" {
					t.Errorf("empty %s", s.name)
				}
			}
			if strings.HasSuffix(r.Title, ".") {
				t.Errorf("title %q ends with a full stop; it is a heading", r.Title)
			}
			if len(r.Dialects) == 0 {
				t.Error("no dialects")
			}
		})
	}
}

// exampleWorkspace loads an example, failing the test on load or schema
// problems: examples must be valid documents.
func exampleProblems(t *testing.T, ex lint.Example) []string {
	t.Helper()
	ws, err := ex.Workspace(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	v, err := schema.New()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range append(ws.Findings, v.Workspace(ws)...) {
		out = append(out, fmt.Sprintf("%s: %s %s", f.Location(), f.Rule, f.Message))
	}
	return out
}

func TestExamples(t *testing.T) {
	e := catalogue(t)
	for _, r := range regoRules(t) {
		t.Run(r.ID, func(t *testing.T) {
			exs, err := r.Examples()
			if err != nil {
				t.Fatal(err)
			}
			var bad, good int
			for _, ex := range exs {
				if ex.Bad {
					bad++
				} else {
					good++
				}
			}
			if bad == 0 || good == 0 {
				t.Fatalf("%d bad and %d good examples; a rule needs at least one of each", bad, good)
			}
			for _, ex := range exs {
				t.Run(ex.Name, func(t *testing.T) {
					if ps := exampleProblems(t, ex); len(ps) > 0 {
						t.Fatalf("the example is not a valid repository:\n%s", strings.Join(ps, "\n"))
					}
					run, err := e.RunExample(context.Background(), r.ID, ex)
					if err != nil {
						t.Fatal(err)
					}
					for _, p := range run.Problems {
						t.Errorf("%s: %s %s", p.Location(), p.Rule, p.Message)
					}
					got := make([]string, 0, len(run.Findings))
					for _, f := range run.Findings {
						got = append(got, lint.WantLine(f, ex.Dir))
					}
					if !ex.Bad {
						if len(got) > 0 {
							t.Errorf("a good example, but %s reports:\n%s", r.ID, strings.Join(got, "\n"))
						}
						return
					}
					if len(got) == 0 {
						t.Errorf("a bad example, but %s reports nothing", r.ID)
					}
					if slices.Equal(got, ex.Want) {
						return
					}
					file := filepath.Join(local(r.Dir()), filepath.FromSlash(ex.WantPath))
					if *update {
						if err := os.WriteFile(file, []byte(strings.Join(got, "\n")+"\n"), 0o644); err != nil {
							t.Fatal(err)
						}
						return
					}
					t.Errorf("%s does not match what %s reports (go test ./rules -update rewrites it)\n%s", file, r.ID, lineDiff(ex.Want, got))
				})
			}
		})
	}
}

// lineDiff lists the lines only one side has.
func lineDiff(want, got []string) string {
	var b strings.Builder
	for _, w := range want {
		if !slices.Contains(got, w) {
			fmt.Fprintf(&b, "  missing:    %s\n", w)
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			fmt.Fprintf(&b, "  unexpected: %s\n", g)
		}
	}
	if b.Len() == 0 {
		fmt.Fprintf(&b, "  same lines, another order: want\n    %s\n  got\n    %s\n", strings.Join(want, "\n    "), strings.Join(got, "\n    "))
	}
	return b.String()
}

// TestGenerated checks that every rule's README.md and the index are what
// the generator makes of the METADATA and examples now.
func TestGenerated(t *testing.T) {
	e := catalogue(t)
	check := func(file, want string) {
		got, err := os.ReadFile(file)
		if err == nil && string(got) == want {
			return
		}
		if *update {
			if err := os.WriteFile(file, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		if err != nil {
			t.Errorf("%v (go generate ./rules writes it)", err)
			return
		}
		t.Errorf("%s is stale: go generate ./rules rewrites it", file)
	}
	for _, r := range regoRules(t) {
		page, err := e.Explain(context.Background(), r.ID)
		if err != nil {
			t.Fatal(err)
		}
		check(filepath.Join(local(r.Dir()), "README.md"), page)
	}
	check("README.md", lint.Index(e.Rules()))
}

// TestFixtures checks that every rule on by default fires somewhere in
// the example repositories under fixtures/ (suppressed findings count).
func TestFixtures(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "fixtures", "*"))
	if err != nil {
		t.Fatal(err)
	}
	fired := map[string][]string{}
	loaded := 0
	for _, dir := range dirs {
		if info, err := os.Stat(dir); err != nil || !info.IsDir() {
			continue
		}
		root := os.DirFS(dir)
		cfg, _, err := workspace.LoadConfig(root, "")
		if err != nil {
			t.Logf("%s: %v; skipped", dir, err)
			continue
		}
		ws, err := workspace.LoadDir(context.Background(), dir, workspace.Options{Config: cfg})
		if err != nil {
			t.Logf("%s: %v; skipped", dir, err)
			continue
		}
		e, err := lint.New(lint.Options{Config: cfg, FS: root})
		if err != nil {
			t.Logf("%s: %v; skipped (a repository whose configuration is rejected)", dir, err)
			continue
		}
		res, err := e.Run(context.Background(), ws)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		loaded++
		for _, f := range res.Findings {
			fired[f.Rule] = append(fired[f.Rule], filepath.Base(dir))
		}
	}
	if loaded == 0 {
		t.Skip("no repositories under fixtures/ yet")
	}
	var silent []string
	for _, r := range regoRules(t) {
		if r.Default && len(fired[r.ID]) == 0 {
			silent = append(silent, r.ID+" "+r.Name)
		}
	}
	if len(silent) > 0 {
		t.Errorf("rules on by default that fire in none of the %d repositories under fixtures/:\n  %s", loaded, strings.Join(silent, "\n  "))
	}
}

// TestInputsMatchSchemas validates the input built for every example
// against the schemas the rules are type-checked with.
func TestInputsMatchSchemas(t *testing.T) {
	compile := func(s map[string]any) *gojsonschema.Schema {
		sl := gojsonschema.NewSchemaLoader()
		sl.Draft = gojsonschema.Draft7
		sl.AutoDetect = false
		sch, err := sl.Compile(gojsonschema.NewGoLoader(s))
		if err != nil {
			t.Fatal(err)
		}
		return sch
	}
	ds, err := lint.DocumentSchema()
	if err != nil {
		t.Fatal(err)
	}
	wss, err := lint.WorkspaceSchema()
	if err != nil {
		t.Fatal(err)
	}
	docSchema, wsSchema := compile(ds), compile(wss)
	validate := func(t *testing.T, s *gojsonschema.Schema, v any) {
		t.Helper()
		res, err := s.Validate(gojsonschema.NewGoLoader(v))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range res.Errors() {
			t.Errorf("%s: %s", e.Field(), e.Description())
		}
	}
	n := 0
	for _, r := range regoRules(t) {
		exs, err := r.Examples()
		if err != nil {
			t.Fatal(err)
		}
		for _, ex := range exs {
			t.Run(r.ID+"/"+ex.Name, func(t *testing.T) {
				ws, err := ex.Workspace(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range append(slices.Clone(ws.Policies), ws.Managed...) {
					in, err := lint.DocumentInput(p)
					if err != nil {
						t.Fatal(err)
					}
					validate(t, docSchema, in)
					n++
				}
				in, err := lint.WorkspaceInput(ws)
				if err != nil {
					t.Fatal(err)
				}
				validate(t, wsSchema, in)
			})
		}
	}
	if n == 0 {
		t.Fatal("no document inputs checked")
	}
}

// TestTestingHelpers checks that the Rego test builders
// (data.rampart.lib.testing.policy) normalize every example document as the
// engine does, so rule tests exercise the input rules really see.
func TestTestingHelpers(t *testing.T) {
	c, mods, funcs, err := lint.TestSetup()
	if err != nil {
		t.Fatal(err)
	}
	c.Compile(mods)
	if c.Failed() {
		t.Fatal(c.Errors)
	}
	builders := func(d, k string, stmts []any) (map[string]any, error) {
		lit, err := json.Marshal(stmts)
		if err != nil {
			return nil, err
		}
		opts := []func(*rego.Rego){rego.Compiler(c), rego.Query(fmt.Sprintf("x := data.rampart.lib.testing.policy(%q, %q, %s)", d, k, lit))}
		for _, f := range funcs {
			opts = append(opts, f.Func)
		}
		rs, err := rego.New(opts...).Eval(context.Background())
		if err != nil {
			return nil, err
		}
		if len(rs) != 1 {
			return nil, fmt.Errorf("%d results", len(rs))
		}
		return rs[0].Bindings["x"].(map[string]any), nil
	}
	n := 0
	for _, r := range regoRules(t) {
		exs, err := r.Examples()
		if err != nil {
			t.Fatal(err)
		}
		for _, ex := range exs {
			ws, err := ex.Workspace(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range ws.Policies {
				root, _ := p.Doc.Root.Interface().(map[string]any)
				stmts, ok := root["Statement"].([]any)
				if !ok || p.Dialect == "jdcloud" {
					continue // a lone statement, or keys in any case: the builders do not write those
				}
				want, err := lint.DocumentInput(p)
				if err != nil {
					t.Fatal(err)
				}
				got, err := builders(string(p.Dialect), string(p.Kind), stmts)
				if err != nil {
					t.Fatalf("%s/%s: %v", r.ID, ex.Name, err)
				}
				got["file"] = p.File()
				if g, w := canonical(t, got), canonical(t, want); g != w {
					t.Errorf("%s/%s %s: the builders give\n%s\nthe engine gives\n%s", r.ID, ex.Name, p.File(), g, w)
				}
				n++
			}
		}
	}
	if n == 0 {
		t.Fatal("no documents compared")
	}
}

// canonical encodes a value with principal entries sorted by pointer (the
// builders see a map, which has no order).
func canonical(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var x any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&x); err != nil {
		t.Fatal(err)
	}
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if es, ok := v["entries"].([]any); ok {
				sort.Slice(es, func(i, j int) bool {
					return es[i].(map[string]any)["pointer"].(string) < es[j].(map[string]any)["pointer"].(string)
				})
			}
			if cs, ok := v["conditions"].([]any); ok {
				sort.Slice(cs, func(i, j int) bool {
					return cs[i].(map[string]any)["pointer"].(string) < cs[j].(map[string]any)["pointer"].(string)
				})
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(x)
	out, err := json.MarshalIndent(x, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}
