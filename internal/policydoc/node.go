// Package policydoc parses policy, inventory and scenario documents written in
// JSON or YAML into a tree that remembers where every value came from: a
// start and end offset for every node and every object key, so that any
// RFC 6901 JSON pointer resolves to an exact line:column range. It also knows
// the three dialects, their resource names, and how to normalize a policy
// document into statements whose elements carry their pointers.
package policydoc

import (
	"encoding/json"
	"strconv"
	"strings"
)

// NodeKind is the JSON type of a node.
type NodeKind uint8

// The node kinds.
const (
	Null NodeKind = iota
	Bool
	Number
	String
	Array
	Object
)

func (k NodeKind) String() string {
	switch k {
	case Null:
		return "null"
	case Bool:
		return "boolean"
	case Number:
		return "number"
	case String:
		return "string"
	case Array:
		return "array"
	case Object:
		return "object"
	}
	return "unknown"
}

// Node is one value of a parsed document. Offsets are byte offsets into the
// document's source; End is exclusive.
type Node struct {
	Kind    NodeKind
	Str     string // String: the decoded text; Number: the literal; Bool: "true"/"false"
	Items   []*Node
	Members []Member
	Start   int
	End     int
}

// Member is one key of an object with its value.
type Member struct {
	Key      string
	KeyStart int
	KeyEnd   int
	Value    *Node
}

// Field returns the value of key in an object node, or nil.
func (n *Node) Field(key string) *Node {
	if n == nil || n.Kind != Object {
		return nil
	}
	for i := range n.Members {
		if n.Members[i].Key == key {
			return n.Members[i].Value
		}
	}
	return nil
}

// FieldFold returns the value of key in an object node, comparing keys
// case-insensitively, with the key as written.
func (n *Node) FieldFold(key string) (*Node, string) {
	if n == nil || n.Kind != Object {
		return nil, ""
	}
	if v := n.Field(key); v != nil {
		return v, key
	}
	for i := range n.Members {
		if strings.EqualFold(n.Members[i].Key, key) {
			return n.Members[i].Value, n.Members[i].Key
		}
	}
	return nil, ""
}

// Bool reports the value of a boolean node.
func (n *Node) Bool() bool { return n != nil && n.Kind == Bool && n.Str == "true" }

// Scalar returns the text of a string, number or boolean node and whether
// the node is one of those.
func (n *Node) Scalar() (string, bool) {
	if n == nil {
		return "", false
	}
	switch n.Kind {
	case String, Number, Bool:
		return n.Str, true
	}
	return "", false
}

// Interface converts the node into plain Go values: map[string]any, []any,
// string, json.Number, bool and nil — the shapes encoding/json produces with
// UseNumber.
func (n *Node) Interface() any {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case Bool:
		return n.Str == "true"
	case Number:
		return json.Number(n.Str)
	case String:
		return n.Str
	case Array:
		out := make([]any, len(n.Items))
		for i, it := range n.Items {
			out[i] = it.Interface()
		}
		return out
	case Object:
		out := make(map[string]any, len(n.Members))
		for _, m := range n.Members {
			out[m.Key] = m.Value.Interface()
		}
		return out
	}
	return nil
}

// AppendCanonical appends a canonical JSON encoding of the node: object keys
// in their written order, no whitespace. Two documents that differ only in
// formatting encode alike.
func (n *Node) AppendCanonical(b []byte) []byte {
	if n == nil {
		return append(b, "null"...)
	}
	switch n.Kind {
	case Null:
		return append(b, "null"...)
	case Bool, Number:
		return append(b, n.Str...)
	case String:
		return strconv.AppendQuote(b, n.Str)
	case Array:
		b = append(b, '[')
		for i, it := range n.Items {
			if i > 0 {
				b = append(b, ',')
			}
			b = it.AppendCanonical(b)
		}
		return append(b, ']')
	case Object:
		b = append(b, '{')
		for i, m := range n.Members {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendQuote(b, m.Key)
			b = append(b, ':')
			b = m.Value.AppendCanonical(b)
		}
		return append(b, '}')
	}
	return b
}

// EscapePointerToken escapes one reference token of a JSON pointer (RFC 6901).
func EscapePointerToken(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	s = strings.ReplaceAll(s, "~", "~0")
	return strings.ReplaceAll(s, "/", "~1")
}

// UnescapePointerToken reverses EscapePointerToken.
func UnescapePointerToken(s string) string {
	if !strings.Contains(s, "~") {
		return s
	}
	s = strings.ReplaceAll(s, "~1", "/")
	return strings.ReplaceAll(s, "~0", "~")
}

// JoinPointer appends reference tokens to a pointer.
func JoinPointer(ptr string, tokens ...string) string {
	var b strings.Builder
	b.WriteString(ptr)
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(EscapePointerToken(t))
	}
	return b.String()
}

// IndexPointer appends an array index to a pointer.
func IndexPointer(ptr string, i int) string { return ptr + "/" + strconv.Itoa(i) }

// SplitPointer splits a pointer into unescaped reference tokens. The root
// pointer "" has none.
func SplitPointer(ptr string) []string {
	if ptr == "" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	for i, p := range parts {
		parts[i] = UnescapePointerToken(p)
	}
	return parts
}
