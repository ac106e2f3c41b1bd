package policydoc

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// jsonParser is a strict RFC 8259 parser that records the offsets of every
// value and key. Unlike encoding/json it rejects duplicate keys, and it
// explains the usual hand-editing mistakes (comments, trailing commas,
// single quotes, a byte-order mark) in words.
type jsonParser struct {
	d     *Document
	src   []byte
	pos   int
	lim   Limits
	nodes int
}

func parseJSON(d *Document, lim Limits) (*Node, error) {
	p := &jsonParser{d: d, src: d.Source, lim: lim}
	if len(p.src) >= 3 && p.src[0] == 0xEF && p.src[1] == 0xBB && p.src[2] == 0xBF {
		return nil, p.fail(0, 3, "the file starts with a byte-order mark (U+FEFF); save it as UTF-8 without one")
	}
	if err := p.skipSpace(); err != nil {
		return nil, err
	}
	if p.pos >= len(p.src) {
		return nil, p.d.errAt(p.pos, p.pos, "empty", "the document is empty: want a JSON object")
	}
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	if err := p.skipSpace(); err != nil {
		return nil, err
	}
	if p.pos < len(p.src) {
		return nil, p.fail(p.pos, p.pos+1, fmt.Sprintf("unexpected %s after the end of the JSON value that started at %d:%d", p.describe(p.pos), d.Position(n.Start).Line, d.Position(n.Start).Col))
	}
	return n, nil
}

func (p *jsonParser) fail(start, end int, msg string) *Error {
	code := "syntax"
	return p.d.errAt(start, end, code, msg)
}

func (p *jsonParser) limit(start int, msg string) *Error {
	return p.d.errAt(start, start+1, "limit", msg)
}

// describe names the character at off for an error message.
func (p *jsonParser) describe(off int) string {
	if off >= len(p.src) {
		return "end of file"
	}
	r, _ := utf8.DecodeRune(p.src[off:])
	switch {
	case r == utf8.RuneError:
		return fmt.Sprintf("byte 0x%02x", p.src[off])
	case r == 0:
		return "NUL byte"
	case r < 0x20:
		return fmt.Sprintf("control character U+%04X", r)
	}
	return strconv.QuoteRune(r)
}

func (p *jsonParser) skipSpace() error {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		case '/':
			if p.pos+1 < len(p.src) && (p.src[p.pos+1] == '/' || p.src[p.pos+1] == '*') {
				return p.fail(p.pos, p.pos+2, "comments are not allowed in JSON; remove it (write the file as YAML if it needs comments)")
			}
			return nil
		case '#':
			return p.fail(p.pos, p.pos+1, "comments are not allowed in JSON; remove it (write the file as YAML if it needs comments)")
		default:
			return nil
		}
	}
	return nil
}

func (p *jsonParser) count(start int) error {
	p.nodes++
	if p.lim.MaxNodes > 0 && p.nodes > p.lim.MaxNodes {
		return p.limit(start, fmt.Sprintf("the document holds more than %d values", p.lim.MaxNodes))
	}
	return nil
}

func (p *jsonParser) value(depth int) (*Node, error) {
	start := p.pos
	if err := p.count(start); err != nil {
		return nil, err
	}
	c := p.src[p.pos]
	switch {
	case c == '{':
		return p.object(depth + 1)
	case c == '[':
		return p.array(depth + 1)
	case c == '"':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		return &Node{Kind: String, Str: s, Start: start, End: p.pos}, nil
	case c == '-' || ('0' <= c && c <= '9'):
		return p.number()
	case c == '\'':
		return nil, p.fail(start, start+1, "strings must be in double quotes, not single quotes")
	}
	for _, lit := range [...]struct {
		text string
		kind NodeKind
	}{{"true", Bool}, {"false", Bool}, {"null", Null}} {
		if strings.HasPrefix(string(p.src[p.pos:min(len(p.src), p.pos+len(lit.text))]), lit.text) && !p.identAt(p.pos+len(lit.text)) {
			p.pos += len(lit.text)
			n := &Node{Kind: lit.kind, Start: start, End: p.pos}
			if lit.kind == Bool {
				n.Str = lit.text
			}
			return n, nil
		}
	}
	if p.identAt(p.pos) {
		word := p.word()
		switch word {
		case "True", "False", "TRUE", "FALSE", "Null", "NULL", "None", "nil":
			return nil, p.fail(start, p.pos, fmt.Sprintf("%q is not a JSON value: write true, false or null in lower case", word))
		case "NaN", "Infinity":
			return nil, p.fail(start, p.pos, fmt.Sprintf("%s is not a JSON number", word))
		}
		return nil, p.fail(start, p.pos, fmt.Sprintf("unexpected word %q: strings must be in double quotes", word))
	}
	return nil, p.fail(start, start+1, fmt.Sprintf("unexpected %s: want a JSON value", p.describe(start)))
}

