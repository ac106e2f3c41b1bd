# METADATA
# title: Allow creates or returns credentials for any principal
# description: >-
#   An Allow statement grants an action whose response holds credentials
#   (access keys, temporary tokens, database or instance passwords) or
#   that sets them, on every resource or on every resource of its type
#   (user/*): iam:CreateAccessKey, iam:CreateLoginProfile,
#   sts:GetFederationToken, redshift:GetClusterCredentials, rds-db:connect,
#   Cognito identity credentials and the like (aws); ram:CreateAccessKey,
#   ram:CreateLoginProfile (acs); iam:createSubUserAccessKey and
#   iam:enableSubUserAccessKey (JD Cloud). The list follows Parliament's
#   and Cloudsplaining's credentials exposure list, without sts:AssumeRole
#   (PE009), sts:GetSessionToken (the caller's own credentials) and
#   ecr:GetAuthorizationToken (a registry token that reaches only what
#   repository permissions allow). Self-service names such as
#   user/${aws:username} pass, as do resource tag conditions; a source IP
#   range, a VPC or MFA makes the finding informational.
# related_resources:
#   - ref: https://github.com/duo-labs/parliament
#   - ref: https://github.com/salesforce/cloudsplaining#credentials-exposure
#   - ref: https://www.alibabacloud.com/help/en/ram/developer-reference/api-ims-2019-08-15-createaccesskey
# custom:
#   id: CR001
#   name: credential-exposure
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   kinds: [identity]
#   rationale: >-
#     Credentials returned by an API leave the control plane: they end up
#     in a terminal, a CI log or a script, and they work from anywhere
#     until they expire or are revoked. A principal that may mint them for
#     every user, database or identity pool can become any of them.
#   remediation: >-
#     Let users manage their own keys (Resource user/${aws:username}), and
#     name the users, databases or clusters a workload needs credentials
#     for. Prefer roles and temporary credentials to long-term keys.
package rampart.rules.credentials.credential_exposure

import data.rampart.lib.iam
import data.rampart.lib.result

# actions are the actions that create, set or return credentials, by
# dialect and service.
actions := {
	"aws": {
		"iam": {"CreateAccessKey", "UpdateAccessKey", "CreateLoginProfile", "CreateServiceSpecificCredential", "ResetServiceSpecificCredential"},
		"sts": {"GetFederationToken"},
		"cognito-identity": {"GetCredentialsForIdentity", "GetOpenIdToken", "GetOpenIdTokenForDeveloperIdentity"},
		"cognito-idp": {"AssociateSoftwareToken"},
		"connect": {"GetFederationToken"},
		"codepipeline": {"PollForJobs"},
		"gamelift": {"RequestUploadCredentials", "GetInstanceAccess"},
		"lightsail": {"GetInstanceAccessDetails", "GetRelationalDatabaseMasterUserPassword"},
		"rds-db": {"connect"},
		"redshift": {"GetClusterCredentials", "GetClusterCredentialsWithIAM"},
		"redshift-serverless": {"GetCredentials"},
		"mediapackage": {"RotateIngestEndpointCredentials"},
	},
	"acs": {
		"ram": {"CreateAccessKey", "UpdateAccessKey", "CreateLoginProfile", "CreateAppSecret"},
		"ims": {"CreateAccessKey", "UpdateAccessKey", "CreateLoginProfile", "CreateAppSecret"},
	},
	"jdcloud": {"iam": {"createSubUserAccessKey", "createUserAccessKey", "enableSubUserAccessKey", "enabledUserAccessKey"}},
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
	rs := [r | some r in s.resource.values; every_of_type(r.value, object.get(name_services, service, service))]
	r := rs[0]
} else := "every resource but those NotResource lists" if {
	s.not_resource
}

# name_services maps an action's service to the service its resource names
# use where the two differ: Alibaba's IMS actions name RAM resources.
name_services := {"ims": "ram"}

# every_of_type holds for a name of the service (or of every service) that
# covers every resource of a type: a bare wildcard, or a type followed by
# one (user/*, trail/*, snapshot/*); in object storage, a bucket that is a
# bare wildcard (arn:aws:s3:::*/*).
every_of_type(value, service) if {
	iam.wildcard(value)
	n := rampart.parse_name(value)
	n != null
	rampart.glob(n.service, service, true)
	wild_resource(n, service)
}

# bucket_services name resources by bucket: bucket/key, not type/id.
bucket_services := {"s3", "oss"}

wild_resource(n, _) if iam.stars(n.resource)

wild_resource(n, service) if {
	not service in bucket_services
	t := n.resource_type
	t != ""
	not iam.wildcard(t)
	iam.stars(substring(n.resource, count(t) + 1, -1))
}

wild_resource(n, service) if {
	service in bucket_services
	iam.stars(split(n.resource, "/")[0])
}

# scoped holds when a resource tag condition limits which users or
# resources the statement reaches.
scoped(s) if {
	some c in s.conditions
	not c.negated
	not c.if_exists
	scoping_key(c.key_lower)
}

scoping_key(k) if contains(k, ":resourcetag/")

# finding reports the statement at its first granting action value, one
# severity step lower when a condition narrows who can use
# the statement and from where.
finding(s, hits) := f if {
	ls := limits(s)
	steps := count([1 | soft(hits)]) + count([1 | count(ls) > 0])
	f := soften(result.finding(message(s, hits, ls), hits[0][0].pointer), steps)
}

message(s, hits, ls) := sprintf("%s allows %s on %s: it can obtain credentials for every principal or resource these actions reach", [iam.label(s), grants(hits), hits[0][2]]) if {
	count(ls) == 0
} else := sprintf("%s allows %s on %s: it can obtain credentials for every principal or resource these actions reach, limited only by %s", [iam.label(s), grants(hits), hits[0][2], concat(" and ", sort(ls))])

soften(f, 0) := f

soften(f, 1) := result.softer(f, "info")

soften(f, 2) := result.softer(f, "info")

# soft holds for no grant of this rule: every one is as serious as the
# rule says.
soft(_) if false

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
