package simulate

import "strings"

// template is a policy value holding policy variables: `${aws:username}`,
// `${aws:PrincipalTag/team, 'default'}`, the escapes `${*}`, `${?}` and
// `${$}` (aws), or JD Cloud's `${accountId}` and `${name}`. It is parsed
// once; the variables are substituted per request.
type template struct {
	segs []tseg
	glob globShape // where the policy text globs, its wildcards
}

// globShape is where the wildcards of a template's policy text are.
type globShape uint8

const (
	globNone globShape = iota // none: matching is equality
	globTail                  // one trailing `*` only: matching is a prefix test
	globAny                   // elsewhere
)

type tsegKind uint8

const (
	segText    tsegKind = iota // policy text: `*` and `?` are wildcards where the operator globs
	segLiteral                 // an escape: the character stands for itself
	segVar                     // a variable
)

type tseg struct {
	kind   tsegKind
	text   string // segText and segLiteral
	key    string // segVar: the context key, lower-cased
	slot   int32  // segVar: the key's slot (see symbols), -1 for none
	def    string // segVar: the default value
	hasDef bool
}

// parseTemplate splits s into text, escapes and variables. It reports false
// when s holds neither (the value is plain text). With escapes false, only
// variables are recognised (JD Cloud has no escapes).
func parseTemplate(s string, escapes bool) (template, bool) {
	if !strings.Contains(s, "${") {
		return template{}, false
	}
	var t template
	found := false
	text := func(x string) {
		if x != "" {
			t.segs = append(t.segs, tseg{kind: segText, text: x})
		}
	}
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			text(s)
			break
		}
		j := strings.IndexByte(s[i+2:], '}')
		if j < 0 {
			text(s)
			break
		}
		inner := s[i+2 : i+2+j]
		seg, ok := parseVariable(inner, escapes)
		if !ok {
			// Not a variable: keep "${" as text and go on after it.
			text(s[:i+2])
			s = s[i+2:]
			continue
		}
		found = true
		text(s[:i])
		t.segs = append(t.segs, seg)
		s = s[i+2+j+1:]
	}
	t.glob = t.globShape()
	return t, found
}

// globShape finds where the wildcards of the policy text are.
func (t *template) globShape() globShape {
	wild := 0
	for _, s := range t.segs {
		if s.kind == segText {
			wild += strings.Count(s.text, "*") + strings.Count(s.text, "?")
		}
	}
	if wild == 0 {
		return globNone
	}
	if last := t.segs[len(t.segs)-1]; wild == 1 && last.kind == segText && strings.HasSuffix(last.text, "*") {
		return globTail
	}
	return globAny
}

// intern gives the template's variables the slots of their keys.
func (t *template) intern(y *symbols) {
	for i := range t.segs {
		if t.segs[i].kind == segVar {
			t.segs[i].slot = y.key(t.segs[i].key)
		}
	}
}

func parseVariable(inner string, escapes bool) (tseg, bool) {
	switch inner {
	case "*", "?", "$":
		if escapes {
			return tseg{kind: segLiteral, text: inner}, true
		}
		return tseg{}, false
	}
	key, rest, hasComma := strings.Cut(inner, ",")
	key = strings.TrimSpace(key)
	if key == "" || strings.ContainsAny(key, " \t'") {
		return tseg{}, false
	}
	seg := tseg{kind: segVar, key: strings.ToLower(key), slot: -1}
	if hasComma {
		rest = strings.TrimSpace(rest)
		if len(rest) < 2 || rest[0] != '\'' || rest[len(rest)-1] != '\'' {
			return tseg{}, false
		}
		seg.def, seg.hasDef = rest[1:len(rest)-1], true
	}
	return seg, true
}

// variableKeys lists the context keys the template refers to.
func (t *template) variableKeys() []string {
	var out []string
	for _, s := range t.segs {
		if s.kind == segVar {
			out = append(out, s.key)
		}
	}
	return out
}

