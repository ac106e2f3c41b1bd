# METADATA
# title: Policy lets its holder create a user or role and grant it anything
# description: >-
#   One policy allows creating users or roles and, in the same or
#   another statement, attaching or writing a policy on what it creates:
#   both on every resource or every principal of the kind (user/*,
#   role/*), or the grant on a pattern that covers a family the create
#   reaches (CreateRole and AttachRolePolicy both on role/app-*, which
#   PE002 leaves alone). The pairs are iam:CreateUser with
#   iam:AttachUserPolicy or iam:PutUserPolicy, iam:CreateRole with
#   iam:AttachRolePolicy or iam:PutRolePolicy (aws); ram:CreateUser (or
#   ims:CreateUser) with ram:AttachPolicyToUser, ram:CreateRole with
#   ram:AttachPolicyToRole (acs); iam:createSubUser with
#   iam:attachSubUserPolicy or iam:addPermissionsToSubUser, iam:createRole
#   with iam:attachRolePolicy (JD Cloud). The holder can make an
#   administrator of its own choosing, and for a role, when the policy
#   also allows sts:AssumeRole, become it; the message says so. The rule
#   reads the whole document and reports it once, at the first statement
#   that allows creating. Conditions that require a permissions boundary
#   on what is created or pin the policy that may be attached
#   (iam:PermissionsBoundary, iam:PolicyARN), or a resource tag, on
#   either statement keep a pair out, as do named principals; a source
#   IP range, a VPC or MFA makes the finding a warning. Wildcards such as
#   iam:Create* or ram:* count; "*" is LP001's.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html#access_policies_boundaries-delegate
#   - ref: https://www.alibabacloud.com/help/en/ram/developer-reference/api-ims-2019-08-15-createuser
#   - ref: https://docs.jdcloud.com/cn/iam/policy-management
# custom:
#   id: PE011
#   name: identity-create-and-grant
#   severity: error
#   dialects: [acs, jdcloud, aws]
#   kinds: [identity]
#   rationale: >-
#     Creating a principal and granting it policies are each routine for
#     an identity team; together, without a boundary, they let the holder
#     manufacture an administrator: a new user with the administrator
#     policy and a key, or a new role that trusts the holder. The new
#     identity outlives the holder's own access, and nobody reviews it
#     because nobody asked for it.
#   remediation: >-
#     Require a permissions boundary on every user and role created
#     (iam:PermissionsBoundary on the create and attach actions), pin the
#     policies that may be attached with iam:PolicyARN, or split creating
#     and granting between two roles.
package rampart.rules.privilege_escalation.identity_create_and_grant

import data.rampart.lib.iam
import data.rampart.lib.result

# create are the actions that create a user or a role, by dialect and
# service, each with the kind it creates.
create := {
	"aws": {"iam": {"CreateUser": "user", "CreateRole": "role"}},
	"acs": {"ram": {"CreateUser": "user", "CreateRole": "role"}, "ims": {"CreateUser": "user"}},
	"jdcloud": {"iam": {"createSubUser": "user", "createRole": "role"}},
}

# grant are the actions that attach or write a policy on a user or a
# role, by dialect and service, each with the kind it changes.
grant := {
	"aws": {"iam": {"AttachUserPolicy": "user", "PutUserPolicy": "user", "AttachRolePolicy": "role", "PutRolePolicy": "role"}},
	"acs": {"ram": {"AttachPolicyToUser": "user", "AttachPolicyToRole": "role"}},
	"jdcloud": {"iam": {"attachSubUserPolicy": "user", "addPermissionsToSubUser": "user", "attachRolePolicy": "role"}},
}

# assume_actions are the actions that assume a role, by dialect.
assume_actions := {"aws": "sts:AssumeRole", "acs": "sts:AssumeRole", "jdcloud": "sts:assumeRole"}

# kinds say, by dialect, which names stand for every resource of a kind: a
# pattern of the service that matches all of the sample names does.
# Alibaba's IMS actions name RAM resources.
kinds := {
	"aws": {
		"user": [{"service": "iam", "names": ["user/a", "user/Admin_2.x", "user/path/to/u"]}],
		"role": [{"service": "iam", "names": ["role/a", "role/Admin_2.x", "role/path/to/r"]}],
	},
	"acs": {
		"user": [{"service": "ram", "names": ["user/a", "user/Admin_2.x"]}],
		"role": [{"service": "ram", "names": ["role/a", "role/Admin_2.x"]}],
	},
	"jdcloud": {
		"user": [{"service": "iam", "names": ["subUser/a", "subUser/Admin_2.x"]}],
		"role": [{"service": "iam", "names": ["role/a", "role/Admin_2.x"]}],
	},
}

deny contains f if {
	pairs := [[s, creates, g, grants] |
		some s in input.statements
		s.allow
		relevant(s)
		not scoped(s)
		all_creates := hits(s, create, {"user", "role"}, null)
		count(all_creates) > 0
		some g in input.statements
		g.allow
		not scoped(g)
		grants := hits(g, grant, created(all_creates), families(s, all_creates))
		count(grants) > 0
		creates := hits(s, create, granted_kinds(grants), null)
	]
	count(pairs) > 0
	f := finding(pairs[0])
}

