# METADATA
# title: Allow changes the code of every function or instance
# description: >-
#   An Allow statement grants an action that replaces the code, the
#   configuration that loads code, or the boot data of existing compute,
#   on every resource or on every resource of its type (function:*,
#   instance/*): lambda:UpdateFunctionCode,
#   lambda:UpdateFunctionConfiguration (layers, environment, handler),
#   glue:UpdateDevEndpoint (its SSH keys), glue:UpdateJob (its script),
#   ec2:ModifyInstanceAttribute (user data run at the next start) in aws;
#   fc:UpdateFunction, ecs:ModifyInstanceAttribute (user data) and
#   ecs:ReplaceSystemDisk (a new system disk, image, password or key pair
#   on an instance that keeps its RAM role) in acs. JD Cloud's catalogue
#   names no role a virtual machine or a function carries, so it is not
#   checked. Wildcards such as lambda:Update* or glue:* count; "*" is
#   LP001's. Functions and instances named, or a family of names
#   (function:app-*), pass, as do resource tag conditions; a source IP
#   range, a VPC or MFA makes the finding informational.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/lambda-api-permissions-ref.html
#   - ref: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html
#   - ref: https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-replacesystemdisk
#   - ref: https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/
# custom:
#   id: PE007
#   name: compute-hijack
#   severity: warning
#   dialects: [acs, aws]
#   kinds: [identity]
#   rationale: >-
#     A function or an instance runs with the role attached to it. Whoever
#     may replace its code or boot script runs code of its own with that
#     role's permissions, and can read the role's credentials from inside.
#     It is a warning rather than an error because it reaches only the
#     roles existing compute carries; in most accounts one of them is
#     powerful (a deployer, a data pipeline).
#   remediation: >-
#     Name the functions, jobs and instances the principal deploys
#     (function:app-*), or scope the grant with a resource tag condition;
#     deploy code through a pipeline, not with a person's credentials.
package rampart.rules.privilege_escalation.compute_hijack

import data.rampart.lib.iam
import data.rampart.lib.result

# actions are the actions that change the code or boot data of existing
# compute, by dialect and service, each with the kind of resource it
# changes.
actions := {
	"aws": {
		"lambda": {"UpdateFunctionCode": "function", "UpdateFunctionConfiguration": "function"},
		"glue": {"UpdateDevEndpoint": "devendpoint", "UpdateJob": "job"},
		"ec2": {"ModifyInstanceAttribute": "instance"},
	},
	"acs": {
		"fc": {"UpdateFunction": "function"},
		"ecs": {"ModifyInstanceAttribute": "instance", "ReplaceSystemDisk": "instance"},
	},
}

# kinds say, by dialect, which names stand for every resource of a kind: a
# pattern of the service that matches all of the sample names of one of
# its forms does (Function Compute 2.0 and 3.0 name functions apart).
kinds := {
	"aws": {
		"function": [{"service": "lambda", "names": ["function:a", "function:App_2-x", "function:a:1"]}],
		"devendpoint": [{"service": "glue", "names": ["devEndpoint/a", "devEndpoint/App_2-x"]}],
		"job": [{"service": "glue", "names": ["job/a", "job/App_2-x"]}],
		"instance": [{"service": "ec2", "names": ["instance/i-0123456789abcdef0", "instance/i-1a"]}],
	},
	"acs": {
		"function": [
			{"service": "fc", "names": ["services/a/functions/b", "services/S_2/functions/F-x"]},
			{"service": "fc", "names": ["functions/a", "functions/F-x"]},
		],
		"instance": [{"service": "ecs", "names": ["instance/i-bp1a", "instance/i-2ze_b"]}],
	},
}

deny contains f if {
	some s in input.statements
	s.allow
	relevant(s)
	hits := [[a, names, where] |
		some a in s.action.values
		table := actions[input.dialect][a.service]
		names := [n | some n in granted(a, table); count(reach(s, table[n])) > 0]
		count(names) > 0
		where := {w | some n in names; some w in reach(s, table[n])}
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
granted(a, table) := [n |
	some n, _ in table
	lower(n) == lower(a.name)
] if {
	not a.wildcard
} else := [n |
	some n, _ in table
	rampart.glob(a.name, n, true)
] if {
	not a.all
}

# reach describes the resources of the statement that cover every
# resource of a kind; empty when there are none.
reach(s, kind) := ["every resource"] if {
	some r in s.resource.values
	r.all
} else := ["every resource but those NotResource lists"] if {
	s.not_resource
} else := [r.value |
	some r in s.resource.values
	r.wildcard
	covers(r.value, kind)
]

# covers holds for a name pattern of the kind's service whose resource
# part matches every sample name of the kind.
covers(value, kind) if {
	n := rampart.parse_name(value)
	n != null
	some v in kinds[input.dialect][kind]
	rampart.glob(n.service, v.service, true)
	every name in v.names {
		rampart.glob(n.resource, name, true)
	}
}

# scoped holds when a resource tag condition limits which resources the
# statement reaches (ecs:tag/ is ECS's older form of acs:ResourceTag/).
scoped(s) if {
	some c in s.conditions
	not c.negated
	not c.if_exists
	scoping_key(c.key_lower)
}

scoping_key(k) if contains(k, ":resourcetag/")

scoping_key(k) if startswith(k, "ecs:tag/")

# finding reports the statement at its first granting action value;
# information when a condition narrows who can use it and from where.
finding(s, hits) := result.finding(message(s, hits, ""), hits[0][0].pointer) if {
	count(limits(s)) == 0
} else := result.softer(result.finding(message(s, hits, sprintf(", limited only by %s", [concat(" and ", sort(limits(s)))])), hits[0][0].pointer), "info")

message(s, hits, limited) := sprintf("%s allows %s on %s: it can run code of its own in every function or instance these actions reach, with the role attached to it%s", [iam.label(s), grants(hits), places(hits), limited])

# places lists the resources the grants reach.
places(hits) := concat(", ", sort({w | some h in hits; some w in h[2]}))

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
