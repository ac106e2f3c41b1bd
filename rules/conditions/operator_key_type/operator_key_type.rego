# METADATA
# title: Condition operator that does not fit the key's type
# description: >-
#   Each condition key has a type in the catalogue (string, ARN, IP
#   address, date, number, boolean, binary), and each operator family
#   compares one type. A string operator on an IP key compares text, so a
#   CIDR range never matches; IpAddress, Numeric, Date or Bool on a key of
#   another type reads values that are not of its type and never matches.
#   Those are warnings. Some mismatches work by accident, because the
#   text happens to compare the same way: StringEquals on an ARN key, an
#   ARN operator on a string key, a string operator on a number, a date,
#   a boolean or a single IP address (info). Null fits every key, and
#   Numeric operators fit aws:EpochTime.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
#   - ref: https://www.alibabacloud.com/help/en/ram/conditional-operator
# custom:
#   id: CND008
#   name: operator-key-type
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     A condition with the wrong operator type is either dead (IpAddress on
#     a VPC ID never matches, so an Allow grants nothing and a Deny blocks
#     nothing) or right only for the values written today (StringEquals on
#     a source IP holds for one address and silently fails when someone
#     adds a range).
#   remediation: >-
#     Use the operator family of the key's type: IpAddress for IP keys,
#     Arn* for ARN keys, Date* for times, Numeric* for numbers, Bool for
#     booleans, String* for strings.
package rampart.rules.conditions.operator_key_type

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	some c in s.conditions
	family := families[c.base_lower]
	k := rampart.key(input.dialect, c.key)
	k != null
	family != k.type
	not fits(family, k.type, c.key_lower)
	not wildcard_literal(c)
	f := finding(s, c, family, k.type)
}

# wildcard_literal holds for a test that compares a wildcard literally
# (StringEquals on "…user/contractor-*"): CND007 reports that, the mistake
# that decides what the test does, and this rule says nothing more.
wildcard_literal(c) if {
	not contains(c.base_lower, "like")
	some v in c.values
	iam.wildcard(v.value)
}

# families maps each base operator to the type it compares.
families := {
	"stringequals": "string", "stringnotequals": "string",
	"stringequalsignorecase": "string", "stringnotequalsignorecase": "string",
	"stringlike": "string", "stringnotlike": "string",
	"numericequals": "numeric", "numericnotequals": "numeric",
	"numericlessthan": "numeric", "numericlessthanequals": "numeric",
	"numericgreaterthan": "numeric", "numericgreaterthanequals": "numeric",
	"dateequals": "date", "datenotequals": "date",
	"datelessthan": "date", "datelessthanequals": "date",
	"dategreaterthan": "date", "dategreaterthanequals": "date",
	"bool": "bool", "binaryequals": "binary",
	"ipaddress": "ip", "notipaddress": "ip",
	"arnequals": "arn", "arnnotequals": "arn", "arnlike": "arn", "arnnotlike": "arn",
}

# fits holds for the mismatches that are not mistakes: epoch seconds are
# both a date and a number.
fits("numeric", "date", "aws:epochtime")

# usable holds when the mismatch works by accident for the values given.
usable("string", "arn", _)

usable("arn", "string", _)

usable("string", t, _) if t in {"numeric", "date", "bool"}

usable("string", "ip", c) if {
	every v in c.values {
		not contains(v.value, "/")
	}
}

finding(_, c, family, type) := result.softer(result.at_key(result.finding(msg, c.pointer)), "info") if {
	usable(family, type, c)
	msg := sprintf("%s is a %s operator and %s is %s: it works here because the text compares the same way; %s", [c.operator, names[family], c.key, articles[type], advice[type]])
}

finding(s, c, family, type) := result.at_key(result.finding(msg, c.pointer)) if {
	not usable(family, type, c)
	msg := sprintf("%s is a %s operator and %s is %s: no request value matches, so %s; %s", [c.operator, names[family], c.key, articles[type], consequence(s, c), advice[type]])
}

names := {"string": "string", "numeric": "numeric", "date": "date", "bool": "boolean", "binary": "binary", "ip": "IP address", "arn": "ARN"}

articles := {"string": "a string", "numeric": "a number", "date": "a date", "bool": "a boolean", "binary": "binary", "ip": "an IP address", "arn": "an ARN"}

advice := {
	"string": "use a String operator",
	"numeric": "use a Numeric operator",
	"date": "use a Date operator",
	"bool": "use Bool",
	"binary": "use BinaryEquals",
	"ip": "use IpAddress or NotIpAddress",
	"arn": "use ArnEquals or ArnLike",
}

# consequence says what a test that no value matches does to the
# statement: a positive test fails, a negated one always passes.
consequence(s, c) := sprintf("%s never grants", [iam.label(s)]) if {
	not s.deny
	not c.negated
}

consequence(s, c) := sprintf("the test always passes and %s grants without it", [iam.label(s)]) if {
	not s.deny
	c.negated
}

consequence(s, c) := sprintf("%s never blocks", [iam.label(s)]) if {
	s.deny
	not c.negated
}

consequence(s, c) := sprintf("the test always passes and %s blocks every request it names", [iam.label(s)]) if {
	s.deny
	c.negated
}
