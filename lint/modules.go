package lint

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-iam/rampart/rules"
)

// Rego namespaces. Embedded rules live in rampart.rules.<category>.<slug>
// and their helpers in rampart.lib.*; custom rules in
// custom.rules.<category>.<slug> and custom.lib.*. A custom module may not
// add to rampart's packages: Rego merges packages across files, so that
// would change how embedded rules behave.
var (
	embeddedRules = ast.MustParseRef("data.rampart.rules")
	embeddedLib   = ast.MustParseRef("data.rampart.lib")
	customRules   = ast.MustParseRef("data.custom.rules")
	customLib     = ast.MustParseRef("data.custom.lib")
)

// maxRuleFile bounds the size of one .rego file.
const maxRuleFile = 1 << 20

// source is a set of Rego files: the embedded catalogue or one custom folder.
type source struct {
	fsys    fs.FS
	root    string // folder inside fsys
	display string // prefix for file names in messages
	custom  bool
}

func embeddedSource() source { return source{fsys: rules.FS, root: ".", display: "rules"} }

// parse reads and parses the .rego files of a source; with tests it
// includes *_test.rego files.
func (s source) parse(tests bool) (map[string]*ast.Module, error) {
	mods := map[string]*ast.Module{}
	err := fs.WalkDir(s.fsys, s.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("read rules: %w", err)
		}
		if d.IsDir() {
			if p != s.root && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".rego") || (!tests && strings.HasSuffix(p, "_test.rego")) {
			return nil
		}
		name := s.name(p)
		info, err := d.Info()
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		if info.Size() > maxRuleFile {
			return fmt.Errorf("%s: %d bytes, more than the limit of %d for a rule file", name, info.Size(), maxRuleFile)
		}
		src, err := fs.ReadFile(s.fsys, p)
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		mod, err := ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			return fmt.Errorf("parse rules: %w", err)
		}
		if err := s.checkNamespace(mod, strings.HasSuffix(p, "_test.rego")); err != nil {
			return err
		}
		mods[name] = mod
		return nil
	})
	if err != nil {
		return nil, err
	}
	return mods, nil
}

func (s source) name(p string) string {
	rel := strings.TrimPrefix(strings.TrimPrefix(p, s.root), "/")
	if s.root == "." {
		rel = p
	}
	return path.Join(s.display, rel)
}

func (s source) checkNamespace(mod *ast.Module, test bool) error {
	pkg := mod.Package.Path
	rulesNS, libNS := embeddedRules, embeddedLib
	if s.custom {
		rulesNS, libNS = customRules, customLib
	}
	loc := mod.Package.Location
	switch {
	case pkg.HasPrefix(libNS) && len(pkg) > len(libNS):
		return nil
	case pkg.HasPrefix(rulesNS):
		segs := len(pkg) - len(rulesNS)
		if segs == 2 || (test && segs >= 2) {
			return nil
		}
		return fmt.Errorf("%s:%d: package %s: a rule's package is %s.<category>.<slug>", loc.File, loc.Row, pkgName(pkg), pkgName(rulesNS))
	}
	return fmt.Errorf("%s:%d: package %s: rule files must declare a package under %s (rules) or %s (helpers)",
		loc.File, loc.Row, pkgName(pkg), pkgName(rulesNS), pkgName(libNS))
}

// pkgName prints a package path without its data. prefix.
func pkgName(r ast.Ref) string { return strings.TrimPrefix(r.String(), "data.") }

