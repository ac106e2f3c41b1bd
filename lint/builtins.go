package lint

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/types"

	"github.com/rampart-iam/rampart/internal/catalog"
	"github.com/rampart-iam/rampart/internal/glob"
	"github.com/rampart-iam/rampart/internal/policydoc"
)

// The types of what the catalogue functions return; declared so that the
// type checker catches a misspelt field (rampart.action(d, n).levle).
var (
	resourceTypeType = types.NewObject([]*types.StaticProperty{
		types.NewStaticProperty("name", types.S),
		types.NewStaticProperty("template", types.S),
		types.NewStaticProperty("pattern", types.S),
	}, nil)
	actionType = types.NewObject([]*types.StaticProperty{
		types.NewStaticProperty("service", types.S),
		types.NewStaticProperty("name", types.S),
		types.NewStaticProperty("full_name", types.S),
		types.NewStaticProperty("level", types.S),
		types.NewStaticProperty("level_derived", types.B),
		types.NewStaticProperty("deprecated", types.B),
		types.NewStaticProperty("resource_types_known", types.B),
		types.NewStaticProperty("resource_types", types.NewArray(nil, resourceTypeType)),
		types.NewStaticProperty("condition_keys", types.NewArray(nil, types.S)),
	}, nil)
	keyType = types.NewObject([]*types.StaticProperty{
		types.NewStaticProperty("name", types.S),
		types.NewStaticProperty("type", types.S),
		types.NewStaticProperty("multi", types.B),
		types.NewStaticProperty("global", types.B),
		types.NewStaticProperty("service", types.S),
	}, nil)
	serviceType = types.NewObject([]*types.StaticProperty{
		types.NewStaticProperty("code", types.S),
		types.NewStaticProperty("title", types.S),
		types.NewStaticProperty("actions", types.N),
	}, nil)
	nameType = types.NewObject([]*types.StaticProperty{
		types.NewStaticProperty("scheme", types.S),
		types.NewStaticProperty("partition", types.S),
		types.NewStaticProperty("service", types.S),
		types.NewStaticProperty("region", types.S),
		types.NewStaticProperty("account", types.S),
		types.NewStaticProperty("resource", types.S),
		types.NewStaticProperty("resource_type", types.S),
	}, nil)
)

func args(names ...string) []types.Type {
	out := make([]types.Type, len(names))
	for i, n := range names {
		out[i] = types.Named(n, types.S).Description(argDescriptions[n])
	}
	return out
}

var argDescriptions = map[string]string{
	"dialect":  "acs, jdcloud or aws",
	"name":     "a full action name, service:Action",
	"pattern":  "an action pattern with * and ? wildcards",
	"key":      "a condition key",
	"code":     "a service code",
	"resource": "a resource name, possibly with wildcards",
	"level":    "an access level: list, read, write, permissions-management or tagging",
}

// builtinDecls declares rampart's catalogue functions.
func builtinDecls() []*rego.Function {
	return []*rego.Function{
		{Name: "rampart.action", Description: "The catalogue's entry for an action, or null when the dialect's catalogue does not know it.",
			Decl: types.NewFunction(args("dialect", "name"), types.Named("action", types.NewAny(types.Nl, actionType)))},
		{Name: "rampart.expand", Description: "The full names of the catalogue's actions an action pattern matches (case-insensitive), sorted by service then name.",
			Decl: types.NewFunction(args("dialect", "pattern"), types.Named("names", types.NewArray(nil, types.S)))},
		{Name: "rampart.expand_levels", Description: "How many of the actions rampart.expand returns have each access level (list, read, write, permissions-management, tagging), and their total; levels without actions are absent.",
			Decl: types.NewFunction(args("dialect", "pattern"), types.Named("counts", types.NewObject(nil, types.NewDynamicProperty(types.S, types.N))))},
		{Name: "rampart.expand_level", Description: "The names rampart.expand returns that have the given access level.",
			Decl: types.NewFunction(args("dialect", "pattern", "level"), types.Named("names", types.NewArray(nil, types.S)))},
		{Name: "rampart.key", Description: "The catalogue's entry for a condition key (templates such as acs:ResourceTag/${TagKey} match), or null.",
			Decl: types.NewFunction(args("dialect", "key"), types.Named("key", types.NewAny(types.Nl, keyType)))},
		{Name: "rampart.service", Description: "The catalogue's entry for a service code, or null.",
			Decl: types.NewFunction(args("dialect", "code"), types.Named("service", types.NewAny(types.Nl, serviceType)))},
		{Name: "rampart.suggest", Description: "Up to three known action names close to an unknown one, closest first.",
			Decl: types.NewFunction(args("dialect", "name"), types.Named("names", types.NewArray(nil, types.S)))},
		{Name: "rampart.resource_fits", Description: "Whether a resource name (with wildcards) can name a resource the action applies to; false for an unknown action.",
			Decl: types.NewFunction(args("dialect", "name", "resource"), types.Named("fits", types.B))},
		{Name: "rampart.glob", Description: "Whether a value matches a policy wildcard pattern (* any run of characters, ? one character), as the evaluator matches them; with ignore_case, letters compare ignoring case (actions).",
			Decl: types.NewFunction(types.Args(types.Named("pattern", types.S), types.Named("value", types.S), types.Named("ignore_case", types.B)), types.Named("matches", types.B))},
		{Name: "rampart.parse_name", Description: "A resource name split into scheme, partition (aws), service, region, account, resource and resource type, or null when it is not a resource name.",
			Decl: types.NewFunction(args("resource"), types.Named("parts", types.NewAny(types.Nl, nameType)))},
	}
}

