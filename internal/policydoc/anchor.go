package policydoc

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// Anchor rewrites a pointer into a form that does not change when lines
// move, statements are reordered or the file is reformatted: array indexes
// become the identity of the element they select — a statement's Sid when it
// is unique, a scalar's value, otherwise a hash of the element's canonical
// encoding. Pointers that do not resolve keep their remaining tokens.
func (d *Document) Anchor(ptr string) string {
	tokens := SplitPointer(ptr)
	var b strings.Builder
	n := d.Root
	for _, tok := range tokens {
		b.WriteByte('/')
		if n == nil {
			b.WriteString(EscapePointerToken(tok))
			continue
		}
		switch n.Kind {
		case Object:
			var next *Node
			for i := range n.Members {
				if n.Members[i].Key == tok {
					next = n.Members[i].Value
					break
				}
			}
			if next == nil {
				next, _ = n.FieldFold(tok)
			}
			b.WriteString(EscapePointerToken(tok))
			n = next
		case Array:
			item, _, ok := lookupIndex(n, tok)
			if !ok {
				b.WriteString(EscapePointerToken(tok))
				n = nil
				continue
			}
			b.WriteString(identity(n, item))
			n = item
		default:
			b.WriteString(EscapePointerToken(tok))
			n = nil
		}
	}
	return b.String()
}

func lookupIndex(arr *Node, tok string) (*Node, int, bool) {
	i := 0
	if tok == "" || (len(tok) > 1 && tok[0] == '0') {
		return nil, 0, false
	}
	for _, c := range tok {
		if c < '0' || c > '9' {
			return nil, 0, false
		}
		i = i*10 + int(c-'0')
		if i >= len(arr.Items) {
			return nil, 0, false
		}
	}
	return arr.Items[i], i, true
}

// identity names an array element by what it is rather than where it is.
func identity(arr, item *Node) string {
	if item.Kind == Object {
		for _, key := range []string{"Sid", "name", "id", "arn"} {
			v, _ := item.FieldFold(key)
			s, ok := v.Scalar()
			if !ok || s == "" {
				continue
			}
			unique := true
			for _, other := range arr.Items {
				if other == item {
					continue
				}
				if ov, _ := other.FieldFold(key); ov != nil {
					if os, _ := ov.Scalar(); os == s {
						unique = false
						break
					}
				}
			}
			if unique {
				return strings.ToLower(key) + "=" + EscapePointerToken(s)
			}
		}
	}
	if s, ok := item.Scalar(); ok {
		return "=" + EscapePointerToken(s)
	}
	sum := sha256.Sum256(item.AppendCanonical(nil))
	return "#" + hex.EncodeToString(sum[:8])
}
