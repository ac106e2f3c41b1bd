# METADATA
# title: Allow statement with NotPrincipal
# description: >-
#   An Allow statement of a resource policy names its principals with
#   NotPrincipal: it grants its actions to everyone except those listed,
#   anonymous callers and every other account on the cloud included. When
#   a condition of the statement pins the caller's organization, account,
#   ARN or network (aws:PrincipalOrgID, aws:PrincipalAccount,
#   aws:PrincipalArn, aws:SourceVpce …), the finding is a warning: the
#   statement is no longer public, but still says the opposite of what a
#   reader expects.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
# custom:
#   id: TR010
#   name: allow-not-principal
#   severity: error
#   dialects: [aws]
#   kinds: [resource]
#   rationale: >-
#     NotPrincipal with Allow is almost always a mistake for Principal:
#     whoever writes it means "these principals" and grants "everyone but
#     these principals". AWS discourages it and most services refuse it;
#     where it is accepted, the resource is public. (Alibaba Cloud and JD
#     Cloud have no NotPrincipal.)
#   remediation: >-
#     Write Principal with the principals that should have access. To
#     exclude principals from a grant to a group, grant the group with
#     Principal and add a Deny with a condition on aws:PrincipalArn.
package rampart.rules.trust.allow_not_principal

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	some s in input.statements
	s.allow
	s.not_principal
	f := finding(s)
}

finding(s) := result.softer(result.finding(msg, s.not_principal.pointer), "warning") if {
	keys := {c.key | some c in s.conditions; binding(c)}
	count(keys) > 0
	msg := sprintf("%s allows everyone except %s (NotPrincipal), limited by %s; write the principals that need access in Principal instead", [iam.label(s), excepted(s), concat(", ", sort(keys))])
} else := result.finding(msg, s.not_principal.pointer) if {
	msg := sprintf("%s allows everyone except %s (NotPrincipal): anonymous callers and every other account get its actions", [iam.label(s), excepted(s)])
}

excepted(s) := s.not_principal.entries[0].value if {
	count(s.not_principal.entries) == 1
} else := sprintf("%s and %d more", [s.not_principal.entries[0].value, count(s.not_principal.entries) - 1]) if {
	count(s.not_principal.entries) > 1
} else := "nobody"

# binding_keys say who the caller is or which private network it comes
# through (lower case).
binding_keys := {
	"aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount", "aws:principalarn",
	"aws:userid", "aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths",
	"aws:sourcevpc", "aws:sourcevpce", "aws:sourcevpcarn", "kms:calleraccount",
}

binding(c) if {
	c.key_lower in binding_keys
	not c.negated
	not c.if_exists
	c.qualifier != "ForAllValues"
	some v in c.values
	not iam.stars(v.value)
	not any_account(v.value)
}

any_account(v) if {
	n := rampart.parse_name(v)
	n != null
	iam.stars(n.account)
}
