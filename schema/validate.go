package schema

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/xeipuuv/gojsonschema"

	"github.com/rampart-iam/rampart/internal/finding"
	"github.com/rampart-iam/rampart/internal/policydoc"
)

// Subject says what a document is, for messages: "policy", "inventory
// file", "scenario file" or "configuration".
type Subject struct {
	Schema  string            // schema name
	Noun    string            // "acs identity policy", "inventory file", ...
	Dialect policydoc.Dialect // for policies
	Kind    policydoc.Kind    // for policies
}

// ForPolicy describes a policy document.
func ForPolicy(d policydoc.Dialect, k policydoc.Kind) (Subject, bool) {
	name, ok := PolicySchema(d, k)
	return Subject{Schema: name, Noun: string(k) + " policy", Dialect: d, Kind: k}, ok
}

// The other subjects.
var (
	Inventory = Subject{Schema: "inventory", Noun: "inventory file"}
	Scenarios = Subject{Schema: "scenario", Noun: "scenario file"}
	Config    = Subject{Schema: "config", Noun: "configuration"}
)

// Validate checks a document against the subject's schema and returns one
// finding per problem, at the element at fault.
func (v *Validator) Validate(doc *policydoc.Document, s Subject) []finding.Finding {
	sch, ok := v.schemas[s.Schema]
	if !ok {
		return []finding.Finding{finding.At(finding.RuleDialect, doc, "", policydoc.TargetOpen, fmt.Sprintf("no schema %q", s.Schema))}
	}
	value := doc.Root.Interface()
	if s.Dialect == policydoc.JDCloud {
		value = canonicalKeys(doc.Root)
	}
	res, err := sch.Validate(gojsonschema.NewRawLoader(value))
	if err != nil {
		return []finding.Finding{finding.At(finding.RuleSchema, doc, "", policydoc.TargetOpen, "cannot validate: "+err.Error())}
	}
	if res.Valid() {
		return nil
	}
	m := mapper{doc: doc, subj: s}
	var probs []problem
	for _, e := range res.Errors() {
		if p, ok := m.problem(e); ok {
			probs = append(probs, p)
		}
	}
	probs = m.dedupe(probs)
	out := make([]finding.Finding, 0, len(probs))
	for _, p := range probs {
		ptr := doc.Resolve(p.ptr)
		out = append(out, finding.At(finding.RuleSchema, doc, ptr, p.target, p.msg))
	}
	finding.Sort(out)
	return out
}

// jdcloudElements are the element names JD Cloud accepts in any case.
var jdcloudElements = []string{"Version", "Statement", "Sid", "Effect", "Action", "Resource", "Principal", "Condition"}

// canonicalKeys decodes a JD Cloud document with its element names in
// canonical case; pointers in the errors are mapped back with Resolve.
func canonicalKeys(n *policydoc.Node) any {
	if n == nil || n.Kind != policydoc.Object {
		return n.Interface()
	}
	canon := func(k string) string {
		for _, e := range jdcloudElements {
			if strings.EqualFold(k, e) {
				return e
			}
		}
		return k
	}
	out := map[string]any{}
	for _, m := range n.Members {
		k := canon(m.Key)
		if k == "Statement" {
			switch m.Value.Kind {
			case policydoc.Array:
				items := make([]any, len(m.Value.Items))
				for i, it := range m.Value.Items {
					items[i] = canonicalStatement(it, canon)
				}
				out[k] = items
				continue
			case policydoc.Object:
				out[k] = canonicalStatement(m.Value, canon)
				continue
			}
		}
		out[k] = m.Value.Interface()
	}
	return out
}

func canonicalStatement(n *policydoc.Node, canon func(string) string) any {
	if n.Kind != policydoc.Object {
		return n.Interface()
	}
	out := map[string]any{}
	for _, m := range n.Members {
		out[canon(m.Key)] = m.Value.Interface()
	}
	return out
}

type problem struct {
	ptr    string
	target policydoc.Target
	msg    string
	kind   string
}

type mapper struct {
	doc  *policydoc.Document
	subj Subject
}

func errPointer(e gojsonschema.ResultError) string {
	segs := strings.Split(e.Context().String("\x00"), "\x00")
	if len(segs) > 0 {
		segs = segs[1:] // "(root)"
	}
	return policydoc.JoinPointer("", segs...)
}

func (m mapper) node(ptr string) *policydoc.Node {
	n, _, _ := m.doc.Lookup(ptr)
	return n
}

