# METADATA
# title: Trust policy action does not fit its principals
# description: >-
#   An Allow statement of a trust policy grants an action its principals
#   cannot use, or more than role assumption. In AWS, sts:AssumeRoleWithSAML
#   is for SAML providers, sts:AssumeRoleWithWebIdentity for OIDC and web
#   identity providers, sts:AssumeRole for accounts, users, roles and
#   services: a statement whose principals are all of another kind admits
#   nobody through that action. Alibaba Cloud and JD Cloud trust policies
#   grant sts:AssumeRole (sts:assumeRole) to every kind of principal, SAML
#   and OIDC included. An action of another service, or of STS but not
#   about assuming the role, has no effect in a trust policy (AWS refuses
#   it), and "*", sts:* or another STS pattern grants every assume action
#   and session feature at once where the principals need one.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html
#   - ref: https://help.aliyun.com/en/ram/user-guide/edit-the-trust-policy-of-a-ram-role
# custom:
#   id: TR009
#   name: trust-action-mismatch
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   kinds: [trust]
#   rationale: >-
#     A trust statement whose action does not fit its principal is broken
#     trust: sign-in through the provider fails, and someone widens the
#     statement in a hurry to make it work. A wildcard action is the
#     opposite mistake: sts:* lets the principals tag sessions, set a
#     source identity and use every federation flow, which the role's
#     owner did not review.
#   remediation: >-
#     Grant the one assume action each principal uses: sts:AssumeRole for
#     accounts, roles, users and services, sts:AssumeRoleWithSAML for a
#     SAML provider, sts:AssumeRoleWithWebIdentity for an OIDC provider (in
#     AWS); sts:AssumeRole for all of them in Alibaba Cloud, sts:assumeRole
#     in JD Cloud. Add sts:TagSession or sts:SetSourceIdentity by name when
#     the principals need them. Put other permissions in the role's
#     policies.
package rampart.rules.trust.trust_action_mismatch

import data.rampart.lib.iam
import data.rampart.lib.result

# plain are the trust actions as each dialect spells them,
# which need no word unless their principals cannot use them (AWS, below).
plain := {
	"aws": {"sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity", "sts:TagSession", "sts:SetSourceIdentity", "sts:SetContext"},
	"acs": {"sts:AssumeRole"},
	"jdcloud": {"sts:assumeRole"},
}

# trust_names are the actions (without sts:, lower case) a trust policy
# may grant per dialect.
trust_names := {
	"aws": {"assumerole", "assumerolewithsaml", "assumerolewithwebidentity", "tagsession", "setsourceidentity", "setcontext"},
	"acs": {"assumerole"},
	"jdcloud": {"assumerole"},
}

# federation_names are the names of STS's federation APIs (lower case).
federation_names := {"assumerolewithsaml", "assumerolewithoidc", "assumerolewithwebidentity"}

# Every action, an STS pattern, another service's action, an STS action
# that is not about assuming the role, or an AWS assume action written in
# another case that its principals cannot use. Actions spelled as the
# dialect spells its trust actions are skipped at once.
deny contains f if {
	some s in input.statements
	s.allow
	some a in s.action.values
	not a.value in plain[input.dialect]
	msg := problem(s, a)
	f := result.finding(msg, a.pointer)
}

problem(s, a) := sprintf("%s grants %s in a trust policy: it names every action, where the principals need only %s", [iam.label(s), a.value, assume]) if {
	a.all
} else := sprintf("%s grants %s in a trust policy: it matches %d STS actions, where the principals need only %s", [iam.label(s), a.value, n, assume]) if {
	a.wildcard
	a.service == "sts"
	n := count(rampart.expand(input.dialect, a.value))
	n > 1
} else := no_effect(s, a) if {
	a.service != "sts"
	not iam.wildcard(a.service)
} else := sprintf("%s grants %s, which Alibaba Cloud and JD Cloud trust policies never use: they grant %s to SAML and OIDC principals too, so this statement admits nobody", [iam.label(s), a.value, assume]) if {
	input.dialect != "aws"
	not a.wildcard
	lower(a.name) in federation_names
} else := no_effect(s, a) if {
	a.service == "sts"
	not a.wildcard
	not lower(a.name) in trust_names[input.dialect]
} else := mismatch(s, a, canonical[lower(a.name)]) if {
	input.dialect == "aws"
	not fitting(s, canonical[lower(a.name)])
}

no_effect(s, a) := sprintf("%s grants %s in a trust policy, which only lets principals assume the role: the action has no effect here%s", [iam.label(s), a.value, refused])

# canonical spells the AWS assume actions (from their lower-case names).
canonical := {
	"assumerole": "AssumeRole",
	"assumerolewithsaml": "AssumeRoleWithSAML",
	"assumerolewithwebidentity": "AssumeRoleWithWebIdentity",
}

# An AWS assume action, as AWS spells it, that none of the statement's
# principals can use.
deny contains f if {
	input.dialect == "aws"
	some s in input.statements
	s.allow
	some a in s.action.values
	a.service == "sts"
	a.name in {"AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity"}
	not fitting(s, a.name)
	f := result.finding(mismatch(s, a, a.name), a.pointer)
}

mismatch(s, a, name) := sprintf("%s grants %s, but none of its principals (%s) can use it: %s", [iam.label(s), a.value, concat(", ", sort({p.value | some p in s.principal.entries})), hint[name]])

# fitting holds when a principal of s can use the assume action name: any
# principal but a federated provider for AssumeRole, a SAML provider for
# AssumeRoleWithSAML, an OIDC or web identity provider for
# AssumeRoleWithWebIdentity, and a bare * for all of them. A statement
# without principals is left to the schema.
fitting(s, "AssumeRole") if {
	some p in s.principal.entries
	p.type != "Federated"
}

fitting(s, name) if {
	name != "AssumeRole"
	some p in s.principal.entries
	p.all
}

fitting(s, "AssumeRoleWithSAML") if {
	some p in s.principal.entries
	p.type == "Federated"
	contains(p.value, ":saml-provider/")
}

fitting(s, "AssumeRoleWithWebIdentity") if {
	some p in s.principal.entries
	p.type == "Federated"
	not contains(p.value, ":saml-provider/")
}

fitting(s, _) if count(s.principal.entries) == 0

assume := "sts:AssumeRole" if input.dialect != "jdcloud"

assume := "sts:assumeRole" if input.dialect == "jdcloud"

refused := " (AWS refuses the policy)" if input.dialect == "aws"

refused := "" if input.dialect != "aws"

hint := {
	"AssumeRole": "SAML and OIDC providers assume roles with sts:AssumeRoleWithSAML and sts:AssumeRoleWithWebIdentity",
	"AssumeRoleWithSAML": "only a Federated SAML provider (saml-provider/NAME) signs in with SAML",
	"AssumeRoleWithWebIdentity": "only a Federated OIDC or web identity provider signs in with a web identity token",
}
