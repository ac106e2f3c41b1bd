package simulate

import (
	"encoding/base64"
	"math"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/rampart-iam/rampart/internal/policydoc"
)

// cmpKind is the comparison a condition operator makes, always in its
// positive form; negated operators invert it (semantics 5.4). The numeric
// and the date operators each run Equals, LessThan, LessThanEquals,
// GreaterThan, GreaterThanEquals, as compareAs expects.
type cmpKind uint8

const (
	cmpUnknown cmpKind = iota
	cmpStrEq
	cmpStrEqFold
	cmpStrLike
	cmpNumEq
	cmpNumLt
	cmpNumLe
	cmpNumGt
	cmpNumGe
	cmpDateEq
	cmpDateLt
	cmpDateLe
	cmpDateGt
	cmpDateGe
	cmpBool
	cmpBinary
	cmpIP
	cmpARN
	cmpNull
)

type opInfo struct {
	cmp cmpKind
	neg bool
}

// operators maps every documented base operator, lower-cased, to what it
// compares. Lookup ignores case: the schema accepts the exact spelling
// only and the linter warns about any other.
var operators = map[string]opInfo{
	"stringequals":              {cmpStrEq, false},
	"stringnotequals":           {cmpStrEq, true},
	"stringequalsignorecase":    {cmpStrEqFold, false},
	"stringnotequalsignorecase": {cmpStrEqFold, true},
	"stringlike":                {cmpStrLike, false},
	"stringnotlike":             {cmpStrLike, true},
	"numericequals":             {cmpNumEq, false},
	"numericnotequals":          {cmpNumEq, true},
	"numericlessthan":           {cmpNumLt, false},
	"numericlessthanequals":     {cmpNumLe, false},
	"numericgreaterthan":        {cmpNumGt, false},
	"numericgreaterthanequals":  {cmpNumGe, false},
	"dateequals":                {cmpDateEq, false},
	"datenotequals":             {cmpDateEq, true},
	"datelessthan":              {cmpDateLt, false},
	"datelessthanequals":        {cmpDateLe, false},
	"dategreaterthan":           {cmpDateGt, false},
	"dategreaterthanequals":     {cmpDateGe, false},
	"bool":                      {cmpBool, false},
	"binaryequals":              {cmpBinary, false},
	"ipaddress":                 {cmpIP, false},
	"notipaddress":              {cmpIP, true},
	"arnequals":                 {cmpARN, false},
	"arnlike":                   {cmpARN, false},
	"arnnotequals":              {cmpARN, true},
	"arnnotlike":                {cmpARN, true},
	"null":                      {cmpNull, false},
}

// Set qualifiers.
const (
	qualNone uint8 = iota
	qualAny
	qualAll
)

// cond is one compiled condition: one key under one operator.
type cond struct {
	src      *policydoc.Condition
	cmp      cmpKind
	neg      bool
	qual     uint8
	ifExists bool
	key      string // lower-cased
	slot     int32  // the key's slot (see symbols), -1 for none
	// broken says why the condition cannot be evaluated: an unknown
	// operator, or a value that does not parse for its operator. Such a
	// condition fails closed: false in an Allow, true in a Deny.
	broken string
	vals   []cval
	vars   bool   // a value holds policy variables
	ptr    string // of the key in its file, for explanations
	line   int
}

// cval is one pre-parsed condition value.
type cval struct {
	s    string // string operators (lower-cased for IgnoreCase), Bool
	pat  pattern
	num  float64
	sec  int64
	pfx  netip.Prefix
	arn  arnValue
	bin  []byte
	b    bool
	tmpl *template // the value holds policy variables: resolved per request
}

