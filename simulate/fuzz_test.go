package simulate

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rampart-iam/rampart/internal/policydoc"
)

// naiveGlob is the reference wildcard matcher: plain recursion over runes.
func naiveGlob(p, s []rune) bool {
	if len(p) == 0 {
		return len(s) == 0
	}
	switch p[0] {
	case '*':
		for i := 0; i <= len(s); i++ {
			if naiveGlob(p[1:], s[i:]) {
				return true
			}
		}
		return false
	case '?':
		return len(s) > 0 && naiveGlob(p[1:], s[1:])
	}
	return len(s) > 0 && p[0] == s[0] && naiveGlob(p[1:], s[1:])
}

// tok is a reference pattern character: a rune, wild or literal.
type tok struct {
	r    rune
	wild bool
}

func naiveTokens(p []tok, s []rune) bool {
	if len(p) == 0 {
		return len(s) == 0
	}
	switch {
	case p[0].wild && p[0].r == '*':
		for i := 0; i <= len(s); i++ {
			if naiveTokens(p[1:], s[i:]) {
				return true
			}
		}
		return false
	case p[0].wild:
		return len(s) > 0 && naiveTokens(p[1:], s[1:])
	}
	return len(s) > 0 && p[0].r == s[0] && naiveTokens(p[1:], s[1:])
}

func FuzzGlob(f *testing.F) {
	for _, seed := range [][3]string{{"a*b?c", "axxbyc", "*"}, {"*", "", ""}, {"**a", "ba", "?"}, {"?", "é", "é"}, {"a*", "a", "a*"}, {"*ab*", "xaby", "b"}} {
		f.Add(seed[0], seed[1], seed[2])
	}
	f.Fuzz(func(t *testing.T, p, s, lit string) {
		if !utf8.ValidString(p) || !utf8.ValidString(s) || !utf8.ValidString(lit) || len(p) > 40 || len(s) > 60 || len(lit) > 10 || strings.Count(p, "*") > 8 {
			t.Skip()
		}
		want := naiveGlob([]rune(p), []rune(s))
		pat := compilePattern(p)
		if got := pat.match(s); got != want {
			t.Fatalf("pattern %q vs %q: %v, reference %v", p, s, got, want)
		}
		// the pattern with a literal piece in the middle, as a substituted
		// variable or an escape makes it
		rs := []rune(p)
		half := len(rs) / 2
		first, second := string(rs[:half]), string(rs[half:])
		ps := []piece{{s: first, glob: true}, {s: lit}, {s: second, glob: true}}
		var toks []tok
		for _, r := range first {
			toks = append(toks, tok{r, r == '*' || r == '?'})
		}
		for _, r := range lit {
			toks = append(toks, tok{r, false})
		}
		for _, r := range second {
			toks = append(toks, tok{r, r == '*' || r == '?'})
		}
		if got, want := matchPieces(ps, s), naiveTokens(toks, []rune(s)); got != want {
			t.Fatalf("pieces %q|%q|%q vs %q: %v, reference %v", first, lit, second, s, got, want)
		}
	})
}

// naiveName matches a resource name part by part with the reference glob,
// folding what compares without case.
func naiveName(pattern, name string) bool {
	if pattern == "*" {
		return true
	}
	ps, ns := strings.SplitN(pattern, ":", 6), strings.SplitN(name, ":", 6)
	if len(ps) != 6 || len(ns) != 6 || !strings.EqualFold(ps[0], ns[0]) || strings.ToLower(ps[0]) != "arn" {
		return false
	}
	for i := 1; i < 6; i++ {
		p, n := ps[i], ns[i]
		if i <= 3 {
			p, n = strings.ToLower(p), strings.ToLower(n)
		}
		if !naiveGlob([]rune(p), []rune(n)) {
			return false
		}
	}
	return true
}

