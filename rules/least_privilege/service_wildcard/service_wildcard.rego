# METADATA
# title: Allow grants every action of a sensitive service
# description: >-
#   An Allow statement with an action like "ram:*", "iam:*" or "sts:*"
#   grants every action of that service, today's and those the vendor adds
#   later. The rule reports the services where that includes actions that
#   manage permissions (the catalogue's permissions-management level:
#   policies, roles, access keys, bucket policies, key policies) and STS,
#   whose actions hand out credentials. Wildcards over services without
#   such actions are left to reviewers (see LP010 for what a pattern
#   expands to).
# custom:
#   id: LP002
#   name: service-wildcard
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   kinds: [identity]
#   rationale: >-
#     Actions that manage permissions are the steps of privilege
#     escalation: a principal that can attach policies, create access keys
#     or rewrite a bucket policy can give itself, or anyone, more. A
#     service-wide wildcard hides them among harmless reads, and grows
#     silently when the vendor adds actions.
#   remediation: >-
#     Replace the wildcard with the actions the principal uses; the
#     catalogue lists them (`rampart catalog DIALECT SERVICE`). Keep
#     permissions-management actions in a separate, narrowly scoped
#     statement so a review sees them.
package rampart.rules.least_privilege.service_wildcard

import data.rampart.lib.iam
import data.rampart.lib.result

# credential_services hand out credentials with actions the catalogue
# does not rate as permissions management.
credential_services := {"sts"}

deny contains f if {
	some s in input.statements
	s.allow
	some a in s.action.values
	a.wildcard
	not a.all
	iam.stars(a.name)
	not iam.wildcard(a.service)
	a.service != ""
	n := rampart.expand_levels(input.dialect, a.value)
	n.total > 0
	msg := message(s, a.value, a.service, n)
	f := result.finding(msg, a.pointer)
}

message(s, pattern, _, n) := sprintf(
	"%s allows %s: all %d actions of the service, including %d that manage permissions (%s)",
	[iam.label(s), pattern, n.total, n["permissions-management"], examples(rampart.expand_level(input.dialect, pattern, "permissions-management"))],
) if {
	n["permissions-management"]
}

message(s, pattern, service, n) := sprintf(
	"%s allows %s: all %d actions of the service, which hand out credentials",
	[iam.label(s), pattern, n.total],
) if {
	not n["permissions-management"]
	service in credential_services
}

examples(names) := concat(", ", array.slice(names, 0, 3)) if count(names) <= 3

examples(names) := sprintf("%s …", [concat(", ", array.slice(names, 0, 3))]) if count(names) > 3
