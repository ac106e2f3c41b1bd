# METADATA
# title: Allow rewrites the trust policy of every role
# description: >-
#   An Allow statement grants the action that replaces a role's trust
#   policy, on every resource or on every role (role/*):
#   iam:UpdateAssumeRolePolicy (aws), ram:UpdateRole, whose
#   NewAssumeRolePolicyDocument parameter replaces the trust (acs),
#   iam:updateAssumeRolePolicy (JD Cloud). It is an error when a statement
#   of the same policy also allows assuming roles (sts:AssumeRole, on any
#   resource: the holder makes a role trust it and then becomes it), and
#   in aws always, since a trust policy that names a principal of its own
#   account by ARN lets it assume the role without any grant of its own;
#   otherwise (acs, jdcloud without an assume grant in the policy) it is a
#   warning. Wildcards such as iam:Update* or ram:* count; "*" is LP001's.
#   Roles named, or a family of names (role/app-*), pass, as do resource
#   tag conditions; a source IP range, a VPC or MFA lowers the finding one
#   step.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
#   - ref: https://www.alibabacloud.com/help/en/ram/developer-reference/api-ims-2019-08-15-updaterole
#   - ref: https://docs.jdcloud.com/en/iam/role
# custom:
#   id: PE005
#   name: trust-rewrite
#   severity: error
#   dialects: [acs, jdcloud, aws]
#   kinds: [identity]
#   rationale: >-
#     The trust policy decides who may become a role. Whoever may rewrite
#     it on every role can make the most privileged role trust itself and
#     assume it. In RAM and JD Cloud the caller also needs sts:AssumeRole
#     in its own policies, so a policy without it is a warning (another
#     policy may still grant it); in AWS a trust that names the caller is
#     enough within the account, so the grant alone is an error.
#   remediation: >-
#     Name the roles whose trust the principal maintains (role/app-*), and
#     keep administrator roles out of that set; change trust policies
#     through a reviewed pipeline.
package rampart.rules.privilege_escalation.trust_rewrite

import data.rampart.lib.iam
import data.rampart.lib.result

# actions are the actions that replace a role's trust policy, by dialect
# and service, each with the kind of resource it changes.
actions := {
	"aws": {"iam": {"UpdateAssumeRolePolicy": "role"}},
	"acs": {"ram": {"UpdateRole": "role"}},
	"jdcloud": {"iam": {"updateAssumeRolePolicy": "role"}},
}

# assume_actions are the actions that assume a role, by dialect.
assume_actions := {"aws": "sts:AssumeRole", "acs": "sts:AssumeRole", "jdcloud": "sts:assumeRole"}

# kinds say, by dialect, which names stand for every resource of a kind: a
# pattern of the service that matches all of the sample names does.
kinds := {
	"aws": {"role": [{"service": "iam", "names": ["role/a", "role/Admin_2.x", "role/path/to/r"]}]},
	"acs": {"role": [{"service": "ram", "names": ["role/a", "role/Admin_2.x"]}]},
	"jdcloud": {"role": [{"service": "iam", "names": ["role/a", "role/Admin_2.x"]}]},
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

# scoped holds when a resource tag condition limits which roles the
# statement reaches.
scoped(s) if {
	some c in s.conditions
	not c.negated
	not c.if_exists
	contains(c.key_lower, ":resourcetag/")
}

# finding reports the statement at its first granting action value: an
# error when the policy also lets the holder assume roles, or in aws; a
# warning otherwise; one step lower when a condition narrows who can use
# the statement and from where.
finding(s, hits) := f if {
	ls := limits(s)
	steps := count([1 | not assume_grant; input.dialect != "aws"]) + count([1 | count(ls) > 0])
	f := soften(result.finding(message(s, hits, consequence, limited(ls)), hits[0][0].pointer), steps)
}

soften(f, 0) := f

soften(f, 1) := result.softer(f, "warning")

soften(f, 2) := result.softer(f, "info")

limited(ls) := "" if {
	count(ls) == 0
} else := sprintf(", limited only by %s", [concat(" and ", sort(ls))])

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

consequence := sprintf("it can make any role trust it and, as %s allows %s, become that role", [iam.label(assume_grant[0]), assume_grant[1].value]) if {
	assume_grant
} else := "it can make any role trust it and, as a trust naming it is enough within the account, become that role" if {
	input.dialect == "aws"
} else := sprintf("it can make any role trust it, and become that role with %s from any of its policies", [assume_actions[input.dialect]])

message(s, hits, what, limited) := sprintf("%s allows %s on %s: %s%s", [iam.label(s), grants(hits), places(hits), what, limited])

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
