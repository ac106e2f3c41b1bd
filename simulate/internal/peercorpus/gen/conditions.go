package main

import (
	"encoding/base64"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// cond is one key under one operator of a Condition block.
type cond struct {
	op   string
	key  string
	vals []any
}

// spellKey writes a condition key the way people do: mostly as documented,
// sometimes in another case (key names are case-insensitive).
func spellKey(r *rng, key string) string {
	switch r.intn(12) {
	case 0:
		return strings.ToLower(key)
	case 1:
		i := strings.IndexByte(key, ':')
		return strings.ToUpper(key[:i]) + key[i:]
	case 2:
		if j := strings.IndexByte(key, '/'); j > 0 {
			return key[:j] + strings.ToUpper(key[j:])
		}
	}
	return key
}

func strs(xs ...string) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// negated operators are true when the key is absent and AND their values.
func negated(op string) bool {
	base := op[strings.LastIndexByte(op, ':')+1:]
	base = strings.TrimSuffix(base, "IfExists")
	return strings.Contains(base, "Not")
}

// condFor builds one condition on entry e. It leans towards a condition that
// holds (hit) or fails (miss), but either way the independent evaluator has
// the last word.
func (s *scenario) condFor(e *entry, hit bool) cond {
	r := s.r
	if r.chance(0.08) {
		// Null tests presence.
		v := boolStr(!e.present)
		if !hit {
			v = boolStr(e.present)
		}
		var val any = v
		if r.chance(0.2) {
			val = v == "true" // JSON booleans are allowed as values
		}
		return cond{op: "Null", key: e.key, vals: []any{val}}
	}
	var c cond
	switch e.typ {
	case tStr:
		c = s.stringCond(e, hit)
	case tMulti:
		c = s.multiCond(e, hit)
	case tNum:
		c = s.numericCond(e, hit)
	case tDate:
		c = s.dateCond(e, hit)
	case tEpoch:
		if r.chance(0.35) {
			c = s.numericCond(e, hit)
		} else {
			c = s.dateCond(e, hit)
		}
	case tBool:
		c = s.boolCond(e, hit)
	case tIP:
		c = s.ipCond(e, hit)
	case tARN:
		c = s.arnCond(e, hit)
	case tBinary:
		c = s.binaryCond(e, hit)
	}
	c.key = e.key
	// IfExists: for a set operator only when the key is present (the peer
	// does not honour IfExists on an absent key under ForAnyValue).
	if c.op != "Null" && r.chance(0.15) && (e.present || !strings.Contains(c.op, ":")) {
		c.op += "IfExists"
	}
	return c
}

func (s *scenario) stringCond(e *entry, hit bool) cond {
	r := s.r
	actual := ""
	if e.present {
		actual = e.vals[0]
	}
	others := []string{"prod", "dev", "ml", "shared", "finance", "Platform", "alice", "AWSPREVIOUS", "public", "ec2.amazonaws.com", "x"}
	fill := func(first string, n int) []string {
		out := []string{first}
		for len(out) < n {
			o := pick(r, others)
			if o != actual && !contains(out, o) && !strings.EqualFold(o, actual) {
				out = append(out, o)
			}
		}
		shuffle(r, out)
		return out
	}
	miss := func() string {
		for {
			o := pick(r, others)
			if !strings.EqualFold(o, actual) {
				return o
			}
		}
	}
	n := r.between(1, 3)
	// Policy variables: ABAC on tags, the caller's own name.
	if v, ok := s.variableValue(e); ok && r.chance(0.45) {
		op := pick(r, []string{"StringEquals", "StringEquals", "StringLike", "StringNotEquals", "StringEqualsIgnoreCase"})
		if negated(op) && !v.resolvable {
			op = "StringEquals"
		}
		vals := []string{v.text}
		if n > 1 {
			vals = append(vals, miss())
		}
		return cond{op: op, vals: strs(vals...)}
	}
	if strings.EqualFold(e.key, "aws:PrincipalTag/label") && r.chance(0.6) {
		// The escapes ${*}, ${?} and ${$} stand for the literal characters.
		vals := map[string][]string{
			"a*b":   {"a${*}b", "a*", "${*}"},
			"why?":  {"why${?}", "why?", "wh${?}"},
			"cost$": {"cost${$}", "cost*", "${$}cost"},
			"plain": {"pl${*}n", "plain${?}", "plain"},
		}[actual]
		if vals == nil {
			vals = []string{"a${*}b", "why${?}", "cost${$}"}
		}
		return cond{op: pick(r, []string{"StringEquals", "StringLike", "StringNotEquals", "StringNotLike"}), vals: strs(sample(r, vals, r.between(1, 2))...)}
	}
	ops := []string{"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike"}
	op := pick(r, ops)
	if !e.present {
		return cond{op: op, vals: strs(fill(miss(), n)...)}
	}
	var first string
	switch {
	case strings.Contains(op, "Like"):
		if hit == !negated(op) {
			first = likeOf(r, actual)
		} else {
			first = miss() + "*"
		}
	case strings.Contains(op, "IgnoreCase"):
		if hit == !negated(op) {
			first = flipCase(r, actual)
		} else {
			first = miss()
		}
	default:
		if hit == !negated(op) {
			first = actual
		} else if r.chance(0.3) && flipCase(r, actual) != actual {
			first = flipCase(r, actual) // differs only in case: a miss for StringEquals
		} else {
			first = miss()
		}
	}
	if r.chance(0.15) && op == "StringEquals" {
		// Set qualifiers on a single-valued key behave like the bare operator
		// on a one-element set.
		op = pick(r, []string{"ForAnyValue:", "ForAllValues:"}) + op
	}
	return cond{op: op, vals: strs(fill(first, n)...)}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// likeOf returns a wildcard pattern that matches s.
func likeOf(r *rng, s string) string {
	if s == "" {
		return "*"
	}
	switch r.intn(5) {
	case 0:
		return s[:r.intn(len(s))] + "*"
	case 1:
		return "*" + s[r.intn(len(s)):]
	case 2:
		i := r.intn(len(s))
		return s[:i] + "?" + s[i+1:]
	case 3:
		return "*"
	}
	return s
}

func flipCase(r *rng, s string) string {
	if r.chance(0.5) {
		if u := strings.ToUpper(s); u != s {
			return u
		}
	}
	if l := strings.ToLower(s); l != s {
		return l
	}
	return strings.ToUpper(s)
}

// variable is a policy variable that can stand as a condition value or in a
// resource pattern.
type variable struct {
	text       string
	resolvable bool // the key it names is present, or it has a default
}

func (s *scenario) variableValue(e *entry) (variable, bool) {
	r := s.r
	k := strings.ToLower(e.key)
	switch {
	case strings.HasSuffix(k, "tag/team") && !strings.HasPrefix(k, "aws:principaltag"):
		return s.teamVariable(r.chance(0.3)), true
	case k == "sts:rolesessionname" || k == "sts:sourceidentity" || k == "aws:sourceidentity":
		return s.userVariable(), true
	case k == "s3:prefix":
		v := s.userVariable()
		if r.chance(0.5) {
			v = s.teamVariable(r.chance(0.3))
			v.text = "teams/" + v.text + "/"
		} else {
			v.text = "home/" + v.text + "/"
		}
		return v, true
	}
	return variable{}, false
}

func (s *scenario) teamVariable(withDefault bool) variable {
	tag := pick(s.r, []string{"aws:PrincipalTag/team", "aws:principaltag/team", "aws:PrincipalTag/Team"})
	_, present := s.value("aws:PrincipalTag/team")
	if withDefault {
		return variable{text: "${" + tag + ", 'shared'}", resolvable: true}
	}
	return variable{text: "${" + tag + "}", resolvable: present}
}

func (s *scenario) userVariable() variable {
	_, present := s.value("aws:username")
	return variable{text: "${aws:username}", resolvable: present}
}

func (s *scenario) multiCond(e *entry, hit bool) cond {
	r := s.r
	var universe []string
	switch strings.ToLower(e.key) {
	case "aws:principalorgpaths":
		pattern := orgHome + "/r-ab12/ou-ab12-11111111/*"
		if r.chance(0.4) {
			pattern = orgPath(s.p.account)
		}
		op := pick(r, []string{"ForAnyValue:StringLike", "ForAnyValue:StringLike", "ForAllValues:StringLike", "ForAnyValue:StringNotLike"})
		vals := []string{pattern}
		if r.chance(0.4) {
			vals = append(vals, orgHome+"/r-ab12/ou-ab12-22222222/*")
		}
		if !hit {
			vals = []string{orgPartner + "/*"}
		}
		return cond{op: op, vals: strs(vals...)}
	case "aws:calledvia":
		universe = []string{"cloudformation.amazonaws.com", "athena.amazonaws.com", "dynamodb.amazonaws.com"}
	case "aws:tagkeys":
		universe = []string{"team", "env", "owner", "CostCenter", "project"}
	case "s3:requestobjecttagkeys":
		universe = []string{"classification", "owner", "retention"}
	case "kms:encryptioncontextkeys":
		universe = []string{"project", "aws:s3:arn", "tenant"}
	case "sts:transitivetagkeys":
		universe = []string{"team", "env", "project"}
	case "dynamodb:leadingkeys":
		if r.chance(0.4) && s.p.session == false {
			return cond{op: pick(r, []string{"ForAllValues:StringEquals", "ForAnyValue:StringEquals"}), vals: strs("${aws:username}")}
		}
		universe = []string{s.p.name, "tenant-17", "tenant-99"}
	case "dynamodb:attributes":
		universe = []string{"id", "status", "email", "ssn"}
	default:
		universe = []string{"a", "b", "c"}
	}
	op := pick(r, []string{"ForAllValues:StringEquals", "ForAnyValue:StringEquals", "ForAllValues:StringLike", "ForAnyValue:StringLike",
		"ForAnyValue:StringNotEquals", "ForAllValues:StringNotEquals", "ForAllValues:StringEqualsIgnoreCase"})
	var vals []string
	if hit && e.present {
		vals = append(vals, e.vals...)
		for _, u := range universe {
			if r.chance(0.3) && !contains(vals, u) {
				vals = append(vals, u)
			}
		}
	} else {
		vals = sample(r, universe, r.between(1, 2))
	}
	if strings.HasSuffix(op, "Like") && r.chance(0.5) && len(vals) > 0 {
		vals[0] = likeOf(r, vals[0])
	}
	if strings.HasSuffix(op, "IgnoreCase") {
		for i := range vals {
			vals[i] = flipCase(r, vals[i])
		}
	}
	return cond{op: op, vals: strs(vals...)}
}

func (s *scenario) numericCond(e *entry, hit bool) cond {
	r := s.r
	op := pick(r, []string{"NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals"})
	var base float64 = 3600
	decimals := false
	if e.present {
		f, err := strconv.ParseFloat(e.vals[0], 64)
		if err == nil {
			base = f
		}
		decimals = strings.Contains(e.vals[0], ".")
	}
	format := func(f float64) any {
		if decimals || f != float64(int64(f)) {
			str := strconv.FormatFloat(f, 'f', -1, 64)
			if !strings.Contains(str, ".") {
				str += ".0"
			}
			return str
		}
		if r.chance(0.15) {
			return int64(f) // a JSON number
		}
		return strconv.FormatInt(int64(f), 10)
	}
	step := 1.0
	if decimals {
		step = 0.1
	}
	if base > 1000 {
		step = pick(r, []float64{1, 60, 3600})
	}
	cands := []float64{base, base - step, base + step, base * 2, base / 2}
	n := r.between(1, 2)
	var vals []any
	for i := 0; i < n; i++ {
		v := pick(r, cands)
		if i == 0 && hit {
			v = cands[r.intn(3)]
		}
		if v < 0 {
			v = 0
		}
		vals = append(vals, format(v))
	}
	return cond{op: op, vals: vals}
}

func (s *scenario) dateCond(e *entry, hit bool) cond {
	r := s.r
	op := pick(r, []string{"DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals"})
	t := s.now
	epoch := e.typ == tEpoch
	if e.present {
		if epoch {
			n, _ := strconv.ParseInt(e.vals[0], 10, 64)
			t = time.Unix(n, 0).UTC()
		} else if p, err := time.Parse(time.RFC3339, e.vals[0]); err == nil {
			t = p
		}
	}
	deltas := []time.Duration{0, time.Second, -time.Second, time.Hour, -time.Hour, 24 * time.Hour, -30 * 24 * time.Hour, 90 * 24 * time.Hour}
	var vals []any
	for i, n := 0, r.between(1, 2); i < n; i++ {
		d := pick(r, deltas)
		if i == 0 && hit {
			d = deltas[r.intn(3)]
		}
		v := t.Add(d)
		if epoch {
			// Epoch values only for an epoch-valued key: the peer compares
			// epoch seconds with milliseconds when the forms are mixed.
			if r.chance(0.2) {
				vals = append(vals, v.Unix())
			} else {
				vals = append(vals, strconv.FormatInt(v.Unix(), 10))
			}
			continue
		}
		switch r.intn(6) {
		case 0:
			vals = append(vals, v.Format("2006-01-02")) // date only: midnight UTC
		case 1:
			vals = append(vals, v.Truncate(time.Minute).Format("2006-01-02T15:04Z"))
		case 2:
			vals = append(vals, v.In(time.FixedZone("", 2*3600)).Format(time.RFC3339))
		case 3:
			vals = append(vals, v.In(time.FixedZone("", -5*3600)).Format(time.RFC3339))
		default:
			vals = append(vals, v.Format(time.RFC3339))
		}
	}
	return cond{op: op, vals: vals}
}

func (s *scenario) boolCond(e *entry, hit bool) cond {
	r := s.r
	want := true
	if e.present {
		want = e.vals[0] == "true"
	}
	if !hit {
		want = !want
	}
	v := boolStr(want)
	switch r.intn(8) {
	case 0:
		return cond{op: "Bool", vals: []any{want}}
	case 1:
		v = strings.ToUpper(v[:1]) + v[1:]
	}
	return cond{op: "Bool", vals: strs(v)}
}

func (s *scenario) ipCond(e *entry, hit bool) cond {
	r := s.r
	op := pick(r, []string{"IpAddress", "NotIpAddress"})
	var addr netip.Addr
	if e.present {
		addr = netip.MustParseAddr(e.vals[0])
	} else {
		addr = netip.MustParseAddr("203.0.113.7")
	}
	containing := func() string {
		if addr.Is4() {
			bits := pick(r, []int{8, 16, 24, 32, 12})
			if bits == 32 && r.chance(0.5) {
				return addr.String() // a bare address means /32
			}
			p, _ := addr.Prefix(bits)
			if r.chance(0.2) {
				return addr.String() + "/" + strconv.Itoa(bits) // host bits set
			}
			return p.String()
		}
		p, _ := addr.Prefix(pick(r, []int{32, 48, 64}))
		return p.String()
	}
	foreign := []string{"192.0.2.0/24", "198.51.100.0/24", "10.0.0.0/16", "172.16.0.0/12", "2001:db8:ffff::/48", "0.0.0.0/1", "fd00::/8"}
	var vals []string
	in := hit == (op == "IpAddress")
	if in {
		vals = append(vals, containing())
	}
	for len(vals) == 0 || r.chance(0.4) && len(vals) < 3 {
		f := pick(r, foreign)
		pf := netip.MustParsePrefix(f)
		if !pf.Contains(addr) && !contains(vals, f) {
			vals = append(vals, f)
		}
	}
	shuffle(r, vals)
	return cond{op: op, vals: strs(vals...)}
}

func (s *scenario) arnCond(e *entry, hit bool) cond {
	r := s.r
	op := pick(r, []string{"ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "ArnLike", "StringLike"})
	actual := "arn:aws:iam::" + acctHome + ":role/ci-deploy"
	if e.present {
		actual = e.vals[0]
	}
	parts := strings.SplitN(actual, ":", 6)
	var matchers []string
	matchers = append(matchers, actual)
	if op != "ArnEquals" && op != "ArnNotEquals" || r.chance(0.5) {
		// ArnEquals and ArnLike both take wildcards per segment.
		matchers = append(matchers,
			strings.Join([]string{"arn", "aws", parts[2], parts[3], "*", parts[5]}, ":"),
			strings.Join([]string{"arn", "aws", parts[2], parts[3], parts[4], likeOf(r, parts[5])}, ":"),
			strings.Join([]string{"arn", "aws", parts[2], parts[3], "${aws:PrincipalAccount}", parts[5]}, ":"))
		if parts[5] != "" && strings.Contains(parts[5], "/") {
			typ := parts[5][:strings.IndexByte(parts[5], '/')+1]
			matchers = append(matchers, strings.Join([]string{"arn", "aws", parts[2], parts[3], parts[4], typ + "*"}, ":"))
		}
	}
	misses := []string{
		roleARN(acctThird, "ci-deploy"),
		"arn:aws:iam::" + acctHome + ":role/ops-*",
		strings.Join([]string{"arn", "aws", parts[2], parts[3], parts[4], flipCase(r, parts[5])}, ":"),
		"arn:aws:iam::*:user/contractors/*",
	}
	var vals []string
	if hit == !negated(op) {
		vals = append(vals, pick(r, matchers))
	}
	for len(vals) == 0 || r.chance(0.35) && len(vals) < 3 {
		m := pick(r, misses)
		if m != actual && !contains(vals, m) {
			vals = append(vals, m)
		}
	}
	shuffle(r, vals)
	return cond{op: op, vals: strs(vals...)}
}

func (s *scenario) binaryCond(e *entry, hit bool) cond {
	r := s.r
	other := base64.StdEncoding.EncodeToString([]byte("not-this-one"))
	if hit && e.present {
		return cond{op: "BinaryEquals", vals: strs(e.vals[0])}
	}
	if r.chance(0.5) && e.present {
		return cond{op: "BinaryEquals", vals: strs(other, e.vals[0])}
	}
	return cond{op: "BinaryEquals", vals: strs(other)}
}

// conditionBlock builds a Condition element with 1..3 operators, each over
// one or more keys. hit leans the whole block towards holding.
func (s *scenario) conditionBlock(hit bool, keys []*entry) obj {
	r := s.r
	if len(keys) == 0 {
		return nil
	}
	var block obj
	// which condition should fail when the block should miss
	failAt := r.intn(len(keys))
	for i, e := range keys {
		c := s.condFor(e, hit || i != failAt)
		spelled := spellKey(r, c.key)
		var val any = c.vals
		if len(c.vals) == 1 && r.chance(0.6) {
			val = c.vals[0]
		}
		merged := false
		for j := range block {
			if block[j].k == c.op {
				inner := block[j].v.(obj)
				dup := false
				for _, m := range inner {
					if strings.EqualFold(m.k, spelled) {
						dup = true
					}
				}
				if !dup {
					block[j].v = append(inner, kv{spelled, val})
				}
				merged = true
			}
		}
		if !merged {
			block = append(block, kv{c.op, obj{{spelled, val}}})
		}
	}
	return block
}

// conditionKeys picks n entries to test, preferring keys the case knows.
func (s *scenario) conditionKeys(n int) []*entry {
	var out []*entry
	for _, e := range sample(s.r, s.entries, n) {
		out = append(out, e)
	}
	return out
}
