# METADATA
# title: Condition operator the dialect does not support
# description: >-
#   A condition uses an operator the dialect's documentation does not
#   have. Alibaba Cloud RAM documents string, number, date, Bool and IP
#   operators (and its own system policies use ForAnyValue and
#   ForAllValues): the ARN and binary operators are errors there, while
#   Null and the IfExists suffix, undocumented, are warnings. JD Cloud
#   documents StringEquals, IpAddress, NotIpAddress and
#   ForAnyValue:StringEquals; any other operator is a warning there, and
#   a date operator on jdcloud:CurrentTime (rampart's key for the time
#   windows JD promises) information. rampart
#   evaluates every operator as AWS does, which the cloud may not.
# related_resources:
#   - ref: https://www.alibabacloud.com/help/en/ram/conditional-operator
#   - ref: https://docs.jdcloud.com/cn/iam/policy-management
# custom:
#   id: SCH007
#   name: unsupported-operator
#   severity: error
#   dialects: [acs, jdcloud]
#   rationale: >-
#     Operators copied from AWS policies look at home in a RAM or JD Cloud
#     document. Where the cloud does not know one, the policy is rejected
#     or the condition does not do what it says: an ArnLike guard in a
#     RAM Deny that never applies, a StringEqualsIfExists that RAM treats
#     as an unknown operator. rampart's simulation would then disagree
#     with the cloud.
#   remediation: >-
#     Use the dialect's operators: StringLike instead of ArnLike, an
#     explicit pair of conditions instead of IfExists. For JD Cloud, stay
#     with StringEquals and IpAddress where you can, and test the policy
#     in the console.
package rampart.rules.schema.unsupported_operator

import data.rampart.lib.iam
import data.rampart.lib.result

# jdcloud_documented are the operators JD Cloud's policy pages use.
jdcloud_documented := {"StringEquals", "IpAddress", "NotIpAddress", "ForAnyValue:StringEquals"}

deny contains f if {
	input.dialect == "acs"
	some s in input.statements
	some c in s.conditions
	startswith(c.base_lower, "arn")
	f := result.at_key(result.finding(msg(s, c, "RAM has no ARN operators: the condition does not work as written (compare the name with StringLike)"), c.operator_pointer))
}

deny contains f if {
	input.dialect == "acs"
	some s in input.statements
	some c in s.conditions
	c.base_lower == "binaryequals"
	f := result.at_key(result.finding(msg(s, c, "RAM has no binary operators: the condition does not work as written"), c.operator_pointer))
}

deny contains f if {
	input.dialect == "acs"
	some s in input.statements
	some c in s.conditions
	c.base_lower == "null"
	f := result.softer(result.at_key(result.finding(msg(s, c, "RAM does not document Null; rampart evaluates it as AWS does, RAM may not"), c.operator_pointer)), "warning")
}

deny contains f if {
	input.dialect == "acs"
	some s in input.statements
	some c in s.conditions
	c.if_exists
	f := result.softer(result.at_key(result.finding(msg(s, c, "RAM does not document the IfExists suffix; rampart evaluates it as AWS does, RAM may not"), c.operator_pointer)), "warning")
}

msg(s, c, text) := sprintf("%s uses the operator %s: %s", [iam.label(s), c.operator, text])

deny contains f if {
	input.dialect == "jdcloud"
	some s in input.statements
	some c in s.conditions
	not c.operator in jdcloud_documented
	f := jdcloud_finding(s, c)
}

# jdcloud_finding is a warning, or information for a date operator on
# jdcloud:CurrentTime: JD Cloud promises time windows but documents no
# operator or key for them, and rampart's own key is meant for this.
jdcloud_finding(s, c) := result.softer(result.at_key(result.finding(msg, c.operator_pointer)), "info") if {
	startswith(c.base_lower, "date")
	c.key_lower == "jdcloud:currenttime"
	msg := sprintf("%s uses the operator %s on jdcloud:CurrentTime: JD Cloud promises time-window conditions but documents neither the operator nor the key; rampart evaluates it as AWS does", [iam.label(s), c.operator])
} else := result.softer(result.at_key(result.finding(msg, c.operator_pointer)), "warning") if {
	msg := sprintf("%s uses the operator %s, which JD Cloud does not document (it documents %s); rampart evaluates it as AWS does, JD Cloud may not", [iam.label(s), c.operator, concat(", ", sort(jdcloud_documented))])
}
