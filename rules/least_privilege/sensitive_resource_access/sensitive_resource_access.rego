# METADATA
# title: Allow reaches a resource the organisation marks sensitive
# description: >-
#   An Allow statement grants actions on resources that match a name the
#   organisation lists as sensitive in rampart.yaml (production buckets,
#   payment keys, secret paths), whether the statement names them, covers
#   them with a wildcard (arn:aws:s3:::* covers arn:aws:s3:::payroll), or
#   leaves them out of a NotResource list. Only actions that can act on
#   such a resource count (s3:GetObject on a bucket's objects, not
#   ec2:StopInstances). The finding is a review prompt, so it is a
#   warning, and informational when a source IP range, a VPC or MFA
#   narrows the statement. Without rules.options.LP008.resources the rule
#   does nothing. Patterns and names are compared as wildcard patterns
#   both ways, which finds every pattern that contains the other; two
#   patterns that only overlap (prod-* and *-payroll) are not compared.
# related_resources:
#   - ref: https://github.com/duo-labs/parliament#custom-config-file
# custom:
#   id: LP008
#   name: sensitive-resource-access
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   kinds: [identity]
#   options:
#     resources:
#       type: strings
#       description: >-
#         Names or wildcard patterns of the resources the organisation
#         treats as sensitive, in the dialects' own form
#         (arn:aws:s3:::payroll*, acs:kms:*:*:key/pay-*,
#         jrn:oss:*:*:finance/*).
#   rationale: >-
#     Which buckets, keys and secrets matter most is knowledge of the
#     organisation, not of the cloud. Listing them once turns every new
#     grant that reaches them, however indirectly, into a finding a
#     reviewer sees in the pull request.
#   remediation: >-
#     Check that the principal should reach the resource. If not, name
#     the resources it needs so the sensitive one falls outside, or add a
#     Deny for it; if it should, suppress the finding with the reason.
package rampart.rules.least_privilege.sensitive_resource_access

import data.rampart.lib.iam
import data.rampart.lib.result

schemes := {"aws": "arn:", "acs": "acs:", "jdcloud": "jrn:"}

# sensitive are the configured patterns that name resources of the
# document's dialect (arn:, acs:, jrn:).
sensitive := [p |
	some p in data.rampart.options.LP008.resources
	startswith(p, schemes[input.dialect])
]

deny contains f if {
	count(sensitive) > 0
	some s in input.statements
	s.allow
	some r in s.resource.values
	hit := [p | some p in sensitive; meets(r.value, p); acted_on(s, p)]
	count(hit) > 0
	f := finding(s, r.pointer, sprintf("on %s, which covers", [r.value]), hit)
}

deny contains f if {
	count(sensitive) > 0
	some s in input.statements
	s.allow
	s.not_resource
	hit := [p |
		some p in sensitive
		not excepted(s, p)
		acted_on(s, p)
	]
	count(hit) > 0
	f := result.at_key(finding(s, s.not_resource.pointer, "on every resource but those NotResource lists, which leaves in", hit))
}

# meets holds when a resource pattern and a sensitive pattern can name the
# same resource: one matches the other as text.
meets(r, p) if rampart.glob(r, p, false)

meets(r, p) if rampart.glob(p, r, false)

# excepted holds when NotResource leaves the sensitive pattern out.
excepted(s, p) if {
	some nr in s.not_resource.values
	rampart.glob(nr.value, p, false)
}

# acted_on holds when an action of the statement can act on a resource
# the pattern names: a named action whose resource types fit, a wildcard
# of the pattern's service, every action, or NotAction.
acted_on(s, _) if s.not_action

acted_on(s, p) if {
	some a in s.action.values
	acts_on(a, p)
}

acts_on(a, _) if a.all

acts_on(a, p) if {
	not a.wildcard
	rampart.resource_fits(input.dialect, a.value, p)
}

acts_on(a, p) if {
	a.wildcard
	not a.all
	n := rampart.parse_name(p)
	rampart.glob(a.service, lower(n.service), true)
}

finding(s, pointer, where, hit) := result.finding(msg, pointer) if {
	count(limits(s)) == 0
	msg := sprintf("%s allows %s %s the sensitive %s (rules.options.LP008.resources)", [iam.label(s), actions(s, hit), where, concat(", ", hit)])
} else := result.softer(result.finding(msg, pointer), "info") if {
	msg := sprintf("%s allows %s %s the sensitive %s (rules.options.LP008.resources), limited only by %s", [iam.label(s), actions(s, hit), where, concat(", ", hit), concat(" and ", sort(limits(s)))])
}

# actions lists the statement's actions that can act on the sensitive
# resources, up to three.
actions(s, hit) := "every action but those NotAction lists" if {
	s.not_action
} else := concat(", ", acting) if {
	acting := [a.value | some a in s.action.values; some p in hit; acts_on(a, p)]
	count(acting) <= 3
} else := sprintf("%d actions", [count([a | some a in s.action.values; some p in hit; acts_on(a, p)])])

# limits describes the conditions that narrow who can use the statement
# and from where.
limits(s) := {limit(c) | some c in s.conditions; limit(c)}

limit(c) := sprintf("source IP (%s)", [c.key]) if {
	iam.global_key(input.dialect, c, "sourceip")
	c.base_lower == "ipaddress"
}

limit(c) := sprintf("source VPC (%s)", [c.key]) if {
	some name in ["sourcevpc", "sourcevpce"]
	iam.global_key(input.dialect, c, name)
	not c.negated
	not c.if_exists
}

limit(c) := sprintf("MFA (%s)", [c.key]) if {
	iam.mfa_key(c)
	c.base_lower == "bool"
	not c.if_exists
	every v in c.values {
		lower(v.value) == "true"
	}
}
