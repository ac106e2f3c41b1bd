package policydoc

import (
	"path"
	"strings"
)

// Policy is a policy document normalized for rules and the evaluator: every
// string-or-list element is a list, a lone statement object is a list of
// one, and every element keeps the JSON pointer it was written at.
// Normalization is tolerant: elements of the wrong type are left out (the
// schema reports them).
type Policy struct {
	Doc        *Document
	Dialect    Dialect
	Kind       Kind
	Version    string // empty when absent
	ID         string
	Statements []Statement
}

// Statement is one normalized statement.
type Statement struct {
	Index        int
	Pointer      string
	Sid          string
	Effect       string // as written
	Action       *List  // nil when absent
	NotAction    *List
	Resource     *List
	NotResource  *List
	Principal    *Principals
	NotPrincipal *Principals
	Conditions   []Condition
}

// List is a string-or-list element.
type List struct {
	Pointer string // of the element itself
	Items   []Elem
}

// Values returns the list's strings.
func (l *List) Values() []string {
	if l == nil {
		return nil
	}
	out := make([]string, len(l.Items))
	for i, it := range l.Items {
		out[i] = it.Value
	}
	return out
}

// Elem is one value with its pointer. Numbers and booleans (allowed in AWS
// condition values) keep their literal text and their kind.
type Elem struct {
	Value   string
	Pointer string
	Kind    NodeKind
}

// Principals is a Principal or NotPrincipal element.
type Principals struct {
	Pointer string
	// Entries: for a map, one entry per value with its type ("AWS",
	// "Service", "RAM", "JDCLOUD", "Federated", "CanonicalUser"); for a bare
	// string or list (`"*"`, OSS UID lists, JD Cloud's bare JRN) the type is
	// empty.
	Entries []PrincipalEntry
}

// PrincipalEntry is one principal.
type PrincipalEntry struct {
	Type    string
	Value   string
	Pointer string
}

// Condition is one condition key under one operator.
type Condition struct {
	Operator        string // as written: "ForAnyValue:StringLikeIfExists"
	Qualifier       string // "", "ForAnyValue" or "ForAllValues" (canonical spelling)
	Base            string // the operator without qualifier and IfExists, as written
	IfExists        bool
	Key             string // as written
	Values          []Elem
	Pointer         string // of the key's value
	OperatorPointer string // of the operator's block
}

// Normalize builds the normalized policy of a parsed document.
func Normalize(doc *Document, d Dialect, k Kind) *Policy {
	p := &Policy{Doc: doc, Dialect: d, Kind: k}
	root := doc.Root
	if root == nil || root.Kind != Object {
		return p
	}
	get := func(n *Node, key string) (*Node, string) {
		if d == JDCloud {
			return n.FieldFold(key)
		}
		return n.Field(key), key
	}
	if v, _ := get(root, "Version"); v != nil {
		p.Version, _ = v.Scalar()
	}
	if v, _ := get(root, "Id"); v != nil {
		p.ID, _ = v.Scalar()
	}
	st, stKey := get(root, "Statement")
	if st == nil {
		return p
	}
	base := "/" + EscapePointerToken(stKey)
	switch st.Kind {
	case Object:
		p.Statements = append(p.Statements, normalizeStatement(st, 0, base, get))
	case Array:
		for i, it := range st.Items {
			if it.Kind == Object {
				p.Statements = append(p.Statements, normalizeStatement(it, i, IndexPointer(base, i), get))
			}
		}
	}
	return p
}

type getter func(n *Node, key string) (*Node, string)

