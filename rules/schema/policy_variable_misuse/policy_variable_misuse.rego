# METADATA
# title: Policy variable the cloud takes literally
# description: >-
#   A value holds "${", as a policy variable is written, where the cloud
#   does not substitute it. Alibaba Cloud RAM has no policy variables.
#   JD Cloud substitutes only ${accountId} and ${name}, and only in
#   Condition values. AWS substitutes variables only with Version
#   2012-10-17, only in Resource, NotResource and the values of string,
#   ARN and Bool conditions, and only for known single-valued keys
#   (${aws:username}, ${aws:PrincipalTag/team, 'default'}, the escapes
#   ${*}, ${?} and ${$}). Anything else is literal text: a "${" that is
#   never closed, an unknown or multi-valued key, a variable in an
#   Action, a Principal or a numeric, date or IP condition.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
#   - ref: https://docs.jdcloud.com/en/iam/variable
# custom:
#   id: SCH011
#   name: policy-variable-misuse
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     A variable taken literally matches only the text "${aws:username}":
#     the per-user home folder grants nobody anything, and a Deny meant
#     for every user's own tag value blocks nobody. The policy is
#     accepted, so nothing says so until someone is locked out.
#   remediation: >-
#     In aws, set Version to 2012-10-17 and use a known single-valued key
#     in Resource or a string condition. In JD Cloud, move the variable
#     into a Condition value and use ${accountId} or ${name}. In Alibaba
#     Cloud, write the value out, or use a condition on a tag instead.
package rampart.rules.schema.policy_variable_misuse

import data.rampart.lib.iam
import data.rampart.lib.result

# Values that may hold a variable, by element: Resource and NotResource
# values, Action and NotAction values, principal names.
deny contains f if {
	some s in input.statements
	some field in ["resource", "not_resource", "action", "not_action"]
	some v in s[field].values
	contains(v.value, "${")
	some problem in problems(field, "", v.value)
	f := finding(s, elements[field], v, problem)
}

deny contains f if {
	some s in input.statements
	some field in ["principal", "not_principal"]
	some v in s[field].entries
	contains(v.value, "${")
	some problem in problems(field, "", v.value)
	f := finding(s, elements[field], v, problem)
}

deny contains f if {
	some s in input.statements
	some c in s.conditions
	some v in c.values
	contains(v.value, "${")
	some problem in problems("condition", c.base_lower, v.value)
	f := finding(s, sprintf("the condition on %s", [c.key]), v, problem)
}

elements := {
	"resource": "Resource", "not_resource": "NotResource", "action": "Action", "not_action": "NotAction",
	"principal": "Principal", "not_principal": "NotPrincipal",
}

finding(s, where, v, problem) := result.finding(sprintf("%s: %q in %s %s", [iam.label(s), v.value, where, problem]), v.pointer)

# problems says what is wrong with the variables of one value, by
# dialect and element; base is the condition's operator, lower-cased.
problems(_, _, _) := {"is literal text: Alibaba Cloud RAM has no policy variables"} if input.dialect == "acs"

problems(field, _, _) := {"is literal text: JD Cloud substitutes variables only in Condition values"} if {
	input.dialect == "jdcloud"
	field != "condition"
}

problems("condition", _, value) := unclosed(value) | {sprintf("is literal text: JD Cloud knows only ${accountId} and ${name}, not ${%s}", [inner]) |
	some inner in inners(value)
	not inner in {"accountId", "name"}
} if input.dialect == "jdcloud"

problems(_, _, _) := {sprintf("is literal text: AWS substitutes variables only with Version 2012-10-17, and this document's Version is %s", [version])} if {
	input.dialect == "aws"
	input.version != "2012-10-17"
	version := written_version
}

problems(field, _, _) := {"is literal text: AWS substitutes variables only in Resource, NotResource and Condition values"} if {
	input.dialect == "aws"
	input.version == "2012-10-17"
	field in {"action", "not_action", "principal", "not_principal"}
}

problems(field, base, value) := aws_problems(base, value) if {
	input.dialect == "aws"
	input.version == "2012-10-17"
	field in {"resource", "not_resource", "condition"}
}

written_version := sprintf("%q", [input.version]) if input.version != ""

written_version := "absent" if input.version == ""

aws_problems(base, value) := {sprintf("is literal text: AWS substitutes variables only in string, ARN and Bool conditions, not in %s", [family])} if {
	family := operator_family(base)
} else := ps if {
	ps := unclosed(value) | {p | some inner in inners(value); some p in variable_problems(inner)}
}

operator_family(base) := "numeric ones" if startswith(base, "numeric")

operator_family(base) := "date ones" if startswith(base, "date")

operator_family(base) := "IP ones" if base in {"ipaddress", "notipaddress"}

operator_family(base) := "BinaryEquals" if base == "binaryequals"

# inners are the texts between ${ and } in a value.
inners(value) := [m[1] | some m in regex.find_all_string_submatch_n(`\$\{([^}]*)\}`, value, -1)]

unclosed(value) := {"has a ${ that is never closed, so the text is literal"} if {
	regex.match(`\$\{[^}]*$`, value)
} else := set()

variable_problems(inner) := set() if {
	inner in {"*", "?", "$"}
} else := {sprintf("holds ${%s}, which is no variable (a key, optionally with a default: ${aws:username, 'none'}): the text is literal", [inner])} if {
	not well_formed(inner)
} else := set() if {
	# keys of identity providers (accounts.google.com:sub) are not in the catalogue
	contains(prefix(key_of(inner)), ".")
} else := {sprintf("uses ${%s}, a key the aws catalogue does not know: the variable never resolves and the value matches nothing", [key_of(inner)])} if {
	rampart.key("aws", key_of(inner)) == null
} else := {sprintf("uses ${%s}, a multi-valued key: only single-valued keys can be variables, so the value matches nothing", [key_of(inner)])} if {
	rampart.key("aws", key_of(inner)).multi
} else := set()

key_of(inner) := trim_space(split(inner, ",")[0])

prefix(key) := split(key, ":")[0]

well_formed(inner) if {
	not contains(inner, ",")
	plain_key(inner)
}

well_formed(inner) if {
	contains(inner, ",")
	plain_key(key_of(inner))
	regex.match(`^\s*'[^']*'\s*$`, substring(inner, indexof(inner, ",") + 1, -1))
}

plain_key(key) if {
	k := trim_space(key)
	k != ""
	not regex.match(`[\s']`, k)
}
