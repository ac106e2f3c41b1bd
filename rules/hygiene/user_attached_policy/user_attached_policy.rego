# METADATA
# title: Policy attached to a user where a group should carry it
# description: >-
#   An inventory user has a policy attached directly (users.<name>.policies)
#   in one of the shapes where a group is plainly the better home:
#
#   * a group the user belongs to carries the same policy, so the direct
#     attachment is redundant, and taking the user out of the group (or
#     the policy off the group) leaves the access in place;
#   * a group of the account carries the same policy, and the user is not
#     in it;
#   * other users of the account have the same policy attached directly:
#     they share a job, which is what a group is for.
#
#   A single user with a policy of their own in an account that has no
#   group for it is not reported, unless the option strict is set, which
#   reports every direct attachment (as the CIS benchmarks ask:
#   permissions only through groups). Policies compare by the file they
#   resolve to, system policies by name.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html
#   - ref: https://alibabacloud.com/help/en/resource-access-management/latest/use-ram-to-maintain-security-of-your-alibaba-cloud-resources
#   - ref: https://docs.jdcloud.com/en/iam/user-overview
# custom:
#   id: HYG007
#   name: user-attached-policy
#   severity: warning
#   dialects: [acs, jdcloud, aws]
#   options:
#     strict:
#       type: boolean
#       description: Report every policy attached directly to a user, not only those a group carries or other users share (default false).
#   rationale: >-
#     Access granted user by user drifts: people change teams and keep what
#     they had, and a review has to read every user instead of a handful
#     of groups. Worse, a policy attached both to a user and to their group
#     survives the one change everyone expects to revoke it, removing the
#     user from the group.
#   remediation: >-
#     Attach the policy to a group, put the users in it, and detach it from
#     the users. Where a group already carries it, only the detaching is
#     left.
package rampart.rules.hygiene.user_attached_policy

import data.rampart.lib.result

aggregate contains f if {
	some a in input.accounts
	some u in a.users
	some ref in u.policies
	f := finding(a, u, ref)
}

# finding reports one direct attachment, in the first shape that fits.
finding(a, u, ref) := result.finding_in(msg, a.file, ref.pointer) if {
	some g in member_groups(a, u)
	carries(g, key(ref))
	msg := sprintf("user %s of %s has %s attached directly and also through group %s: the direct attachment is redundant, and removing %s from %s would not take the access away", [u.name, name(a), ref.text, g.name, u.name, g.name])
} else := result.finding_in(msg, a.file, ref.pointer) if {
	gs := sort([g.name | some g in a.groups; carries(g, key(ref))])
	count(gs) > 0
	msg := sprintf("user %s of %s has %s attached directly, which %s: add %s to %s and detach the policy", [u.name, name(a), ref.text, carried_by(gs), u.name, it(gs)])
} else := result.with_related(result.finding_in(msg, a.file, ref.pointer), related) if {
	others := [[o, r] |
		some o in a.users
		o.name != u.name
		some r in o.policies
		key(r) == key(ref)
	]
	count(others) > 0
	names := sort({o.name | some [o, _] in others})
	msg := sprintf("user %s of %s has %s attached directly, as %s %s: give them a group that carries it", [u.name, name(a), ref.text, plural(names), concat(", ", names)])
	related := [result.related_in(sprintf("also attached to %s", [o.name]), a.file, r.pointer) | some [o, r] in others]
} else := result.finding_in(msg, a.file, ref.pointer) if {
	data.rampart.options.HYG007.strict == true
	msg := sprintf("user %s of %s has %s attached directly: grant it through a group", [u.name, name(a), ref.text])
}

# key identifies a policy reference: the document it resolves to, or the
# text of a system policy name that does not resolve.
key(ref) := ref.file if ref.file

key(ref) := concat(":", ["name", ref.text]) if not ref.file

carries(g, k) if {
	some r in g.policies
	key(r) == k
}

member_groups(a, u) := [g |
	some n in u.groups
	some g in a.groups
	g.name == n.name
]

carried_by(gs) := sprintf("group %s carries", [gs[0]]) if count(gs) == 1

carried_by(gs) := sprintf("groups %s carry", [concat(" and ", gs)]) if count(gs) > 1

it(gs) := "it" if count(gs) == 1

it(gs) := "one of them" if count(gs) > 1

plural(names) := "does user" if count(names) == 1

plural(names) := "do users" if count(names) > 1

name(a) := a.alias if a.alias != ""

name(a) := sprintf("account %s", [a.id]) if a.alias == ""