# relevant holds for a statement with an action of a service the rule
# knows create actions of: a cheap test before the others.
relevant(s) if {
	some a in s.action.values
	create[input.dialect][a.service]
}

# hits are the action values of the statement that grant actions of the
# table of the given kinds on every resource of their kind, or on a name
# pattern that covers one of the families given (for creates, null: on
# any family): each with the names it grants there and where.
hits(s, tables, ks, fams) := [[a, names, where] |
	some a in s.action.values
	table := tables[input.dialect][a.service]
	names := [n | some n in granted(a, table); table[n] in ks; count(reach(s, table[n], fams)) > 0]
	count(names) > 0
	where := {w | some n in names; some w in reach(s, table[n], fams)}
]

# families are the wildcard name patterns of users or roles the create
# grants reach short of every one (role/app-*): a grant that covers one
# lets the holder grant anything to what it creates there.
families(s, hs) := {r.value |
	some h in hs
	some n in h[1]
	some r in s.resource.values
	r.wildcard
	not r.all
	family(r.value, create[input.dialect][h[0].service][n])
}

# family holds for a name pattern of the kind's service and type.
family(value, kind) if {
	n := rampart.parse_name(value)
	n != null
	some v in kinds[input.dialect][kind]
	rampart.glob(n.service, v.service, true)
	t := split(v.names[0], "/")[0]
	startswith(lower(n.resource), concat("", [lower(t), "/"]))
}

created(hs) := {create[input.dialect][h[0].service][n] | some h in hs; some n in h[1]}

granted_kinds(hs) := {grant[input.dialect][h[0].service][n] | some h in hs; some n in h[1]}

# granted are the actions of a table an action value grants, by name: the
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
# resource of a kind, or one of the families (any family when null);
# empty when there are none.
reach(s, kind, fams) := ["every resource"] if {
	some r in s.resource.values
	r.all
} else := ["every resource but those NotResource lists"] if {
	s.not_resource
} else := [r.value |
	some r in s.resource.values
	r.wildcard
	reaches(r.value, kind, fams)
]

reaches(value, kind, _) if covers(value, kind)

reaches(value, kind, null) if family(value, kind)

reaches(value, _, fams) if {
	some p in fams
	rampart.glob(value, p, true)
}

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

# scoped holds when a condition requires a permissions boundary, pins the
# policy that may be attached, or pins the principals by tag.
scoped(s) if {
	some c in s.conditions
	not c.negated
	not c.if_exists
	scoping_key(c.key_lower)
}

scoping_key(k) if contains(k, ":resourcetag/")

scoping_key(k) if k in {"iam:policyarn", "iam:permissionsboundary"}

# assume_grant is the first action value of an Allow statement of the
# policy that allows assuming a role, and the statement.
assume_grant := [s, a] if {
	grants := [[s, a] |
		some s in input.statements
		s.allow
		some a in s.action.values
		assume_value(a)
	]
	count(grants) > 0
	[s, a] := grants[0]
}

assume_value(a) if a.all

assume_value(a) if {
	a.service == "sts"
	iam.action_matches(a.value, assume_actions[input.dialect])
}

# finding reports the document once, at the first create action of the
# first pair; a warning when a condition of either statement narrows who
# can use it and from where.
finding([s, creates, g, grants]) := f if {
	ls := limits(s) | limits(g)
	count(ls) == 0
	f := result.finding(message(s, creates, g, grants, ""), creates[0][0].pointer)
} else := result.softer(result.finding(message(s, creates, g, grants, sprintf(", limited only by %s", [concat(" and ", sort(limits(s) | limits(g)))])), creates[0][0].pointer), "warning")

message(s, creates, g, grants, limited) := sprintf("%s allows %s on %s, and %s %s on %s: it can create %s, give it any policy, the administrator policy included, %s%s", [
	iam.label(s), actions_text(creates), places(creates),
	grant_subject(s, g), actions_text(grants), places(grants),
	created_text(creates), afterwards(creates), limited,
])

grant_subject(s, g) := "also" if s.index == g.index

grant_subject(s, g) := sprintf("%s allows", [iam.label(g)]) if s.index != g.index

created_text(creates) := "a user or a role" if {
	count(created(creates)) == 2
} else := sprintf("a %s", [k]) if {
	some k in created(creates)
}

afterwards(creates) := sprintf("and, as %s allows %s, become it", [iam.label(assume_grant[0]), assume_grant[1].value]) if {
	"role" in created(creates)
	assume_grant
} else := "and use it as an administrator of its own making"

# places lists the resources the grants reach.
places(hs) := concat(", ", sort({w | some h in hs; some w in h[2]}))

# actions_text lists the action values with what their wildcards include.
actions_text(hs) := concat(", ", [action_text(h) | some h in hs])

action_text([a, _, _]) := a.value if not a.wildcard

action_text([a, names, _]) := sprintf("%s (%s)", [a.value, concat(", ", [concat(":", [a.service, n]) | some n in names])]) if a.wildcard

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
