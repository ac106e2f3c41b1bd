// Package lint runs rampart's Rego rules over a loaded workspace. It embeds
// OPA as a library: the catalogue (package rules) and any custom rule
// folders are parsed, type-checked against the JSON schema of the input and
// compiled once, with a restricted set of built-in functions (see RemovedBuiltins)
// plus rampart's catalogue functions (rampart.action, rampart.expand …).
//
// A run has two passes. The document pass evaluates every document rule
// (a package defining `deny`) on each policy document of the repository,
// in parallel, sharing one prepared query per dialect and kind; the input
// is the normalized document (rules/input/document.json). The workspace
// pass evaluates every aggregate rule (a package defining `aggregate`)
// once, with the whole workspace as input (rules/input/workspace.json).
//
// Rules only say what is wrong and where, as a JSON pointer. Everything
// else is written once, here: positions and fingerprints, severities from
// the configuration, suppressions and their expiry, the baseline, time
// bounds and rule errors.
package lint

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/rampart-iam/rampart/internal/finding"
	"github.com/rampart-iam/rampart/internal/workspace"
)

// DefaultTimeout bounds one evaluation: of one document by every document
// rule, or of the workspace by every aggregate rule.
const DefaultTimeout = 5 * time.Second

// Options configure an engine.
type Options struct {
	// RuleDirs are folders of custom rules named on the command line
	// (--rules DIR), as operating-system paths.
	RuleDirs []string
	// Config is rampart.yaml; nil means every default. Its rules.paths
	// folders are read from FS.
	Config *workspace.Config
	// FS is the repository the paths in Config (rules.paths, baseline) are
	// relative to; nil means the current directory.
	FS fs.FS
	// Timeout bounds one evaluation; zero means DefaultTimeout.
	Timeout time.Duration
	// Now is the time suppressions expire against and rules read through
	// time.now_ns; nil means time.Now.
	Now func() time.Time
	// Workers bounds how many documents are evaluated at once; zero means
	// one per CPU (GOMAXPROCS).
	Workers int
}

// Engine holds compiled rules and the configuration that applies to them.
// It is safe for concurrent use.
type Engine struct {
	opts      Options
	cfg       *workspace.Config
	compiler  *ast.Compiler
	rules     []RuleInfo // every rule of the catalogue, sorted by ID
	byID      map[string]*RuleInfo
	enabled   map[string]bool // by rule ID, after rules.enable and rules.disable
	severity  map[string]finding.Severity
	options   ruleOptions // rules.options, checked against the rules' declarations
	supps     []suppression
	baseline  map[string]int // fingerprint -> entries
	notes     []Note         // from New, repeated in every Result
	funcs     *catalogFuncs
	queries   sync.Map // queryKey -> *preparedQuery
	pages     map[string]string
	pagesOnce sync.Once
	pagesErr  error
}

// New loads, checks and compiles the embedded rules and the custom rule
// folders, and resolves the configuration against them. Errors are about
// the rules or the configuration (exit code 2): a rule that does not
// compile, a METADATA mistake, an unknown rule in rules.disable, a
// suppression without a reason — each with its file and line.
func New(opts Options) (*Engine, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.FS == nil {
		opts.FS = os.DirFS(".")
	}
	cfg := opts.Config
	if cfg == nil {
		cfg = &workspace.Config{}
	}
	e := &Engine{opts: opts, cfg: cfg, funcs: &catalogFuncs{}}
	var sources []source
	for _, p := range cfg.Rules.Paths {
		p = strings.TrimSuffix(path.Clean(p), "/")
		sources = append(sources, source{fsys: opts.FS, root: p, display: p, custom: true})
	}
	for _, d := range opts.RuleDirs {
		sources = append(sources, dirSource(d))
	}
	var c *compiled
	var err error
	if len(sources) == 0 {
		c, err = embeddedCatalogue()
	} else {
		c, err = compile(append([]source{embeddedSource()}, sources...))
	}
	if err != nil {
		return nil, err
	}
	e.compiler = c.compiler
	e.rules = append(slices.Clone(c.infos), builtinRules()...)
	slices.SortFunc(e.rules, func(a, b RuleInfo) int { return strings.Compare(a.ID, b.ID) })
	e.byID = map[string]*RuleInfo{}
	for i := range e.rules {
		e.byID[e.rules[i].ID] = &e.rules[i]
	}
	if err := e.configure(); err != nil {
		return nil, err
	}
	if e.options, err = e.optionsOf(cfg); err != nil {
		return nil, err
	}
	if err := e.loadSuppressions(); err != nil {
		return nil, err
	}
	if err := e.loadBaseline(); err != nil {
		return nil, err
	}
	return e, nil
}

// compiled is a compiled set of rule sources.
type compiled struct {
	compiler *ast.Compiler // read-only once compiled
	infos    []RuleInfo
}

// compile loads, checks and compiles rule sources.
func compile(sources []source) (*compiled, error) {
	mods, infos, err := loadSources(sources, false)
	if err != nil {
		return nil, err
	}
	ss, err := schemaSet()
	if err != nil {
		return nil, err
	}
	c := newCompiler(ss)
	c.Compile(mods)
	if c.Failed() {
		return nil, compileError(c.Errors)
	}
	return &compiled{compiler: c, infos: infos}, nil
}

