package lint

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"go.yaml.in/yaml/v3"

	"github.com/rampart-iam/rampart/internal/policydoc"
	"github.com/rampart-iam/rampart/internal/workspace"
)

// OptionType is the type of a rule option's value.
type OptionType string

// The option types a rule may declare.
const (
	OptionStrings OptionType = "strings" // a list of strings
	OptionString  OptionType = "string"
	OptionNumber  OptionType = "number"
	OptionBoolean OptionType = "boolean"
)

var optionTypes = []OptionType{OptionStrings, OptionString, OptionNumber, OptionBoolean}

// Option is one setting a rule reads from rules.options in rampart.yaml,
// as its METADATA declares it (custom.options).
type Option struct {
	Name        string
	Type        OptionType
	Description string
}

// optionKeys are the keys of one option's declaration.
var optionKeys = []string{"type", "description"}

var optionName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// decodeOptions reads the custom.options block of a rule's METADATA: a
// mapping from option name to {type, description}, sorted by name.
func decodeOptions(node *yaml.Node) ([]Option, error) {
	if node == nil {
		return nil, nil
	}
	if node.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("options: want a mapping from option name to {type, description}")
	}
	var out []Option
	for i := 0; i+1 < len(node.Content); i += 2 {
		name, decl := node.Content[i].Value, node.Content[i+1]
		if !optionName.MatchString(name) {
			return nil, fmt.Errorf("options: name %q: want lower-case letters, digits and underscores", name)
		}
		if unknown := strictKeys(decl, optionKeys); len(unknown) > 0 {
			return nil, fmt.Errorf("options.%s: unknown key %s; the keys are %s", name, quoted(unknown), strings.Join(optionKeys, ", "))
		}
		var raw struct {
			Type        string `yaml:"type"`
			Description string `yaml:"description"`
		}
		if err := decl.Decode(&raw); err != nil {
			return nil, fmt.Errorf("options.%s: %v", name, err)
		}
		o := Option{Name: name, Type: OptionType(raw.Type), Description: strings.TrimSpace(raw.Description)}
		if !slices.Contains(optionTypes, o.Type) {
			return nil, fmt.Errorf("options.%s: type %q: want one of strings, string, number, boolean", name, raw.Type)
		}
		if o.Description == "" {
			return nil, fmt.Errorf("options.%s: missing description", name)
		}
		out = append(out, o)
	}
	slices.SortFunc(out, func(a, b Option) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// ruleOptions are the values of rules.options that the rules read at
// data.rampart.options: rule ID → option name → value. key identifies the
// values, for the cache of prepared queries; it is empty when no rule has
// an option set.
type ruleOptions struct {
	value ast.Value
	key   string
}

// store is the data the rules' queries are prepared with.
func (o ruleOptions) store() storage.Store {
	if o.value == nil {
		return inmem.New()
	}
	return inmem.NewFromObject(map[string]any{"rampart": map[string]any{"options": o.json()}})
}

func (o ruleOptions) json() any {
	v, _ := ast.JSON(o.value)
	return v
}

// optionsOf checks the rules.options of a configuration against the
// options the rules declare: every key a rule (by ID or name) of the
// catalogue, every option one the rule declares, every value of the
// declared type. The error has the position of the mistake.
func (e *Engine) optionsOf(cfg *workspace.Config) (ruleOptions, error) {
	if cfg == nil || len(cfg.Rules.Options) == 0 {
		return ruleOptions{}, nil
	}
	keys := make([]string, 0, len(cfg.Rules.Options))
	for k := range cfg.Rules.Options {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := map[string]map[string]any{}
	seen := map[string]string{}
	for _, k := range keys {
		ptr := "/rules/options/" + policydoc.EscapePointerToken(k)
		r := e.lookup(k)
		if r == nil {
			return ruleOptions{}, configErrorIn(cfg, ptr, "rules.options: no rule %q (options are set per rule, by ID or name; see `rampart rules`)", k)
		}
		if other, dup := seen[r.ID]; dup {
			return ruleOptions{}, configErrorIn(cfg, ptr, "rules.options: %s has options under %q already", r.ID, other)
		}
		seen[r.ID] = k
		vals := cfg.Rules.Options[k]
		names := make([]string, 0, len(vals))
		for n := range vals {
			names = append(names, n)
		}
		slices.Sort(names)
		set := map[string]any{}
		for _, n := range names {
			optPtr := ptr + "/" + policydoc.EscapePointerToken(n)
			i := slices.IndexFunc(r.Options, func(o Option) bool { return o.Name == n })
			if i < 0 {
				return ruleOptions{}, configErrorIn(cfg, optPtr, "rules.options.%s: %s has no option %q%s", k, r.ID, n, declared(r.Options))
			}
			v, err := checkOption(r.Options[i], vals[n])
			if err != nil {
				return ruleOptions{}, configErrorIn(cfg, optPtr, "rules.options.%s.%s: %v", k, n, err)
			}
			set[n] = v
		}
		out[r.ID] = set
	}
	v, err := ast.InterfaceToValue(out)
	if err != nil {
		return ruleOptions{}, fmt.Errorf("rules.options: %w", err)
	}
	b, _ := json.Marshal(out)
	return ruleOptions{value: v, key: string(b)}, nil
}

func declared(opts []Option) string {
	if len(opts) == 0 {
		return "; it takes none"
	}
	names := make([]string, len(opts))
	for i, o := range opts {
		names[i] = o.Name
	}
	return "; its options are " + strings.Join(names, ", ")
}

// checkOption checks one value against its declaration and returns it as
// rules see it.
func checkOption(o Option, v any) (any, error) {
	switch o.Type {
	case OptionStrings:
		list, ok := v.([]any)
		if !ok {
			return nil, fmt.Errorf("want a list of strings, not %s", kindOf(v))
		}
		out := make([]any, len(list))
		for i, it := range list {
			s, ok := it.(string)
			if !ok {
				return nil, fmt.Errorf("item %d: want a string, not %s", i, kindOf(it))
			}
			out[i] = s
		}
		return out, nil
	case OptionString:
		if s, ok := v.(string); ok {
			return s, nil
		}
		return nil, fmt.Errorf("want a string, not %s", kindOf(v))
	case OptionNumber:
		if n, ok := v.(json.Number); ok {
			return n, nil
		}
		return nil, fmt.Errorf("want a number, not %s", kindOf(v))
	case OptionBoolean:
		if b, ok := v.(bool); ok {
			return b, nil
		}
		return nil, fmt.Errorf("want true or false, not %s", kindOf(v))
	}
	return nil, fmt.Errorf("type %q is unknown", o.Type)
}

func kindOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	}
	return fmt.Sprintf("%T", v)
}