// compileCond compiles one condition. vars says whether the policy allows
// policy variables; escapes whether `${*}`, `${?}` and `${$}` are escapes.
func compileCond(c *policydoc.Condition, vars, escapes bool) cond {
	out := cond{src: c, ifExists: c.IfExists, key: strings.ToLower(c.Key), slot: -1}
	switch c.Qualifier {
	case "ForAnyValue":
		out.qual = qualAny
	case "ForAllValues":
		out.qual = qualAll
	}
	info, ok := operators[strings.ToLower(c.Base)]
	if !ok || (info.cmp == cmpNull && (c.IfExists || c.Qualifier != "")) {
		out.broken = "unknown operator " + c.Operator
		return out
	}
	out.cmp, out.neg = info.cmp, info.neg
	varsHere := vars && (info.cmp == cmpStrEq || info.cmp == cmpStrEqFold || info.cmp == cmpStrLike || info.cmp == cmpARN || info.cmp == cmpBool)
	out.vals = make([]cval, len(c.Values))
	for i, e := range c.Values {
		v := &out.vals[i]
		if varsHere {
			if t, found := parseTemplate(e.Value, escapes); found {
				v.tmpl, out.vars = &t, true
				continue
			}
		}
		if !v.parse(out.cmp, e.Value) && out.broken == "" {
			out.broken = "value " + strconv.Quote(e.Value) + " is not valid for " + c.Base
		}
	}
	return out
}

// intern gives the condition's key, and the variables of its values, their
// slots.
func (c *cond) intern(y *symbols) {
	c.slot = y.key(c.key)
	for i := range c.vals {
		if t := c.vals[i].tmpl; t != nil {
			t.intern(y)
		}
	}
}

// cost ranks how much testing the condition takes, for testing the
// cheapest conditions of a block first.
func (c *cond) cost() int {
	if c.broken != "" {
		return 0
	}
	n := 0
	switch c.cmp {
	case cmpNull:
		n = 1
	case cmpBool, cmpNumEq, cmpNumLt, cmpNumLe, cmpNumGt, cmpNumGe, cmpDateEq, cmpDateLt, cmpDateLe, cmpDateGt, cmpDateGe:
		n = 2
	case cmpStrEq, cmpStrEqFold, cmpIP:
		n = 3
	case cmpStrLike:
		n = 4
	case cmpARN:
		n = 5
	default:
		n = 6
	}
	for i := range c.vals {
		if c.vals[i].tmpl != nil {
			n += 4
			break
		}
	}
	return n*16 + min(len(c.vals), 15)
}

// parse pre-parses a literal value for the comparison; false if it does
// not parse.
func (v *cval) parse(k cmpKind, s string) bool {
	switch k {
	case cmpStrEq:
		v.s = s
	case cmpStrEqFold:
		v.s = s
	case cmpStrLike:
		v.pat = compilePattern(s)
	case cmpNumEq, cmpNumLt, cmpNumLe, cmpNumGt, cmpNumGe:
		n, ok := parseNumber(s)
		if !ok {
			return false
		}
		v.num = n
	case cmpDateEq, cmpDateLt, cmpDateLe, cmpDateGt, cmpDateGe:
		t, ok := parseDate(s)
		if !ok {
			return false
		}
		v.sec = t
	case cmpBool:
		b, ok := parseBool(s)
		if !ok {
			return false
		}
		v.b = b
	case cmpBinary:
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return false
		}
		v.bin = b
	case cmpIP:
		p, ok := parseCIDR(s)
		if !ok {
			return false
		}
		v.pfx = p
	case cmpARN:
		v.arn = compileARN(s)
		if !v.arn.ok {
			return false
		}
	case cmpNull:
		b, ok := parseBool(s)
		if !ok {
			return false
		}
		v.b = b
	}
	return true
}

// condResult is the outcome of one condition.
type condResult struct {
	ok      bool
	missing bool   // the key was absent from the request
	broken  string // why the condition could not be evaluated, if it could not
}

// eval evaluates the condition against the request (semantics 5.4). deny
// says whether the statement is a Deny, for fail-closed handling.
func (c *cond) eval(r *request, deny bool) condResult {
	v := r.get(c.slot, c.key)
	present := v != nil && len(v.vals) > 0
	if c.broken != "" {
		return condResult{ok: deny, missing: !present, broken: c.broken}
	}
	if c.cmp == cmpNull {
		for i := range c.vals {
			if c.vals[i].b == !present {
				return condResult{ok: true, missing: !present}
			}
		}
		return condResult{ok: false, missing: !present}
	}
	if !present {
		switch {
		case c.ifExists, c.qual == qualAll:
			return condResult{ok: true, missing: true}
		case c.qual == qualAny:
			return condResult{ok: false, missing: true}
		}
		return condResult{ok: c.neg, missing: true}
	}
	if c.qual == qualNone && len(v.vals) > 1 {
		return condResult{} // a multi-valued key needs a set qualifier
	}
	if v.typed == nil {
		nv := newCtxVal(v.vals, v.multi)
		v = &nv
	}
	if c.qual == qualAll {
		for i, x := range v.vals {
			if !c.test(r, x, &v.typed[i]) {
				return condResult{}
			}
		}
		return condResult{ok: true}
	}
	for i, x := range v.vals {
		if c.test(r, x, &v.typed[i]) {
			return condResult{ok: true}
		}
	}
	return condResult{}
}

