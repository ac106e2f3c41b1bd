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

# trust_actions are the actions a trust policy may grant per dialect (lower
# case).
trust_actions := {
	"aws": {
		"sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity",
		"sts:tagsession", "sts:setsourceidentity", "sts:setcontext",
	},
	"acs": {"sts:assumerole"},
	"jdcloud": {"sts:assumerole"},
}

# fits are the principal kinds that can use each AWS assume action.
fits := {
	"sts:assumerole": {"account", "service", "any"},
	"sts:assumerolewithsaml": {"saml", "any"},
	"sts:assumerolewithwebidentity": {"oidc", "any"},
}

deny contains f if {
	some s in input.statements
	s.allow
	some a in s.action.values
	msg := problem(s, a)
	f := result.finding(msg, a.pointer)
}

problem(s, a) := sprintf("%s grants %s in a trust policy: it names every action, where the principals need only %s", [iam.label(s), a.value, assume]) if {
	a.all
} else := sprintf("%s grants %s in a trust policy: it matches %d STS actions, where the principals need only %s", [iam.label(s), a.value, n, assume]) if {
	a.service == "sts"
	a.wildcard
	n := count(rampart.expand(input.dialect, a.value))
	n > 1
} else := sprintf("%s grants %s, which Alibaba Cloud and JD Cloud trust policies never use: they grant %s to SAML and OIDC principals too, so this statement admits nobody", [iam.label(s), a.value, assume]) if {
	input.dialect != "aws"
	not a.wildcard
	lower(a.value) in {"sts:assumerolewithsaml", "sts:assumerolewithoidc", "sts:assumerolewithwebidentity"}
} else := sprintf("%s grants %s in a trust policy, which only lets principals assume the role: the action has no effect here%s", [iam.label(s), a.value, refused]) if {
	not lower(a.value) in trust_actions[input.dialect]
	not sts_pattern(a)
} else := sprintf("%s grants %s, but none of its principals (%s) can use it: %s", [iam.label(s), a.value, concat(", ", sort({p.value | some p in s.principal.entries})), hint[lower(a.value)]]) if {
	input.dialect == "aws"
	wants := fits[lower(a.value)]
	count(s.principal.entries) > 0
	every p in s.principal.entries {
		not principal_kind(p) in wants
	}
}

# sts_pattern holds for a wildcard over STS actions (judged above by what
# it matches).
sts_pattern(a) if {
	a.wildcard
	a.service == "sts"
}

assume := "sts:AssumeRole" if input.dialect != "jdcloud"

assume := "sts:assumeRole" if input.dialect == "jdcloud"

refused := " (AWS refuses the policy)" if input.dialect == "aws"

refused := "" if input.dialect != "aws"

hint := {
	"sts:assumerole": "SAML and OIDC providers assume roles with sts:AssumeRoleWithSAML and sts:AssumeRoleWithWebIdentity",
	"sts:assumerolewithsaml": "only a Federated SAML provider (saml-provider/NAME) signs in with SAML",
	"sts:assumerolewithwebidentity": "only a Federated OIDC or web identity provider signs in with a web identity token",
}

# principal_kind is what a principal entry is: any (a bare *), saml, oidc,
# service or account (an account, user or role).
principal_kind(p) := "any" if {
	p.all
} else := "saml" if {
	lower(p.type) == "federated"
	contains(p.value, ":saml-provider/")
} else := "oidc" if {
	lower(p.type) == "federated"
} else := "service" if {
	lower(p.type) == "service"
} else := "account"
