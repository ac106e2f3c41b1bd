# METADATA
# title: Negated operator under ForAnyValue
# description: >-
#   A condition like ForAnyValue:StringNotEquals is true when any one
#   value of the request differs from the listed ones, which is almost
#   always. The author nearly always meant "none of the values is one of
#   these", which is ForAllValues:StringNotEquals (or a Deny with
#   ForAnyValue:StringEquals). In an Allow the statement grants far more
#   than intended (an error); in a Deny it blocks far more (a warning).
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
# custom:
#   id: CND003
#   name: for-any-value-negated
#   severity: error
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     With several values in the request, ForAnyValue with a negated
#     operator asks whether at least one of them is not in the list. A
#     request tagged with one forbidden and one harmless tag passes,
#     because the harmless tag is "not equal". The condition looks like a
#     restriction and restricts almost nothing.
#   remediation: >-
#     Use ForAllValues with the negated operator to require that no value
#     is in the list (and add a Null check, since ForAllValues is also true
#     when the key is absent), or write a Deny statement with
#     ForAnyValue and the positive operator.
package rampart.rules.conditions.for_any_value_negated

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	some c in s.conditions
	c.qualifier == "ForAnyValue"
	c.negated
	f := result.at_key(finding(s, c))
}

finding(s, c) := result.finding(msg, c.pointer) if {
	not s.deny
	msg := sprintf("%s on %s is true when any one value differs, so %s allows almost every request; for \"none of these\" use ForAllValues:%s", [c.operator, c.key, iam.label(s), c.base])
}

finding(s, c) := result.softer(result.finding(msg, c.pointer), "warning") if {
	s.deny
	msg := sprintf("%s on %s is true when any one value differs, so %s denies almost every request; for \"any of these\" use ForAnyValue:%s", [c.operator, c.key, iam.label(s), positive(c.base)])
}

# positive is the operator without its negation: StringNotEquals ->
# StringEquals, NotIpAddress -> IpAddress.
positive(base) := replace(replace(base, "Not", ""), "not", "")