func normalizeStatement(n *Node, index int, ptr string, get getter) Statement {
	s := Statement{Index: index, Pointer: ptr}
	field := func(key string) (*Node, string) {
		v, k := get(n, key)
		return v, JoinPointer(ptr, k)
	}
	if v, _ := field("Sid"); v != nil {
		s.Sid, _ = v.Scalar()
	}
	if v, _ := field("Effect"); v != nil {
		s.Effect, _ = v.Scalar()
	}
	s.Action = listOf(field("Action"))
	s.NotAction = listOf(field("NotAction"))
	s.Resource = listOf(field("Resource"))
	s.NotResource = listOf(field("NotResource"))
	s.Principal = principalsOf(field("Principal"))
	s.NotPrincipal = principalsOf(field("NotPrincipal"))
	if c, cptr := field("Condition"); c != nil && c.Kind == Object {
		for _, op := range c.Members {
			if op.Value.Kind != Object {
				continue
			}
			opPtr := JoinPointer(cptr, op.Key)
			q, base, ifExists := SplitOperator(op.Key)
			for _, key := range op.Value.Members {
				kp := JoinPointer(opPtr, key.Key)
				cond := Condition{Operator: op.Key, Qualifier: q, Base: base, IfExists: ifExists, Key: key.Key, Pointer: kp, OperatorPointer: opPtr}
				if l := listOf(key.Value, kp); l != nil {
					cond.Values = l.Items
				}
				s.Conditions = append(s.Conditions, cond)
			}
		}
	}
	return s
}

// SplitOperator splits a condition operator into its set qualifier
// (canonical spelling), its base operator and whether it ends in IfExists.
// Qualifier and suffix are recognised case-insensitively.
func SplitOperator(op string) (qualifier, base string, ifExists bool) {
	base = op
	if i := strings.IndexByte(op, ':'); i >= 0 {
		switch strings.ToLower(op[:i]) {
		case "foranyvalue":
			qualifier, base = "ForAnyValue", op[i+1:]
		case "forallvalues":
			qualifier, base = "ForAllValues", op[i+1:]
		}
	}
	if len(base) > len("IfExists") && strings.EqualFold(base[len(base)-len("IfExists"):], "IfExists") {
		base, ifExists = base[:len(base)-len("IfExists")], true
	}
	return qualifier, base, ifExists
}

func listOf(n *Node, ptr string) *List {
	if n == nil {
		return nil
	}
	l := &List{Pointer: ptr}
	switch n.Kind {
	case String, Number, Bool:
		l.Items = []Elem{{Value: n.Str, Pointer: ptr, Kind: n.Kind}}
	case Array:
		l.Items = make([]Elem, 0, len(n.Items))
		for i, it := range n.Items {
			if v, ok := it.Scalar(); ok {
				l.Items = append(l.Items, Elem{Value: v, Pointer: IndexPointer(ptr, i), Kind: it.Kind})
			}
		}
	default:
		return nil
	}
	return l
}

func principalsOf(n *Node, ptr string) *Principals {
	if n == nil {
		return nil
	}
	p := &Principals{Pointer: ptr}
	switch n.Kind {
	case String, Array:
		for _, it := range listOf(n, ptr).Items {
			p.Entries = append(p.Entries, PrincipalEntry{Value: it.Value, Pointer: it.Pointer})
		}
	case Object:
		for _, m := range n.Members {
			mp := JoinPointer(ptr, m.Key)
			if l := listOf(m.Value, mp); l != nil {
				for _, it := range l.Items {
					p.Entries = append(p.Entries, PrincipalEntry{Type: m.Key, Value: it.Value, Pointer: it.Pointer})
				}
			}
		}
	default:
		return nil
	}
	return p
}

// DetectDialect infers a document's dialect from its Version, then from the
// prefixes of the names it uses (resources, principals, condition keys). The
// second result says what decided it, for messages.
func DetectDialect(root *Node) (Dialect, string, bool) {
	if root == nil || root.Kind != Object {
		return "", "", false
	}
	if v, key := root.FieldFold("Version"); v != nil {
		if s, ok := v.Scalar(); ok {
			if d, ok := DialectOfVersion(s); ok {
				return d, "its " + key + " " + s, true
			}
		}
	}
	var found Dialect
	var why string
	visitNames(root, func(s string) bool {
		if d, ok := DialectOfName(s); ok {
			found, why = d, "the name "+s
			return false
		}
		return true
	})
	return found, why, found != ""
}