// catalogFuncs implements the catalogue functions. Results are cached for
// the engine's lifetime: the catalogues are immutable, so every call with
// the same arguments returns the same term.
type catalogFuncs struct {
	cache sync.Map // string -> *ast.Term
}

func (c *catalogFuncs) cached(key string, compute func() (*ast.Term, error)) (*ast.Term, error) {
	if t, ok := c.cache.Load(key); ok {
		return t.(*ast.Term), nil
	}
	t, err := compute()
	if err != nil {
		return nil, err
	}
	c.cache.Store(key, t)
	return t, nil
}

func stringArg(t *ast.Term, fn string, pos int) (string, error) {
	s, ok := t.Value.(ast.String)
	if !ok {
		return "", fmt.Errorf("%s: argument %d must be a string, not %s", fn, pos, ast.ValueName(t.Value))
	}
	return string(s), nil
}

func loadCatalog(fn string, t *ast.Term) (*catalog.Catalog, error) {
	s, err := stringArg(t, fn, 1)
	if err != nil {
		return nil, err
	}
	d, err := policydoc.ParseDialect(s)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", fn, err)
	}
	return catalog.Load(d)
}

// options returns, by function name, the rego options that register the
// implementations.
func (c *catalogFuncs) options() map[string]func(*rego.Rego) {
	decls := map[string]*rego.Function{}
	for _, d := range builtinDecls() {
		decls[d.Name] = d
	}
	two := func(name string, f func(cat *catalog.Catalog, arg string) *ast.Term) func(*rego.Rego) {
		return rego.Function2(decls[name], func(_ rego.BuiltinContext, a, b *ast.Term) (*ast.Term, error) {
			return c.cached(name+"\x00"+a.String()+"\x00"+b.String(), func() (*ast.Term, error) {
				cat, err := loadCatalog(name, a)
				if err != nil {
					return nil, err
				}
				arg, err := stringArg(b, name, 2)
				if err != nil {
					return nil, err
				}
				return f(cat, arg), nil
			})
		})
	}
	return map[string]func(*rego.Rego){
		"rampart.action": two("rampart.action", func(cat *catalog.Catalog, name string) *ast.Term {
			a, ok := cat.Action(name)
			if !ok {
				return ast.NullTerm()
			}
			return actionTerm(a)
		}),
		"rampart.expand": two("rampart.expand", func(cat *catalog.Catalog, pattern string) *ast.Term {
			as := cat.Expand(pattern)
			terms := make([]*ast.Term, len(as))
			for i, a := range as {
				terms[i] = ast.StringTerm(a.FullName())
			}
			return ast.ArrayTerm(terms...)
		}),
		"rampart.expand_levels": two("rampart.expand_levels", func(cat *catalog.Catalog, pattern string) *ast.Term {
			as := cat.Expand(pattern)
			n := map[catalog.Level]int{}
			for _, a := range as {
				n[a.Level]++
			}
			items := make([][2]*ast.Term, 0, len(n)+1)
			for _, l := range catalog.Levels {
				if n[l] > 0 {
					items = append(items, ast.Item(ast.StringTerm(string(l)), ast.InternedTerm(n[l])))
				}
			}
			return ast.ObjectTerm(append(items, ast.Item(ast.StringTerm("total"), ast.InternedTerm(len(as))))...)
		}),
		"rampart.expand_level": rego.Function3(decls["rampart.expand_level"], func(_ rego.BuiltinContext, d, p, l *ast.Term) (*ast.Term, error) {
			name := "rampart.expand_level"
			return c.cached(name+"\x00"+d.String()+"\x00"+p.String()+"\x00"+l.String(), func() (*ast.Term, error) {
				cat, err := loadCatalog(name, d)
				if err != nil {
					return nil, err
				}
				pattern, err := stringArg(p, name, 2)
				if err != nil {
					return nil, err
				}
				level, err := stringArg(l, name, 3)
				if err != nil {
					return nil, err
				}
				var names []*ast.Term
				for _, a := range cat.Expand(pattern) {
					if string(a.Level) == level {
						names = append(names, ast.StringTerm(a.FullName()))
					}
				}
				return ast.ArrayTerm(names...), nil
			})
		}),
		"rampart.key": two("rampart.key", func(cat *catalog.Catalog, name string) *ast.Term {
			k, ok := cat.ConditionKey(name)
			if !ok {
				return ast.NullTerm()
			}
			return ast.ObjectTerm(
				ast.Item(ast.StringTerm("name"), ast.StringTerm(k.Name)),
				ast.Item(ast.StringTerm("type"), ast.StringTerm(string(k.Type))),
				ast.Item(ast.StringTerm("multi"), ast.BooleanTerm(k.Multi)),
				ast.Item(ast.StringTerm("global"), ast.BooleanTerm(k.Global())),
				ast.Item(ast.StringTerm("service"), ast.StringTerm(k.Service)),
			)
		}),
		"rampart.service": two("rampart.service", func(cat *catalog.Catalog, code string) *ast.Term {
			s, ok := cat.Service(code)
			if !ok {
				return ast.NullTerm()
			}
			return ast.ObjectTerm(
				ast.Item(ast.StringTerm("code"), ast.StringTerm(s.Code)),
				ast.Item(ast.StringTerm("title"), ast.StringTerm(s.Title)),
				ast.Item(ast.StringTerm("actions"), ast.IntNumberTerm(len(s.Actions))),
			)
		}),
		"rampart.suggest": two("rampart.suggest", func(cat *catalog.Catalog, name string) *ast.Term {
			ss := suggestActions(cat, name)
			terms := make([]*ast.Term, len(ss))
			for i, s := range ss {
				terms[i] = ast.StringTerm(s)
			}
			return ast.ArrayTerm(terms...)
		}),
		"rampart.resource_fits": rego.Function3(decls["rampart.resource_fits"], func(_ rego.BuiltinContext, d, n, r *ast.Term) (*ast.Term, error) {
			name := "rampart.resource_fits"
			return c.cached(name+"\x00"+d.String()+"\x00"+n.String()+"\x00"+r.String(), func() (*ast.Term, error) {
				cat, err := loadCatalog(name, d)
				if err != nil {
					return nil, err
				}
				action, err := stringArg(n, name, 2)
				if err != nil {
					return nil, err
				}
				res, err := stringArg(r, name, 3)
				if err != nil {
					return nil, err
				}
				a, ok := cat.Action(action)
				return ast.BooleanTerm(ok && cat.ResourceFits(a, res)), nil
			})
		}),
		"rampart.glob": rego.Function3(decls["rampart.glob"], func(_ rego.BuiltinContext, p, v, fold *ast.Term) (*ast.Term, error) {
			pattern, err := stringArg(p, "rampart.glob", 1)
			if err != nil {
				return nil, err
			}
			value, err := stringArg(v, "rampart.glob", 2)
			if err != nil {
				return nil, err
			}
			b, ok := fold.Value.(ast.Boolean)
			if !ok {
				return nil, fmt.Errorf("rampart.glob: argument 3 must be a boolean, not %s", ast.ValueName(fold.Value))
			}
			return ast.BooleanTerm(glob.Compile(pattern, bool(b)).Match(value)), nil
		}),
		"rampart.parse_name": rego.Function1(decls["rampart.parse_name"], func(_ rego.BuiltinContext, t *ast.Term) (*ast.Term, error) {
			s, err := stringArg(t, "rampart.parse_name", 1)
			if err != nil {
				return nil, err
			}
			n, err := policydoc.ParseName(s)
			if err != nil {
				return ast.NullTerm(), nil
			}
			return ast.ObjectTerm(
				ast.Item(ast.StringTerm("scheme"), ast.StringTerm(n.Scheme)),
				ast.Item(ast.StringTerm("partition"), ast.StringTerm(n.Partition)),
				ast.Item(ast.StringTerm("service"), ast.StringTerm(n.Service)),
				ast.Item(ast.StringTerm("region"), ast.StringTerm(n.Region)),
				ast.Item(ast.StringTerm("account"), ast.StringTerm(n.Account)),
				ast.Item(ast.StringTerm("resource"), ast.StringTerm(n.Resource)),
				ast.Item(ast.StringTerm("resource_type"), ast.StringTerm(n.ResourceType())),
			), nil
		}),
	}
}

