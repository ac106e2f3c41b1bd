package policydoc

import "unicode/utf8"

// CompactLength is the number of characters of the value written as JSON
// without white space: what the clouds count against a policy's size
// quota. Strings count with the escapes JSON needs (quote, backslash,
// control characters), not the HTML escapes some encoders add; numbers as
// written.
func (n *Node) CompactLength() int {
	if n == nil {
		return 0
	}
	switch n.Kind {
	case Null:
		return 4
	case Bool, Number:
		return utf8.RuneCountInString(n.Str)
	case String:
		return quotedLength(n.Str)
	case Array:
		total := 2 + max(len(n.Items)-1, 0) // brackets and commas
		for _, it := range n.Items {
			total += it.CompactLength()
		}
		return total
	case Object:
		total := 2 + max(len(n.Members)-1, 0) // braces and commas
		for _, m := range n.Members {
			total += quotedLength(m.Key) + 1 + m.Value.CompactLength()
		}
		return total
	}
	return 0
}

// quotedLength is the length in characters of s as a JSON string.
func quotedLength(s string) int {
	total := 2
	for _, r := range s {
		switch {
		case r == '"' || r == '\\' || r == '\b' || r == '\f' || r == '\n' || r == '\r' || r == '\t':
			total += 2
		case r < 0x20:
			total += 6 // \u00XX
		default:
			total++
		}
	}
	return total
}