// test applies the operator to one request value: for a positive operator
// it matches any policy value, for a negated one it must match none.
func (c *cond) test(r *request, x string, tv *typedVal) bool {
	return c.matchAny(r, x, tv) != c.neg
}

// matchAny reports whether one of the policy values matches the request
// value: matchValue of each, with the comparisons most conditions make
// done in one loop when no value holds variables.
func (c *cond) matchAny(r *request, x string, tv *typedVal) bool {
	if !c.vars {
		switch c.cmp {
		case cmpStrEq:
			for i := range c.vals {
				if x == c.vals[i].s {
					return true
				}
			}
			return false
		case cmpStrLike:
			for i := range c.vals {
				if c.vals[i].pat.match(x) {
					return true
				}
			}
			return false
		case cmpIP:
			if tv.flags&isIP == 0 {
				return false
			}
			for i := range c.vals {
				if c.vals[i].pfx.Contains(tv.ip) {
					return true
				}
			}
			return false
		case cmpDateEq, cmpDateLt, cmpDateLe, cmpDateGt, cmpDateGe:
			if tv.flags&isDate == 0 {
				return false
			}
			for i := range c.vals {
				if compareAs(c.cmp-cmpDateEq, tv.sec, c.vals[i].sec) {
					return true
				}
			}
			return false
		case cmpNumEq, cmpNumLt, cmpNumLe, cmpNumGt, cmpNumGe:
			if tv.flags&isNum == 0 {
				return false
			}
			for i := range c.vals {
				if compareAs(c.cmp-cmpNumEq, tv.num, c.vals[i].num) {
					return true
				}
			}
			return false
		}
	}
	for i := range c.vals {
		if c.matchValue(r, &c.vals[i], x, tv) {
			return true
		}
	}
	return false
}

// compareAs compares a request value with a policy value by the offset of
// a numeric or date operator from its Equals: =, <, <=, >, >=.
func compareAs[T int64 | float64](op cmpKind, x, v T) bool {
	switch op {
	case 0:
		return x == v
	case 1:
		return x < v
	case 2:
		return x <= v
	case 3:
		return x > v
	}
	return x >= v
}

// matchValue applies the positive comparison of one policy value to one
// request value. A request value that does not parse matches nothing; so
// does a policy value whose variables have no value.
func (c *cond) matchValue(r *request, v *cval, x string, tv *typedVal) bool {
	if v.tmpl != nil {
		switch c.cmp {
		case cmpStrLike:
			return v.tmpl.like(r, x)
		case cmpStrEq:
			return v.tmpl.equal(r, x)
		case cmpARN:
			a := resolveARN(v.tmpl, r)
			return a.match(x)
		default:
			s, ok := v.tmpl.str(r)
			if !ok {
				return false
			}
			var lit cval
			if !lit.parse(c.cmp, s) {
				return false
			}
			return c.matchValue(r, &lit, x, tv)
		}
	}
	switch c.cmp {
	case cmpStrEq:
		return x == v.s
	case cmpStrEqFold:
		return strings.EqualFold(x, v.s)
	case cmpStrLike:
		return v.pat.match(x)
	case cmpNumEq, cmpNumLt, cmpNumLe, cmpNumGt, cmpNumGe:
		if tv.flags&isNum == 0 {
			return false
		}
		n := tv.num
		switch c.cmp {
		case cmpNumEq:
			return n == v.num
		case cmpNumLt:
			return n < v.num
		case cmpNumLe:
			return n <= v.num
		case cmpNumGt:
			return n > v.num
		}
		return n >= v.num
	case cmpDateEq, cmpDateLt, cmpDateLe, cmpDateGt, cmpDateGe:
		if tv.flags&isDate == 0 {
			return false
		}
		t := tv.sec
		switch c.cmp {
		case cmpDateEq:
			return t == v.sec
		case cmpDateLt:
			return t < v.sec
		case cmpDateLe:
			return t <= v.sec
		case cmpDateGt:
			return t > v.sec
		}
		return t >= v.sec
	case cmpBool:
		b, ok := parseBool(x)
		return ok && b == v.b
	case cmpBinary:
		if b, err := base64.StdEncoding.DecodeString(x); err == nil {
			return string(b) == string(v.bin)
		}
		return x == string(v.bin)
	case cmpIP:
		return tv.flags&isIP != 0 && v.pfx.Contains(tv.ip)
	case cmpARN:
		return v.arn.match(x)
	}
	return false
}

