# METADATA
# title: Allow removes policies, boundaries or control policies anywhere
# description: >-
#   An Allow statement grants an action that detaches or deletes a policy,
#   a permissions boundary or a control policy, on every resource or on
#   every resource of its type (role/*, policy/*): iam:DetachUserPolicy,
#   iam:DetachGroupPolicy, iam:DetachRolePolicy, iam:DeleteUserPolicy,
#   iam:DeleteGroupPolicy, iam:DeleteRolePolicy, iam:DeletePolicy,
#   iam:DeleteUserPermissionsBoundary, iam:DeleteRolePermissionsBoundary,
#   iam:PutUserPermissionsBoundary and iam:PutRolePermissionsBoundary
#   (replacing a boundary with a wider one), organizations:DetachPolicy,
#   organizations:DeletePolicy and organizations:DisablePolicyType (aws);
#   ram:DetachPolicyFromUser, ram:DetachPolicyFromGroup,
#   ram:DetachPolicyFromRole, ram:DeletePolicy, and Resource Directory's
#   resourcemanager:DetachControlPolicy, DeleteControlPolicy and
#   DisableControlPolicy (acs, on every resource of Resource Management);
#   iam:detachSubUserPolicy, iam:detachGroupPolicy, iam:detachRolePolicy,
#   iam:deletePolicy and the legacy iam:removePermissionOfSubUser (JD
#   Cloud). Wildcards such as iam:Detach* or iam:Delete* count; "*" is
#   LP001's. Resources named, or a family of names, pass, as do
#   conditions that pin the policy (iam:PolicyARN), the boundary
#   (iam:PermissionsBoundary), the policy type (organizations:PolicyType)
#   or a resource tag; a source IP range, a VPC or MFA makes the finding
#   informational.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
#   - ref: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
#   - ref: https://www.alibabacloud.com/help/en/resource-management/resource-directory/user-guide/overview-of-a-control-policy
#   - ref: https://docs.jdcloud.com/cn/iam/policy-management
# custom:
#   id: PE010
#   name: guardrail-removal
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   kinds: [identity]
#   rationale: >-
#     Deny policies, permissions boundaries and control policies are what
#     keeps a principal from using the rest of its grants, or from
#     escalating. Whoever may detach or delete them anywhere, its own
#     included, lifts those limits for itself and for everyone. It is a
#     warning rather than an error because it gains only what the removed
#     guardrail held back; removing guardrails is also the usual first
#     step of an escalation or a cover-up.
#   remediation: >-
#     Name the policies and principals the principal maintains, and keep
#     deny policies, boundaries and control policies with an
#     administrator role or the organisation's management account; pin
#     boundaries with iam:PermissionsBoundary.
package rampart.rules.privilege_escalation.guardrail_removal

import data.rampart.lib.iam
import data.rampart.lib.result

# actions are the actions that detach or delete a policy, a boundary or a
# control policy, by dialect and service, each with the kind of resource
# it changes.
actions := {
	"aws": {
		"iam": {
			"DetachUserPolicy": "user", "DetachGroupPolicy": "group", "DetachRolePolicy": "role",
			"DeleteUserPolicy": "user", "DeleteGroupPolicy": "group", "DeleteRolePolicy": "role",
			"DeletePolicy": "policy",
			"DeleteUserPermissionsBoundary": "user", "DeleteRolePermissionsBoundary": "role",
			"PutUserPermissionsBoundary": "user", "PutRolePermissionsBoundary": "role",
		},
		"organizations": {"DetachPolicy": "org_target", "DeletePolicy": "org_policy", "DisablePolicyType": "org_root"},
	},
	"acs": {
		"ram": {
			"DetachPolicyFromUser": "user", "DetachPolicyFromGroup": "group", "DetachPolicyFromRole": "role",
			"DeletePolicy": "policy",
		},
		"resourcemanager": {"DetachControlPolicy": "control", "DeleteControlPolicy": "control", "DisableControlPolicy": "control"},
	},
	"jdcloud": {"iam": {
		"detachSubUserPolicy": "user", "detachGroupPolicy": "group", "detachRolePolicy": "role",
		"deletePolicy": "policy", "removePermissionOfSubUser": "user",
	}},
}

