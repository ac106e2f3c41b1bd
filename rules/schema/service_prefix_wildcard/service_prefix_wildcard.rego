# METADATA
# title: Wildcard in an action's service prefix
# description: >-
#   An Action or NotAction pattern holds * or ? in its service prefix
#   ("*:Get*", "s*:*", "?cs:Describe*"), other than the patterns for
#   every action ("*", "*:*"). AWS compares the prefix literally, so in an
#   aws policy the pattern matches no action at all (an error). Alibaba
#   Cloud and JD Cloud glob the whole service:Action string, so there the
#   pattern reaches the action in every service whose code fits, today's
#   and future ones (a warning); a literal action name under a wildcard
#   prefix, as in Alibaba's own "*:ListTagResources", and any such pattern
#   in a Deny, is reported as information only.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
#   - ref: https://alibabacloud.com/help/en/ram/developer-reference/aliyuntagreadonlyaccess
# custom:
#   id: SCH014
#   name: service-prefix-wildcard
#   severity: error
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     In AWS a prefix wildcard silently grants nothing, or, in a Deny,
#     blocks nothing: a guardrail that looks broad and is empty. Where the
#     cloud does glob the prefix, the pattern crosses service boundaries a
#     reviewer does not see: "*:Get*" reads every service's data,
#     including services that hold secrets and services added next year.
#   remediation: >-
#     Name the services: one pattern per service ("ecs:Describe*",
#     "oss:Get*"). In aws, list the actions or services you meant; to
#     deny everything but a few services, use a Deny with NotAction.
package rampart.rules.schema.service_prefix_wildcard

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	some field in ["action", "not_action"]
	some a in s[field].values
	a.wildcard
	not a.all
	iam.wildcard(a.service)
	f := finding(s, a)
}

# finding depends on the dialect: aws never globs the prefix.
finding(s, a) := result.finding(msg, a.pointer) if {
	input.dialect == "aws"
	msg := sprintf("%s: AWS compares the service prefix %q literally, so %s matches no action%s", [iam.label(s), a.service, a.value, aws_consequence(s)])
} else := result.softer(result.finding(msg, a.pointer), "info") if {
	soft(s, a)
	msg := sprintf("%s: %s matches %s in every %s service whose code fits %q, including services added later", [iam.label(s), a.value, what(a), input.dialect, a.service])
} else := result.softer(result.finding(msg, a.pointer), "warning") if {
	msg := sprintf("%s: %s matches %s in every %s service whose code fits %q, including services added later; name the services", [iam.label(s), a.value, what(a), input.dialect, a.service])
}

# soft holds for the cases that are broad but deliberate: a Deny, or one
# literal action name across services (Alibaba's own *:ListTagResources).
soft(s, _) if s.deny

soft(_, a) if not iam.wildcard(a.name)

what(a) := sprintf("the action %s", [a.name]) if {
	not iam.wildcard(a.name)
} else := sprintf("the actions %s", [a.name])

aws_consequence(s) := "; this Deny blocks nothing" if {
	s.deny
} else := ": the statement grants nothing through it"
