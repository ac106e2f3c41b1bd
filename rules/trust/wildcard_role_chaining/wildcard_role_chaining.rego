# METADATA
# title: Trust admits every role of an account through a pattern
# description: >-
#   A trust policy limits its callers with a pattern on aws:PrincipalArn
#   (ArnLike, StringLike or ArnEquals) that matches every role of an
#   account (arn:aws:iam::111122223333:role/*, or :* for every role and
#   user): any role of that account, today's or one created later, can
#   chain into this one. A pattern that matches a family of roles
#   (role/ci-*, role/deploy/*) is reported as a note, since a new role
#   with a matching name gets in too. Wildcards in Principal itself are
#   SCH010's (AWS refuses them); a pattern of any account is TR001's.
#   Alibaba Cloud and JD Cloud have neither partial wildcards in
#   principals nor a documented principal-ARN key, so the rule is for AWS.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining
# custom:
#   id: TR011
#   name: wildcard-role-chaining
#   severity: warning
#   dialects: [aws]
#   kinds: [trust]
#   rationale: >-
#     Role chaining hands this role to whoever holds another role. With a
#     pattern, the set of roles is decided by whoever can create roles in
#     the trusted account, not by this trust policy: a role made for a
#     Lambda function, a vendor or a test becomes a way in, and the chain
#     hides where the request started.
#   remediation: >-
#     List the roles that need this one, by ARN, in Principal or in
#     aws:PrincipalArn. If a family of roles must get in, give it a path
#     only a few administrators can create roles under (role/deploy/*), and
#     say so in a suppression.
package rampart.rules.trust.wildcard_role_chaining

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	s.allow
	some c in s.conditions
	c.key_lower == "aws:principalarn"
	c.base_lower in {"arnlike", "stringlike", "arnequals"}
	not c.negated
	some v in c.values
	v.wildcard
	n := rampart.parse_name(v.value)
	n != null
	n.account != ""
	not iam.wildcard(n.account)
	f := finding(s, c, v, n)
}

finding(s, c, v, n) := result.finding(msg, v.pointer) if {
	every_role(n.resource)
	msg := sprintf("%s lets every role of account %s assume this role (%s matches %s): roles created there later get in too", [iam.label(s), n.account, c.key, v.value])
} else := result.softer(result.finding(msg, v.pointer), "info") if {
	some_roles(n.resource)
	msg := sprintf("%s lets the roles of account %s that match %s assume this role (%s): a new role with a matching name gets in too", [iam.label(s), n.account, n.resource, c.key])
}

# every_role holds for a resource part that matches any role name.
every_role(res) if {
	every name in ["role/a", "role/Deploy-Prod_2.x", "role/path/to/role"] {
		rampart.glob(res, name, false)
	}
}

# some_roles holds for a pattern that can match role names.
some_roles(res) if startswith(res, "role/")

some_roles(res) if startswith(res, "*")
