# METADATA
# title: AWS policy without Version 2012-10-17
# description: >-
#   An AWS policy has no Version, or the old "2008-10-17", and uses no
#   policy variable yet. AWS reads a policy without Version as
#   2008-10-17, and under that version policy variables (${aws:username},
#   ${aws:PrincipalTag/team} …) are not substituted but compared as
#   literal text: nothing breaks today, but the first variable someone
#   adds will silently match nothing. Where the document already writes a
#   variable, policy-variable-misuse (SCH011) reports each one that the
#   old Version breaks, and this rule stays silent. Alibaba Cloud and JD
#   Cloud each accept one Version only, which the schema checks.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
# custom:
#   id: HYG001
#   name: old-policy-version
#   severity: info
#   dialects: [aws]
#   rationale: >-
#     Per-user home folders (arn:aws:s3:::home/${aws:username}/*) and
#     tag-based grants are written with policy variables; under
#     2008-10-17 they match nothing, and the policy is accepted all the
#     same. Writing the current Version before anyone needs a variable
#     keeps that mistake from happening; bucket policies copied from old
#     examples still carry 2008-10-17.
#   remediation: >-
#     Write "Version": "2012-10-17" at the top of the policy. The grammar
#     is otherwise the same; only policy variables start to work.
package rampart.rules.hygiene.old_policy_version

import data.rampart.lib.result

deny contains f if {
	input.version in {"", "2008-10-17"}
	not uses_variables
	msg := sprintf("%s: policy variables added later would be compared as literal text; write \"Version\": \"2012-10-17\"", [version_phrase])
	f := result.finding(msg, "/Version")
}

version_phrase := "the policy has no Version, which AWS reads as 2008-10-17" if {
	input.version == ""
} else := "Version is \"2008-10-17\""

# uses_variables holds when a value of the document holds "${", as a
# policy variable is written (SCH011 reports those).
uses_variables if {
	some s in input.statements
	some field in ["action", "not_action", "resource", "not_resource"]
	some v in s[field].values
	contains(v.value, "${")
}

uses_variables if {
	some s in input.statements
	some field in ["principal", "not_principal"]
	some p in s[field].entries
	contains(p.value, "${")
}

uses_variables if {
	some s in input.statements
	some c in s.conditions
	some v in c.values
	contains(v.value, "${")
}
