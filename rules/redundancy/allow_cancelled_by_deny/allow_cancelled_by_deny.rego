# METADATA
# title: Allow that an unconditional Deny of the same policy cancels
# description: >-
#   A Deny statement without conditions in the same policy matches every
#   request an Allow statement grants: its actions, resources and
#   principals cover the Allow's. Since an explicit Deny wins, the Allow
#   never grants anything, whatever else is attached. Only Denies without
#   conditions are considered, so a Deny that applies in some requests
#   and not others is never reported.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
#   - ref: https://www.alibabacloud.com/help/en/ram/policy-evaluation-process
# custom:
#   id: RED004
#   name: allow-cancelled-by-deny
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     An Allow that can never take effect shows that its author expected
#     something else: that the Allow would be an exception to the Deny
#     (it is not: an explicit Deny always wins), or that the Deny was
#     narrower. Either the access is broken or the guardrail is not what
#     the team thinks.
#   remediation: >-
#     Delete the Allow, or make the Deny exclude what the Allow is for: a
#     NotAction or NotResource entry, or a condition such as
#     aws:PrincipalArn for the exempt role.
package rampart.rules.redundancy.allow_cancelled_by_deny

import data.rampart.lib.iam
import data.rampart.lib.result
import data.rampart.rules.redundancy.shadowed_allow

deny contains f if {
	some d in input.statements
	d.deny
	count(d.conditions) == 0
	some a in input.statements
	a.allow
	shadowed_allow.services_named(shadowed_allow.summaries[a.index], shadowed_allow.summaries[d.index])
	shadowed_allow.covered(a, d)
	msg := sprintf("%s never grants anything: %s denies every request it allows, without conditions, and an explicit Deny wins", [iam.label(a), iam.label(d)])
	f := result.with_related(result.finding(msg, a.pointer), [result.related(sprintf("%s denies it", [iam.label(d)]), d.pointer)])
}