func (m mapper) problem(e gojsonschema.ResultError) (problem, bool) {
	ptr := errPointer(e)
	d := e.Details()
	prop, _ := d["property"].(string)
	switch e.Type() {
	case "condition_then", "condition_else", "number_all_of":
		return problem{}, false // the nested errors say what is wrong
	case "required":
		return problem{ptr: policydoc.JoinPointer(ptr, prop), target: policydoc.TargetOpen, msg: m.missing(ptr, prop), kind: "required"}, true
	case "additional_property_not_allowed":
		return problem{ptr: policydoc.JoinPointer(ptr, prop), target: policydoc.TargetKey, msg: m.unknownKey(ptr, prop), kind: "key"}, true
	case "invalid_property_name":
		return problem{ptr: policydoc.JoinPointer(ptr, prop), target: policydoc.TargetKey, msg: m.badName(ptr, prop), kind: "name"}, true
	case "enum", "const":
		allowed, _ := d["allowed"].(string)
		return problem{ptr: ptr, msg: m.notAllowed(ptr, allowed), kind: "enum"}, true
	case "invalid_type":
		return problem{ptr: ptr, msg: m.wrongType(ptr, fmt.Sprint(d["expected"])), kind: "type"}, true
	case "array_min_items":
		return problem{ptr: ptr, msg: fmt.Sprintf("%s must not be an empty list", m.name(ptr)), kind: "min"}, true
	case "array_min_properties":
		return problem{ptr: ptr, msg: fmt.Sprintf("%s must not be empty", m.name(ptr)), kind: "min"}, true
	case "string_gte":
		return problem{ptr: ptr, msg: fmt.Sprintf("%s must not be empty", m.name(ptr)), kind: "min"}, true
	case "number_gte", "number_lte", "number_gt", "number_lt":
		return problem{ptr: ptr, msg: fmt.Sprintf("%s %s, got %s", m.name(ptr), strings.ToLower(strings.TrimPrefix(e.Description(), "Must be ")), m.got(ptr)), kind: "range"}, true
	case "pattern":
		return problem{ptr: ptr, msg: m.pattern(ptr), kind: "pattern"}, true
	case "number_not":
		if a, b, ok := m.pair(ptr, true); ok {
			return problem{ptr: policydoc.JoinPointer(ptr, b), target: policydoc.TargetKey, msg: fmt.Sprintf("%s has both %s and %s: keep one", m.where(ptr), a, b), kind: "pair"}, true
		}
	case "number_any_of":
		if a, b, ok := m.pair(ptr, false); ok {
			return problem{ptr: ptr, target: policydoc.TargetOpen, msg: fmt.Sprintf("%s has neither %s nor %s", m.where(ptr), a, b), kind: "pair"}, true
		}
	}
	return problem{ptr: ptr, msg: fmt.Sprintf("%s: %s", m.name(ptr), e.Description()), kind: e.Type()}, true
}

// dedupe drops problems another one explains: the enum or pattern error a
// validator adds after a bad property name, and repeats.
func (m mapper) dedupe(ps []problem) []problem {
	names := map[string]bool{}
	neither := map[string]bool{} // members of a pair reported as missing together
	for _, p := range ps {
		switch p.kind {
		case "name":
			names[parentPointer(p.ptr)] = true
		case "pair":
			if p.target == policydoc.TargetOpen {
				for _, pr := range pairs {
					if strings.Contains(p.msg, "neither "+pr[0]+" nor "+pr[1]) {
						neither[policydoc.JoinPointer(p.ptr, pr[0])] = true
						neither[policydoc.JoinPointer(p.ptr, pr[1])] = true
					}
				}
			}
		}
	}
	seen := map[string]bool{}
	out := ps[:0]
	for _, p := range ps {
		if (p.kind == "enum" || p.kind == "pattern") && names[p.ptr] {
			if n := m.node(p.ptr); n != nil && n.Kind == policydoc.Object {
				continue
			}
		}
		if p.kind == "required" && neither[p.ptr] {
			continue
		}
		key := p.ptr + "\x00" + p.msg
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, p)
	}
	return out
}

func parentPointer(ptr string) string {
	if i := strings.LastIndexByte(ptr, '/'); i >= 0 {
		return ptr[:i]
	}
	return ""
}

// pairs are elements of which exactly one may appear.
var pairs = [][2]string{
	{"Action", "NotAction"}, {"Resource", "NotResource"}, {"Principal", "NotPrincipal"},
	{"action", "actions"}, {"resource", "resources"},
}

// pair finds the pair that explains a not/anyOf failure at an object:
// both present (both=true) or neither.
func (m mapper) pair(ptr string, both bool) (string, string, bool) {
	n := m.node(ptr)
	if n == nil || n.Kind != policydoc.Object {
		return "", "", false
	}
	has := func(k string) bool {
		if m.subj.Dialect == policydoc.JDCloud {
			v, _ := n.FieldFold(k)
			return v != nil
		}
		return n.Field(k) != nil
	}
	for _, p := range pairs {
		if both && has(p[0]) && has(p[1]) {
			return p[0], p[1], true
		}
		if !both && !has(p[0]) && !has(p[1]) && m.pairApplies(p) {
			return p[0], p[1], true
		}
	}
	return "", "", false
}

