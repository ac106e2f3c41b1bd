# METADATA
# title: OIDC federation trust does not pin who the token is for
# description: >-
#   A trust policy admits an OpenID Connect provider (Federated
#   arn:aws:iam::…:oidc-provider/HOST, a web identity provider such as
#   accounts.google.com or cognito-identity.amazonaws.com, or
#   acs:ram::…:oidc-provider/NAME) without a condition that pins whom the
#   token was issued to: HOST:sub (oidc:sub in Alibaba Cloud) for an
#   identity provider of your own, the identity pool (…:aud) for Cognito,
#   the application for Google (…:aud), Facebook and Login with Amazon
#   (…:app_id). A subject pattern that leaves the repository open is
#   reported too: GitHub's repo:* or repo:org/*, GitLab's
#   project_path:group/*, a bare "*". A pinned subject without the
#   audience (HOST:aud, oidc:aud) is a warning: the cloud also checks the
#   audience against the provider's client IDs, but the trust policy should
#   say which one it means.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html
#   - ref: https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
#   - ref: https://help.aliyun.com/zh/ram/api-assumerolewithoidc
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
# custom:
#   id: TR006
#   name: oidc-trust-unpinned
#   severity: error
#   dialects: [acs, aws]
#   kinds: [trust]
#   rationale: >-
#     An OIDC provider issues tokens to everyone it knows: every repository
#     on GitHub, every project on gitlab.com, every service account of a
#     Kubernetes cluster, every user of every Google application. A trust
#     policy that checks only the issuer lets all of them become the role;
#     a fork or a new repository in your organization is enough. The
#     subject claim is the one that says which workload or person the
#     token belongs to.
#   remediation: >-
#     Add StringEquals on HOST:aud (sts.amazonaws.com for GitHub, the
#     client ID otherwise) and StringEquals or StringLike on HOST:sub
#     naming the repository and the branch or environment
#     (repo:acme/deploy:environment:prod); in Alibaba Cloud, oidc:aud and
#     oidc:sub (system:serviceaccount:NAMESPACE:NAME for ACK). For Cognito,
#     pin cognito-identity.amazonaws.com:aud to the identity pool and :amr
#     to authenticated.
package rampart.rules.trust.oidc_trust_unpinned

import data.rampart.lib.iam
import data.rampart.lib.result

# web_identity maps the web identity providers AWS knows by name to the
# claim that says which application or pool the token is for.
web_identity := {
	"cognito-identity.amazonaws.com": "aud",
	"accounts.google.com": "aud",
	"graph.facebook.com": "app_id",
	"www.amazon.com": "app_id",
}

# federated is the Allow statements' federated principal entries, found in
# one pass: {"s": statement, "p": entry}.
federated contains {"s": s, "p": p} if {
	some s in input.statements
	s.allow
	some p in s.principal.entries
	p.type == "Federated"
}

# A web identity provider without its application or pool.
deny contains f if {
	some e in federated
	claim := web_identity[lower(e.p.value)]
	key := concat(":", [lower(e.p.value), claim])
	not pinned(e.s, key)
	f := result.finding(sprintf("%s trusts %s without a condition on %s:%s: a token of any application or identity pool of that provider, in any account, can assume the role", [iam.label(e.s), e.p.value, e.p.value, claim]), e.p.pointer)
}

# A provider of your own without the subject.
deny contains f if {
	some e in federated
	prefix := provider_keys(e.p.value)
	not pinned(e.s, concat(":", [prefix, "sub"]))
	f := result.finding(sprintf("%s trusts the OIDC provider %s without a condition on %s:sub%s: every identity the provider issues tokens to can assume the role", [iam.label(e.s), e.p.value, shown(e.p.value, prefix), audience_too(e.s, prefix)]), e.p.pointer)
}

# A provider of your own with the subject but not the audience.
deny contains f if {
	some e in federated
	prefix := provider_keys(e.p.value)
	pinned(e.s, concat(":", [prefix, "sub"]))
	not pinned(e.s, concat(":", [prefix, "aud"]))
	msg := sprintf("%s trusts the OIDC provider %s without a condition on %s:aud: say which client the tokens must be issued for", [iam.label(e.s), e.p.value, shown(e.p.value, prefix)])
	f := result.softer(result.finding(msg, e.p.pointer), "warning")
}