// embeddedCatalogue is the embedded rules compiled, once per process and
// shared by every engine without custom rules: the rules are fixed when
// rampart is built, nothing changes a compiled compiler, and compiling
// them is most of what a short run costs.
var embeddedCatalogue = sync.OnceValues(func() (*compiled, error) {
	return compile([]source{embeddedSource()})
})

func dirSource(d string) source {
	return source{fsys: os.DirFS(d), root: ".", display: strings.TrimSuffix(d, "/"), custom: true}
}

// loadSources parses every source and checks the rule packages: their
// METADATA, and that IDs and names are unique. With tests it parses
// *_test.rego files too.
func loadSources(sources []source, tests bool) (map[string]*ast.Module, []RuleInfo, error) {
	mods := map[string]*ast.Module{}
	var infos []RuleInfo
	for _, s := range sources {
		m, err := s.parse(tests)
		if err != nil {
			return nil, nil, err
		}
		rs, err := catalogueRules(m, s.custom)
		if err != nil {
			return nil, nil, err
		}
		for i := range rs {
			rel := rs[i].Dir()
			if s.display != "." {
				rel = strings.TrimPrefix(strings.TrimPrefix(rel, s.display), "/")
			}
			rs[i].src, rs[i].srcDir = s.fsys, path.Join(s.root, rel)
		}
		for name, mod := range m {
			if _, dup := mods[name]; dup {
				return nil, nil, fmt.Errorf("%s: the same rule file is loaded twice", name)
			}
			mods[name] = mod
		}
		infos = append(infos, rs...)
	}
	seenID, seenName := map[string]string{}, map[string]string{}
	for _, b := range builtinRules() {
		seenID[b.ID], seenName[b.Name] = "a rule of rampart itself", "a rule of rampart itself"
	}
	for _, r := range infos {
		if other, dup := seenID[r.ID]; dup {
			return nil, nil, fmt.Errorf("%s: rule ID %s is used by %s already", r.File, r.ID, other)
		}
		if other, dup := seenName[r.Name]; dup {
			return nil, nil, fmt.Errorf("%s: rule name %s is used by %s already", r.File, r.Name, other)
		}
		seenID[r.ID], seenName[r.Name] = r.File, r.File
	}
	return mods, infos, nil
}

// TestBuiltin is a custom built-in function for OPA's test runner; it has
// the shape of tester.Builtin.
type TestBuiltin struct {
	Decl *ast.Builtin
	Func func(*rego.Rego)
}

// TestSetup returns what OPA's test runner needs to run Rego tests the way
// production compiles the rules: the parsed modules, tests included, of the
// embedded catalogue and of the given custom folders; an uncompiled
// compiler with rampart's schemas, capabilities and strict mode; and the
// catalogue functions.
func TestSetup(dirs ...string) (*ast.Compiler, map[string]*ast.Module, []TestBuiltin, error) {
	sources := []source{embeddedSource()}
	for _, d := range dirs {
		sources = append(sources, dirSource(d))
	}
	mods, _, err := loadSources(sources, true)
	if err != nil {
		return nil, nil, nil, err
	}
	ss, err := schemaSet()
	if err != nil {
		return nil, nil, nil, err
	}
	impls := (&catalogFuncs{}).options()
	var bs []TestBuiltin
	for _, d := range builtinDecls() {
		bs = append(bs, TestBuiltin{Decl: &ast.Builtin{Name: d.Name, Description: d.Description, Decl: d.Decl}, Func: impls[d.Name]})
	}
	return newCompiler(ss), mods, bs, nil
}

// Rules returns the catalogue: every Rego rule (embedded and custom) and
// every rule written in Go (validation, simulation, the engine's own),
// sorted by ID, with the severity the configuration gives them and whether
// it turns them on.
func (e *Engine) Rules() []RuleInfo {
	out := make([]RuleInfo, len(e.rules))
	for i, r := range e.rules {
		r.Severity = e.severityOf(r.ID, r.Severity)
		r.Enabled = e.enabled[r.ID]
		out[i] = r
	}
	return out
}

// Rule returns one rule of the catalogue by ID or name, with the
// severity the configuration gives it and whether it turns it on.
func (e *Engine) Rule(idOrName string) (RuleInfo, bool) {
	r := e.lookup(idOrName)
	if r == nil {
		return RuleInfo{}, false
	}
	out := *r
	out.Severity = e.severityOf(r.ID, r.Severity)
	out.Enabled = e.enabled[r.ID]
	return out, true
}

// lookup finds a rule of the catalogue by ID or name; nil when there is
// none.
func (e *Engine) lookup(idOrName string) *RuleInfo {
	if r, ok := e.byID[idOrName]; ok {
		return r
	}
	for i := range e.rules {
		if e.rules[i].Name == idOrName {
			return &e.rules[i]
		}
	}
	return nil
}
