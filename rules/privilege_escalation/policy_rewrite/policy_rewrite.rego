# METADATA
# title: Allow rewrites every customer-managed policy
# description: >-
#   An Allow statement grants an action that puts a new document in force
#   for an existing managed policy, on every resource or on every policy
#   (policy/*): iam:CreatePolicyVersion and iam:SetDefaultPolicyVersion
#   (aws); ram:CreatePolicyVersion and ram:SetDefaultPolicyVersion, and
#   the same actions of Resource Management (acs); iam:updatePolicy,
#   which edits a policy in place (JD Cloud). Wildcards such as iam:* or
#   ram:*PolicyVersion count with the actions they include; "*" is
#   LP001's. A policy named, or a family of names (policy/team-a-*),
#   passes, as does a resource tag or a condition that pins the policy or
#   boundary; a source IP range, a VPC or MFA makes the finding a warning.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicyVersion.html
#   - ref: https://www.alibabacloud.com/help/en/ram/developer-reference/api-ram-2015-05-01-createpolicyversion
#   - ref: https://docs.jdcloud.com/cn/iam/policy-management
# custom:
#   id: PE001
#   name: policy-rewrite
#   severity: error
#   dialects: [acs, jdcloud, aws]
#   kinds: [identity]
#   rationale: >-
#     A managed policy is shared: the principal holding this grant is
#     usually among those it is attached to. Writing a new default version
#     of its own policy with Action "*" makes it an administrator in one
#     call, and every user, group and role the rewritten policies are
#     attached to gains the same. Nothing new is attached, so reviews of
#     attachments see no change.
#   remediation: >-
#     Name the policies the principal maintains (policy/app-deploy), or a
#     path it owns (policy/team-a/*), and keep its own policies out of
#     that set. Let a pipeline with review publish policy versions instead
#     of a person or a workload.
package rampart.rules.privilege_escalation.policy_rewrite

import data.rampart.lib.iam
import data.rampart.lib.result

# actions are the actions that rewrite a managed policy, by dialect and
# service, each with the kind of resource it changes.
actions := {
	"aws": {"iam": {"CreatePolicyVersion": "policy", "SetDefaultPolicyVersion": "policy"}},
	"acs": {
		"ram": {"CreatePolicyVersion": "policy", "SetDefaultPolicyVersion": "policy"},
		"resourcemanager": {"CreatePolicyVersion": "policy", "SetDefaultPolicyVersion": "policy"},
	},
	"jdcloud": {"iam": {"updatePolicy": "policy"}},
}

# kinds say, by dialect, which names stand for every resource of a kind: a
# pattern of the service that matches all of the sample names does.
kinds := {
	"aws": {"policy": [{"service": "iam", "names": ["policy/a", "policy/Admin_2.x", "policy/path/to/p"]}]},
	"acs": {"policy": [{"service": "ram", "names": ["policy/a", "policy/Admin_2.x"]}]},
	"jdcloud": {"policy": [{"service": "iam", "names": ["policy/a", "policy/Admin_2.x"]}]},
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
# change, by tag or by name.
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

message(s, hits, limited) := sprintf("%s allows %s on %s: it can rewrite these policies, its own included, to allow anything, for every user, group and role they are attached to%s", [iam.label(s), grants(hits), places(hits), limited])

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
