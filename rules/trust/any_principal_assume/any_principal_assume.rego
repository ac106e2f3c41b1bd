# METADATA
# title: Anyone can assume the role
# description: >-
#   A role's trust policy allows a wildcard principal ("*", {"AWS": "*"},
#   {"RAM": "*"}, an account part "*") and no condition says which
#   account, organization or principal the caller must be. Every
#   identity of every account on the cloud can then assume the role,
#   limited only by the role's own permissions.
# custom:
#   id: TR001
#   name: any-principal-assume
#   severity: error
#   dialects: [acs, jdcloud, aws]
#   kinds: [trust]
#   rationale: >-
#     The trust policy is the only check on who becomes the role. A
#     wildcard without a condition on the caller's identity turns the
#     role into a public credential: anyone who learns its name (role
#     names are easy to guess, and appear in logs and error messages) gets
#     its permissions. Conditions on the source IP or the time do not help:
#     they say where and when, not who.
#   remediation: >-
#     Name the trusted accounts or principals in Principal. If the role
#     must trust a wildcard (an organization-wide role), add a condition
#     that binds the caller: aws:PrincipalOrgID, aws:PrincipalAccount or
#     aws:PrincipalArn in AWS.
package rampart.rules.trust.any_principal_assume

import data.rampart.lib.iam
import data.rampart.lib.result

# binding_keys say who the caller is (lower case).
binding_keys := {
	"aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount", "aws:principalarn",
	"aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths",
	"acs:principalarn", "acs:principalaccount",
}

deny contains f if {
	some s in input.statements
	s.allow
	some p in s.principal.entries
	wildcard(p)
	not binds(s)
	f := result.finding(message(s, p), p.pointer)
}

wildcard(p) if p.all

wildcard(p) if {
	p.wildcard
	any_account(p.value)
}

any_account(v) if {
	n := rampart.parse_name(v)
	n != null
	iam.stars(n.account)
}

binds(s) if {
	some c in s.conditions
	c.key_lower in binding_keys
	not c.negated
	not c.if_exists
	some v in c.values
	pins(v.value)
}

# pins holds for a value that names something: not a bare wildcard, and for
# an ARN, not one whose account is a wildcard.
pins(v) if {
	not iam.stars(v)
	not any_account(v)
}

message(s, p) := sprintf("%s lets any principal assume this role (%s): no condition names the caller's account, organization or principal", [iam.label(s), shown(p)]) if {
	count(s.conditions) == 0
} else := sprintf("%s lets any principal assume this role (%s): its conditions (%s) do not say who the caller is", [iam.label(s), shown(p), concat(", ", sort({c.key | some c in s.conditions}))])

shown(p) := sprintf("%s %s", [p.type, p.value]) if p.type != ""

shown(p) := p.value if p.type == ""
