# METADATA
# title: Identity policy whose Allow statements all grant nothing
# description: >-
#   Every Allow statement of an identity policy is dead: it names only
#   actions that do not exist, excludes everything with NotAction or
#   NotResource "*", names only another cloud's resources, has
#   contradictory conditions or a closed time window, or an unconditional
#   Deny of the same policy cancels it. Whoever the policy is attached to
#   gains nothing from it. A policy with Deny statements only is a
#   guardrail, not a grant, and is not reported.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html
# custom:
#   id: RED006
#   name: grants-nothing
#   severity: info
#   dialects: [acs, jdcloud, aws]
#   kinds: [identity]
#   rationale: >-
#     A policy attached to grant access that grants none is a broken
#     template or a leftover: the team that holds it works with some other,
#     usually broader, permission, and the policy's name misleads
#     everybody reading the inventory.
#   remediation: >-
#     Fix the statements (the statement-level findings say how) or delete
#     the policy and its attachments.
package rampart.rules.redundancy.grants_nothing

import data.rampart.lib.iam
import data.rampart.lib.result
import data.rampart.rules.redundancy.deny_never_matches
import data.rampart.rules.redundancy.shadowed_allow

deny contains f if {
	allows := [s | some s in input.statements; s.allow]
	count(allows) > 0
	every s in allows {
		dead(s)
	}
	msg := sprintf("this policy grants nothing: %s", [concat("; ", [why(s) | some s in allows])])
	f := result.at_key(result.finding(msg, "/Statement"))
}

# dead holds for an Allow statement that grants nothing.
dead(s) if count(deny_never_matches.dead_reasons(s)) > 0

dead(s) if cancelled(s)

cancelled(s) if {
	some d in input.statements
	d.deny
	count(d.conditions) == 0
	shadowed_allow.services_named(shadowed_allow.summaries[s.index], shadowed_allow.summaries[d.index])
	shadowed_allow.covered(s, d)
}

# why says in words why an Allow statement grants nothing.
why(s) := sprintf("%s: %s", [iam.label(s), min(deny_never_matches.dead_reasons(s)).why]) if {
	count(deny_never_matches.dead_reasons(s)) > 0
} else := sprintf("%s is cancelled by an unconditional Deny", [iam.label(s)])
