# METADATA
# title: Wildcard in a condition operator that matches literally
# description: >-
#   StringEquals, StringNotEquals and their IgnoreCase forms compare whole
#   values: a * or ? in their values is an ordinary character, and no real
#   request value holds it. Only StringLike, StringNotLike and the ARN
#   operators (ArnEquals and ArnLike alike) read wildcards. The value with
#   the wildcard never matches, so a Deny never blocks what it names and a
#   negated test in an Allow exempts nothing (errors: the policy allows
#   more than it says); an Allow never grants through that value and a
#   negated test in a Deny blocks everything (warnings: it allows less).
#   A ? is left alone in referer and user-agent values, where it is
#   usually a literal query string, and wildcards inside policy variables
#   (${*}) are escapes.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
#   - ref: https://www.alibabacloud.com/help/en/ram/conditional-operator
# custom:
#   id: CND007
#   name: wildcard-without-like
#   severity: error
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     "StringEquals aws:PrincipalArn arn:aws:iam::*:role/breakglass" looks
#     like a pattern and is a literal that no caller has. In a Deny that
#     protects a resource it means the Deny never fires; in an exemption
#     (StringNotEquals) it means nobody is exempt, or, in an Allow,
#     everybody passes.
#   remediation: >-
#     Use StringLike (or StringNotLike) when the value is a pattern, or
#     write the exact value.
package rampart.rules.conditions.wildcard_without_like

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	some c in s.conditions
	c.base_lower in exact_operators
	some v in c.values
	v.wildcard
	w := wildcard_in(c, v.value)
	f := finding(s, c, v, w)
}

exact_operators := {"stringequals", "stringnotequals", "stringequalsignorecase", "stringnotequalsignorecase"}

literal_query_keys := {"aws:referer", "acs:referer", "aws:useragent", "acs:useragent"}

# wildcard_in is the wildcard character a value holds outside policy
# variables (${*} and ${?} are escapes).
wildcard_in(c, value) := w if {
	text := regex.replace(value, `\$\{[^}]*\}`, "")
	chars := [ch | some ch in ["*", "?"]; contains(text, ch); not ignored(c, ch)]
	count(chars) > 0
	w := chars[0]
}

ignored(c, "?") if c.key_lower in literal_query_keys

like(c) := replace(replace(c.base, "Equals", "Like"), "IgnoreCase", "")

finding(s, c, v, w) := result.finding(msg, v.pointer) if {
	more_access(s, c)
	msg := sprintf("%s compares %q literally (the %s is not a wildcard), so %s; use %s", [c.operator, v.value, w, effect_more(s), like(c)])
}

finding(s, c, v, w) := result.softer(result.finding(msg, v.pointer), "warning") if {
	not more_access(s, c)
	msg := sprintf("%s compares %q literally (the %s is not a wildcard), so %s; use %s", [c.operator, v.value, w, effect_less(s, c), like(c)])
}

# more_access holds when the literal lets requests through: a Deny whose
# test never matches, or an Allow whose exemption never matches.
more_access(s, c) if {
	s.deny
	not c.negated
}

more_access(s, c) if {
	not s.deny
	c.negated
}

effect_more(s) := sprintf("%s never blocks a request through this value", [iam.label(s)]) if s.deny

effect_more(s) := sprintf("the exception excludes nobody and %s allows every value", [iam.label(s)]) if not s.deny

effect_less(s, _) := sprintf("%s never grants through this value", [iam.label(s)]) if not s.deny

effect_less(s, _) := sprintf("nobody is exempt and %s denies every request it names", [iam.label(s)]) if s.deny
