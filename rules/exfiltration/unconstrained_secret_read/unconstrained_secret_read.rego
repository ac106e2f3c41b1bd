# METADATA
# title: Allow reads every secret
# description: >-
#   An Allow statement grants an action that returns secret values on
#   every resource, or on a name that covers every resource of its type
#   (secret:*, key/*, parameter/*): Secrets Manager and SSM parameter
#   reads and KMS Decrypt (aws); KMS secret reads and Decrypt, OOS secret
#   parameter reads (acs); KMS Decrypt and secret version reads (JD
#   Cloud). Wildcards such as "secretsmanager:Get*" count for the reads
#   they include. SSM parameter reads alone are a warning: only some
#   parameters are secret (SecureString ones under the account's default
#   key decrypt for anyone who may read them). A condition on the resource
#   or on how the key is used (a resource tag, kms:ViaService, an
#   encryption context, the calling service or account) scopes the grant
#   and passes; a source IP range, a VPC or MFA lowers the finding one
#   step. "*" alone is left to LP001.
# related_resources:
#   - ref: https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples.html
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
#   - ref: https://www.alibabacloud.com/help/en/kms/key-management-service/security-and-compliance/use-ram-for-access-control
# custom:
#   id: DX002
#   name: unconstrained-secret-read
#   severity: error
#   dialects: [acs, jdcloud, aws]
#   kinds: [identity]
#   rationale: >-
#     Secrets unlock other systems: database passwords, API tokens, signing
#     keys. A principal that reads every secret, or decrypts with every
#     key, holds all of them at once, including those created for other
#     teams later; one leaked credential then opens everything those
#     secrets open.
#   remediation: >-
#     Name the secrets, parameter paths and keys the workload uses
#     (secret:prod/billing/*, parameter/app/billing/*, key/<id>), or scope
#     the statement with a resource tag, or with kms:ViaService so the key
#     only decrypts through the service that needs it.
package rampart.rules.exfiltration.unconstrained_secret_read

import data.rampart.lib.iam
import data.rampart.lib.result

# actions are the actions that return secret values, by dialect and
# service. JD Cloud's describeSecretVersionList returns every version's
# content although the catalogue rates it a list action.
actions := {
	"aws": {
		"secretsmanager": {"GetSecretValue", "BatchGetSecretValue"},
		"ssm": {"GetParameter", "GetParameters", "GetParametersByPath", "GetParameterHistory"},
		"kms": {"Decrypt"},
	},
	"acs": {
		"kms": {"GetSecretValue", "BatchGetSecretValue", "Decrypt", "AsymmetricDecrypt"},
		"oos": {"GetSecretParameter", "GetSecretParameters", "GetSecretParametersByPath"},
	},
	"jdcloud": {"kms": {"decrypt", "describeSecretVersionInfo", "describeSecretVersionList"}},
}

deny contains f if {
	some s in input.statements
	s.allow
	relevant(s)
	hits := [[a, names, where] |
		some a in s.action.values
		actions[input.dialect][a.service]
		names := granted(a)
		count(names) > 0
		where := reach(s, a.service)
	]
	count(hits) > 0
	not scoped(s)
	f := finding(s, hits)
}

# relevant holds for a statement with an action of a service the rule
# knows actions of: a cheap test before the others.
relevant(s) if {
	some a in s.action.values
	actions[input.dialect][a.service]
}

# granted are the rule's actions an action value grants, by name: the
# action itself, or those its wildcard matches. "*" is LP001's.
granted(a) := [n |
	some n in actions[input.dialect][a.service]
	lower(n) == lower(a.name)
] if {
	not a.wildcard
} else := [n |
	some n in actions[input.dialect][a.service]
	rampart.glob(a.name, n, true)
] if {
	not a.all
}

# reach describes the first resource of the statement that covers every
# resource of its type in the service; undefined when there is none.
reach(s, service) := "every resource" if {
	some r in s.resource.values
	r.all
} else := r.value if {
	rs := [r | some r in s.resource.values; every_of_type(r.value, service)]
	r := rs[0]
} else := "every resource but those NotResource lists" if {
	s.not_resource
}

# every_of_type holds for a name of the service (or of every service) that
# covers every resource of a type: a bare wildcard, or a type followed by
# one (key/*, secret:*, parameter/*).
every_of_type(value, service) if {
	iam.wildcard(value)
	n := rampart.parse_name(value)
	n != null
	rampart.glob(n.service, service, true)
	wild_resource(n)
}

wild_resource(n) if iam.stars(n.resource)

wild_resource(n) if {
	t := n.resource_type
	t != ""
	not iam.wildcard(t)
	iam.stars(substring(n.resource, count(t) + 1, -1))
}

# scoped holds when a condition limits which secrets or keys the
# statement reaches, or through which service a key decrypts.
scoped(s) if {
	some c in s.conditions
	not c.negated
	not c.if_exists
	scoping_key(c.key_lower)
}

scoping_key(k) if contains(k, ":resourcetag/")

scoping_key(k) if startswith(k, "kms:encryptioncontext")

scoping_key(k) if k in {
	"aws:resourceaccount", "aws:resourceorgid", "aws:resourceorgpaths",
	"aws:calledvia", "aws:calledviafirst", "aws:calledvialast",
	"kms:viaservice", "kms:calleraccount", "secretsmanager:secretid",
}

# finding reports the statement at its first granting action value, one
# severity step lower when every action granted is of a service in
# soft_services, and one lower when a condition narrows who can use the
# statement and from where.
finding(s, hits) := f if {
	ls := limits(s)
	steps := count([1 | soft(hits)]) + count([1 | count(ls) > 0])
	f := soften(result.finding(message(s, hits, ls), hits[0][0].pointer), steps)
}

message(s, hits, ls) := sprintf("%s allows %s on %s: it can read every secret these actions reach", [iam.label(s), grants(hits), hits[0][2]]) if {
	count(ls) == 0
	not soft(hits)
} else := sprintf("%s allows %s on %s: it can read every parameter, secure strings included", [iam.label(s), grants(hits), hits[0][2]]) if {
	count(ls) == 0
} else := sprintf("%s allows %s on %s: it can read every secret these actions reach, limited only by %s", [iam.label(s), grants(hits), hits[0][2], concat(" and ", sort(ls))])

soften(f, 0) := f

soften(f, 1) := result.softer(f, "warning")

soften(f, 2) := result.softer(f, "info")

# soft_services store parameters, only some of which are secret.
soft_services := {"ssm"}

soft(hits) if {
	every h in hits {
		h[0].service in soft_services
	}
}

# grants lists the action values with what their wildcards include.
grants(hits) := concat(", ", [grant(h) | some h in hits])

grant([a, _, _]) := a.value if not a.wildcard

grant([a, names, _]) := sprintf("%s (%s)", [a.value, concat(", ", [concat(":", [a.service, n]) | some n in names])]) if a.wildcard

# limits describes the conditions that narrow who can use the statement
# and from where.
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
