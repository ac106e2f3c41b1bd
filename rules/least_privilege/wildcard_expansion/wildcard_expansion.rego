# METADATA
# title: What an action wildcard expands to
# description: >-
#   For every action pattern with a wildcard in an Allow statement (other
#   than "*"), reports how many actions of the catalogue it matches today,
#   by access level, so a reviewer sees what "ecs:Describe*" or
#   "oss:*Object*" really grants. Off by default: it is a report, not a
#   problem; turn it on for reviews.
# custom:
#   id: LP010
#   name: wildcard-expansion
#   severity: info
#   dialects: [acs, jdcloud, aws]
#   kinds: [identity]
#   default: "off"
#   rationale: >-
#     Wildcards are convenient and opaque: "Get*" reads like "read", but
#     in some services it matches actions that return credentials or
#     change state. Counting the expansion by level turns an opaque
#     pattern into something a review can judge.
#   remediation: >-
#     Nothing, if the expansion is what the principal needs. Otherwise
#     replace the pattern with the actions it should grant.
package rampart.rules.least_privilege.wildcard_expansion

import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	s.allow
	some a in s.action.values
	a.wildcard
	not a.all
	n := rampart.expand_levels(input.dialect, a.value)
	n.total > 0
	parts := [sprintf("%s %d", [level, n[level]]) |
		some level in ["list", "read", "write", "permissions-management", "tagging"]
		n[level]
	]
	msg := sprintf("%s expands to %d %s (%s)", [a.value, n.total, plural(n.total), concat(", ", parts)])
	f := result.finding(msg, a.pointer)
}

plural(1) := "action"

plural(n) := "actions" if n != 1