// resolveARN substitutes the variables of an ARN value, then splits it
// into its parts: policy text keeps its wildcards, escapes and substituted
// values are literal. A whole ARN may come from one variable
// (`${aws:PrincipalArn}`).
func resolveARN(t *template, r *request) arnValue {
	var text []byte
	var wild []bool
	for i := range t.segs {
		s := &t.segs[i]
		val, glob := s.text, s.kind == segText
		if s.kind == segVar {
			v, ok := s.value(r)
			if !ok {
				return arnValue{}
			}
			val = v
		}
		for j := 0; j < len(val); j++ {
			text = append(text, val[j])
			wild = append(wild, glob && (val[j] == '*' || val[j] == '?'))
		}
	}
	var v arnValue
	part, start := 0, 0
	for i := 0; i <= len(text) && part < 5; i++ {
		if i < len(text) && text[i] != ':' {
			continue
		}
		if i == len(text) {
			return arnValue{}
		}
		v.parts[part] = makePattern(string(text[start:i]), wild[start:i])
		if part == 0 && string(text[start:i]) != "arn" {
			part++
			v.parts[part] = literalPattern("")
		}
		part++
		start = i + 1
	}
	if part != 5 {
		return arnValue{}
	}
	v.parts[5] = makePattern(string(text[start:]), wild[start:])
	v.ok = true
	return v
}

// parseNumber reads an integer or decimal number.
func parseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if !mayBeFloat(s) {
		return 0, false // what strconv.ParseFloat would refuse, without its error
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// mayBeFloat reports false for text strconv.ParseFloat refuses for sure:
// a byte no decimal or hexadecimal number, inf or nan holds, or more than
// one point.
func mayBeFloat(s string) bool {
	if s == "" {
		return false
	}
	points := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i] | 0x20; { // lower-case letters; digits, '+', '-', '.' and '_' keep their bit
		case '0' <= s[i] && s[i] <= '9', s[i] == '+', s[i] == '-', s[i] == '_':
		case s[i] == '.':
			points++
		case 'a' <= c && c <= 'f', c == 'i', c == 'n', c == 't', c == 'y', c == 'p', c == 'x':
		default:
			return false
		}
	}
	return points <= 1
}

// dateLayouts are the W3C ISO 8601 forms a date may take, most common first.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",
	"2006-01-02",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01",
	"2006",
}

// parseDate reads an ISO 8601 date or integer epoch seconds into epoch
// seconds; comparisons are to the second (semantics 5.4). A date without
// an offset is read as UTC.
func parseDate(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if isDigits(s) || (s[0] == '-' && isDigits(s[1:])) {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, false
		}
		// four digits read as epoch seconds too, as AWS reads an integer
		return n, true
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.Unix(), true
		}
	}
	return 0, false
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func parseBool(s string) (bool, bool) {
	switch {
	case strings.EqualFold(s, "true"):
		return true, true
	case strings.EqualFold(s, "false"):
		return false, true
	}
	return false, false
}

// parseCIDR reads an IPv4 or IPv6 CIDR, or a bare address as /32 or /128.
// Host bits are cleared; IPv4-mapped IPv6 addresses become IPv4.
func parseCIDR(s string) (netip.Prefix, bool) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, false
		}
		a := p.Addr()
		bits := p.Bits()
		if a.Is4In6() {
			a = a.Unmap()
			bits -= 96
			if bits < 0 {
				return netip.Prefix{}, false
			}
		}
		return netip.PrefixFrom(a, bits).Masked(), true
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, false
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), true
}
