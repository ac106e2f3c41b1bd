# METADATA
# title: Allow shares every snapshot or image with other accounts
# description: >-
#   An Allow statement grants an action that shares disk snapshots,
#   machine images or database snapshots with other accounts (or with
#   everyone) on every resource, or on every resource of its type
#   (snapshot/*, image/*): ec2:ModifySnapshotAttribute,
#   ec2:ModifyImageAttribute, rds:ModifyDBSnapshotAttribute,
#   redshift:AuthorizeSnapshotAccess (aws); ecs:ModifyImageSharePermission
#   (acs); vm:shareImage and vm:releaseImage, which publishes an image
#   (JD Cloud). Wildcards count for the sharing actions they include. A
#   resource tag condition, or ec2:Add/userId naming the accounts to share
#   with, scopes the grant and passes; a source IP range, a VPC or MFA
#   makes the finding a warning.
# related_resources:
#   - ref: https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html
#   - ref: https://www.alibabacloud.com/help/en/ecs/user-guide/share-a-custom-image
# custom:
#   id: DX003
#   name: snapshot-sharing
#   severity: error
#   dialects: [acs, jdcloud, aws]
#   kinds: [identity]
#   rationale: >-
#     Sharing a snapshot or an image copies a whole disk or database out of
#     the account in one call: the other account, or everyone if it is
#     made public, can create a volume from it and read every file,
#     credential and row on it. No object-level logging sees the data
#     leave.
#   remediation: >-
#     Keep sharing in a role of its own for the backup or image pipeline,
#     limit it to the snapshots or images it shares (a tag condition), and
#     with ec2:Add/userId to the accounts it shares with.
package rampart.rules.exfiltration.snapshot_sharing

import data.rampart.lib.iam
import data.rampart.lib.result

# actions are the actions that share snapshots and images with other
# accounts, by dialect and service.
actions := {
	"aws": {
		"ec2": {"ModifySnapshotAttribute", "ModifyImageAttribute", "ModifyFpgaImageAttribute"},
		"rds": {"ModifyDBSnapshotAttribute", "ModifyDBClusterSnapshotAttribute"},
		"redshift": {"AuthorizeSnapshotAccess"},
	},
	"acs": {"ecs": {"ModifyImageSharePermission", "ModifyImageShareGroupPermission"}},
	"jdcloud": {"vm": {"shareImage", "releaseImage"}},
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

# scoped holds when a condition limits which snapshots or images the
# statement shares (a resource tag) or whom with (ec2:Add/userId).
scoped(s) if {
	some c in s.conditions
	not c.negated
	not c.if_exists
	scoping_key(c.key_lower)
}

scoping_key(k) if contains(k, ":resourcetag/")

scoping_key(k) if k in {"ec2:add/userid"}

# finding reports the statement at its first granting action value, one
# severity step lower when a condition narrows who can use
# the statement and from where.
finding(s, hits) := f if {
	ls := limits(s)
	steps := count([1 | soft(hits)]) + count([1 | count(ls) > 0])
	f := soften(result.finding(message(s, hits, ls), hits[0][0].pointer), steps)
}

message(s, hits, ls) := sprintf("%s allows %s on %s: it can share every snapshot or image these actions reach with other accounts", [iam.label(s), grants(hits), hits[0][2]]) if {
	count(ls) == 0
} else := sprintf("%s allows %s on %s: it can share every snapshot or image these actions reach with other accounts, limited only by %s", [iam.label(s), grants(hits), hits[0][2], concat(" and ", sort(ls))])

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