func (p *jsonParser) identAt(off int) bool {
	if off >= len(p.src) {
		return false
	}
	c := p.src[off]
	return c == '_' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9') || c >= utf8.RuneSelf
}

func (p *jsonParser) word() string {
	start := p.pos
	for p.identAt(p.pos) {
		_, n := utf8.DecodeRune(p.src[p.pos:])
		p.pos += n
	}
	return string(p.src[start:p.pos])
}

func (p *jsonParser) depthCheck(start, depth int) error {
	if p.lim.MaxDepth > 0 && depth > p.lim.MaxDepth {
		return p.limit(start, fmt.Sprintf("nesting is deeper than %d levels", p.lim.MaxDepth))
	}
	return nil
}

func (p *jsonParser) unclosed(kind string, open int) *Error {
	at := p.d.Position(open)
	return p.fail(p.pos, p.pos, fmt.Sprintf("unexpected end of file: the %s opened at %d:%d is not closed", kind, at.Line, at.Col))
}

func (p *jsonParser) object(depth int) (*Node, error) {
	open := p.pos
	if err := p.depthCheck(open, depth); err != nil {
		return nil, err
	}
	p.pos++ // '{'
	n := &Node{Kind: Object, Start: open}
	var seen map[string]int // key -> offset of first occurrence
	for first := true; ; first = false {
		if err := p.skipSpace(); err != nil {
			return nil, err
		}
		if p.pos >= len(p.src) {
			return nil, p.unclosed("object", open)
		}
		if p.src[p.pos] == '}' {
			if !first {
				// unreachable: handled after ','
				break
			}
			p.pos++
			n.End = p.pos
			return n, nil
		}
		keyStart := p.pos
		switch p.src[p.pos] {
		case '"':
		case '\'':
			return nil, p.fail(keyStart, keyStart+1, "object keys must be in double quotes, not single quotes")
		default:
			if p.identAt(p.pos) {
				w := p.word()
				return nil, p.fail(keyStart, p.pos, fmt.Sprintf("object key %s must be in double quotes", w))
			}
			return nil, p.fail(keyStart, keyStart+1, fmt.Sprintf("unexpected %s: want an object key in double quotes or '}'", p.describe(keyStart)))
		}
		key, err := p.str()
		if err != nil {
			return nil, err
		}
		keyEnd := p.pos
		if prev, dup := seen[key]; dup {
			at := p.d.Position(prev)
			return nil, &Error{Path: p.d.Path, Start: p.d.Position(keyStart), End: p.d.Position(keyEnd), Code: "duplicate-key",
				Msg: fmt.Sprintf("duplicate key %q (first at %d:%d): parsers disagree on which one wins; keep one", key, at.Line, at.Col)}
		}
		if seen == nil {
			seen = make(map[string]int, 8)
		}
		seen[key] = keyStart
		if err := p.skipSpace(); err != nil {
			return nil, err
		}
		if p.pos >= len(p.src) {
			return nil, p.unclosed("object", open)
		}
		if p.src[p.pos] != ':' {
			return nil, p.fail(p.pos, p.pos+1, fmt.Sprintf("unexpected %s after key %q: want ':'", p.describe(p.pos), key))
		}
		p.pos++
		if err := p.skipSpace(); err != nil {
			return nil, err
		}
		if p.pos >= len(p.src) {
			return nil, p.unclosed("object", open)
		}
		if p.src[p.pos] == '}' || p.src[p.pos] == ',' {
			return nil, p.fail(p.pos, p.pos+1, fmt.Sprintf("missing value for key %q", key))
		}
		v, err := p.value(depth)
		if err != nil {
			return nil, err
		}
		n.Members = append(n.Members, Member{Key: key, KeyStart: keyStart, KeyEnd: keyEnd, Value: v})
		if err := p.skipSpace(); err != nil {
			return nil, err
		}
		if p.pos >= len(p.src) {
			return nil, p.unclosed("object", open)
		}
		switch p.src[p.pos] {
		case ',':
			comma := p.pos
			p.pos++
			if err := p.skipSpace(); err != nil {
				return nil, err
			}
			if p.pos < len(p.src) && p.src[p.pos] == '}' {
				return nil, p.fail(comma, comma+1, "trailing comma before '}': remove it")
			}
		case '}':
			p.pos++
			n.End = p.pos
			return n, nil
		default:
			return nil, p.fail(p.pos, p.pos+1, fmt.Sprintf("unexpected %s after the value of %q: want ',' or '}'", p.describe(p.pos), key))
		}
	}
	n.End = p.pos
	return n, nil
}

