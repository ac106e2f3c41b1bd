package format

import (
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/rampart-iam/rampart/internal/policydoc"
)

// formatJSON writes a JSON document in the canonical layout: the layout of
// json.MarshalIndent with two spaces, keys in the canonical order, strings
// with the fewest escapes and numbers as written.
func formatJSON(root *policydoc.Node, opt Options) []byte {
	w := &jsonWriter{fold: opt.fold()}
	w.value(root, 0, levelDocument)
	w.b = append(w.b, '\n')
	return w.b
}

type jsonWriter struct {
	b    []byte
	fold bool
}

// value writes n at the given depth; lvl says whether n is the document,
// a statement or anything else.
func (w *jsonWriter) value(n *policydoc.Node, depth int, lvl level) {
	switch n.Kind {
	case policydoc.Null:
		w.b = append(w.b, "null"...)
	case policydoc.Bool, policydoc.Number:
		w.b = append(w.b, n.Str...)
	case policydoc.String:
		w.b = appendJSONString(w.b, n.Str)
	case policydoc.Array:
		if len(n.Items) == 0 {
			w.b = append(w.b, "[]"...)
			return
		}
		w.b = append(w.b, '[')
		for i, it := range n.Items {
			if i > 0 {
				w.b = append(w.b, ',')
			}
			w.newline(depth + 1)
			w.value(it, depth+1, levelOther)
		}
		w.newline(depth)
		w.b = append(w.b, ']')
	case policydoc.Object:
		w.object(n, depth, lvl)
	}
}

func (w *jsonWriter) object(n *policydoc.Node, depth int, lvl level) {
	if len(n.Members) == 0 {
		w.b = append(w.b, "{}"...)
		return
	}
	order, names := lvl.plan(memberKeys(n), w.fold)
	w.b = append(w.b, '{')
	for i, idx := range order {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.newline(depth + 1)
		w.b = appendJSONString(w.b, names[idx])
		w.b = append(w.b, ": "...)
		v := n.Members[idx].Value
		if lvl == levelDocument && names[idx] == "Statement" {
			w.statements(v, depth+1)
			continue
		}
		w.value(v, depth+1, levelOther)
	}
	w.newline(depth)
	w.b = append(w.b, '}')
}

// statements writes the value of Statement: a list of statements, or a
// lone statement object (AWS allows one).
func (w *jsonWriter) statements(v *policydoc.Node, depth int) {
	switch v.Kind {
	case policydoc.Object:
		w.value(v, depth, levelStatement)
	case policydoc.Array:
		if len(v.Items) == 0 {
			w.b = append(w.b, "[]"...)
			return
		}
		w.b = append(w.b, '[')
		for i, it := range v.Items {
			if i > 0 {
				w.b = append(w.b, ',')
			}
			w.newline(depth + 1)
			w.value(it, depth+1, levelStatement)
		}
		w.newline(depth)
		w.b = append(w.b, ']')
	default:
		w.value(v, depth, levelOther)
	}
}

func (w *jsonWriter) newline(depth int) {
	w.b = append(w.b, '\n')
	for range depth {
		w.b = append(w.b, "  "...)
	}
}

// appendJSONString appends s as a JSON string. It escapes what JSON
// requires (quotation mark, reverse solidus, control characters) and, so
// that a reviewer sees them, characters that do not print or that change
// how text is shown (zero-width and direction marks, U+2028, U+2029, no-break
// spaces); everything else, including non-ASCII text, is written as is.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for _, r := range s {
		switch r {
		case '"':
			b = append(b, `\"`...)
		case '\\':
			b = append(b, `\\`...)
		case '\b':
			b = append(b, `\b`...)
		case '\f':
			b = append(b, `\f`...)
		case '\n':
			b = append(b, `\n`...)
		case '\r':
			b = append(b, `\r`...)
		case '\t':
			b = append(b, `\t`...)
		default:
			if r == ' ' || (unicode.IsPrint(r) && !unicode.Is(unicode.Cf, r)) {
				b = utf8.AppendRune(b, r)
				continue
			}
			if r1, r2 := utf16.EncodeRune(r); r1 != unicode.ReplacementChar {
				b = appendUnicodeEscape(appendUnicodeEscape(b, r1), r2)
				continue
			}
			b = appendUnicodeEscape(b, r)
		}
	}
	return append(b, '"')
}

func appendUnicodeEscape(b []byte, r rune) []byte {
	const hex = "0123456789abcdef"
	return append(b, '\\', 'u', hex[r>>12&0xF], hex[r>>8&0xF], hex[r>>4&0xF], hex[r&0xF])
}
