# METADATA
# title: Allow adds users to every group
# description: >-
#   An Allow statement grants the action that adds a user to a group, on
#   every resource or on every group (group/*): iam:AddUserToGroup (aws),
#   ram:AddUserToGroup and ims:AddUserToGroup (acs),
#   iam:addSubUserToGroup (JD Cloud). Wildcards such as iam:Add* or
#   ram:* count; "*" is LP001's. Groups named, or a family of names
#   (group/team-a-*), pass, as do resource tag conditions; a source IP
#   range, a VPC or MFA makes the finding informational.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddUserToGroup.html
#   - ref: https://www.alibabacloud.com/help/en/ram/developer-reference/api-ims-2019-08-15-addusertogroup
#   - ref: https://docs.jdcloud.com/cn/iam/policy-management
# custom:
#   id: PE004
#   name: privileged-group-membership
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   kinds: [identity]
#   rationale: >-
#     A user gets the permissions of every group it is in. Whoever may add
#     any user to any group can add itself to the administrators' group.
#     It is a warning rather than an error because it reaches only what
#     existing groups grant; in most accounts one of them is an
#     administrators' group, and the grant also covers every group created
#     later.
#   remediation: >-
#     Name the groups the principal manages (group/team-a-*), and keep
#     groups with administrator policies out of that set; manage
#     membership of privileged groups through a reviewed change.
package rampart.rules.privilege_escalation.privileged_group_membership

import data.rampart.lib.iam
import data.rampart.lib.result

# actions are the actions that add a user to a group, by dialect and
# service, each with the kind of resource it changes.
actions := {
	"aws": {"iam": {"AddUserToGroup": "group"}},
	"acs": {"ram": {"AddUserToGroup": "group"}, "ims": {"AddUserToGroup": "group"}},
	"jdcloud": {"iam": {"addSubUserToGroup": "group"}},
}

# kinds say, by dialect, which names stand for every resource of a kind: a
# pattern of the service that matches all of the sample names does.
# Alibaba's IMS actions name RAM resources.
kinds := {
	"aws": {"group": [{"service": "iam", "names": ["group/a", "group/Admin_2.x", "group/path/to/g"]}]},
	"acs": {"group": [{"service": "ram", "names": ["group/a", "group/Admin_2.x"]}]},
	"jdcloud": {"group": [{"service": "iam", "names": ["group/a", "group/Admin_2.x"]}]},
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

# scoped holds when a resource tag condition limits which groups the
# statement reaches.
scoped(s) if {
	some c in s.conditions
	not c.negated
	not c.if_exists
	contains(c.key_lower, ":resourcetag/")
}

# finding reports the statement at its first granting action value;
# information when a condition narrows who can use it and from where.
finding(s, hits) := result.finding(message(s, hits, ""), hits[0][0].pointer) if {
	count(limits(s)) == 0
} else := result.softer(result.finding(message(s, hits, sprintf(", limited only by %s", [concat(" and ", sort(limits(s)))])), hits[0][0].pointer), "info")

message(s, hits, limited) := sprintf("%s allows %s on %s: it can add itself to any group, an administrators' group included, and gain what that group is allowed%s", [iam.label(s), grants(hits), places(hits), limited])

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
