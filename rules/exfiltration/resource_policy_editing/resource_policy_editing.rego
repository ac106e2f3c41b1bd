# METADATA
# title: Allow rewrites every resource policy or ACL
# description: >-
#   An Allow statement grants an action that rewrites who may use a
#   resource (a bucket policy or ACL, an object ACL, a public access
#   block, a KMS key policy or grant, the resource policy of a secret,
#   queue, topic, function, repository, vault, file system or Glue
#   catalog) on every resource, or on every resource of its type. In
#   acs: oss:PutBucketPolicy, oss:PutBucketAcl, oss:PutObjectAcl, the
#   public access blocks, kms:SetKeyPolicy and kms:SetSecretPolicy.
#   Wildcards such as "s3:Put*" count for the policy actions they
#   include. A resource tag or resource account condition scopes the
#   grant and passes, as do KMS grant conditions (kms:GrantIsForAWSResource,
#   kms:ViaService, kms:GranteePrincipal); a source IP range, a VPC or MFA
#   makes the finding a warning. JD Cloud's catalogue has no such action.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
#   - ref: https://www.alibabacloud.com/help/en/oss/user-guide/oss-bucket-policy
#   - ref: https://github.com/salesforce/cloudsplaining#resource-exposure
# custom:
#   id: DX004
#   name: resource-policy-editing
#   severity: error
#   dialects: [acs, aws]
#   kinds: [identity]
#   rationale: >-
#     A resource policy or ACL decides who outside the account may use a
#     resource. Whoever may rewrite it on every bucket, key or queue can
#     make data public or hand it to another account in one call, without
#     any change to IAM a review would notice; removing a public access
#     block undoes the guard against exactly that.
#   remediation: >-
#     Manage resource policies from the pipeline that owns the resources,
#     with a role limited to those resources (name them, or use a resource
#     tag condition). Principals that only use the data need none of
#     these actions.
package rampart.rules.exfiltration.resource_policy_editing

import data.rampart.lib.iam
import data.rampart.lib.result

# actions are the actions that rewrite resource policies and ACLs, by
# dialect and service. Left out: actions that change a policy among other
# attributes (sqs:SetQueueAttributes, sns:SetTopicAttributes), most
# grants of which are for the other attributes, and resource policies
# that only let services deliver into the account (logs:PutResourcePolicy,
# events:PutPermission).
actions := {
	"aws": {
		"s3": {
			"PutBucketPolicy", "DeleteBucketPolicy", "PutBucketAcl", "PutObjectAcl", "PutObjectVersionAcl",
			"PutAccessPointPolicy", "PutMultiRegionAccessPointPolicy", "PutBucketPublicAccessBlock", "PutAccountPublicAccessBlock",
		},
		"kms": {"PutKeyPolicy", "CreateGrant"},
		"secretsmanager": {"PutResourcePolicy", "DeleteResourcePolicy"},
		"sqs": {"AddPermission"},
		"sns": {"AddPermission"},
		"lambda": {"AddPermission", "AddLayerVersionPermission"},
		"ecr": {"SetRepositoryPolicy"},
		"glacier": {"SetVaultAccessPolicy"},
		"backup": {"PutBackupVaultAccessPolicy"},
		"elasticfilesystem": {"PutFileSystemPolicy"},
		"glue": {"PutResourcePolicy"},
		"apigateway": {"UpdateRestApiPolicy"},
	},
	"acs": {
		"oss": {
			"PutBucketPolicy", "DeleteBucketPolicy", "PutBucketAcl", "PutObjectAcl", "PutObjectVersionAcl",
			"PutAccessPointPolicy", "PutBucketPublicAccessBlock", "DeleteBucketPublicAccessBlock",
			"PutPublicAccessBlock", "DeletePublicAccessBlock", "PutAccessPointPublicAccessBlock", "DeleteAccessPointPublicAccessBlock",
		},
		"kms": {"SetKeyPolicy", "SetSecretPolicy"},
		"log": {"PutProjectPolicy"},
	},
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

# scoped holds when a condition limits which resources the statement
# reaches (a resource tag, the resource's account), or, for KMS grants,
# to whom and for what (a grant for an AWS service, through a service,
# to a named grantee).
scoped(s) if {
	some c in s.conditions
	not c.negated
	not c.if_exists
	scoping_key(c.key_lower)
}

scoping_key(k) if contains(k, ":resourcetag/")

scoping_key(k) if startswith(k, "kms:encryptioncontext")

scoping_key(k) if k in {"aws:resourceaccount", "kms:grantisforawsresource", "kms:viaservice", "kms:granteeprincipal", "kms:calleraccount"}

# finding reports the statement at its first granting action value, one
# severity step lower when a condition narrows who can use
# the statement and from where.
finding(s, hits) := f if {
	ls := limits(s)
	steps := count([1 | soft(hits)]) + count([1 | count(ls) > 0])
	f := soften(result.finding(message(s, hits, ls), hits[0][0].pointer), steps)
}

message(s, hits, ls) := sprintf("%s allows %s on %s: it can rewrite who may use every resource these actions reach", [iam.label(s), grants(hits), hits[0][2]]) if {
	count(ls) == 0
} else := sprintf("%s allows %s on %s: it can rewrite who may use every resource these actions reach, limited only by %s", [iam.label(s), grants(hits), hits[0][2], concat(" and ", sort(ls))])

soften(f, 0) := f

soften(f, 1) := result.softer(f, "warning")

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
