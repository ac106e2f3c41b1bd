# METADATA
# title: Allow attaches policies to every user, group or role
# description: >-
#   An Allow statement grants an action that attaches a managed policy to
#   a principal or writes an inline policy into it, on every resource or
#   on every user, group or role (user/*, group/*, role/*):
#   iam:AttachUserPolicy, iam:AttachGroupPolicy, iam:AttachRolePolicy,
#   iam:PutUserPolicy, iam:PutGroupPolicy, iam:PutRolePolicy (aws);
#   ram:AttachPolicyToUser, ram:AttachPolicyToGroup, ram:AttachPolicyToRole
#   (acs; RAM has no inline policies); iam:attachSubUserPolicy,
#   iam:attachGroupPolicy, iam:attachRolePolicy and the legacy
#   iam:addPermissionsToSubUser (JD Cloud). Only the actions whose kind of
#   principal the resource covers count: iam:Attach* on role/* reports
#   iam:AttachRolePolicy. Wildcards such as iam:* or ram:Attach* count
#   with the actions they include; "*" is LP001's. Principals named, or a
#   family of names (role/app-*), pass, as do conditions that pin the
#   policy (iam:PolicyARN), require a permissions boundary
#   (iam:PermissionsBoundary) or a resource tag; a source IP range, a VPC
#   or MFA makes the finding a warning.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PolicyARN
#   - ref: https://www.alibabacloud.com/help/en/ram/developer-reference/api-ram-2015-05-01-attachpolicytorole
#   - ref: https://docs.jdcloud.com/cn/iam/policy-management
# custom:
#   id: PE002
#   name: attach-policy-to-principal
#   severity: error
#   dialects: [acs, jdcloud, aws]
#   kinds: [identity]
#   rationale: >-
#     Attaching a policy is granting it. A principal that may attach any
#     policy to any user, group or role can attach the administrator
#     policy to itself, to a group it is in or to a role it can assume:
#     one call, and it can do everything in the account.
#   remediation: >-
#     Name the principals it manages (role/app-*, user/team-a/*), pin the
#     policies it may attach with iam:PolicyARN, and require a permissions
#     boundary with iam:PermissionsBoundary on the principals it changes.
package rampart.rules.privilege_escalation.attach_policy_to_principal

import data.rampart.lib.iam
import data.rampart.lib.result

# actions are the actions that attach or write a policy on a principal, by
# dialect and service, each with the kind of principal it changes.
actions := {
	"aws": {"iam": {
		"AttachUserPolicy": "user", "AttachGroupPolicy": "group", "AttachRolePolicy": "role",
		"PutUserPolicy": "user", "PutGroupPolicy": "group", "PutRolePolicy": "role",
	}},
	"acs": {"ram": {"AttachPolicyToUser": "user", "AttachPolicyToGroup": "group", "AttachPolicyToRole": "role"}},
	"jdcloud": {"iam": {
		"attachSubUserPolicy": "user", "attachGroupPolicy": "group", "attachRolePolicy": "role",
		"addPermissionsToSubUser": "user",
	}},
}

# kinds say, by dialect, which names stand for every resource of a kind: a
# pattern of the service that matches all of the sample names does.
kinds := {
	"aws": {
		"user": [{"service": "iam", "names": ["user/a", "user/Admin_2.x", "user/path/to/u"]}],
		"group": [{"service": "iam", "names": ["group/a", "group/Admin_2.x", "group/path/to/g"]}],
		"role": [{"service": "iam", "names": ["role/a", "role/Admin_2.x", "role/path/to/r"]}],
	},
	"acs": {
		"user": [{"service": "ram", "names": ["user/a", "user/Admin_2.x"]}],
		"group": [{"service": "ram", "names": ["group/a", "group/Admin_2.x"]}],
		"role": [{"service": "ram", "names": ["role/a", "role/Admin_2.x"]}],
	},
	"jdcloud": {
		"user": [{"service": "iam", "names": ["subUser/a", "subUser/Admin_2.x"]}],
		"group": [{"service": "iam", "names": ["group/a", "group/Admin_2.x"]}],
		"role": [{"service": "iam", "names": ["role/a", "role/Admin_2.x"]}],
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

# scoped holds when a condition pins which policies the statement may
# attach, requires a permissions boundary, or pins the principals by tag.
scoped(s) if {
	some c in s.conditions
	not c.negated
	not c.if_exists
	scoping_key(c.key_lower)
}

scoping_key(k) if contains(k, ":resourcetag/")

scoping_key(k) if k in {"iam:policyarn", "iam:permissionsboundary"}

# finding reports the statement at its first granting action value; a
# warning when a condition narrows who can use it and from where.
finding(s, hits) := result.finding(message(s, hits, ""), hits[0][0].pointer) if {
	count(limits(s)) == 0
} else := result.softer(result.finding(message(s, hits, sprintf(", limited only by %s", [concat(" and ", sort(limits(s)))])), hits[0][0].pointer), "warning")

message(s, hits, limited) := sprintf("%s allows %s on %s: it can give itself, or a principal it can use, any policy, the administrator policy included, and so do everything%s", [iam.label(s), grants(hits), places(hits), limited])

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
