# METADATA
# title: Allow statement grants every action on every resource
# description: >-
#   An Allow statement whose Action includes every action ("*" or "*:*")
#   and whose Resource includes every resource ("*", acs:*:*:*:*,
#   arn:aws:*:*:*:*, jrn:*:*:*:*) makes whoever holds the policy an
#   administrator of the account. When the statement is limited by where
#   the request comes from or how the caller signed in (a source IP range,
#   a VPC, MFA), the finding is a warning instead of an error: the grant is
#   still total, but a leaked access key alone does not use it.
# related_resources:
#   - ref: https://www.alibabacloud.com/help/en/ram/user-guide/policy-overview
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# custom:
#   id: LP001
#   name: full-admin
#   severity: error
#   dialects: [acs, jdcloud, aws]
#   kinds: [identity]
#   rationale: >-
#     Every user, group or role with this policy can do anything in the
#     account, including granting itself more, deleting audit trails and
#     reading every secret. If its credentials leak, the whole account is
#     lost. Administrators exist, but they should be few, named in the
#     inventory, and use the vendor's managed administrator policy
#     (AdministratorAccess) rather than a copy in a custom policy that a
#     review cannot tell apart from an ordinary one.
#   remediation: >-
#     List the actions the principal needs and the resources it needs them
#     on. If it really administers the account, attach the vendor's
#     administrator policy instead, and limit it to the office network and
#     MFA with conditions; suppress the remaining warning with a reason.
package rampart.rules.least_privilege.full_admin

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	s.allow
	some r in s.resource.values
	r.all
	grants := [a | some a in s.action.values; a.all]
	count(grants) > 0
	f := finding(s, grants[0])
}

finding(s, a) := result.finding(sprintf("%s allows every action on every resource", [iam.label(s)]), a.pointer) if {
	count(limits(s)) == 0
}

finding(s, a) := result.softer(result.finding(msg, a.pointer), "warning") if {
	ls := limits(s)
	count(ls) > 0
	msg := sprintf("%s allows every action on every resource, limited only by %s", [iam.label(s), concat(" and ", sort(ls))])
}

# limits describes the conditions that narrow who can use the statement.
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