# org names the sample names of AWS Organizations resources; {org} is
# the organization ID of the pattern they are matched against.
org := {
	"policy": {"service": "organizations", "names": ["policy/{org}/service_control_policy/p-a1b2c3d4", "policy/{org}/tag_policy/p-z9"]},
	"root": {"service": "organizations", "names": ["root/{org}/r-ab12", "root/{org}/r-z9"]},
	"ou": {"service": "organizations", "names": ["ou/{org}/ou-ab12-cd34ef56", "ou/{org}/ou-z9-z9"]},
	"account": {"service": "organizations", "names": ["account/{org}/111122223333", "account/{org}/444455556666"]},
}

# kinds say, by dialect, which names stand for every resource of a kind: a
# pattern of the service that matches all of the sample names of one of
# its forms does. A policy is detached from a root, an OU or an account;
# Resource Directory control policies count on every resource of
# Resource Management only.
kinds := {
	"aws": {
		"user": [{"service": "iam", "names": ["user/a", "user/Admin_2.x", "user/path/to/u"]}],
		"group": [{"service": "iam", "names": ["group/a", "group/Admin_2.x", "group/path/to/g"]}],
		"role": [{"service": "iam", "names": ["role/a", "role/Admin_2.x", "role/path/to/r"]}],
		"policy": [{"service": "iam", "names": ["policy/a", "policy/Admin_2.x", "policy/path/to/p"]}],
		"org_target": [org.policy, org.root, org.ou, org.account],
		"org_policy": [org.policy],
		"org_root": [org.root],
	},
	"acs": {
		"user": [{"service": "ram", "names": ["user/a", "user/Admin_2.x"]}],
		"group": [{"service": "ram", "names": ["group/a", "group/Admin_2.x"]}],
		"role": [{"service": "ram", "names": ["role/a", "role/Admin_2.x"]}],
		"policy": [{"service": "ram", "names": ["policy/a", "policy/Admin_2.x"]}],
		"control": [{"service": "resourcemanager", "names": ["controlpolicy/cp-a1", "folder/fd-a1/x", "a"]}],
	},
	"jdcloud": {
		"user": [{"service": "iam", "names": ["subUser/a", "subUser/Admin_2.x"]}],
		"group": [{"service": "iam", "names": ["group/a", "group/Admin_2.x"]}],
		"role": [{"service": "iam", "names": ["role/a", "role/Admin_2.x"]}],
		"policy": [{"service": "iam", "names": ["policy/a", "policy/Admin_2.x"]}],
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
# part matches every sample name of the kind. An organization's
# resources are named under its ID, which the pattern's own stands for
# ({org}): one organization is the whole of what a principal manages.
covers(value, kind) if {
	n := rampart.parse_name(value)
	n != null
	some v in kinds[input.dialect][kind]
	rampart.glob(n.service, v.service, true)
	every name in v.names {
		rampart.glob(n.resource, replace(name, "{org}", org_part(n.resource)), true)
	}
}

org_part(resource) := parts[1] if {
	parts := split(resource, "/")
	count(parts) > 1
} else := ""

# scoped holds when a condition pins which policies, boundaries or
# principals the statement may change.
scoped(s) if {
	some c in s.conditions
	not c.negated
	not c.if_exists
	scoping_key(c.key_lower)
}

# organizations:PolicyType is in every request that detaches or deletes
# an organization policy, so IfExists does not loosen it; it scopes the
# statement when it admits no policy type that limits permissions.
scoped(s) if {
	some c in s.conditions
	not c.negated
	c.key_lower == "organizations:policytype"
	not admits_guardrail_type(c)
}

admits_guardrail_type(c) if {
	some v in c.values
	some t in ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"]
	rampart.glob(v.value, t, true)
}

scoping_key(k) if contains(k, ":resourcetag/")

scoping_key(k) if k in {"iam:policyarn", "iam:permissionsboundary"}

# finding reports the statement at its first granting action value;
# information when a condition narrows who can use it and from where.
finding(s, hits) := result.finding(message(s, hits, ""), hits[0][0].pointer) if {
	count(limits(s)) == 0
} else := result.softer(result.finding(message(s, hits, sprintf(", limited only by %s", [concat(" and ", sort(limits(s)))])), hits[0][0].pointer), "info")

message(s, hits, limited) := sprintf("%s allows %s on %s: it can remove the deny policies, boundaries and control policies that limit it and others, and use what they held back%s", [iam.label(s), grants(hits), places(hits), limited])

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
