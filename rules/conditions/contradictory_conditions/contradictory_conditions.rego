# METADATA
# title: Conditions that no request can satisfy together
# description: >-
#   Two conditions of one statement test the same key in ways that
#   exclude each other: a time window that closes before it opens
#   (DateGreaterThan after DateLessThan), an empty numeric range, an
#   equality test whose values another test on the same key forbids
#   (StringEquals and StringNotEquals, StringEquals and a StringLike
#   pattern that none of its values fits, IpAddress ranges inside a
#   NotIpAddress range), or Null true beside a test that needs the key.
#   Conditions are ANDed, so the statement never applies: an Allow that
#   grants nothing, a Deny that protects nothing. Conditions with set
#   qualifiers, IfExists or policy variables are left alone.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
#   - ref: https://www.alibabacloud.com/help/en/ram/conditional-operator
# custom:
#   id: CND013
#   name: contradictory-conditions
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     Contradictions come from copy and paste (a window pasted with the
#     dates in the wrong order, an exception list that repeats the allowed
#     values) and look like careful restrictions in a review. A dead Allow
#     is noise that someone will later "fix" by widening it; a dead Deny is
#     a guardrail everybody relies on and that never fires.
#   remediation: >-
#     Decide what the statement should require and keep one test per
#     requirement: fix the order of the dates or bounds, or remove the
#     value from the exception list.
package rampart.rules.conditions.contradictory_conditions

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	some x in contradictions(s)
	msg := sprintf("%s can never apply: %s; %s", [iam.label(s), x.why, consequence(s)])
	other := sprintf("%s on %s", [x.first.operator, x.first.key])
	f := result.with_related(result.at_key(result.finding(msg, x.second.pointer)), [result.related(other, x.first.pointer)])
}

# contradictions are the pairs of conditions of statement s that no request
# satisfies together: {why, first, second}, first written before second.
contradictions(s) := {x |
	count(s.conditions) > 1
	some i, a in s.conditions
	testable(a)
	some j, b in s.conditions
	i < j
	a.key_lower == b.key_lower
	testable(b)
	rs := reasons(a, b)
	count(rs) > 0
	x := {"why": min(rs), "first": a, "second": b}
}

# testable holds for a condition this rule reasons about: no set
# qualifier, no IfExists, at least one value, no policy variable.
testable(c) if {
	c.qualifier == ""
	not c.if_exists
	count(c.values) > 0
	every v in c.values {
		not contains(v.value, "${")
	}
}

# reasons are the ways two conditions on one key exclude each other, in
# words: the symmetric tests once, the others both ways round.
reasons(a, b) := {w | w := symmetric(a, b)} | {w |
	some p in [[a, b], [b, a]]
	some kind in ["range", "negation", "like", "ip", "null"]
	w := ordered(kind, p[0], p[1])
}

symmetric(a, b) := disjoint_equals(a, b)

symmetric(a, b) := disjoint_ranges(a, b)

ordered("range", x, y) := empty_range(x, y)

ordered("negation", x, y) := excluded_equals(x, y)

ordered("like", x, y) := unmatched_like(x, y)

ordered("ip", x, y) := excluded_range(x, y)

ordered("null", x, y) := absent_and_tested(x, y)

# The operators that set a bound, and the domain they compare in.
lower_bounds := {
	"numericgreaterthan": {"domain": "number", "strict": true},
	"numericgreaterthanequals": {"domain": "number", "strict": false},
	"dategreaterthan": {"domain": "date", "strict": true},
	"dategreaterthanequals": {"domain": "date", "strict": false},
}

upper_bounds := {
	"numericlessthan": {"domain": "number", "strict": true},
	"numericlessthanequals": {"domain": "number", "strict": false},
	"datelessthan": {"domain": "date", "strict": true},
	"datelessthanequals": {"domain": "date", "strict": false},
}

# empty_range: lo sets a lower bound above the upper bound hi sets. With
# several values a bound is the loosest (values are ORed).
empty_range(lo, hi) := sprintf("%s %s and %s %s leave no value between them", [lo.operator, text_of(lo, l.domain, lv), hi.operator, text_of(hi, u.domain, uv)]) if {
	l := lower_bounds[lo.base_lower]
	u := upper_bounds[hi.base_lower]
	l.domain == u.domain
	lv := min(parsed(lo, l.domain))
	uv := max(parsed(hi, u.domain))
	empty(lv, uv, l.strict, u.strict)
}

empty(lv, uv, _, _) if lv > uv

empty(lv, uv, ls, us) if {
	lv == uv
	true in {ls, us}
}

# text_of is the text of the value of c that reads as x in domain d.
text_of(c, d, x) := [v.value | some v in c.values; value_of(v.value, d) == x][0]

# parsed are the values of c in domain d, all of them or undefined.
parsed(c, d) := vs if {
	vs := [x | some v in c.values; x := value_of(v.value, d)]
	count(vs) == count(c.values)
}

value_of(v, "number") := to_number(v) if regex.match(`^-?[0-9]+(\.[0-9]+)?$`, v)

value_of(v, "date") := parse_time(v)

# parse_time reads the forms the dialects accept for a date: RFC 3339, a
# date, a date and time without zone (UTC), or epoch seconds; in seconds.
parse_time(v) := time.parse_rfc3339_ns(v) / 1000000000 if {
	regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$`, v)
}

parse_time(v) := time.parse_ns("2006-01-02", v) / 1000000000 if regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, v)

parse_time(v) := time.parse_ns("2006-01-02T15:04:05", v) / 1000000000 if {
	regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$`, v)
}

