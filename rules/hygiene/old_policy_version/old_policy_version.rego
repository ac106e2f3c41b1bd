# METADATA
# title: AWS policy without Version 2012-10-17
# description: >-
#   An AWS policy has no Version, or the old "2008-10-17". AWS reads a
#   policy without Version as 2008-10-17, and under that version policy
#   variables (${aws:username}, ${aws:PrincipalTag/team} …) are not
#   substituted: they are compared as the literal text "${aws:username}".
#   When the document writes a variable in a Resource or a condition
#   value, the finding is a warning that names it (the statement then
#   names no real resource, or a Deny misses what it was written for);
#   otherwise it is a note, since nothing breaks today but the first
#   variable added later would. Alibaba Cloud and JD Cloud each accept one
#   Version only, which the schema checks.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
# custom:
#   id: HYG001
#   name: old-policy-version
#   severity: warning
#   dialects: [aws]
#   rationale: >-
#     Per-user home folders (arn:aws:s3:::home/${aws:username}/*) and
#     tag-based grants are written with policy variables; under
#     2008-10-17 they silently match nothing. An Allow then grants less
#     than it reads, which someone "fixes" by widening it, and a Deny that
#     keys on a variable blocks nothing. Bucket policies copied from old
#     examples still carry 2008-10-17.
#   remediation: >-
#     Write "Version": "2012-10-17" at the top of the policy. The grammar
#     is otherwise the same; only policy variables start to work.
package rampart.rules.hygiene.old_policy_version

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	input.version in {"", "2008-10-17"}
	uses := variable_uses
	count(uses) > 0
	[s, v] := uses[0]
	name := regex.find_n(`\$\{[^}]*\}`, v.value, 1)[0]
	msg := sprintf("%s: the policy variable %s in %s is compared as literal text instead of being replaced by the request's value; write \"Version\": \"2012-10-17\"", [version_phrase, name, iam.label(s)])
	f := result.with_related(result.finding(msg, "/Version"), [result.related("policy variable, taken literally", p.pointer) | some [_, p] in uses])
}

deny contains f if {
	input.version in {"", "2008-10-17"}
	count(variable_uses) == 0
	msg := sprintf("%s: no policy variable is used today, but one added later would be compared as literal text; write \"Version\": \"2012-10-17\"", [version_phrase])
	f := result.softer(result.finding(msg, "/Version"), "info")
}

version_phrase := "the policy has no Version, which AWS reads as 2008-10-17" if {
	input.version == ""
} else := "Version is \"2008-10-17\""

# variable_uses lists, in document order, the values holding a policy
# variable where AWS would substitute one under 2012-10-17: resource names
# and condition values. Each entry is [statement, value].
variable_uses := [[s, v] |
	some s in input.statements
	some v in substituted_values(s)
	contains(v.value, "${")
]

substituted_values(s) := array.concat(
	array.concat(object.get(s, ["resource", "values"], []), object.get(s, ["not_resource", "values"], [])),
	[v | some c in s.conditions; some v in c.values],
)
