# METADATA
# title: Allow reads every object of every bucket
# description: >-
#   An Allow statement grants an object download action (s3:GetObject,
#   oss:GetObject, JD Cloud oss:GetObject and their version variants) on
#   every resource, or on a name whose bucket is a bare wildcard
#   (arn:aws:s3:::*/*, acs:oss:*:*:*/*, jrn:oss:*:*:*/*), so the principal
#   can download every object of every bucket it can reach, today's and
#   tomorrow's. Wildcards such as "s3:Get*" or "oss:*" count for the
#   object reads they include. A condition on the resource (a resource or
#   object tag, the resource's account or organization) scopes the grant
#   and passes; a source IP range, a VPC or MFA makes the finding
#   informational. "*" alone is left to LP001 and NotAction to LP003.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
#   - ref: https://www.alibabacloud.com/help/en/oss/user-guide/ram-policy-overview
# custom:
#   id: DX001
#   name: unconstrained-object-read
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   kinds: [identity]
#   rationale: >-
#     Object storage is where exports, backups, logs and reports end up. A
#     principal that can read every object is one leaked key away from a
#     mass download, and it also reaches buckets created later, whatever
#     they hold. Readers of data usually need a few buckets or prefixes.
#   remediation: >-
#     Name the buckets and prefixes the principal reads
#     (arn:aws:s3:::reports/2026/*, acs:oss:*:*:reports/*), or scope the
#     statement with a resource tag condition. Keep a broad read only for
#     roles whose job it is (backup, audit), with a network condition.
package rampart.rules.exfiltration.unconstrained_object_read

import data.rampart.lib.iam
import data.rampart.lib.result

# actions are the object download actions, by dialect and service.
actions := {
	"aws": {
		"s3": {"GetObject", "GetObjectVersion", "GetObjectTorrent", "GetObjectVersionTorrent"},
		"s3-object-lambda": {"GetObject", "GetObjectVersion"},
	},
	"acs": {"oss": {"GetObject", "GetObjectVersion"}},
	"jdcloud": {"oss": {"GetObject"}},
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

# reach describes the first resource of the statement that names every
# object of every bucket of the service; undefined when there is none.
reach(s, service) := "every resource" if {
	some r in s.resource.values
	r.all
} else := sprintf("%s (every bucket)", [r.value]) if {
	rs := [r | some r in s.resource.values; every_bucket(r.value, service)]
	r := rs[0]
} else := "every resource but those NotResource lists" if {
	s.not_resource
}

# every_bucket holds for a name of the service (or of every service) whose
# bucket part is a bare wildcard: arn:aws:s3:::*/*, acs:oss:*:*:*.
every_bucket(value, service) if {
	iam.wildcard(value)
	n := rampart.parse_name(value)
	n != null
	rampart.glob(n.service, service, true)
	iam.stars(split(n.resource, "/")[0])
}

# scoped holds when a condition limits which resources the statement
# reaches: a resource, bucket or object tag, the resource's account or
# organization, an access point.
scoped(s) if {
	some c in s.conditions
	not c.negated
	not c.if_exists
	scoping_key(c.key_lower)
}

scoping_key(k) if contains(k, ":resourcetag/")

scoping_key(k) if startswith(k, "s3:existingobjecttag/")

scoping_key(k) if startswith(k, "oss:buckettag/")

scoping_key(k) if k in {
	"aws:resourceaccount", "aws:resourceorgid", "aws:resourceorgpaths",
	"s3:resourceaccount", "s3:dataaccesspointarn", "s3:dataaccesspointaccount",
}

finding(s, hits) := result.finding(msg, hits[0][0].pointer) if {
	count(limits(s)) == 0
	msg := sprintf("%s allows %s on %s: it can download every object of every bucket", [iam.label(s), grants(hits), hits[0][2]])
} else := result.softer(result.finding(msg, hits[0][0].pointer), "info") if {
	msg := sprintf("%s allows %s on %s: it can download every object of every bucket, limited only by %s", [iam.label(s), grants(hits), hits[0][2], concat(" and ", sort(limits(s)))])
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