func (m mapper) pairApplies(p [2]string) bool {
	if m.subj.Schema == "scenario" {
		return p[0] == "action" || p[0] == "resource"
	}
	if p[0] == "Principal" {
		return m.subj.Kind == policydoc.Resource
	}
	if p[0] == "Resource" {
		return m.subj.Kind != policydoc.Trust
	}
	return p[0] == "Action"
}

// where names the object at ptr for a message.
func (m mapper) where(ptr string) string {
	toks := policydoc.SplitPointer(ptr)
	if len(toks) == 0 {
		if m.subj.Dialect != "" {
			return "the " + string(m.subj.Dialect) + " " + m.subj.Noun
		}
		return "the " + m.subj.Noun
	}
	if m.subj.Dialect != "" && strings.EqualFold(toks[0], "Statement") && len(toks) <= 2 {
		return m.statement(ptr)
	}
	if m.subj.Schema == "scenario" && toks[0] == "scenarios" && len(toks) == 2 {
		if n := m.node(ptr); n != nil {
			if name, ok := n.Field("name").Scalar(); ok {
				return fmt.Sprintf("scenario %q", name)
			}
		}
		return "scenario " + toks[1]
	}
	if m.subj.Schema == "inventory" && len(toks) == 2 {
		switch toks[0] {
		case "users", "groups", "roles":
			return strings.TrimSuffix(toks[0], "s") + " " + strconv.Quote(toks[1])
		}
	}
	return m.name(ptr)
}

func (m mapper) statement(ptr string) string {
	toks := policydoc.SplitPointer(ptr)
	s := "the statement"
	if len(toks) == 2 {
		s = "statement " + toks[1]
	}
	if n := m.node(ptr); n != nil {
		sid, _ := n.FieldFold("Sid")
		if v, ok := sid.Scalar(); ok && v != "" {
			s += fmt.Sprintf(" (%q)", v)
		}
	}
	return s
}

// name names the element at ptr: its key, or key[index] for list items.
func (m mapper) name(ptr string) string {
	toks := policydoc.SplitPointer(ptr)
	if len(toks) == 0 {
		return m.where(ptr)
	}
	last := toks[len(toks)-1]
	if _, err := strconv.Atoi(last); err == nil && len(toks) >= 2 {
		parent := toks[len(toks)-2]
		if strings.EqualFold(parent, "Statement") && m.subj.Dialect != "" {
			return m.statement(ptr)
		}
		return parent + "[" + last + "]"
	}
	return last
}

func (m mapper) got(ptr string) string {
	n := m.node(ptr)
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case policydoc.String:
		return strconv.Quote(clip(n.Str))
	case policydoc.Number:
		return "the number " + n.Str
	case policydoc.Bool:
		return "the boolean " + n.Str
	case policydoc.Null:
		return "null"
	case policydoc.Array:
		return "a list"
	}
	return "an object"
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}

func (m mapper) missing(ptr, prop string) string {
	w := m.where(ptr)
	switch prop {
	case "Effect":
		return fmt.Sprintf(`%s has no Effect: add "Effect": "Allow" or "Deny"`, w)
	case "Version":
		return fmt.Sprintf(`%s has no Version: %s needs "Version": %q`, w, m.subj.Dialect, m.subj.Dialect.Versions()[0])
	case "Principal":
		return fmt.Sprintf("%s has no Principal: %s names who it is about", w, withArticle(m.subj.Noun))
	}
	return fmt.Sprintf("%s has no %s", w, prop)
}

func (m mapper) unknownKey(ptr, prop string) string {
	w := m.where(ptr)
	if m.subj.Dialect != "" {
		switch prop {
		case "Principal", "NotPrincipal":
			if m.subj.Kind != policydoc.Trust && m.subj.Kind != policydoc.Resource {
				return fmt.Sprintf("%s is not allowed in %s: only trust and resource policies name principals", prop, withArticle(m.subj.Noun))
			}
			return fmt.Sprintf("%s is not allowed in %s %s", prop, withArticle(string(m.subj.Dialect)), m.subj.Noun)
		case "Resource", "NotResource", "NotAction":
			if prop != "NotAction" && m.subj.Kind == policydoc.Trust && m.subj.Dialect == policydoc.AWS {
				return fmt.Sprintf("%s is not allowed in an aws trust policy: the role itself is the resource", prop)
			}
			if prop != "Resource" {
				return fmt.Sprintf("%s has no %s: list the actions and resources the statement is about", m.subj.Dialect.Title(), prop)
			}
		case "Id":
			return fmt.Sprintf("Id is allowed only in resource policies, not in %s", withArticle(m.subj.Noun))
		}
	}
	msg := fmt.Sprintf("unknown key %q in %s", prop, w)
	if s := suggest(prop, knownKeys(m.subj)); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return msg
}