# A subject pattern that leaves the repository or project open.
deny contains f if {
	some e in federated
	prefix := provider_keys(e.p.value)
	key := concat(":", [prefix, "sub"])
	some c in e.s.conditions
	c.key_lower == key
	pinning(c)
	c.base_lower == "stringlike"
	some v in c.values
	v.wildcard
	b := breadth(v.value)
	f := finding_for_breadth(e.s, c, v, b)
}

finding_for_breadth(s, c, v, b) := result.finding(msg, v.pointer) if {
	b.severity == "error"
	msg := sprintf("%s lets %s assume the role (%s matches %s)", [iam.label(s), b.who, c.key, v.value])
} else := result.softer(result.finding(msg, v.pointer), "warning") if {
	msg := sprintf("%s lets %s assume the role (%s matches %s): name the repository and the branch or environment", [iam.label(s), b.who, c.key, v.value])
}

# provider_keys is the prefix of the condition keys of an OIDC provider of
# your own (lower case): its host in AWS, oidc in Alibaba Cloud.
provider_keys(v) := lower(substring(v, i + 15, -1)) if {
	input.dialect == "aws"
	i := indexof(v, ":oidc-provider/")
	i >= 0
} else := "oidc" if {
	input.dialect == "acs"
	contains(v, ":oidc-provider/")
}

shown(v, _) := substring(v, indexof(v, ":oidc-provider/") + 15, -1) if input.dialect == "aws"

shown(_, prefix) := prefix if input.dialect != "aws"

audience_too(s, prefix) := "" if {
	pinned(s, concat(":", [prefix, "aud"]))
} else := sprintf(" (nor on %s:aud)", [prefix])

# pinning holds for a condition that requires its key to have one of its
# values: positive, not IfExists, not a vacuous ForAllValues.
pinning(c) if {
	not c.negated
	not c.if_exists
	c.qualifier != "ForAllValues"
}

# pinned holds when s has a pinning condition on key with a value that is
# not a bare wildcard.
pinned(s, key) if {
	some c in s.conditions
	c.key_lower == key
	pinning(c)
	some v in c.values
	not iam.stars(v.value)
}

# breadth says whom a subject pattern admits, when that is more than one
# repository or project: {who, severity}.
breadth(v) := {"who": "any subject at all", "severity": "error"} if {
	iam.stars(v)
} else := {"who": "any repository on GitHub", "severity": "error"} if {
	startswith(v, "repo:")
	not regex.match(`^repo:[^/:*?]+/`, v)
} else := {"who": family("repository", "repositories", owner, name), "severity": "warning"} if {
	startswith(v, "repo:")
	not regex.match(`^repo:[^/:*?]+/[^/:*?]+:`, v)
	rest := substring(v, 5, -1)
	owner := substring(rest, 0, indexof(rest, "/"))
	name := split(substring(rest, indexof(rest, "/") + 1, -1), ":")[0]
} else := {"who": "any project on the GitLab instance", "severity": "error"} if {
	startswith(v, "project_path:")
	not regex.match(`^project_path:[^/:*?]+/`, v)
} else := {"who": family("project", "projects", group, name), "severity": "warning"} if {
	startswith(v, "project_path:")
	not regex.match(`^project_path:[^:*?]+/[^/:*?]+:`, v)
	path := split(substring(v, 13, -1), ":")[0]
	group := substring(path, 0, last_slash(path))
	name := substring(path, last_slash(path) + 1, -1)
}

# family describes the repositories or projects of owner that a name
# pattern matches.
family(one, _, owner, name) := sprintf("any %s of %s", [one, owner]) if iam.stars(name)

family(_, many, owner, name) := sprintf("the %s of %s named %s", [many, owner, name]) if not iam.stars(name)

# last_slash is the index of the last / before the first wildcard of a
# path.
last_slash(path) := i if {
	head := split(split(path, "*")[0], "?")[0]
	slashes := [j | some j in numbers.range(0, count(head) - 1); substring(head, j, 1) == "/"]
	i := max(slashes)
}