parse_time(v) := to_number(v) if regex.match(`^[0-9]{1,12}$`, v)

# The positive equality operators, and how they compare values.
equalities := {
	"stringequals": "exact",
	"stringequalsignorecase": "fold",
	"bool": "fold",
	"numericequals": "number",
	"dateequals": "date",
}

# disjoint_equals: two equality tests on one key share no value (two
# spellings of the key under one operator, or StringEquals beside
# StringEqualsIgnoreCase).
disjoint_equals(a, b) := sprintf("%s %s and %s %s share no value", [a.operator, texts(a), b.operator, texts(b)]) if {
	ka := equalities[a.base_lower]
	kb := equalities[b.base_lower]
	k := common(ka, kb)
	va := comparable(a, k)
	vb := comparable(b, k)
	count(va & vb) == 0
}

# common is how two equality tests compare: exactly when both do,
# ignoring case when one does, in their domain when both share it.
common(k, k) := k

common("exact", "fold") := "fold"

common("fold", "exact") := "fold"

# comparable is the set of values of c compared as k says, or undefined
# when one does not parse.
comparable(c, "exact") := {v.value | some v in c.values}

comparable(c, "fold") := {lower(v.value) | some v in c.values}

comparable(c, d) := {x | some x in parsed(c, d)} if d in {"number", "date"}

# The negated forms of the equality operators.
negations := {
	"stringnotequals": {"of": "stringequals", "compare": "exact"},
	"stringnotequalsignorecase": {"of": "stringequalsignorecase", "compare": "fold"},
	"numericnotequals": {"of": "numericequals", "compare": "number"},
	"datenotequals": {"of": "dateequals", "compare": "date"},
}

# excluded_equals: every value an equality test allows, a negated test on
# the same key forbids.
excluded_equals(e, ne) := sprintf("every value %s allows (%s), %s forbids", [e.operator, texts(e), ne.operator]) if {
	n := negations[ne.base_lower]
	fits_negation(e.base_lower, n)
	allowed := comparable(e, n.compare)
	forbidden := comparable(ne, n.compare)
	count(allowed - forbidden) == 0
}

fits_negation(base, n) if base == n.of

# StringNotEqualsIgnoreCase forbids every spelling, so it excludes
# StringEquals values too.
fits_negation("stringequals", n) if n.of == "stringequalsignorecase"

# unmatched_like: no value of a StringEquals test fits the StringLike
# patterns on the same key, or every one fits a StringNotLike pattern.
unmatched_like(e, like) := sprintf("no value %s allows (%s) fits the patterns of %s", [e.operator, texts(e), like.operator]) if {
	e.base_lower == "stringequals"
	like.base_lower == "stringlike"
	every v in e.values {
		every p in like.values {
			not rampart.glob(p.value, v.value, false)
		}
	}
}

unmatched_like(e, like) := sprintf("every value %s allows (%s) fits a pattern %s forbids", [e.operator, texts(e), like.operator]) if {
	e.base_lower == "stringequals"
	like.base_lower == "stringnotlike"
	every v in e.values {
		some p in like.values
		rampart.glob(p.value, v.value, false)
	}
}

# excluded_range: every range IpAddress allows lies inside a range
# NotIpAddress forbids.
excluded_range(ip, not_ip) := sprintf("every range %s allows (%s) lies inside one %s forbids", [ip.operator, texts(ip), not_ip.operator]) if {
	ip.base_lower == "ipaddress"
	not_ip.base_lower == "notipaddress"
	valid_ranges(ip)
	valid_ranges(not_ip)
	every v in ip.values {
		some n in not_ip.values
		net.cidr_contains(cidr(n.value), cidr(v.value))
	}
}

valid_ranges(c) if {
	every v in c.values {
		net.cidr_is_valid(cidr(v.value))
	}
}

# disjoint_ranges: two IpAddress tests on one key (two spellings of it)
# share no address.
disjoint_ranges(a, b) := sprintf("%s %s and %s %s share no address", [a.operator, texts(a), b.operator, texts(b)]) if {
	a.base_lower == "ipaddress"
	b.base_lower == "ipaddress"
	valid_ranges(a)
	valid_ranges(b)
	every x in a.values {
		every y in b.values {
			not net.cidr_intersects(cidr(x.value), cidr(y.value))
		}
	}
}

# cidr is a range in CIDR form: a bare address is a range of one.
cidr(v) := v if contains(v, "/")

cidr(v) := concat("", [v, "/32"]) if {
	not contains(v, "/")
	not contains(v, ":")
}

cidr(v) := concat("", [v, "/128"]) if {
	not contains(v, "/")
	contains(v, ":")
}

# absent_and_tested: Null true requires the key to be absent, and the other
# condition is false when it is (or is Null false).
absent_and_tested(n, c) := sprintf("%s requires %s to be absent and %s requires it", [n.operator, n.key, c.operator]) if {
	n.base_lower == "null"
	null_says(n) == true
	needs_key(c)
}

null_says(c) := b if {
	count(c.values) == 1
	some v in c.values
	b := {"true": true, "false": false}[lower(v.value)]
}

needs_key(c) if {
	c.base_lower == "null"
	null_says(c) == false
}

needs_key(c) if {
	c.base_lower != "null"
	not c.negated
}

texts(c) := concat(", ", [v.value | some v in c.values])

consequence(s) := "this Deny protects nothing" if {
	s.deny
} else := "it grants nothing"