func (m mapper) badName(ptr, prop string) string {
	toks := policydoc.SplitPointer(ptr)
	last := ""
	if len(toks) > 0 {
		last = toks[len(toks)-1]
	}
	switch {
	case strings.EqualFold(last, "Condition"):
		msg := fmt.Sprintf("unknown condition operator %q", prop)
		if s := suggest(prop, operators); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		return msg
	case strings.EqualFold(last, "Principal") || strings.EqualFold(last, "NotPrincipal"):
		keys := principalKeys[m.subj.Dialect]
		msg := fmt.Sprintf("unknown principal type %q: %s %s policies use %s", prop, m.subj.Dialect, m.subj.Kind, orList(keys))
		if s := suggest(prop, keys); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		return msg
	}
	return fmt.Sprintf("%q is not allowed as a key in %s", prop, m.where(ptr))
}

var principalKeys = map[policydoc.Dialect][]string{
	policydoc.ACS:     {"RAM", "Service", "Federated"},
	policydoc.JDCloud: {"JDCLOUD", "Service"},
	policydoc.AWS:     {"AWS", "Service", "Federated", "CanonicalUser"},
}

func (m mapper) notAllowed(ptr, allowed string) string {
	name := m.name(ptr)
	vals := splitAllowed(allowed)
	if strings.EqualFold(name, "Version") && m.subj.Dialect != "" {
		msg := fmt.Sprintf("Version must be %s for %s (%s), got %s", orList(quoteAll(m.subj.Dialect.Versions())), m.subj.Dialect, m.subj.Dialect.Title(), m.got(ptr))
		if n := m.node(ptr); n != nil {
			if other, ok := policydoc.DialectOfVersion(n.Str); ok && other != m.subj.Dialect {
				msg += fmt.Sprintf("; that Version belongs to %s: set the document's dialect in rampart.yaml or the inventory", other)
			}
		}
		return msg
	}
	if n := m.node(ptr); n != nil && n.Kind == policydoc.String {
		for _, v := range vals {
			if strings.EqualFold(strings.Trim(v, `"`), n.Str) {
				return fmt.Sprintf("%s must be %s, got %s (the case matters)", name, orList(vals), m.got(ptr))
			}
		}
	}
	return fmt.Sprintf("%s must be %s, got %s", name, orList(vals), m.got(ptr))
}

func (m mapper) wrongType(ptr, expected string) string {
	name := m.name(ptr)
	exp := strings.Split(strings.Trim(expected, "[]"), ",")
	slices.Sort(exp)
	want := ""
	switch strings.Join(exp, ",") {
	case "array,string":
		want = "a string or a list of strings"
	case "array,boolean,number,string":
		want = "a value or a list of values"
	default:
		words := make([]string, len(exp))
		for i, e := range exp {
			words[i] = article(e)
		}
		want = orList(words)
	}
	msg := fmt.Sprintf("%s must be %s, got %s", name, want, m.got(ptr))
	if m.subj.Dialect != "" && m.subj.Dialect != policydoc.AWS && strings.Contains(ptr, "/Condition/") {
		if n := m.node(ptr); n != nil && (n.Kind == policydoc.Number || n.Kind == policydoc.Bool) {
			msg += fmt.Sprintf(": %s condition values are strings, write %q in quotes", m.subj.Dialect, n.Str)
		}
	}
	return msg
}

func (m mapper) pattern(ptr string) string {
	name := m.name(ptr)
	switch {
	case strings.EqualFold(name, "Principal"):
		return fmt.Sprintf(`Principal must be "*" or a map such as {"AWS": ["arn:aws:iam::111122223333:root"]}, got %s`, m.got(ptr))
	case name == "account":
		return fmt.Sprintf("account must be the account ID in digits, got %s", m.got(ptr))
	}
	return fmt.Sprintf("%s has an invalid form: %s", name, m.got(ptr))
}

func article(t string) string {
	switch t {
	case "object", "array":
		if t == "array" {
			return "a list"
		}
		return "an object"
	case "integer":
		return "an integer"
	}
	return "a " + t
}

func splitAllowed(s string) []string {
	parts := strings.Split(s, ", ")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}
	return parts
}

func quoteAll(vs []string) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = strconv.Quote(v)
	}
	return out
}

func orList(vs []string) string {
	switch len(vs) {
	case 0:
		return "nothing"
	case 1:
		return vs[0]
	case 2:
		return vs[0] + " or " + vs[1]
	}
	return "one of " + strings.Join(vs, ", ")
}

func withArticle(noun string) string {
	if noun != "" && strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}
