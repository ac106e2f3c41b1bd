# METADATA
# title: Allow writes on every resource where it could name them
# description: >-
#   An Allow statement grants write actions on every resource ("*",
#   acs:*:*:*:*, …) although the catalogue says they accept named
#   resources: s3:PutObject takes objects, ecs:DeleteInstance instances,
#   oss:PutObject objects. Actions that accept only "*" (s3:CreateJob,
#   iam:CreateAccountAlias, ec2:BundleInstance …) are not reported:
#   naming resources is not possible for them, the classic false positive
#   of linters that flag every "*". Wildcard patterns count when they
#   include such actions; whole-service wildcards of services with
#   permissions-management actions are LP002's, "*" is LP001's, and the
#   actions DX001 to DX005, CR001 and CR002 name are theirs. A resource
#   tag or resource account condition scopes the grant and passes; a
#   source IP range, a VPC or MFA makes the finding informational. acs and
#   JD Cloud actions whose resource types the catalogue does not know are
#   not reported.
# related_resources:
#   - ref: https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
#   - ref: https://github.com/aquasecurity/trivy/issues/5040
# custom:
#   id: LP005
#   name: write-on-any-resource
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   kinds: [identity]
#   rationale: >-
#     A write on every resource reaches every bucket, instance and table
#     of the account, those of other teams and those created next year.
#     When the action can be limited to named resources, "*" is a choice,
#     and the blast radius of a leaked key or a buggy script is the whole
#     account instead of the resources the principal exists for.
#   remediation: >-
#     Name the resources (arn:aws:s3:::uploads/*,
#     acs:ecs:*:*:instance/i-web*), or scope the statement with a
#     resource tag condition. Keep actions that accept only "*" in a
#     statement of their own, so that the "*" is visibly necessary.
package rampart.rules.least_privilege.write_on_any_resource

import data.rampart.lib.iam
import data.rampart.lib.result
import data.rampart.rules.credentials.credential_exposure
import data.rampart.rules.credentials.login_security_weakening
import data.rampart.rules.exfiltration.audit_trail_tampering
import data.rampart.rules.exfiltration.resource_policy_editing
import data.rampart.rules.exfiltration.snapshot_sharing
import data.rampart.rules.exfiltration.unconstrained_object_read
import data.rampart.rules.exfiltration.unconstrained_secret_read

deny contains f if {
	some s in input.statements
	s.allow
	everywhere := [r | some r in s.resource.values; r.all]
	count(everywhere) > 0
	named := [[a, act] |
		some a in s.action.values
		not a.wildcard
		act := rampart.action(input.dialect, a.value)
		act != null
		act.level == "write"
		not elsewhere(a.service, act.name)
		narrowable(act)
	]
	patterns := [[a, n] |
		some a in s.action.values
		a.wildcard
		not a.all
		not iam.wildcard(a.service)
		not lp002(a)
		n := rampart.expand_levels(input.dialect, a.value)
		n.write
		some_narrowable(a)
	]
	count(named) + count(patterns) > 0
	not scoped(s)
	f := finding(s, everywhere[0], named, patterns)
}

# lp002 holds for a whole-service wildcard LP002 reports: a service with
# permissions-management actions, or STS.
lp002(a) if {
	iam.stars(a.name)
	n := rampart.expand_levels(input.dialect, a.value)
	n["permissions-management"]
}

lp002(a) if {
	iam.stars(a.name)
	a.service == "sts"
}

# elsewhere holds for an action another rule of this catalogue reports.
elsewhere(service, name) if name in credential_exposure.actions[input.dialect][service]

elsewhere(service, name) if name in login_security_weakening.actions[input.dialect][service]

elsewhere(service, name) if name in audit_trail_tampering.actions[input.dialect][service]

elsewhere(service, name) if name in resource_policy_editing.actions[input.dialect][service]

elsewhere(service, name) if name in snapshot_sharing.actions[input.dialect][service]

elsewhere(service, name) if name in unconstrained_object_read.actions[input.dialect][service]

elsewhere(service, name) if name in unconstrained_secret_read.actions[input.dialect][service]

# narrowable holds for an action that accepts a resource type whose names
# pick resources: a type whose name, after region and account, is more
# than a wildcard (object, instance, not ActionTrail's account-wide "*").
narrowable(act) if {
	act.resource_types_known
	some rt in act.resource_types
	not iam.stars(relative(rt.template))
}

# relative is the part of a name template after its region and account.
relative(template) := concat(":", array.slice(parts, 5, count(parts))) if {
	parts := split(template, ":")
	parts[0] == "arn"
} else := concat(":", array.slice(parts, 4, count(parts))) if {
	parts := split(template, ":")
}

# some_narrowable holds when a pattern includes a narrowable write action
# no other rule reports; it stops at the first.
some_narrowable(a) if {
	some name in rampart.expand_level(input.dialect, a.value, "write")
	act := rampart.action(input.dialect, name)
	not elsewhere(a.service, act.name)
	narrowable(act)
}

# scoped holds when a condition limits which resources the statement
# reaches: a resource tag, the resource's account or organization.
scoped(s) if {
	some c in s.conditions
	not c.negated
	not c.if_exists
	scoping_key(c.key_lower)
}

scoping_key(k) if contains(k, ":resourcetag/")

scoping_key(k) if k in {"aws:resourceaccount", "aws:resourceorgid", "aws:resourceorgpaths", "s3:resourceaccount"}

finding(s, r, named, patterns) := result.finding(msg, r.pointer) if {
	count(limits(s)) == 0
	msg := sprintf("%s allows %s on every resource, though %s: name the resources instead", [iam.label(s), what(named, patterns), they(named, patterns)])
} else := result.softer(result.finding(msg, r.pointer), "info") if {
	msg := sprintf("%s allows %s on every resource, though %s, limited only by %s", [iam.label(s), what(named, patterns), they(named, patterns), concat(" and ", sort(limits(s)))])
}

# what lists the write actions, up to four, with the resource types they
# take, and the patterns with how many write actions they include.
what(named, patterns) := concat(", ", array.concat(
	[sprintf("%s (%s)", [act.full_name, types(act)]) | some i, [_, act] in named; i < 4],
	array.concat(
		[sprintf("%d more", [count(named) - 4]) | count(named) > 4],
		[sprintf("%s (%d write actions)", [a.value, n.write]) | some [a, n] in patterns],
	),
))

types(act) := concat(", ", sort({rt.name | some rt in act.resource_types; not iam.stars(relative(rt.template))}))

they(named, _) := "it accepts named resources" if {
	count(named) == 1
} else := "they accept named resources" if {
	count(named) > 1
} else := "they include actions that accept named resources"

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