// visitNames calls f with every string that can carry a dialect prefix:
// Resource, NotResource and Principal values and condition keys.
func visitNames(root *Node, f func(string) bool) {
	st, _ := root.FieldFold("Statement")
	var stmts []*Node
	switch {
	case st == nil:
		return
	case st.Kind == Object:
		stmts = []*Node{st}
	case st.Kind == Array:
		stmts = st.Items
	}
	var walk func(n *Node) bool
	walk = func(n *Node) bool {
		switch n.Kind {
		case String:
			return f(n.Str)
		case Array:
			for _, it := range n.Items {
				if !walk(it) {
					return false
				}
			}
		case Object:
			for _, m := range n.Members {
				if !walk(m.Value) {
					return false
				}
			}
		}
		return true
	}
	for _, s := range stmts {
		if s.Kind != Object {
			continue
		}
		for _, key := range []string{"Resource", "NotResource", "Principal", "NotPrincipal"} {
			if v, _ := s.FieldFold(key); v != nil && !walk(v) {
				return
			}
		}
		if c, _ := s.FieldFold("Condition"); c != nil && c.Kind == Object {
			for _, op := range c.Members {
				if op.Value.Kind != Object {
					continue
				}
				for _, k := range op.Value.Members {
					if !f(k.Key) {
						return
					}
				}
			}
		}
	}
}

// trustActions are the actions a role trust policy grants.
var trustActions = map[string]bool{
	"sts:assumerole": true, "sts:assumerolewithsaml": true, "sts:assumerolewithwebidentity": true,
	"sts:assumerolewithoidc": true, "sts:tagsession": true, "sts:setsourceidentity": true, "sts:setcontext": true,
}

// DetectKind infers a document's kind from its file name, then from its
// content: a name like `x.trust.json`, `x.scp.yaml`, `x.control.json`,
// `x.rcp.json`, `x.boundary.json`, `x.session.json` or `x.resource.json`
// says it; otherwise a document naming principals is a trust policy when it
// grants only assume-role actions and a resource policy when not, and
// anything else is an identity policy.
func DetectKind(name string, root *Node) Kind {
	if k, ok := KindOfName(name); ok {
		return k
	}
	if root == nil || root.Kind != Object {
		return Identity
	}
	st, _ := root.FieldFold("Statement")
	var stmts []*Node
	switch {
	case st == nil:
		return Identity
	case st.Kind == Object:
		stmts = []*Node{st}
	case st.Kind == Array:
		stmts = st.Items
	}
	principal, onlyTrust := false, true
	for _, s := range stmts {
		if s.Kind != Object {
			continue
		}
		p, _ := s.FieldFold("Principal")
		np, _ := s.FieldFold("NotPrincipal")
		if p == nil && np == nil {
			continue
		}
		principal = true
		a, _ := s.FieldFold("Action")
		l := listOf(a, "")
		if l == nil || len(l.Items) == 0 {
			onlyTrust = false
			continue
		}
		for _, it := range l.Items {
			if !trustActions[strings.ToLower(it.Value)] {
				onlyTrust = false
			}
		}
	}
	switch {
	case principal && onlyTrust:
		return Trust
	case principal:
		return Resource
	}
	return Identity
}

// KindOfName reads a kind from the next-to-last extension of a file name.
func KindOfName(name string) (Kind, bool) {
	base := path.Base(name)
	base = strings.TrimSuffix(base, path.Ext(base))
	ext := strings.ToLower(strings.TrimPrefix(path.Ext(base), "."))
	switch ext {
	case "trust":
		return Trust, true
	case "scp", "control":
		return Control, true
	case "rcp":
		return ResourceControl, true
	case "boundary":
		return Boundary, true
	case "session":
		return Session, true
	case "resource", "bucket":
		return Resource, true
	case "identity":
		return Identity, true
	}
	return "", false
}