func actionTerm(a *catalog.Action) *ast.Term {
	rts := make([]*ast.Term, len(a.ResourceTypes))
	for i, rt := range a.ResourceTypes {
		rts[i] = ast.ObjectTerm(
			ast.Item(ast.StringTerm("name"), ast.StringTerm(rt.Name)),
			ast.Item(ast.StringTerm("template"), ast.StringTerm(rt.Template)),
			ast.Item(ast.StringTerm("pattern"), ast.StringTerm(rt.Pattern)),
		)
	}
	keys := make([]*ast.Term, len(a.ConditionKeys))
	for i, k := range a.ConditionKeys {
		keys[i] = ast.StringTerm(k)
	}
	return ast.ObjectTerm(
		ast.Item(ast.StringTerm("service"), ast.StringTerm(a.Service)),
		ast.Item(ast.StringTerm("name"), ast.StringTerm(a.Name)),
		ast.Item(ast.StringTerm("full_name"), ast.StringTerm(a.FullName())),
		ast.Item(ast.StringTerm("level"), ast.StringTerm(string(a.Level))),
		ast.Item(ast.StringTerm("level_derived"), ast.BooleanTerm(a.LevelDerived)),
		ast.Item(ast.StringTerm("deprecated"), ast.BooleanTerm(a.Deprecated)),
		ast.Item(ast.StringTerm("resource_types_known"), ast.BooleanTerm(a.ResourceTypesKnown)),
		ast.Item(ast.StringTerm("resource_types"), ast.ArrayTerm(rts...)),
		ast.Item(ast.StringTerm("condition_keys"), ast.ArrayTerm(keys...)),
	)
}

