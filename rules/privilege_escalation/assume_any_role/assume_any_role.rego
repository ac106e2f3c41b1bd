# METADATA
# title: Allow assuming every role
# description: >-
#   An Allow statement grants sts:AssumeRole (or a pattern covering it,
#   such as sts:* or sts:Assume*) on every role: Resource "*", or a role
#   name pattern like acs:ram:*:*:role/* or arn:aws:iam::*:role/*. The
#   principal can become any role whose trust policy admits it, in any
#   account, or in every role of one account when the pattern names it.
#   Grants of every action ("*") are reported by LP001 instead.
# custom:
#   id: PE009
#   name: assume-any-role
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   kinds: [identity]
#   rationale: >-
#     Trust policies are written one role at a time, often trusting a whole
#     account. With a grant to assume every role, the principal gets the
#     permissions of the most powerful role that trusts its account,
#     today's or one created next year, and reviews of its own policy show
#     none of it.
#   remediation: >-
#     List the roles the principal is meant to assume, by name, in
#     Resource. If it must reach a family of roles, put them under a path
#     or a name prefix (role/deploy-*) and grant that.
package rampart.rules.privilege_escalation.assume_any_role

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	s.allow
	grants := [a.value |
		some a in s.action.values
		a.service == "sts"
		iam.action_matches(a.value, "sts:AssumeRole")
	]
	count(grants) > 0
	some r in s.resource.values
	scope := roles(r)
	f := result.finding(sprintf("%s allows %s on %s", [iam.label(s), grants[0], scope]), r.pointer)
}

# roles describes the roles a resource pattern covers, when it covers every
# role of an account or more.
roles(r) := "every resource, so every role that trusts this account" if r.all

roles(r) := scope if {
	not r.all
	r.wildcard
	n := rampart.parse_name(r.value)
	n != null
	some svc in ["ram", "iam"]
	rampart.glob(n.service, svc, true)
	every_role(n.resource)
	scope := account_scope(n.account)
}

account_scope(a) := "every role of every account" if iam.stars(a)

account_scope(a) := sprintf("every role of account %s", [a]) if not iam.wildcard(a)

account_scope(a) := sprintf("every role of the accounts %s matches", [a]) if {
	iam.wildcard(a)
	not iam.stars(a)
}

# every_role holds for a resource part that matches any role name.
every_role(res) if {
	every name in ["role/a", "role/Deploy-Prod_2.x", "role/path/to/role"] {
		rampart.glob(res, name, false)
	}
}
