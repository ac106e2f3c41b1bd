# METADATA
# title: SAML federation trust does not say which sign-in endpoint the assertion is for
# description: >-
#   A trust policy admits a SAML identity provider (Federated
#   arn:aws:iam::…:saml-provider/NAME or acs:ram::…:saml-provider/NAME)
#   without a condition pinning the assertion's audience or recipient:
#   saml:aud in AWS (https://signin.aws.amazon.com/saml, the value the
#   console writes), saml:recipient in Alibaba Cloud
#   (https://signin.aliyun.com/saml-role/sso). Either key is accepted in
#   either dialect; a negated, IfExists or "*" condition does not count.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-saml
#   - ref: https://help.aliyun.com/en/ram/user-guide/edit-the-trust-policy-of-a-ram-role
# custom:
#   id: TR007
#   name: saml-trust-without-audience
#   severity: warning
#   dialects: [acs, aws]
#   kinds: [trust]
#   rationale: >-
#     An identity provider signs assertions for every application it
#     serves. The audience and recipient say which service provider an
#     assertion was meant for; without them in the trust policy, an
#     assertion captured from, or minted for, another endpoint of the same
#     identity provider can be replayed to assume the role, and a
#     misconfigured application at the identity provider widens who gets
#     in.
#   remediation: >-
#     Add the condition the console writes: StringEquals saml:aud
#     https://signin.aws.amazon.com/saml in AWS (the regional endpoint if
#     you sign in through one), StringEquals saml:recipient
#     https://signin.aliyun.com/saml-role/sso in Alibaba Cloud.
package rampart.rules.trust.saml_trust_without_audience

import data.rampart.lib.iam
import data.rampart.lib.result

audience_keys := {"saml:aud", "saml:recipient"}

deny contains f if {
	some s in input.statements
	s.allow
	some p in s.principal.entries
	p.type == "Federated"
	contains(p.value, ":saml-provider/")
	not pinned(s)
	f := result.finding(sprintf("%s trusts the SAML provider %s without a condition on %s: assertions the provider signs for other endpoints can assume the role", [iam.label(s), p.value, key]), p.pointer)
}

key := "saml:aud" if input.dialect == "aws"

key := "saml:recipient" if input.dialect != "aws"

# pinned holds when a positive, required condition names the audience or
# recipient.
pinned(s) if {
	some c in s.conditions
	c.key_lower in audience_keys
	not c.negated
	not c.if_exists
	c.qualifier != "ForAllValues"
	some v in c.values
	not iam.stars(v.value)
}
