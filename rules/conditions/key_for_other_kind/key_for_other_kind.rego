# METADATA
# title: Condition key that this kind of policy never sees
# description: >-
#   Some keys exist only in the requests one kind of policy decides.
#   Federation keys (saml:…, oidc:… in Alibaba Cloud, an identity
#   provider's own keys such as token.actions.githubusercontent.com:sub or
#   accounts.google.com:aud) exist only in AssumeRoleWithSAML and
#   AssumeRoleWithWebIdentity calls, which only a role's trust policy
#   decides; sts:ExternalId, sts:RoleSessionName and sts:SourceIdentity
#   exist only in STS calls, so outside a trust policy they are dead in a
#   statement that names no STS action; a trust policy decides only STS
#   calls, so a key of another service (s3:prefix, ecs:tag/…) is never in
#   them. Such a key is always absent: a positive test makes the statement
#   never apply, a negated one always holds. In an identity policy, the
#   caller's own account and organization (aws:PrincipalAccount,
#   aws:PrincipalOrgID, aws:PrincipalOrgPaths) are those of the account
#   that holds the policy, so a test of them is constant (info).
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid
# custom:
#   id: CND015
#   name: key-for-other-kind
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   rationale: >-
#     Conditions are copied between trust policies, bucket policies and
#     identity policies as if keys meant the same everywhere. An
#     "sts:ExternalId" test pasted into a bucket policy or a "saml:aud"
#     test pasted into a role's permissions never sees its key: the
#     statement is dead, or, with a negated operator, the check silently
#     passes for everyone.
#   remediation: >-
#     Move the condition to the kind of policy that sees the key (the
#     role's trust policy for federation and STS keys), or remove it.
package rampart.rules.conditions.key_for_other_kind

import data.rampart.lib.iam
import data.rampart.lib.result

deny contains f if {
	input.kind != "trust"
	some s in input.statements
	some c in s.conditions
	federation_key(c.key_lower)
	f := dead(s, c, "exists only in federated AssumeRole calls, which only a role's trust policy decides")
}

deny contains f if {
	input.kind != "trust"
	some s in input.statements
	some c in s.conditions
	c.key_lower in sts_keys
	not names_sts(s)
	f := dead(s, c, "exists only in STS calls, and the statement names no STS action")
}

deny contains f if {
	input.kind == "trust"
	input.dialect in {"aws", "acs"}
	some s in input.statements
	some c in s.conditions
	not federation_key(c.key_lower)
	service := split(c.key_lower, ":")[0]
	not service in {"aws", "acs", "sts", "iam", "ram"}
	rampart.service(input.dialect, service) != null
	rampart.key(input.dialect, c.key) != null
	f := dead(s, c, sprintf("is a key of %s requests, and a trust policy decides only STS calls", [service]))
}

deny contains f if {
	input.kind in {"identity", "boundary", "session"}
	input.dialect == "aws"
	some s in input.statements
	some c in s.conditions
	c.key_lower in own_account_keys
	c.base_lower != "null"
	msg := sprintf("%s in an identity policy is always the account (and organization) that holds the policy, so this test of %s is constant; it belongs in resource, trust and control policies", [c.key, iam.label(s)])
	f := result.softer(result.at_key(result.finding(msg, c.pointer)), "info")
}

sts_keys := {"sts:externalid", "sts:rolesessionname", "sts:sourceidentity", "sts:transitivetagkeys"}

own_account_keys := {"aws:principalaccount", "aws:principalorgid", "aws:principalorgpaths"}

# federation_key holds for keys of SAML and OIDC identity providers:
# saml:…, Alibaba's oidc:…, and keys prefixed with a provider's host name.
federation_key(key) if startswith(key, "saml:")

federation_key(key) if {
	input.dialect == "acs"
	startswith(key, "oidc:")
}

federation_key(key) if {
	input.dialect == "aws"
	contains(split(key, ":")[0], ".")
}

# names_sts holds when the statement may name an STS action.
names_sts(s) if {
	some a in s.action.values
	sts_like(a)
}

names_sts(s) if s.not_action

sts_like(a) if a.service == "sts"

sts_like(a) if a.all

sts_like(a) if iam.wildcard(a.service)

dead(s, c, why) := result.at_key(result.finding(msg, c.pointer)) if {
	msg := sprintf("%s %s: it is never present here, so %s", [c.key, why, consequence(s, c)])
}

# consequence is what an absent key does: a positive test fails, a
# negated one or IfExists holds.
consequence(s, c) := sprintf("%s never applies", [iam.label(s)]) if not holds_absent(c)

consequence(s, c) := sprintf("the test always holds and restricts nothing in %s", [iam.label(s)]) if holds_absent(c)

holds_absent(c) if c.if_exists

holds_absent(c) if c.qualifier == "ForAllValues"

holds_absent(c) if {
	c.qualifier == ""
	c.base_lower != "null"
	c.negated
}

holds_absent(c) if {
	c.base_lower == "null"
	some v in c.values
	lower(v.value) == "true"
}
