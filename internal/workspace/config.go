package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"

	"github.com/rampart-iam/rampart/internal/finding"
	"github.com/rampart-iam/rampart/internal/policydoc"
)

// ConfigFile is the name of the configuration file at the repository root.
const ConfigFile = "rampart.yaml"

// Config is rampart.yaml. Every field is optional.
type Config struct {
	Path          string              // the file it was read from; empty when there is none
	Doc           *policydoc.Document // for positions; nil when there is no file
	Dialect       policydoc.Dialect
	Include       []string
	Exclude       []string
	Inventory     []string
	Scenarios     []string
	Overrides     []Override
	Rules         RulesConfig
	Suppressions  []Suppression
	Baseline      string
	KnownAccounts map[string]string
	FailOn        string
}

// Override sets the dialect or kind of the documents its globs match.
type Override struct {
	Paths   []string
	Dialect policydoc.Dialect
	Kind    policydoc.Kind
}

// RulesConfig configures the lint rules.
type RulesConfig struct {
	Paths    []string
	Disable  []string
	Enable   []string
	Severity map[string]string
	Options  map[string]map[string]any
	Pointer  string
}

// Suppression silences the findings of one rule where it matches.
type Suppression struct {
	Rule      string
	Path      string // glob; empty matches every file
	Statement string // Sid or index; empty matches every statement
	Reason    string
	Expires   string // YYYY-MM-DD
	Owner     string
	Pointer   string // of the suppression in rampart.yaml
}

// Defaults for the globs that say which files are what.
var (
	DefaultInclude   = []string{"**/*.json", "**/*.yaml", "**/*.yml"}
	DefaultExclude   = []string{".*", "node_modules", "vendor"}
	DefaultInventory = []string{"**/accounts/**"}
	DefaultScenarios = []string{"**/scenarios/**"}
)

// LoadConfig reads rampart.yaml from the root of fsys (name overrides the
// file name, for --config). A missing default file is no error: every field
// has a default. The returned findings are syntax problems; schema problems
// are for the caller to check with package schema on Config.Doc.
func LoadConfig(fsys fs.FS, name string) (*Config, []finding.Finding, error) {
	explicit := name != ""
	if name == "" {
		name = ConfigFile
	}
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		if !explicit && errors.Is(err, fs.ErrNotExist) {
			return &Config{}, nil, nil
		}
		return nil, nil, fmt.Errorf("read %s: %w", name, err)
	}
	doc, err := policydoc.Parse(name, src, policydoc.FormatOf(name), policydoc.DefaultLimits)
	var perr *policydoc.Error
	if errors.As(err, &perr) && perr.Code == "empty" {
		return &Config{Path: name}, nil, nil // a file of comments only: every default
	}
	if err != nil {
		return nil, []finding.Finding{finding.FromParseError(name, err)}, nil
	}
	return decodeConfig(doc), nil, nil
}

// decodeConfig reads the fields it understands and skips values of the
// wrong type; the schema reports those, and unknown keys, with positions.
func decodeConfig(doc *policydoc.Document) *Config {
	c := &Config{Path: doc.Path, Doc: doc}
	r := doc.Root
	if d, err := policydoc.ParseDialect(str(r.Field("dialect"))); err == nil {
		c.Dialect = d
	}
	c.Include = strs(r.Field("include"))
	c.Exclude = strs(r.Field("exclude"))
	c.Inventory = strs(r.Field("inventory"))
	c.Scenarios = strs(r.Field("scenarios"))
	c.Baseline = str(r.Field("baseline"))
	c.FailOn = str(r.Field("fail_on"))
	if o := r.Field("overrides"); o != nil && o.Kind == policydoc.Array {
		for _, it := range o.Items {
			ov := Override{Paths: strs(it.Field("paths"))}
			ov.Dialect, _ = policydoc.ParseDialect(str(it.Field("dialect")))
			if k := str(it.Field("kind")); k != "" {
				ov.Kind, _ = policydoc.ParseKind(k)
			}
			c.Overrides = append(c.Overrides, ov)
		}
	}
	if rules := r.Field("rules"); rules != nil && rules.Kind == policydoc.Object {
		c.Rules = RulesConfig{
			Paths:   strs(rules.Field("paths")),
			Disable: strs(rules.Field("disable")),
			Enable:  strs(rules.Field("enable")),
			Pointer: "/rules",
		}
		if sev := rules.Field("severity"); sev != nil && sev.Kind == policydoc.Object {
			c.Rules.Severity = map[string]string{}
			for _, m := range sev.Members {
				c.Rules.Severity[m.Key] = str(m.Value)
			}
		}
		if opts := rules.Field("options"); opts != nil && opts.Kind == policydoc.Object {
			c.Rules.Options = map[string]map[string]any{}
			for _, m := range opts.Members {
				if v, ok := m.Value.Interface().(map[string]any); ok {
					c.Rules.Options[m.Key] = v
				}
			}
		}
	}
	if sup := r.Field("suppressions"); sup != nil && sup.Kind == policydoc.Array {
		for i, it := range sup.Items {
			s := Suppression{
				Rule: str(it.Field("rule")), Path: str(it.Field("path")), Statement: str(it.Field("statement")),
				Reason: str(it.Field("reason")), Expires: str(it.Field("expires")), Owner: str(it.Field("owner")),
				Pointer: "/suppressions/" + strconv.Itoa(i),
			}
			c.Suppressions = append(c.Suppressions, s)
		}
	}
	if ka := r.Field("known_accounts"); ka != nil && ka.Kind == policydoc.Object {
		c.KnownAccounts = map[string]string{}
		for _, m := range ka.Members {
			c.KnownAccounts[m.Key] = str(m.Value)
		}
	}
	return c
}

func (c *Config) include() []string {
	if len(c.Include) > 0 {
		return c.Include
	}
	return DefaultInclude
}

func (c *Config) exclude() []string {
	out := append([]string{}, DefaultExclude...)
	out = append(out, c.Exclude...)
	out = append(out, c.Rules.Paths...) // rule folders hold examples, not policies
	if len(c.Rules.Paths) == 0 {
		out = append(out, "rules")
	}
	if c.Baseline != "" {
		out = append(out, c.Baseline)
	}
	return out
}

func (c *Config) inventoryGlobs() []string {
	if len(c.Inventory) > 0 {
		return c.Inventory
	}
	return DefaultInventory
}

func (c *Config) scenarioGlobs() []string {
	if len(c.Scenarios) > 0 {
		return c.Scenarios
	}
	return DefaultScenarios
}

// override returns the override for a path, the last one that matches.
func (c *Config) override(name string) (d policydoc.Dialect, k policydoc.Kind) {
	for _, o := range c.Overrides {
		if matchAny(o.Paths, name) {
			if o.Dialect != "" {
				d = o.Dialect
			}
			if o.Kind != "" {
				k = o.Kind
			}
		}
	}
	return d, k
}

// str returns a scalar's text, or "" for anything else.
func str(n *policydoc.Node) string {
	s, _ := n.Scalar()
	return s
}

// strs returns a list of scalars (a lone scalar counts as a list of one).
func strs(n *policydoc.Node) []string {
	if n == nil {
		return nil
	}
	if s, ok := n.Scalar(); ok {
		return []string{s}
	}
	var out []string
	for _, it := range n.Items {
		if s, ok := it.Scalar(); ok {
			out = append(out, s)
		}
	}
	return out
}
