# METADATA
# title: Allow statement with NotAction
# description: >-
#   An Allow statement with NotAction grants every action except the ones
#   it lists: every other service of the cloud, including services the
#   vendor launches later. On every resource it is almost full
#   administrator access (an error); on listed resources it is still far
#   more than a reader expects (a warning).
# custom:
#   id: LP003
#   name: allow-not-action
#   severity: error
#   dialects: [acs, aws]
#   kinds: [identity, resource, boundary, session]
#   rationale: >-
#     NotAction reads like a restriction but works as a grant of everything
#     else. "Everything but IAM" still includes deleting databases, reading
#     every bucket and, through services that pass roles, reaching IAM
#     after all. NotAction belongs in Deny statements, where it states
#     what stays allowed.
#   remediation: >-
#     List the actions to allow with Action. To keep a broad grant but
#     forbid some services, allow what is needed and add a Deny statement
#     for the services to keep out.
package rampart.rules.least_privilege.allow_not_action

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	s.allow
	s.not_action
	f := result.at_key(finding(s))
}

finding(s) := result.finding(msg, s.not_action.pointer) if {
	everywhere(s)
	msg := sprintf("%s allows every action except the %d NotAction lists, on every resource", [iam.label(s), count(s.not_action.values)])
}

finding(s) := result.softer(result.finding(msg, s.not_action.pointer), "warning") if {
	not everywhere(s)
	msg := sprintf("%s allows every action except the %d NotAction lists, on the resources it names", [iam.label(s), count(s.not_action.values)])
}

everywhere(s) if {
	some r in s.resource.values
	r.all
}

everywhere(s) if s.not_resource