// value returns the substituted value of a variable, or false when the
// key is absent (without a default) or multi-valued: such a variable has no
// value and the policy value holding it matches nothing.
func (s *tseg) value(r *request) (string, bool) {
	if v := r.get(s.slot, s.key); v != nil && !v.multi && len(v.vals) == 1 {
		return v.vals[0], true
	}
	if s.hasDef {
		return s.def, true
	}
	return "", false
}

// str substitutes the variables and returns the plain string (escapes and
// wildcards as their characters).
func (t *template) str(r *request) (string, bool) {
	var b strings.Builder
	for i := range t.segs {
		s := &t.segs[i]
		if s.kind == segVar {
			v, ok := s.value(r)
			if !ok {
				return "", false
			}
			b.WriteString(v)
			continue
		}
		b.WriteString(s.text)
	}
	return b.String(), true
}

// substituted returns the segment as it stands in the substituted template: its
// text, or the variable's value; false when the variable has none.
func (s *tseg) substituted(r *request) (string, bool) {
	if s.kind == segVar {
		return s.value(r)
	}
	return s.text, true
}

// equal reports whether x is the substituted template, every character
// taken literally, without assembling the pieces.
func (t *template) equal(r *request, x string) bool {
	for i := range t.segs {
		p, ok := t.segs[i].substituted(r)
		if !ok || !strings.HasPrefix(x, p) {
			return false
		}
		x = x[len(p):]
	}
	return x == ""
}

// like reports whether x matches the substituted template, in whose policy
// text `*` and `?` are wildcards (matchPieces over its pieces). Templates
// without wildcards or with a trailing `*` only are matched in place.
func (t *template) like(r *request, x string) bool {
	switch t.glob {
	case globNone:
		return t.equal(r, x)
	case globTail:
		last := len(t.segs) - 1
		for i := range t.segs {
			p, ok := t.segs[i].substituted(r)
			if !ok {
				return false
			}
			if i == last {
				p = p[:len(p)-1] // the trailing star
			}
			if !strings.HasPrefix(x, p) {
				return false
			}
			x = x[len(p):]
		}
		return true
	}
	var buf [8]piece
	ps, ok := t.pieces(r, buf[:0])
	return ok && matchPieces(ps, x)
}

// piece is a run of a substituted template: policy text (glob) in which
// `*` and `?` are wildcards where the operator globs, or literal text.
type piece struct {
	s    string
	glob bool
}

// pieces substitutes the template's variables into buf without copying
// any text. It reports false when a variable has no value.
func (t *template) pieces(r *request, buf []piece) ([]piece, bool) {
	out := buf[:0]
	for i := range t.segs {
		s := &t.segs[i]
		switch s.kind {
		case segText:
			out = append(out, piece{s: s.text, glob: true})
		case segLiteral:
			out = append(out, piece{s: s.text})
		case segVar:
			v, ok := s.value(r)
			if !ok {
				return nil, false
			}
			out = append(out, piece{s: v})
		}
	}
	return out, true
}

// matchPieces matches s against the concatenated pieces: in glob pieces
// `*` and `?` are wildcards, literal pieces stand for themselves.
// Patterns up to 256 bytes are assembled on the stack, so substituted
// values need no allocation.
func matchPieces(ps []piece, s string) bool {
	n := 0
	for _, p := range ps {
		n += len(p.s)
	}
	var tbuf [256]byte
	var wbuf [256]bool
	text, wild := tbuf[:0], wbuf[:0]
	if n > len(tbuf) {
		text, wild = make([]byte, 0, n), make([]bool, 0, n)
	}
	for _, p := range ps {
		for i := 0; i < len(p.s); i++ {
			c := p.s[i]
			text = append(text, c)
			wild = append(wild, p.glob && (c == '*' || c == '?'))
		}
	}
	return matchGeneral(text, wild, s)
}