func (p *jsonParser) array(depth int) (*Node, error) {
	open := p.pos
	if err := p.depthCheck(open, depth); err != nil {
		return nil, err
	}
	p.pos++ // '['
	n := &Node{Kind: Array, Start: open}
	if err := p.skipSpace(); err != nil {
		return nil, err
	}
	if p.pos < len(p.src) && p.src[p.pos] == ']' {
		p.pos++
		n.End = p.pos
		return n, nil
	}
	for {
		if err := p.skipSpace(); err != nil {
			return nil, err
		}
		if p.pos >= len(p.src) {
			return nil, p.unclosed("array", open)
		}
		if p.src[p.pos] == ',' {
			return nil, p.fail(p.pos, p.pos+1, "unexpected ',': missing array element")
		}
		v, err := p.value(depth)
		if err != nil {
			return nil, err
		}
		n.Items = append(n.Items, v)
		if err := p.skipSpace(); err != nil {
			return nil, err
		}
		if p.pos >= len(p.src) {
			return nil, p.unclosed("array", open)
		}
		switch p.src[p.pos] {
		case ',':
			comma := p.pos
			p.pos++
			if err := p.skipSpace(); err != nil {
				return nil, err
			}
			if p.pos < len(p.src) && p.src[p.pos] == ']' {
				return nil, p.fail(comma, comma+1, "trailing comma before ']': remove it")
			}
		case ']':
			p.pos++
			n.End = p.pos
			return n, nil
		default:
			return nil, p.fail(p.pos, p.pos+1, fmt.Sprintf("unexpected %s after an array element: want ',' or ']'", p.describe(p.pos)))
		}
	}
}

// str parses a string starting at the opening quote.
func (p *jsonParser) str() (string, error) {
	open := p.pos
	p.pos++
	// Fast path: no escapes.
	for i := p.pos; i < len(p.src); i++ {
		c := p.src[i]
		if c == '"' {
			s := p.src[p.pos:i]
			if utf8.Valid(s) {
				if err := p.strLimit(open, i-p.pos); err != nil {
					return "", err
				}
				p.pos = i + 1
				return string(s), nil
			}
			break
		}
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			break
		}
	}
	var b strings.Builder
	for {
		if p.pos >= len(p.src) {
			at := p.d.Position(open)
			return "", p.fail(p.pos, p.pos, fmt.Sprintf("unexpected end of file: the string opened at %d:%d is not closed", at.Line, at.Col))
		}
		c := p.src[p.pos]
		switch {
		case c == '"':
			p.pos++
			if err := p.strLimit(open, b.Len()); err != nil {
				return "", err
			}
			return b.String(), nil
		case c == '\\':
			if err := p.escape(&b); err != nil {
				return "", err
			}
		case c == 0:
			return "", p.d.errAt(p.pos, p.pos+1, "encoding", "NUL byte inside a string")
		case c < 0x20:
			if c == '\n' {
				return "", p.fail(p.pos, p.pos+1, "line break inside a string: close the string or write \\n")
			}
			return "", p.fail(p.pos, p.pos+1, fmt.Sprintf("control character U+%04X inside a string: escape it", c))
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			p.pos++
		default:
			r, n := utf8.DecodeRune(p.src[p.pos:])
			if r == utf8.RuneError && n == 1 {
				return "", p.d.errAt(p.pos, p.pos+1, "encoding", fmt.Sprintf("invalid UTF-8 byte 0x%02x inside a string", c))
			}
			b.Write(p.src[p.pos : p.pos+n])
			p.pos += n
		}
		if p.lim.MaxStringLen > 0 && b.Len() > p.lim.MaxStringLen {
			return "", p.strLimit(open, b.Len())
		}
	}
}