func FuzzARNMatch(f *testing.F) {
	f.Add("arn:aws:s3:::b/*", "arn:aws:s3:::b/k")
	f.Add("arn:aws:ec2:*:*:instance/i-?", "arn:aws:ec2:us-east-1:1:instance/i-1")
	f.Add("arn:aws:sns:*:1:a:b", "arn:aws:sns:eu-west-1:1:a:b")
	f.Fuzz(func(t *testing.T, pattern, name string) {
		if !utf8.ValidString(pattern) || !utf8.ValidString(name) || len(pattern) > 80 || len(name) > 80 || strings.Count(pattern, "*") > 6 {
			t.Skip()
		}
		p := compileName(pattern, false)
		n := parseReqName(name)
		want := naiveName(pattern, name)
		if got := p.match(&request{}, &n); got != want {
			t.Fatalf("%q vs %q: %v, reference %v", pattern, name, got, want)
		}
	})
}

// refCondition is the reference for string conditions, written from
// semantics 5.4 directly.
func refCondition(base string, neg bool, qual string, ifExists bool, policy []string, present bool, vals []string) bool {
	if !present || len(vals) == 0 {
		switch {
		case ifExists, qual == "ForAllValues":
			return true
		case qual == "ForAnyValue":
			return false
		}
		return neg
	}
	if qual == "" && len(vals) > 1 {
		return false
	}
	match := func(p, v string) bool {
		switch base {
		case "StringEquals":
			return p == v
		case "StringEqualsIgnoreCase":
			return strings.EqualFold(p, v)
		}
		return naiveGlob([]rune(p), []rune(v))
	}
	test := func(v string) bool {
		any := false
		for _, p := range policy {
			any = any || match(p, v)
		}
		return any != neg
	}
	if qual == "ForAllValues" {
		for _, v := range vals {
			if !test(v) {
				return false
			}
		}
		return true
	}
	for _, v := range vals {
		if test(v) {
			return true
		}
	}
	return false
}

func FuzzCondition(f *testing.F) {
	f.Add(uint8(0), uint8(0), false, "a*", "b", "abc", "x", true, true)
	f.Add(uint8(3), uint8(1), true, "x", "", "y", "", false, false)
	f.Add(uint8(5), uint8(2), false, "?", "*", "q", "", true, true)
	f.Fuzz(func(t *testing.T, opIdx, qualIdx uint8, ifExists bool, p1, p2, v1, v2 string, present, two bool) {
		for _, s := range []string{p1, p2, v1, v2} {
			if !utf8.ValidString(s) || len(s) > 30 || strings.Contains(s, "${") || strings.Count(s, "*") > 5 {
				t.Skip()
			}
		}
		ops := []struct {
			name, base string
			neg        bool
		}{
			{"StringEquals", "StringEquals", false}, {"StringNotEquals", "StringEquals", true},
			{"StringEqualsIgnoreCase", "StringEqualsIgnoreCase", false}, {"StringNotEqualsIgnoreCase", "StringEqualsIgnoreCase", true},
			{"StringLike", "StringLike", false}, {"StringNotLike", "StringLike", true},
		}
		op := ops[int(opIdx)%len(ops)]
		qual := []string{"", "ForAnyValue", "ForAllValues"}[int(qualIdx)%3]
		name := op.name
		if ifExists {
			name += "IfExists"
		}
		if qual != "" {
			name = qual + ":" + name
		}
		policy := []string{p1}
		if p2 != "" {
			policy = append(policy, p2)
		}
		var vals []string
		if present {
			vals = []string{v1}
			if two {
				vals = append(vals, v2)
			}
		}
		q, base, ie := policydoc.SplitOperator(name)
		pc := policydoc.Condition{Operator: name, Qualifier: q, Base: base, IfExists: ie, Key: "k:Key"}
		for _, p := range policy {
			pc.Values = append(pc.Values, policydoc.Elem{Value: p})
		}
		c := compileCond(&pc, true, true)
		r := &request{}
		if present {
			r.givenList = []kv{{key: "k:key", val: newCtxVal(vals, two)}}
		}
		got := c.eval(r, false).ok
		want := refCondition(op.base, op.neg, qual, ifExists, policy, present, vals)
		if got != want {
			t.Fatalf("%s %q against %q (present %v): %v, reference %v", name, policy, vals, present, got, want)
		}
	})
}
