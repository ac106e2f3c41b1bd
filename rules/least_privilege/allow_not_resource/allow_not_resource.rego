# METADATA
# title: Allow statement with NotResource
# description: >-
#   An Allow statement with NotResource grants its actions on every
#   resource except the ones it lists, in every account and region the
#   names can match, including resources created later.
# custom:
#   id: LP004
#   name: allow-not-resource
#   severity: warning
#   dialects: [acs, aws]
#   kinds: [identity, boundary, session]
#   rationale: >-
#     A list of exceptions is open-ended: every new bucket, key or role is
#     covered the day it is created, and a typo in an exception grants the
#     resource it meant to protect. Allow statements should name what they
#     grant.
#   remediation: >-
#     Name the resources with Resource. To protect a few resources from an
#     otherwise broad grant, use a Deny statement with those resources.
package rampart.rules.least_privilege.allow_not_resource

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	s.allow
	s.not_resource
	msg := sprintf("%s allows %s on every resource except the %d NotResource lists", [iam.label(s), actions(s), count(s.not_resource.values)])
	f := result.at_key(result.finding(msg, s.not_resource.pointer))
}

actions(s) := "every action but those NotAction lists" if {
	s.not_action
} else := concat(", ", [a.value | some a in s.action.values]) if {
	count(s.action.values) <= 3
} else := sprintf("%d actions", [count(s.action.values)])
