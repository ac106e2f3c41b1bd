# METADATA
# title: Condition value its operator cannot read
# description: >-
#   A condition value does not fit its operator: a date operator with a
#   value that is not an ISO 8601 date (or, in aws, epoch seconds), an IP
#   operator with a bad address or CIDR block, a numeric operator with
#   text, Bool with a value other than true or false, BinaryEquals with
#   text that is not base64, an ARN operator with a value that is not a
#   name. Values holding policy variables are SCH011's; Null values are
#   left to the conditions rules. Bool with both true and false, which
#   every request satisfies, is a warning.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
#   - ref: https://www.alibabacloud.com/help/en/ram/conditional-operator
# custom:
#   id: SCH008
#   name: condition-value-mismatch
#   severity: error
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     The cloud cannot compare a request with "31/12/2026" or
#     "10.0.0.0/33": it rejects the policy, or the condition never
#     matches, so an Allow is lost and a negated Deny ("NotIpAddress")
#     denies everyone or no one. rampart counts such a condition as false
#     in an Allow and true in a Deny, which is safe and not what the
#     author meant.
#   remediation: >-
#     Write dates as 2026-12-31T23:59:59Z (or +08:00), addresses as
#     203.0.113.7 or 203.0.113.0/24, numbers as digits, Bool values as
#     "true" or "false", one of them.
package rampart.rules.schema.condition_value_mismatch

import data.rampart.lib.iam
import data.rampart.lib.result

# families maps the base operators the rule checks to the kind of value
# they read.
families := {
	"datenotequals": "date", "dateequals": "date", "datelessthan": "date", "datelessthanequals": "date",
	"dategreaterthan": "date", "dategreaterthanequals": "date",
	"ipaddress": "ip", "notipaddress": "ip",
	"numericequals": "number", "numericnotequals": "number", "numericlessthan": "number",
	"numericlessthanequals": "number", "numericgreaterthan": "number", "numericgreaterthanequals": "number",
	"bool": "bool", "binaryequals": "binary",
	"arnequals": "arn", "arnlike": "arn", "arnnotequals": "arn", "arnnotlike": "arn",
}

deny contains f if {
	some s in input.statements
	some c in s.conditions
	family := families[c.base_lower]
	some v in c.values
	not contains(v.value, "${")
	not valid(family, trim_space(v.value))
	msg := sprintf("%s: %s for %s is %s, which %s cannot read; %s", [iam.label(s), quoted(v), c.key, wants[family], c.operator, consequence(s)])
	f := result.finding(msg, v.pointer)
}

deny contains f if {
	some s in input.statements
	some c in s.conditions
	c.base_lower == "bool"
	count({lower(v.value) | some v in c.values} & {"true", "false"}) == 2
	msg := sprintf("%s: Bool on %s lists both true and false, so every request that carries the key satisfies it: the condition only tests that the key is present", [iam.label(s), c.key])
	f := result.softer(result.finding(msg, c.pointer), "warning")
}

deny contains f if {
	input.dialect != "aws"
	some s in input.statements
	some c in s.conditions
	families[c.base_lower] == "date"
	some v in c.values
	epoch(trim_space(v.value))
	msg := sprintf("%s: %s for %s is a number; %s documents dates in ISO 8601 only (2026-12-31T23:59:59Z), and rampart reads it as epoch seconds, as AWS does", [iam.label(s), quoted(v), c.key, vendor[input.dialect]])
	f := result.softer(result.finding(msg, v.pointer), "warning")
}

vendor := {"acs": "Alibaba Cloud", "jdcloud": "JD Cloud"}

quoted(v) := sprintf("%q", [v.value]) if v.kind == "string"

quoted(v) := v.value if v.kind != "string"

wants := {
	"date": "not a date (ISO 8601: 2026-12-31T23:59:59Z)",
	"ip": "not an IP address or CIDR block",
	"number": "not a number",
	"bool": "neither true nor false",
	"binary": "not base64",
	"arn": "not a resource name",
}

valid("date", v) if regex.match(`^[0-9]{4}-[0-9]{2}(-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?)?$`, v)

valid("date", v) if epoch(v)

epoch(v) if regex.match(`^-?[0-9]+$`, v)

valid("ip", v) if {
	contains(v, "/")
	net.cidr_is_valid(v)
}

valid("ip", v) if {
	not contains(v, "/")
	some bits in ["/32", "/128"]
	net.cidr_is_valid(concat("", [v, bits]))
}

valid("number", v) if regex.match(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$`, v)

valid("bool", v) if lower(v) in {"true", "false"}

valid("binary", v) if regex.match(`^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$`, v)

valid("arn", v) if iam.stars(v)

valid("arn", v) if count(split(v, ":")) >= 5

consequence(s) := "the cloud rejects the policy or never matches the value (rampart counts the condition as true in this Deny)" if {
	s.deny
} else := "the cloud rejects the policy or never matches the value, so the statement never applies"
