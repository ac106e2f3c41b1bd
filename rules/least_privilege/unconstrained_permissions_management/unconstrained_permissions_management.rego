# METADATA
# title: Allow manages permissions on every policy, role, user or group
# description: >-
#   An Allow statement grants identity actions the catalogue rates as
#   permissions management (attaching and writing policies, creating and
#   changing roles, users and groups, group membership, control policies)
#   on every resource, or on every resource of their type (role/*,
#   policy/*, user/*): in iam, organizations and IAM Identity Center
#   (aws); ram, ims and Resource Directory (acs); iam (JD Cloud). One
#   finding per statement names the actions. Conditions that pin what
#   may be attached or created (iam:PolicyARN, iam:PermissionsBoundary,
#   iam:AWSServiceName, iam:PassedToService, ram:ServiceName, a resource
#   tag) scope the grant and pass; a source IP range, a VPC or MFA makes
#   the finding a warning. Whole-service wildcards ("iam:*") are LP002's,
#   "*" is LP001's; the credential, MFA, sharing and resource-policy
#   actions of CR001, CR002, DX003 and DX004 are theirs.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_permissions-required.html
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html
#   - ref: https://www.alibabacloud.com/help/en/ram/user-guide/grant-permissions-to-a-ram-user
# custom:
#   id: LP007
#   name: unconstrained-permissions-management
#   severity: error
#   dialects: [acs, jdcloud, aws]
#   kinds: [identity]
#   rationale: >-
#     Permissions management is the step from some access to all of it: a
#     principal that may attach any policy to any role, write any policy
#     version or add any user to any group can make itself, or anyone, an
#     administrator. Unconstrained, these grants are administrator access
#     one call away.
#   remediation: >-
#     Name the roles, users, groups and policies the principal manages
#     (role/app-*, a path such as policy/team-a/*), or pin what it may
#     attach with iam:PolicyARN and require a permissions boundary with
#     iam:PermissionsBoundary on the users and roles it creates.
package rampart.rules.least_privilege.unconstrained_permissions_management

import data.rampart.lib.iam
import data.rampart.lib.result
import data.rampart.rules.credentials.credential_exposure
import data.rampart.rules.credentials.login_security_weakening
import data.rampart.rules.exfiltration.resource_policy_editing
import data.rampart.rules.exfiltration.snapshot_sharing

# identity_services are the services whose permissions-management actions
# change who may do what.
identity_services := {
	"aws": {"iam", "organizations", "sso", "sso-directory", "identitystore", "identity-sync"},
	"acs": {"ram", "ims", "resourcemanager"},
	"jdcloud": {"iam"},
}

deny contains f if {
	some s in input.statements
	s.allow
	hits := [[a, names] |
		some a in s.action.values
		a.service in identity_services[input.dialect]
		not whole_service(a)
		reach(s, a.service)
		names := managed(a)
		count(names) > 0
	]
	count(hits) > 0
	not scoped(s)
	f := finding(s, hits)
}

# whole_service holds for "svc:*" (LP002's) and "*" (LP001's).
whole_service(a) if a.all

whole_service(a) if iam.stars(a.name)

# managed are the permissions-management actions an action value grants,
# as full names, without those another rule of this catalogue reports.
managed(a) := [act.full_name] if {
	not a.wildcard
	act := rampart.action(input.dialect, a.value)
	act != null
	act.level == "permissions-management"
	not elsewhere(a.service, act.name)
} else := [n |
	some n in rampart.expand_level(input.dialect, a.value, "permissions-management")
	not elsewhere(a.service, substring(n, indexof(n, ":") + 1, -1))
] if {
	a.wildcard
}

# elsewhere holds for an action CR001, CR002, DX003 or DX004 reports.
elsewhere(service, name) if name in credential_exposure.actions[input.dialect][service]

elsewhere(service, name) if name in login_security_weakening.actions[input.dialect][service]

elsewhere(service, name) if name in resource_policy_editing.actions[input.dialect][service]

elsewhere(service, name) if name in snapshot_sharing.actions[input.dialect][service]

# reach holds when the statement names every resource, every resource
# but a few (NotResource), or every resource of a type of the service.
reach(s, _) if {
	some r in s.resource.values
	r.all
}

reach(s, _) if s.not_resource

reach(s, service) if {
	some r in s.resource.values
	r.wildcard
	not r.all
	every_of_type(r.value, object.get(name_services, service, service))
}

# name_services maps an action's service to the service its resource names
# use where the two differ: Alibaba's IMS actions name RAM resources.
name_services := {"ims": "ram"}

# every_of_type holds for a name of the service (or of every service) that
# covers every resource of a type: a bare wildcard, or a type followed by
# one (role/*, policy/*).
every_of_type(value, service) if {
	n := rampart.parse_name(value)
	n != null
	rampart.glob(n.service, service, true)
	wild_resource(n)
}

wild_resource(n) if iam.stars(n.resource)

wild_resource(n) if {
	t := n.resource_type
	t != ""
	not iam.wildcard(t)
	iam.stars(substring(n.resource, count(t) + 1, -1))
}

# scoped holds when a condition pins what the statement may attach, pass
# or create, or which principals it may change.
scoped(s) if {
	some c in s.conditions
	not c.negated
	not c.if_exists
	scoping_key(c.key_lower)
}

# organizations:PolicyType is in every request that attaches, creates or
# changes a policy, so IfExists does not loosen it.
scoped(s) if {
	some c in s.conditions
	not c.negated
	c.key_lower == "organizations:policytype"
}

scoping_key(k) if contains(k, ":resourcetag/")

scoping_key(k) if k in {
	"iam:policyarn", "iam:permissionsboundary", "iam:awsservicename", "iam:passedtoservice",
	"iam:organizationspolicyid", "organizations:policytype", "ram:servicename", "aws:resourceaccount",
}

# finding reports the statement at its first granting action value; a
# warning when a condition narrows who can use it and from where.
finding(s, hits) := result.finding(message(s, hits, ""), hits[0][0].pointer) if {
	count(limits(s)) == 0
} else := result.softer(result.finding(message(s, hits, sprintf(", limited only by %s", [concat(" and ", sort(limits(s)))])), hits[0][0].pointer), "warning")

message(s, hits, limited) := sprintf("%s allows %s that manage%s permissions on every resource of their kind (%s)%s: it can give itself or anyone more access", [
	iam.label(s), count_text(count(names)), verb_s(count(names)), examples(names), limited,
]) if {
	names := sort({n | some h in hits; some n in h[1]})
}

count_text(1) := "1 action"

count_text(n) := sprintf("%d actions", [n]) if n != 1

verb_s(1) := "s"

verb_s(n) := "" if n != 1

examples(names) := concat(", ", names) if count(names) <= 4

examples(names) := sprintf("%s and %d more", [concat(", ", array.slice(names, 0, 3)), count(names) - 3]) if count(names) > 4

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