// suggestActions proposes known action names close to an unknown one: an
// action of the same service when the service is known, otherwise the same
// action under a service code that is close.
func suggestActions(cat *catalog.Catalog, name string) []string {
	svc, act, ok := strings.Cut(name, ":")
	if !ok {
		return nil
	}
	type cand struct {
		name string
		dist int
	}
	var cands []cand
	if s, known := cat.Service(svc); known {
		limit := maxDistance(act)
		for _, a := range s.Actions {
			if d := distance(strings.ToLower(act), strings.ToLower(a.Name)); d <= limit {
				cands = append(cands, cand{a.FullName(), d})
			}
		}
	} else {
		limit := maxDistance(svc)
		for _, s := range cat.Services() {
			d := distance(strings.ToLower(svc), strings.ToLower(s.Code))
			if d > limit {
				continue
			}
			if a, ok := cat.Action(s.Code + ":" + act); ok {
				cands = append(cands, cand{a.FullName(), d})
			}
		}
	}
	slices.SortFunc(cands, func(a, b cand) int {
		if a.dist != b.dist {
			return a.dist - b.dist
		}
		return strings.Compare(a.name, b.name)
	})
	var out []string
	for _, c := range cands {
		if len(out) == 3 {
			break
		}
		out = append(out, c.name)
	}
	return out
}

// maxDistance is how many edits a suggestion may be away from s.
func maxDistance(s string) int {
	return min(3, 1+len(s)/6)
}

// distance is the Levenshtein distance between two strings, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
