package lint

import (
	"bytes"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"go.yaml.in/yaml/v3"

	"github.com/rampart-iam/rampart/internal/finding"
	"github.com/rampart-iam/rampart/internal/policydoc"
)

// Scope says which pass evaluates a rule.
type Scope string

// The scopes.
const (
	// ScopeDocument rules define `deny` and see one policy document at a
	// time (schema.document).
	ScopeDocument Scope = "document"
	// ScopeWorkspace rules define `aggregate` and see the whole workspace
	// once (schema.workspace).
	ScopeWorkspace Scope = "workspace"
	// ScopeBuiltin rules are written in Go: validation, simulation and the
	// engine's own findings.
	ScopeBuiltin Scope = "builtin"
)

// RuleInfo describes one rule of the catalogue.
type RuleInfo struct {
	finding.Rule
	Rationale string
	// Default is whether the rule runs without being named in rules.enable.
	Default bool
	// Enabled is whether the rule runs with the engine's configuration.
	Enabled bool
	// Kinds are the document kinds a document rule is evaluated on; empty
	// means every kind.
	Kinds []policydoc.Kind
	Scope Scope
	// Related are the related_resources links of the METADATA.
	Related []string
	// Package is the Rego package ("data.rampart.rules.least_privilege.full_admin");
	// empty for built-in rules.
	Package string
	// File is the rule's .rego file ("rules/least_privilege/full_admin/full_admin.rego").
	File string
	// Custom is true for rules loaded from rules.paths or a --rules folder.
	Custom bool
	// Options are the settings the rule reads from rules.options in
	// rampart.yaml (at data.rampart.options[ID]), sorted by name.
	Options []Option

	src    fs.FS  // where the rule's folder is, for its examples
	srcDir string // the rule's folder in src
}

// Dir is the folder of the rule's .rego file; empty for built-in rules.
func (r RuleInfo) Dir() string {
	if i := strings.LastIndexByte(r.File, '/'); i >= 0 {
		return r.File[:i]
	}
	return ""
}

// AppliesTo reports whether a document rule is evaluated on documents of
// this dialect and kind.
func (r RuleInfo) AppliesTo(d policydoc.Dialect, k policydoc.Kind) bool {
	if !slices.Contains(r.Dialects, string(d)) {
		return false
	}
	return len(r.Kinds) == 0 || slices.Contains(r.Kinds, k)
}

// families maps the ID prefix of every embedded rule to its category.
// Custom rules may not use these prefixes, nor the built-in ones.
var families = map[string]string{
	"SCH": "schema",
	"LP":  "least-privilege",
	"TR":  "trust",
	"PE":  "privilege-escalation",
	"CND": "conditions",
	"RED": "redundancy",
	"HYG": "hygiene",
	"DX":  "exfiltration",
	"CR":  "credentials",
}

// builtinFamilies are the prefixes of rules written in Go.
var builtinFamilies = []string{"VAL", "SIM", "CFG", "RUN"}

var (
	idPattern   = regexp.MustCompile(`^([A-Z]{2,6})([0-9]{3})$`)
	namePattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
)

// metadataKeys are the METADATA keys a rule package may use; OPA itself
// ignores unknown keys, rampart does not.
var metadataKeys = []string{"scope", "title", "description", "related_resources", "authors", "organizations", "schemas", "custom"}

// customKeys are the keys of the custom: block.
var customKeys = []string{"id", "name", "severity", "dialects", "kinds", "default", "rationale", "remediation", "options"}

// rawCustom is the custom: block of a rule's METADATA.
type rawCustom struct {
	ID          string   `yaml:"id"`
	Name        string   `yaml:"name"`
	Severity    string   `yaml:"severity"`
	Dialects    []string `yaml:"dialects"`
	Kinds       []string `yaml:"kinds"`
	Default     string   `yaml:"default"`
	Rationale   string   `yaml:"rationale"`
	Remediation string   `yaml:"remediation"`
}