func (p *jsonParser) strLimit(open, n int) error {
	if p.lim.MaxStringLen > 0 && n > p.lim.MaxStringLen {
		return p.limit(open, fmt.Sprintf("string longer than %s", humanBytes(p.lim.MaxStringLen)))
	}
	return nil
}

func (p *jsonParser) escape(b *strings.Builder) error {
	start := p.pos
	if p.pos+1 >= len(p.src) {
		p.pos = len(p.src)
		return p.fail(start, p.pos, "unexpected end of file inside an escape sequence")
	}
	c := p.src[p.pos+1]
	p.pos += 2
	switch c {
	case '"', '\\', '/':
		b.WriteByte(c)
	case 'b':
		b.WriteByte('\b')
	case 'f':
		b.WriteByte('\f')
	case 'n':
		b.WriteByte('\n')
	case 'r':
		b.WriteByte('\r')
	case 't':
		b.WriteByte('\t')
	case 'u':
		r, err := p.hex4(start)
		if err != nil {
			return err
		}
		if utf16.IsSurrogate(r) {
			if p.pos+1 < len(p.src) && p.src[p.pos] == '\\' && p.src[p.pos+1] == 'u' {
				second := p.pos
				p.pos += 2
				r2, err := p.hex4(second)
				if err != nil {
					return err
				}
				if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
					b.WriteRune(dec)
					return nil
				}
			}
			return p.d.errAt(start, p.pos, "encoding", "unpaired UTF-16 surrogate in \\u escape")
		}
		if r == 0 {
			return p.d.errAt(start, p.pos, "encoding", "NUL character (\\u0000) inside a string")
		}
		b.WriteRune(r)
	default:
		return p.fail(start, p.pos, fmt.Sprintf("invalid escape \\%c: JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX", c))
	}
	return nil
}

func (p *jsonParser) hex4(start int) (rune, error) {
	if p.pos+4 > len(p.src) {
		p.pos = len(p.src)
		return 0, p.fail(start, p.pos, "unexpected end of file inside a \\u escape")
	}
	v, err := strconv.ParseUint(string(p.src[p.pos:p.pos+4]), 16, 32)
	if err != nil {
		return 0, p.fail(start, p.pos+4, "invalid \\u escape: want four hexadecimal digits")
	}
	p.pos += 4
	return rune(v), nil
}

func (p *jsonParser) number() (*Node, error) {
	start := p.pos
	bad := func() (*Node, error) {
		for p.pos < len(p.src) && (p.identAt(p.pos) || p.src[p.pos] == '.' || p.src[p.pos] == '-' || p.src[p.pos] == '+') {
			p.pos++
		}
		return nil, p.fail(start, p.pos, fmt.Sprintf("%q is not a valid JSON number", p.src[start:p.pos]))
	}
	if p.src[p.pos] == '-' {
		p.pos++
	}
	digits := func() int {
		n := 0
		for p.pos < len(p.src) && '0' <= p.src[p.pos] && p.src[p.pos] <= '9' {
			p.pos++
			n++
		}
		return n
	}
	intStart := p.pos
	if n := digits(); n == 0 || (n > 1 && p.src[intStart] == '0') {
		return bad()
	}
	if p.pos < len(p.src) && p.src[p.pos] == '.' {
		p.pos++
		if digits() == 0 {
			return bad()
		}
	}
	if p.pos < len(p.src) && (p.src[p.pos] == 'e' || p.src[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.src) && (p.src[p.pos] == '+' || p.src[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return bad()
		}
	}
	if p.identAt(p.pos) {
		return bad()
	}
	return &Node{Kind: Number, Str: string(p.src[start:p.pos]), Start: start, End: p.pos}, nil
}
