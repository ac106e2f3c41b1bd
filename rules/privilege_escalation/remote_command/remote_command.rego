# METADATA
# title: Allow runs commands on every instance
# description: >-
#   An Allow statement grants an action that runs commands or opens a
#   shell on hosts and containers, on every resource or on every instance,
#   task or cluster (instance/*): ssm:SendCommand, ssm:StartSession,
#   ec2-instance-connect:SendSSHPublicKey,
#   ec2-instance-connect:SendSerialConsoleSSHPublicKey, ecs:ExecuteCommand
#   (aws); the Cloud Assistant actions ecs:RunCommand, ecs:InvokeCommand,
#   ecs:SendFile and ecs:StartTerminalSession (acs). JD Cloud's catalogue
#   has no such action, so it is not checked. For SSM commands only the
#   instances count, not the documents (document/* with named instances
#   passes). Wildcards such as ssm:* or ecs:*Command count; "*" is
#   LP001's. Instances named, or a family of names, pass, as do resource
#   tag conditions (aws:ResourceTag, ssm:resourceTag, ecs:tag); a source
#   IP range, a VPC or MFA makes the finding informational.
# related_resources:
#   - ref: https://docs.aws.amazon.com/systems-manager/latest/userguide/getting-started-restrict-access-quickstart.html
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
#   - ref: https://www.alibabacloud.com/help/en/ecs/user-guide/grant-ram-users-permissions-to-use-cloud-assistant
# custom:
#   id: PE008
#   name: remote-command
#   severity: warning
#   dialects: [acs, aws]
#   kinds: [identity]
#   rationale: >-
#     A command on an instance runs there as root, next to the instance's
#     metadata service: it can read the credentials of the role attached
#     to the host or task and use them anywhere. It is a warning rather
#     than an error because it reaches only the roles running hosts carry;
#     on most fleets one of them can do more than the caller.
#   remediation: >-
#     Name the instances the principal operates, or scope the grant with a
#     resource tag condition (ssm:resourceTag/team, acs:ResourceTag/team),
#     and limit SSM to the documents it needs; keep hosts with powerful
#     roles out of reach.
package rampart.rules.privilege_escalation.remote_command

import data.rampart.lib.iam
import data.rampart.lib.result

# actions are the actions that run commands on hosts or containers, by
# dialect and service, each with the kind of resource it reaches.
actions := {
	"aws": {
		"ssm": {"SendCommand": "instance", "StartSession": "instance"},
		"ec2-instance-connect": {"SendSSHPublicKey": "instance", "SendSerialConsoleSSHPublicKey": "instance"},
		"ecs": {"ExecuteCommand": "task"},
	},
	"acs": {"ecs": {"RunCommand": "instance", "InvokeCommand": "instance", "SendFile": "instance", "StartTerminalSession": "instance"}},
}

# kinds say, by dialect, which names stand for every resource of a kind: a
# pattern of the service that matches all of the sample names of one of
# its forms does (EC2 instances and SSM managed instances; ECS tasks or
# the clusters they run in).
kinds := {
	"aws": {
		"instance": [
			{"service": "ec2", "names": ["instance/i-0123456789abcdef0", "instance/i-1a"]},
			{"service": "ssm", "names": ["managed-instance/mi-0123456789abcdef0", "managed-instance/mi-1a"]},
		],
		"task": [
			{"service": "ecs", "names": ["task/c/0123456789abcdef", "task/C_2/abc"]},
			{"service": "ecs", "names": ["cluster/c", "cluster/C_2"]},
		],
	},
	"acs": {"instance": [{"service": "ecs", "names": ["instance/i-bp1a", "instance/i-2ze_b"]}]},
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

# scoped holds when a resource tag condition limits which instances the
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

message(s, hits, limited) := sprintf("%s allows %s on %s: it can run commands on every host or container these actions reach and use the credentials of the role attached to it%s", [iam.label(s), grants(hits), places(hits), limited])

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
