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
	carried := carriers[a.file][key(ref)]
	mine := {n.name | some n in u.groups}
	gs := [g | some [_, g] in carried; mine[g]]
	count(gs) > 0
	msg := sprintf("user %s of %s has %s attached directly and also through %s: the direct attachment is redundant, and removing %s from %s would not take the access away", [u.name, name(a), ref.text, groups_phrase(gs), u.name, concat(" or ", gs)])
} else := result.finding_in(msg, a.file, ref.pointer) if {
	carried := carriers[a.file][key(ref)]
	gs := [g | some [_, g] in carried]
	count(gs) > 0
	msg := sprintf("user %s of %s has %s attached directly, which %s: add %s to %s and detach the policy", [u.name, name(a), ref.text, carried_by(gs), u.name, it(gs)])
} else := result.with_related(result.finding_in(msg, a.file, ref.pointer), related) if {
	held := holders[a.file][key(ref)]
	others := [[o, p] | some [_, o, p] in held; o != u.name]
	count(others) > 0
	names := sort({o | some [o, _] in others})
	msg := sprintf("user %s of %s has %s attached directly, as %s %s: give them a group that carries it", [u.name, name(a), ref.text, plural(names), listed(names)])
	related := [result.related_in(sprintf("also attached to %s", [o]), a.file, p) | some [o, p] in array.slice(others, 0, shown)]
} else := result.finding_in(msg, a.file, ref.pointer) if {
	data.rampart.options.HYG007.strict == true
	msg := sprintf("user %s of %s has %s attached directly: grant it through a group", [u.name, name(a), ref.text])
}

# key identifies a policy reference: the document it resolves to, or the
# text of a system policy name that does not resolve.
key(ref) := ref.file if ref.file

key(ref) := concat(":", ["name", ref.text]) if not ref.file

# holders are, by account file and policy key, the users who have the
# policy attached directly: [key, user, pointer] entries.
holders := {a.file: by_key(sort([[key(r), u.name, r.pointer] |
	some u in a.users
	some r in u.policies
])) |
	some a in input.accounts
}

# carriers are, by account file and policy key, the groups that carry the
# policy: [key, group] entries, by group name.
carriers := {a.file: by_key(sort({[key(r), g.name] |
	some g in a.groups
	some r in g.policies
})) |
	some a in input.accounts
}

# by_key groups a sorted list of entries by their first element: runs of
# equal keys become one list each, in one pass.
by_key(sorted) := {sorted[i][0]: array.slice(sorted, i, end) |
	some j, i in starts
	end := run_end(starts, j, count(sorted))
} if {
	starts := [i | some i, e in sorted; run_start(sorted, i)]
}

run_start(_, 0)

run_start(sorted, i) if {
	i > 0
	sorted[i - 1][0] != sorted[i][0]
}

run_end(starts, j, _) := starts[j + 1] if j + 1 < count(starts)

run_end(starts, j, n) := n if j + 1 == count(starts)

groups_phrase(gs) := sprintf("group %s", [gs[0]]) if count(gs) == 1

groups_phrase(gs) := sprintf("groups %s", [concat(" and ", gs)]) if count(gs) > 1

carried_by(gs) := sprintf("group %s carries", [gs[0]]) if count(gs) == 1

carried_by(gs) := sprintf("groups %s carry", [concat(" and ", gs)]) if count(gs) > 1

it(gs) := "it" if count(gs) == 1

it(gs) := "one of them" if count(gs) > 1

# shown is how many other holders a finding names.
shown := 5

listed(names) := concat(", ", names) if count(names) <= shown

listed(names) := sprintf("%s and %d more", [concat(", ", array.slice(names, 0, shown)), count(names) - shown]) if count(names) > shown

plural(names) := "does user" if count(names) == 1

plural(names) := "do users" if count(names) > 1

name(a) := a.alias if a.alias != ""

name(a) := sprintf("account %s", [a.id]) if a.alias == ""