// metadataError is a problem in a rule's METADATA, at its position.
func metadataError(loc *ast.Location, format string, args ...any) error {
	where := "?"
	if loc != nil {
		where = fmt.Sprintf("%s:%d", loc.File, loc.Row)
	}
	return fmt.Errorf("%s: rule METADATA: %s", where, fmt.Sprintf(format, args...))
}

// rawMetadata returns the text of the METADATA block that starts at loc,
// as OPA reads it, so rampart can check keys OPA ignores.
func rawMetadata(mod *ast.Module, loc *ast.Location) []byte {
	var buf bytes.Buffer
	row := -1
	for _, c := range mod.Comments {
		if row < 0 {
			if c.Location.Row == loc.Row && ast.IsMetadataComment(c) {
				row = c.Location.Row
			}
			continue
		}
		if c.Location.Row != row+1 {
			break
		}
		row = c.Location.Row
		buf.Write(bytes.TrimPrefix(c.Text, []byte(" ")))
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}

// strictKeys decodes a YAML mapping and reports keys outside allowed.
func strictKeys(node *yaml.Node, allowed []string) []string {
	if node == nil || node.Kind != yaml.MappingNode {
		return nil
	}
	var unknown []string
	for i := 0; i+1 < len(node.Content); i += 2 {
		if k := node.Content[i].Value; !slices.Contains(allowed, k) {
			unknown = append(unknown, k)
		}
	}
	return unknown
}

// decodeRule turns the package METADATA of a rule module into a RuleInfo.
// category and slug come from the package path; custom is true for rules
// outside the embedded catalogue.
func decodeRule(mod *ast.Module, a *ast.Annotations, category, slug string, scope Scope, custom bool) (RuleInfo, error) {
	loc := a.Location
	raw := rawMetadata(mod, loc)
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return RuleInfo{}, metadataError(loc, "%v", err)
	}
	var top *yaml.Node
	if len(doc.Content) > 0 {
		top = doc.Content[0]
	}
	if unknown := strictKeys(top, metadataKeys); len(unknown) > 0 {
		return RuleInfo{}, metadataError(loc, "unknown key %s; the keys are %s", quoted(unknown), strings.Join(metadataKeys, ", "))
	}
	var customNode *yaml.Node
	if top != nil {
		for i := 0; i+1 < len(top.Content); i += 2 {
			if top.Content[i].Value == "custom" {
				customNode = top.Content[i+1]
			}
		}
	}
	if customNode == nil {
		return RuleInfo{}, metadataError(loc, "no custom: block; a rule needs custom: {id, name, severity, dialects, rationale, remediation}")
	}
	if unknown := strictKeys(customNode, customKeys); len(unknown) > 0 {
		return RuleInfo{}, metadataError(loc, "unknown key %s under custom; the keys are %s", quoted(unknown), strings.Join(customKeys, ", "))
	}
	var c rawCustom
	if err := customNode.Decode(&c); err != nil {
		return RuleInfo{}, metadataError(loc, "custom: %v", err)
	}
	var optionsNode *yaml.Node
	for i := 0; i+1 < len(customNode.Content); i += 2 {
		if customNode.Content[i].Value == "options" {
			optionsNode = customNode.Content[i+1]
		}
	}
	options, err := decodeOptions(optionsNode)
	if err != nil {
		return RuleInfo{}, metadataError(loc, "%v", err)
	}
	r := RuleInfo{
		Rule: finding.Rule{
			ID: c.ID, Name: c.Name, Category: category, Title: strings.TrimSpace(a.Title),
			Description: strings.TrimSpace(a.Description), Remediation: strings.TrimSpace(c.Remediation),
		},
		Rationale: strings.TrimSpace(c.Rationale),
		Options:   options,
		Scope:     scope,
		Custom:    custom,
		File:      loc.File,
		Package:   mod.Package.Path.String(),
	}
	for _, rr := range a.RelatedResources {
		if rr.Ref.String() != "" {
			r.Related = append(r.Related, rr.Ref.String())
		}
	}
	var missing []string
	for _, f := range []struct{ name, v string }{
		{"title", r.Title}, {"description", r.Description}, {"custom.id", c.ID}, {"custom.name", c.Name},
		{"custom.severity", c.Severity}, {"custom.rationale", r.Rationale}, {"custom.remediation", r.Remediation},
	} {
		if f.v == "" {
			missing = append(missing, f.name)
		}
	}
	if len(c.Dialects) == 0 {
		missing = append(missing, "custom.dialects")
	}
	if len(missing) > 0 {
		return RuleInfo{}, metadataError(loc, "missing %s", strings.Join(missing, ", "))
	}
	m := idPattern.FindStringSubmatch(c.ID)
	if m == nil {
		return RuleInfo{}, metadataError(loc, "id %q: want a family prefix of 2 to 6 capital letters and three digits, like LP001", c.ID)
	}
	family := m[1]
	if custom {
		if _, reserved := families[family]; reserved || slices.Contains(builtinFamilies, family) {
			return RuleInfo{}, metadataError(loc, "id %q: the prefix %s belongs to rampart's own rules; choose another, like ORG001", c.ID, family)
		}
	} else if want, ok := families[family]; !ok {
		return RuleInfo{}, metadataError(loc, "id %q: unknown family %s", c.ID, family)
	} else if want != category {
		return RuleInfo{}, metadataError(loc, "id %q: %s rules belong in the %s category, not %s", c.ID, family, want, category)
	}
	if !namePattern.MatchString(c.Name) {
		return RuleInfo{}, metadataError(loc, "name %q: want lower-case words joined by hyphens", c.Name)
	}
	if strings.ReplaceAll(c.Name, "-", "_") != slug {
		return RuleInfo{}, metadataError(loc, "name %q does not match the package's last part %q (the folder name)", c.Name, slug)
	}
	sev, err := finding.ParseSeverity(c.Severity)
	if err != nil {
		return RuleInfo{}, metadataError(loc, "severity: %v", err)
	}
	r.Severity = sev
	for _, d := range c.Dialects {
		dd, err := policydoc.ParseDialect(d)
		if err != nil || string(dd) != d {
			return RuleInfo{}, metadataError(loc, "dialect %q: want acs, jdcloud or aws", d)
		}
		if slices.Contains(r.Dialects, d) {
			return RuleInfo{}, metadataError(loc, "dialect %q listed twice", d)
		}
		r.Dialects = append(r.Dialects, d)
	}
	for _, k := range c.Kinds {
		kk, err := policydoc.ParseKind(k)
		if err != nil || string(kk) != k {
			return RuleInfo{}, metadataError(loc, "kind %q: want one of %s", k, kindList())
		}
		r.Kinds = append(r.Kinds, kk)
	}
	if len(r.Kinds) > 0 && scope == ScopeWorkspace {
		return RuleInfo{}, metadataError(loc, "kinds: only document rules (deny) are filtered by kind; an aggregate rule chooses its documents itself")
	}
	switch c.Default {
	case "", "on":
		r.Default = true
	case "off":
	default:
		return RuleInfo{}, metadataError(loc, "default %q: want on or off", c.Default)
	}
	if !custom {
		r.HelpURI = docURL(r)
	}
	return r, nil
}

// docURL is where the generated page of an embedded rule is published.
func docURL(r RuleInfo) string {
	return "https://github.com/rampart-iam/rampart/blob/main/" + r.Dir() + "/README.md"
}

func kindList() string {
	ks := make([]string, len(policydoc.Kinds))
	for i, k := range policydoc.Kinds {
		ks[i] = string(k)
	}
	return strings.Join(ks, ", ")
}

func quoted(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