// catalogueRules finds the rule packages among parsed modules and decodes
// their METADATA.
func catalogueRules(mods map[string]*ast.Module, custom bool) ([]RuleInfo, error) {
	type pkgState struct {
		annotated *ast.Module
		ann       *ast.Annotations
		deny      bool
		aggregate bool
		files     []string
	}
	ns := embeddedRules
	if custom {
		ns = customRules
	}
	pkgs := map[string]*pkgState{}
	names := make([]string, 0, len(mods))
	for name := range mods {
		names = append(names, name)
	}
	slices.Sort(names)
	var order []string
	for _, name := range names {
		mod := mods[name]
		pkg := mod.Package.Path
		if !pkg.HasPrefix(ns) || len(pkg) != len(ns)+2 || strings.HasSuffix(pkgName(pkg), "_test") {
			continue
		}
		key := pkg.String()
		st := pkgs[key]
		if st == nil {
			st = &pkgState{}
			pkgs[key] = st
			order = append(order, key)
		}
		st.files = append(st.files, name)
		for _, a := range mod.Annotations {
			if a.Scope != "package" {
				continue
			}
			if st.ann != nil {
				return nil, fmt.Errorf("%s:%d: package %s has METADATA in %s already", a.Location.File, a.Location.Row, pkgName(pkg), st.ann.Location.File)
			}
			st.ann, st.annotated = a, mod
		}
		for _, r := range mod.Rules {
			switch r.Head.Name.String() {
			case "deny":
				st.deny = true
			case "aggregate":
				st.aggregate = true
			}
		}
	}
	var out []RuleInfo
	for _, key := range order {
		st := pkgs[key]
		pkg := ast.MustParseRef(key)
		file := st.files[0]
		if st.ann == nil {
			return nil, fmt.Errorf("%s: package %s has no package METADATA; a rule describes itself with title, description and custom: {id, name, severity, dialects, rationale, remediation}", file, pkgName(pkg))
		}
		var scope Scope
		switch {
		case st.deny && st.aggregate:
			return nil, fmt.Errorf("%s: package %s defines both deny and aggregate; a rule is one or the other", file, pkgName(pkg))
		case st.deny:
			scope = ScopeDocument
		case st.aggregate:
			scope = ScopeWorkspace
		default:
			return nil, fmt.Errorf("%s: package %s defines neither deny (a document rule) nor aggregate (a workspace rule)", file, pkgName(pkg))
		}
		category := kebab(string(pkg[len(pkg)-2].Value.(ast.String)))
		slug := string(pkg[len(pkg)-1].Value.(ast.String))
		r, err := decodeRule(st.annotated, st.ann, category, slug, scope, custom)
		if err != nil {
			return nil, err
		}
		if scope == ScopeWorkspace {
			// Type aggregate rules against the workspace schema; every other
			// module is typed against the document schema (the root).
			st.ann.Schemas = append(st.ann.Schemas, &ast.SchemaAnnotation{Path: ast.InputRootRef, Schema: workspaceSchemaRef})
		}
		out = append(out, r)
	}
	return out, nil
}

var (
	documentSchemaRef  = ast.MustParseRef("schema.document")
	workspaceSchemaRef = ast.MustParseRef("schema.workspace")
)

// schemaSet loads the input schemas: schema.document (also the type of
// input everywhere unless a package says otherwise) and schema.workspace,
// which gets the document schema's definitions added.
func schemaSet() (*ast.SchemaSet, error) {
	load := func(name string) (map[string]any, error) {
		b, err := fs.ReadFile(rules.FS, "input/"+name+".json")
		if err != nil {
			return nil, fmt.Errorf("read input schema: %w", err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("input schema %s: %w", name, err)
		}
		return m, nil
	}
	doc, err := load("document")
	if err != nil {
		return nil, err
	}
	ws, err := load("workspace")
	if err != nil {
		return nil, err
	}
	if err := mergeDocumentSchema(ws, doc); err != nil {
		return nil, err
	}
	ss := ast.NewSchemaSet()
	ss.Put(ast.SchemaRootRef, doc)
	ss.Put(documentSchemaRef, doc)
	ss.Put(workspaceSchemaRef, ws)
	return ss, nil
}

// WorkspaceSchema returns the workspace input schema with the document
// schema's definitions merged in, as the type checker sees it.
func WorkspaceSchema() (map[string]any, error) {
	ss, err := schemaSet()
	if err != nil {
		return nil, err
	}
	return ss.Get(workspaceSchemaRef).(map[string]any), nil
}

// DocumentSchema returns the document input schema.
func DocumentSchema() (map[string]any, error) {
	ss, err := schemaSet()
	if err != nil {
		return nil, err
	}
	return ss.Get(documentSchemaRef).(map[string]any), nil
}

func mergeDocumentSchema(ws, doc map[string]any) error {
	wdefs, _ := ws["definitions"].(map[string]any)
	ddefs, _ := doc["definitions"].(map[string]any)
	if wdefs == nil || ddefs == nil {
		return errors.New("input schemas: both need definitions")
	}
	for k, v := range ddefs {
		if _, dup := wdefs[k]; dup {
			return fmt.Errorf("input schemas: definition %q is in both", k)
		}
		wdefs[k] = v
	}
	root := map[string]any{}
	for k, v := range doc {
		if k != "definitions" && k != "$schema" {
			root[k] = v
		}
	}
	wdefs["document"] = root
	return nil
}

// compileError turns compiler errors into one error listing each with its
// file and line.
func compileError(errs ast.Errors) error {
	errs.Sort()
	lines := make([]string, len(errs))
	for i, e := range errs {
		lines[i] = e.Error()
	}
	return fmt.Errorf("compile rules:\n%s", strings.Join(lines, "\n"))
}

// newCompiler returns a compiler with rampart's schemas and capabilities.
func newCompiler(ss *ast.SchemaSet) *ast.Compiler {
	return ast.NewCompiler().
		WithSchemas(ss).
		WithUseTypeCheckAnnotations(true).
		WithCapabilities(Capabilities()).
		WithStrict(true)
}
